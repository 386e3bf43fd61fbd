// firstDifference: the first line at which two texts (a client's and a verifier's canonical request) part ways.

export interface LineDifference {
  /** 1-based line number. */
  line: number;
  /** That line of each text; '' when the text has no such line (see `missing`). */
  a: string;
  b: string;
  /** Which text ran out of lines first, when the difference is that one is longer. */
  missing?: 'a' | 'b';
}

/** The first differing line of `a` and `b` (split on "\n"), or undefined when they are identical. */
export function firstDifference(a: string, b: string): LineDifference | undefined {
  if (a === b) return undefined;
  const linesA = a.split('\n');
  const linesB = b.split('\n');
  const count = Math.max(linesA.length, linesB.length);
  for (let index = 0; index < count; index++) {
    const lineA = linesA[index];
    const lineB = linesB[index];
    if (lineA === lineB) continue;
    const difference: LineDifference = { line: index + 1, a: lineA ?? '', b: lineB ?? '' };
    if (lineA === undefined) difference.missing = 'a';
    else if (lineB === undefined) difference.missing = 'b';
    return difference;
  }
  return undefined;
}
