// Test helpers for diagram geometry: every box a layout draws text or marks in, and the pairs of them that overlap.

import type { Box, DiagramLayout } from '../../src/lib/diagram/layout';

export interface OwnedBox {
  owner: string;
  box: Box;
}

/** Header boxes, every text line and badge of every row (future ones too: their space is reserved), and refusal marks. */
export function drawnBoxes(layout: DiagramLayout): OwnedBox[] {
  const boxes: OwnedBox[] = layout.lifelines.map((lifeline) => ({
    owner: `header ${lifeline.id}`,
    box: lifeline.header
  }));
  for (const row of layout.rows) {
    row.lines.forEach((line, index) =>
      boxes.push({ owner: `${row.id} line ${index} "${line.text}"`, box: line.box })
    );
    row.badges.forEach((badge) => boxes.push({ owner: `${row.id} badge ${badge.kind}`, box: badge.box }));
    if (row.mark) {
      const { cx, cy, r } = row.mark;
      boxes.push({ owner: `${row.id} mark`, box: { x: cx - r, y: cy - r, width: 2 * r, height: 2 * r } });
    }
  }
  return boxes;
}

const EPSILON = 0.01;

export function intersects(a: Box, b: Box): boolean {
  return (
    a.x < b.x + b.width - EPSILON &&
    b.x < a.x + a.width - EPSILON &&
    a.y < b.y + b.height - EPSILON &&
    b.y < a.y + a.height - EPSILON
  );
}

/** Every pair of drawn boxes that overlap, described for a readable failure. */
export function overlaps(layout: DiagramLayout): string[] {
  const boxes = drawnBoxes(layout);
  const found: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i];
      const b = boxes[j];
      if (a && b && intersects(a.box, b.box)) found.push(`${a.owner} ⨯ ${b.owner}`);
    }
  }
  return found;
}

/** Boxes that stick out of the drawing. */
export function outside(layout: DiagramLayout): string[] {
  return drawnBoxes(layout)
    .filter(
      ({ box }) =>
        box.x < -EPSILON ||
        box.y < -EPSILON ||
        box.x + box.width > layout.width + EPSILON ||
        box.y + box.height > layout.height + EPSILON
    )
    .map(({ owner }) => owner);
}

/** Text lines of an arrow between two lifelines that stick out of the space between them. */
export function outsideLifelines(layout: DiagramLayout): string[] {
  const xOf = new Map(layout.lifelines.map((lifeline) => [lifeline.id, lifeline.x]));
  const found: string[] = [];
  for (const row of layout.rows) {
    if (row.from === row.to) continue;
    const a = xOf.get(row.from) ?? 0;
    const b = xOf.get(row.to) ?? 0;
    const [left, right] = a < b ? [a, b] : [b, a];
    for (const box of [...row.lines.map((l) => l.box), ...row.badges.map((b) => b.box)]) {
      if (box.x < left - EPSILON || box.x + box.width > right + EPSILON) found.push(row.id);
    }
  }
  return found;
}
