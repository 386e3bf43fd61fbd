// The lesson content, loaded once at build time from content/**/*.md: narration by scenario, the introduction, the
// exercises' words and the guide's.

// The scenario data itself, not the scenarios' public index: that one also pulls in the simulated world.
import { definitions } from '../scenarios';
import { ANSWER_IDS, QUESTIONS, REASON_IDS } from '../guide';
import { buildExerciseTexts, type ExerciseText } from './exercises';
import { buildGuide, type GuideContent } from './guide';
import { buildContent } from './load';
import type { Narration } from './narration';

export { ContentError } from './content-error';
export { parseFrontmatter, type Frontmatter } from './frontmatter';
export { escapeHtml, isSafeHref, renderInline, renderMarkdown } from './markdown';
export { parseNarration, type Narration, type ScenarioOutline } from './narration';
export {
  parseExpect,
  parsePrediction,
  type Prediction,
  type PredictionChoice,
  type PredictionExpect
} from './prediction';
export { parseIntroduction, type Introduction } from './introduction';
export { buildContent, INTRODUCTION_FILE, type Content } from './load';
export { buildExerciseTexts, parseExerciseText, EXERCISE_FILE, type ExerciseText } from './exercises';
export {
  buildGuide,
  GUIDE_FOLDER,
  type GuideAnswer,
  type GuideContent,
  type GuideIds,
  type GuideQuestion
} from './guide';

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
const guideFiles = import.meta.glob<string>('/content/guide/**/*.md', {
  query: '?raw',
  import: 'default',
  eager: true
});

const content = buildContent(files, definitions);

/** The words of "Which pool do I need?", checked against the ids its logic uses. */
export const guide: GuideContent = buildGuide(guideFiles, {
  questions: QUESTIONS,
  answers: ANSWER_IDS,
  reasons: REASON_IDS
});

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
