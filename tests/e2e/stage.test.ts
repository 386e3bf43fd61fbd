// The stage: while figure 4 plays, the active arrows and the step's words are on screen together, and loading
// the page shows the diagram from the first frame without moving it (no blank, little layout shift).
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, describeViolations, openSession } from './support/browser';
import { waitForLive } from './support/simulator';

const baseUrl = inject('baseUrl');
const SHOTS = 'screenshots';

interface Seen {
  position: number;
  rows: { top: number; bottom: number }[];
  heading: { top: number; bottom: number } | undefined;
  height: number;
  bar: number;
  /** The top of the step's words (pinned at the bottom of a phone's screen, beside the diagram on a wide one). */
  words: number;
  /** The current step's button, and the step list it scrolls in (sideways on a phone). */
  stepButton: { left: number; right: number } | undefined;
  stepList: { left: number; right: number };
}

/** Where the current step's arrows and the narration's heading are, in viewport pixels. */
function seen(page: Page): Promise<Seen> {
  return page.evaluate(() => {
    const box = (element: Element) => {
      const rect = element.getBoundingClientRect();
      return { top: rect.top, bottom: rect.bottom };
    };
    const simulator = document.querySelector('section.simulator') as HTMLElement;
    const heading = document.querySelector('#narration-title');
    return {
      position: Number(simulator.dataset.position),
      rows: [...document.querySelectorAll('section.simulator svg g.row.current')].map(box),
      heading: heading ? box(heading) : undefined,
      height: window.innerHeight,
      bar: document.querySelector('section.simulator .bar')?.getBoundingClientRect().bottom ?? 0,
      words: document.querySelector('section.simulator .narration')?.getBoundingClientRect().top ?? 0,
      stepButton: (() => {
        const rect = document.querySelector('.scrubber [aria-current="step"]')?.getBoundingClientRect();
        return rect ? { left: rect.left, right: rect.right } : undefined;
      })(),
      stepList: (() => {
        const rect = document.querySelector('.scrubber')!.getBoundingClientRect();
        return { left: rect.left, right: rect.right };
      })()
    };
  });
}

describe('the stage', () => {
  it.each([
    [1280, 800],
    [1920, 1080],
    [360, 800]
  ])('at %i×%i keeps each step’s arrows and words in view while figure 4 plays', async (width, height) => {
    // On a phone the words are pinned under the diagram: the arrows must stand above them, not under.
    const pinned = width < 1024;
    const session = await openSession({ viewport: { width, height } });
    try {
      const { page } = session;
      // ?predict=0: figure 4's question has its own test (predict.test.ts); here it plays straight through.
      await page.goto(`${baseUrl}/scenario/identity-pool/?predict=0`, { waitUntil: 'load' });
      await waitForLive(page);
      await page.keyboard.press('Home');
      await page.locator('section.simulator[data-position="0"][aria-busy="false"]').waitFor();
      // Half speed: each step stays 3.6 s, time enough to read where things are on a busy machine.
      await page.locator('section.simulator select').selectOption('0.5');
      await page.locator('h1').click();
      await page.keyboard.press('Space');
      const total = 4;
      for (let step = 1; step <= total; step++) {
        await page.locator(`section.simulator[data-position="${step}"]`).waitFor({ timeout: 60_000 });
        // The view follows smoothly: give it a moment, then read where everything is.
        await expect
          .poll(
            async () => {
              const now = await seen(page);
              if (now.position !== step) return `at step ${now.position}, not ${step}`;
              if (now.rows.length === 0 || !now.heading) return `step ${step} not drawn yet`;
              const floor = pinned ? now.words : now.height;
              const off = now.rows.filter((row) => row.top < now.bar - 1 || row.bottom > floor + 1);
              if (off.length > 0) return `arrows off screen: ${JSON.stringify(off)} (bar ${now.bar})`;
              if (now.heading.top < now.bar - 1 || now.heading.bottom > now.height + 1) {
                return `narration heading off screen: ${JSON.stringify(now.heading)}`;
              }
              const button = now.stepButton;
              if (!button || button.left < now.stepList.left - 1 || button.right > now.stepList.right + 1) {
                return `step ${step}'s button is out of the step list's view: ${JSON.stringify(button)}`;
              }
              return 'in view';
            },
            { timeout: 10_000, interval: 200 }
          )
          .toBe('in view');
        await page.screenshot({ path: `${SHOTS}/stage-${width}x${height}-step-${step}.png` });
        if (step === 2 || step === total) {
          const violations = await axeViolations(page);
          expect(violations, describeViolations(violations)).toEqual([]);
        }
      }
    } finally {
      await session.close();
    }
  });

  it('shows figure 4’s diagram in every frame of a reload, and the page hardly moves (CLS < 0.1)', async () => {
    const session = await openSession({ viewport: { width: 1280, height: 800 } });
    try {
      const { page } = session;
      await page.addInitScript(() => {
        const w = window as unknown as { shift: number; blank: number; frames: number };
        w.shift = 0;
        w.blank = 0;
        w.frames = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as (PerformanceEntry & {
            value: number;
            hadRecentInput: boolean;
          })[]) {
            if (!entry.hadRecentInput) w.shift += entry.value;
          }
        }).observe({ type: 'layout-shift', buffered: true });
        const frame = () => {
          const rows = document.querySelectorAll('section.simulator svg g.row').length;
          if (document.readyState !== 'loading') {
            w.frames += 1;
            if (rows === 0) w.blank += 1;
          }
          if (w.frames < 400) requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      });
      await page.goto(`${baseUrl}/scenario/identity-pool/`, { waitUntil: 'load' });
      await waitForLive(page);
      await page.waitForTimeout(1500);
      await page.reload({ waitUntil: 'load' });
      await waitForLive(page);
      await page.waitForTimeout(1500);
      const { shift, blank, frames } = await page.evaluate(() => {
        const w = window as unknown as { shift: number; blank: number; frames: number };
        return { shift: w.shift, blank: w.blank, frames: w.frames };
      });
      expect(frames).toBeGreaterThan(10);
      expect(blank, `${blank} of ${frames} frames had no diagram`).toBe(0);
      expect(shift).toBeLessThan(0.1);
    } finally {
      await session.close();
    }
  });
});
