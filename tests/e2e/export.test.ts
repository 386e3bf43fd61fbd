// Exporting figure 4 from its page by keyboard: the SVG has the page's arrows, the PNG is a PNG at 2×, the Mermaid
// text has a message per arrow, the HAR validates with the secret key masked unless asked for; Esc closes the menu
// and gives focus back; axe is clean with it open; the printed page (page.pdf) holds every step's words.
import { readFileSync } from 'node:fs';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { getNarration } from '../../src/lib/content';
import { getScenario } from '../../src/lib/scenarios';
import { harErrors } from '../export/har-spec';
import { axeViolations, describeViolations, openSession, type Session } from './support/browser';
import { pdfText } from './support/pdf-text';
import { waitForLive } from './support/simulator';

const baseUrl = inject('baseUrl');
const SCENARIO = 'identity-pool';

/** The focused control's words: its text, or a field's label. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    const words = active?.tagName === 'INPUT' ? active.closest('label')?.textContent : active?.textContent;
    return words?.trim() ?? '';
  });

/** Moves focus with Tab to the control whose text starts with `text` (inside the open menu). */
async function tabTo(page: Page, text: string): Promise<void> {
  for (let i = 0; i < 12; i++) {
    if ((await focused(page)).startsWith(text)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached "${text}" (focus on "${await focused(page)}")`);
}

/** Presses Enter on the focused control and returns the file it downloads. */
async function enterAndDownload(page: Page): Promise<{ name: string; bytes: Buffer }> {
  const [download] = (await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    page.keyboard.press('Enter')
  ])) as [Download, void];
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: readFileSync(path) };
}

/** Text for comparing with a PDF's: compatibility forms (the ﬁ ligature) unfolded, whitespace dropped. */
const squeeze = (text: string) => text.normalize('NFKC').replace(/\s+/g, '');

const htmlText = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&');

describe('export menu on /scenario/identity-pool/', () => {
  let session: Session;
  let page: Page;
  let arrows = 0;

  beforeAll(async () => {
    session = await openSession({ viewport: { width: 1280, height: 800 } });
    page = session.page;
    await page.goto(`${baseUrl}/scenario/${SCENARIO}/`);
    await page.locator('.export-menu button[aria-expanded]').waitFor();
    arrows = await page.locator('section.simulator .stage svg line.arrow').count();
    expect(arrows).toBeGreaterThan(0);
  });
  afterAll(async () => {
    await session.close();
  });

  it('opens from the keyboard, and Esc closes it and gives focus back', async () => {
    await page.focus('nav.crumbs a');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatch(/^Export/);
    await page.keyboard.press('Enter');
    const toggle = page.locator('.export-menu button[aria-expanded]');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('Tab');
    expect(await page.locator('.export-menu .panel').isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('.export-menu .panel').isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-expanded'))).toBe('false');
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
  });

  it('is axe clean with the menu open, light and dark', async () => {
    expect(await page.locator('.export-menu .panel').isVisible()).toBe(true);
    let violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('downloads an SVG that parses as XML and draws the page’s arrows', async () => {
    await tabTo(page, 'SVG image');
    const { name, bytes } = await enterAndDownload(page);
    expect(name).toBe(`two-pools-${SCENARIO}.svg`);
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      const root = doc.documentElement;
      return {
        error: doc.getElementsByTagName('parsererror').length,
        ns: root.namespaceURI,
        viewBox: root.getAttribute('viewBox'),
        title: root.querySelector('title')?.textContent,
        desc: root.querySelector('desc')?.textContent ?? '',
        arrows: root.querySelectorAll('line.arrow').length
      };
    }, bytes.toString('utf8'));
    expect(parsed.error).toBe(0);
    expect(parsed.ns).toBe('http://www.w3.org/2000/svg');
    expect(parsed.viewBox).toMatch(/^0 0 [\d.]+ [\d.]+$/);
    expect(parsed.title).toContain('Trade the token for AWS credentials');
    expect(parsed.desc.length).toBeGreaterThan(20);
    expect(parsed.arrows).toBe(arrows);
    expect(bytes.toString('utf8')).not.toContain('var(--');
  });

  it('downloads a PNG at twice the diagram’s size', async () => {
    await page.locator('.export-menu .panel button', { hasText: 'SVG image' }).focus();
    await tabTo(page, 'PNG image');
    const { name, bytes } = await enterAndDownload(page);
    expect(name).toBe(`two-pools-${SCENARIO}.png`);
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // IHDR: width and height, big-endian, right after the chunk's length and type.
    const width = bytes.readUInt32BE(16);
    const height = bytes.readUInt32BE(20);
    expect(width).toBe(2240);
    expect(height).toBeGreaterThan(1000);
  });

  it('downloads Mermaid text with a message per arrow', async () => {
    await tabTo(page, 'Mermaid text');
    const { name, bytes } = await enterAndDownload(page);
    expect(name).toBe(`two-pools-${SCENARIO}.mmd`);
    const lines = bytes.toString('utf8').split('\n');
    expect(lines[0]).toBe('sequenceDiagram');
    expect(lines.filter((line) => /^ {2}\w+(->>|-->>|--x)\w+: /.test(line))).toHaveLength(arrows);
    expect(lines).toContain('  participant identityPool as Identity pool');
  });

  it('downloads a HAR that validates, with the secret key masked unless secrets are asked for', async () => {
    await tabTo(page, 'HTTP archive');
    const masked = await enterAndDownload(page);
    expect(masked.name).toBe(`two-pools-${SCENARIO}.har`);
    const har = JSON.parse(masked.bytes.toString('utf8'));
    expect(harErrors(har)).toEqual([]);
    expect(har.log.entries).toHaveLength(arrows / 2);
    const credentialsOf = (archive: typeof har) =>
      archive.log.entries
        .map((entry: { response: { content: { text: string } } }) => entry.response.content.text)
        .filter((text: string) => text.includes('"SecretKey"'))
        .map((text: string) => JSON.parse(text).Credentials);
    const [hidden] = credentialsOf(har);
    expect(hidden.SecretKey).toBe('[masked]');
    expect(hidden.SessionToken).toBe('[masked]');
    expect(hidden.AccessKeyId).toMatch(/^ASIA/);

    await tabTo(page, 'include secrets');
    await page.keyboard.press('Space');
    expect(await page.locator('.export-menu input[type="checkbox"]').isChecked()).toBe(true);
    await page.keyboard.press('Shift+Tab');
    const open = JSON.parse((await enterAndDownload(page)).bytes.toString('utf8'));
    expect(harErrors(open)).toEqual([]);
    const [shown] = credentialsOf(open);
    expect(shown.SecretKey).toMatch(/^[A-Za-z0-9/+]{40}$/);
    expect(masked.bytes.toString('utf8')).not.toContain(shown.SecretKey);
    expect(shown.AccessKeyId).toBe(hidden.AccessKeyId);
    await waitForLive(page);
  });

  it('prints a handout with the complete diagram and every step’s words, without controls', async () => {
    // At step 2: the handout shows the complete figure and all the words whatever step is on screen.
    await page.goto(`${baseUrl}/scenario/${SCENARIO}/?step=2`);
    await page
      .locator('section.simulator[data-position="2"][data-status="ready"][aria-busy="false"]')
      .waitFor({ timeout: 60_000 });
    expect(await page.locator('section.simulator .stage svg line.arrow').count()).toBeLessThan(arrows);
    const text = squeeze(pdfText(await page.pdf({ format: 'A4' })));
    const scenario = getScenario(SCENARIO);
    const narration = getNarration(SCENARIO);
    expect(scenario && narration).toBeTruthy();
    for (const step of scenario?.steps ?? []) {
      const words = squeeze(htmlText(narration?.steps.get(step.id) ?? ''));
      expect(words.length, step.id).toBeGreaterThan(50);
      expect(text, step.id).toContain(words);
      expect(text).toContain(squeeze(step.title));
    }
    // The complete diagram: the last step's arrow label is in it, though the screen stands at step 2.
    expect(text).toContain(squeeze('Read the order straight from DynamoDB'));
    // No controls: the player's buttons and the export menu are not printed.
    expect(text).not.toContain('Restart');
    expect(text).not.toContain(squeeze('Export ▾'));
    expect(text).not.toContain(squeeze('include secrets'));
  });
});

describe('export menu in the sandbox', () => {
  /** Figure 4 as a sandbox share link: sign in (SRP) as alice, GetId, GetCredentialsForIdentity, signed GetItem 42. */
  const FIGURE_4 = [['si', 'alice', 'srp', 'known'], ['id', 'user-pool'], ['cr'], ['get', '42']];

  it('exports the replayed diagram as SVG and its exchanges as a HAR with secrets masked', async () => {
    const session = await openSession({ viewport: { width: 1280, height: 800 } });
    try {
      const { page } = session;
      const query = Buffer.from(JSON.stringify(FIGURE_4)).toString('base64url');
      await page.goto(`${baseUrl}/sandbox/?seed=sandbox&a=1.${query}`);
      await page
        .locator('section.sandbox[data-status="ready"][aria-busy="false"][data-actions="4"]')
        .waitFor({ timeout: 60_000 });
      const arrows = await page.locator('section.sandbox .picture svg line.arrow').count();
      const exchanges = Number(await page.locator('section.sandbox').getAttribute('data-exchanges'));
      expect(arrows).toBe(2 * exchanges);
      await page.locator('.export-menu button[aria-expanded]').focus();
      await page.keyboard.press('Enter');
      await tabTo(page, 'SVG image');
      const svg = (await enterAndDownload(page)).bytes.toString('utf8');
      expect(
        await page.evaluate((text) => {
          const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
          return doc.getElementsByTagName('parsererror').length === 0
            ? doc.documentElement.querySelectorAll('line.arrow').length
            : -1;
        }, svg)
      ).toBe(arrows);
      await tabTo(page, 'HTTP archive');
      const har = JSON.parse((await enterAndDownload(page)).bytes.toString('utf8'));
      expect(harErrors(har)).toEqual([]);
      expect(har.log.entries).toHaveLength(exchanges);
      const credentials = har.log.entries
        .map((entry: { response: { content: { text: string } } }) => entry.response.content.text)
        .filter((text: string) => text.includes('"SecretKey"'))
        .map((text: string) => JSON.parse(text).Credentials);
      expect(credentials).toHaveLength(1);
      expect(credentials[0].SecretKey).toBe('[masked]');
      const violations = await axeViolations(page);
      expect(violations, describeViolations(violations)).toEqual([]);
    } finally {
      await session.close();
    }
  });
});
