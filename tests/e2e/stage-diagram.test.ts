// The stage's diagram: the participant headers stay in view, under the player's bar, while figure 4 scrolls past
// them (and sideways with a diagram that scrolls sideways); a clicked arrow is marked; axe is clean throughout.
import { mkdirSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, describeViolations, openSession } from './support/browser';
import { waitForLive, waitForPosition } from './support/simulator';

const baseUrl = inject('baseUrl');
const SHOTS = 'screenshots';
mkdirSync(SHOTS, { recursive: true });

/** Figure 4's participants, as its headers name them at 1280 px and wider. */
const PARTICIPANTS = ['App', 'User pool', 'Identity pool', 'STS', 'DynamoDB'];

interface Heads {
  stuck: boolean;
  visible: boolean;
  /** The player's bar and the strip, in viewport pixels. */
  bar: number;
  strip: { top: number; bottom: number };
  /** Each header name in the strip: its text and box on screen. */
  names: { text: string; top: number; bottom: number; left: number; right: number }[];
  /** The diagram's own headers' bottom edge (below 0: scrolled away above the screen). */
  ownBottom: number;
  /** Left edges of the diagram's own header boxes and of the strip's, in viewport pixels. */
  ownLefts: number[];
  stripLefts: number[];
  variable: string;
  height: number;
}

function heads(page: Page): Promise<Heads> {
  return page.evaluate(() => {
    const strip = document.querySelector<HTMLElement>('section.simulator .heads');
    const diagram = document.querySelector('section.simulator svg[role="img"]');
    if (!strip || !diagram) throw new Error('no diagram or no strip');
    const box = strip.getBoundingClientRect();
    const names = [...strip.querySelectorAll('text.title')].map((text) => {
      const rect = text.getBoundingClientRect();
      return {
        text: text.textContent ?? '',
        top: rect.top,
        bottom: rect.bottom,
        left: rect.left,
        right: rect.right
      };
    });
    const own = [...diagram.querySelectorAll('rect.header')].map((rect) => rect.getBoundingClientRect());
    const root = strip.closest<HTMLElement>('.diagram-stage');
    return {
      stuck: strip.classList.contains('stuck'),
      visible: getComputedStyle(strip).visibility === 'visible',
      bar: document.querySelector('section.simulator .bar')?.getBoundingClientRect().bottom ?? 0,
      strip: { top: box.top, bottom: box.bottom },
      names,
      ownBottom: Math.max(...own.map((rect) => rect.bottom)),
      ownLefts: own.map((rect) => rect.left),
      stripLefts: [...strip.querySelectorAll('rect.header')].map((rect) => rect.getBoundingClientRect().left),
      variable: root?.style.getPropertyValue('--diagram-header-height') ?? '',
      height: box.height
    };
  });
}

/** Plays figure 4 to its end with End, and waits until every arrow has arrived. */
async function playToEnd(page: Page): Promise<void> {
  await page.goto(`${baseUrl}/scenario/identity-pool/`, { waitUntil: 'load' });
  await waitForLive(page);
  await page.locator('h1').click();
  await page.keyboard.press('Home');
  await waitForPosition(page, 0);
  await page.keyboard.press('End');
  const total = Number(await page.locator('section.simulator ol.scrubber > li').count()) - 1;
  await waitForPosition(page, total);
  await expect
    .poll(() => page.locator('section.simulator svg[role="img"] g.row [opacity]').count(), {
      timeout: 15_000
    })
    .toBe(0);
}

/** Scrolls the page until the diagram's last arrow is at the bottom of the screen. */
async function scrollToBottom(page: Page): Promise<void> {
  await page.evaluate(() => {
    const svg = document.querySelector('section.simulator svg[role="img"]');
    if (!svg) throw new Error('no diagram');
    window.scrollBy({ top: svg.getBoundingClientRect().bottom - window.innerHeight, behavior: 'instant' });
  });
  // The strip follows the scroll event; give the page a frame or two.
  await page.waitForTimeout(200);
}

async function expectNoAxeViolations(page: Page): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

