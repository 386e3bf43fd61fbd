// "Which pool do I need?" as a learner uses it: keyboard only from the questions to the S3 scene, the answer
// following each change, shared links restored and bad ones ignored, axe clean in both themes, and a 360 px phone
// that never scrolls sideways nor shows text under 12 px.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { everyAnswers, answersQuery } from '../../src/lib/guide';
import { axeViolations, describeViolations, offOrigin, openSession, type Session } from './support/browser';

const baseUrl = inject('baseUrl');
const GUIDE = `${baseUrl}/guide/`;
const SHOTS = 'screenshots';
mkdirSync(SHOTS, { recursive: true });

/** Opens the guide (with a query) and waits until the page runs. */
async function open(page: Page, query = ''): Promise<void> {
  const response = await page.goto(`${GUIDE}${query}`, { waitUntil: 'networkidle' });
  expect(response?.status()).toBe(200);
  await page.locator('.guide[data-status="running"]').waitFor();
}

/** The focused radio as `question=choice`, or the focused element's tag and text. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement;
    if (active instanceof HTMLInputElement && active.type === 'radio')
      return `${active.name}=${active.value}`;
    if (active instanceof HTMLAnchorElement) return `link ${active.getAttribute('href')}`;
    return `${active?.tagName ?? 'nothing'} ${active?.textContent?.trim().slice(0, 40) ?? ''}`;
  });

/** Presses Tab until `want` has the focus. */
async function tabTo(page: Page, want: string | RegExp, limit = 40): Promise<void> {
  for (let i = 0; i < limit; i++) {
    const now = await focused(page);
    if (typeof want === 'string' ? now === want : want.test(now)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${want} (focus on ${await focused(page)})`);
}

const answerTitle = (page: Page) => page.locator('#answer-title').innerText();
const checked = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLInputElement>('input[type="radio"]:checked')].map(
      (r) => `${r.name}=${r.value}`
    )
  );

/**
 * Everything on screen that is wider than the viewport or smaller than 12 px: every visible text node, HTML or
 * SVG (an SVG's text at its font size times the drawing's scale on screen).
 */
function phoneProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const overflow = document.documentElement.scrollWidth - document.documentElement.clientWidth;
    if (overflow > 0) problems.push(`the page scrolls sideways by ${overflow}px`);
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      const text = (node.textContent ?? '').trim();
      const parent = node.parentElement;
      if (text === '' || parent === null || parent.closest('title, script, style, .visually-hidden') !== null)
        continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
      if (rects.length === 0) continue;
      const scale = parent instanceof SVGGraphicsElement ? (parent.getScreenCTM()?.a ?? 1) : 1;
      const px = parseFloat(getComputedStyle(parent).fontSize) * scale;
      if (px < 12 - 0.01) problems.push(`"${text.slice(0, 30)}" is ${px.toFixed(1)}px`);
      for (const rect of rects) {
        // Wholly off to the left is the skip link's way of hiding until focused; partly off is a problem.
        const cut = rect.right > innerWidth + 0.5 || (rect.left < -0.5 && rect.right > 0);
        if (cut) problems.push(`"${text.slice(0, 30)}" leaves the screen`);
      }
    }
    return [...new Set(problems)];
  });
}

describe('the guide', () => {
  let session: Session;
  beforeAll(async () => {
    session = await openSession();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('shows the first question in the prerendered HTML, before any script runs', async () => {
    const still = await openSession({ javaScriptEnabled: false });
    try {
      await still.page.goto(GUIDE);
      const first = still.page.locator('fieldset').first();
      await expect(first.locator('legend').innerText()).resolves.toMatch(/Where do your app's requests go\?/);
      expect(await first.locator('input[type="radio"]').count()).toBe(3);
      expect(await first.isVisible()).toBe(true);
    } finally {
      await still.close();
    }
  });

  it('is linked from the site header', async () => {
    const { page } = session;
    await page.goto(`${baseUrl}/`, { waitUntil: 'networkidle' });
    const link = page.locator('header a[href$="/guide/"]');
    await expect(link.innerText()).resolves.toBe('Guide');
  });

  it('keyboard only: a single-page app uploading to S3 needs both, and the S3 scene opens', async () => {
    const { page } = session;
    await open(page);
    await expect(answerTitle(page)).resolves.toBe('Your answer');
    // Requests go straight to AWS: the second choice of the first group, reached with an arrow key.
    await tabTo(page, 'requests=own-api');
    await page.keyboard.press('ArrowDown');
    expect(await focused(page)).toBe('requests=aws');
    // Your own user directory: the first choice, checked with Space.
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('sign-in=own-directory');
    await page.keyboard.press('Space');
    // Each user uploads files of their own.
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('own-data=yes');
    await page.keyboard.press('Space');
    expect(await checked(page)).toEqual(['requests=aws', 'sign-in=own-directory', 'own-data=yes']);

    await expect(answerTitle(page)).resolves.toBe('Both: a user pool and an identity pool');
    await expect(page.locator('[role="status"]').innerText()).resolves.toBe(
      'Answer: Both: a user pool and an identity pool'
    );
    await expect(page.locator('.pools').innerText()).resolves.toMatch(/User pool: yes\s+Identity pool: yes/);
    const drawing = page.locator('figure.architecture svg:visible');
    expect(await drawing.count()).toBe(1);
    const labels = await drawing.locator('text').allTextContents();
    for (const box of ['User pool', 'Identity pool', 'AWS STS', 'AWS service']) expect(labels).toContain(box);
    expect(labels.join(' ')).toContain('ID token');
    expect(labels.join(' ')).toContain('AWS credentials (SigV4)');
    expect(new URL(page.url()).search).toBe('?requests=aws&sign-in=own-directory&own-data=yes');
    await page.screenshot({ path: `${SHOTS}/guide-s3-1280.png`, fullPage: true });

    await tabTo(page, /^link .*\/scenario\/s3-private-upload\/$/, 80);
    await Promise.all([page.waitForURL(/\/scenario\/s3-private-upload\/$/), page.keyboard.press('Enter')]);
    await expect(page.locator('h1').innerText()).resolves.toBe('Upload to your own S3 folder');
  });

  it('follows a changed answer at once', async () => {
    const { page } = session;
    await open(page, '?requests=aws&sign-in=own-directory&own-data=yes');
    await expect(answerTitle(page)).resolves.toBe('Both: a user pool and an identity pool');
    await page.locator('input[name="requests"][value="aws"]').focus();
    await page.keyboard.press('ArrowUp');
    await expect(answerTitle(page)).resolves.toBe('A user pool');
    const labels = await page.locator('figure.architecture svg:visible text').allTextContents();
    expect(labels).toContain('Your API');
    expect(labels).not.toContain('Identity pool');
    expect(new URL(page.url()).search).toBe('?requests=own-api&sign-in=own-directory&own-data=yes');
    await expect(page.locator('.scenes a').first().getAttribute('href')).resolves.toMatch(
      /\/scenario\/call-api\/$/
    );
  });

  it('restores a shared link, and ignores what is not a choice without breaking', async () => {
    const { page } = session;
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await open(page, '?requests=aws&sign-in=nobody&own-data=no');
    await expect(answerTitle(page)).resolves.toBe('An identity pool with guest access');
    for (const query of [
      '?requests=ftp&sign-in=%3Cscript%3E&own-data=yes&own-data=no',
      '?requests=AWS&sign-in=own-directory&own-data=%',
      '?__proto__=x&constructor=y'
    ]) {
      await open(page, query);
      await expect(answerTitle(page)).resolves.toBe('Your answer');
    }
    expect(await checked(page)).toEqual([]);
    await open(page, '?requests=ftp&sign-in=own-directory');
    expect(await checked(page)).toEqual(['sign-in=own-directory']);
    await expect(page.locator('.waiting').innerText()).resolves.toMatch(/^2 questions to go/);
    expect(errors).toEqual([]);
  });

  it('links every answer to scenes that exist', async () => {
    const { page } = session;
    const hrefs = new Set<string>();
    for (const answers of everyAnswers()) {
      await open(page, answersQuery(answers));
      for (const href of await page
        .locator('.scenes a')
        .evaluateAll((links) => links.map((a) => a.getAttribute('href'))))
        hrefs.add(href ?? '');
    }
    expect(hrefs.size).toBeGreaterThan(5);
    for (const href of hrefs) {
      const response = await fetch(new URL(href, GUIDE));
      expect(response.status, href).toBe(200);
    }
  });

  it.each(['light', 'dark'] as const)(
    'has no axe violations in the %s theme, unanswered and answered',
    async (scheme) => {
      const themed = await openSession({ colorScheme: scheme });
      try {
        for (const query of [
          '',
          '?requests=both&sign-in=corporate&own-data=yes',
          '?requests=own-api&sign-in=nobody&own-data=no'
        ]) {
          await open(themed.page, query);
          if (query !== '') await themed.page.locator('figure.architecture summary').click();
          const violations = await axeViolations(themed.page);
          expect(violations, `${scheme} ${query}: ${describeViolations(violations)}`).toEqual([]);
        }
      } finally {
        await themed.close();
      }
    }
  );

  it('fits a 360 px phone: nothing overflows sideways, no text under 12 px, for every answer', async () => {
    const phone = await openSession({ viewport: { width: 360, height: 800 } });
    try {
      const problems: [string, string[]][] = [];
      for (const query of ['', ...everyAnswers().map(answersQuery)]) {
        await open(phone.page, query);
        const found = await phoneProblems(phone.page);
        if (found.length > 0) problems.push([query, found]);
      }
      expect(problems).toEqual([]);
      await open(phone.page, '?requests=aws&sign-in=own-directory&own-data=yes');
      await phone.page.screenshot({ path: `${SHOTS}/guide-s3-360.png`, fullPage: true });
    } finally {
      await phone.close();
    }
  });

  it('sends no request off the origin', () => {
    expect(session.requests.length).toBeGreaterThan(0);
    expect(offOrigin(session.requests, baseUrl)).toEqual([]);
  });
});
