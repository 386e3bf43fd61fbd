// Framing against `vite preview`: every spelling of a non-embed page refuses another origin's frame; embed pages accept it.
import { createServer, request, type Server } from 'node:http';
import type { ConsoleMessage } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openSession, type Session } from './support/browser';

const baseUrl = inject('baseUrl');
const { hostname, port } = new URL(baseUrl);

/** Sends `path` exactly as written (fetch would resolve dot segments first), and reads status and policy. */
function head(path: string): Promise<{ status: number; policy: string | undefined; type: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, method: 'GET' }, (res) => {
      res.resume();
      const policy = res.headers['content-security-policy'];
      resolve({
        status: res.statusCode ?? 0,
        policy: Array.isArray(policy) ? policy.join(', ') : policy,
        type: String(res.headers['content-type'] ?? '')
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** Spellings of pages other than an embed page that the preview server answers with a page. */
const NON_EMBED = [
  '/',
  '/index.html',
  '/%69ndex.html',
  '/sandbox/',
  '/sandbox/index.html',
  '/%73andbox/',
  '/%73andbox/index.html',
  '/%73%61ndbox/%69ndex%2ehtml',
  '/sandbox//',
  '/sandbox/./',
  '/embed/../sandbox/',
  '/embed/%2e%2e/sandbox/',
  '/embed/sign-in/../../sandbox/index.html',
  '//embed/sandbox/',
  '/scenario/sign-in/',
  '/scenario//sign-in/',
  '/%73cenario/sign-in/index.html',
  '/scenario/sign-in/index.html?step=2'
];

describe('frame-ancestors as vite preview sends it', () => {
  it.each(NON_EMBED)('%s: a page framed only by this origin', async (path) => {
    const answer = await head(path);
    expect(answer.status).toBe(200);
    expect(answer.type).toMatch(/text\/html/);
    expect(answer.policy).toBe("frame-ancestors 'self'");
  });

  it.each(['/embed/sign-in/', '/embed/sign-in/index.html', '/%65mbed/sign-in/'])(
    '%s: an embed page any site may frame',
    async (path) => {
      const answer = await head(path);
      expect(answer.status).toBe(200);
      expect(answer.policy).toBe('frame-ancestors *');
    }
  );
});

describe('in Chromium, from another origin', () => {
  let session: Session;
  let outsider: Server;
  let outsiderUrl = '';
  /** What the other origin's page frames next. */
  let src = '/';
  beforeAll(async () => {
    session = await openSession();
    // Another port is another origin, and stays on the loopback (Chromium keeps public pages from
    // framing local addresses at all, which would hide what frame-ancestors does).
    outsider = createServer((_req, res) => {
      res.setHeader('content-type', 'text/html');
      res.end(`<!doctype html><title>outsider</title><iframe src="${baseUrl}${src}"></iframe>`);
    });
    await new Promise<void>((resolve) => outsider.listen(0, '127.0.0.1', resolve));
    const address = outsider.address();
    if (address === null || typeof address === 'string') throw new Error('outsider has no port');
    outsiderUrl = `http://127.0.0.1:${address.port}/`;
  });
  afterAll(async () => {
    await session?.close();
    await new Promise((resolve) => outsider?.close(resolve));
  });

  /** Opens the other origin's page framing `path`: did the site render in the frame, and what did the console say? */
  async function frame(path: string): Promise<{ rendered: boolean; console: string[] }> {
    const { page } = session;
    const said: string[] = [];
    const listen = (message: ConsoleMessage) => said.push(message.text());
    page.on('console', listen);
    try {
      src = path;
      await page.goto(outsiderUrl, { waitUntil: 'load' });
      const framed = page.frames().find((f) => f !== page.mainFrame());
      if (!framed) return { rendered: false, console: said };
      await framed.waitForLoadState('load');
      const rendered = framed.url().startsWith(baseUrl) && (await framed.title()).includes('Two Pools');
      return { rendered, console: said };
    } finally {
      page.off('console', listen);
    }
  }

  it.each(['/index.html', '/%73andbox/', '/sandbox/index.html', '/scenario/sign-in/index.html'])(
    'refuses to be framed at %s',
    async (path) => {
      const result = await frame(path);
      expect(result.rendered).toBe(false);
      expect(result.console.join('\n')).toMatch(/violates .*"frame-ancestors 'self'"/);
    }
  );

  it('lets an embed page be framed', async () => {
    const result = await frame('/embed/sign-in/');
    expect(result.rendered).toBe(true);
    expect(result.console.join('\n')).not.toMatch(/frame-ancestors/);
  });
});
