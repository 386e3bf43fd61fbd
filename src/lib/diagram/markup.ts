// The diagram's SVG element tree for a layout, and its static markup: pure, so the build can prerender the figure in Node.

import { DIAGRAM_FONT_STACK } from './measure';
import type {
  BadgeLayout,
  DiagramLayout,
  Lifeline,
  MessageRow,
  RefusalMark,
  TextLine,
  Activation
} from './layout';

export const SVG_NS = 'http://www.w3.org/2000/svg';

/** One SVG element: the drawing (draw.ts) and the static markup are both made from these, so they cannot differ. */
export interface SvgNode {
  tag: string;
  attrs: Record<string, string>;
  /** Text content of a leaf element (tspan, style). */
  text?: string;
  children: SvgNode[];
}

export interface MarkupOptions {
  /** Prefix for the arrowhead marker ids; give each diagram on a page its own. Default `tp`. */
  idPrefix?: string;
}

/** An answer's arrow is dashed, a refused answer's dotted; a request's is solid. The drawing's travel keeps them. */
export const ARROW_DASHES = { response: [8, 5], refusedResponse: [2, 5] } as const;

/** The dash pattern of a row's arrow, as lengths (empty: solid). */
export function arrowDashes(row: Pick<MessageRow, 'kind' | 'refused'>): readonly number[] {
  if (row.kind === 'request') return [];
  return row.refused ? ARROW_DASHES.refusedResponse : ARROW_DASHES.response;
}

/**
 * Text is set in the Arial-metric stack the layout measured with (measure.ts). Colours come only from the theme's custom properties (with light-theme fallbacks for an svg
 * viewed on its own), so light and dark themes both work. Refusals differ in colour AND shape:
 * a ✕ in a circle where the request stopped, a dotted (not dashed) answer, and the error code in
 * the label. Past rows are dimmed with the muted text colour rather than opacity, to keep AA contrast.
 */
export const DIAGRAM_CSS = [
  `.tp-diagram{font-family:${DIAGRAM_FONT_STACK}}`,
  '.tp-diagram .header{fill:var(--surface,#f3f5f8);stroke:var(--border,#c5ced8);stroke-width:1.5}',
  '.tp-diagram .tone-user-pool .header{stroke:var(--user-pool,#0b6e99);stroke-width:2.5}',
  '.tp-diagram .tone-identity-pool .header{stroke:var(--identity-pool,#8a4b00);stroke-width:2.5}',
  '.tp-diagram .title{fill:var(--text,#14202b);font-weight:700}',
  '.tp-diagram .tone-user-pool .title{fill:var(--user-pool,#0b6e99)}',
  '.tp-diagram .tone-identity-pool .title{fill:var(--identity-pool,#8a4b00)}',
  '.tp-diagram .role{fill:var(--muted,#4a5866)}',
  '.tp-diagram .lifeline-line{stroke:var(--border,#c5ced8);stroke-width:1.5;stroke-dasharray:6 6}',
  '.tp-diagram .activation{fill:var(--surface,#f3f5f8);stroke:var(--muted,#4a5866);stroke-width:1}',
  '.tp-diagram .activation.current{stroke:var(--accent,#0a5c8a);stroke-width:2}',
  '.tp-diagram .activation.refused{stroke:var(--refused,#b3261e)}',
  '.tp-diagram .arrow{fill:none;stroke:var(--muted,#4a5866);stroke-width:1.5}',
  `.tp-diagram .response .arrow{stroke-dasharray:${ARROW_DASHES.response.join(' ')}}`,
  '.tp-diagram .current .arrow{stroke:var(--accent,#0a5c8a);stroke-width:3}',
  '.tp-diagram .refused .arrow{stroke:var(--refused,#b3261e);stroke-width:2.5}',
  '.tp-diagram .refused.current .arrow{stroke-width:3.5}',
  `.tp-diagram .refused.response .arrow{stroke-dasharray:${ARROW_DASHES.refusedResponse.join(' ')};stroke-linecap:round}`,
  '.tp-diagram .arrowhead-past{fill:var(--muted,#4a5866)}',
  '.tp-diagram .arrowhead-current{fill:var(--accent,#0a5c8a)}',
  '.tp-diagram .arrowhead-refused{fill:var(--refused,#b3261e)}',
  '.tp-diagram .plate{fill:var(--bg,#fff)}',
  '.tp-diagram .label{fill:var(--muted,#4a5866);paint-order:stroke;stroke:var(--bg,#fff);stroke-width:4px;stroke-linejoin:round}',
  '.tp-diagram .current .label{fill:var(--text,#14202b)}',
  '.tp-diagram .current .line-label{font-weight:700}',
  '.tp-diagram .refused.response .line-label{fill:var(--refused,#b3261e)}',
  '.tp-diagram .line-wire{font-family:var(--mono,ui-monospace,monospace)}',
  '.tp-diagram .badge rect{fill:var(--surface,#f3f5f8);stroke:var(--accent,#0a5c8a);stroke-width:1.5}',
  '.tp-diagram .badge-jwt rect,.tp-diagram .badge-refresh-token rect{stroke:var(--user-pool,#0b6e99)}',
  '.tp-diagram .badge-aws-credentials rect,.tp-diagram .badge-sigv4 rect{stroke:var(--identity-pool,#8a4b00)}',
  '.tp-diagram .badge text{fill:var(--text,#14202b);font-weight:700}',
  '.tp-diagram .refusal-mark circle{fill:var(--bg,#fff);stroke:var(--refused,#b3261e);stroke-width:2.5}',
  '.tp-diagram .refusal-mark path{fill:none;stroke:var(--refused,#b3261e);stroke-width:2.5;stroke-linecap:round}'
].join('');

