// Draws a diagram layout into an <svg>: a keyed update that touches only what changed. What has just become
// current travels; the transitions (d3) are in ./travel, loaded the first time something travels.

import type { DiagramLayout, MessageRow } from './layout';
import {
  arrowDashes,
  diagramTree,
  node,
  num,
  serialise,
  SVG_NS,
  type MarkupOptions,
  type SvgNode
} from './markup';
import type { GrowingBar, TravellingRow } from './travel';

export { renderDiagramMarkup } from './markup';

export interface DrawOptions extends MarkupOptions {
  /** No travel, no fades: the final picture at once. */
  reducedMotion: boolean;
  /** Playback speed: 1 reveals an arrow in about `ARROW_MS`, 2 twice as fast, 0.5 half as fast. Default 1. */
  speed?: number;
  /** Milliseconds for one arrow (its travel, then its label's fade); when given, `speed` is not used. */
  duration?: number;
  /** The trace entry the learner chose (`t3`): its request and answer are outlined. */
  selected?: string | undefined;
}

/** One arrow's turn at speed 1: it travels, then its label fades in, then a breath before the next leaves. */
export const ARROW_MS = 400;

/** Shares of an arrow's turn: travelling to its receiver; its label starts to fade in a moment after, and takes this. */
const TRAVEL_SHARE = 0.55;
const LABEL_AT = 0.6;
const FADE_SHARE = 0.3;

/** Milliseconds each arriving arrow takes with these options. */
export function arrowDuration(options: Pick<DrawOptions, 'speed' | 'duration'>): number {
  if (options.duration !== undefined) return options.duration;
  const speed = options.speed !== undefined && options.speed > 0 ? options.speed : 1;
  return ARROW_MS / speed;
}

/**
 * How the chosen exchange looks: a thicker arrow, its label in the text colour, and an outline in the accent
 * colour around its label and badges (the current exchange is told by colour, the chosen one by shape). Only
 * a drawing has a chosen exchange (a learner's click), so this stylesheet is not in the prerendered markup.
 */
export const SELECTED_CSS = [
  '.tp-diagram .selected .arrow{stroke-width:4.5}',
  '.tp-diagram .selected .label{fill:var(--text,#14202b)}',
  '.tp-diagram .selection{fill:none;stroke:var(--accent,#0a5c8a);stroke-width:2.5}'
].join('');

/**
 * The element tree drawDiagram makes the svg into: the static markup's, and when an exchange is chosen, its
 * rows classed `selected`, an outline after each of their plates and the stylesheet for them (last, so no
 * other element's key moves).
 */
export function drawnTree(layout: DiagramLayout, options: DrawOptions): SvgNode {
  const tree = diagramTree(layout, options);
  const rows = layout.rows.filter((row) => row.entryId === options.selected && row.state !== 'future');
  if (rows.length === 0) return tree;
  const chosen = new Set(rows.map((row) => row.id));
  const layer = (name: string) => tree.children.find((child) => child.attrs.class === name);
  for (const group of layer('rows')?.children ?? []) {
    if (chosen.has(group.attrs['data-id'] ?? '')) group.attrs.class += ' selected';
  }
  const plates = layer('plates');
  if (plates) {
    plates.children = plates.children.flatMap((plate) => {
      const row = rows.find((candidate) => candidate.id === plate.attrs['data-id']);
      if (!row) return [plate];
      const { x, y, width, height } = row.labelBox;
      const outline = node('rect', {
        class: 'selection',
        'data-id': `${row.id}:selected`,
        x: num(x - 3),
        y: num(y - 3),
        width: num(width + 6),
        height: num(height + 6),
        rx: '4'
      });
      return [plate, outline];
    });
  }
  tree.children.push(node('style', {}, [], SELECTED_CSS));
  return tree;
}

/** The markup of `drawnTree`: what the svg holds after drawDiagram with the same options. */
export function renderDrawnMarkup(layout: DiagramLayout, options: DrawOptions): string {
  return serialise(drawnTree(layout, options), true);
}

type Travel = typeof import('./travel');

/** The transitions module, once something has travelled (or is about to). */
let travelModule: Travel | undefined;
let travelLoading: Promise<Travel> | undefined;

