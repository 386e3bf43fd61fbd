// An answer held back: the learner is asked to predict it, so the diagram stops at its request. A change to a laid
// out figure rather than an option of the layout, so only pages that ask questions load it (with the player).

import { findExchange, participantName, type DiagramEntry, type ExchangeName } from './labels';
import { describeDiagram, type DiagramLayout, type MessageRow } from './layout';
import { exchangeSentence } from './text';

const round = (value: number) => Math.round(value * 100) / 100;

/** A refused request drawn as sent: no ✕, its arrow reaching the receiver's bar (where the ✕ would touch it). */
function asSent(row: MessageRow): MessageRow {
  const { mark, ...rest } = row;
  if (!mark) return { ...rest, refused: false };
  return { ...rest, refused: false, x2: round(mark.cx + Math.sign(mark.cx - row.x1) * mark.r) };
}

/**
 * `layout` (of `entries`) with the answer to the current exchange `name` names held back: its request is drawn, and
 * every row after it in the event sequence (its hops, its answer, its callers' answers) is future, as are its bar
 * and the bars opened after it; a caller's bar ends at its request. Nothing drawn tells how it went: no ✕, no
 * refused colour, no sentence with its outcome in the accessible name. Unchanged when no current exchange matches.
 */
export function holdAnswer(
  layout: DiagramLayout,
  entries: readonly DiagramEntry[],
  name: ExchangeName
): DiagramLayout {
  const current = new Set(layout.rows.filter((row) => row.state === 'current').map((row) => row.entryIndex));
  const asked = findExchange(
    entries.filter((_, index) => current.has(index)),
    name
  );
  const heldAt = layout.rows.findIndex((row) => row.kind === 'request' && row.entryId === asked?.id);
  const held = layout.rows[heldAt];
  if (!asked || !held) return layout;
  const unanswered = new Set(
    layout.rows.slice(heldAt + 1).flatMap((row) => (row.kind === 'response' ? [row.entryId] : []))
  );
  const rows = layout.rows.map((row, order): MessageRow => {
    if (order > heldAt) return { ...row, state: 'future' };
    return unanswered.has(row.entryId) && row.refused ? asSent(row) : row;
  });
  const activations = layout.activations.map((bar) => {
    if (!unanswered.has(bar.id)) return bar;
    return bar.y1 < held.y
      ? { ...bar, y2: held.y, refused: false }
      : { ...bar, state: 'future' as const, refused: false };
  });
  const sentences = entries.map((entry, index) =>
    current.has(index) && !unanswered.has(entry.id) ? exchangeSentence(entry, index) : ''
  );
  const description =
    describeDiagram(
      layout.lifelines.map((lifeline) => lifeline.id),
      layout.step,
      layout.total,
      sentences
    ) + ` Waiting for ${participantName(asked.to)} to answer ${participantName(asked.from)}.`;
  return { ...layout, rows, activations, description };
}
