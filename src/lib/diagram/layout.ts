// Pure geometry of the sequence diagram: lifelines, one row per request and per response, activation bars, in numbers.

import type { ParticipantId } from '../sim';
import {
  BADGE_TEXT,
  participantInfo,
  describeExchange,
  diagramEntry,
  participantName,
  type Badge,
  type DiagramEntry,
  type ParticipantTone
} from './labels';
import { textWidth, widestUnbreakable, wrapText, type FontFace } from './measure';
import { exchangeSentence, nestingDepths, stepState, type StepState } from './text';

/**
 * Type scales. The layout picks the largest scale the requested width allows (`minWidth`) whose
 * minimum column still fits every participant (`participants × minColumn + 2 × margin ≤ width`), so
 * a wide diagram with many lifelines steps down to smaller type before it gets cramped.
 *
 * - `large` (≥ 1440 px, a projector or a classroom screen): 24 px labels, 28 px titles, 20 px wire
 *   text. On a 1920 px projection that is about 1/80 of the screen width per letter height, which stays
 *   legible from the back of a room.
 * - `regular` (≥ 600 px, laptops and tablets): 15 px labels, 17 px titles.
 * - `compact` (phones, or `options.compact`): 13 px labels, 11 px wire text, short role names.
 *
 * Narrow-width strategy: columns are equal; a column is the scale's minimum (84 px compact), widened
 * (up to double) when a word of a label would otherwise have to break in the middle. When even the
 * compact columns do not fit, the layout keeps compact type and grows wider than requested
 * (`scroll: true`, `width > requestedWidth`) and the container scrolls horizontally; at 360 px that
 * happens from about four or five lifelines on. Labels never shrink below the compact sizes and always
 * wrap inside the space between the two lifelines (wire text, being code, may break anywhere).
 */
export interface TypeScale {
  name: 'compact' | 'regular' | 'large';
  /** The narrowest requested width at which this scale is considered. */
  minWidth: number;
  /** Font sizes in px. */
  label: number;
  wire: number;
  detail: number;
  title: number;
  role: number;
  badge: number;
  /** Line height as a multiple of the font size. */
  lineHeight: number;
  minColumn: number;
  margin: number;
  rowGap: number;
  headerPadding: number;
  maxHeaderWidth: number;
  activationWidth: number;
  arrowHeadLength: number;
  markRadius: number;
}

export const TYPE_SCALES: readonly TypeScale[] = [
  {
    name: 'large',
    minWidth: 1440,
    label: 24,
    wire: 20,
    detail: 20,
    title: 28,
    role: 20,
    badge: 17,
    lineHeight: 1.3,
    minColumn: 200,
    margin: 24,
    rowGap: 18,
    headerPadding: 14,
    maxHeaderWidth: 360,
    activationWidth: 14,
    arrowHeadLength: 16,
    markRadius: 12
  },
  {
    name: 'regular',
    minWidth: 600,
    label: 15,
    wire: 13,
    detail: 13,
    title: 17,
    role: 13,
    badge: 11.5,
    lineHeight: 1.3,
    minColumn: 120,
    margin: 16,
    rowGap: 12,
    headerPadding: 10,
    maxHeaderWidth: 240,
    activationWidth: 10,
    arrowHeadLength: 10,
    markRadius: 8
  },
  {
    name: 'compact',
    minWidth: 0,
    label: 13,
    wire: 11,
    detail: 11.5,
    title: 13.5,
    role: 11,
    badge: 10,
    lineHeight: 1.3,
    minColumn: 84,
    margin: 8,
    rowGap: 8,
    headerPadding: 6,
    maxHeaderWidth: 160,
    activationWidth: 8,
    arrowHeadLength: 8,
    markRadius: 7
  }
];

/**
 * An error message can be long (IAM's AccessDenied names the role, action and resource ARNs): the
 * diagram shows its first lines and `…`; the accessible name and the text version carry all of it.
 */
