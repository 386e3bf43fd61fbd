// Drawing in jsdom: golden SVGs of the four figures as the scenarios play them, drawing == static markup, prerender
// takeover, travel animation.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ARROW_MS,
  arrowDuration,
  drawDiagram,
  renderDiagramMarkup,
  renderDrawnMarkup,
  SELECTED_CSS,
  travelDashes
} from '../../src/lib/diagram/draw';
import { layoutDiagram, type DiagramLayout } from '../../src/lib/diagram/layout';
import { num } from '../../src/lib/diagram/markup';
import { FIGURES, figure2, figure3, figure4, type Figure } from './fixtures';
import { FIGURE_SCENARIOS, scenarioFigures, type FigureName } from './scenario-figures';

const SVG_NS = 'http://www.w3.org/2000/svg';
// Vitest runs from the project root; jsdom replaces URL, so no import.meta.url arithmetic here.
const GOLDEN_DIR = resolve(process.cwd(), 'tests/diagram/golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

function layoutOf(figure: Figure, width: number, step = figure.entries.length): DiagramLayout {
  return layoutDiagram({ participants: figure.participants, entries: figure.entries, step, width });
}

function freshSvg(): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  document.body.append(svg);
  return svg;
}

const roundNumbers = (value: string) =>
  value.replace(/-?\d+\.\d+/g, (n) => {
    const rounded = Math.round(Number(n) * 10) / 10;
    return String(rounded === 0 ? 0 : rounded);
  });

const escape = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Canonical, indented serialisation: attributes sorted, numbers to one decimal, xmlns dropped. */
function normalise(element: Element, depth = 0): string {
  const indent = '  '.repeat(depth);
  const attrs = element
    .getAttributeNames()
    .filter((name) => name !== 'xmlns')
    .sort()
    .map((name) => ` ${name}="${escape(roundNumbers(element.getAttribute(name) ?? ''))}"`)
    .join('');
  const children = [...element.children];
  const open = `${indent}<${element.localName}${attrs}`;
  if (children.length === 0) {
    const text = element.textContent ?? '';
    return text === '' ? `${open}/>` : `${open}>${escape(text)}</${element.localName}>`;
  }
  return [
    `${open}>`,
    ...children.map((child) => normalise(child, depth + 1)),
    `${indent}</${element.localName}>`
  ].join('\n');
}

function parseMarkup(markup: string): Element {
  const parsed = new DOMParser().parseFromString(markup, 'image/svg+xml');
  expect(parsed.querySelector('parsererror')).toBeNull();
  return parsed.documentElement;
}

async function drawn(layout: DiagramLayout): Promise<SVGSVGElement> {
  const svg = freshSvg();
  await drawDiagram(svg, layout, { reducedMotion: true });
  return svg;
}

/** The real traces: every scenario of a figure played headless (fixed seed, clock and keys). */
let played: Record<FigureName, Figure>;
beforeAll(async () => {
  played = await scenarioFigures();
}, 60_000);

const GOLDEN_CASES: { file: string; figure: FigureName; width: number; step?: number }[] = [
  ...FIGURE_SCENARIOS.map(({ name }) => ({ file: `${name}.svg`, figure: name, width: 768 })),
  { file: 'figure-2-api-360-step-3.svg', figure: 'figure-2-api', width: 360, step: 3 }
];

