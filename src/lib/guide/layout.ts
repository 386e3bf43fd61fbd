// Geometry of an architecture drawing: the app on the left, everything it talks to in a column on the right.

/*
 * Every arrow but two runs between the app and one box of the column, with its label above it, so labels
 * never cross: each box's row holds its own arrows. The two exceptions (a federated IdP under the user pool,
 * STS under the identity pool) hang below their partner and are joined to it by a vertical arrow, its label
 * to the left, where no horizontal arrow runs. Text is wrapped with the diagram's metrics, so the drawing is
 * laid out without a browser; the caller picks a width and draws at that size, never scaling text down.
 */

import { DIAGRAM_FONT_STACK, textWidth, wrapText, type FontFace } from '../diagram';
import type { ArchitectureDrawing, ArchitectureNode, NodeId } from './architecture';

export { DIAGRAM_FONT_STACK as ARCHITECTURE_FONT };

/** Sizes in CSS px at scale 1: none is under 12. */
export const TYPE = {
  name: { size: 14, lineHeight: 17, face: 'sans-bold' },
  detail: { size: 12, lineHeight: 15, face: 'sans' },
  label: { size: 13, lineHeight: 16, face: 'sans' }
} as const satisfies Record<string, { size: number; lineHeight: number; face: FontFace }>;

export interface TextLine {
  text: string;
  x: number;
  /** Baseline. */
  y: number;
  kind: keyof typeof TYPE;
  anchor: 'start' | 'middle' | 'end';
}

export interface BoxGeometry {
  id: NodeId;
  tone: ArchitectureNode['tone'];
  x: number;
  y: number;
  width: number;
  height: number;
  lines: TextLine[];
}

export interface ArrowGeometry {
  from: NodeId;
  to: NodeId;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** The head's triangle at (x2, y2), as SVG polygon points. */
  head: string;
  lines: TextLine[];
}

export interface ArchitectureLayout {
  width: number;
  height: number;
  boxes: BoxGeometry[];
  arrows: ArrowGeometry[];
}

const PAD = 8;
const ROW_GAP = 14;
const LABEL_GAP = 3;
const ARROW_GAP = 8;
const HEAD = 7;
const MIN_BOX_HEIGHT = 44;

function wrap(text: string, kind: keyof typeof TYPE, width: number): string[] {
  return wrapText(text, width, TYPE[kind].size, TYPE[kind].face);
}

/** A baseline a third of the way below a line's middle, which centres mixed-case text in its line box. */
function baseline(top: number, kind: keyof typeof TYPE): number {
  const { size, lineHeight } = TYPE[kind];
  return top + lineHeight / 2 + size * 0.35;
}

/** A box's name and detail, wrapped to `width`, centred on `centreX`, starting at `top`. */
function boxText(node: ArchitectureNode, width: number, centreX: number, top: number): TextLine[] {
  const lines: TextLine[] = [];
  let y = top;
  for (const kind of ['name', 'detail'] as const) {
    for (const text of wrap(kind === 'name' ? node.name : node.detail, kind, width)) {
      lines.push({ text, x: centreX, y: baseline(y, kind), kind, anchor: 'middle' });
      y += TYPE[kind].lineHeight;
    }
  }
  return lines;
}

const textHeight = (lines: TextLine[]) => lines.reduce((sum, line) => sum + TYPE[line.kind].lineHeight, 0);

function headPoints(x1: number, y1: number, x2: number, y2: number): string {
  const length = Math.hypot(x2 - x1, y2 - y1) || 1;
  const [ux, uy] = [(x2 - x1) / length, (y2 - y1) / length];
  const [bx, by] = [x2 - ux * HEAD, y2 - uy * HEAD];
  const half = HEAD * 0.55;
  const points = [
    [x2, y2],
    [bx - uy * half, by + ux * half],
    [bx + uy * half, by - ux * half]
  ];
  return points.map(([x, y]) => `${round(x ?? 0)},${round(y ?? 0)}`).join(' ');
}

const round = (value: number) => Math.round(value * 10) / 10;

/** Width of the widest word a box must show: the least width its text column can have. */
function widestWord(node: ArchitectureNode): number {
  return Math.max(
    ...node.name.split(' ').map((word) => textWidth(word, TYPE.name.size, TYPE.name.face)),
    ...node.detail.split(' ').map((word) => textWidth(word, TYPE.detail.size, TYPE.detail.face))
  );
}

