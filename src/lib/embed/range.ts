// A range of a figure's steps: the exchanges they made. In its own module, so the figure's first load (which needs
// it) does not bring the embed's geometry with it.

import type { DiagramEntry } from '$lib/diagram';
import type { ParticipantId } from '$lib/sim';

export interface EmbeddedFigure {
  participants: readonly ParticipantId[];
  diagramEntries: readonly DiagramEntry[];
  /** After each step, how many exchanges had been made. */
  stepEnds: readonly number[];
}

/** The exchanges of steps `from` to `to` (1-based, inclusive), or all of them. */
export function rangeEntries(
  figure: EmbeddedFigure,
  range?: { from: number; to: number }
): readonly DiagramEntry[] {
  if (!range) return figure.diagramEntries;
  const start = range.from > 1 ? (figure.stepEnds[range.from - 2] ?? 0) : 0;
  return figure.diagramEntries.slice(start, figure.stepEnds[range.to - 1]);
}
