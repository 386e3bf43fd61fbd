// Policy variables (`${cognito-identity.amazonaws.com:sub}`) and the `*`/`?` wildcards of IAM patterns.

/** The request context: condition keys (any case) to one value, several values, or nothing. */
export type RequestContext = Record<string, string | string[] | undefined>;

/** Case-insensitive view of the request context: "Condition key names are not case-sensitive" (IAM guide). */
export class ContextView {
  readonly #entries = new Map<string, { key: string; value: string | string[] }>();

  constructor(context: RequestContext) {
    for (const [key, value] of Object.entries(context)) {
      if (value !== undefined) this.#entries.set(key.toLowerCase(), { key, value });
    }
  }

  /**
   * The key's values, or `undefined` when the key is absent. An empty list counts as absent: there is nothing
   * in it to compare.
   */
  values(key: string): string[] | undefined {
    const entry = this.#entries.get(key.toLowerCase());
    if (entry === undefined) return undefined;
    const list = Array.isArray(entry.value) ? entry.value : [entry.value];
    return list.length === 0 ? undefined : list;
  }

  /** A single-valued key's value. Multivalued keys cannot stand in for a policy variable. */
  single(key: string): string | undefined {
    const entry = this.#entries.get(key.toLowerCase());
    return typeof entry?.value === 'string' ? entry.value : undefined;
  }
}

/** A piece of an expanded pattern: text from the policy (where `*` and `?` are wildcards) or a literal. */
interface Piece {
  text: string;
  wildcards: boolean;
}

export interface ExpandedPattern {
  pieces: Piece[];
  /** The pattern with variables replaced, as text. */
  text: string;
}

export type Expansion = { ok: true; pattern: ExpandedPattern } | { ok: false; unresolved: string };

/**
 * Replaces `${key}` by the key's value from the request context. Rules from the IAM guide:
 * - "Policy variables ... only work with version 2012-10-17"; in older documents `${...}` is plain text.
 * - `${*}`, `${?}` and `${$}` stand for a literal `*`, `?` and `$`.
 * - `${key, 'default'}` supplies a default when the key is absent.
 * - "If AWS cannot resolve a variable this might cause the entire statement to be invalid": we report the
 *   variable as unresolved and the caller makes the statement not match.
 * A substituted value is literal: a `*` inside an identity id would not act as a wildcard.
 */
export function expandVariables(
  pattern: string,
  variablesEnabled: boolean,
  context: ContextView,
  resolved: Record<string, string>
): Expansion {
  if (!variablesEnabled)
    return { ok: true, pattern: { pieces: [{ text: pattern, wildcards: true }], text: pattern } };
  const pieces: Piece[] = [];
  let rest = pattern;
  while (rest.length > 0) {
    const start = rest.indexOf('${');
    const end = start === -1 ? -1 : rest.indexOf('}', start);
    if (start === -1 || end === -1) {
      pieces.push({ text: rest, wildcards: true });
      break;
    }
    if (start > 0) pieces.push({ text: rest.slice(0, start), wildcards: true });
    const inner = rest.slice(start + 2, end).trim();
    rest = rest.slice(end + 1);
    if (inner === '*' || inner === '?' || inner === '$') {
      pieces.push({ text: inner, wildcards: false });
      continue;
    }
    const withDefault = /^([^,]+?)\s*,\s*'([^']*)'$/.exec(inner);
    const key = (withDefault?.[1] ?? inner).trim();
    const value = context.single(key) ?? withDefault?.[2];
    if (value === undefined) return { ok: false, unresolved: key };
    resolved[key] = value;
    pieces.push({ text: value, wildcards: false });
  }
  return { ok: true, pattern: { pieces, text: pieces.map((piece) => piece.text).join('') } };
}

type Token = { kind: 'literal'; char: string } | { kind: 'one' | 'many'; colonFree: boolean };

/**
 * `*` matches any run of characters, `?` any single character. With `arnComponents`, wildcards in the first
 * five colon-separated components of an ARN stay inside their component (ArnLike: "Each of the six
 * colon-delimited components of the ARN is checked separately", IAM guide).
 *
 * Matched by dynamic programming rather than a RegExp: a learner's pattern such as `a*a*a*a*b` would make a
 * backtracking regex take exponential time and freeze the page; this is O(pattern × value).
 */
export function wildcardMatch(
  pattern: ExpandedPattern,
  value: string,
  options: { ignoreCase?: boolean; arnComponents?: boolean } = {}
): boolean {
  const fold = (text: string) => (options.ignoreCase ? text.toLowerCase() : text);
  const tokens: Token[] = [];
  let colons = 0;
  for (const piece of pattern.pieces) {
    for (const char of piece.text) {
      const colonFree = options.arnComponents === true && colons < 5;
      if (char === ':') colons++;
      if (piece.wildcards && char === '*') tokens.push({ kind: 'many', colonFree });
      else if (piece.wildcards && char === '?') tokens.push({ kind: 'one', colonFree });
      else tokens.push({ kind: 'literal', char: fold(char) });
    }
  }
  const chars = Array.from(value, fold);
  // reach[j]: the tokens seen so far can match exactly the first j characters of the value.
  let reach: boolean[] = chars.map(() => false).concat(false);
  reach[0] = true;
  for (const token of tokens) {
    const next: boolean[] = reach.map(() => false);
    if (token.kind === 'many') {
      let open = false;
      for (let j = 0; j <= chars.length; j++) {
        open = open || reach[j] === true;
        next[j] = open;
        if (token.colonFree && chars[j] === ':') open = false;
      }
    } else {
      for (let j = 0; j < chars.length; j++) {
        if (reach[j] !== true) continue;
        const char = chars[j];
        next[j + 1] = token.kind === 'literal' ? char === token.char : !(token.colonFree && char === ':');
      }
    }
    reach = next;
  }
  return reach[chars.length] === true;
}

/** A pattern without variables (actions, principals). */
export function literalPattern(text: string): ExpandedPattern {
  return { pieces: [{ text, wildcards: true }], text };
}