export const DETAIL_MAX_LINES = 4;

export type RowState = StepState;

/** Which kind of text a line is; the drawing maps each to a class and a font. */
export type LineStyle = 'title' | 'role' | 'label' | 'wire' | 'detail';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface TextLine {
  text: string;
  style: LineStyle;
  /** Centre of the line (text-anchor: middle). */
  x: number;
  /** Baseline. */
  y: number;
  fontSize: number;
  /** Estimated width and the box the line occupies (for overlap checks). */
  width: number;
  box: Box;
}

export interface BadgeLayout {
  kind: Badge;
  text: string;
  box: Box;
  radius: number;
  textX: number;
  textY: number;
  fontSize: number;
}

/** The ✕-in-a-circle drawn where a refused request was stopped. */
export interface RefusalMark {
  cx: number;
  cy: number;
  r: number;
}

export interface MessageRow {
  /** `${entryId}:request` or `${entryId}:response`: stable across steps and widths. */
  id: string;
  entryId: string;
  /** Index of the exchange in the trace (request order); step `entryIndex + 1` makes it current. */
  entryIndex: number;
  kind: 'request' | 'response';
  /** Sender and receiver of this arrow (a response goes from the exchange's receiver back). */
  from: ParticipantId;
  to: ParticipantId;
  x1: number;
  x2: number;
  y: number;
  /** Nesting depth of the exchange (0 for the app's own requests). */
  depth: number;
  refused: boolean;
  state: RowState;
  lines: TextLine[];
  badges: BadgeLayout[];
  mark?: RefusalMark;
  /** Union of the row's text lines and badges. */
  labelBox: Box;
}

export interface Lifeline {
  id: ParticipantId;
  tone: ParticipantTone;
  x: number;
  /** The vertical line, from under the header to the bottom. */
  y1: number;
  y2: number;
  header: Box;
  title: TextLine[];
  role: TextLine[];
}

export interface Activation {
  /** The exchange's id. */
  id: string;
  /** The receiver, on whose lifeline the bar sits (shifted right when calls to it nest). */
  participant: ParticipantId;
  /** Left edge of the bar. */
  x: number;
  /** From the request arrow down to the response arrow. */
  y1: number;
  y2: number;
  width: number;
  state: RowState;
  refused: boolean;
}

export interface DiagramLayout {
  width: number;
  height: number;
  /** The width asked for; `width` is larger when the diagram has to scroll. */
  requestedWidth: number;
  scroll: boolean;
  scale: TypeScale;
  arrowHead: { length: number; width: number };
  lifelines: Lifeline[];
  /** In the order of the global event sequence, so nested hops sit between their parent's request and response. */
  rows: MessageRow[];
  activations: Activation[];
  step: number;
  total: number;
  /** A one-paragraph summary for the svg's accessible name. */
  description: string;
}

export interface LayoutInput {
  participants: readonly ParticipantId[];
  /** Slim entries (a figure page's data) or full trace entries: the layout reads the same from both. */
  entries: readonly DiagramEntry[];
  /** How many entries are revealed; the one at `step - 1` is current, later ones are future. */
  step: number;
  width: number;
  options?: {
    /** Use the compact type scale whatever the width (embeds, side panels). */
    compact?: boolean;
    /**
     * Index of the first current entry, when one scenario step sent several exchanges (a call and
     * its hops): entries `currentFrom … step - 1` are all current and travel in sequence. Default `step - 1`.
     */
    currentFrom?: number;
  };
}

/** Two decimals are far below a device pixel and keep the markup and golden files short. */
const round = (value: number) => Math.round(value * 100) / 100;

const lineHeightOf = (scale: TypeScale, fontSize: number) => round(fontSize * scale.lineHeight);

/** Baseline of a line of `fontSize` centred in a line box starting at `top`: cap height ≈ 0.7 em. */
const baselineIn = (top: number, lineHeight: number, fontSize: number) =>
  round(top + lineHeight / 2 + fontSize * 0.35);

