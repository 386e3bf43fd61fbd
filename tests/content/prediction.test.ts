// Predict blocks: a well-formed one is read into a question and its choices; every malformed one is refused with
// the file and the line at fault.
import { describe, expect, it } from 'vitest';
import { ContentError, parseExpect, parseNarration } from '../../src/lib/content';

const FILE = 'content/99-test/fixture.md';
const outline = [{ id: 'demo', steps: [{ id: 'first' }, { id: 'second' }] }];

/** The file's lines from line 1: frontmatter (lines 1–5), then `body` from line 6. */
function source(body: string): string {
  return `---\nscenario: demo\ntitle: Demo\nlede: A demo.\n---\n${body}`;
}

const CHOICES = [
  '- [ ] 200, with the order',
  '      expect: 200',
  '      Not without a signature.',
  '- [x] 400 `MissingAuthenticationTokenException`',
  '      expect: 400 MissingAuthenticationTokenException',
  '      No `AWS4-HMAC-SHA256` signature,',
  '      so nobody signed it.',
  '- [ ] 401 Unauthorized',
  '      expect: 401 UnauthorizedException "Unauthorized"',
  '      That is API Gateway.'
];

/** A narration whose step `first` has prose and then `block` (its first line is line 10). */
function withBlock(block: readonly string[]): string {
  return source(
    ['## first', '', 'Some prose about the step.', '', ...block, '', '## second', '', 'More.'].join('\n')
  );
}

const VALID = ['### Predict: app → dynamodb GetItem', '', 'What will DynamoDB answer?', '', ...CHOICES];

function refusal(text: string): ContentError {
  try {
    parseNarration(text, FILE, outline);
  } catch (error) {
    if (error instanceof ContentError) return error;
    throw error;
  }
  throw new Error('the block was accepted');
}

