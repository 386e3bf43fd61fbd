// Pure geometry of the sequence diagram: lifelines, one row per request and per response, activation bars, in numbers.

import type { ParticipantId } from '../sim';
import {
  BADGE_TEXT,
  participantInfo,
  describeExchange,
  participantName,
  type Badge,
  type DiagramEntry,
  type ParticipantInfo,
  type ParticipantTone
} from './labels';
import { textWidth, widestWord, wrapText, type FontFace, type WrapOptions } from './measure';
import { exchangeSentence, nestingDepths, stepState, type StepState } from './text';

/**
 * Type scales. The layout picks the largest scale the requested width allows (`minWidth`) whose
 * columns still fit every participant and whose widest word of any label fits the width, so a wide
 * diagram with many lifelines steps down to smaller type before it gets cramped.
 *
 * - `large` (≥ 1440 px, a projector or a classroom screen): 24 px labels, 28 px titles, 20 px wire
 *   text. On a 1920 px projection that is about 1/80 of the screen width per letter height, which stays
 *   legible from the back of a room.
 * - `regular` (≥ 600 px, laptops and tablets): 15 px labels, 17 px titles, 13 px wire text and badges.
 * - `compact` (phones, or `options.compact`): 13 px for every label, wire line and badge, 13.5 px
 *   titles; headers show a short name only (the full name and role are the header's `<title>` and in
 *   the text version).
 *
 * No text is smaller than 12 px at a scale of 1, with room to spare for a drawing scaled down by a few
 * per cent to fit its container.
 *
 * Narrow-width strategy: each lifeline gets the column its header's widest word needs (at least the
 * scale's minimum), and the room left over is shared so that the narrow columns grow first. A label
 * wraps at spaces only, never inside a word (an API name such as `RespondToAuthChallenge` stays whole),
 * to the space between its arrow's lifelines or to its widest word if that is wider; a label wider
 * than that space sits on an opaque plate over the lifelines, centred on its arrow and moved in to
 * stay inside the drawing. Rows are stacked, so labels never overlap. When the columns or the widest
 * word do not fit, the layout keeps compact type and grows wider than requested (`scroll: true`,
 * `width > requestedWidth`) and the container scrolls horizontally.
 */
export interface TypeScale {
  name: 'compact' | 'regular' | 'large' | 'present';
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
  /** Room around a label's text on its opaque plate. */
  platePadding: number;
  rowGap: number;
  /** Inside a header, around its text; also the gap between two headers. */
  headerPadding: number;
  maxHeaderWidth: number;
  /** Headers show the participant's short name and no role line. */
  shortHeaders: boolean;
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
    platePadding: 6,
    rowGap: 18,
    headerPadding: 14,
    maxHeaderWidth: 360,
    shortHeaders: false,
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
    badge: 13,
    lineHeight: 1.3,
    minColumn: 120,
    margin: 16,
    platePadding: 4,
    rowGap: 12,
    headerPadding: 10,
    maxHeaderWidth: 240,
    shortHeaders: false,
    activationWidth: 10,
    arrowHeadLength: 10,
    markRadius: 8
  },
  {
    name: 'compact',
    minWidth: 0,
    label: 13,
    wire: 13,
    detail: 13,
    title: 13.5,
    role: 13,
    badge: 13,
    lineHeight: 1.3,
    minColumn: 44,
    margin: 6,
    platePadding: 3,
    rowGap: 8,
    headerPadding: 4,
    maxHeaderWidth: 160,
    shortHeaders: true,
    activationWidth: 8,
    arrowHeadLength: 8,
    markRadius: 7
  }
];

const COMPACT = TYPE_SCALES.filter((scale) => scale.name === 'compact');

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
  /**
   * The opaque plate under each text line (the line's box and some room either side), so a label wider than
   * the space between its lifelines stays legible over them. Plates of one row touch; no two rows' do.
   */
  plates: Box[];
  badges: BadgeLayout[];
  mark?: RefusalMark;
  /** Union of the row's plates and badges. */
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
  /** The participant's full name and role ("User pool: identity provider"), for the header's tooltip. */
  fullName: string;
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
    /**
     * Presenter mode (`diagram/present.ts`): one type `scale` whatever the width, labels wrapped to `measure` ems
     * before they wrap at all, for a screen `height` px tall. When the figure with its wire lines and badges
     * would be taller, they are left out (the narration beside it names the operations), as are a refusal's
     * details beyond two lines.
     */
    present?: { height: number; scale: TypeScale; measure: number };
  };
}

/** A presenting layout: its scale and measure, and whether it leaves out wire lines and badges to fit its screen. */
interface Detail {
  scale: TypeScale;
  measure: number;
  terse: boolean;
}

