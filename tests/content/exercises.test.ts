// The exercises' words: one text per exercise and no other, each with its goal, hint and solution, malformed files refused by name.

import { describe, expect, it } from 'vitest';
import {
  buildExerciseTexts,
  ContentError,
  exerciseTexts,
  getExerciseText,
  parseExerciseText
} from '../../src/lib/content';
import { exercises } from '../../src/lib/exercises';

const FILE = 'content/exercises/9-demo.md';

function source(body: string, frontmatter = 'exercise: demo\ntitle: Demo\ngoal: Do the thing.'): string {
  return `---\n${frontmatter}\n---\n${body}`;
}

const COMPLETE = '## goal\n\nThe goal.\n\n## hint\n\nA hint.\n\n## solution\n\n```json\n{"a": 1}\n```\n';

function expectContentError(run: () => unknown, pattern: RegExp): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ContentError);
  expect((caught as ContentError).message).toMatch(pattern);
}

describe('the exercises’ texts', () => {
  it('has exactly one text for every exercise, and none for an exercise that does not exist', () => {
    expect([...exerciseTexts.keys()].sort()).toEqual(exercises.map((exercise) => exercise.id).sort());
    for (const exercise of exercises) {
      const text = getExerciseText(exercise.id);
      expect(text?.file).toMatch(new RegExp(`^content/exercises/\\d+-${exercise.id}\\.md$`));
      expect(text?.title).toBe(exercise.title);
      for (const html of [text?.goalHtml, text?.hintHtml, text?.solutionHtml]) expect(html).not.toBe('');
    }
  });

  it('shows every policy written in a solution as JSON that parses', () => {
    for (const text of exerciseTexts.values()) {
      const blocks = [...text.solutionHtml.matchAll(/<code class="language-json">([\s\S]*?)<\/code>/g)];
      for (const [, code = ''] of blocks) {
        const json = code
          .replace(/&quot;/g, '"')
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>')
          .replace(/&amp;/g, '&');
        // A fragment ("Condition": {...}) is shown inside braces of its own.
        const whole = json.trim().startsWith('"') ? `{${json}}` : json;
        expect(() => JSON.parse(whole), `${text.file}: ${json}`).not.toThrow();
      }
    }
  });

  it('parses the three sections in order, code blocks included', () => {
    const text = parseExerciseText(source(COMPLETE), FILE);
    expect(text).toMatchObject({ exercise: 'demo', title: 'Demo', goal: 'Do the thing.', file: FILE });
    expect(text.goalHtml).toContain('The goal.');
    expect(text.solutionHtml).toContain('language-json');
  });

  it('refuses a file named for another exercise, or outside content/exercises', () => {
    expectContentError(
      () => parseExerciseText(source(COMPLETE), 'content/exercises/9-other.md'),
      /named for "other"/
    );
    expectContentError(
      () => parseExerciseText(source(COMPLETE), 'content/exercises/demo.md'),
      /not an exercise file/
    );
  });

  it('refuses missing, misordered, repeated, empty or unknown sections, naming the file and line', () => {
    expectContentError(
      () => parseExerciseText(source('## goal\n\nG.\n\n## hint\n\nH.\n'), FILE),
      /"## solution" is missing/
    );
    expectContentError(
      () => parseExerciseText(source('## hint\n\nH.\n\n## goal\n\nG.\n\n## solution\n\nS.\n'), FILE),
      /9-demo\.md:6: "## hint" comes too early/
    );
    expectContentError(
      () => parseExerciseText(source('## goal\n\nG.\n\n## goal\n\nG.\n'), FILE),
      /"## goal" appears twice/
    );
    expectContentError(
      () => parseExerciseText(source('## goal\n\n## hint\n\nH.\n\n## solution\n\nS.\n'), FILE),
      /"## goal" is empty/
    );
    expectContentError(
      () => parseExerciseText(source('## goal\n\nG.\n\n## answer\n\nA.\n'), FILE),
      /"## answer" is not a section/
    );
    expectContentError(
      () => parseExerciseText(source(`Intro.\n\n${COMPLETE}`), FILE),
      /text before "## goal"/
    );
    expectContentError(
      () => parseExerciseText(source(COMPLETE, 'exercise: demo\ntitle: Demo'), FILE),
      /missing "goal"/
    );
  });

  it('refuses two texts for one exercise', () => {
    expectContentError(
      () =>
        buildExerciseTexts({
          '/content/exercises/1-demo.md': source(COMPLETE),
          '/content/exercises/2-demo.md': source(COMPLETE)
        }),
      /already has its text in content\/exercises\/1-demo\.md/
    );
  });
});
