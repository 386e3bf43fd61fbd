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

/** The width of the widest word of `text`: the narrowest a wrapped line of it can be, since words never break. */
export function widestWord(text: string, fontSize: number, face: FontFace): number {
  return Math.max(0, ...words(text).map((word) => textWidth(word, fontSize, face)));
}

/** `word` cut to fit `maxWidth` with a `…`: for a word that could not be shown whole (an ARN in an error message). */
function cutWord(word: string, maxWidth: number, fontSize: number, face: FontFace): string {
  const chars = [...word];
  while (chars.length > 1 && textWidth(`${chars.join('')}…`, fontSize, face) > maxWidth) chars.pop();
  return `${chars.join('')}…`;
}

/** The separator the labels put between an operation and its detail (`InitiateAuth · USER_SRP_AUTH`). */
const SEPARATOR = '·';

/** Words for wrapping, split at ordinary spaces only (a no-break space holds). */
function words(text: string): string[] {
  return text.split(/[ \t\r\n]+/).filter((word) => word !== '');
}

export interface WrapOptions {
  /** Text beyond this many lines is cut, and the last line ends with `…`. Default: no limit. */
  maxLines?: number;
  /**
   * A word wider than `maxWidth` stays whole on a line of its own, wider than `maxWidth` (the default: an API
   * name is never split), or, with `cut`, is cut with `…` to fit (free text such as an error message).
   */
  longWords?: 'keep' | 'cut';
}

/**
 * Greedy word wrap into lines no wider than `maxWidth` (estimated), breaking at spaces only: a word (an
 * identifier such as `RespondToAuthChallenge` or `PASSWORD_VERIFIER`) is never split across lines. A word
 * wider than `maxWidth` gets a line of its own (or is cut, see `longWords`), so the caller must leave room
 * for `widestWord`. A `·` separator between two words that land on different lines is left out (the line
 * break separates them), so no line starts or ends with one. With `maxLines`, text beyond the last line is
 * cut and marked with `…`.
 */
export function wrapText(
  text: string,
  maxWidth: number,
  fontSize: number,
  face: FontFace,
  options: WrapOptions = {}
): string[] {
  const maxLines = options.maxLines ?? Infinity;
  const lines: string[] = [];
  let line = '';
  let separated = false;
  for (const whole of words(text)) {
    if (whole === SEPARATOR && line !== '') {
      separated = true;
      continue;
    }
    const word =
      options.longWords === 'cut' && textWidth(whole, fontSize, face) > maxWidth
        ? cutWord(whole, maxWidth, fontSize, face)
        : whole;
    const candidate = line === '' ? word : `${line}${separated ? ` ${SEPARATOR} ` : ' '}${word}`;
    separated = false;
    if (line === '' || textWidth(candidate, fontSize, face) <= maxWidth) {
      line = candidate;
      continue;
    }
    lines.push(line);
    line = word;
  }
  if (separated) line = `${line} ${SEPARATOR}`;
  if (line !== '') lines.push(line);
  if (lines.length <= maxLines) return lines;
  // Too long: keep the first lines and end the last with an ellipsis that still fits.
  const kept = lines.slice(0, Math.max(1, maxLines));
  const last = [...(kept.pop() ?? '')];
  while (last.length > 0 && textWidth(`${last.join('').trimEnd()}…`, fontSize, face) > maxWidth) last.pop();
  return [...kept, `${last.join('').trimEnd()}…`];
}