function loadTravel(): Promise<Travel> {
  travelLoading ??= import('./travel').then(
    (module) => (travelModule = module),
    (error: unknown) => {
      // Offline, say: the next drawing that has something to move tries again.
      travelLoading = undefined;
      throw error;
    }
  );
  return travelLoading;
}

/**
 * The spec each keyed element (lifeline, row, activation bar) was last drawn from, as text. An element whose
 * spec has not changed is left alone, children and all; an animation forgets its element's entry, so the next
 * drawing checks every attribute of it again.
 */
const drawnFrom = new WeakMap<Element, string>();

/**
 * Each svg's running reveal: the keyed elements it moves (rows, plates, bars), each with the spec it animates
 * towards, and when it ends. A later drawing leaves alone an element whose spec it does not change (the same
 * step laid out again when the live world's state arrives, another arrow chosen), and stops the others.
 */
interface Reveal {
  specs: Map<Element, string>;
  done: Promise<void>;
}
const reveals = new WeakMap<Element, Reveal>();

/** What a running reveal touches under a keyed element: its arrow, label, badges and ✕ (none for plates and bars). */
function partsOf(element: Element): Element[] {
  return [element, ...element.querySelectorAll('line.arrow, text.label, g.badges, g.refusal-mark')];
}

/** The key of a keyed element in its layer (`rows#t1:request`), as `layerSpecs` names the tree's. */
function layerKey(element: Element): string {
  return `${element.parentElement?.getAttribute('class') ?? ''}#${element.getAttribute('data-id') ?? ''}`;
}

/** The tree's keyed specs by layer key, as text. */
function layerSpecs(tree: SvgNode): Map<string, string> {
  const specs = new Map<string, string>();
  for (const layer of tree.children) {
    for (const child of layer.children) {
      const id = child.attrs['data-id'];
      if (id !== undefined) specs.set(`${layer.attrs.class ?? ''}#${id}`, JSON.stringify(child));
    }
  }
  return specs;
}

/** Each svg's latest drawing: an animation waiting for ./travel starts only if its drawing is still the latest. */
const drawings = new WeakMap<Element, number>();

/** The join key of a spec or an element: keyed nodes by data-id, the rest by tag and position. */
function keyOf(tag: string, id: string | null | undefined, index: number): string {
  return id === null || id === undefined ? `${tag}@${index}` : `${tag}#${id}`;
}

/** Makes `element`'s attributes exactly `attrs` (except on the root, where the host's own attributes stay). */
function applyAttributes(element: Element, attrs: Record<string, string>, root: boolean): void {
  if (!root) {
    for (const name of element.getAttributeNames()) if (!(name in attrs)) element.removeAttribute(name);
  }
  for (const [name, value] of Object.entries(attrs)) {
    if (root && name === 'class') {
      const missing = value.split(' ').filter((token) => !element.classList.contains(token));
      if (missing.length > 0) element.classList.add(...missing);
    } else if (element.getAttribute(name) !== value) element.setAttribute(name, value);
  }
}

/** A new element for `spec`, complete before it joins the document (one insertion, no attribute churn). */
function build(spec: SvgNode, document: Document): Element {
  const element = document.createElementNS(SVG_NS, spec.tag);
  for (const [name, value] of Object.entries(spec.attrs)) element.setAttribute(name, value);
  if (spec.text !== undefined) element.textContent = spec.text;
  else for (const child of spec.children) element.append(build(child, document));
  if (spec.attrs['data-id'] !== undefined) drawnFrom.set(element, JSON.stringify(spec));
  return element;
}

/** Brings an existing element to `spec`, unless it is keyed and already drawn from the same spec. */
function update(element: Element, spec: SvgNode, document: Document): void {
  if (spec.attrs['data-id'] !== undefined) {
    const drawn = JSON.stringify(spec);
    if (drawnFrom.get(element) === drawn) return;
    drawnFrom.set(element, drawn);
  }
  applyAttributes(element, spec.attrs, false);
  reconcile(element, spec, document);
}

