// drawDiagram loads its transitions (d3, ./travel) only when something travels: resizing, redrawing and reduced
// motion never fetch d3; an arrow is covered at once, before the module arrives.

import { describe, expect, it, vi } from 'vitest';
import { drawDiagram } from '../../src/lib/diagram/draw';
import { layoutDiagram } from '../../src/lib/diagram/layout';
import { figure2 } from './fixtures';

const travel = vi.hoisted(() => ({ loads: 0, runs: [] as string[][] }));

vi.mock('../../src/lib/diagram/travel', () => {
  travel.loads += 1;
  return {
    interrupt: () => undefined,
    travel: (rows: { group: Element }[]) => {
      travel.runs.push(rows.map(({ group }) => group.getAttribute('data-id') ?? ''));
      return Promise.resolve();
    }
  };
});

const layoutAt = (step: number, width = 768) =>
  layoutDiagram({ participants: figure2.participants, entries: figure2.entries, step, width });

function freshSvg(): SVGSVGElement {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  document.body.append(svg);
  return svg;
}

describe('drawDiagram and d3', () => {
  it('does not load the transitions to resize, redraw or draw with reduced motion', async () => {
    const svg = freshSvg();
    await drawDiagram(svg, layoutAt(3), { reducedMotion: true });
    await drawDiagram(svg, layoutAt(4), { reducedMotion: true });
    await drawDiagram(svg, layoutAt(4), { reducedMotion: false });
    await drawDiagram(svg, layoutAt(4, 1024), { reducedMotion: false });
    await drawDiagram(svg, layoutAt(4, 400), { reducedMotion: false });
    await drawDiagram(svg, layoutAt(1, 400), { reducedMotion: true });
    expect(travel.loads).toBe(0);
    svg.remove();
  });

  it('covers what travels at once and moves it once the transitions have loaded', async () => {
    travel.runs.length = 0;
    const svg = freshSvg();
    await drawDiagram(svg, layoutAt(0), { reducedMotion: true });
    const done = drawDiagram(svg, layoutAt(1), { reducedMotion: false });
    const arrow = svg.querySelector('g.row[data-id="t1:request"] line.arrow');
    expect(arrow?.getAttribute('opacity')).toBe('0');
    expect(arrow?.getAttribute('marker-end')).toBeNull();
    await done;
    expect(travel.loads).toBe(1);
    expect(travel.runs).toEqual([['t1:request', 't1:response']]);
    svg.remove();
  });

  it('does not move a drawing that a later one replaced while the transitions loaded', async () => {
    travel.runs.length = 0;
    const svg = freshSvg();
    await drawDiagram(svg, layoutAt(0), { reducedMotion: true });
    const first = drawDiagram(svg, layoutAt(1), { reducedMotion: false });
    const second = drawDiagram(svg, layoutAt(2), { reducedMotion: false });
    await Promise.all([first, second]);
    expect(travel.runs).toEqual([['t2:request', 't2:response']]);
    svg.remove();
  });
});
