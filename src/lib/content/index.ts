// The lesson content, loaded once at build time from content/**/*.md: narration by scenario, and the introduction.

// The scenario data itself, not the scenarios' public index: that one also pulls in the simulated world.
import { definitions } from '../scenarios';
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

// Vite inlines every file's text here at build time; content/README.md documents the format and is not a lesson.
const files = import.meta.glob<string>(['/content/**/*.md', '!/content/README.md'], {
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
