// Parses the exercises' words: `content/exercises/N-<id>.md`, frontmatter and the sections goal, hint and solution.

import { ContentError } from './content-error';
import { parseFrontmatter, readFields } from './frontmatter';
import { renderInline, renderMarkdown } from './markdown';

export interface ExerciseText {
  /** The exercise id (from `exercise:`), as in `src/lib/exercises`. */
  exercise: string;
  title: string;
  /** The goal in one sentence, as written (plain text), and rendered inline. */
  goal: string;
  goalLineHtml: string;
  /** The sections, as HTML. */
  goalHtml: string;
  hintHtml: string;
  solutionHtml: string;
  /** Where it came from, e.g. `content/exercises/2-own-orders.md`. */
  file: string;
}

/** An exercise's file: `content/exercises/<number>-<exercise id>.md`. */
export const EXERCISE_FILE = /^content\/exercises\/\d+-([a-z0-9-]+)\.md$/;

const SECTIONS = ['goal', 'hint', 'solution'] as const;
type SectionName = (typeof SECTIONS)[number];

const SECTION_HEADING = /^## (.*)$/;
const RESERVED_HEADING = /^ {0,3}#{1,2}(?:\s|$)/;
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;

/**
 * Parses `source` (the text of `file`). Throws a ContentError naming the file (and line) for: a file name that is
 * not `N-<id>.md` or names another id than `exercise:`, missing frontmatter, a heading other than `## goal`,
 * `## hint` and `## solution`, those out of order, twice, missing or empty, text before the first, or an unclosed
 * code block.
 */
export function parseExerciseText(source: string, file: string): ExerciseText {
  const named = EXERCISE_FILE.exec(file)?.[1];
  if (named === undefined) {
    throw new ContentError(
      file,
      'not an exercise file: write content/exercises/N-<exercise id>.md (lower-case)'
    );
  }
  const frontmatter = parseFrontmatter(source, file);
  const fields = readFields(frontmatter, file, ['exercise', 'title', 'goal']);
  if (fields.exercise !== named) {
    throw new ContentError(file, `the file is named for "${named}" but says exercise: ${fields.exercise}`);
  }

  const sections = new Map<SectionName, { line: number; lines: string[] }>();
  let current: { line: number; lines: string[] } | undefined;
  let fence: string | undefined;
  frontmatter.body.split('\n').forEach((text, index) => {
    const line = frontmatter.bodyLine + index;
    if (fence !== undefined) {
      const close = FENCE_OPEN.exec(text)?.[1];
      if (close && close[0] === fence[0] && close.length >= fence.length && text.trim() === close)
        fence = undefined;
      current?.lines.push(text);
      return;
    }
    if (!RESERVED_HEADING.test(text)) {
      const open = FENCE_OPEN.exec(text)?.[1];
      if (open) fence = open;
      if (current === undefined) {
        if (text.trim() !== '') {
          throw new ContentError(file, 'text before "## goal": every word belongs to a section', line);
        }
        return;
      }
      current.lines.push(text);
      return;
    }
    const name = SECTION_HEADING.exec(text)?.[1];
    const expected = SECTIONS[sections.size];
    if (name === undefined || !(SECTIONS as readonly string[]).includes(name)) {
      throw new ContentError(
        file,
        `${JSON.stringify(text)} is not a section: write "## goal", "## hint", "## solution" (### inside one)`,
        line
      );
    }
    if (name !== expected) {
      throw new ContentError(
        file,
        sections.has(name as SectionName)
          ? `"## ${name}" appears twice`
          : `"## ${name}" comes too early: the sections are goal, hint, solution, in that order`,
        line
      );
    }
    current = { line, lines: [] };
    sections.set(name, current);
  });
  if (fence !== undefined) throw new ContentError(file, `a code block opened with ${fence} is never closed`);

  const html: Partial<Record<SectionName, string>> = {};
  for (const name of SECTIONS) {
    const section = sections.get(name);
    if (section === undefined) throw new ContentError(file, `the section "## ${name}" is missing`);
    const rendered = renderMarkdown(section.lines.join('\n'));
    if (rendered === '') throw new ContentError(file, `the section "## ${name}" is empty`, section.line);
    html[name] = rendered;
  }
  return {
    exercise: fields.exercise,
    title: fields.title,
    goal: fields.goal,
    goalLineHtml: renderInline(fields.goal),
    goalHtml: html.goal ?? '',
    hintHtml: html.hint ?? '',
    solutionHtml: html.solution ?? '',
    file
  };
}

/** Every exercise text, keyed by exercise id. Throws a ContentError for a malformed file or an id written twice. */
export function buildExerciseTexts(files: Record<string, string>): ReadonlyMap<string, ExerciseText> {
  const texts = new Map<string, ExerciseText>();
  for (const path of Object.keys(files).sort()) {
    const file = path.replace(/^\/+/, '');
    const text = parseExerciseText(files[path] ?? '', file);
    const earlier = texts.get(text.exercise);
    if (earlier)
      throw new ContentError(file, `exercise "${text.exercise}" already has its text in ${earlier.file}`);
    texts.set(text.exercise, text);
  }
  return texts;
}
