// The static markup renders in Node (no DOM), for prerendering: the whole revealed diagram, escaped, with its styles.

import { describe, expect, it } from 'vitest';
import type { DiagramEntry } from '../../src/lib/diagram';
import { layoutDiagram } from '../../src/lib/diagram/layout';
import { renderHeadsMarkup } from '../../src/lib/diagram/heads';
import { DIAGRAM_CSS, num, renderDiagramMarkup } from '../../src/lib/diagram/markup';
import { figure2, figure3 } from './fixtures';

describe('renderDiagramMarkup', () => {
  it('renders without a DOM', () => {
    expect(typeof document).toBe('undefined');
    const markup = renderDiagramMarkup(layoutDiagram({ ...figure2, step: 4, width: 768 }));
    expect(markup.startsWith('<svg xmlns="http://www.w3.org/2000/svg" class="tp-diagram"')).toBe(true);
    expect(markup).toContain('role="img"');
    expect(markup.match(/class="row /g)).toHaveLength(8);
    expect(markup).toContain(`<style>${DIAGRAM_CSS.replace(/>/g, '&gt;')}</style>`);
  });

  it('leaves out future exchanges', () => {
    const markup = renderDiagramMarkup(layoutDiagram({ ...figure2, step: 1, width: 768 }));
    expect(markup).toContain('data-id="t1:request"');
    expect(markup).not.toContain('data-id="t2:request"');
  });

  it('escapes text from the trace', () => {
    const base = figure3.entries[0];
    if (!base) throw new Error('fixture');
    const entry: DiagramEntry = { ...base, error: { code: 'Bad<Code>', message: 'a & b "quoted" <script>' } };
    const markup = renderDiagramMarkup(layoutDiagram({ ...figure3, entries: [entry], step: 1, width: 768 }));
    expect(markup).not.toContain('<script>');
    expect(markup).toContain('&lt;script&gt;');
    expect(markup).toContain('a &amp; b');
    expect(markup).toMatch(/aria-label="[^"]*&quot;quoted&quot;/);
  });

  it('writes numbers with at most two decimals and never -0', () => {
    expect(num(1.23456)).toBe('1.23');
    expect(num(-0.001)).toBe('0');
    expect(num(40)).toBe('40');
  });
});

describe('renderHeadsMarkup', () => {
  it.each([360, 768, 1920])('repeats the headers at the diagram’s width and geometry (%i px)', (width) => {
    const layout = layoutDiagram({ ...figure2, step: 2, width });
    const heads = renderHeadsMarkup(layout);
    const diagram = renderDiagramMarkup(layout);
    const header = layout.lifelines[0]?.header;
    if (!header) throw new Error('fixture');
    const height = Number(/height="([\d.]+)"/.exec(heads)?.[1]);
    // Down to a little under the headers, and no further: no row, plate or bar.
    expect(height).toBeGreaterThan(header.y + header.height);
    expect(height).toBeLessThan(Math.min(...layout.rows.map((row) => row.labelBox.y)));
    expect(heads).toContain(`viewBox="0 0 ${num(layout.width)} ${num(height)}" width="${num(layout.width)}"`);
    expect(heads).not.toMatch(/role=|class="row|class="plate|class="activation/);
    // Each header exactly as the diagram draws it.
    const rects = (markup: string) => markup.match(/<rect class="header"[^>]*>/g) ?? [];
    expect(rects(heads)).toEqual(rects(diagram));
    expect(rects(heads)).toHaveLength(layout.lifelines.length);
    for (const lifeline of layout.lifelines) {
      for (const line of lifeline.title) expect(heads).toContain(`>${line.text}</tspan>`);
    }
  });
});
