// The path as a learner walks it: the home page marks what they have seen and done, continues where they left off,
// each figure names the next stop, and stored progress that cannot be read never breaks the page.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, describeViolations, offOrigin, openSession, type Session } from './support/browser';
import { waitForLive, waitForPosition } from './support/simulator';

const baseUrl = inject('baseUrl');
const KEY = 'two-pools:progress:v1';

describe('the path, keyboard only', () => {
  let session: Session;
  beforeAll(async () => {
    session = await openSession();
  });
  afterAll(async () => {
    await session.close();
  });

  it('starts with nothing done, then marks figure 1 done once it is played to the end', async () => {
    const { page } = session;
    await page.goto(`${baseUrl}/`, { waitUntil: 'networkidle' });
    const progress = page.locator('section.progress');
    await expect(progress.locator('.count').innerText()).resolves.toMatch(/^0 of \d+ stops done$/);
    expect(await progress.getByRole('link').count()).toBe(0);
    expect(await page.locator('.stops .mark:not(:empty)').count()).toBe(0);

    const figure1 = page.locator('section.start').getByRole('link', { name: /Sign in to the user pool/ });
    await figure1.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`${baseUrl}/scenario/sign-in/`);
    await waitForLive(page);
    await page.locator('h1').click();
    await page.keyboard.press('Home');
    await waitForPosition(page, 0);
    await page.keyboard.press('Space');
    await page.locator('section.simulator[data-player="\\"done\\""]').waitFor({ timeout: 60_000 });

    const next = page.getByRole('navigation', { name: 'The path' }).getByRole('link');
    await expect(next.innerText()).resolves.toBe('Next: Call a protected API with the ID token');
    await next.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`${baseUrl}/scenario/call-api/`);
    // Opening a figure counts as seeing it once the page runs.
    await page.waitForFunction(
      (key) => localStorage.getItem(key)?.includes('"scenario:call-api":"seen"'),
      KEY
    );

    await page.goto(`${baseUrl}/`, { waitUntil: 'networkidle' });
    await expect(progress.locator('.count').innerText()).resolves.toMatch(/^1 of \d+ stops done/);
    const cards = page.locator('section.start li');
    await expect(cards.nth(0).locator('.mark').innerText()).resolves.toMatch(/done/);
    await expect(cards.nth(1).locator('.mark').innerText()).resolves.toBe('seen');
    const resume = progress.getByRole('link', { name: /Continue where you left off/ });
    await expect(resume.innerText()).resolves.toMatch(/Call a protected API with the ID token/);
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);

    // Kept across a reload, and in this browser only.
    await page.reload({ waitUntil: 'networkidle' });
    await expect(cards.nth(0).locator('.mark').innerText()).resolves.toMatch(/done/);
    expect(offOrigin(session.requests, baseUrl)).toEqual([]);
  });

  it('forgets everything on Reset, after asking', async () => {
    const { page } = session;
    await page.goto(`${baseUrl}/`, { waitUntil: 'networkidle' });
    const reset = page.getByRole('button', { name: 'Reset progress' });
    page.once('dialog', (dialog) => void dialog.dismiss());
    await reset.focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('section.progress .count').innerText()).resolves.toMatch(/^1 of/);
    page.once('dialog', (dialog) => void dialog.accept());
    await page.keyboard.press('Enter');
    await expect(page.locator('section.progress .count').innerText()).resolves.toMatch(/^0 of/);
    await expect(page.getByRole('status').innerText()).resolves.toMatch(/starts afresh/);
    expect(await page.evaluate((key) => localStorage.getItem(key), KEY)).toBeNull();
  });
});

describe('stored progress that cannot be used', () => {
  it.each([
    ['corrupt', '{"v":1,"stops":'],
    ['foreign', '{"theme":"dark"}']
  ])('starts afresh from %s progress and says so', async (_, stored) => {
    const session = await openSession();
    try {
      const { page } = session;
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.addInitScript(
        ([key, value]) => {
          localStorage.setItem(key!, value!);
        },
        [KEY, stored]
      );
      await page.goto(`${baseUrl}/`, { waitUntil: 'networkidle' });
      await expect(page.getByRole('status').innerText()).resolves.toMatch(/could not be read.*starts afresh/);
      await expect(page.locator('section.progress .count').innerText()).resolves.toMatch(/^0 of/);
      expect(errors).toEqual([]);
    } finally {
      await session.close();
    }
  });

  it('keeps going when storage throws on every call', async () => {
    const session = await openSession();
    try {
      const { page } = session;
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.addInitScript(() => {
        const fail = () => {
          throw new DOMException('denied', 'SecurityError');
        };
        Storage.prototype.getItem = fail;
        Storage.prototype.setItem = fail;
        Storage.prototype.removeItem = fail;
      });
      await page.goto(`${baseUrl}/scenario/sign-in/`, { waitUntil: 'networkidle' });
      await page.goto(`${baseUrl}/`, { waitUntil: 'networkidle' });
      await expect(page.locator('section.progress .count').innerText()).resolves.toMatch(/^0 of/);
      expect(errors).toEqual([]);
    } finally {
      await session.close();
    }
  });
});