/** Joins `spec.children` onto `parent`'s element children by key: removes the gone, keeps the order, adds the new. */
function reconcile(parent: Element, spec: SvgNode, document: Document): void {
  if (spec.text !== undefined) {
    if (parent.textContent !== spec.text) parent.textContent = spec.text;
    return;
  }
  const wanted = spec.children.map((child, index) => keyOf(child.tag, child.attrs['data-id'], index));
  const kept = new Map<string, Element>();
  [...parent.children].forEach((child, index) => {
    const key = keyOf(child.localName, child.getAttribute('data-id'), index);
    if (wanted.includes(key) && !kept.has(key)) kept.set(key, child);
    else child.remove();
  });
  let next = parent.firstElementChild;
  spec.children.forEach((childSpec, index) => {
    const existing = kept.get(wanted[index] ?? '');
    if (existing) update(existing, childSpec, document);
    const child = existing ?? build(childSpec, document);
    if (child === next) next = next.nextElementSibling;
    else parent.insertBefore(child, next);
  });
}

/** The element under `selector` with this data-id (ids come from traces, so no selector escaping is needed). */
function byId(svg: SVGSVGElement, selector: string, id: string): Element | undefined {
  return [...svg.querySelectorAll(selector)].find((element) => element.getAttribute('data-id') === id);
}

/**
 * Draws `layout` into `svg`, reusing whatever is already there (a previous drawing or the prerendered
 * markup) and touching only the rows, bars and lifelines whose spec changed. Reveals what has just become
 * current one arrow at a time, in the layout's row order (a request, the hops it caused, then its answer):
 * each arrow travels from sender to receiver, then its label fades in, then the next one leaves.
 * Resolves when the animations have finished (or were replaced by a later call).
 */
export function drawDiagram(svg: SVGSVGElement, layout: DiagramLayout, options: DrawOptions): Promise<void> {
  const document = svg.ownerDocument;
  const duration = arrowDuration(options);
  const drawing = (drawings.get(svg) ?? 0) + 1;
  drawings.set(svg, drawing);
  const tree = drawnTree(layout, options);
  const specs = layerSpecs(tree);

  // Remember which rows were current before. A running reveal goes on where this drawing wants the same
  // (its elements are skipped by the update); the rest of it stops, and the update puts it right.
  const before = new Map<string, string | null>();
  for (const row of svg.querySelectorAll('g.rows > g.row')) {
    before.set(row.getAttribute('data-id') ?? '', row.getAttribute('data-state'));
  }
  const running = reveals.get(svg);
  reveals.delete(svg);
  const kept = new Map<Element, string>();
  const stopped: Element[] = [];
  for (const [element, spec] of running?.specs ?? []) {
    if (!options.reducedMotion && element.isConnected && specs.get(layerKey(element)) === spec) {
      kept.set(element, spec);
      drawnFrom.set(element, spec);
    } else stopped.push(...partsOf(element));
  }
  travelModule?.interrupt(stopped);

  applyAttributes(svg, tree.attrs, true);
  reconcile(svg, tree, document);
  // Once the kept animations end, the next drawing checks their elements in full again.
  for (const element of kept.keys()) drawnFrom.delete(element);
  const keep = (done: Promise<void>) => {
    if (kept.size > 0) reveals.set(svg, { specs: kept, done });
    return done;
  };
  const keptDone = running && kept.size > 0 ? running.done : Promise.resolve();

  if (options.reducedMotion) return Promise.resolve();

  // Rows that have just become current are revealed one after another, in the order of the event sequence.
  const arriving = layout.rows.filter((row) => row.state === 'current' && before.get(row.id) !== 'current');
  if (arriving.length === 0) return keep(keptDone);
  const delays = new Map(arriving.map((row, index) => [row.id, index * duration]));
  /** An arrow reaches its receiver after this share of its turn; its label fades in after that. */
  const arrival = duration * TRAVEL_SHARE;

  const moving = new Map<Element, string>();
  const note = (element: Element, key: string) => moving.set(element, specs.get(key) ?? '');
  const rows: TravellingRow[] = [];
  for (const row of arriving) {
    const group = byId(svg, 'g.rows > g.row', row.id);
    const plate = byId(svg, 'g.plates > path.plate', row.id);
    if (!group) continue;
    rows.push(cover(group, plate, row, delays.get(row.id) ?? 0));
    note(group, `rows#${row.id}`);
    if (plate) note(plate, `plates#${row.id}`);
  }
  const bars: GrowingBar[] = [];
  for (const activation of layout.activations) {
    const opens = delays.get(`${activation.id}:request`);
    const closes = delays.get(`${activation.id}:response`);
    const bar = byId(svg, 'g.activations > rect', activation.id);
    if (opens === undefined || closes === undefined || !(bar instanceof SVGElement)) continue;
    // The bar grows down its lifeline from the request's arrival to the answer's departure: a scale from its top.
    drawnFrom.delete(bar);
    bar.style.setProperty('transform-box', 'fill-box');
    bar.style.setProperty('transform-origin', '50% 0');
    bar.style.setProperty('transform', 'scaleY(0)');
    bars.push({ bar, delay: opens + arrival, duration: Math.max(closes - opens - arrival, duration * 0.1) });
    note(bar, `activations#${activation.id}`);
  }

  // No animation after all (./travel did not load): the final picture, as the layout says, if still the latest.
  const settle = () => {
    if (drawings.get(svg) === drawing) reconcile(svg, tree, document);
  };
  const start = (travel: Travel) => {
    // Only now can a later drawing keep these moving: until the transitions exist, it puts the rows right itself.
    for (const [element, spec] of moving) kept.set(element, spec);
    return travel.travel(rows, bars, {
      travel: arrival,
      labelAt: duration * LABEL_AT,
      fade: duration * FADE_SHARE
    });
  };
  // A drawing before the transitions start (they start on a later microtask) still finds what keeps moving.
  keep(keptDone);
  return loadTravel().then((travel) => {
    // A later drawing has already put these rows right; nothing to move.
    if (drawings.get(svg) !== drawing) return undefined;
    return keep(Promise.all([keptDone, start(travel)]).then(() => undefined));
  }, settle);
}

