// managed-login-pkce as a learner plays it: keyboard alone to the end, axe clean, no request leaves the page; the sandbox's button.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, describeViolations, offOrigin, openSession, type Session } from './support/browser';
import { drawn, liveRegion, position, waitForLive, waitForPosition } from './support/simulator';

const baseUrl = inject('baseUrl');
const SCENE = 'managed-login-pkce';
const STEPS = 4;
/** authorize, the login page, the posted form, the token request, then the scoped call (JWKS, Lambda, DynamoDB). */
const EXCHANGES = 8;

describe('managed login with PKCE, keyboard only', () => {
  let session: Session;
  beforeAll(async () => {
    session = await openSession({ reducedMotion: 'reduce' });
  });
  afterAll(async () => {
    await session?.close();
  });

  it('steps from the first step to the last with the arrow keys, axe clean', async () => {
    const { page } = session;
    await page.goto(`${baseUrl}/scenario/${SCENE}/`, { waitUntil: 'networkidle' });
    await waitForLive(page);
    await page.locator('h1').click();
    await page.keyboard.press('Home');
    await waitForPosition(page, 0);
    for (let step = 1; step <= STEPS; step++) {
      await page.keyboard.press('ArrowRight');
      await waitForPosition(page, step);
      expect(await liveRegion(page), `step ${step}`).toMatch(new RegExp(`^Step ${step} of ${STEPS}: `));
      expect(page.url()).toBe(`${baseUrl}/scenario/${SCENE}/?step=${step}`);
    }
    const { rows, exchanges, svgText } = await drawn(page);
    expect(rows).toBe(EXCHANGES * 2);
    expect(exchanges).toHaveLength(EXCHANGES);
    expect(exchanges.join('\n')).toMatch(/\/oauth2\/token/);
    expect(svgText).toMatch(/Browser/);
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    expect(offOrigin(session.requests, baseUrl)).toEqual([]);
  });

  it('plays to the end with Space, axe clean mid-way and at the end', async () => {
    const { page } = session;
    await page.goto(`${baseUrl}/scenario/${SCENE}/?step=2`, { waitUntil: 'networkidle' });
    await waitForPosition(page, 2);
    let violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await page.locator('h1').click();
    await page.keyboard.press('Home');
    await waitForPosition(page, 0);
    await page.keyboard.press('Space');
    await page.locator('section.simulator[data-player="\\"done\\""]').waitFor({ timeout: 90_000 });
    expect(await position(page)).toBe(STEPS);
    expect((await drawn(page)).exchanges).toHaveLength(EXCHANGES);
    violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    expect(offOrigin(session.requests, baseUrl)).toEqual([]);
  });

  it('the embed plays to the end with Space, axe clean', async () => {
    const { page } = session;
    await page.goto(`${baseUrl}/embed/${SCENE}/`, { waitUntil: 'networkidle' });
    await waitForLive(page);
    // Keys go to the page itself: nothing interactive holds the focus.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Home');
    await waitForPosition(page, 0);
    await page.keyboard.press('Space');
    await page.locator('section.simulator[data-player="\\"done\\""]').waitFor({ timeout: 90_000 });
    expect(await position(page)).toBe(STEPS);
    expect(await page.locator('section.simulator svg g.row').count()).toBe(EXCHANGES * 2);
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    expect(offOrigin(session.requests, baseUrl)).toEqual([]);
  });
});

describe('on a 360 px phone', () => {
  it('never scrolls sideways, at any of its steps', async () => {
    const session = await openSession({ viewport: { width: 360, height: 800 }, reducedMotion: 'reduce' });
    try {
      const { page } = session;
      for (let step = 1; step <= STEPS; step++) {
        await page.goto(`${baseUrl}/scenario/${SCENE}/?step=${step}`, { waitUntil: 'networkidle' });
        await waitForPosition(page, step);
        const overflow = await page.evaluate(
          () => (document.scrollingElement?.scrollWidth ?? 0) - window.innerWidth
        );
        expect(overflow, `step ${step}`).toBeLessThanOrEqual(0);
      }
    } finally {
      await session.close();
    }
  });
});

describe('the sandbox’s managed login button', () => {
  it('signs in with managed login by keyboard, and the scoped method answers 200; axe clean', async () => {
    const session = await openSession({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' });
    try {
      const { page } = session;
      const waitReady = (actions: number) =>
        page
          .locator(`section.sandbox[data-status="ready"][aria-busy="false"][data-actions="${actions}"]`)
          .waitFor({ timeout: 60_000 });
      await page.goto(`${baseUrl}/sandbox/`, { waitUntil: 'networkidle' });
      await waitReady(0);
      for (const [index, action] of ['managed-login', 'call-scoped-api'].entries()) {
        await page.locator(`section.sandbox button[data-action="${action}"]`).focus();
        await page.keyboard.press('Enter');
        await waitReady(index + 1);
      }
      const said = (await page.locator('section.sandbox [aria-live="polite"]').first().innerText()).trim();
      expect(said).toMatch(/200 OK/);
      const violations = await axeViolations(page);
      expect(violations, describeViolations(violations)).toEqual([]);
      expect(offOrigin(session.requests, baseUrl)).toEqual([]);
    } finally {
      await session.close();
    }
  });
});