/** A message's prose and how many columns its arrow spans: prose words should fit without breaking mid-word. */
interface ProseDemand {
  label: string;
  detail?: string;
  columns: number;
}

/**
 * The column width `scale` needs: its minimum, or more so that the widest unbreakable piece of prose
 * (a word, or a part of a code between `_` or camelCase humps) fits between the lifelines, up to
 * twice the minimum; beyond that, wrapping breaks inside words. Wire text (monospace code) may
 * break anywhere and does not widen columns.
 */
function columnFor(scale: TypeScale, demands: readonly ProseDemand[]): number {
  let needed = scale.minColumn;
  for (const demand of demands) {
    const widest = Math.max(
      widestUnbreakable(demand.label, scale.label, 'sans-bold'),
      demand.detail === undefined ? 0 : widestUnbreakable(demand.detail, scale.detail, 'sans')
    );
    needed = Math.max(needed, (widest + 2 * labelPaddingOf(scale)) / demand.columns);
  }
  return Math.min(needed, 2 * scale.minColumn);
}

/** Space kept between a label and the lifelines (and their activation bars) on either side. */
const labelPaddingOf = (scale: TypeScale) => scale.activationWidth / 2 + 3;

function chooseScale(
  count: number,
  width: number,
  compact: boolean,
  demands: readonly ProseDemand[]
): { scale: TypeScale; column: number } {
  const candidates = compact ? TYPE_SCALES.filter((scale) => scale.name === 'compact') : TYPE_SCALES;
  for (const scale of candidates) {
    if (width < scale.minWidth) continue;
    const column = columnFor(scale, demands);
    if (count * column + 2 * scale.margin <= width) return { scale, column };
  }
  const fallback = TYPE_SCALES[TYPE_SCALES.length - 1];
  if (!fallback) throw new Error('no type scale');
  return { scale: fallback, column: columnFor(fallback, demands) };
}

interface Face {
  fontSize: number;
  face: FontFace;
  style: LineStyle;
}

function faceOf(scale: TypeScale, style: LineStyle): Face {
  switch (style) {
    // Measured bold: the current row's label is drawn bold, and widths must hold in every state.
    case 'label':
      return { fontSize: scale.label, face: 'sans-bold', style };
    case 'title':
      return { fontSize: scale.title, face: 'sans-bold', style };
    case 'wire':
      return { fontSize: scale.wire, face: 'mono', style };
    case 'detail':
      return { fontSize: scale.detail, face: 'sans', style };
    case 'role':
      return { fontSize: scale.role, face: 'sans', style };
  }
}

/** Wraps `text` to `maxWidth` and stacks its lines from `top`, centred on `cx`; returns the lines and the next top. */
function stackLines(
  text: string,
  face: Face,
  scale: TypeScale,
  cx: number,
  top: number,
  maxWidth: number,
  maxLines = Infinity
): { lines: TextLine[]; bottom: number } {
  const lineHeight = lineHeightOf(scale, face.fontSize);
  const lines = wrapText(text, maxWidth, face.fontSize, face.face, maxLines).map(
    (content, index): TextLine => {
      const width = round(textWidth(content, face.fontSize, face.face));
      const lineTop = round(top + index * lineHeight);
      return {
        text: content,
        style: face.style,
        x: round(cx),
        y: baselineIn(lineTop, lineHeight, face.fontSize),
        fontSize: face.fontSize,
        width,
        box: { x: round(cx - width / 2), y: lineTop, width, height: lineHeight }
      };
    }
  );
  return { lines, bottom: round(top + lines.length * lineHeight) };
}