/** Numbers as attribute text: two decimals at most, no trailing zeros, no `-0`. */
export function num(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return String(rounded === 0 ? 0 : rounded);
}

export const node = (
  tag: string,
  attrs: Record<string, string>,
  children: SvgNode[] = [],
  text?: string
): SvgNode => (text === undefined ? { tag, attrs, children } : { tag, attrs, children, text });

function textLines(lines: readonly TextLine[]): SvgNode[] {
  return lines.map((line) =>
    node(
      'tspan',
      { class: `line-${line.style}`, x: num(line.x), y: num(line.y), 'font-size': num(line.fontSize) },
      [],
      line.text
    )
  );
}

/** Which arrowhead a row uses: refusals are red whatever the step; otherwise current or past. */
export function markerVariant(row: MessageRow): 'refused' | 'current' | 'past' {
  return row.refused ? 'refused' : row.state === 'current' ? 'current' : 'past';
}

function markers(layout: DiagramLayout, prefix: string): SvgNode {
  const { length, width } = layout.arrowHead;
  const variants = ['past', 'current', 'refused'] as const;
  return node(
    'defs',
    {},
    variants.map((variant) =>
      node(
        'marker',
        {
          id: `${prefix}-head-${variant}`,
          viewBox: '0 0 10 7',
          refX: '10',
          refY: '3.5',
          markerWidth: num(length),
          markerHeight: num(width),
          markerUnits: 'userSpaceOnUse',
          orient: 'auto'
        },
        [node('path', { class: `arrowhead arrowhead-${variant}`, d: 'M0,0L10,3.5L0,7Z' })]
      )
    )
  );
}

export function lifelineNode(lifeline: Lifeline): SvgNode {
  const { header } = lifeline;
  return node('g', { class: `lifeline tone-${lifeline.tone}`, 'data-id': lifeline.id }, [
    // The full name and role on hover, where a narrow screen's header shows a short name only.
    node('title', {}, [], lifeline.fullName),
    node('line', {
      class: 'lifeline-line',
      x1: num(lifeline.x),
      y1: num(lifeline.y1),
      x2: num(lifeline.x),
      y2: num(lifeline.y2)
    }),
    node('rect', {
      class: 'header',
      x: num(header.x),
      y: num(header.y),
      width: num(header.width),
      height: num(header.height),
      rx: '6'
    }),
    node('text', { class: 'title', 'text-anchor': 'middle' }, textLines(lifeline.title)),
    node('text', { class: 'role', 'text-anchor': 'middle' }, textLines(lifeline.role))
  ]);
}

function activationNode(activation: Activation): SvgNode {
  return node('rect', {
    class: `activation ${activation.state}${activation.refused ? ' refused' : ''}`,
    'data-id': activation.id,
    x: num(activation.x),
    y: num(activation.y1),
    width: num(activation.width),
    height: num(activation.y2 - activation.y1)
  });
}