/** Secrets and key material a trace holds, which a drawing must never show. */
function secretsOf(figure: Figure): string[] {
  const secrets: string[] = [];
  for (const entry of figure.trace) {
    for (const text of [entry.request.body, entry.response.body, ...Object.values(entry.request.headers)]) {
      secrets.push(...(text.match(/eyJ[\w-]+\.[\w-]+\.[\w-]+/g) ?? []));
      secrets.push(...(text.match(/Signature=[0-9a-f]{64}/g) ?? []));
      secrets.push(
        ...(text.match(/"(?:SecretKey|SessionToken|SRP_A|SRP_B|PASSWORD_CLAIM_SIGNATURE)":"[^"]+"/g) ?? [])
      );
    }
  }
  return secrets;
}

describe('golden SVGs', () => {
  it.each(GOLDEN_CASES)('draws $file as recorded', async ({ file, figure: name, width, step }) => {
    const figure = played[name];
    const svg = await drawn(layoutOf(figure, width, step));
    const actual = `${normalise(svg)}\n`;
    // A golden drawn from a real trace must hold none of its tokens, signatures or keys (nor their parts).
    const secrets = secretsOf(figure);
    expect(secrets.length).toBeGreaterThan(0);
    for (const secret of secrets) {
      for (const part of secret.split(/[.=":]/).filter((piece) => piece.length >= 16)) {
        expect(actual).not.toContain(part);
      }
    }
    const path = resolve(GOLDEN_DIR, file);
    if (UPDATE) {
      mkdirSync(GOLDEN_DIR, { recursive: true });
      writeFileSync(path, actual);
    }
    if (!existsSync(path)) throw new Error(`No golden file ${file}: run with UPDATE_GOLDEN=1 to record it.`);
    expect(actual).toBe(readFileSync(path, 'utf8'));
    svg.remove();
  });
});

describe('drawing', () => {
  it.each([360, 768, 1920])(
    'leaves the same elements and attributes as the static markup at %i px',
    async (width) => {
      for (const figure of [...FIGURES, ...Object.values(played)]) {
        for (let step = 0; step <= figure.entries.length; step++) {
          const layout = layoutOf(figure, width, step);
          const svg = await drawn(layout);
          expect(normalise(svg)).toBe(normalise(parseMarkup(renderDiagramMarkup(layout))));
          svg.remove();
        }
      }
    }
  );

  it('is an image with a summary for assistive technology', async () => {
    const layout = layoutOf(figure3, 768);
    const svg = await drawn(layout);
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toBe(layout.description);
    expect(svg.getAttribute('aria-label')).toContain('refused: 400 MissingAuthenticationTokenException');
  });

  it('does not render future exchanges', async () => {
    const svg = await drawn(layoutOf(figure2, 768, 1));
    expect([...svg.querySelectorAll('g.row')].map((g) => g.getAttribute('data-id'))).toEqual([
      't1:request',
      't1:response'
    ]);
    expect(svg.querySelectorAll('rect.activation')).toHaveLength(1);
  });

  it('draws a refusal with colour and shape: a ✕ in a circle, a dotted answer class, the error code', async () => {
    const svg = await drawn(layoutOf(figure3, 768));
    const request = svg.querySelector('g.row.request');
    const response = svg.querySelector('g.row.response');
    expect(request?.getAttribute('class')).toContain('refused');
    expect(request?.querySelector('g.refusal-mark circle')).not.toBeNull();
    expect(request?.querySelector('g.refusal-mark path')?.getAttribute('d')).toMatch(/^M.*L.*M.*L/);
    expect(request?.querySelector('line.arrow')?.getAttribute('marker-end')).toBe('url(#tp-head-refused)');
    expect(response?.getAttribute('class')).toContain('refused');
    expect(response?.querySelector('text.label')?.textContent).toContain(
      'MissingAuthenticationTokenException'
    );
    expect(svg.querySelector('style')?.textContent).toContain('.refusal-mark');
  });

  it('badges what each message carries', async () => {
    const svg = await drawn(layoutOf(figure4, 768));
    const badges = (id: string) =>
      [...(svg.querySelector(`g.row[data-id="${id}"]`)?.querySelectorAll('g.badge text') ?? [])].map(
        (t) => t.textContent
      );
    expect(badges('t2:request')).toEqual(['JWT']);
    expect(badges('t2:response')).toEqual(['AWS creds']);
    expect(badges('t4:request')).toEqual(['SigV4']);
  });

  it('highlights the current exchange and dims the past through classes and markers', async () => {
    const svg = await drawn(layoutOf(figure4, 768, 2));
    const row = (id: string) => svg.querySelector(`g.row[data-id="${id}"]`);
    expect(row('t1:request')?.getAttribute('class')).toBe('row request past');
    expect(row('t2:request')?.getAttribute('class')).toBe('row request current');
    expect(row('t2:request')?.querySelector('line')?.getAttribute('marker-end')).toBe(
      'url(#tp-head-current)'
    );
    expect(row('t1:request')?.querySelector('line')?.getAttribute('marker-end')).toBe('url(#tp-head-past)');
  });

  it('updates in place when the step changes, adding and removing rows by id', async () => {
    const svg = freshSvg();
    await drawDiagram(svg, layoutOf(figure2, 768, 2), { reducedMotion: true });
    const first = svg.querySelector('g.row[data-id="t1:request"]');
    await drawDiagram(svg, layoutOf(figure2, 768, 4), { reducedMotion: true });
    expect(svg.querySelector('g.row[data-id="t1:request"]')).toBe(first);
    expect(normalise(svg)).toBe(normalise(parseMarkup(renderDiagramMarkup(layoutOf(figure2, 768, 4)))));
    await drawDiagram(svg, layoutOf(figure2, 768, 1), { reducedMotion: true });
    expect(svg.querySelectorAll('g.row')).toHaveLength(2);
    expect(normalise(svg)).toBe(normalise(parseMarkup(renderDiagramMarkup(layoutOf(figure2, 768, 1)))));
  });

  it('takes over prerendered markup without replacing its elements', async () => {
    const layout = layoutOf(figure2, 768);
    const host = document.createElement('div');
    host.innerHTML = renderDiagramMarkup(layout);
    document.body.append(host);
    const svg = host.querySelector('svg');
    if (!svg) throw new Error('no svg in the markup');
    const before = [...svg.querySelectorAll('*')];
    const prerendered = normalise(svg);
    await drawDiagram(svg, layout, { reducedMotion: false, duration: 10 });
    expect([...svg.querySelectorAll('*')]).toEqual(before);
    expect(normalise(svg)).toBe(prerendered);
    host.remove();
  });

  it('keeps ids apart when given a prefix', () => {
    const markup = renderDiagramMarkup(layoutOf(figure3, 768), { idPrefix: 'fig3' });
    expect(markup).toContain('id="fig3-head-refused"');
    expect(markup).toContain('url(#fig3-head-refused)');
    expect(markup).not.toContain('tp-head');
  });
});

describe('travel animation', () => {
  it('sends the current request from sender to receiver, then the answer back, ending on the layout', async () => {
    const layout = layoutOf(figure4, 768, 2);
    const svg = freshSvg();
    await drawDiagram(svg, layoutOf(figure4, 768, 1), { reducedMotion: true });
    const done = drawDiagram(svg, layout, { reducedMotion: false, duration: 40 });
    const request = layout.rows.find((row) => row.id === 't2:request');
    const arrow = svg.querySelector<SVGLineElement>('g.row[data-id="t2:request"] line.arrow');
    // At the start the arrow has not left its sender (all of it is still covered, its head not shown) and its
    // label is not shown yet. Its geometry is final from the start: the travel is a dash offset, not a relayout.
    expect(arrow?.getAttribute('x2')).toBe(num(request?.x2 ?? NaN));
    expect(Number(arrow?.style.getPropertyValue('stroke-dashoffset'))).toBeCloseTo(
      Math.abs((request?.x2 ?? NaN) - (request?.x1 ?? NaN)),
      1
    );
    expect(arrow?.getAttribute('marker-end')).toBeNull();
    expect(svg.querySelector('g.row[data-id="t2:request"] text.label')?.getAttribute('opacity')).toBe('0');
    // Its plate waits with it, so no blank patch hides the lifelines before the label arrives.
    expect(svg.querySelector('g.plates > path[data-id="t2:request"]')?.getAttribute('opacity')).toBe('0');
    expect(svg.querySelector('g.plates > path[data-id="t1:request"]')?.getAttribute('opacity')).toBeNull();
    expect(svg.querySelector('g.row[data-id="t2:response"] line.arrow')?.getAttribute('opacity')).toBe('0');
    // Rows that were already shown do not move.
    expect(svg.querySelector('g.row[data-id="t1:request"] line.arrow')?.getAttribute('opacity')).toBeNull();
    await done;
    expect(normalise(svg)).toBe(normalise(parseMarkup(renderDiagramMarkup(layout))));
  });

  it('sends a whole step in sequence: request, hops, then the answer', async () => {
    const layout = layoutDiagram({ ...figure2, step: 4, width: 768, options: { currentFrom: 0 } });
    const svg = freshSvg();
    const done = drawDiagram(svg, layout, { reducedMotion: false, duration: 100 });
    const hidden = () =>
      [...svg.querySelectorAll('g.row')]
        .filter((g) => g.querySelector('line.arrow')?.getAttribute('opacity') === '0')
        .map((g) => g.getAttribute('data-id'));
    // Nothing has left yet; a little later the first rows are under way and the answer still waits.
    expect(hidden()).toEqual(layout.rows.map((row) => row.id));
    await new Promise((resolve) => setTimeout(resolve, 250));
    const waiting = hidden();
    expect(waiting).not.toContain('t1:request');
    expect(waiting).toContain('t1:response');
    // Whatever still waits is a suffix of the sequence: rows leave in order.
    expect(waiting).toEqual(layout.rows.slice(layout.rows.length - waiting.length).map((row) => row.id));
    await done;
    expect(hidden()).toEqual([]);
    expect(normalise(svg)).toBe(normalise(parseMarkup(renderDiagramMarkup(layout))));
  });

  it('shows the final picture at once with reduced motion, even in the middle of an animation', async () => {
    const svg = freshSvg();
    void drawDiagram(svg, layoutOf(figure2, 768, 3), { reducedMotion: false, duration: 5000 });
    const layout = layoutOf(figure2, 768, 4);
    await drawDiagram(svg, layout, { reducedMotion: true });
    expect(normalise(svg)).toBe(normalise(parseMarkup(renderDiagramMarkup(layout))));
    // Nothing left running would move it later.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(normalise(svg)).toBe(normalise(parseMarkup(renderDiagramMarkup(layout))));
  });
});

describe('revealing a step one arrow at a time', () => {
  /** A step of figure 2 that sends four exchanges (a call and its hops): eight arrows, all arriving. */
  const wholeStep = () => layoutDiagram({ ...figure2, step: 4, width: 768, options: { currentFrom: 0 } });

  /** Rows with something still hidden (arrow, label, plate or bar not yet uncovered). */
  function hiddenRows(svg: SVGSVGElement): string[] {
    return [...svg.querySelectorAll('g.rows > g.row')]
      .filter(
        (row) =>
          row.querySelector('[opacity]') !== null ||
          row.querySelector('line.arrow')?.getAttribute('style') !== null
      )
      .map((row) => row.getAttribute('data-id') ?? '');
  }

  it('gives each arrow about 400 ms at speed 1, half at speed 2 and twice at speed 0.5', () => {
    expect(ARROW_MS).toBeGreaterThanOrEqual(350);
    expect(ARROW_MS).toBeLessThanOrEqual(450);
    expect(arrowDuration({})).toBe(ARROW_MS);
    expect(arrowDuration({ speed: 1 })).toBe(ARROW_MS);
    expect(arrowDuration({ speed: 2 })).toBe(ARROW_MS / 2);
    expect(arrowDuration({ speed: 0.5 })).toBe(ARROW_MS * 2);
    // Nonsense speeds are the normal one; an explicit duration wins.
    expect(arrowDuration({ speed: 0 })).toBe(ARROW_MS);
    expect(arrowDuration({ speed: -1 })).toBe(ARROW_MS);
    expect(arrowDuration({ speed: 2, duration: 50 })).toBe(50);
  });

  it('sends each arrow, then fades its label in, before the next one leaves, in the layout’s row order', async () => {
    const layout = wholeStep();
    const svg = freshSvg();
    // What is uncovered after each of d3's ticks (one observer batch each): arrows that have left, labels that
    // have begun to fade in (and whether their arrow had arrived by then), labels fully shown.
    const leaves: string[] = [];
    const leftAt = new Map<string, number>();
    const fadingWithArrowHome = new Map<string, boolean>();
    const shownAt = new Map<string, number>();
    let batch = 0;
    const observer = new MutationObserver((records) => {
      batch += 1;
      for (const record of records) {
        const target = record.target as Element;
        const group = target.closest('g.row');
        const row = group?.getAttribute('data-id') ?? '';
        const opacity = target.getAttribute('opacity');
        if (target.matches('line.arrow') && opacity === null && !leftAt.has(row)) {
          leftAt.set(row, batch);
          leaves.push(row);
        }
        if (target.matches('text.label') && opacity !== '0' && !fadingWithArrowHome.has(row)) {
          fadingWithArrowHome.set(
            row,
            group?.querySelector('line.arrow')?.hasAttribute('marker-end') ?? false
          );
        }
        if (target.matches('text.label') && opacity === null && !shownAt.has(row)) shownAt.set(row, batch);
      }
    });
    observer.observe(svg, { subtree: true, attributes: true, attributeFilter: ['opacity', 'marker-end'] });
    await drawDiagram(svg, layout, { reducedMotion: false, duration: 240 });
    observer.disconnect();
    const ids = layout.rows.map((row) => row.id);
    expect(ids).toHaveLength(8);
    expect(leaves).toEqual(ids);
    // A label shows only once its arrow has arrived (its head drawn)...
    expect(ids.filter((id) => fadingWithArrowHome.get(id) !== true)).toEqual([]);
    // ... and is fully shown before the next arrow leaves (at the latest in the same tick).
    for (const [index, id] of ids.entries()) {
      const next = ids[index + 1];
      expect(shownAt.get(id) ?? Infinity).toBeGreaterThan(leftAt.get(id) ?? Infinity);
      if (next) expect(shownAt.get(id) ?? Infinity).toBeLessThanOrEqual(leftAt.get(next) ?? -Infinity);
    }
    expect(hiddenRows(svg)).toEqual([]);
    expect(normalise(svg)).toBe(normalise(parseMarkup(renderDiagramMarkup(layout))));
  });

  it('takes longer at a slower speed: eight arrows at speed 4 in about 0.8 s, not all at once', async () => {
    const svg = freshSvg();
    const started = performance.now();
    const done = drawDiagram(svg, wholeStep(), { reducedMotion: false, speed: 4 });
    await new Promise((resolve) => setTimeout(resolve, (ARROW_MS / 4) * 2.5));
    // Two or three arrows on their way; the rest wait their turn.
    const waiting = hiddenRows(svg);
    expect(waiting.length).toBeGreaterThanOrEqual(4);
    expect(waiting.length).toBeLessThan(8);
    await done;
    const took = performance.now() - started;
    expect(took).toBeGreaterThanOrEqual(8 * (ARROW_MS / 4) * 0.85);
    expect(took).toBeLessThan(8 * ARROW_MS);
  });

  it('shows every arrow of the step at once with reduced motion', () => {
    const layout = wholeStep();
    const svg = freshSvg();
    // Not awaited: the picture is final as soon as the call returns.
    void drawDiagram(svg, layout, { reducedMotion: true });
    expect(hiddenRows(svg)).toEqual([]);
    expect(normalise(svg)).toBe(normalise(parseMarkup(renderDiagramMarkup(layout))));
  });

  it.each([
    ['the next step', () => layoutOf(figure2, 768, 4)],
    ['another width', () => layoutDiagram({ ...figure2, step: 3, width: 420, options: { currentFrom: 0 } })],
    ['a step back', () => layoutOf(figure2, 768, 1)]
  ])('ends a reveal that %s interrupts in exactly the new layout, nothing left hidden', async (_, next) => {
    const svg = freshSvg();
    const first = drawDiagram(
      svg,
      layoutDiagram({ ...figure2, step: 3, width: 768, options: { currentFrom: 0 } }),
      {
        reducedMotion: false,
        duration: 200
      }
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(hiddenRows(svg).length).toBeGreaterThan(0);
    const layout = next();
    await Promise.all([first, drawDiagram(svg, layout, { reducedMotion: false, duration: 20 })]);
    expect(hiddenRows(svg)).toEqual([]);
    expect(svg.querySelectorAll('[style], [opacity]')).toHaveLength(0);
    expect(normalise(svg)).toBe(normalise(parseMarkup(renderDiagramMarkup(layout))));
  });

  it('goes on revealing when the same rows are laid out again (the live world’s state arriving)', async () => {
    // The live trace grows with the next step's exchanges before the page reveals them: the drawing is taller,
    // the shown rows are the same.
    const shown = (entries: number) =>
      layoutDiagram({
        participants: figure4.participants,
        entries: figure4.entries.slice(0, entries),
        step: 3,
        width: 768,
        options: { currentFrom: 0 }
      });
    const before = shown(3);
    const after = shown(4);
    expect(after.height).toBeGreaterThan(before.height);
    const visible = (layout: DiagramLayout) =>
      JSON.stringify(layout.rows.filter((row) => row.state !== 'future'));
    expect(visible(after)).toBe(visible(before));

    const svg = freshSvg();
    const first = drawDiagram(svg, before, { reducedMotion: false, duration: 150 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const waiting = hiddenRows(svg);
    expect(waiting.length).toBeGreaterThan(1);
    const second = drawDiagram(svg, after, { reducedMotion: false, duration: 150 });
    // The rows still waiting still wait: the reveal was not cut short.
    expect(hiddenRows(svg)).toEqual(waiting);
    expect(svg.getAttribute('viewBox')).toBe(`0 0 768 ${num(after.height)}`);
    // The second drawing's promise lasts as long as the reveal it kept.
    let secondDone = false;
    void second.then(() => (secondDone = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(secondDone).toBe(false);
    await Promise.all([first, second]);
    expect(hiddenRows(svg)).toEqual([]);
    expect(normalise(svg)).toBe(normalise(parseMarkup(renderDiagramMarkup(after))));
  });
});

describe('the chosen exchange', () => {
  it('marks both rows of the selected entry, and moves the mark when another is chosen', async () => {
    const layout = layoutOf(figure4, 768);
    const svg = freshSvg();
    await drawDiagram(svg, layout, { reducedMotion: true, selected: 't2' });
    const selectedRows = () =>
      [...svg.querySelectorAll('g.row.selected')].map((row) => row.getAttribute('data-id'));
    const outlines = () =>
      [...svg.querySelectorAll('g.plates > rect.selection')].map((rect) => rect.getAttribute('data-id'));
    expect(selectedRows()).toEqual(['t2:request', 't2:response']);
    expect(outlines()).toEqual(['t2:request:selected', 't2:response:selected']);
    // The outline lies around the label and badges, a little outside them.
    const request = layout.rows.find((row) => row.id === 't2:request');
    const outline = svg.querySelector('rect.selection');
    expect(Number(outline?.getAttribute('x'))).toBeCloseTo((request?.labelBox.x ?? NaN) - 3, 1);
    expect(Number(outline?.getAttribute('height'))).toBeCloseTo((request?.labelBox.height ?? NaN) + 6, 1);
    // Its stylesheet comes with it: a thicker arrow and an accent outline, unlike the current arrow's colour.
    expect([...svg.querySelectorAll('style')].map((style) => style.textContent)).toContain(SELECTED_CSS);
    expect(SELECTED_CSS).toContain('.tp-diagram .selected .arrow{stroke-width:4.5}');
    expect(SELECTED_CSS).toMatch(/\.selection\{fill:none;stroke:var\(--accent/);
    // The current exchange keeps its own highlight beside the selection.
    expect(svg.querySelectorAll('g.row.current').length).toBeGreaterThan(0);
    expect(normalise(svg)).toBe(
      normalise(parseMarkup(renderDrawnMarkup(layout, { reducedMotion: true, selected: 't2' })))
    );

    await drawDiagram(svg, layout, { reducedMotion: false, selected: 't4' });
    expect(selectedRows()).toEqual(['t4:request', 't4:response']);
    expect(outlines()).toEqual(['t4:request:selected', 't4:response:selected']);
    expect(normalise(svg)).toBe(
      normalise(parseMarkup(renderDrawnMarkup(layout, { reducedMotion: true, selected: 't4' })))
    );

    // Nothing chosen: exactly the static markup again, stylesheet and all.
    await drawDiagram(svg, layout, { reducedMotion: false });
    expect(selectedRows()).toEqual([]);
    expect(normalise(svg)).toBe(normalise(parseMarkup(renderDiagramMarkup(layout))));
  });

  it('outlines nothing for an exchange that is not shown yet', async () => {
    const layout = layoutOf(figure4, 768, 1);
    const svg = await drawn(layout);
    await drawDiagram(svg, layout, { reducedMotion: true, selected: 't3' });
    expect(normalise(svg)).toBe(normalise(parseMarkup(renderDiagramMarkup(layout))));
  });
});

describe('redrawing', () => {
  /** The data-id of the keyed element (row, bar, lifeline) a node is in, or the tag of its element outside them. */
  function keyedIn(node: Node): string {
    const element = node instanceof Element ? node : node.parentElement;
    return element?.closest('[data-id]')?.getAttribute('data-id') ?? element?.localName ?? '?';
  }

  /** Where mutations happened: the keyed elements they were in, or the tags outside them. */
  function changedIn(records: readonly MutationRecord[]): Set<string> {
    const where = new Set<string>();
    for (const record of records) {
      if (record.type === 'childList') {
        // A row or bar added or removed counts for that row or bar; a child of one, for it.
        for (const node of [...record.addedNodes, ...record.removedNodes]) {
          const keyed = node instanceof Element && node.hasAttribute('data-id') ? node : record.target;
          where.add(keyedIn(keyed));
        }
      } else where.add(keyedIn(record.target));
    }
    return where;
  }

  async function mutationsOf(svg: SVGSVGElement, draw: () => Promise<void>): Promise<Set<string>> {
    const records: MutationRecord[] = [];
    const observer = new MutationObserver((batch) => records.push(...batch));
    observer.observe(svg, { subtree: true, attributes: true, childList: true, characterData: true });
    await draw();
    records.push(...observer.takeRecords());
    observer.disconnect();
    return changedIn(records);
  }

  /** What may change from `from` to `to`: rows and bars that appear, or whose state or geometry changed. */
  function changedBetween(from: DiagramLayout, to: DiagramLayout): Set<string> {
    const shown = (layout: DiagramLayout) =>
      new Map(
        [...layout.rows, ...layout.activations]
          .filter((item) => item.state !== 'future')
          .map((item) => [item.id, JSON.stringify(item)])
      );
    const old = shown(from);
    return new Set([...shown(to)].filter(([id, item]) => old.get(id) !== item).map(([id]) => id));
  }

  it.each([true, false])(
    'with one more exchange touches only the rows and bars that changed (reduced motion: %s)',
    async (reducedMotion) => {
      for (const figure of [figure2, figure4, ...Object.values(played)]) {
        for (let step = 1; step < figure.entries.length; step++) {
          const svg = freshSvg();
          await drawDiagram(svg, layoutOf(figure, 768, step), { reducedMotion: true });
          const next = layoutOf(figure, 768, step + 1);
          const touched = await mutationsOf(svg, () =>
            drawDiagram(svg, next, { reducedMotion, duration: 5 })
          );
          const allowed = changedBetween(layoutOf(figure, 768, step), next);
          // The svg's accessible name says what is current, so it changes too; nothing else outside the rows.
          allowed.add('svg');
          expect([...touched].filter((id) => !allowed.has(id))).toEqual([]);
          // Something did change: the new exchange's rows at least.
          expect(touched.size).toBeGreaterThan(1);
          expect(normalise(svg)).toBe(normalise(parseMarkup(renderDiagramMarkup(next))));
          svg.remove();
        }
      }
    }
  );

  it('with the same layout touches nothing', async () => {
    const layout = layoutOf(figure4, 768, 3);
    const svg = freshSvg();
    await drawDiagram(svg, layout, { reducedMotion: true });
    expect(await mutationsOf(svg, () => drawDiagram(svg, layout, { reducedMotion: false }))).toEqual(
      new Set()
    );
  });

  it('adds a new row complete, in one insertion', async () => {
    const svg = freshSvg();
    await drawDiagram(svg, layoutOf(figure2, 768, 1), { reducedMotion: true });
    const records: MutationRecord[] = [];
    const observer = new MutationObserver((batch) => records.push(...batch));
    observer.observe(svg, { subtree: true, attributes: true, childList: true });
    await drawDiagram(svg, layoutOf(figure2, 768, 2), { reducedMotion: true });
    records.push(...observer.takeRecords());
    observer.disconnect();
    const inNewRows = records.filter((record) =>
      (record.target instanceof Element ? record.target : undefined)?.closest('g.row[data-id^="t2:"]')
    );
    expect(inNewRows).toEqual([]);
  });

  it('covers an arrow with its own dash pattern, then a gap as long again', () => {
    expect(travelDashes([], 100)).toBe('100 100');
    expect(travelDashes([8, 5], 30)).toBe('8 5 8 5 4 30');
    expect(travelDashes([8, 5], 26)).toBe('8 5 8 31');
    expect(travelDashes([2, 5], 4)).toBe('2 6');
  });
});
