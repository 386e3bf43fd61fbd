// The hard edges of the simulated endpoints: what bad input gets instead of a crash (bad escapes, oversized bodies).

/**
 * One path segment, percent-decoded; a malformed escape (`%ZZ`, a cut-off UTF-8 sequence) is kept as sent.
 * `decodeURIComponent` throws on those, and a throw would become a 500 the real endpoint never gives; each
 * caller then refuses the raw text the way its endpoint refuses a name that does not exist or is invalid.
 */
export function decodedPathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
