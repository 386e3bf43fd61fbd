// Exercise 2 (own-orders) as a learner does it, keyboard alone: Check the broken start and see which request should
// have been refused; type the fix and pass; break the JSON and get the error at the field with nothing lost; reload and
// find the text kept; reset, asked first. Axe clean in both themes at each stage, nothing leaves the page, and on a
// phone the editor and the verdict fit the screen's width.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { getExercise } from '../../src/lib/exercises';
import { axeViolations, describeViolations, offOrigin, openSession, type Session } from './support/browser';

const baseUrl = inject('baseUrl');
const PAGE = `${baseUrl}/exercise/own-orders/`;
const exercise = getExercise('own-orders')!;
const policyField = exercise.fields.find((field) => field.kind === 'json')!;
/** The requests that must be refused: the broken policy lets them through. */
const mustBeRefused = exercise.goals
  .filter((goal) => goal.expect === 'refused')
  .map((goal) => goal.description);

const article = (page: Page) => page.locator('article.exercise');
const policy = (page: Page) => page.getByLabel(policyField.label, { exact: true });

async function waitReady(page: Page) {
  await page.locator('article.exercise[data-ready="true"]').waitFor({ timeout: 30_000 });
}

/** Presses Enter on Check (focused by Tab from the policy: the text area keeps no one in) and waits for the answer. */
async function check(page: Page) {
  const before = Number(await article(page).getAttribute('data-checks'));
  await policy(page).focus();
  await tabTo(page, 'Check');
  await page.keyboard.press('Enter');
  await page
    .locator(`article.exercise[data-checks="${before + 1}"][aria-busy="false"]`)
    .waitFor({ timeout: 90_000 });
}

/** Tabs forward until the button with this name has focus. */
async function tabTo(page: Page, name: string) {
  for (let presses = 0; presses < 20; presses++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    if (focused === name) return;
  }
  throw new Error(`Tab never reached “${name}”`);
}

const said = async (page: Page) => (await page.locator('[data-said]').innerText()).trim();

