// The embed as a blogger uses it: in a 700 px column on another origin, sized by the oEmbed answer, the same height
// from first paint to the end of playback with no inner scrollbar (with and without the resize script); a range of
// steps; the message protocol both ways; options given wrong are named; axe clean.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FrameLocator, Page } from 'playwright-core';
import { axeViolations, describeViolations, openSession } from './support/browser';

const baseUrl = inject('baseUrl');
const SHOTS = 'screenshots';

interface Received {
  origin: string;
  data: Record<string, unknown>;
}

/** Host pages on another origin: `/plain?src=…&height=…` frames the embed at a fixed height; `/scripted` adds the resize script. */
let host: Server;
let hostUrl = '';

beforeAll(async () => {
  host = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://host');
    const src = `${baseUrl}${url.searchParams.get('src') ?? ''}`;
    const height = Number(url.searchParams.get('height') ?? '600');
    const script = url.pathname === '/scripted';
    res.setHeader('content-type', 'text/html');
    res.end(`<!doctype html><title>A blog</title><body style="margin:0">
      <script>window.received = []; addEventListener('message', (e) => window.received.push({ origin: e.origin, data: e.data }));</script>
      <article style="width:700px;margin:0 auto"><p>Some text before the figure.</p>
      <iframe id="fig" src="${src}" title="Figure" width="700" height="${height}" style="border:0;max-width:100%"></iframe>
      <p>Some text after it.</p></article>
      ${
        script
          ? `<script>addEventListener('message', (e) => {
              if (e.origin !== '${baseUrl}' || e.data?.type !== 'two-pools:resize') return;
              const h = Number(e.data.height);
              for (const f of document.querySelectorAll('iframe')) if (f.contentWindow === e.source && h > 0 && h < 10000) f.style.height = h + 'px';
            });</script>`
          : ''
      }</body>`);
  });
  await new Promise<void>((done) => host.listen(0, '127.0.0.1', done));
  const address = host.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  hostUrl = `http://127.0.0.1:${address.port}`;
});

afterAll(async () => {
  await new Promise((done) => host.close(done));
});

/** The oEmbed answer a platform would read for a figure, as the build wrote it. */
async function oembed(page: Page, id: string): Promise<{ html: string; width: number; height: number }> {
  const response = await page.request.get(`${baseUrl}/oembed/${id}.json`);
  expect(response.ok()).toBe(true);
  return (await response.json()) as { html: string; width: number; height: number };
}

/** The frame's own document: how tall it is and whether it scrolls inside the frame. */
async function inside(page: Page) {
  const frame = page.frames().find((candidate) => candidate.url().startsWith(baseUrl));
  if (!frame) throw new Error('the embed has not loaded');
  return frame.evaluate(() => ({
    scroll: document.documentElement.scrollHeight,
    client: document.documentElement.clientHeight,
    position: Number(document.querySelector<HTMLElement>('section.simulator')?.dataset.position)
  }));
}

function received(page: Page): Promise<Received[]> {
  return page.evaluate(() => (window as unknown as { received: Received[] }).received);
}

async function frameHeight(page: Page): Promise<number> {
  return page.locator('#fig').evaluate((frame) => Math.round(frame.getBoundingClientRect().height));
}

async function playToEnd(frame: FrameLocator, page: Page, samples: { frame: number; inner: number }[]) {
  await frame.locator('section.simulator[data-status="ready"]').waitFor({ timeout: 60_000 });
  await frame.getByRole('button', { name: 'Start', exact: true }).click();
  await frame.locator('section.simulator[data-position="0"][aria-busy="false"]').waitFor();
  await frame.getByRole('button', { name: '▶ Play', exact: true }).click();
  for (let step = 1; step <= 4; step++) {
    await frame.locator(`section.simulator[data-position="${step}"]`).waitFor({ timeout: 60_000 });
    samples.push({ frame: await frameHeight(page), inner: (await inside(page)).scroll });
  }
  await frame.locator('section.simulator[data-player="\\"done\\""]').waitFor({ timeout: 60_000 });
}