/** Lays out `drawing` to fit `width` CSS px. */
export function layoutArchitecture(drawing: ArchitectureDrawing, width: number): ArchitectureLayout {
  const app = drawing.nodes.find((node) => node.id === 'app');
  if (!app) throw new Error('layoutArchitecture: the drawing has no app');
  const column = drawing.nodes.filter((node) => node.id !== 'app');
  const appWidth = Math.ceil(Math.max(64, widestWord(app) + 2 * PAD, Math.min(width * 0.14, 96)));
  const boxWidth = Math.ceil(
    Math.max(Math.min(width * 0.36, 190), ...column.map((node) => widestWord(node) + 2 * PAD))
  );
  const boxX = width - boxWidth;
  const zone = { left: appWidth, right: boxX };
  const labelWidth = zone.right - zone.left - 2 * PAD;
  const boxes: BoxGeometry[] = [];
  const arrows: ArrowGeometry[] = [];
  const labelLines = (text: string, x: number, top: number, anchor: TextLine['anchor'], room: number) =>
    wrap(text, 'label', room).map((line, index) => ({
      text: line,
      x,
      y: baseline(top + index * TYPE.label.lineHeight, 'label'),
      kind: 'label' as const,
      anchor
    }));

  let y = 0;
  const placed = new Map<NodeId, BoxGeometry>();
  for (const node of column) {
    const partner = drawing.helpers[node.id];
    if (partner) {
      // Hangs under its partner: a vertical arrow between them, its label to the left.
      const above = placed.get(partner);
      const edge = drawing.edges.find(
        (e) => (e.from === node.id && e.to === partner) || (e.from === partner && e.to === node.id)
      );
      if (!above || !edge)
        throw new Error(`layoutArchitecture: ${node.id} hangs under ${partner}, drawn before it`);
      const arrowX = above.x + above.width / 2;
      const labelRight = arrowX - PAD;
      const lines = labelLines(edge.label, labelRight, 0, 'end', labelRight - zone.left - PAD);
      const gap = Math.max(32, textHeight(lines) + 2 * PAD);
      const gapTop = above.y + above.height;
      const shifted = lines.map((line) => ({ ...line, y: line.y + gapTop + (gap - textHeight(lines)) / 2 }));
      const text = boxText(node, boxWidth - 2 * PAD, arrowX, 0);
      const box: BoxGeometry = {
        id: node.id,
        tone: node.tone,
        x: above.x,
        y: gapTop + gap,
        width: boxWidth,
        height: Math.max(MIN_BOX_HEIGHT, textHeight(text) + 2 * PAD),
        lines: []
      };
      box.lines = text.map((line) => ({ ...line, y: line.y + box.y + (box.height - textHeight(text)) / 2 }));
      const down = edge.from === partner;
      const [top, bottom] = [gapTop, box.y];
      arrows.push({
        from: edge.from,
        to: edge.to,
        x1: arrowX,
        y1: down ? top : bottom,
        x2: arrowX,
        y2: down ? bottom : top,
        head: headPoints(arrowX, down ? top : bottom, arrowX, down ? bottom : top),
        lines: shifted
      });
      boxes.push(box);
      placed.set(node.id, box);
      y = box.y + box.height + ROW_GAP;
      continue;
    }
    // A row of its own: each arrow to or from the app, its label above it.
    const rowTop = y;
    const own = drawing.edges.filter(
      (e) => (e.from === 'app' && e.to === node.id) || (e.from === node.id && e.to === 'app')
    );
    for (const edge of own) {
      const lines = labelLines(edge.label, (zone.left + zone.right) / 2, y, 'middle', labelWidth);
      y += textHeight(lines) + LABEL_GAP;
      const rightward = edge.from === 'app';
      const [x1, x2] = rightward ? [zone.left, zone.right] : [zone.right, zone.left];
      arrows.push({
        from: edge.from,
        to: edge.to,
        x1,
        y1: y,
        x2,
        y2: y,
        head: headPoints(x1, y, x2, y),
        lines
      });
      y += ARROW_GAP;
    }
    const text = boxText(node, boxWidth - 2 * PAD, boxX + boxWidth / 2, 0);
    const height = Math.max(MIN_BOX_HEIGHT, y - rowTop, textHeight(text) + 2 * PAD);
    const box: BoxGeometry = {
      id: node.id,
      tone: node.tone,
      x: boxX,
      y: rowTop,
      width: boxWidth,
      height,
      lines: []
    };
    box.lines = text.map((line) => ({ ...line, y: line.y + rowTop + (height - textHeight(text)) / 2 }));
    boxes.push(box);
    placed.set(node.id, box);
    y = rowTop + height + ROW_GAP;
  }
  const appText = boxText(app, appWidth - 2 * PAD, appWidth / 2, 0);
  const height = Math.max(MIN_BOX_HEIGHT, y - ROW_GAP, textHeight(appText) + 2 * PAD);
  const appBox: BoxGeometry = {
    id: 'app',
    tone: app.tone,
    x: 0,
    y: 0,
    width: appWidth,
    height,
    lines: appText.map((line) => ({ ...line, y: line.y + (height - textHeight(appText)) / 2 }))
  };
  // In the order things happen, as the edges are.
  const order = (arrow: ArrowGeometry) =>
    drawing.edges.findIndex((edge) => edge.from === arrow.from && edge.to === arrow.to);
  return { width, height, boxes: [appBox, ...boxes], arrows: arrows.sort((a, b) => order(a) - order(b)) };
}
