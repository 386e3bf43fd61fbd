// The guide's words: every id of its logic has them, and a malformed or stray file is refused by name.
import { describe, expect, it } from 'vitest';
import { buildGuide, ContentError, guide, type GuideIds } from '../../src/lib/content';
import { ANSWER_IDS, QUESTIONS, REASON_IDS } from '../../src/lib/guide';

const ids: GuideIds = {
  questions: [{ id: 'where', choices: ['here', 'there'] }],
  answers: ['yes-pool'],
  reasons: ['because']
};

/** A complete, valid set of fixture files; a test replaces or adds one. */
function fixture(overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const files: Record<string, string | undefined> = {
    '/content/guide/index.md': '---\ntitle: Guide\nlede: A `lede`.\n---\n\nIntro.\n',
    '/content/guide/question-where.md':
      '---\nquestion: where\nlegend: Where?\n---\n\nHelp.\n\n## here\n\n**Here**, close\n\n## there\n\nThere\n',
    '/content/guide/answer-yes-pool.md': '---\nanswer: yes-pool\ntitle: A pool\n---\n\nSummary.\n',
    '/content/guide/reasons.md': '---\ntitle: Why\n---\n\n## because\n\nIt is so.\n',
    ...overrides
  };
  return Object.fromEntries(
    Object.entries(files).filter((entry): entry is [string, string] => entry[1] !== undefined)
  );
}

function refusal(files: Record<string, string>): ContentError {
  try {
    buildGuide(files, ids);
  } catch (error) {
    expect(error).toBeInstanceOf(ContentError);
    return error as ContentError;
  }
  throw new Error('buildGuide accepted the files');
}

/** The text of some HTML, tags dropped and the entities markdown writes undone. */
const plain = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