/** Lays chips out in centred lines that fit `maxWidth`, from `top`. */
function stackBadges(
  badges: readonly Badge[],
  scale: TypeScale,
  cx: number,
  top: number,
  maxWidth: number
): { badges: BadgeLayout[]; bottom: number } {
  if (badges.length === 0) return { badges: [], bottom: top };
  const fontSize = scale.badge;
  const height = round(fontSize * 1.5);
  const padding = fontSize * 0.5;
  const gap = round(fontSize * 0.4);
  const chips = badges.map((kind) => {
    const text = BADGE_TEXT[kind];
    return { kind, text, width: round(textWidth(text, fontSize, 'sans-bold') + 2 * padding) };
  });
  const lines: (typeof chips)[] = [];
  for (const chip of chips) {
    const line = lines.at(-1);
    const used = line ? line.reduce((sum, c) => sum + c.width + gap, 0) : 0;
    if (line && used + chip.width <= maxWidth) line.push(chip);
    else lines.push([chip]);
  }
  const placed: BadgeLayout[] = [];
  lines.forEach((line, index) => {
    const total = line.reduce((sum, c) => sum + c.width, 0) + gap * (line.length - 1);
    const y = round(top + index * (height + gap));
    let x = cx - total / 2;
    for (const chip of line) {
      placed.push({
        kind: chip.kind,
        text: chip.text,
        box: { x: round(x), y, width: chip.width, height },
        radius: round(height / 2),
        textX: round(x + chip.width / 2),
        textY: baselineIn(y, height, fontSize),
        fontSize
      });
      x += chip.width + gap;
    }
  });
  return { badges: placed, bottom: round(top + lines.length * height + (lines.length - 1) * gap) };
}

function union(boxes: readonly Box[]): Box {
  if (boxes.length === 0) return { x: 0, y: 0, width: 0, height: 0 };
  const x = Math.min(...boxes.map((b) => b.x));
  const y = Math.min(...boxes.map((b) => b.y));
  const right = Math.max(...boxes.map((b) => b.x + b.width));
  const bottom = Math.max(...boxes.map((b) => b.y + b.height));
  return { x: round(x), y: round(y), width: round(right - x), height: round(bottom - y) };
}

interface SequenceEvent {
  entry: DiagramEntry;
  index: number;
  kind: 'request' | 'response';
  position: number;
}