/** Two decimals are far below a device pixel and keep the markup and golden files short. */
const round = (value: number) => Math.round(value * 100) / 100;

const lineHeightOf = (scale: TypeScale, fontSize: number) => round(fontSize * scale.lineHeight);

/** Baseline of a line of `fontSize` centred in a line box starting at `top`: cap height ≈ 0.7 em. */
const baselineIn = (top: number, lineHeight: number, fontSize: number) =>
  round(top + lineHeight / 2 + fontSize * 0.35);

/**
 * The narrowest a label wraps to, in ems of its font: between two close lifelines prose would otherwise
 * stack a word per line; it runs over the neighbouring lifelines on its plate instead.
 */
const LABEL_MEASURE = 10;

/** Space kept between a label and the lifelines (and their activation bars) on either side. */
const labelPaddingOf = (scale: TypeScale) => scale.activationWidth / 2 + 3;

/** What a header shows on `scale`: the full name and role, or on narrow screens the short name alone. */
function headerText(scale: TypeScale, info: ParticipantInfo): { title: string; role: string } {
  return scale.shortHeaders ? { title: info.shortName, role: '' } : { title: info.name, role: info.role };
}

/**
 * The column a participant needs on `scale`: its header's widest word with the header's padding and the
 * gap to the next header (words never break, so no header is narrower), and at least the scale's minimum.
 */
function columnNeed(scale: TypeScale, info: ParticipantInfo): number {
  const { title, role } = headerText(scale, info);
  const text = Math.max(
    widestWord(title, scale.title, 'sans-bold'),
    role === '' ? 0 : widestWord(role, scale.role, 'sans')
  );
  return round(Math.max(scale.minColumn, text + 3 * scale.headerPadding));
}

/**
 * Columns that fill `room`: each at least its need, the narrowest grown first, so columns are equal
 * wherever the room allows and only a header that needs more than its share is wider. When the needs
 * alone exceed `room`, each column is its need.
 */
function shareColumns(needs: readonly number[], room: number): number[] {
  const sorted = [...needs].sort((a, b) => b - a);
  let rest = room;
  let left = sorted.length;
  let level = 0;
  for (const need of sorted) {
    level = rest / left;
    if (need <= level) break;
    rest -= need;
    left -= 1;
    level = 0;
  }
  return needs.map((need) => round(Math.max(need, level)));
}

/** A message's texts, to find the widest word the layout must make room for. */
interface LabelDemand {
  label: string;
  /** The wire operation (requests): code, drawn in full. */
  wire?: string;
  badges: readonly Badge[];
}

/** The widest chip among `badges`, laid out alone on its line. */
function widestChip(scale: TypeScale, badges: readonly Badge[]): number {
  return Math.max(0, ...badges.map((kind) => chipWidth(scale, BADGE_TEXT[kind])));
}

/**
 * The widest word of any label, wire line or badge on `scale`: the drawing must be at least this wide
 * (plus its margins and the plate's room), since words never break. An error message's words are not
 * counted: one wider than the drawing (an ARN) is cut with `…` instead.
 */
function widestLabelWord(scale: TypeScale, demands: readonly LabelDemand[]): number {
  let widest = 0;
  for (const demand of demands) {
    widest = Math.max(
      widest,
      widestWord(demand.label, scale.label, 'sans-bold'),
      demand.wire === undefined ? 0 : widestWord(demand.wire, scale.wire, 'mono'),
      widestChip(scale, demand.badges)
    );
  }
  return widest;
}

/** The width a layout on `scale` needs: its columns, and its widest label word on a plate. */
function neededWidth(scale: TypeScale, needs: readonly number[], demands: readonly LabelDemand[]): number {
  const columns = needs.reduce((sum, need) => sum + need, 0);
  return Math.max(columns, widestLabelWord(scale, demands) + 2 * scale.platePadding) + 2 * scale.margin;
}

