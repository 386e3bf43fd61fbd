// How tall a compact embed stands: its finished diagram's height at the frame's width, plus a constant for the
// chrome around it (one line of title, the player's two rows, a fixed box for the words, the link back). Layout is
// deterministic, so the build knows it, and a host's iframe can be given it before anything runs.

import { finishedHeight } from '$lib/diagram';
import { rangeEntries, type EmbeddedFigure } from './range';

/** The width snippets and oEmbed assume: a typical blog column. */
export const EMBED_WIDTH = 700;

/**
 * Everything in a compact embed but its diagram, in px, from the embed page's CSS: the frame's padding (8 + 8), the
 * title line (28), the player's controls (40) and step list (46) with the gap between them (8), the stage's padding
 * and border (18), the words' box (144), the link back (8 + 24), and the gaps between them (4 × 8).
 */
export const EMBED_CHROME_HEIGHT = 356;

/** The frame's padding, the stage's border and padding, left and right: the diagram's width is the frame's less this. */
const EMBED_SIDES = 34;

/** The compact embed's height in a frame `width` px wide, for the whole story or a range of its steps. */
export function embedHeight(
  figure: EmbeddedFigure,
  range?: { from: number; to: number },
  width: number = EMBED_WIDTH
): number {
  return (
    EMBED_CHROME_HEIGHT +
    finishedHeight(figure.participants, rangeEntries(figure, range), width - EMBED_SIDES)
  );
}
