// Turns the lesson files (path → text) into typed content: narration per scenario, and the introduction.

import { ContentError } from './content-error';
import { parseIntroduction, type Introduction } from './introduction';
import { parseNarration, type Narration, type ScenarioOutline } from './narration';

export interface Content {
  /** Scenario id → narration, in file order (numbered folders, then numbered files). */
  narrations: ReadonlyMap<string, Narration>;
  introduction: Introduction;
}

/** The home page's text. */
export const INTRODUCTION_FILE = 'content/00-introduction/index.md';
/** Narration lives one level down in a numbered folder: `content/01-figures/1-sign-in.md`. */
const NARRATION_FILE = /^content\/\d{2}-[a-z0-9-]+\/[a-z0-9-]+\.md$/;

/**
 * Builds the content from `files`, keyed by path (a leading `/` as `import.meta.glob` gives it is fine).
 * Throws a ContentError naming the file for anything malformed, a file outside the layout, a scenario
 * narrated twice, or a missing introduction.
 */
export function buildContent(files: Record<string, string>, scenarios: readonly ScenarioOutline[]): Content {
  const narrations = new Map<string, Narration>();
  let introduction: Introduction | undefined;
  const paths = Object.keys(files).sort();
  for (const path of paths) {
    const file = path.replace(/^\/+/, '');
    const source = files[path] ?? '';
    if (file === INTRODUCTION_FILE) {
      introduction = parseIntroduction(source, file);
      continue;
    }
    if (!NARRATION_FILE.test(file) || file.startsWith('content/00-')) {
      throw new ContentError(
        file,
        `not a lesson file: narration goes in content/NN-group/name.md (lower-case), the introduction in ${INTRODUCTION_FILE}`
      );
    }
    const narration = parseNarration(source, file, scenarios);
    const earlier = narrations.get(narration.scenario);
    if (earlier) {
      throw new ContentError(file, `scenario "${narration.scenario}" is already narrated in ${earlier.file}`);
    }
    narrations.set(narration.scenario, narration);
  }
  if (!introduction) throw new ContentError(INTRODUCTION_FILE, 'missing: the home page needs it');
  return { narrations, introduction };
}
