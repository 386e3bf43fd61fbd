// Draws a diagram layout into an <svg>: a keyed update that touches only what changed. What has just become
// current travels; the transitions (d3) are in ./travel, loaded the first time something travels.

import type { DiagramLayout, MessageRow } from './layout';
import { arrowDashes, diagramTree, num, SVG_NS, type MarkupOptions, type SvgNode } from './markup';
import type { GrowingBar, TravellingRow } from './travel';

export { renderDiagramMarkup } from './markup';

export interface DrawOptions extends MarkupOptions {
  /** No travel, no fades: the final picture at once. */
  reducedMotion: boolean;
  /** Milliseconds for one arrow to travel; a current exchange takes two (request, then answer). Default 600. */
  duration?: number;
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

/** The elements each svg's running animations touch, to interrupt them when the next drawing starts. */
const animated = new WeakMap<Element, Element[]>();

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
 * markup) and touching only the rows, bars and lifelines whose spec changed. Animates what has just become
 * current: its request travels from sender to receiver, then any hops, then its answer travels back.
 * Resolves when the animations have finished (or were replaced by a later call).
 */
export function drawDiagram(svg: SVGSVGElement, layout: DiagramLayout, options: DrawOptions): Promise<void> {
  const document = svg.ownerDocument;
  const duration = options.duration ?? 600;
  const drawing = (drawings.get(svg) ?? 0) + 1;
  drawings.set(svg, drawing);

  // Remember which rows were current before, and stop animations of an earlier call: they are superseded.
  const before = new Map<string, string | null>();
  for (const row of svg.querySelectorAll('g.rows > g.row')) {
    before.set(row.getAttribute('data-id') ?? '', row.getAttribute('data-state'));
  }
  const running = animated.get(svg) ?? [];
  animated.delete(svg);
  travelModule?.interrupt(running);

  const tree = diagramTree(layout, options);
  applyAttributes(svg, tree.attrs, true);
  reconcile(svg, tree, document);

  if (options.reducedMotion) return Promise.resolve();

  // Rows that have just become current travel one after another, in the order of the event sequence:
  // a request, then the hops it caused, then its answer.
  const arriving = layout.rows.filter((row) => row.state === 'current' && before.get(row.id) !== 'current');
  if (arriving.length === 0) return Promise.resolve();
  const delays = new Map(arriving.map((row, index) => [row.id, index * duration]));

  const rows: TravellingRow[] = [];
  for (const row of arriving) {
    const group = byId(svg, 'g.rows > g.row', row.id);
    const plate = byId(svg, 'g.plates > path.plate', row.id);
    if (group) rows.push(cover(group, plate, row, delays.get(row.id) ?? 0));
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
    bars.push({
      bar,
      delay: opens + duration * 0.8,
      duration: Math.max(closes - opens - duration * 0.8, duration * 0.2)
    });
  }
  animated.set(svg, [
    ...rows.flatMap(({ group, plate }) => [
      group,
      ...(plate ? [plate] : []),
      ...group.querySelectorAll('line.arrow, text.label, g.badges, g.refusal-mark')
    ]),
    ...bars.map(({ bar }) => bar)
  ]);

  // No animation after all (./travel did not load): the final picture, as the layout says, if still the latest.
  const settle = () => {
    if (drawings.get(svg) === drawing) reconcile(svg, tree, document);
  };
  return loadTravel().then(
    // A later drawing while ./travel loaded has already put these rows right; nothing to move.
    (travel) => (drawings.get(svg) === drawing ? travel.travel(rows, bars, duration) : undefined),
    settle
  );
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
