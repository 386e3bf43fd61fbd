// Parses the words of "Which pool do I need?" (content/guide/*.md): its introduction, each question, each answer, the reasons.

import { ContentError } from './content-error';
import { parseFrontmatter, readFields, type Frontmatter } from './frontmatter';
import { renderInline, renderMarkdown } from './markdown';

/** The ids the guide's logic uses; every one must have its words, and no words may name another. */
export interface GuideIds {
  questions: readonly { id: string; choices: readonly string[] }[];
  answers: readonly string[];
  reasons: readonly string[];
}

export interface GuideQuestion {
  id: string;
  /** Plain text: the fieldset's legend. */
  legend: string;
  /** Markdown under the legend, as HTML; '' when there is none. */
  helpHtml: string;
  /** In the logic's order; each label is inline HTML. */
  choices: { id: string; labelHtml: string }[];
}

export interface GuideAnswer {
  title: string;
  html: string;
}

export interface GuideContent {
  title: string;
  ledeHtml: string;
  introHtml: string;
  /** In the logic's order. */
  questions: GuideQuestion[];
  /** Answer id → its words. */
  answers: Record<string, GuideAnswer>;
  /** The heading over the reasons. */
  reasonsTitle: string;
  /** Reason id → HTML. */
  reasons: Record<string, string>;
}

export const GUIDE_FOLDER = 'content/guide/';
const INDEX = `${GUIDE_FOLDER}index.md`;
const REASONS = `${GUIDE_FOLDER}reasons.md`;
const QUESTION = /^content\/guide\/question-([a-z0-9-]+)\.md$/;
const ANSWER = /^content\/guide\/answer-([a-z0-9-]+)\.md$/;

const SECTION = /^## (.*)$/;
const RESERVED_HEADING = /^ {0,3}#{1,2}(?:\s|$)/;
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;

/**
 * Splits a body into the text before the first `## <id>` heading and one section per heading. Throws for a
 * heading whose id is not in `allowed`, one that appears twice, or a section with nothing in it.
 */
function sections(
  frontmatter: Frontmatter,
  file: string,
  allowed: readonly string[],
  what: string
): { before: string; sections: Map<string, string> } {
  const before: string[] = [];
  const found = new Map<string, { line: number; lines: string[] }>();
  let current: string[] = before;
  let fence: string | undefined;
  frontmatter.body.split('\n').forEach((text, index) => {
    const line = frontmatter.bodyLine + index;
    if (fence !== undefined) {
      const close = FENCE_OPEN.exec(text)?.[1];
      if (close && close[0] === fence[0] && close.length >= fence.length && text.trim() === close)
        fence = undefined;
      current.push(text);
      return;
    }
    fence = FENCE_OPEN.exec(text)?.[1];
    if (fence !== undefined || !RESERVED_HEADING.test(text)) {
      current.push(text);
      return;
    }
    const id = SECTION.exec(text)?.[1];
    if (id === undefined || !allowed.includes(id)) {
      throw new ContentError(
        file,
        `${JSON.stringify(text)} is not a ${what} heading: write "## <id>" with one of ${allowed.join(', ')}`,
        line
      );
    }
    const earlier = found.get(id);
    if (earlier)
      throw new ContentError(file, `"## ${id}" appears twice (first at line ${earlier.line})`, line);
    current = [];
    found.set(id, { line, lines: current });
  });
  if (fence !== undefined) throw new ContentError(file, `a code block opened with ${fence} is never closed`);
  const rendered = new Map<string, string>();
  for (const [id, { line, lines }] of found) {
    const source = lines.join('\n').trim();
    if (source === '') throw new ContentError(file, `"## ${id}" is empty`, line);
    rendered.set(id, source);
  }
  return { before: before.join('\n'), sections: rendered };
}

function missing(file: string, expected: readonly string[], present: Iterable<string>, what: string): void {
  const have = new Set(present);
  const absent = expected.filter((id) => !have.has(id));
  if (absent.length > 0) throw new ContentError(file, `no words for ${what} ${absent.join(', ')}`);
}