describe('the guide content', () => {
  it('has words for every question and choice, in the logic’s order', () => {
    expect(guide.questions.map((q) => q.id)).toEqual(QUESTIONS.map((q) => q.id));
    guide.questions.forEach((question, i) => {
      expect(question.choices.map((c) => c.id)).toEqual([...(QUESTIONS[i]?.choices ?? [])]);
      expect(question.legend).toMatch(/\?$/);
      for (const choice of question.choices)
        expect(plain(choice.labelHtml).length, choice.id).toBeGreaterThan(3);
    });
  });

  it('has words for every answer and every reason, and none for an unknown id', () => {
    expect(Object.keys(guide.answers).sort()).toEqual([...ANSWER_IDS].sort());
    expect(Object.keys(guide.reasons).sort()).toEqual([...REASON_IDS].sort());
    for (const id of ANSWER_IDS) expect(plain(guide.answers[id]?.html ?? '').length, id).toBeGreaterThan(80);
    for (const id of REASON_IDS) expect(plain(guide.reasons[id] ?? '').length, id).toBeGreaterThan(80);
    expect(guide.title).toBe('Which pool do I need?');
  });

  it('states the facts the recommendations rest on', () => {
    const reason = (id: (typeof REASON_IDS)[number]) => plain(guide.reasons[id] ?? '');
    expect(reason('aws-wants-sigv4')).toContain('MissingAuthenticationTokenException');
    expect(reason('rows-by-identity-id')).toContain('${cognito-identity.amazonaws.com:sub}');
    expect(reason('rows-by-identity-id')).toContain('identity id');
    expect(reason('saml-straight-to-identity-pool')).toMatch(
      /SAML response.*Logins.*ARN.*enhanced flow only/s
    );
    expect(reason('identity-pool-trusts-google')).toContain('accounts.google.com');
    expect(reason('identity-pool-trades-id-token')).toContain(
      'cognito-idp.<region>.amazonaws.com/<user pool id>'
    );
    expect(reason('public-api-needs-no-pool')).toContain('execute-api');
  });

  it('parses valid files', () => {
    const built = buildGuide(fixture(), ids);
    expect(built.title).toBe('Guide');
    expect(built.ledeHtml).toBe('A <code>lede</code>.');
    expect(built.questions[0]?.helpHtml).toBe('<p>Help.</p>');
    expect(built.questions[0]?.choices).toEqual([
      { id: 'here', labelHtml: '<strong>Here</strong>, close' },
      { id: 'there', labelHtml: 'There' }
    ]);
    expect(built.answers['yes-pool']).toEqual({ title: 'A pool', html: '<p>Summary.</p>' });
    expect(built.reasonsTitle).toBe('Why');
    expect(built.reasons.because).toBe('<p>It is so.</p>');
  });

  it('escapes raw HTML in the words', () => {
    const built = buildGuide(
      fixture({
        '/content/guide/reasons.md': '---\ntitle: Why\n---\n\n## because\n\n<script>alert(1)</script>\n'
      }),
      ids
    );
    expect(built.reasons.because).not.toContain('<script>');
  });

  it.each([
    [
      'a file of no known kind',
      { '/content/guide/notes.md': '---\ntitle: x\n---\n' },
      /notes\.md: not a guide file/
    ],
    [
      'a file in a subfolder',
      { '/content/guide/extra/answer-yes-pool.md': 'x' },
      /extra\/answer-yes-pool\.md: not a guide file/
    ],
    [
      'an unknown question',
      { '/content/guide/question-when.md': '---\nquestion: when\nlegend: W?\n---\n' },
      /question-when\.md: unknown question "when"/
    ],
    [
      'an unknown answer',
      { '/content/guide/answer-no-pool.md': '---\nanswer: no-pool\ntitle: x\n---\nx' },
      /answer-no-pool\.md: unknown answer/
    ],
    ['a missing question', { '/content/guide/question-where.md': undefined }, /question-where\.md: missing/],
    ['a missing answer', { '/content/guide/answer-yes-pool.md': undefined }, /answer-yes-pool\.md: missing/],
    ['missing reasons', { '/content/guide/reasons.md': undefined }, /reasons\.md: missing/],
    ['a missing index', { '/content/guide/index.md': undefined }, /index\.md: missing/],
    ['no frontmatter', { '/content/guide/index.md': 'Intro.\n' }, /index\.md:1: missing frontmatter/],
    [
      'a missing lede',
      { '/content/guide/index.md': '---\ntitle: Guide\n---\n' },
      /index\.md: frontmatter is missing "lede"/
    ],
    [
      'a choice the logic does not have',
      {
        '/content/guide/question-where.md':
          '---\nquestion: where\nlegend: W?\n---\n## here\nH\n## there\nT\n## nowhere\nN\n'
      },
      /question-where\.md:9: "## nowhere" is not a choice of "where" heading/
    ],
    [
      'a choice without words',
      { '/content/guide/question-where.md': '---\nquestion: where\nlegend: W?\n---\n## here\nH\n' },
      /question-where\.md: no words for the choices there/
    ],
    [
      'a choice twice',
      {
        '/content/guide/question-where.md':
          '---\nquestion: where\nlegend: W?\n---\n## here\nH\n## here\nH\n## there\nT\n'
      },
      /question-where\.md:7: "## here" appears twice/
    ],
    [
      'an empty choice',
      {
        '/content/guide/question-where.md': '---\nquestion: where\nlegend: W?\n---\n## here\n\n## there\nT\n'
      },
      /question-where\.md:5: "## here" is empty/
    ],
    [
      'a choice label of two paragraphs',
      {
        '/content/guide/question-where.md':
          '---\nquestion: where\nlegend: W?\n---\n## here\nH\n\nMore\n## there\nT\n'
      },
      /label of choice "here" must be one paragraph/
    ],
    [
      'a question named differently inside',
      {
        '/content/guide/question-where.md': '---\nquestion: there\nlegend: W?\n---\n## here\nH\n## there\nT\n'
      },
      /does not match the file name/
    ],
    [
      'a reason without words',
      { '/content/guide/reasons.md': '---\ntitle: Why\n---\n' },
      /reasons\.md: no words for the reasons because/
    ],
    [
      'an unknown reason',
      { '/content/guide/reasons.md': '---\ntitle: Why\n---\n## because\nB\n## whim\nW\n' },
      /reasons\.md:6: "## whim"/
    ],
    [
      'text before the first reason',
      { '/content/guide/reasons.md': '---\ntitle: Why\n---\nStray.\n## because\nB\n' },
      /text before the first/
    ],
    [
      'an answer with no text',
      { '/content/guide/answer-yes-pool.md': '---\nanswer: yes-pool\ntitle: A pool\n---\n' },
      /answer-yes-pool\.md: the answer has no text/
    ],
    [
      'an unclosed code block',
      { '/content/guide/reasons.md': '---\ntitle: Why\n---\n## because\n```\n## not a heading\n' },
      /reasons\.md: a code block opened with ``` is never closed/
    ]
  ])('refuses %s, naming the file', (_name, overrides, message) => {
    expect(refusal(fixture(overrides)).message).toMatch(message);
  });
});
