// The four figures as a new learner uses them: keyboard alone, deep links, an embed on another origin, axe in every state.
import { createServer, type Server } from 'node:http';
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, describeViolations, offOrigin, openSession, type Session } from './support/browser';
import { drawn, liveRegion, position, waitForLive, waitForPosition } from './support/simulator';

const baseUrl = inject('baseUrl');
const SHOTS = 'screenshots';
mkdirSync(SHOTS, { recursive: true });

const FIGURES = [
  { id: 'sign-in', steps: 2, exchanges: 2, last: /ID, access and refresh tokens/ },
  { id: 'call-api', steps: 2, exchanges: 6, last: /the order/ },
  { id: 'jwt-to-dynamodb', steps: 2, exchanges: 3, last: /MissingAuthenticationTokenException/ },
  { id: 'identity-pool', steps: 4, exchanges: 7, last: /the order/ }
];

describe('figure 1 from the home page, keyboard only', () => {
  let session: Session;
  beforeAll(async () => {
    session = await openSession();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('opens figure 1 from the home page and steps through SRP one exchange at a time with the keyboard', async () => {
    const { page } = session;
    await page.goto(`${baseUrl}/`, { waitUntil: 'networkidle' });
    // Tab to the first figure's link, as a keyboard user would.
    let found = false;
    for (let i = 0; i < 40 && !found; i++) {
      await page.keyboard.press('Tab');
      found = await page.evaluate(
        () =>
          (document.activeElement as HTMLAnchorElement | null)?.href?.endsWith('/scenario/sign-in/') ?? false
      );
    }
    expect(found, 'the figure 1 link is reachable with Tab').toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${baseUrl}/scenario/sign-in/`);
    await waitForLive(page);

    await page.keyboard.press('Home');
    await waitForPosition(page, 0);
    expect((await drawn(page)).rows).toBe(0);
    // Step 1: only the challenge. The proof has not been sent yet.
    await page.keyboard.press('ArrowRight');
    await waitForPosition(page, 1);
    expect(await liveRegion(page)).toMatch(
      /^Step 1 of 2: InitiateAuth \(USER_SRP_AUTH\) → PASSWORD_VERIFIER challenge\./
    );
    expect(page.url()).toBe(`${baseUrl}/scenario/sign-in/?step=1`);
    const challenge = await drawn(page);
    expect(challenge.rows).toBe(2);
    expect(challenge.exchanges).toHaveLength(1);
    expect(challenge.exchanges[0]).toMatch(/InitiateAuth · USER_SRP_AUTH/);
    expect(challenge.svgText).not.toMatch(/RespondToAuthChallenge|ID, access and refresh tokens/);

    // Step 2: the proof, and the tokens it buys.
    await page.keyboard.press('ArrowRight');
    await waitForPosition(page, 2);
    expect(await liveRegion(page)).toMatch(
      /^Step 2 of 2: RespondToAuthChallenge \(PASSWORD_VERIFIER\) → ID, access and refresh tokens\./
    );
    expect(page.url()).toBe(`${baseUrl}/scenario/sign-in/?step=2`);
    const { rows, exchanges, svgText } = await drawn(page);
    expect(rows).toBe(4);
    expect(exchanges).toHaveLength(2);
    expect(exchanges[0]).toMatch(/InitiateAuth · USER_SRP_AUTH/);
    expect(exchanges[1]).toMatch(/RespondToAuthChallenge/);
    expect(svgText).toMatch(/ID, access and refresh tokens/);
    expect(offOrigin(session.requests, baseUrl)).toEqual([]);
  });
});

describe('figures 1–4 play to the end', () => {
  let session: Session;
  beforeAll(async () => {
    session = await openSession({ reducedMotion: 'reduce' });
  });
  afterAll(async () => {
    await session?.close();
  });

  it.each(FIGURES)('$id plays from the first step to the last with Space', async (figure) => {
    const { page } = session;
    // ?predict=0: the questions have their own test (predict.test.ts); this one plays straight through.
    await page.goto(`${baseUrl}/scenario/${figure.id}/?predict=0`, { waitUntil: 'networkidle' });
    await waitForLive(page);
    await page.locator('h1').click(); // focus inside the page, on nothing interactive
    await page.keyboard.press('Space');
    await page.locator('section.simulator[data-player="\\"done\\""]').waitFor({ timeout: 60_000 });
    expect(await position(page)).toBe(figure.steps);
    const { rows, exchanges, svgText } = await drawn(page);
    expect(rows).toBe(figure.exchanges * 2);
    expect(exchanges).toHaveLength(figure.exchanges);
    expect(exchanges.at(-1)).toMatch(figure.last);
    expect(svgText).toMatch(figure.last);
    expect(offOrigin(session.requests, baseUrl)).toEqual([]);
  });

  it('figure 1 lands on the challenge from ?step=1, before the proof is sent', async () => {
    const { page } = session;
    await page.goto(`${baseUrl}/scenario/sign-in/?step=1`, { waitUntil: 'networkidle' });
    await waitForPosition(page, 1);
    expect(await page.locator('#narration-title').innerText()).toMatch(
      /^Step 1 of 2: InitiateAuth \(USER_SRP_AUTH\) → PASSWORD_VERIFIER challenge/
    );
    expect(await page.locator('.narration .prose').innerText()).toMatch(/SRP_A/);
    const { exchanges } = await drawn(page);
    expect(exchanges).toHaveLength(1);
    expect(exchanges[0]).toMatch(/InitiateAuth · USER_SRP_AUTH/);
    expect(page.url()).toBe(`${baseUrl}/scenario/sign-in/?step=1`);
  });

  it('lands on step 3 from ?step=3 and keeps it in the URL', async () => {
    const { page } = session;
    await page.goto(`${baseUrl}/scenario/identity-pool/?step=3`, { waitUntil: 'networkidle' });
    await waitForPosition(page, 3);
    expect(await page.locator('.scrubber [aria-current="step"]').innerText()).toMatch(
      /GetCredentialsForIdentity/
    );
    expect(await page.locator('#narration-title').innerText()).toMatch(/^Step 3 of 4/);
    expect(page.url()).toBe(`${baseUrl}/scenario/identity-pool/?step=3`);
    // Five exchanges so far: sign-in (2), GetId (+ its JWKS hop), GetCredentialsForIdentity (+ STS hop).
    expect((await drawn(page)).exchanges).toHaveLength(6);
  });
});

describe('without JavaScript', () => {
  it('shows the complete figure 4 diagram and its text version from the prerendered HTML', async () => {
    const session = await openSession({ javaScriptEnabled: false });
    try {
      await session.page.goto(`${baseUrl}/scenario/identity-pool/`, { waitUntil: 'load' });
      const { rows, exchanges, svgText } = await drawn(session.page);
      expect(rows).toBe(14);
      expect(exchanges).toHaveLength(7);
      expect(svgText).toMatch(/GetCredentialsForIdentity/);
      expect(await session.page.locator('.narration .prose').innerText()).not.toBe('');
    } finally {
      await session.close();
    }
  });
});

describe('accessibility in every state', () => {
  const cases = [
    { width: 360, height: 800, colorScheme: 'light' as const },
    { width: 360, height: 800, colorScheme: 'dark' as const },
    { width: 1920, height: 1080, colorScheme: 'light' as const },
    { width: 1920, height: 1080, colorScheme: 'dark' as const }
  ];
  it.each(cases)(
    'has no axe violations at $width px in $colorScheme, mid-playback and at the end',
    async (c) => {
      const session = await openSession({
        viewport: { width: c.width, height: c.height },
        colorScheme: c.colorScheme
      });
      try {
        const { page } = session;
        await page.goto(`${baseUrl}/scenario/identity-pool/?step=2`, { waitUntil: 'networkidle' });
        await waitForPosition(page, 2);
        let violations = await axeViolations(page);
        expect(violations, describeViolations(violations)).toEqual([]);
        await page.keyboard.press('End');
        await waitForPosition(page, 4);
        violations = await axeViolations(page);
        expect(violations, describeViolations(violations)).toEqual([]);
        expect(offOrigin(session.requests, baseUrl)).toEqual([]);
      } finally {
        await session.close();
      }
    }
  );
});

describe('screenshots of the four figures', () => {
  it('are written for phone and projector, light and dark', async () => {
    for (const [name, viewport] of [
      ['phone', { width: 360, height: 800 }],
      ['projector', { width: 1920, height: 1080 }]
    ] as const) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const session = await openSession({ viewport, colorScheme, reducedMotion: 'reduce' });
        try {
          for (const figure of FIGURES) {
            await session.page.goto(`${baseUrl}/scenario/${figure.id}/?step=${figure.steps}`, {
              waitUntil: 'networkidle'
            });
            await waitForPosition(session.page, figure.steps);
            await session.page.screenshot({
              path: `${SHOTS}/${figure.id}-${name}-${colorScheme}.png`,
              fullPage: true
            });
          }
        } finally {
          await session.close();
        }
      }
    }
  });
});

describe('embed on another origin', () => {
  let host: Server;
  let hostUrl = '';
  beforeAll(async () => {
    // A page on another origin (another port) that frames the figure and records every message it receives.
    host = createServer((_req, res) => {
      res.setHeader('content-type', 'text/html');
      res.end(`<!doctype html><title>Host</title><script>
        window.received = [];
        addEventListener('message', (e) => window.received.push({ origin: e.origin, data: e.data }));
      </script><iframe id="fig" src="${baseUrl}/embed/identity-pool/?autoplay=1" width="800" height="600"></iframe>`);
    });
    await new Promise<void>((done) => host.listen(0, '127.0.0.1', done));
    const address = host.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    hostUrl = `http://127.0.0.1:${address.port}/`;
  });
  afterAll(async () => {
    await new Promise((done) => host.close(done));
  });

  it('plays inside the iframe and posts only its protocol’s messages to the parent', async () => {
    const session = await openSession({ reducedMotion: 'reduce' });
    try {
      const { page } = session;
      await page.goto(hostUrl);
      const frame = page.frameLocator('#fig');
      await frame.locator('section.simulator[data-player="\\"done\\""]').waitFor({ timeout: 90_000 });
      await expect
        .poll(() => page.evaluate(() => (window as unknown as { received: unknown[] }).received.length))
        .toBeGreaterThan(0);
      const received = await page.evaluate(
        () => (window as unknown as { received: { origin: string; data: unknown }[] }).received
      );
      // Only ready, resize {height} and step {index, total, id} cross the frame: no token, key or typed text.
      const keysByType: Record<string, string[]> = {
        'two-pools:ready': ['type'],
        'two-pools:resize': ['height', 'type'],
        'two-pools:step': ['id', 'index', 'total', 'type']
      };
      for (const message of received) {
        expect(message.origin).toBe(baseUrl);
        const data = message.data as Record<string, unknown>;
        expect(Object.keys(data).sort()).toEqual(keysByType[String(data.type)]);
        if (data.type === 'two-pools:resize') expect(data.height).toBeGreaterThan(100);
      }
      expect(await frame.locator('a[href$="/scenario/identity-pool/"]').count()).toBe(1);
      const embedRequests = session.requests.filter((url) => url !== hostUrl);
      expect(offOrigin(embedRequests, baseUrl)).toEqual([]);
    } finally {
      await session.close();
    }
  });
});
