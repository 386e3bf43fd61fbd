// Presenter mode for a classroom: figure 4 whole on a 1920×1080 or 1280×720 screen with arrow labels of 18 px or
// more, and the keys a clicker sends: PageDown moves on, B blanks the screen, Esc leaves. Light and dark, axe clean.
import { mkdirSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, describeViolations, openSession } from './support/browser';
import { waitForLive, waitForPosition } from './support/simulator';

const baseUrl = inject('baseUrl');
const SHOTS = 'screenshots';

interface Fit {
  svg: { left: number; top: number; right: number; bottom: number };
  viewport: { width: number; height: number };
  rows: number;
  /** Every arrow label's size on screen: its font size times the drawing's scale. */
  smallestLabel: number;
  scrollY: number;
}

function fit(page: Page): Promise<Fit> {
  return page.evaluate(() => {
    const svg = document.querySelector('section.simulator .stage svg') as SVGSVGElement;
    const box = svg.getBoundingClientRect();
    const scale = svg.getScreenCTM()?.a ?? 1;
    // Each line of an arrow's label is a tspan with its own font size; a badge's text has one too.
    const labels = [...svg.querySelectorAll('g.row [font-size]')].map(
      (text) => parseFloat(getComputedStyle(text).fontSize) * scale
    );
    return {
      svg: { left: box.left, top: box.top, right: box.right, bottom: box.bottom },
      viewport: { width: innerWidth, height: innerHeight },
      rows: svg.querySelectorAll('g.row').length,
      smallestLabel: Math.min(...labels),
      scrollY: window.scrollY
    };
  });
}

describe('presenter mode', () => {
  it.each([
    [1920, 1080, 'light'],
    [1280, 720, 'dark']
  ] as const)(
    'at %i×%i (%s) shows all of figure 4 with labels ≥ 18 px; PageDown, B and Esc work',
    async (width, height, colorScheme) => {
      const session = await openSession({ viewport: { width, height }, colorScheme });
      try {
        const { page } = session;
        // ?predict=0: the question in presenter mode has its own test (predict.test.ts).
        await page.goto(`${baseUrl}/scenario/identity-pool/?present=1&predict=0`, { waitUntil: 'load' });
        await page.locator('section.simulator[data-presenting="true"]').waitFor();
        await waitForLive(page);
        // Presenting starts from the beginning: the teacher moves on with the clicker.
        await waitForPosition(page, 0);
        for (let step = 1; step <= 4; step++) {
          await page.keyboard.press('PageDown');
          await waitForPosition(page, step);
        }
        await page.locator('section.simulator[aria-busy="false"]').waitFor();
        await expect.poll(async () => (await fit(page)).rows, { timeout: 10_000 }).toBe(14);
        const shown = await fit(page);
        expect(shown.svg.top).toBeGreaterThanOrEqual(0);
        expect(shown.svg.left).toBeGreaterThanOrEqual(0);
        expect(shown.svg.bottom).toBeLessThanOrEqual(shown.viewport.height);
        expect(shown.svg.right).toBeLessThanOrEqual(shown.viewport.width);
        expect(shown.smallestLabel).toBeGreaterThanOrEqual(18);
        expect(shown.scrollY).toBe(0);
        expect(await page.locator('section.simulator .narration h2').textContent()).toMatch(/Step 4 of 4/);
        expect(await page.locator('section.simulator .counter').textContent()).toContain('Step 4 / 4');

        mkdirSync(SHOTS, { recursive: true });
        await page.mouse.move(width / 2, height / 2);
        await page.screenshot({ path: `${SHOTS}/presenter-${width}x${height}-${colorScheme}.png` });
        const violations = await axeViolations(page);
        expect(violations, describeViolations(violations)).toEqual([]);

        // PageUp goes back a step, PageDown forward again.
        await page.keyboard.press('PageUp');
        await waitForPosition(page, 3);
        await page.keyboard.press('PageDown');
        await waitForPosition(page, 4);

        // B blanks the screen and B shows it again.
        await page.keyboard.press('b');
        const blank = page.locator('section.simulator .blank');
        await blank.waitFor();
        const covered = await blank.boundingBox();
        expect(covered).toMatchObject({ x: 0, y: 0, width, height });
        await page.keyboard.press('b');
        await blank.waitFor({ state: 'detached' });

        // Esc leaves: the page is the figure page again, its words below the title.
        await page.keyboard.press('Escape');
        await page.locator('section.simulator:not([data-presenting])').waitFor();
        expect(await page.locator('section.simulator h1').isVisible()).toBe(true);
        const after = await axeViolations(page);
        expect(after, describeViolations(after)).toEqual([]);
      } finally {
        await session.close();
      }
    }
  );

  it('opens from the Present button and the F key, and Space still plays', async () => {
    const session = await openSession({ viewport: { width: 1280, height: 800 } });
    try {
      const { page } = session;
      await page.goto(`${baseUrl}/scenario/identity-pool/?predict=0`, { waitUntil: 'load' });
      await waitForLive(page);
      await page.getByRole('button', { name: 'Present' }).click();
      await page.locator('section.simulator[data-presenting="true"]').waitFor();
      await waitForPosition(page, 0);
      await page.keyboard.press('Escape');
      await page.locator('section.simulator:not([data-presenting])').waitFor();
      await page.locator('h1').click();
      await page.keyboard.press('f');
      await page.locator('section.simulator[data-presenting="true"]').waitFor();
      await page.keyboard.press('Space');
      await waitForPosition(page, 1);
      await page.keyboard.press('Space');
      await page.keyboard.press('Escape');
      await page.locator('section.simulator:not([data-presenting])').waitFor();
    } finally {
      await session.close();
    }
  });
});
