// Draws a diagram layout into an <svg> with d3: a keyed join that applies the layout's numbers, and the travel of current arrows.

import { easeCubicInOut, easeLinear } from 'd3-ease';
import { select, selectAll, type BaseType, type Selection } from 'd3-selection';
import 'd3-transition';
import type { DiagramLayout, MessageRow } from './layout';
import { diagramTree, num, type MarkupOptions, type SvgNode } from './markup';

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

/** The join key of an element or of its spec: keyed nodes (lifelines, rows, bars) by data-id, the rest by position. */
function keyOf(this: BaseType | SvgNode[], datum: SvgNode | undefined, index: number): string {
  if (datum) return `${datum.tag}#${datum.attrs['data-id'] ?? index}`;
  // A prerendered element has no datum yet: read the same key from the DOM, so the drawing adopts it.
  const element = this as Element;
  return `${element.localName}#${element.getAttribute('data-id') ?? index}`;
}

/** Makes `element`'s attributes exactly `attrs` (except on the root, where the host's own attributes stay). */
function applyAttributes(element: Element, attrs: Record<string, string>, root: boolean): void {
  if (!root) {
    for (const name of element.getAttributeNames()) if (!(name in attrs)) element.removeAttribute(name);
  }
  for (const [name, value] of Object.entries(attrs)) {
    if (root && name === 'class') element.classList.add(...value.split(' '));
    else if (element.getAttribute(name) !== value) element.setAttribute(name, value);
  }
}

/** Joins `spec.children` onto `parent`'s element children, recursively: enter appends, exit removes, update edits in place. */
function reconcile(parent: Element, spec: SvgNode, document: Document): void {
  if (spec.text !== undefined) {
    if (parent.textContent !== spec.text) parent.textContent = spec.text;
    return;
  }
  select(parent)
    .selectChildren<Element, SvgNode | undefined>('*')
    .data(spec.children, keyOf)
    .join((enter) => enter.append((d) => document.createElementNS('http://www.w3.org/2000/svg', d.tag)))
    .each(function (child) {
      applyAttributes(this, child.attrs, false);
      reconcile(this, child, document);
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
 * markup), and animates what has just become current: its request travels from sender to receiver,
 * then any hops, then its answer travels back. Resolves when the animations have finished (or were
 * replaced by a later call).
 */
export function drawDiagram(svg: SVGSVGElement, layout: DiagramLayout, options: DrawOptions): Promise<void> {
  const document = svg.ownerDocument;
  const duration = options.duration ?? 600;

  // Remember which rows were current before, and stop animations of an earlier call: they are superseded.
  const before = new Map<string, string | null>();
  for (const row of svg.querySelectorAll('g.rows > g.row')) {
    before.set(row.getAttribute('data-id') ?? '', row.getAttribute('data-state'));
  }
  selectAll(svg.querySelectorAll('*')).interrupt(TRAVEL).interrupt(REVEAL);

  const tree = diagramTree(layout, options);
  applyAttributes(svg, tree.attrs, true);
  select(svg).datum(tree);
  reconcile(svg, tree, document);

  if (options.reducedMotion) return Promise.resolve();

  // Rows that have just become current travel one after another, in the order of the event sequence:
  // a request, then the hops it caused, then its answer.
  const arriving = layout.rows.filter((row) => row.state === 'current' && before.get(row.id) !== 'current');
  if (arriving.length === 0) return Promise.resolve();
  const delays = new Map(arriving.map((row, index) => [row.id, index * duration]));

  const transitions: Ending[] = [];
  for (const row of arriving) {
    const group = byId(svg, 'g.rows > g.row', row.id);
    if (group) transitions.push(...animateRow(select(group), row, delays.get(row.id) ?? 0, duration));
  }
  for (const activation of layout.activations) {
    const opens = delays.get(`${activation.id}:request`);
    const closes = delays.get(`${activation.id}:response`);
    const bar = byId(svg, 'g.activations > rect', activation.id);
    if (opens === undefined || closes === undefined || !bar) continue;
    // The bar grows down its lifeline from the request's arrival to the answer's departure.
    const grow = select(bar)
      .attr('height', 0)
      .transition(TRAVEL)
      .delay(opens + duration * 0.8)
      .duration(Math.max(closes - opens - duration * 0.8, duration * 0.2))
      .ease(easeLinear)
      .attr('height', num(activation.y2 - activation.y1));
    transitions.push(grow);
  }
  return collect(transitions);
}

/** The arrow grows from its sender to its receiver; its label fades in as it leaves; the ✕ appears on arrival. */
function animateRow(
  group: Selection<Element, unknown, null, undefined>,
  row: MessageRow,
  delay: number,
  duration: number
): Ending[] {
  const direction = row.x2 >= row.x1 ? 1 : -1;
  const finalX2 = num(row.x2);
  // A zero-length line has no direction for its arrowhead: start a hair's breadth towards the receiver.
  // Hidden until it leaves, or its arrowhead would wait at the sender during the delay.
  const arrow = group
    .select<SVGLineElement>('line.arrow')
    .attr('x2', num(row.x1 + direction * 0.01))
    .attr('opacity', 0)
    .transition(TRAVEL)
    .delay(delay)
    .duration(duration)
    .ease(easeCubicInOut)
    .attr('x2', finalX2)
    .on('start interrupt', function () {
      this.removeAttribute('opacity');
    })
    .on('end', function () {
      this.setAttribute('x2', finalX2);
    });
  const fade = (selector: string, fadeDelay: number, fadeDuration: number) =>
    group
      .select<SVGElement>(selector)
      .attr('opacity', 0)
      .transition(REVEAL)
      .delay(fadeDelay)
      .duration(fadeDuration)
      .attr('opacity', 1)
      .on('end interrupt', function () {
        // The final picture carries no opacity attribute: the same as the static markup.
        this.removeAttribute('opacity');
      });
  return [
    arrow,
    fade('text.label', delay, duration * 0.4),
    fade('g.badges', delay, duration * 0.4),
    fade('g.refusal-mark', delay + duration * 0.9, duration * 0.3)
  ];
}