function parseQuestion(source: string, file: string, question: GuideIds['questions'][number]): GuideQuestion {
  const frontmatter = parseFrontmatter(source, file);
  const fields = readFields(frontmatter, file, ['question', 'legend']);
  if (fields.question !== question.id) {
    throw new ContentError(file, `frontmatter question "${fields.question}" does not match the file name`);
  }
  const parts = sections(frontmatter, file, question.choices, `choice of "${question.id}"`);
  missing(file, question.choices, parts.sections.keys(), 'the choices');
  return {
    id: question.id,
    legend: fields.legend,
    helpHtml: renderMarkdown(parts.before),
    choices: question.choices.map((id) => {
      const label = parts.sections.get(id) ?? '';
      // A label is one paragraph: inline markdown, no wrapping <p>.
      if (/\n\s*\n/.test(label))
        throw new ContentError(file, `the label of choice "${id}" must be one paragraph`);
      return { id, labelHtml: renderInline(label) };
    })
  };
}

/**
 * Builds the guide's words from `files` (path → text, the paths under content/guide/, a leading `/` is fine),
 * against the ids the logic uses. Throws a ContentError naming the file for anything malformed, a file that is
 * none of the guide's kinds, an id the logic does not know, or an id of the logic without words.
 */
export function buildGuide(files: Record<string, string>, ids: GuideIds): GuideContent {
  let index: Pick<GuideContent, 'title' | 'ledeHtml' | 'introHtml'> | undefined;
  let reasons: Pick<GuideContent, 'reasonsTitle' | 'reasons'> | undefined;
  const questions = new Map<string, GuideQuestion>();
  const answers: Record<string, GuideAnswer> = {};
  for (const path of Object.keys(files).sort()) {
    const file = path.replace(/^\/+/, '');
    const source = files[path] ?? '';
    if (file === INDEX) {
      const frontmatter = parseFrontmatter(source, file);
      const fields = readFields(frontmatter, file, ['title', 'lede']);
      index = {
        title: fields.title,
        ledeHtml: renderInline(fields.lede),
        introHtml: renderMarkdown(frontmatter.body)
      };
      continue;
    }
    if (file === REASONS) {
      const frontmatter = parseFrontmatter(source, file);
      const fields = readFields(frontmatter, file, ['title']);
      const parts = sections(frontmatter, file, ids.reasons, 'reason');
      if (parts.before.trim() !== '')
        throw new ContentError(file, 'text before the first "## <reason-id>" heading');
      missing(file, ids.reasons, parts.sections.keys(), 'the reasons');
      reasons = {
        reasonsTitle: fields.title,
        reasons: Object.fromEntries([...parts.sections].map(([id, text]) => [id, renderMarkdown(text)]))
      };
      continue;
    }
    const questionId = QUESTION.exec(file)?.[1];
    if (questionId !== undefined) {
      const question = ids.questions.find((q) => q.id === questionId);
      if (!question) {
        throw new ContentError(
          file,
          `unknown question "${questionId}" (known: ${ids.questions.map((q) => q.id).join(', ')})`
        );
      }
      questions.set(question.id, parseQuestion(source, file, question));
      continue;
    }
    const answerId = ANSWER.exec(file)?.[1];
    if (answerId !== undefined) {
      if (!ids.answers.includes(answerId)) {
        throw new ContentError(file, `unknown answer "${answerId}" (known: ${ids.answers.join(', ')})`);
      }
      const frontmatter = parseFrontmatter(source, file);
      const fields = readFields(frontmatter, file, ['answer', 'title']);
      if (fields.answer !== answerId) {
        throw new ContentError(file, `frontmatter answer "${fields.answer}" does not match the file name`);
      }
      const html = renderMarkdown(frontmatter.body);
      if (html === '') throw new ContentError(file, 'the answer has no text');
      answers[answerId] = { title: fields.title, html };
      continue;
    }
    throw new ContentError(
      file,
      `not a guide file: expected ${INDEX}, ${REASONS}, ${GUIDE_FOLDER}question-<id>.md or ${GUIDE_FOLDER}answer-<id>.md`
    );
  }
  if (!index) throw new ContentError(INDEX, 'missing: the guide page needs it');
  if (!reasons) throw new ContentError(REASONS, 'missing: the guide needs the words of its reasons');
  const ordered = ids.questions.map((question) => {
    const words = questions.get(question.id);
    if (!words) {
      throw new ContentError(
        `${GUIDE_FOLDER}question-${question.id}.md`,
        'missing: the guide asks this question'
      );
    }
    return words;
  });
  for (const answer of ids.answers) {
    if (!answers[answer])
      throw new ContentError(`${GUIDE_FOLDER}answer-${answer}.md`, 'missing: the guide gives this answer');
  }
  return {
    ...index,
    questions: ordered,
    answers,
    ...reasons
  };
}