function chooseScale(
  participants: readonly ParticipantInfo[],
  width: number,
  candidates: readonly TypeScale[],
  demands: readonly LabelDemand[]
): { scale: TypeScale; needs: number[]; needed: number } {
  const measured = (scale: TypeScale) => {
    const needs = participants.map((info) => columnNeed(scale, info));
    return { scale, needs, needed: neededWidth(scale, needs, demands) };
  };
  for (const scale of candidates) {
    if (width < scale.minWidth) continue;
    const candidate = measured(scale);
    if (candidate.needed <= width) return candidate;
  }
  const fallback = candidates.at(-1);
  if (!fallback) throw new Error('no type scale');
  return measured(fallback);
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
  options: WrapOptions = {}
): { lines: TextLine[]; bottom: number } {
  const lineHeight = lineHeightOf(scale, face.fontSize);
  const lines = wrapText(text, maxWidth, face.fontSize, face.face, options).map(
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

/** A badge chip's size on `scale`: its text in bold with half an em either side, one and a half ems high. */
const chipWidth = (scale: TypeScale, text: string) =>
  round(textWidth(text, scale.badge, 'sans-bold') + scale.badge);

/** Lays chips out in centred lines that fit `maxWidth` (a chip wider than that alone on its line), from `top`. */
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
  const gap = round(fontSize * 0.4);
  const chips = badges.map((kind) => {
    const text = BADGE_TEXT[kind];
    return { kind, text, width: chipWidth(scale, text) };
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

/** `line` moved right by `dx`. */
function shiftLine(line: TextLine, dx: number): TextLine {
  return { ...line, x: round(line.x + dx), box: { ...line.box, x: round(line.box.x + dx) } };
}

/** `badge` moved right by `dx`. */
function shiftBadge(badge: BadgeLayout, dx: number): BadgeLayout {
  return {
    ...badge,
    box: { ...badge.box, x: round(badge.box.x + dx) },
    textX: round(badge.textX + dx)
  };
}

export function layoutDiagram(input: LayoutInput): DiagramLayout {
  const present = input.options?.present;
  if (!present) return layoutOnce(input, undefined);
  const { scale, measure } = present;
  const full = layoutOnce(input, { scale, measure, terse: false });
  return full.height <= present.height ? full : layoutOnce(input, { scale, measure, terse: true });
}

function layoutOnce(input: LayoutInput, detail: Detail | undefined): DiagramLayout {
  const { entries } = input;
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
  const infos = participants.map((id) => participantInfo(id, entries));
  const descriptions = entries.map((entry) => describeExchange(entry));
  const demands = descriptions.flatMap((description): LabelDemand[] => [
    { ...description.request, badges: description.request.badges },
    { label: description.response.label, badges: description.response.badges }
  ]);
  const chosen = chooseScale(
    infos,
    requestedWidth,
    detail ? [detail.scale] : input.options?.compact === true ? COMPACT : TYPE_SCALES,
    demands
  );
  const { scale } = chosen;
  const width = round(Math.max(requestedWidth, chosen.needed));
  const columns = shareColumns(chosen.needs, width - 2 * scale.margin);
  const columnWidth = (id: ParticipantId) => columns[columnOf.get(id) ?? 0] ?? scale.minColumn;
  const lefts = columns.map((_, index) =>
    columns.slice(0, index).reduce((sum, column) => sum + column, scale.margin)
  );
  const xOf = (id: ParticipantId) => {
    const index = columnOf.get(id) ?? 0;
    return round((lefts[index] ?? scale.margin) + (columns[index] ?? 0) / 2);
  };

  // Headers: same height for all, text wrapped to the box, short names alone on the compact scale.
  const top = scale.margin;
  const headers = participants.map((id, index) => {
    const info = infos[index] ?? participantInfo(id, entries);
    const x = xOf(id);
    const headerWidth = round(Math.min(columnWidth(id) - scale.headerPadding, scale.maxHeaderWidth));
    const textWidth = headerWidth - 2 * scale.headerPadding;
    const shown = headerText(scale, info);
    const title = stackLines(
      shown.title,
      faceOf(scale, 'title'),
      scale,
      x,
      top + scale.headerPadding,
      textWidth
    );
    const role =
      shown.role === ''
        ? { lines: [], bottom: title.bottom }
        : stackLines(shown.role, faceOf(scale, 'role'), scale, x, title.bottom, textWidth);
    return { id, info, x, headerWidth, title: title.lines, role: role.lines, bottom: role.bottom };
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
      x2 = self
        ? round(x1 + (direction * columnWidth(from)) / 3)
        : round(barCentre(entry) - direction * half);
    } else {
      x1 = self
        ? round(barCentre(entry) + (direction * columnWidth(from)) / 3)
        : round(barCentre(entry) + direction * half);
      x2 = senderEdge(to, event.position, !towardsRight);
    }

    // Lines wrap at spaces to the room between the lifelines, or to the row's widest word or a few words'
    // measure if those are wider (never wider than the drawing: width grew for the widest word, and a
    // message's longer words are cut).
    const span = self ? columnWidth(from) : Math.abs(toX - fromX);
    const inner = width - 2 * (scale.margin + scale.platePadding);
    const primaryText = kind === 'request' ? description.request.label : description.response.label;
    const secondaryText = kind === 'request' ? description.request.wire : description.response.detail;
    const terse = detail?.terse === true;
    const showSecondary =
      secondaryText !== undefined &&
      !(kind === 'request' && (terse || secondaryText === description.request.label));
    const secondaryFace = faceOf(scale, kind === 'request' ? 'wire' : 'detail');
    const badgeKinds = terse
      ? []
      : kind === 'request'
        ? description.request.badges
        : description.response.badges;
    const widest = Math.max(
      widestWord(primaryText, scale.label, 'sans-bold'),
      showSecondary ? widestWord(secondaryText, secondaryFace.fontSize, secondaryFace.face) : 0,
      widestChip(scale, badgeKinds)
    );
    const measure = (detail?.measure ?? LABEL_MEASURE) * scale.label;
    const wrapWidth = Math.min(inner, Math.max(span - 2 * labelPadding, widest, measure));

    // Laid out around x = 0 first; then centred on the arrow and moved in to keep the plates in the drawing.
    const rowTop = round(cursor + scale.rowGap);
    const primary = stackLines(primaryText, faceOf(scale, 'label'), scale, 0, rowTop, wrapWidth);
    const secondary = showSecondary
      ? stackLines(
          secondaryText,
          secondaryFace,
          scale,
          0,
          primary.bottom,
          wrapWidth,
          kind === 'request' ? {} : { maxLines: terse ? 2 : DETAIL_MAX_LINES, longWords: 'cut' }
        )
      : { lines: [], bottom: primary.bottom };
    const chips = stackBadges(
      badgeKinds,
      scale,
      0,
      badgeKinds.length > 0 ? round(secondary.bottom + scale.rowGap / 3) : secondary.bottom,
      wrapWidth
    );
    const reach = Math.max(
      0,
      ...[...primary.lines, ...secondary.lines].map((line) => line.width / 2 + scale.platePadding),
      ...chips.badges.map((badge) => Math.max(-badge.box.x, badge.box.x + badge.box.width))
    );
    const middle = self ? (x1 + x2) / 2 : (fromX + toX) / 2;
    const cx = round(Math.min(Math.max(middle, scale.margin + reach), width - scale.margin - reach));
    const lines = [...primary.lines, ...secondary.lines].map((line) => shiftLine(line, cx));
    const badges = chips.badges.map((badge) => shiftBadge(badge, cx));
    const plates = lines.map((line) => ({
      x: round(line.box.x - scale.platePadding),
      y: line.box.y,
      width: round(line.box.width + 2 * scale.platePadding),
      height: line.box.height
    }));
    const y = round(chips.bottom + arrowGap);
    const refused = entry.outcome === 'refused';
    let mark: RefusalMark | undefined;
    if (kind === 'request' && refused) {
      // The request stops at a ✕ on the receiver's bar; the arrow's tip touches the circle.
      const cx = round(x2 - direction * markRadius);
      mark = { cx, cy: y, r: markRadius };
      x2 = round(cx - direction * markRadius);
    }
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
      plates,
      badges,
      ...(mark ? { mark } : {}),
      labelBox: union([...plates, ...badges.map((b) => b.box)])
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
      x: round(h.x - h.headerWidth / 2),
      y: top,
      width: h.headerWidth,
      height: round(headerBottom - top)
    },
    title: h.title,
    role: h.role,
    fullName: `${h.info.name}: ${h.info.role}`
  }));

  const description = describeDiagram(
    participants,
    step,
    total,
    entries.map((entry, index) => (stateOf(index) === 'current' ? exchangeSentence(entry, index) : ''))
  );

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

/** The svg's accessible name: who takes part, how much is shown, and the current exchanges' sentences ('' skipped). */
export function describeDiagram(
  participants: readonly ParticipantId[],
  step: number,
  total: number,
  sentences: readonly string[]
): string {
  const current = sentences.filter((sentence) => sentence !== '');
  return (
    `Sequence diagram between ${participants.map(participantName).join(', ')}: ${step} of ${total} exchanges shown.` +
    (current.length > 0 ? ` Current: ${current.join(' ')}` : '')
  );
}

/**
 * How tall the finished figure stands in a box `width` px wide: laid out complete and, unless it scrolls sideways,
 * scaled to the box. A page reserves this height from the first paint, so no step makes it jump; a host sizes an
 * embed by it (layout is deterministic, so the build knows it).
 */
export function finishedHeight(
  participants: LayoutInput['participants'],
  entries: LayoutInput['entries'],
  width: number
): number {
  const boxWidth = Math.max(280, width);
  const finished = layoutDiagram({
    participants,
    entries,
    step: entries.length,
    width: boxWidth,
    options: { compact: width < 640 }
  });
  return finished.scroll ? finished.height : Math.ceil((finished.height * boxWidth) / finished.width);
}
