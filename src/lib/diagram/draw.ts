// Draws a diagram layout into an <svg>: a keyed update that touches only what changed, and d3 transitions for the
// travel of current arrows (dash offset and opacity; geometry is set once, to its final value).

import { easeCubicInOut, easeLinear } from 'd3-ease';
import { select, type Selection } from 'd3-selection';
import 'd3-transition';
import type { DiagramLayout, MessageRow } from './layout';
import { arrowDashes, diagramTree, num, SVG_NS, type MarkupOptions, type SvgNode } from './markup';

export { renderDiagramMarkup } from './markup';

export interface DrawOptions extends MarkupOptions {
  /** No travel, no fades: the final picture at once. */
  reducedMotion: boolean;
  /** Milliseconds for one arrow to travel; a current exchange takes two (request, then answer). Default 600. */
  duration?: number;
}

/** Transition names, so a redraw interrupts exactly the animations this module started. */
const TRAVEL = 'tp-travel';
const REVEAL = 'tp-reveal';

/**
 * The spec each keyed element (lifeline, row, activation bar) was last drawn from, as text. An element whose
 * spec has not changed is left alone, children and all; an animation forgets its element's entry, so the next
 * drawing checks every attribute of it again.
 */
const drawnFrom = new WeakMap<Element, string>();

/** The elements each svg's running animations touch, to interrupt them when the next drawing starts. */
const animated = new WeakMap<Element, Element[]>();

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

/** What drawDiagram waits for: any d3 transition, whatever its element and datum types. */
interface Ending {
  end(): Promise<void>;
}

function collect(transitions: Ending[]): Promise<void> {
  // An interrupted transition rejects end(); the drawing that interrupted it owns the final state.
  return Promise.all(transitions.map((t) => t.end().catch(() => undefined))).then(() => undefined);
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

  // Remember which rows were current before, and stop animations of an earlier call: they are superseded.
  const before = new Map<string, string | null>();
  for (const row of svg.querySelectorAll('g.rows > g.row')) {
    before.set(row.getAttribute('data-id') ?? '', row.getAttribute('data-state'));
  }
  const running = animated.get(svg) ?? [];
  animated.delete(svg);
  for (const element of running) select(element).interrupt(TRAVEL).interrupt(REVEAL);

  const tree = diagramTree(layout, options);
  applyAttributes(svg, tree.attrs, true);
  reconcile(svg, tree, document);

  if (options.reducedMotion) return Promise.resolve();

  // Rows that have just become current travel one after another, in the order of the event sequence:
  // a request, then the hops it caused, then its answer.
  const arriving = layout.rows.filter((row) => row.state === 'current' && before.get(row.id) !== 'current');
  if (arriving.length === 0) return Promise.resolve();
  const delays = new Map(arriving.map((row, index) => [row.id, index * duration]));

  const touched: Element[] = [];
  const transitions: Ending[] = [];
  for (const row of arriving) {
    const group = byId(svg, 'g.rows > g.row', row.id);
    if (!group) continue;
    drawnFrom.delete(group);
    touched.push(group, ...group.querySelectorAll('line.arrow, text.label, g.badges, g.refusal-mark'));
    transitions.push(...animateRow(select(group), row, delays.get(row.id) ?? 0, duration));
  }
  for (const activation of layout.activations) {
    const opens = delays.get(`${activation.id}:request`);
    const closes = delays.get(`${activation.id}:response`);
    const bar = byId(svg, 'g.activations > rect', activation.id);
    if (opens === undefined || closes === undefined || !bar) continue;
    drawnFrom.delete(bar);
    touched.push(bar);
    // The bar grows down its lifeline from the request's arrival to the answer's departure: a scale from its top.
    const grow = select(bar)
      .style('transform-box', 'fill-box')
      .style('transform-origin', '50% 0')
      .style('transform', 'scaleY(0)')
      .transition(TRAVEL)
      .delay(opens + duration * 0.8)
      .duration(Math.max(closes - opens - duration * 0.8, duration * 0.2))
      .ease(easeLinear)
      .styleTween('transform', () => (t) => `scaleY(${t})`)
      .on('end interrupt', function () {
        this.removeAttribute('style');
      });
    transitions.push(grow);
  }
  animated.set(svg, touched);
  return collect(transitions);
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

/**
 * The arrow is uncovered from its sender to its receiver (a dash offset, its dashes keep their pattern), its
 * arrowhead shown on arrival; its label fades in as it leaves; the ✕ appears on arrival. Nothing is laid out
 * again: the line keeps its final coordinates throughout.
 */
function animateRow(
  group: Selection<Element, unknown, null, undefined>,
  row: MessageRow,
  delay: number,
  duration: number
): Ending[] {
  const length = Math.max(Math.abs(row.x2 - row.x1), 0.01);
  const line = group.select<SVGLineElement>('line.arrow');
  const marker = line.node()?.getAttribute('marker-end') ?? null;
  // The final picture carries no style and its marker: the same as the static markup.
  const settle = function (this: SVGLineElement) {
    this.removeAttribute('style');
    this.removeAttribute('opacity');
    if (marker !== null) this.setAttribute('marker-end', marker);
  };
  // Hidden until it leaves, or its arrowhead would wait at the receiver during the delay.
  const arrow = line
    .attr('opacity', 0)
    .attr('marker-end', null)
    .style('stroke-dasharray', travelDashes(arrowDashes(row), length))
    .style('stroke-dashoffset', num(length))
    .transition(TRAVEL)
    .delay(delay)
    .duration(duration)
    .ease(easeCubicInOut)
    .styleTween('stroke-dashoffset', () => (t) => num(length * (1 - t)))
    .on('start', function () {
      this.removeAttribute('opacity');
    })
    .on('end interrupt', settle);
  const fade = (selector: string, fadeDelay: number, fadeDuration: number) =>
    group
      .select<SVGElement>(selector)
      .attr('opacity', 0)
      .transition(REVEAL)
      .delay(fadeDelay)
      .duration(fadeDuration)
      .attr('opacity', 1)
      .on('end interrupt', function () {
        this.removeAttribute('opacity');
      });
  return [
    arrow,
    fade('text.label', delay, duration * 0.4),
    fade('g.badges', delay, duration * 0.4),
    fade('g.refusal-mark', delay + duration * 0.9, duration * 0.3)
  ];
}