describe('the embed in a 700 px blog column on another origin', () => {
  it.each(['plain', 'scripted'])(
    'keeps one height before, during and after playback, with no inner scrollbar (%s host)',
    async (kind) => {
      const session = await openSession({ viewport: { width: 1000, height: 900 }, reducedMotion: 'reduce' });
      try {
        const { page } = session;
        const answer = await oembed(page, 'identity-pool');
        expect(answer.width).toBe(700);
        expect(answer.html).toContain(`height="${answer.height}"`);
        await page.goto(`${hostUrl}/${kind}?src=/embed/identity-pool/&height=${answer.height}`);
        const frame = page.frameLocator('#fig');
        await frame.locator('section.simulator').waitFor();
        const first = await inside(page);
        // The frame's document is exactly as tall as the frame: nothing scrolls inside it.
        expect(first.scroll).toBe(answer.height);
        expect(first.client).toBe(answer.height);
        const samples: { frame: number; inner: number }[] = [];
        await playToEnd(frame, page, samples);
        const end = await inside(page);
        expect(end.scroll).toBe(answer.height);
        for (const sample of samples) expect(sample).toEqual({ frame: answer.height, inner: answer.height });
        expect(await frameHeight(page)).toBe(answer.height);
        await page.screenshot({ path: `${SHOTS}/embed-700-${kind}.png`, fullPage: true });
      } finally {
        await session.close();
      }
    }
  );

  it('speaks the protocol: ready, a step message per step, and commands from the host (junk ignored)', async () => {
    const session = await openSession({ viewport: { width: 1000, height: 900 }, reducedMotion: 'reduce' });
    try {
      const { page } = session;
      await page.goto(`${hostUrl}/plain?src=/embed/identity-pool/&height=1800`);
      const frame = page.frameLocator('#fig');
      await frame.locator('section.simulator[data-status="ready"]').waitFor({ timeout: 60_000 });
      await expect
        .poll(async () => (await received(page)).some((m) => m.data.type === 'two-pools:ready'))
        .toBe(true);
      const send = (data: unknown) =>
        page.locator('#fig').evaluate((element, message) => {
          (element as HTMLIFrameElement).contentWindow!.postMessage(message, '*');
        }, data);

      await send({ type: 'two-pools:command', command: 'goto', step: 0 });
      await frame.locator('section.simulator[data-position="0"][aria-busy="false"]').waitFor();
      // Junk: wrong types, unknown commands, extra or malformed fields. None moves the player.
      for (const junk of [
        'next',
        null,
        { type: 'two-pools:command', command: 'jump' },
        { type: 'two-pools:command', command: 'next', extra: 1 },
        { type: 'two-pools:command', command: 'goto', step: 2.5 },
        { type: 'two-pools:command', command: 'goto', step: 99 },
        { type: 'two-pools:command', command: 'theme', theme: 'neon' },
        { type: 'other:command', command: 'next' }
      ]) {
        await send(junk);
      }
      await page.waitForTimeout(500);
      expect((await inside(page)).position).toBe(0);

      for (let step = 1; step <= 4; step++) {
        await send({ type: 'two-pools:command', command: 'next' });
        await frame
          .locator(`section.simulator[data-position="${step}"][aria-busy="false"]`)
          .waitFor({ timeout: 60_000 });
      }
      await send({ type: 'two-pools:command', command: 'previous' });
      await frame
        .locator('section.simulator[data-position="3"][aria-busy="false"]')
        .waitFor({ timeout: 60_000 });
      await send({ type: 'two-pools:command', command: 'theme', theme: 'dark' });
      await expect
        .poll(() => frame.locator('html').evaluate((root) => (root as HTMLElement).dataset.theme))
        .toBe('dark');

      const steps = (await received(page)).filter((m) => m.data.type === 'two-pools:step').map((m) => m.data);
      for (let step = 1; step <= 4; step++) {
        expect(steps).toContainEqual({
          type: 'two-pools:step',
          index: step,
          total: 4,
          id: expect.any(String)
        });
      }
      expect(steps.at(-1)).toMatchObject({ index: 3 });
      for (const message of await received(page)) expect(message.origin).toBe(baseUrl);
    } finally {
      await session.close();
    }
  });
});

describe('embed options', () => {
  it('?from=2&to=2 on figure 3 (built with the snippet builder) shows only the refusal, at the height it gives', async () => {
    const session = await openSession({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
    try {
      const { page } = session;
      await page.goto(`${baseUrl}/scenario/jwt-to-dynamodb/`);
      await page.getByText('Embed this figure on your site').click();
      await page.getByLabel('From step').selectOption('2');
      const snippet = (await page.locator('.embed-snippet pre code').textContent()) ?? '';
      const src = /src="([^"]+)"/.exec(snippet)?.[1]?.replace(/&amp;/g, '&') ?? '';
      const height = Number(/height="(\d+)"/.exec(snippet)?.[1]);
      expect(src).toBe(`${baseUrl}/embed/jwt-to-dynamodb/?from=2&to=2`);
      // The preview frames the same embed at the same height.
      expect(await page.locator('iframe.preview').getAttribute('height')).toBe(String(height));
      await page.screenshot({ path: `${SHOTS}/embed-builder.png`, fullPage: true });
      const builder = await axeViolations(page);
      expect(builder, describeViolations(builder)).toEqual([]);

      await page.goto(
        `${hostUrl}/plain?src=${encodeURIComponent(src.slice(baseUrl.length))}&height=${height}`
      );
      const frame = page.frameLocator('#fig');
      await frame.locator('section.simulator[data-status="ready"]').waitFor({ timeout: 60_000 });
      const stage = frame.locator('section.simulator .stage svg');
      await expect.poll(() => stage.locator('g.row').count()).toBeGreaterThan(0);
      const labels = (await stage.locator('g.row .label').allTextContents()).join(' ');
      expect(labels).toContain('MissingAuthenticationToken');
      expect(labels).not.toMatch(/InitiateAuth|RespondToAuthChallenge/);
      // The player offers step 2 alone (and its start), not step 1.
      expect(await frame.locator('.scrubber li').count()).toBe(2);
      expect(await frame.locator('.scrubber .n').allTextContents()).toEqual(['2']);
      const framed = await inside(page);
      expect(framed.scroll).toBe(height);
      expect(framed.client).toBe(height);
      await page.screenshot({ path: `${SHOTS}/embed-range.png`, fullPage: true });
    } finally {
      await session.close();
    }
  });

  it('names an option given wrong, ignores it, and keeps the rest', async () => {
    const session = await openSession({ viewport: { width: 700, height: 900 } });
    try {
      const { page } = session;
      await page.goto(`${baseUrl}/embed/identity-pool/?theme=neon&from=9&controls=0`);
      await page.locator('.problems').waitFor();
      const said = await page.locator('.problems').textContent();
      expect(said).toContain('?theme=neon was ignored');
      expect(said).toContain('?from=9 was ignored');
      expect(await page.locator('section.simulator .bar').count()).toBe(0);
      const violations = await axeViolations(page);
      expect(violations, describeViolations(violations)).toEqual([]);
    } finally {
      await session.close();
    }
  });
});
