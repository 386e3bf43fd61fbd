// Predict, then see: playing figure 3 with Space stops before DynamoDB's answer with the question on screen and the
// answer not drawn; a wrong choice draws the real 400 and explains both; "Just show me" skips; stepping asks too and
// Back never traps; embeds ask only with ?predict=1; presenter mode asks the class. Keyboard only, axe clean.
import { mkdirSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, describeViolations, openSession } from './support/browser';
import { waitForLive, waitForPosition } from './support/simulator';

const baseUrl = inject('baseUrl');
const SHOTS = 'screenshots';
mkdirSync(SHOTS, { recursive: true });

const ASKING = 'section.simulator[data-player=\'"asking"\']';
const DONE = 'section.simulator[data-player=\'"done"\'][aria-busy="false"]';
const PAUSED = 'section.simulator[data-player=\'"paused"\'][aria-busy="false"]';

/** The figure's own diagram (the page also holds a print-only copy of the complete figure). */
const row = (page: Page, id: string) => page.locator(`section.simulator .stage svg g.row[data-id="${id}"]`);

/** Whether an element lies wholly inside the viewport. */
function inView(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((target) => {
    const element = document.querySelector(target);
    if (!element) return false;
    const box = element.getBoundingClientRect();
    return (
      // An arrow is a horizontal line: no height, but a width.
      box.width + box.height > 0 &&
      box.top >= 0 &&
      box.left >= 0 &&
      box.bottom <= innerHeight &&
      box.right <= innerWidth
    );
  }, selector);
}

/** Presses Tab until the focused element's text starts with `text` (at most `limit` presses). */
async function tabTo(page: Page, text: string, limit = 12): Promise<void> {
  for (let press = 0; press < limit; press++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    if (focused.startsWith(text)) return;
  }
  throw new Error(`no focusable element reads "${text}" within ${limit} Tab presses`);
}

async function expectAxeClean(page: Page): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

/** Opens a figure page, live, at its start, with focus on the page itself. */
async function openAtStart(page: Page, path: string): Promise<void> {
  await page.goto(`${baseUrl}${path}`, { waitUntil: 'load' });
  await waitForLive(page);
  await page.keyboard.press('Home');
  await waitForPosition(page, 0);
}

