// A step's prediction: the `### Predict` block that ends a step's section, read strictly (content/README.md).

import { ContentError } from './content-error';
import { renderInline } from './markdown';

/** The answer a choice stands for, as the wire would say it: a status, and the error's code and message if any. */
export interface PredictionExpect {
  status: number;
  /** The bare error code (`MissingAuthenticationTokenException`), as AWS's error envelope names it. */
  code?: string;
  /** The error's text exactly, when the code alone does not tell two answers apart. */
  message?: string;
}

export interface PredictionChoice {
  /** The expected answer as written (`400 MissingAuthenticationTokenException`): the choice's stable id. */
  id: string;
  expect: PredictionExpect;
  /** The choice's words, inline HTML. */
  labelHtml: string;
  /** Why it is right, or why not, inline HTML. */
  reasonHtml: string;
  right: boolean;
}

export interface Prediction {
  /**
   * The exchange whose answer is asked about: the step's first from `from` to `to` (with this operation, when
   * given). The player pauses after its request.
   */
  exchange: { from: string; to: string; operation?: string };
  questionHtml: string;
  /** Three or four, in the order written; exactly one is right. */
  choices: PredictionChoice[];
}

export const PREDICT_HEADING = /^### Predict(?:\b|$)/;
const HEADING = /^### Predict: ([a-z][a-z0-9-]*) (?:→|->) ([a-z][a-z0-9-]*)(?: ([A-Za-z][A-Za-z0-9]*))?$/;
const CHOICE = /^- \[( |x|X)\] (.*)$/;
const EXPECT = /^expect: (.*)$/;
const EXPECT_VALUE = /^([1-5]\d\d)(?: ([A-Za-z][A-Za-z0-9]*))?(?: "([^"]+)")?$/;
const CONTINUATION = /^ {2,}\S/;

/** `400 MissingAuthenticationTokenException`, `200`, `401 UnauthorizedException "The incoming token has expired"`. */
export function parseExpect(text: string): PredictionExpect | undefined {
  const match = EXPECT_VALUE.exec(text);
  if (!match) return undefined;
  const [, status = '', code, message] = match;
  return {
    status: Number(status),
    ...(code === undefined ? {} : { code }),
    ...(message === undefined ? {} : { message })
  };
}

interface Draft {
  line: number;
  right: boolean;
  label: string;
  expect?: { id: string; value: PredictionExpect };
  reason: string[];
}

/**
 * Reads a `### Predict` block: `lines` from its heading to the end of its section, the heading on line `first`
 * of `file`. Throws a ContentError naming the line of whatever is malformed.
 */
export function parsePrediction(lines: readonly string[], file: string, first: number): Prediction {
  const heading = HEADING.exec(lines[0] ?? '');
  if (!heading) {
    throw new ContentError(
      file,
      `write the prediction's heading as "### Predict: <from> → <to>" with participant ids, and the operation ` +
        `if the step has more than one such exchange (e.g. "### Predict: app → dynamodb GetItem")`,
      first
    );
  }
  const [, from = '', to = '', operation] = heading;

  const question: string[] = [];
  const choices: Draft[] = [];
  let index = 1;
  while (index < lines.length && (lines[index] ?? '').trim() === '') index++;
  for (; index < lines.length; index++) {
    const text = lines[index] ?? '';
    if (text.trim() === '' || text.startsWith('- ')) break;
    question.push(text.trim());
  }
  if (question.length === 0) {
    throw new ContentError(file, 'a prediction needs its question, a paragraph under "### Predict"', first);
  }

  /** The choice being read; a blank line ends it. */
  let open: Draft | undefined;
  for (; index < lines.length; index++) {
    const text = lines[index] ?? '';
    const line = first + index;
    if (text.trim() === '') {
      open = undefined;
      continue;
    }
    const choice = CHOICE.exec(text);
    if (choice) {
      const [, mark = ' ', label = ''] = choice;
      open = { line, right: mark !== ' ', label: label.trim(), reason: [] };
      if (open.label === '') throw new ContentError(file, 'a choice needs its words after the box', line);
      choices.push(open);
      continue;
    }
    if (text.startsWith('- ')) {
      throw new ContentError(
        file,
        'a choice starts "- [ ] " (or "- [x] " for the right one), then its words',
        line
      );
    }
    if (!open || !CONTINUATION.test(text)) {
      throw new ContentError(
        file,
        `${JSON.stringify(text.trim())} does not belong in a Predict block: after the question come only the ` +
          'choices, each "- [ ] words" with its "expect:" line and its reason indented under it',
        line
      );
    }
    const body = text.trim();
    if (open.expect === undefined) {
      const expectLine = EXPECT.exec(body);
      const value = expectLine && parseExpect(expectLine[1] ?? '');
      if (!expectLine || !value) {
        throw new ContentError(
          file,
          `the first line under a choice is what the wire would answer: "expect: <status> [ErrorCode] ["message"]"` +
            ` (e.g. "expect: 400 MissingAuthenticationTokenException"), not ${JSON.stringify(body)}`,
          line
        );
      }
      open.expect = { id: expectLine[1] ?? '', value };
    } else open.reason.push(body);
  }

  if (choices.length < 3 || choices.length > 4) {
    throw new ContentError(file, `a prediction offers 3 or 4 choices, not ${choices.length}`, first);
  }
  const rights = choices.filter((choice) => choice.right);
  if (rights.length !== 1) {
    throw new ContentError(
      file,
      `exactly one choice is marked right with "- [x]", not ${rights.length}`,
      rights[1]?.line ?? first
    );
  }
  const seen = new Map<string, number>();
  const read = choices.map((choice): PredictionChoice => {
    if (!choice.expect) {
      throw new ContentError(file, 'a choice needs an "expect:" line and its reason under it', choice.line);
    }
    if (choice.reason.length === 0) {
      throw new ContentError(
        file,
        'a choice needs its reason under its "expect:" line: why it is right, or why not',
        choice.line
      );
    }
    const earlier = seen.get(choice.expect.id);
    if (earlier !== undefined) {
      throw new ContentError(
        file,
        `two choices expect the same answer "${choice.expect.id}" (the first at line ${earlier})`,
        choice.line
      );
    }
    seen.set(choice.expect.id, choice.line);
    return {
      id: choice.expect.id,
      expect: choice.expect.value,
      labelHtml: renderInline(choice.label),
      reasonHtml: renderInline(choice.reason.join(' ')),
      right: choice.right
    };
  });

  return {
    exchange: { from, to, ...(operation === undefined ? {} : { operation }) },
    questionHtml: renderInline(question.join(' ')),
    choices: read
  };
}
