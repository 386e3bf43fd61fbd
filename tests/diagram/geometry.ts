// Test helpers for diagram geometry: every box a layout draws text or marks in, the pairs of them that overlap,
// and the label rules (no word split across lines, no text below 12 px).

import { describeExchange, type DiagramEntry } from '../../src/lib/diagram/labels';
import type { Box, DiagramLayout } from '../../src/lib/diagram/layout';

export interface OwnedBox {
  owner: string;
  box: Box;
}

/**
 * Header boxes, the opaque plate under every text line and every badge of every row (future ones too: their
 * space is reserved), and refusal marks. A plate holds its line's box, so plates that do not overlap mean
 * labels that do not.
 */
export function drawnBoxes(layout: DiagramLayout): OwnedBox[] {
  const boxes: OwnedBox[] = layout.lifelines.map((lifeline) => ({
    owner: `header ${lifeline.id}`,
    box: lifeline.header
  }));
  for (const row of layout.rows) {
    row.lines.forEach((line, index) =>
      boxes.push({ owner: `${row.id} line ${index} "${line.text}"`, box: row.plates[index] ?? line.box })
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

/** Text lines whose plate does not hold the line's own box, or rows without one plate per line. */
export function uncovered(layout: DiagramLayout): string[] {
  const found: string[] = [];
  for (const row of layout.rows) {
    if (row.plates.length !== row.lines.length) found.push(`${row.id}: ${row.plates.length} plates`);
    row.lines.forEach((line, index) => {
      const plate = row.plates[index];
      const inside =
        plate !== undefined &&
        plate.x <= line.box.x + EPSILON &&
        plate.y <= line.box.y + EPSILON &&
        plate.x + plate.width >= line.box.x + line.box.width - EPSILON &&
        plate.y + plate.height >= line.box.y + line.box.height - EPSILON;
      if (!inside) found.push(`${row.id} line ${index} "${line.text}"`);
    });
  }
  return found;
}

/** Every piece of text the layout draws, with its font size: header titles and roles, row lines, badges. */
export function textSizes(layout: DiagramLayout): { owner: string; fontSize: number }[] {
  const sizes: { owner: string; fontSize: number }[] = [];
  for (const lifeline of layout.lifelines) {
    for (const line of [...lifeline.title, ...lifeline.role]) {
      sizes.push({ owner: `header ${lifeline.id} "${line.text}"`, fontSize: line.fontSize });
    }
  }
  for (const row of layout.rows) {
    for (const line of row.lines) sizes.push({ owner: `${row.id} "${line.text}"`, fontSize: line.fontSize });
    for (const badge of row.badges)
      sizes.push({ owner: `${row.id} badge ${badge.kind}`, fontSize: badge.fontSize });
  }
  return sizes;
}

/** Text drawn smaller than `min` px (at a scale of 1). */
export function tooSmall(layout: DiagramLayout, min = 12): string[] {
  return textSizes(layout)
    .filter(({ fontSize }) => fontSize < min)
    .map(({ owner, fontSize }) => `${owner}: ${fontSize} px`);
}

/** Words, as wrapping sees them: split at spaces, without the `·` separators a line break may replace. */
const wordsOf = (text: string) => text.split(/\s+/).filter((word) => word !== '' && word !== '·');

/**
 * Rows whose lines do not give back their label's words whole and in order: a word (an API name such as
 * `RespondToAuthChallenge`) split across two lines, or lost. An error message (the detail) may end early
 * with `…` and may show a word too wide for the drawing cut with `…`; its other words must be whole.
 */
export function splitWords(layout: DiagramLayout, entries: readonly DiagramEntry[]): string[] {
  const found: string[] = [];
  for (const row of layout.rows) {
    const entry = entries[row.entryIndex];
    if (!entry) continue;
    const { request, response } = describeExchange(entry);
    const shown = (style: string) =>
      wordsOf(
        row.lines
          .filter((line) => line.style === style)
          .map((line) => line.text)
          .join(' ')
      );
    const label = row.kind === 'request' ? request.label : response.label;
    if (shown('label').join(' ') !== wordsOf(label).join(' ')) found.push(`${row.id} label`);
    if (row.kind === 'request' && request.wire !== request.label) {
      if (shown('wire').join(' ') !== wordsOf(request.wire).join(' ')) found.push(`${row.id} wire`);
    }
    if (row.kind === 'response') {
      const expected = wordsOf(response.detail ?? '');
      const detail = shown('detail');
      detail.forEach((word, index) => {
        const whole = expected[index] ?? '';
        const cut = word.endsWith('…') && whole.startsWith(word.slice(0, -1)) && word.length > 1;
        if (word !== whole && !cut) found.push(`${row.id} detail word ${index} "${word}"`);
      });
      if (detail.length === 0 && expected.length > 0) found.push(`${row.id} detail missing`);
      const last = detail.at(-1) ?? '';
      if (detail.length < expected.length && !last.endsWith('…'))
        found.push(`${row.id} detail cut without …`);
    }
  }
  return found;
}