async function axeBothThemes(page: Page, stage: string) {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const violations = await axeViolations(page);
    expect(violations, `${stage}, ${colorScheme}: ${describeViolations(violations)}`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

describe('exercise own-orders, keyboard only', () => {
  let session: Session;
  beforeAll(async () => {
    session = await openSession({ reducedMotion: 'reduce' });
  });
  afterAll(async () => {
    await session?.close();
  });

  it('opens with the goal and the broken policy, axe clean', async () => {
    const { page } = session;
    await page.goto(PAGE, { waitUntil: 'networkidle' });
    await waitReady(page);
    expect(await page.locator('h1').innerText()).toBeTruthy();
    expect(await policy(page).inputValue()).toBe(policyField.start);
    expect(await policy(page).getAttribute('spellcheck')).toBe('false');
    await axeBothThemes(page, 'opened');
  });

  it('checks the broken start: not passed, naming the request that should have been refused', async () => {
    const { page } = session;
    await check(page);
    expect(await said(page)).toMatch(/^Not yet\. /);
    const verdict = page.locator('.verdict');
    expect(await verdict.getAttribute('data-passed')).toBe('false');
    const wrong = verdict.locator('li[data-ok="false"]');
    expect(await wrong.count()).toBeGreaterThan(0);
    const first = await wrong.first().innerText();
    expect(mustBeRefused.some((description) => first.includes(description))).toBe(true);
    expect(first).toMatch(/Expected\s+to be refused/);
    expect(first).toMatch(/Actual\s+succeeded with 200/);
    // The check's requests are drawn, and the one that should have been refused is outlined.
    expect(await page.locator('.picture svg g.row').count()).toBeGreaterThan(0);
    expect(await page.locator('.picture ol.trace-text > li').count()).toBeGreaterThan(0);
    await axeBothThemes(page, 'not passed');
  });

  it('opens the refused request in the inspector from the verdict', async () => {
    const { page } = session;
    const inspect = page.locator('.verdict li[data-ok="false"] button.inspect').first();
    await inspect.focus();
    await page.keyboard.press('Enter');
    await page.locator('#exercise-inspector').waitFor({ timeout: 30_000 });
    await axeBothThemes(page, 'inspector open');
    await page.keyboard.press('Escape');
  });

  it('passes once the policy is typed in by keyboard, and marks the exercise done', async () => {
    const { page } = session;
    await policy(page).focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    await page.keyboard.type(exercise.solution[policyField.id]!);
    expect(await policy(page).inputValue()).toBe(exercise.solution[policyField.id]);
    await check(page);
    expect(await said(page)).toMatch(/^Passed\. /);
    expect(await page.locator('.verdict').getAttribute('data-passed')).toBe('true');
    expect(await page.locator('.verdict li[data-ok="false"]').count()).toBe(0);
    const progress = await page.evaluate(() => localStorage.getItem('two-pools:progress:v1'));
    expect(JSON.parse(progress ?? '{}').stops?.['exercise:own-orders']).toBe('done');
    await axeBothThemes(page, 'passed');
  });

  it('answers JSON that does not parse at the field, with its line and column, losing nothing', async () => {
    const { page } = session;
    await policy(page).focus();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.press('Backspace');
    const broken = await policy(page).inputValue();
    expect(broken).toBe(exercise.solution[policyField.id]!.slice(0, -1));
    await check(page);
    expect(await said(page)).toMatch(/^Not checked: /);
    const describedBy = await policy(page).getAttribute('aria-describedby');
    expect(await policy(page).getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(`#${describedBy}`).innerText()).toMatch(/line \d+, column \d+/i);
    expect(await policy(page).inputValue()).toBe(broken);
    // The learner is taken to the field, to fix it there.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    await axeBothThemes(page, 'bad JSON');
  });

  it('keeps the learner’s text across a reload, and resets to the broken start only when asked', async () => {
    const { page } = session;
    const typed = await policy(page).inputValue();
    await page.reload({ waitUntil: 'networkidle' });
    await waitReady(page);
    expect(await policy(page).inputValue()).toBe(typed);
    expect(await page.locator('[data-restored]').count()).toBe(1);
    await axeBothThemes(page, 'reloaded');

    await policy(page).focus();
    await tabTo(page, 'Reset to the broken start');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Yes, reset');
    await axeBothThemes(page, 'asking before a reset');
    await page.keyboard.press('Escape');
    expect(await policy(page).inputValue()).toBe(typed);
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe(
      'Reset to the broken start'
    );
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    expect(await policy(page).inputValue()).toBe(policyField.start);
    await page.reload({ waitUntil: 'networkidle' });
    await waitReady(page);
    expect(await policy(page).inputValue()).toBe(policyField.start);
    expect(offOrigin(session.requests, baseUrl)).toEqual([]);
  });
});

describe('exercise own-orders on a phone', () => {
  let session: Session;
  beforeAll(async () => {
    session = await openSession({ viewport: { width: 360, height: 800 }, reducedMotion: 'reduce' });
  });
  afterAll(async () => {
    await session?.close();
  });

  it('fits the editor and the verdict in the screen’s width', async () => {
    const { page } = session;
    await page.goto(PAGE, { waitUntil: 'networkidle' });
    await waitReady(page);
    await check(page);
    // The worked solution's code block too: it scrolls inside its box, not the page.
    await page.locator('summary', { hasText: 'Show the solution' }).focus();
    await page.keyboard.press('Enter');
    const fit = await page.evaluate(() => {
      const right = (selector: string) =>
        document.querySelector(selector)?.getBoundingClientRect().right ?? 0;
      return {
        overflow: (document.scrollingElement?.scrollWidth ?? 0) - window.innerWidth,
        textarea: right('textarea'),
        verdict: right('.verdict'),
        solution: right('.help[open] .prose'),
        width: window.innerWidth
      };
    });
    expect(fit.overflow).toBeLessThanOrEqual(0);
    expect(fit.textarea).toBeLessThanOrEqual(fit.width);
    expect(fit.verdict).toBeLessThanOrEqual(fit.width);
    expect(fit.solution).toBeGreaterThan(0);
    expect(fit.solution).toBeLessThanOrEqual(fit.width);
    await axeBothThemes(page, 'phone');
    expect(offOrigin(session.requests, baseUrl)).toEqual([]);
  });
});
