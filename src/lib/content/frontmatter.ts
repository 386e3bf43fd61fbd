// Splits a lesson file into its frontmatter (flat `key: value` lines between `---` fences) and its markdown body.

/*
 * Hand-written on purpose: the lesson files need only flat string keys, and a full YAML parser would be a
 * dependency (and a build-time surface) for three fields. Values may be plain, "double-quoted" or
 * 'single-quoted' (as prettier may rewrite them), with YAML's escapes for the quote itself.
 */

import { ContentError } from './content-error';

export interface Frontmatter {
  /** Keys in file order; every value a string. */
  fields: ReadonlyMap<string, string>;
  /** Everything after the closing fence. */
  body: string;
  /** The 1-based line number of the body's first line in the file, for error messages. */
  bodyLine: number;
}

const FENCE = '---';
const FIELD = /^([A-Za-z][\w-]*):(?:\s+(.*))?$/;

function unquote(raw: string, file: string, line: number): string {
  const value = raw.trim();
  if (value.startsWith('"')) {
    if (value.length < 2 || !value.endsWith('"'))
      throw new ContentError(file, 'unterminated "quoted" value', line);
    return value.slice(1, -1).replace(/\\(["\\])/g, '$1');
  }
  if (value.startsWith("'")) {
    if (value.length < 2 || !value.endsWith("'"))
      throw new ContentError(file, "unterminated 'quoted' value", line);
    return value.slice(1, -1).replace(/''/g, "'");
  }
  return value;
}

/** Reads the frontmatter of `source`. `file` only names the file in errors. Throws ContentError. */
export function parseFrontmatter(source: string, file: string): Frontmatter {
  const lines = source.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0]?.trim() !== FENCE) {
    throw new ContentError(file, 'missing frontmatter: the file must start with a line "---"', 1);
  }
  const fields = new Map<string, string>();
  for (let index = 1; index < lines.length; index++) {
    const text = lines[index] ?? '';
    const line = index + 1;
    if (text.trim() === FENCE) {
      return { fields, body: lines.slice(index + 1).join('\n'), bodyLine: line + 1 };
    }
    if (text.trim() === '' || text.trimStart().startsWith('#')) continue;
    const match = FIELD.exec(text);
    if (!match)
      throw new ContentError(file, `frontmatter line is not "key: value": ${JSON.stringify(text)}`, line);
    const key = match[1] ?? '';
    if (fields.has(key)) throw new ContentError(file, `frontmatter key "${key}" appears twice`, line);
    fields.set(key, unquote(match[2] ?? '', file, line));
  }
  throw new ContentError(file, 'missing frontmatter: no closing "---" line');
}

/**
 * Checks that the frontmatter has exactly the `required` keys (plus any `optional` ones), each non-empty,
 * and returns them as a record.
 */
export function readFields<Required extends string, Optional extends string = never>(
  frontmatter: Frontmatter,
  file: string,
  required: readonly Required[],
  optional: readonly Optional[] = []
): Record<Required, string> & Partial<Record<Optional, string>> {
  const allowed = new Set<string>([...required, ...optional]);
  for (const key of frontmatter.fields.keys()) {
    if (!allowed.has(key)) {
      throw new ContentError(file, `unknown frontmatter key "${key}" (expected: ${[...allowed].join(', ')})`);
    }
  }
  const record: Record<string, string> = {};
  for (const key of allowed) {
    const value = frontmatter.fields.get(key);
    if (value === undefined) {
      if ((required as readonly string[]).includes(key)) {
        throw new ContentError(file, `frontmatter is missing "${key}"`);
      }
      continue;
    }
    if (value === '') throw new ContentError(file, `frontmatter "${key}" is empty`);
    record[key] = value;
  }
  // Every required key was checked above; optional ones are present only when given.
  return record as Record<Required, string> & Partial<Record<Optional, string>>;
}