function markNodes(mark: RefusalMark | undefined): SvgNode[] {
  if (!mark) return [];
  const k = mark.r * 0.45;
  const { cx, cy } = mark;
  return [
    node('circle', { cx: num(cx), cy: num(cy), r: num(mark.r) }),
    node('path', {
      d: `M${num(cx - k)},${num(cy - k)}L${num(cx + k)},${num(cy + k)}M${num(cx + k)},${num(cy - k)}L${num(cx - k)},${num(cy + k)}`
    })
  ];
}

function badgeNode(badge: BadgeLayout): SvgNode {
  return node('g', { class: `badge badge-${badge.kind}` }, [
    node('rect', {
      x: num(badge.box.x),
      y: num(badge.box.y),
      width: num(badge.box.width),
      height: num(badge.box.height),
      rx: num(badge.radius)
    }),
    node(
      'text',
      { x: num(badge.textX), y: num(badge.textY), 'font-size': num(badge.fontSize), 'text-anchor': 'middle' },
      [],
      badge.text
    )
  ]);
}

/** Class list of a row: its kind, its step state, and `refused`. */
export function rowClass(row: MessageRow): string {
  return `row ${row.kind} ${row.state}${row.refused ? ' refused' : ''}`;
}

/**
 * A row's plates as one path (one rectangle per line, so lines that touch show no seam), keyed by the row.
 * Plates lie under the activation bars and the rows: they hide the lifelines behind a label, while a bar a
 * label crosses stays whole and the text is drawn over it.
 */
function plateNode(row: MessageRow): SvgNode {
  const d = row.plates
    .map(
      (box) =>
        `M${num(box.x)},${num(box.y)}H${num(box.x + box.width)}V${num(box.y + box.height)}H${num(box.x)}Z`
    )
    .join('');
  return node('path', { class: 'plate', 'data-id': row.id, d });
}

function rowNode(row: MessageRow, prefix: string): SvgNode {
  // Fixed children in a fixed order (arrow, mark, label, badges), so a row can be updated in place.
  return node('g', { class: rowClass(row), 'data-id': row.id, 'data-state': row.state }, [
    node('line', {
      class: 'arrow',
      x1: num(row.x1),
      y1: num(row.y),
      x2: num(row.x2),
      y2: num(row.y),
      'marker-end': `url(#${prefix}-head-${markerVariant(row)})`
    }),
    node('g', { class: 'refusal-mark' }, markNodes(row.mark)),
    node('text', { class: 'label', 'text-anchor': 'middle' }, textLines(row.lines)),
    node('g', { class: 'badges' }, row.badges.map(badgeNode))
  ]);
}

/** The complete element tree for a layout. Future rows and activations are not part of it. */
export function diagramTree(layout: DiagramLayout, options: MarkupOptions = {}): SvgNode {
  const prefix = options.idPrefix ?? 'tp';
  const shownRows = layout.rows.filter((row) => row.state !== 'future');
  return node(
    'svg',
    {
      class: 'tp-diagram',
      viewBox: `0 0 ${num(layout.width)} ${num(layout.height)}`,
      width: num(layout.width),
      height: num(layout.height),
      role: 'img',
      'aria-label': layout.description
    },
    [
      node('style', {}, [], DIAGRAM_CSS),
      markers(layout, prefix),
      node('g', { class: 'lifelines' }, layout.lifelines.map(lifelineNode)),
      node('g', { class: 'plates' }, shownRows.map(plateNode)),
      node(
        'g',
        { class: 'activations' },
        layout.activations.filter((a) => a.state !== 'future').map(activationNode)
      ),
      node(
        'g',
        { class: 'rows' },
        shownRows.map((row) => rowNode(row, prefix))
      )
    ]
  );
}

function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;');
}

export function serialise(element: SvgNode, root: boolean): string {
  const attrs = Object.entries(root ? { xmlns: SVG_NS, ...element.attrs } : element.attrs)
    .map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`)
    .join('');
  const inner =
    element.text !== undefined
      ? escapeText(element.text)
      : element.children.map((c) => serialise(c, false)).join('');
  // No whitespace between elements: inside <text> it would render, and the DOM must match drawDiagram's.
  return inner === '' ? `<${element.tag}${attrs}/>` : `<${element.tag}${attrs}>${inner}</${element.tag}>`;
}

/** The complete diagram as static SVG markup, identical in elements and attributes to what drawDiagram leaves. */
export function renderDiagramMarkup(layout: DiagramLayout, options: MarkupOptions = {}): string {
  return serialise(diagramTree(layout, options), true);
}
