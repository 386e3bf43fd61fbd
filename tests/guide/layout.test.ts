// The architecture drawing's geometry: at both widths the page draws, every answer's picture fits, nothing overlaps, and no text is under 12px.
import { describe, expect, it } from 'vitest';
import { textWidth } from '../../src/lib/diagram';
import {
  drawArchitecture,
  everyAnswers,
  layoutArchitecture,
  recommend,
  TYPE,
  type ArchitectureLayout,
  type TextLine
} from '../../src/lib/guide';

interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The estimated box a line of text takes. */
function textRect(line: TextLine): Rect {
  const { size, face, lineHeight } = TYPE[line.kind];
  const width = textWidth(line.text, size, face);
  const left =
    line.anchor === 'start' ? line.x : line.anchor === 'middle' ? line.x - width / 2 : line.x - width;
  const top = line.y - size * 0.35 - lineHeight / 2;
  return { left, top, right: left + width, bottom: top + lineHeight };
}

const overlaps = (a: Rect, b: Rect) =>
  Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 &&
  Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
const inside = (inner: Rect, outer: Rect) =>
  inner.left >= outer.left - 0.5 &&
  inner.top >= outer.top - 0.5 &&
  inner.right <= outer.right + 0.5 &&
  inner.bottom <= outer.bottom + 0.5;
const rectOf = (box: { x: number; y: number; width: number; height: number }): Rect => ({
  left: box.x,
  top: box.y,
  right: box.x + box.width,
  bottom: box.y + box.height
});
const arrowRect = (a: { x1: number; y1: number; x2: number; y2: number }): Rect => ({
  left: Math.min(a.x1, a.x2),
  top: Math.min(a.y1, a.y2) - 1,
  right: Math.max(a.x1, a.x2),
  bottom: Math.max(a.y1, a.y2) + 1
});

function problems(layout: ArchitectureLayout): string[] {
  const found: string[] = [];
  const frame: Rect = { left: 0, top: 0, right: layout.width, bottom: layout.height };
  const texts = [
    ...layout.boxes.flatMap((box) => box.lines.map((line) => ({ line, owner: rectOf(box) as Rect | null }))),
    ...layout.arrows.flatMap((arrow) => arrow.lines.map((line) => ({ line, owner: null as Rect | null })))
  ];
  layout.boxes.forEach((box, i) => {
    if (!inside(rectOf(box), frame)) found.push(`box ${box.id} leaves the frame`);
    layout.boxes.slice(i + 1).forEach((other) => {
      if (overlaps(rectOf(box), rectOf(other))) found.push(`boxes ${box.id} and ${other.id} overlap`);
    });
  });
  texts.forEach(({ line, owner }, i) => {
    const rect = textRect(line);
    if (TYPE[line.kind].size < 12) found.push(`"${line.text}" is under 12px`);
    if (!inside(rect, frame)) found.push(`"${line.text}" leaves the frame`);
    if (owner && !inside(rect, owner)) found.push(`"${line.text}" runs out of its box`);
    for (const box of layout.boxes) {
      if (owner === null && overlaps(rect, rectOf(box))) found.push(`"${line.text}" runs into box ${box.id}`);
    }
    texts.slice(i + 1).forEach(({ line: other }) => {
      if (overlaps(rect, textRect(other))) found.push(`"${line.text}" overlaps "${other.text}"`);
    });
    for (const arrow of layout.arrows) {
      if (overlaps(rect, arrowRect(arrow))) found.push(`"${line.text}" is crossed by an arrow`);
    }
  });
  for (const arrow of layout.arrows) {
    const ends = [layout.boxes.find((b) => b.id === arrow.from), layout.boxes.find((b) => b.id === arrow.to)];
    for (const box of ends) {
      if (!box) {
        found.push(`an arrow ${arrow.from} → ${arrow.to} has no box at one end`);
        continue;
      }
      const r = rectOf(box);
      const touches = [
        [arrow.x1, arrow.y1],
        [arrow.x2, arrow.y2]
      ].some(
        ([x = 0, y = 0]) =>
          (Math.abs(x - r.left) < 0.5 ||
            Math.abs(x - r.right) < 0.5 ||
            Math.abs(y - r.top) < 0.5 ||
            Math.abs(y - r.bottom) < 0.5) &&
          x >= r.left - 0.5 &&
          x <= r.right + 0.5 &&
          y >= r.top - 0.5 &&
          y <= r.bottom + 0.5
      );
      if (!touches) found.push(`arrow ${arrow.from} → ${arrow.to} does not reach ${box.id}`);
    }
  }
  return [...new Set(found)];
}

describe('layoutArchitecture', () => {
  const cases = everyAnswers().map(
    (answers) => [JSON.stringify(answers), drawArchitecture(recommend(answers).architecture)] as const
  );

  it.each(cases)('%s fits 296px and 560px without overlaps', (_name, drawing) => {
    for (const width of [296, 560]) {
      const layout = layoutArchitecture(drawing, width);
      expect(problems(layout), `${width}px`).toEqual([]);
      expect(layout.boxes.map((b) => b.id).sort()).toEqual(drawing.nodes.map((n) => n.id).sort());
      expect(layout.arrows).toHaveLength(drawing.edges.length);
      // Every label's words are drawn, in order.
      layout.arrows.forEach((arrow, i) => {
        expect(
          arrow.lines
            .map((l) => l.text)
            .join(' ')
            .replace(' · ', ' ')
        ).toBe((drawing.edges[i]?.label ?? '').replace(' · ', ' '));
      });
    }
  });

  it('points each arrow the way the message travels', () => {
    const drawing = drawArchitecture(
      recommend({ requests: 'aws', 'sign-in': 'own-directory', 'own-data': 'yes' }).architecture
    );
    const layout = layoutArchitecture(drawing, 296);
    const arrow = (from: string, to: string) => layout.arrows.find((a) => a.from === from && a.to === to);
    expect(arrow('app', 'user-pool')?.x2).toBeGreaterThan(arrow('app', 'user-pool')?.x1 ?? Infinity);
    expect(arrow('user-pool', 'app')?.x2).toBeLessThan(arrow('user-pool', 'app')?.x1 ?? -Infinity);
    expect(arrow('identity-pool', 'sts')?.y2).toBeGreaterThan(arrow('identity-pool', 'sts')?.y1 ?? Infinity);
  });

  it('refuses a drawing without the app', () => {
    expect(() => layoutArchitecture({ nodes: [], edges: [], helpers: {} }, 296)).toThrow(/no app/);
  });
});
