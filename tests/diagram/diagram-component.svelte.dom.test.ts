// Diagram.svelte: the prerendered figure needs no d3; the drawing module loads on the first change of layout, and
// the latest layout is the one drawn however late the module arrives.

import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { layoutDiagram, type DiagramLayout } from '../../src/lib/diagram';
import Diagram from '../../src/lib/ui/Diagram.svelte';
import { figure2 } from './fixtures';

const draw = vi.hoisted(() => ({
  loads: 0,
  calls: [] as { svg: SVGSVGElement; layout: unknown }[],
  options: [] as Record<string, unknown>[]
}));

vi.mock('../../src/lib/diagram/draw', () => {
  draw.loads += 1;
  return {
    drawDiagram: (svg: SVGSVGElement, layout: unknown, options: Record<string, unknown>) => {
      draw.calls.push({ svg, layout });
      draw.options.push(options);
      return Promise.resolve();
    }
  };
});

const layoutAt = (step: number, width = 768): DiagramLayout =>
  layoutDiagram({ participants: figure2.participants, entries: figure2.entries, step, width });

/** Lets a dynamic import and the promise callbacks after it run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
  draw.calls.length = 0;
  draw.options.length = 0;
});

function show(first: DiagramLayout) {
  const target = document.createElement('div');
  document.body.append(target);
  const props = $state<{ layout: DiagramLayout; reducedMotion: boolean; speed?: number; selected?: string }>({
    layout: first,
    reducedMotion: true
  });
  const component = mount(Diagram, { target, props });
  flushSync();
  cleanup = () => {
    unmount(component);
    target.remove();
  };
  const svg = target.querySelector('svg');
  if (!svg) throw new Error('no svg');
  return { props, svg, target };
}

describe('Diagram.svelte', () => {
  it('shows the markup as it is and loads no drawing module while the layout stays the same', async () => {
    const { props, svg } = show(layoutAt(2));
    expect(svg.getAttribute('aria-label')).toBe(layoutAt(2).description);
    expect([...svg.querySelectorAll('g.row')].map((row) => row.getAttribute('data-id'))).toEqual([
      't1:request',
      't2:request',
      't2:response',
      't1:response'
    ]);
    // An equal layout computed again (a resize to the same width) is not a change.
    props.layout = layoutAt(2);
    flushSync();
    await settle();
    expect(draw.loads).toBe(0);
    expect(draw.calls).toEqual([]);
  });

  it('loads the drawing module on the first change and draws the latest layout only', async () => {
    const { props, svg } = show(layoutAt(1));
    const second = layoutAt(2);
    const third = layoutAt(3);
    props.layout = second;
    flushSync();
    // Before the module has arrived, another step: only that one is drawn.
    props.layout = third;
    flushSync();
    await settle();
    expect(draw.loads).toBe(1);
    expect(draw.calls).toEqual([{ svg, layout: third }]);
    props.layout = second;
    flushSync();
    await settle();
    expect(draw.calls.map((call) => call.layout)).toEqual([third, second]);
  });

  it('says the diagram scrolls sideways only when it is wider than the space it was given', async () => {
    const { props, target } = show(layoutAt(4, 768));
    expect(target.querySelector('.scroll-hint')).toBeNull();
    expect(target.querySelector('.diagram')?.hasAttribute('tabindex')).toBe(false);
    const narrow = layoutAt(4, 200);
    expect(narrow.scroll).toBe(true);
    props.layout = narrow;
    flushSync();
    await settle();
    expect(target.querySelector('.scroll-hint')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'Scroll sideways to see all of the diagram →'
    );
    const region = target.querySelector('.diagram');
    expect(region?.getAttribute('tabindex')).toBe('0');
    expect(region?.getAttribute('role')).toBe('region');
    props.layout = layoutAt(4, 768);
    flushSync();
    expect(target.querySelector('.scroll-hint')).toBeNull();
  });

  it('opens an exchange from a click on its arrow, its label or the plate under the label', () => {
    const target = document.createElement('div');
    document.body.append(target);
    const selected: string[] = [];
    const component = mount(Diagram, {
      target,
      props: { layout: layoutAt(4), reducedMotion: true, onSelect: (id: string) => selected.push(id) }
    });
    flushSync();
    cleanup = () => {
      unmount(component);
      target.remove();
    };
    const click = (selector: string) =>
      target.querySelector(selector)?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    click('g.row[data-id="t2:request"] line.arrow');
    click('g.row[data-id="t3:response"] text.label tspan');
    click('g.plates > path[data-id="t4:request"]');
    click('g.lifelines');
    expect(selected).toEqual(['t2', 't3', 't4']);
  });

  it('passes the playback speed and the chosen exchange to the drawing', async () => {
    const { props, svg } = show(layoutAt(2));
    // Choosing an arrow is a change of picture, even at the same step.
    props.selected = 't2';
    flushSync();
    await settle();
    expect(draw.calls.map((call) => call.svg)).toEqual([svg]);
    expect(draw.options.at(-1)).toMatchObject({ selected: 't2', speed: 1, reducedMotion: true });
    props.speed = 2;
    props.layout = layoutAt(3);
    flushSync();
    await settle();
    expect(draw.options.at(-1)).toMatchObject({ selected: 't2', speed: 2 });
  });

  it('repeats the participant headers, from the first scroll, in a strip hidden from assistive technology, with its height exposed', async () => {
    const layout = layoutAt(2);
    const { target, svg } = show(layout);
    // Nothing can stick before the page scrolls: the strip (and its code) comes with the first scroll.
    expect(target.querySelector('.heads')).toBeNull();
    window.dispatchEvent(new Event('scroll'));
    await vi.waitFor(() => expect(target.querySelector('.heads')).not.toBeNull(), { timeout: 5_000 });
    const strip = target.querySelector('.heads');
    expect(strip?.getAttribute('aria-hidden')).toBe('true');
    // After the diagram, so it paints over it when it sticks; the diagram is still the first svg and the only image.
    expect(target.querySelector('svg')).toBe(svg);
    expect(target.querySelectorAll('[role="img"]')).toHaveLength(1);
    const heads = strip?.querySelector('svg');
    expect(heads?.getAttribute('width')).toBe(svg.getAttribute('width'));
    expect([...(heads?.querySelectorAll('rect.header') ?? [])].map((rect) => rect.outerHTML)).toEqual(
      [...svg.querySelectorAll('rect.header')].map((rect) => rect.outerHTML)
    );
    // jsdom lays nothing out, so the height is 0 here; the variable is there for the page's follow logic.
    expect(
      target.querySelector<HTMLElement>('.diagram-stage')?.style.getPropertyValue('--diagram-header-height')
    ).toBe('0px');
  });
});