export function layoutDiagram(input: LayoutInput): DiagramLayout {
  const entries = input.entries.map(diagramEntry);
  const requestedWidth = Math.max(0, input.width);
  const total = entries.length;
  const step = Math.max(0, Math.min(total, Math.floor(input.step)));

  // Participants the caller forgot but the trace uses are appended, so no arrow points nowhere.
  const participants: ParticipantId[] = [...new Set(input.participants)];
  for (const entry of entries) {
    for (const id of [entry.from, entry.to]) if (!participants.includes(id)) participants.push(id);
  }
  const count = Math.max(1, participants.length);
  const columnOf = new Map(participants.map((id, index) => [id, index]));
  const descriptions = entries.map((entry) => describeExchange(entry));
  const columnsSpanned = (entry: DiagramEntry) =>
    Math.max(1, Math.abs((columnOf.get(entry.to) ?? 0) - (columnOf.get(entry.from) ?? 0)));
  const demands = entries.flatMap((entry, index): ProseDemand[] => {
    const description = descriptions[index];
    if (!description) return [];
    const columns = columnsSpanned(entry);
    const { detail } = description.response;
    return [
      { label: description.request.label, columns },
      { label: description.response.label, ...(detail === undefined ? {} : { detail }), columns }
    ];
  });
  const chosen = chooseScale(count, requestedWidth, input.options?.compact === true, demands);
  const { scale } = chosen;
  const width = round(Math.max(requestedWidth, count * chosen.column + 2 * scale.margin));
  const column = (width - 2 * scale.margin) / count;
  const xOf = (id: ParticipantId) => round(scale.margin + column * ((columnOf.get(id) ?? 0) + 0.5));

  // Headers: same height for all, text wrapped to the box, short role names on the compact scale.
  const headerWidth = round(Math.min(column - scale.headerPadding, scale.maxHeaderWidth));
  const headerText = headerWidth - 2 * scale.headerPadding;
  const top = scale.margin;
  const headers = participants.map((id) => {
    const info = participantInfo(id, entries);
    const x = xOf(id);
    const title = stackLines(
      info.name,
      faceOf(scale, 'title'),
      scale,
      x,
      top + scale.headerPadding,
      headerText
    );
    const roleText = scale.name === 'compact' ? info.shortRole : info.role;
    const role = stackLines(roleText, faceOf(scale, 'role'), scale, x, title.bottom, headerText);
    return { id, info, x, title: title.lines, role: role.lines, bottom: role.bottom };
  });
  const headerBottom = round(Math.max(top, ...headers.map((h) => h.bottom)) + scale.headerPadding);

  // Nesting: the global event sequence orders rows; activation bars shift right on a busy lifeline.
  const depths = nestingDepths(entries);
  const events: SequenceEvent[] = entries
    .flatMap((entry, index): SequenceEvent[] => [
      { entry, index, kind: 'request', position: entry.start },
      { entry, index, kind: 'response', position: entry.end }
    ])
    .sort((a, b) => a.position - b.position || (a.kind === 'request' ? -1 : 1));
  const barOffset = (entry: DiagramEntry) =>
    entries.filter((other) => other.to === entry.to && other.start < entry.start && other.end > entry.end)
      .length *
    (scale.activationWidth / 2);
  const barCentre = (entry: DiagramEntry) => round(xOf(entry.to) + barOffset(entry));
  const half = scale.activationWidth / 2;
  /** Where an arrow leaves `who` at `position`: the edge of its innermost open activation bar, else its lifeline. */
  const senderEdge = (who: ParticipantId, position: number, towardsRight: boolean) => {
    const open = entries.filter((e) => e.to === who && e.start < position && e.end > position);
    const innermost = open.reduce<DiagramEntry | undefined>(
      (best, e) => (best === undefined || e.start > best.start ? e : best),
      undefined
    );
    if (!innermost) return xOf(who);
    return round(barCentre(innermost) + (towardsRight ? half : -half));
  };

  const currentFrom = Math.max(0, Math.floor(input.options?.currentFrom ?? step - 1));
  const stateOf = (index: number): RowState => stepState(index, step, currentFrom);
  const labelPadding = labelPaddingOf(scale);
  const markRadius = scale.markRadius;
  const arrowGap = markRadius + 3;

  const rows: MessageRow[] = [];
  const arrowY = new Map<string, number>();
  let cursor = headerBottom;
  for (const event of events) {
    const { entry, index, kind } = event;
    const description = descriptions[index];
    if (!description) continue;
    const from = kind === 'request' ? entry.from : entry.to;
    const to = kind === 'request' ? entry.to : entry.from;
    const fromX = xOf(from);
    const toX = xOf(to);
    const self = from === to;
    // A self-call loops out towards the side with room: right, unless it is the last lifeline.
    const towardsRight = self ? (columnOf.get(from) ?? 0) < count - 1 : toX > fromX;
    const direction = towardsRight ? 1 : -1;

    let x1: number;
    let x2: number;
    if (kind === 'request') {
      x1 = senderEdge(from, event.position, towardsRight);
      x2 = self ? round(x1 + (direction * column) / 3) : round(barCentre(entry) - direction * half);
    } else {
      x1 = self
        ? round(barCentre(entry) + (direction * column) / 3)
        : round(barCentre(entry) + direction * half);
      x2 = senderEdge(to, event.position, !towardsRight);
    }

    const span = self ? column : Math.abs(toX - fromX);
    const available = Math.max(span - 2 * labelPadding, scale.label);
    const minCx = scale.margin + available / 2;
    const maxCx = width - scale.margin - available / 2;
    const cx = round(Math.min(Math.max(self ? (x1 + x2) / 2 : (fromX + toX) / 2, minCx), maxCx));

    const rowTop = round(cursor + scale.rowGap);
    const primary =
      kind === 'request'
        ? stackLines(description.request.label, faceOf(scale, 'label'), scale, cx, rowTop, available)
        : stackLines(description.response.label, faceOf(scale, 'label'), scale, cx, rowTop, available);
    const secondaryText = kind === 'request' ? description.request.wire : description.response.detail;
    const secondary =
      secondaryText === undefined || (kind === 'request' && secondaryText === description.request.label)
        ? { lines: [], bottom: primary.bottom }
        : stackLines(
            secondaryText,
            faceOf(scale, kind === 'request' ? 'wire' : 'detail'),
            scale,
            cx,
            primary.bottom,
            available,
            kind === 'request' ? Infinity : DETAIL_MAX_LINES
          );
    const badgeKinds = kind === 'request' ? description.request.badges : description.response.badges;
    const chips = stackBadges(
      badgeKinds,
      scale,
      cx,
      badgeKinds.length > 0 ? round(secondary.bottom + scale.rowGap / 3) : secondary.bottom,
      available
    );
    const y = round(chips.bottom + arrowGap);
    const refused = entry.outcome === 'refused';
    let mark: RefusalMark | undefined;
    if (kind === 'request' && refused) {
      // The request stops at a ✕ on the receiver's bar; the arrow's tip touches the circle.
      const cx = round(x2 - direction * markRadius);
      mark = { cx, cy: y, r: markRadius };
      x2 = round(cx - direction * markRadius);
    }
    const lines = [...primary.lines, ...secondary.lines];
    rows.push({
      id: `${entry.id}:${kind}`,
      entryId: entry.id,
      entryIndex: index,
      kind,
      from,
      to,
      x1,
      x2,
      y,
      depth: depths.get(entry.id) ?? 0,
      refused,
      state: stateOf(index),
      lines,
      badges: chips.badges,
      ...(mark ? { mark } : {}),
      labelBox: union([...lines.map((l) => l.box), ...chips.badges.map((b) => b.box)])
    });
    arrowY.set(`${entry.id}:${kind}`, y);
    cursor = round(y + Math.max(markRadius, scale.arrowHeadLength / 2));
  }

  const height = round(cursor + 2 * scale.rowGap + scale.margin);
  const activations: Activation[] = entries.map((entry, index) => {
    const y1 = arrowY.get(`${entry.id}:request`) ?? headerBottom;
    const y2 = arrowY.get(`${entry.id}:response`) ?? y1;
    return {
      id: entry.id,
      participant: entry.to,
      x: round(barCentre(entry) - half),
      y1,
      y2,
      width: scale.activationWidth,
      state: stateOf(index),
      refused: entry.outcome === 'refused'
    };
  });

  const lifelines: Lifeline[] = headers.map((h) => ({
    id: h.id,
    tone: h.info.tone,
    x: h.x,
    y1: headerBottom,
    y2: round(height - scale.margin),
    header: {
      x: round(h.x - headerWidth / 2),
      y: top,
      width: headerWidth,
      height: round(headerBottom - top)
    },
    title: h.title,
    role: h.role
  }));

  const names = participants.map(participantName).join(', ');
  const current = entries
    .map((entry, index) => (stateOf(index) === 'current' ? exchangeSentence(entry, index) : ''))
    .filter((sentence) => sentence !== '');
  const description =
    `Sequence diagram between ${names}: ${step} of ${total} exchanges shown.` +
    (current.length > 0 ? ` Current: ${current.join(' ')}` : '');

  return {
    width,
    height,
    requestedWidth,
    scroll: width > requestedWidth,
    scale,
    arrowHead: { length: scale.arrowHeadLength, width: round(scale.arrowHeadLength * 0.7) },
    lifelines,
    rows,
    activations,
    step,
    total,
    description
  };
}
