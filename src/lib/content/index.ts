// The lesson content, loaded once at build time from content/**/*.md: narration by scenario, the introduction, the exercises' words.

// The scenario data itself, not the scenarios' public index: that one also pulls in the simulated world.
import { definitions } from '../scenarios';
import { buildExerciseTexts, type ExerciseText } from './exercises';
import { buildContent } from './load';
import type { Narration } from './narration';

export { ContentError } from './content-error';
export { parseFrontmatter, type Frontmatter } from './frontmatter';
export { escapeHtml, isSafeHref, renderInline, renderMarkdown } from './markdown';
export { parseNarration, type Narration, type ScenarioOutline } from './narration';
export { parseIntroduction, type Introduction } from './introduction';
export { buildContent, INTRODUCTION_FILE, type Content } from './load';
export { buildExerciseTexts, parseExerciseText, EXERCISE_FILE, type ExerciseText } from './exercises';

// Vite inlines every file's text here at build time; content/README.md documents the format and is not a lesson.
// The exercises' words and the guide's have loaders of their own.
const files = import.meta.glob<string>(
  ['/content/**/*.md', '!/content/README.md', '!/content/exercises/**', '!/content/guide/**'],
  { query: '?raw', import: 'default', eager: true }
);
const exerciseFiles = import.meta.glob<string>('/content/exercises/*.md', {
  query: '?raw',
  import: 'default',
  eager: true
});

const content = buildContent(files, definitions);

/** Scenario id → its narration. */
export const narrations: ReadonlyMap<string, Narration> = content.narrations;

/** The home page's introduction: the two questions, and which pool you need. */
export const introduction = content.introduction;

export function getNarration(scenarioId: string): Narration | undefined {
  return narrations.get(scenarioId);
}

/** Exercise id → its words: title, goal, hint and worked solution. */
export const exerciseTexts: ReadonlyMap<string, ExerciseText> = buildExerciseTexts(exerciseFiles);

export function getExerciseText(exerciseId: string): ExerciseText | undefined {
  return exerciseTexts.get(exerciseId);
}
