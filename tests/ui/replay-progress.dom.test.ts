// A long share link's replay in a DOM: the count so far, the cap said, and a Stop that asks once and says it is stopping.
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_ACTIONS } from '../../src/lib/sandbox/share';
import ReplayProgress from '../../src/lib/ui/sandbox/ReplayProgress.svelte';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function render(done: number, total: number, onStop: () => void = () => {}) {
  const target = document.createElement('div');
  document.body.append(target);
  const instance = mount(ReplayProgress, { target, props: { done, total, onStop } });
  flushSync();
  cleanups.push(() => {
    unmount(instance);
    target.remove();
  });
  return target;
}

const text = (element: Element | null) => element?.textContent?.replace(/\s+/g, ' ').trim();

describe('replay progress', () => {
  it('shows how many actions of the link are replayed, as text and as a labelled progress bar', () => {
    const target = render(37, 200);
    expect(text(target.querySelector('.count'))).toBe('Replaying 37 of 200…');
    const bar = target.querySelector('progress');
    expect(bar?.value).toBe(37);
    expect(bar?.max).toBe(200);
    expect(text(document.getElementById(bar?.getAttribute('aria-labelledby') ?? ''))).toBe(
      'Replaying 37 of 200…'
    );
  });

  it('announces the replay once, not every count', () => {
    const target = render(37, 200);
    const status = target.querySelectorAll('[role="status"]');
    expect(status).toHaveLength(1);
    expect(text(status[0] ?? null)).toBe('Replaying the link’s 200 actions.');
    expect(target.querySelector('.count')?.closest('[role="status"], [aria-live]')).toBeNull();
  });

  it('says the cap and what Stop keeps, as the Stop button’s description', () => {
    const target = render(0, 5);
    const stop = target.querySelector('button');
    expect(text(stop)).toBe('Stop');
    const why = text(document.getElementById(stop?.getAttribute('aria-describedby') ?? ''));
    expect(why).toContain(`at most ${MAX_ACTIONS} actions`);
    expect(why).toMatch(/keeps the actions replayed so far/);
  });

  it('asks to stop once, then says it is stopping after the action under way', () => {
    let asked = 0;
    const target = render(12, 200, () => asked++);
    const stop = target.querySelector('button');
    stop?.click();
    flushSync();
    stop?.click();
    flushSync();
    expect(asked).toBe(1);
    expect(stop?.getAttribute('aria-disabled')).toBe('true');
    expect(text(target.querySelector('.count'))).toBe('Stopping after 12 of 200…');
    expect(text(target.querySelector('[role="status"]'))).toBe('Stopping after the action under way.');
  });
});