describe('the participant headers while figure 4 scrolls', () => {
  it.each(['light', 'dark'] as const)(
    'at 1920×1080 (%s) stay in view under the bar at the bottom of the played figure',
    async (colorScheme) => {
      const session = await openSession({ viewport: { width: 1920, height: 1080 }, colorScheme });
      try {
        const { page } = session;
        await playToEnd(page);
        await page.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
        await page.waitForTimeout(200);
        // At the top, the diagram shows its own headers and the strip stays out of sight.
        const top = await heads(page);
        expect(top.stuck).toBe(false);
        expect(top.visible).toBe(false);
        expect(top.ownBottom).toBeGreaterThan(top.bar);

        await scrollToBottom(page);
        const now = await heads(page);
        // The figure is taller than the screen: its own headers have gone under the bar or above the screen...
        expect(now.ownBottom).toBeLessThan(now.bar);
        // ... and the strip shows them, right under the bar (not over it, not below it), inside the screen.
        expect(now.stuck).toBe(true);
        expect(now.visible).toBe(true);
        expect(now.strip.top).toBeGreaterThanOrEqual(now.bar - 1);
        expect(now.strip.top).toBeLessThanOrEqual(now.bar + 1);
        expect(now.names.map((name) => name.text)).toEqual(PARTICIPANTS);
        for (const name of now.names) {
          expect(name.top).toBeGreaterThanOrEqual(now.bar);
          expect(name.bottom).toBeLessThanOrEqual(1080);
          expect(name.right).toBeLessThanOrEqual(1920);
          expect(name.bottom - name.top).toBeGreaterThan(12);
        }
        // The page's follow logic can keep the active arrow below the strip: its height is exposed.
        expect(Number.parseFloat(now.variable)).toBeCloseTo(now.height, 0);
        // Each header in the strip is where the diagram's own header is, across.
        now.stripLefts.forEach((left, index) => expect(left).toBeCloseTo(now.ownLefts[index] ?? NaN, 0));
        await page.screenshot({ path: `${SHOTS}/stage-diagram-1920-bottom-${colorScheme}.png` });
        await expectNoAxeViolations(page);
      } finally {
        await session.close();
      }
    }
  );

  it('at 1280×800 stay in view too, and the strip sits in the diagram’s column', async () => {
    const session = await openSession({ viewport: { width: 1280, height: 800 } });
    try {
      const { page } = session;
      await playToEnd(page);
      await page.evaluate(() => window.scrollTo({ top: 900, behavior: 'instant' }));
      await page.waitForTimeout(200);
      const now = await heads(page);
      expect(now.stuck).toBe(true);
      expect(now.strip.top).toBeGreaterThanOrEqual(now.bar - 1);
      expect(now.names.map((name) => name.text)).toEqual(PARTICIPANTS);
      for (const name of now.names) expect(name.top).toBeGreaterThanOrEqual(now.bar);
      await page.screenshot({ path: `${SHOTS}/stage-diagram-1280-scrolled.png` });
      await scrollToBottom(page);
      await page.screenshot({ path: `${SHOTS}/stage-diagram-1280-bottom.png` });
    } finally {
      await session.close();
    }
  });

  it('at 360×800 scroll sideways with a diagram that scrolls sideways', async () => {
    const session = await openSession({ viewport: { width: 360, height: 800 } });
    try {
      const { page } = session;
      await playToEnd(page);
      const scroller = page.locator('section.simulator .diagram');
      const wide = await scroller.evaluate((element) => element.scrollWidth > element.clientWidth + 1);
      await page.evaluate(() => window.scrollTo({ top: 700, behavior: 'instant' }));
      await page.waitForTimeout(200);
      if (wide) {
        await scroller.evaluate((element) => element.scrollTo({ left: 120, behavior: 'instant' }));
        await page.waitForTimeout(200);
      }
      const now = await heads(page);
      expect(now.stuck).toBe(true);
      // The strip's headers line up with the diagram's own, whatever the sideways scroll.
      now.stripLefts.forEach((left, index) => expect(left).toBeCloseTo(now.ownLefts[index] ?? NaN, 0));
      await page.screenshot({ path: `${SHOTS}/stage-diagram-360-scrolled.png` });
      await expectNoAxeViolations(page);
    } finally {
      await session.close();
    }
  });
});

describe('the chosen arrow', () => {
  it('is marked when clicked, beside the current one, axe clean', async () => {
    const session = await openSession({ viewport: { width: 1920, height: 1080 } });
    try {
      const { page } = session;
      await playToEnd(page);
      const label = page.locator('section.simulator svg[role="img"] g.row[data-id="t2:request"] text.label');
      await label.scrollIntoViewIfNeeded();
      await label.click();
      await page.locator('section[data-inspecting]').waitFor();
      await expect
        .poll(() =>
          page
            .locator('section.simulator svg[role="img"] g.row.selected')
            .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-id')))
        )
        .toEqual(['t2:request', 't2:response']);
      expect(await page.locator('section.simulator svg[role="img"] rect.selection').count()).toBe(2);
      // The current exchange keeps its own highlight.
      expect(await page.locator('section.simulator svg[role="img"] g.row.current').count()).toBeGreaterThan(
        0
      );
      await page.screenshot({ path: `${SHOTS}/stage-diagram-selected.png` });
      await expectNoAxeViolations(page);
    } finally {
      await session.close();
    }
  });
});