describe('Predict blocks', () => {
  it('reads the exchange, the question and each choice with its expected answer and reason', () => {
    const narration = parseNarration(withBlock(VALID), FILE, outline);
    const prediction = narration.predictions.get('first');
    expect(prediction?.exchange).toEqual({ from: 'app', to: 'dynamodb', operation: 'GetItem' });
    expect(prediction?.questionHtml).toBe('What will DynamoDB answer?');
    expect(prediction?.choices.map((choice) => [choice.id, choice.right])).toEqual([
      ['200', false],
      ['400 MissingAuthenticationTokenException', true],
      ['401 UnauthorizedException "Unauthorized"', false]
    ]);
    expect(prediction?.choices[1]?.labelHtml).toBe('400 <code>MissingAuthenticationTokenException</code>');
    expect(prediction?.choices[1]?.reasonHtml).toBe(
      'No <code>AWS4-HMAC-SHA256</code> signature, so nobody signed it.'
    );
    expect(prediction?.choices[2]?.expect).toEqual({
      status: 401,
      code: 'UnauthorizedException',
      message: 'Unauthorized'
    });
    expect(narration.predictions.has('second')).toBe(false);
  });

  it('keeps the block out of the step’s words (they are shown only after the answer)', () => {
    const narration = parseNarration(withBlock(VALID), FILE, outline);
    expect(narration.steps.get('first')).toBe('<p>Some prose about the step.</p>');
  });

  it('accepts -> for the arrow and no operation', () => {
    const block = ['### Predict: app -> api-gateway', '', 'What comes back?', '', ...CHOICES];
    const prediction = parseNarration(withBlock(block), FILE, outline).predictions.get('first');
    expect(prediction?.exchange).toEqual({ from: 'app', to: 'api-gateway' });
  });

  it.each([
    [
      'a heading without the exchange',
      ['### Predict', '', 'Q?', '', ...CHOICES],
      10,
      /Predict: <from> → <to>/
    ],
    ['a heading naming no participant', ['### Predict: DynamoDB', '', 'Q?', '', ...CHOICES], 10, /heading/],
    ['no question', ['### Predict: app → dynamodb', '', ...CHOICES], 10, /needs its question/],
    [
      'two choices',
      ['### Predict: app → dynamodb', '', 'Q?', '', ...CHOICES.slice(0, 7)],
      10,
      /3 or 4 choices, not 2/
    ],
    [
      'five choices',
      [
        '### Predict: app → dynamodb',
        '',
        'Q?',
        '',
        ...CHOICES,
        '- [ ] 403',
        '  expect: 403',
        '  No.',
        '- [ ] 500',
        '  expect: 500',
        '  No.'
      ],
      10,
      /3 or 4 choices, not 5/
    ],
    [
      'no right choice',
      ['### Predict: app → dynamodb', '', 'Q?', '', ...CHOICES.map((line) => line.replace('[x]', '[ ]'))],
      10,
      /exactly one choice is marked right .* not 0/
    ],
    [
      'two right choices',
      [
        '### Predict: app → dynamodb',
        '',
        'Q?',
        '',
        ...CHOICES.map((line) => line.replace('[ ] 401', '[x] 401'))
      ],
      21,
      /exactly one choice is marked right .* not 2/
    ],
    [
      'a choice without its box',
      ['### Predict: app → dynamodb', '', 'Q?', '', '- 200', ...CHOICES],
      14,
      /a choice starts "- \[ \] "/
    ],
    [
      'a choice without an expect line',
      ['### Predict: app → dynamodb', '', 'Q?', '', '- [ ] 200', '  Not signed.', ...CHOICES.slice(3)],
      15,
      /"expect: <status> \[ErrorCode\]/
    ],
    [
      'an expect that is not a status and a code',
      [
        '### Predict: app → dynamodb',
        '',
        'Q?',
        '',
        '- [ ] 200',
        '  expect: OK',
        '  No.',
        ...CHOICES.slice(3)
      ],
      15,
      /not "expect: OK"/
    ],
    [
      'a choice with no reason',
      ['### Predict: app → dynamodb', '', 'Q?', '', '- [ ] 200', '  expect: 200', ...CHOICES.slice(3)],
      14,
      /needs its reason/
    ],
    [
      'two choices expecting the same answer',
      ['### Predict: app → dynamodb', '', 'Q?', '', '- [ ] 200', '  expect: 200', '  No.', ...CHOICES],
      17,
      /two choices expect the same answer "200" \(the first at line 14\)/
    ],
    [
      'prose after the choices',
      ['### Predict: app → dynamodb', '', 'Q?', '', ...CHOICES, '', 'What to notice: more prose.'],
      25,
      /does not belong in a Predict block/
    ],
    [
      'a heading after the block',
      ['### Predict: app → dynamodb', '', 'Q?', '', ...CHOICES, '', '### Why'],
      25,
      /"### Why" does not belong/
    ]
  ])('refuses %s, naming its line', (_name, block, line, message) => {
    const error = refusal(withBlock(block));
    expect(error.file).toBe(FILE);
    expect(error.line).toBe(line);
    expect(error.message).toMatch(message);
    expect(error.message.startsWith(`${FILE}:${line}: `)).toBe(true);
  });

  it('refuses a block outside a step section, and a second block in one section', () => {
    const intro = refusal(source(['### Predict: app → dynamodb', '', '## first', '', 'Prose.'].join('\n')));
    expect([intro.line, intro.message]).toEqual([
      6,
      expect.stringMatching(/belongs at the end of a step section/)
    ]);
    const twice = refusal(withBlock([...VALID, '', ...VALID]));
    expect(twice.line).toBe(25);
    expect(twice.message).toMatch(/has a Predict block already \(at line 10\)/);
  });

  it('reads expected answers strictly', () => {
    expect(parseExpect('200')).toEqual({ status: 200 });
    expect(parseExpect('403 AccessDenied')).toEqual({ status: 403, code: 'AccessDenied' });
    expect(parseExpect('401 UnauthorizedException "The incoming token has expired"')).toEqual({
      status: 401,
      code: 'UnauthorizedException',
      message: 'The incoming token has expired'
    });
    for (const wrong of [
      '',
      'OK',
      '20',
      '2000',
      '600',
      '400  Code',
      '400 Code extra',
      '400 "unclosed',
      '400 com.x#Y'
    ])
      expect(parseExpect(wrong), wrong).toBeUndefined();
  });
});
