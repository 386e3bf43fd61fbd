// Parses one scenario's narration file: frontmatter, an optional intro, then one `## <step-id>` section per step.

import { ContentError } from './content-error';
import { parseFrontmatter, readFields } from './frontmatter';
import { renderInline, renderMarkdown } from './markdown';
import { parsePrediction, PREDICT_HEADING, type Prediction } from './prediction';

/** What the parser needs to know about a scenario: its id and its step ids, in order. */
export interface ScenarioOutline {
  id: string;
  steps: readonly { id: string }[];
}

export interface Narration {
  /** The scenario id (from `scenario:`). */
  scenario: string;
  title: string;
  /** One sentence, as written (plain text). */
  lede: string;
  /** The lede with its inline markdown rendered (code spans and the like), no wrapping <p>. */
  ledeHtml: string;
  /** The paragraphs before the first step section, as HTML; '' when there are none. */
  introHtml: string;
  /** Step id → HTML, in the scenario's step order. */
  steps: ReadonlyMap<string, string>;
  /** Step id → the question asked before that step's answer arrives, for the steps that have one. */
  predictions: ReadonlyMap<string, Prediction>;
  /** Where it came from, e.g. `content/01-figures/1-sign-in.md`. */
  file: string;
}

const STEP_HEADING = /^## (.*)$/;
/** Level-1 and level-2 ATX headings are reserved: `##` introduces a step, the title is in the frontmatter. */
const RESERVED_HEADING = /^ {0,3}#{1,2}(?:\s|$)/;
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;

interface Section {
  stepId: string;
  line: number;
  lines: string[];
  /** Where in `lines` its `### Predict` block starts (it runs to the end of the section). */
  predictAt?: number;
}

/**
 * Parses `source` (the text of `file`) against the known scenarios. Throws a ContentError naming the file
 * and line for: missing frontmatter, an unknown scenario id, a heading that is not a step of that scenario,
 * a step heading twice, steps out of the scenario's order, a step section with nothing in it, or a malformed
 * `### Predict` block (`./prediction.ts`).
 * A step with no section at all is not an error here (tests insist on completeness).
 */
export function parseNarration(
  source: string,
  file: string,
  scenarios: readonly ScenarioOutline[]
): Narration {
  const frontmatter = parseFrontmatter(source, file);
  const fields = readFields(frontmatter, file, ['scenario', 'title', 'lede']);
  const scenario = scenarios.find((known) => known.id === fields.scenario);
  if (!scenario) {
    throw new ContentError(
      file,
      `unknown scenario "${fields.scenario}" (known: ${scenarios.map((known) => known.id).join(', ')})`
    );
  }
  const stepIds = scenario.steps.map((step) => step.id);

  const intro: string[] = [];
  const sections: Section[] = [];
  let fence: string | undefined;
  frontmatter.body.split('\n').forEach((text, index) => {
    const line = frontmatter.bodyLine + index;
    const current = sections.at(-1);
    const target = current ? current.lines : intro;
    if (fence !== undefined) {
      // Inside a fenced code block: a closing fence is the same character, at least as long.
      const close = FENCE_OPEN.exec(text)?.[1];
      if (close && close[0] === fence[0] && close.length >= fence.length && text.trim() === close)
        fence = undefined;
      target.push(text);
      return;
    }
    const open = FENCE_OPEN.exec(text)?.[1];
    if (open) {
      fence = open;
      target.push(text);
      return;
    }
    if (PREDICT_HEADING.test(text)) {
      if (!current)
        throw new ContentError(file, 'a Predict block belongs at the end of a step section', line);
      if (current.predictAt !== undefined) {
        throw new ContentError(
          file,
          `step "${current.stepId}" has a Predict block already (at line ${current.line + 1 + current.predictAt})`,
          line
        );
      }
      current.predictAt = current.lines.length;
    }
    if (!RESERVED_HEADING.test(text)) {
      target.push(text);
      return;
    }
    const stepId = STEP_HEADING.exec(text)?.[1];
    if (stepId === undefined || !stepIds.includes(stepId)) {
      throw new ContentError(
        file,
        `${JSON.stringify(text)} is not a step heading of scenario "${scenario.id}": write "## <step-id>" ` +
          `with one of ${stepIds.join(', ')} (use ### for headings inside a section)`,
        line
      );
    }
    const earlier = sections.find((section) => section.stepId === stepId);
    if (earlier) {
      throw new ContentError(
        file,
        `duplicate step heading "## ${stepId}" (first at line ${earlier.line})`,
        line
      );
    }
    const previous = sections.at(-1);
    if (previous && stepIds.indexOf(stepId) < stepIds.indexOf(previous.stepId)) {
      throw new ContentError(
        file,
        `step "${stepId}" comes after "${previous.stepId}"; write the sections in the scenario's order: ${stepIds.join(', ')}`,
        line
      );
    }
    sections.push({ stepId, line, lines: [] });
  });
  if (fence !== undefined) throw new ContentError(file, `a code block opened with ${fence} is never closed`);

  const steps = new Map<string, string>();
  const predictions = new Map<string, Prediction>();
  for (const section of sections) {
    const at = section.predictAt ?? section.lines.length;
    if (section.predictAt !== undefined) {
      const block = section.lines.slice(at);
      predictions.set(section.stepId, parsePrediction(block, file, section.line + 1 + at));
    }
    const html = renderMarkdown(section.lines.slice(0, at).join('\n'));
    if (html === '')
      throw new ContentError(file, `step section "## ${section.stepId}" is empty`, section.line);
    steps.set(section.stepId, html);
  }

  return {
    scenario: scenario.id,
    title: fields.title,
    lede: fields.lede,
    ledeHtml: renderInline(fields.lede),
    introHtml: renderMarkdown(intro.join('\n')),
    steps,
    predictions,
    file
  };
}
