// Reports long tasks while a figure loads and plays in Chromium; fails only on a gross regression (a task over 1 s).
import { describe, expect, inject, it } from 'vitest';
import { openSession } from './support/browser';
import { waitForLive } from './support/simulator';

const baseUrl = inject('baseUrl');
/** The budget is 50 ms; this test only catches what would freeze the page for a learner. */
const GROSS_MS = 1000;

describe('responsiveness', () => {
  it('reports long tasks while figure 4 loads and plays', async () => {
    const session = await openSession();
    try {
      const { page } = session;
      await page.addInitScript(() => {
        const w = window as unknown as { longTasks: number[] };
        w.longTasks = [];
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) w.longTasks.push(entry.duration);
        }).observe({ type: 'longtask', buffered: true });
      });
      const started = Date.now();
      await page.goto(`${baseUrl}/scenario/identity-pool/?predict=0`, { waitUntil: 'load' });
      await waitForLive(page);
      const live = Date.now() - started;
      const loading = await page.evaluate(() =>
        (window as unknown as { longTasks: number[] }).longTasks.splice(0)
      );
      await page.locator('h1').click();
      await page.keyboard.press('Space');
      await page.locator('section.simulator[data-player="\\"done\\""]').waitFor({ timeout: 60_000 });
      const playing = await page.evaluate(() =>
        (window as unknown as { longTasks: number[] }).longTasks.splice(0)
      );
      const describe = (tasks: number[]) =>
        `${tasks.length} over 50 ms${tasks.length ? `, longest ${Math.max(...tasks).toFixed(0)} ms` : ''}`;
      console.log(
        `figure 4: live after ${live} ms; loading: ${describe(loading)}; playing: ${describe(playing)}`
      );
      expect(Math.max(0, ...loading, ...playing)).toBeLessThan(GROSS_MS);
    } finally {
      await session.close();
    }
  });
});
