// Resizing the window on a figure, an embed and the sandbox: the diagram follows the width and no error reaches the window.
import { describe, expect, inject, it } from 'vitest';
import { openSession } from './support/browser';

const baseUrl = inject('baseUrl');

/** Widths across the layout's breakpoints (compact below 640, one column below 900), and back. */
const WIDTHS = [360, 1280, 639, 640, 1920, 500, 900, 899, 1024, 361];

/** The pages, and what says the simulation is ready on each. */
const PAGES = [
  ['a figure', '/scenario/sign-in/', 'section.simulator[data-status="ready"][aria-busy="false"]'],
  ['an embed', '/embed/sign-in/', 'section.simulator[data-status="ready"][aria-busy="false"]'],
  [
    'the sandbox, after a replayed link',
    `/sandbox/?seed=sandbox&a=1.${Buffer.from(
      JSON.stringify([
        ['si', 'alice', 'srp', 'known'],
        ['id', 'user-pool']
      ])
    ).toString('base64url')}`,
    'section.sandbox[data-status="ready"][aria-busy="false"][data-actions="2"]'
  ]
] as const;

describe('resizing the window', () => {
  it.each(PAGES)('raises no window error on %s', async (_name, path, ready) => {
    const session = await openSession({ viewport: { width: 1280, height: 800 } });
    try {
      const { page } = session;
      await page.addInitScript(() => {
        const errors: string[] = [];
        (window as unknown as { windowErrors: string[] }).windowErrors = errors;
        window.addEventListener('error', (event) => errors.push(String(event.message)));
      });
      await page.goto(`${baseUrl}${path}`, { waitUntil: 'networkidle' });
      await page.locator(ready).waitFor({ timeout: 60_000 });
      const seen: { stage: number; diagram: number }[] = [];
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 800 });
        // Two frames: the observer's report, then the redraw at the new width.
        await page.evaluate(
          () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))
        );
        seen.push(
          await page.evaluate(() => ({
            stage: document.querySelector('.stage')?.getBoundingClientRect().width ?? 0,
            diagram: document.querySelector('.stage svg')?.getBoundingClientRect().width ?? 0
          }))
        );
      }
      expect(
        await page.evaluate(() => (window as unknown as { windowErrors: string[] }).windowErrors)
      ).toEqual([]);
      // The diagram did follow the window (narrower at 360 than at 1920), and its box stays inside it.
      const at = (width: number) => seen[WIDTHS.indexOf(width)];
      expect(at(360)?.diagram ?? 0).toBeLessThan(at(1920)?.diagram ?? 0);
      for (const [index, width] of WIDTHS.entries()) expect(seen[index]?.stage).toBeLessThanOrEqual(width);
    } finally {
      await session.close();
    }
  });
});
