// Text measurement without the DOM: approximate advance widths for the system sans-serif and monospace, and word wrapping.

/**
 * The diagram is laid out before any font is loaded (at build time, in Node), so it cannot ask the
 * browser how wide a string is. It uses Helvetica's advance widths (Adobe AFM, 1/1000 em) for
 * printable ASCII, and the diagram's text is set in an Arial-metric stack (DIAGRAM_FONT_STACK:
 * Arial on Windows, macOS and iOS; Liberation Sans or Arimo, metric clones of Arial, on Linux and
 * ChromeOS; Helvetica, which Arial copies, elsewhere; Roboto through `sans-serif` on Android, a few
 * per cent narrower). We do not use the page's `system-ui` for the diagram because it varies too
 * much to measure: measured in Chromium, DejaVu Sans (Linux's usual system-ui) runs 12 % wider
 * than Helvetica on average and 21 % on some labels, enough to overflow a column. SANS_SAFETY
 * covers the small spread left among Arial-metric fonts; BOLD_FACTOR the extra width of bold
 * (measured: Arial/Liberation Bold is at most 15.4 % wider than regular on our labels). Monospace
 * fonts in the site's stack (SF Mono, Menlo, Consolas, Liberation Mono, DejaVu Sans Mono) advance
 * 0.55–0.602 em per character; we use 0.61. Characters outside the table count as 1 em, which
 * over-estimates rather than overflows.
 */
export const DIAGRAM_FONT_STACK = "Arial, Helvetica, 'Liberation Sans', Arimo, sans-serif";

const HELVETICA_ASCII: readonly number[] = [
  // space ! " # $ % & ' ( ) * + , - . /
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
  // 0-9
  556, 556, 556, 556, 556, 556, 556, 556, 556, 556,
  // : ; < = > ? @
  278, 278, 584, 584, 584, 556, 1015,
  // A-Z
  667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722,
  667, 944, 667, 667, 611,
  // [ \ ] ^ _ `
  278, 278, 278, 469, 556, 333,
  // a-z
  556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556,
  500, 722, 500, 500, 500,
  // { | } ~
  334, 260, 334, 584
];

/** Widths (1/1000 em) of the few non-ASCII characters the diagram itself writes. */
const HELVETICA_EXTRA: ReadonlyMap<string, number> = new Map([
  ['…', 1000],
  ['·', 278],
  ['→', 1000],
  ['✕', 1000],
  ['—', 1000],
  ['–', 556],
  ['‘', 222],
  ['’', 222],
  ['“', 333],
  ['”', 333],
  ['\u00a0', 278]
]);

const SANS_SAFETY = 1.06;
const BOLD_FACTOR = 1.12;
const MONO_ADVANCE = 0.61;

export type FontFace = 'sans' | 'sans-bold' | 'mono';

function sansAdvance(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  const ascii = code >= 32 && code <= 126 ? HELVETICA_ASCII[code - 32] : undefined;
  return (ascii ?? HELVETICA_EXTRA.get(char) ?? 1000) / 1000;
}

/** Estimated rendered width in px of `text` at `fontSize` px in `face`. */
export function textWidth(text: string, fontSize: number, face: FontFace): number {
  let ems = 0;
  for (const char of text) {
    if (face === 'mono') {
      // Wide characters (CJK, emoji) take two cells even in a monospace font.
      ems += (char.codePointAt(0) ?? 0) > 0x2e80 ? 2 * MONO_ADVANCE : MONO_ADVANCE;
    } else {
      ems += sansAdvance(char);
    }
  }
  const factor = face === 'mono' ? 1 : face === 'sans-bold' ? SANS_SAFETY * BOLD_FACTOR : SANS_SAFETY;
  return ems * fontSize * factor;
}

/** Positions inside a long word after which a line may break: after / . _ - : , = ? & and at camelCase humps. */
function breakOpportunities(word: string): number[] {
  const chars = [...word];
  const cuts: number[] = [];
  for (let i = 1; i < chars.length; i++) {
    const before = chars[i - 1] ?? '';
    const here = chars[i] ?? '';
    if (' /._-:,=?&·'.includes(before)) cuts.push(i);
    else if (/[a-z0-9]/.test(before) && /[A-Z]/.test(here)) cuts.push(i);
  }
  return cuts;
}

/** Splits one word wider than `maxWidth` into pieces that fit, preferring natural break points. */
function breakWord(word: string, maxWidth: number, fontSize: number, face: FontFace): string[] {
  const chars = [...word];
  const fits = (from: number, to: number) =>
    textWidth(chars.slice(from, to).join(''), fontSize, face) <= maxWidth;
  const cuts = breakOpportunities(word);
  const pieces: string[] = [];
  let from = 0;
  while (from < chars.length) {
    // The furthest natural cut that still fits; otherwise the most characters that fit (at least one).
    let to = -1;
    for (const cut of cuts) if (cut > from && fits(from, cut)) to = cut;
    if (fits(from, chars.length)) to = chars.length;
    if (to === -1) {
      to = from + 1;
      while (to < chars.length && fits(from, to + 1)) to++;
    }
    pieces.push(chars.slice(from, to).join('').trim());
    from = to;
  }
  return pieces;
}

/** The width of the widest piece of `text` that wrapping cannot split without breaking inside a word part. */
export function widestUnbreakable(text: string, fontSize: number, face: FontFace): number {
  let widest = 0;
  for (const word of words(text)) {
    const chars = [...word];
    let from = 0;
    for (const cut of [...breakOpportunities(word), chars.length]) {
      widest = Math.max(widest, textWidth(chars.slice(from, cut).join(''), fontSize, face));
      from = cut;
    }
  }
  return widest;
}

/**
 * Words for wrapping, split at ordinary spaces only (a no-break space holds). A lone `·` separator
 * stays with the word before it, so a line never starts with one or consists of nothing else.
 */
function words(text: string): string[] {
  const result: string[] = [];
  for (const word of text.split(/[ \t\r\n]+/)) {
    if (word === '') continue;
    const last = result.length - 1;
    if (word === '·' && last >= 0) result[last] = `${result[last]} ·`;
    else result.push(word);
  }
  return result;
}

/**
 * Greedy word wrap into at most `maxLines` lines no wider than `maxWidth` (estimated); text beyond
 * the last line is cut and marked with `…`. Words that are too long on their
 * own break at `/`, `.`, camelCase humps and the like, and only as a last resort between characters,
 * so every returned line fits unless a single character is wider than `maxWidth`.
 */
export function wrapText(
  text: string,
  maxWidth: number,
  fontSize: number,
  face: FontFace,
  maxLines: number = Infinity
): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of words(text)) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (textWidth(candidate, fontSize, face) <= maxWidth) {
      line = candidate;
      continue;
    }
    if (line !== '') lines.push(line);
    if (textWidth(word, fontSize, face) <= maxWidth) {
      line = word;
    } else {
      const pieces = breakWord(word, maxWidth, fontSize, face);
      lines.push(...pieces.slice(0, -1));
      line = pieces.at(-1) ?? '';
    }
  }
  if (line !== '') lines.push(line);
  if (lines.length <= maxLines) return lines;
  // Too long: keep the first lines and end the last with an ellipsis that still fits.
  const kept = lines.slice(0, Math.max(1, maxLines));
  const last = [...(kept.pop() ?? '')];
  while (last.length > 0 && textWidth(`${last.join('').trimEnd()}…`, fontSize, face) > maxWidth) last.pop();
  return [...kept, `${last.join('').trimEnd()}…`];
}
