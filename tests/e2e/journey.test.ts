// A new learner's first session, keyboard only: from the home page along the path to figure 3, where they predict
// DynamoDB's answer before seeing it; then exercise 2, fixed by editing the policy and pressing Check; a reload of the
// home page finds all of it kept. Axe clean at each stop; nothing leaves the page.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { getExercise } from '../../src/lib/exercises';
import { axeViolations, describeViolations, offOrigin, openSession, type Session } from './support/browser';
import { waitForLive, waitForPosition } from './support/simulator';

const baseUrl = inject('baseUrl');
const exercise = getExercise('own-orders')!;
const policyField = exercise.fields.find((field) => field.kind === 'json')!;

async function expectAxeClean(page: Page, where: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `${where}: ${describeViolations(violations)}`).toEqual([]);
}

/** Follows a link the way a keyboard user does: focus it, press Enter. */
async function follow(page: Page, link: ReturnType<Page['getByRole']>, url: string): Promise<void> {
  await link.focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(`${baseUrl}${url}`);
}

/** Tabs forward until the focused element's text starts with `text`. */
async function tabTo(page: Page, text: string, limit = 25): Promise<void> {
  for (let press = 0; press < limit; press++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    if (focused.startsWith(text)) return;
  }
  throw new Error(`Tab never reached “${text}”`);
}

describe('a new learner’s first session', () => {
  let session: Session;
  beforeAll(async () => {
    session = await openSession({ reducedMotion: 'reduce' });
  });
  afterAll(async () => {
    await session.close();
  });

  it('follows the path to figure 3 and answers its prediction', async () => {
    const { page } = session;
    await page.goto(`${baseUrl}/`, { waitUntil: 'networkidle' });
    await expect(page.locator('section.progress .count').innerText()).resolves.toMatch(
      /^0 of \d+ stops done$/
    );
    await expectAxeClean(page, 'home');
    const start = page.locator('section.start');
    await follow(page, start.getByRole('link', { name: /Sign in to the user pool/ }), '/scenario/sign-in/');
    const next = () => page.getByRole('navigation', { name: 'The path' }).getByRole('link');
    await follow(page, next(), '/scenario/call-api/');
    await follow(page, next(), '/scenario/jwt-to-dynamodb/');

    await waitForLive(page);
    await page.keyboard.press('Home');
    await waitForPosition(page, 0);
    await page.keyboard.press('Space');
    await page.locator('section.simulator[data-player=\'"asking"\']').waitFor({ timeout: 60_000 });
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('prediction-question');
    await expectAxeClean(page, 'figure 3, asking');
    await tabTo(page, '400 MissingAuthenticationTokenException');
    await page.keyboard.press('Enter');
    await page
      .locator('section.simulator[data-player=\'"done"\'][aria-busy="false"]')
      .waitFor({ timeout: 60_000 });
    const answered = await page.locator('section.simulator .narration').innerText();
    expect(answered).toContain('Right.');
    // The step's own words come with the answer.
    expect(answered).toContain('DynamoDB answers 400');
    await expectAxeClean(page, 'figure 3, answered');
  });

  it('passes exercise 2 by editing the policy and pressing Check', async () => {
    const { page } = session;
    await page.goto(`${baseUrl}/`, { waitUntil: 'networkidle' });
    const exercises = page.locator('section.exercises');
    await follow(
      page,
      exercises.getByRole('link', { name: new RegExp(exercise.title) }),
      '/exercise/own-orders/'
    );
    await page.locator('article.exercise[data-ready="true"]').waitFor({ timeout: 30_000 });
    const policy = page.getByLabel(policyField.label, { exact: true });
    await policy.focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    await page.keyboard.type(exercise.solution[policyField.id]!);
    await tabTo(page, 'Check');
    await page.keyboard.press('Enter');
    await page.locator('article.exercise[data-checks="1"][aria-busy="false"]').waitFor({ timeout: 90_000 });
    expect(await page.locator('.verdict').getAttribute('data-passed')).toBe('true');
    await expectAxeClean(page, 'exercise passed');
  });

  it('finds it all kept after a reload of the home page', async () => {
    const { page } = session;
    await page.goto(`${baseUrl}/`, { waitUntil: 'networkidle' });
    await page.reload({ waitUntil: 'networkidle' });
    const figures = page.locator('section.start li');
    await expect(figures.nth(0).locator('.mark').innerText()).resolves.toBe('seen');
    await expect(figures.nth(2).locator('.mark').innerText()).resolves.toMatch(/done/);
    const ownOrders = page.locator('section.exercises li').filter({ hasText: exercise.title });
    await expect(ownOrders.locator('.mark').innerText()).resolves.toMatch(/done/);
    await expect(page.locator('section.progress .count').innerText()).resolves.toMatch(
      /^2 of \d+ stops done/
    );
    const stored = JSON.parse(
      (await page.evaluate(() => localStorage.getItem('two-pools:progress:v1'))) ?? '{}'
    );
    expect(stored.predictions['jwt-to-dynamodb/get-item-with-jwt']).toMatchObject({ right: true });
    await expectAxeClean(page, 'home, after a reload');
    expect(offOrigin(session.requests, baseUrl)).toEqual([]);
  });
});