/**
 * Puts a row that is about to travel in its state before leaving, at once (the transitions may still be
 * loading): its arrow laid out final but covered by a dash offset of its length, with its own dash pattern
 * and no head; its label, its plate, badges and ✕ transparent. The next drawing checks it in full again.
 */
function cover(group: Element, plate: Element | undefined, row: MessageRow, delay: number): TravellingRow {
  drawnFrom.delete(group);
  const length = Math.max(Math.abs(row.x2 - row.x1), 0.01);
  const line = group.querySelector('line.arrow');
  const marker = line?.getAttribute('marker-end') ?? null;
  if (line instanceof SVGElement) {
    // Hidden until it leaves, or a dotted answer's round caps would show at its sender during the delay.
    line.setAttribute('opacity', '0');
    line.removeAttribute('marker-end');
    line.style.setProperty('stroke-dasharray', travelDashes(arrowDashes(row), length));
    line.style.setProperty('stroke-dashoffset', num(length));
  }
  if (plate) drawnFrom.delete(plate);
  for (const part of [
    ...(plate ? [plate] : []),
    ...group.querySelectorAll('text.label, g.badges, g.refusal-mark')
  ]) {
    part.setAttribute('opacity', '0');
  }
  return { group, ...(plate ? { plate } : {}), length, marker, delay };
}

/**
 * The dash list an arrow of `length` travels with: its own dashes (solid, dashed or dotted) up to its length,
 * then a gap as long again. A dash offset of `length` shows nothing of it, 0 shows the arrow as it is drawn.
 */
export function travelDashes(pattern: readonly number[], length: number): string {
  const segments: number[] = [];
  let covered = 0;
  for (let index = 0; covered < length; index++) {
    // A solid line is one dash the whole length.
    const segment = pattern.length === 0 ? length : (pattern[index % pattern.length] ?? length);
    const piece = Math.min(segment, length - covered);
    segments.push(piece);
    covered += piece;
  }
  // Segments alternate dash, gap: end on a gap that hides the arrow while it has not left.
  if (segments.length % 2 === 1) segments.push(length);
  else segments[segments.length - 1] = (segments.at(-1) ?? 0) + length;
  return segments.map(num).join(' ');
}
