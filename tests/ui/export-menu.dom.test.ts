// The export menu in a DOM: a disclosure (aria-expanded, the panel hidden until opened), Esc closes it and gives
// focus back to its button, a click outside closes it, the "up to step" choice only when the learner stands short of
// the end, and Mermaid's download is the text of the chosen part.
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DiagramEntry } from '../../src/lib/diagram';
import ExportMenu from '../../src/lib/ui/export/ExportMenu.svelte';
import { play, type Played } from '../export/play';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

let run: Played;
beforeAll(async () => {
  run = await play('jwt-to-dynamodb');
}, 60_000);

function render(current?: { entries: readonly DiagramEntry[]; step: number }) {
  const target = document.createElement('div');
  document.body.append(target);
  const instance = mount(ExportMenu, {
    target,
    props: {
      title: run.title,
      fileName: 'two-pools-test',
      participants: run.participants,
      complete: () => ({ entries: run.entries, step: run.entries.length }),
      current: current && (() => current),
      currentLabel: current && 'step 1 of 2',
      trace: async () => run.trace
    }
  });
  flushSync();
  cleanups.push(() => {
    unmount(instance);
    target.remove();
  });
  return target;
}

const toggleOf = (target: Element) => target.querySelector('button[aria-expanded]') as HTMLButtonElement;
const panelOf = (target: Element) => target.querySelector('.panel') as HTMLElement;

describe('the export menu', () => {
  it('is a disclosure: its button controls a panel hidden until opened', () => {
    const target = render();
    const toggle = toggleOf(target);
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(toggle.getAttribute('aria-controls')).toBe(panelOf(target).id);
    expect(panelOf(target).hidden).toBe(true);
    toggle.click();
    flushSync();
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(panelOf(target).hidden).toBe(false);
    expect([...panelOf(target).querySelectorAll('button')].map((b) => b.textContent?.trim())).toEqual([
      'SVG image',
      'PNG image, 2× for slides',
      'Mermaid text',
      'HTTP archive (HAR)'
    ]);
    // No choice of range when the learner is not short of the end.
    expect(panelOf(target).querySelector('fieldset')).toBeNull();
  });

  it('closes on Esc from inside and gives focus back to its button', () => {
    const target = render();
    const toggle = toggleOf(target);
    toggle.click();
    flushSync();
    const first = panelOf(target).querySelector('button') as HTMLButtonElement;
    first.focus();
    first.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
    flushSync();
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(toggle);
  });

  it('closes on a pointer press outside it, and stays open for one inside', () => {
    const target = render();
    const toggle = toggleOf(target);
    toggle.click();
    flushSync();
    panelOf(target).dispatchEvent(new Event('pointerdown', { bubbles: true }));
    flushSync();
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    document.body.dispatchEvent(new Event('pointerdown', { bubbles: true }));
    flushSync();
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
  });

  it('offers "up to" the learner’s step, and Mermaid then writes only that part', async () => {
    // jsdom has no object URLs and does not download: catch what would be saved.
    const saved: Blob[] = [];
    const { createObjectURL, revokeObjectURL } = URL;
    const click = HTMLAnchorElement.prototype.click;
    URL.createObjectURL = (blob: Blob) => (saved.push(blob), 'blob:saved');
    URL.revokeObjectURL = () => {};
    HTMLAnchorElement.prototype.click = () => {};
    cleanups.push(() => {
      URL.createObjectURL = createObjectURL;
      // The menu revokes its URL a little later: a no-op stays where jsdom has none.
      if (typeof revokeObjectURL === 'function') URL.revokeObjectURL = revokeObjectURL;
      HTMLAnchorElement.prototype.click = click;
    });
    const target = render({ entries: run.entries, step: 2 });
    toggleOf(target).click();
    flushSync();
    const radios = [...panelOf(target).querySelectorAll('input[type="radio"]')] as HTMLInputElement[];
    expect(radios.map((radio) => radio.closest('label')?.textContent?.trim())).toEqual([
      'Complete',
      'Up to step 1 of 2'
    ]);
    expect(radios[0]?.checked).toBe(true);
    radios[1]?.click();
    flushSync();
    const mermaid = [...panelOf(target).querySelectorAll('button')].find((b) =>
      b.textContent?.includes('Mermaid')
    );
    mermaid?.click();
    await vi.waitFor(() => expect(saved).toHaveLength(1));
    const text = await (saved[0] as Blob).text();
    expect(text.split('\n').filter((line) => /^ {2}\w+(->>|-->>|--x)\w+: /.test(line))).toHaveLength(4);
    await vi.waitFor(() =>
      expect(panelOf(target).querySelector('[role="status"]')?.textContent).toContain('two-pools-test.mmd')
    );
  });
});