describe('predict, then see', () => {
  it.each([
    [1280, 800, 'light'],
    [360, 800, 'dark'],
    [1920, 1080, 'light']
  ] as const)(
    'at %i×%i (%s) figure 3 stops before DynamoDB’s answer, asks, and explains a wrong choice',
    async (width, height, colorScheme) => {
      const session = await openSession({ viewport: { width, height }, colorScheme });
      try {
        const { page } = session;
        await openAtStart(page, '/scenario/jwt-to-dynamodb/');
        await page.keyboard.press('Space');
        await page.locator(ASKING).waitFor({ timeout: 60_000 });
        await page.locator('#prediction-question').waitFor();
        expect(await page.locator('section.simulator').getAttribute('data-position')).toBe('2');

        // The request went; its answer is not drawn, nor told in words anywhere on screen.
        await expect.poll(() => row(page, 't3:request').count()).toBe(1);
        expect(await row(page, 't3:response').count()).toBe(0);
        expect(await page.locator('section.simulator .stage .refusal-mark circle').count()).toBe(0);
        const label =
          (await page.locator('section.simulator .stage svg[role="img"]').getAttribute('aria-label')) ?? '';
        expect(label).toContain('Waiting for DynamoDB to answer App.');
        expect(label).not.toContain('MissingAuthenticationTokenException');
        const narration = await page.locator('section.simulator .narration').innerText();
        expect(narration).toContain('What will DynamoDB answer to this GetItem?');
        expect(narration).not.toContain('DynamoDB answers 400');

        // The question has focus and is on screen; Space there does not answer it.
        await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('prediction-question');
        await expect.poll(() => inView(page, '#prediction-question'), { timeout: 10_000 }).toBe(true);
        await page.keyboard.press('Space');
        expect(await page.locator(ASKING).count()).toBe(1);
        expect(await page.evaluate(() => document.activeElement?.id)).toBe('prediction-question');
        await page.screenshot({ path: `${SHOTS}/predict-${width}x${height}-asking.png` });
        await expectAxeClean(page);

        // A wrong answer: the real 400 arrives, and both explanations are shown.
        await tabTo(page, '400 AccessDeniedException');
        await page.keyboard.press('Enter');
        await page.locator(DONE).waitFor({ timeout: 30_000 });
        await expect.poll(() => row(page, 't3:response').count()).toBe(1);
        expect(await row(page, 't3:response').getAttribute('class')).toContain('refused');
        // (On a phone the label wraps into lines, which textContent joins without a space.)
        expect(await row(page, 't3:response').textContent()).toMatch(
          /400\s*MissingAuthenticationTokenException/
        );
        const answered = await page.locator('section.simulator .narration').innerText();
        expect(answered).toContain('Not quite.');
        expect(answered).toContain('You chose 400 AccessDeniedException.');
        expect(answered).toContain('That is IAM saying no to a caller it knows.');
        expect(answered).toContain('The answer is 400 MissingAuthenticationTokenException.');
        expect(answered).toContain('does not start with AWS4-HMAC-SHA256');
        // The step's own words come back with the answer.
        expect(answered).toContain('DynamoDB answers 400');
        await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Not quite.');
        await expect
          .poll(() => inView(page, 'section.simulator .stage g.row[data-id="t3:response"] line.arrow'), {
            timeout: 10_000
          })
          .toBe(true);
        await page.screenshot({ path: `${SHOTS}/predict-${width}x${height}-answered.png` });
        await expectAxeClean(page);

        // The choice counts toward progress, kept in this browser only.
        const stored = await page.evaluate(() =>
          Object.keys(localStorage).map((key) => localStorage.getItem(key) ?? '')
        );
        expect(stored.join('')).toMatch(
          /"jwt-to-dynamodb\/get-item-with-jwt":\{"choice":"400 AccessDeniedException","right":false\}/
        );

        // Playing on: from the end, Space plays the figure again, and an answered question does not ask twice.
        await page.keyboard.press('Space');
        await waitForPosition(page, 1);
        await page.locator(DONE).waitFor({ timeout: 60_000 });
        expect(await row(page, 't3:response').count()).toBe(1);
      } finally {
        await session.close();
      }
    }
  );

  it('skips with “Just show me”, and plays on to the end of the story', async () => {
    const session = await openSession({ viewport: { width: 1280, height: 800 } });
    try {
      const { page } = session;
      await openAtStart(page, '/scenario/broken-trust/');
      await page.keyboard.press('Space');
      await page.locator(ASKING).waitFor({ timeout: 60_000 });
      expect(await page.locator('section.simulator').getAttribute('data-position')).toBe('3');
      // GetCredentialsForIdentity went; neither STS's hop nor the identity pool's answer is drawn.
      expect(await row(page, 't5:request').count()).toBe(1);
      expect(await row(page, 't6:request').count()).toBe(0);
      expect(await row(page, 't5:response').count()).toBe(0);
      await tabTo(page, 'Just show me');
      await page.keyboard.press('Enter');
      await page.locator(PAUSED).waitFor({ timeout: 30_000 });
      await expect.poll(() => row(page, 't5:response').count()).toBe(1);
      expect(await row(page, 't6:request').count()).toBe(1);
      const shown = await page.locator('section.simulator .narration').innerText();
      expect(shown).toContain('The answer\n');
      expect(shown).toContain('400 InvalidIdentityPoolConfigurationException. STS refuses');
      expect(shown).not.toContain('You chose');
      // Looking is not answering: nothing is recorded.
      expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toContain(
        'get-credentials-refused'
      );
      await page.keyboard.press('Space');
      await waitForPosition(page, 6);
      await page.locator(DONE).waitFor({ timeout: 60_000 });
    } finally {
      await session.close();
    }
  });

  it('asks when stepping with → too; ← and End never trap the learner', async () => {
    const session = await openSession({ viewport: { width: 1280, height: 800 } });
    try {
      const { page } = session;
      await openAtStart(page, '/scenario/call-api/');
      await page.keyboard.press('ArrowRight');
      await waitForPosition(page, 1);
      await page.keyboard.press('ArrowRight');
      await page.locator(ASKING).waitFor({ timeout: 60_000 });
      // Next waits for the answer; Back leaves the question.
      await page.keyboard.press('ArrowRight');
      expect(await page.locator(ASKING).count()).toBe(1);
      await page.keyboard.press('ArrowLeft');
      await page.locator(PAUSED).waitFor({ timeout: 30_000 });
      expect(await page.locator('section.simulator').getAttribute('data-position')).toBe('1');
      expect(await page.locator('section.simulator .prediction').count()).toBe(0);
      // Unanswered, it asks again; End seeks past it.
      await page.keyboard.press('ArrowRight');
      await page.locator(ASKING).waitFor({ timeout: 60_000 });
      await page.keyboard.press('End');
      await page.locator(DONE).waitFor({ timeout: 30_000 });
      expect(await row(page, 't3:response').count()).toBe(1);
      expect(await page.locator('section.simulator .prediction').count()).toBe(0);
    } finally {
      await session.close();
    }
  });

  it('?predict=0 plays a figure page straight through', async () => {
    const session = await openSession({ viewport: { width: 1280, height: 800 } });
    try {
      const { page } = session;
      await openAtStart(page, '/scenario/jwt-to-dynamodb/?predict=0');
      await page.keyboard.press('Space');
      await page.locator(DONE).waitFor({ timeout: 60_000 });
      expect(await row(page, 't3:response').count()).toBe(1);
      expect(await page.locator('section.simulator .prediction').count()).toBe(0);
    } finally {
      await session.close();
    }
  });

  it.each([
    ['', false],
    ['?predict=1', true]
  ] as const)('the embed%s %s', async (query, asks) => {
    const session = await openSession({ viewport: { width: 800, height: 700 } });
    try {
      const { page } = session;
      await openAtStart(page, `/embed/jwt-to-dynamodb/${query}`);
      await page.keyboard.press('Space');
      if (asks) {
        await page.locator(ASKING).waitFor({ timeout: 60_000 });
        expect(await row(page, 't3:response').count()).toBe(0);
        await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('prediction-question');
        await page.screenshot({ path: `${SHOTS}/predict-embed-asking.png` });
        await expectAxeClean(page);
        await tabTo(page, '400 MissingAuthenticationTokenException');
        await page.keyboard.press('Enter');
        await expect.poll(() => page.locator('section.simulator .narration').innerText()).toContain('Right.');
      }
      await page.locator(DONE).waitFor({ timeout: 60_000 });
      expect(await row(page, 't3:response').count()).toBe(1);
      if (!asks) expect(await page.locator('section.simulator .prediction').count()).toBe(0);
    } finally {
      await session.close();
    }
  });

  it('asks the class in presenter mode; the clicker’s PageDown shows the answer', async () => {
    const session = await openSession({ viewport: { width: 1920, height: 1080 } });
    try {
      const { page } = session;
      await page.goto(`${baseUrl}/scenario/jwt-to-dynamodb/?present=1`, { waitUntil: 'load' });
      await page.locator('section.simulator[data-presenting="true"]').waitFor();
      await waitForLive(page);
      await waitForPosition(page, 0);
      await page.keyboard.press('PageDown');
      await waitForPosition(page, 1);
      await page.keyboard.press('PageDown');
      await page.locator(ASKING).waitFor({ timeout: 60_000 });
      await expect.poll(() => inView(page, '#prediction-question'), { timeout: 10_000 }).toBe(true);
      expect(await row(page, 't3:response').count()).toBe(0);
      await page.screenshot({ path: `${SHOTS}/predict-presenter-asking.png` });
      await expectAxeClean(page);
      await page.keyboard.press('PageDown');
      await page.locator(DONE).waitFor({ timeout: 30_000 });
      await expect.poll(() => row(page, 't3:response').count()).toBe(1);
      expect(await page.locator('section.simulator .narration').innerText()).toContain(
        '400 MissingAuthenticationTokenException. The Authorization header'
      );
      await page.screenshot({ path: `${SHOTS}/predict-presenter-answered.png` });
    } finally {
      await session.close();
    }
  });
});
