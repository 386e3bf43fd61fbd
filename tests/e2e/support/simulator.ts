// Helpers for driving the Simulator in a page: wait for the live world, step, read what is on screen.
import type { FrameLocator, Page } from 'playwright-core';

type Scope = Page | FrameLocator;

const simulator = (scope: Scope) => scope.locator('section.simulator');

/** Waits until the live simulation has taken over and the player rests (not seeking or running a step). */
export async function waitForLive(scope: Scope, timeout = 60_000): Promise<void> {
  await simulator(scope).and(scope.locator('[data-status="ready"][aria-busy="false"]')).waitFor({ timeout });
}

export async function waitForPosition(scope: Scope, position: number, timeout = 60_000): Promise<void> {
  await scope
    .locator(`section.simulator[data-position="${position}"][aria-busy="false"]`)
    .waitFor({ timeout });
}

export async function position(page: Page): Promise<number> {
  return Number(await simulator(page).getAttribute('data-position'));
}

/** Rows drawn in the diagram (a request and an answer per exchange), and the exchanges of the text version. */
export async function drawn(page: Page): Promise<{ rows: number; exchanges: string[]; svgText: string }> {
  return {
    rows: await page.locator('section.simulator svg g.rows > g.row').count(),
    exchanges: await page.locator('section.simulator ol.trace-text > li').allInnerTexts(),
    svgText: (await page.locator('section.simulator svg[role="img"]').textContent()) ?? ''
  };
}

export async function liveRegion(page: Page): Promise<string> {
  return (await page.locator('section.simulator [aria-live="polite"]').first().textContent()) ?? '';
}
