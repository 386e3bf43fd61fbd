// The API Gateway mix-ups as a learner plays them: on the home page under "Common mix-ups", then step by step by keyboard to the end, axe clean.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { definitions } from '../../src/lib/scenarios/definitions';
import { axeViolations, describeViolations, offOrigin, openSession, type Session } from './support/browser';
import { drawn, liveRegion, position, waitForLive, waitForPosition } from './support/simulator';

const baseUrl = inject('baseUrl');

const SCENES = [
  {
    id: 'which-token',
    // Sign-in (2), the order with the ID token (4: JWKS, Lambda, DynamoDB), the three other calls (1, 1, 2).
    exchanges: [2, 6, 7, 8, 10],
    said: [/Sign in/, /ID token/, /access token/, /GET \/me .*ID token/, /GET \/me .*access token/],
    svg: /GetProfile|\/me/
  },
  {
    id: 'iam-authorized-api',
    // Sign-in (2), GetId (+ JWKS), GetCredentialsForIdentity (+ STS), the signed GET (+ Lambda, DynamoDB).
    exchanges: [2, 4, 6, 9],
    said: [/Sign in/, /GetId/, /GetCredentialsForIdentity/, /signed with SigV4/],
    svg: /iam\/orders\/42/
  }
];

describe('the mix-ups group on the home page', () => {
  it('lists every scenario, and these two under "Common mix-ups"', async () => {
    const session = await openSession();
    try {
      const { page } = session;
      await page.goto(`${baseUrl}/`, { waitUntil: 'networkidle' });
      const hrefs = await page
        .locator('main a[href*="/scenario/"]')
        .evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname));
      for (const scenario of definitions) expect(hrefs).toContain(`/scenario/${scenario.id}/`);
      const group = page.locator('section[aria-labelledby="group-mix-ups"]');
      expect(await group.locator('h2').innerText()).toBe('Common mix-ups');
      const inGroup = await group
        .locator('a')
        .evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname));
      expect(inGroup).toEqual(expect.arrayContaining(SCENES.map((scene) => `/scenario/${scene.id}/`)));
    } finally {
      await session.close();
    }
  });
});

describe.each(SCENES)('$id plays to the end by keyboard', (scene) => {
  let session: Session;
  beforeAll(async () => {
    session = await openSession({ reducedMotion: 'reduce' });
  });
  afterAll(async () => {
    await session?.close();
  });

  it('steps with the arrow key, one step at a time, and ends on the last step, axe clean', async () => {
    const { page } = session;
    const steps = definitions.find((scenario) => scenario.id === scene.id)?.steps ?? [];
    expect(steps).toHaveLength(scene.exchanges.length);
    // ?predict=0: the questions have their own test (predict.test.ts); these play straight through.
    await page.goto(`${baseUrl}/scenario/${scene.id}/?predict=0`, { waitUntil: 'networkidle' });
    await waitForLive(page);
    await page.locator('h1').click(); // focus inside the page, on nothing interactive
    await page.keyboard.press('Home');
    await waitForPosition(page, 0);
    for (const [index, step] of steps.entries()) {
      await page.keyboard.press('ArrowRight');
      await waitForPosition(page, index + 1);
      expect(await liveRegion(page)).toMatch(
        new RegExp(
          `^Step ${index + 1} of ${steps.length}: ${step.title.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\.`
        )
      );
      expect(await liveRegion(page)).toMatch(scene.said[index]!);
      expect(page.url()).toBe(`${baseUrl}/scenario/${scene.id}/?step=${index + 1}`);
      const { rows, exchanges } = await drawn(page);
      expect(exchanges, `${scene.id} after ${step.id}`).toHaveLength(scene.exchanges[index]!);
      expect(rows).toBe(scene.exchanges[index]! * 2);
      if (index === 1) {
        const violations = await axeViolations(page);
        expect(violations, describeViolations(violations)).toEqual([]);
      }
    }
    expect(await position(page)).toBe(steps.length);
    const { svgText } = await drawn(page);
    expect(svgText).toMatch(scene.svg);
    expect(await page.locator('.narration .prose').innerText()).toMatch(/What to notice/);
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    expect(offOrigin(session.requests, baseUrl)).toEqual([]);
  });

  it('plays from the first step to the last with Space, and the embed page exists', async () => {
    const { page } = session;
    await page.goto(`${baseUrl}/scenario/${scene.id}/?predict=0`, { waitUntil: 'networkidle' });
    await waitForLive(page);
    await page.locator('h1').click();
    await page.keyboard.press('Space');
    await page.locator('section.simulator[data-player="\\"done\\""]').waitFor({ timeout: 60_000 });
    expect(await position(page)).toBe(scene.exchanges.length);
    expect((await drawn(page)).exchanges).toHaveLength(scene.exchanges.at(-1)!);
    // The compact embed lists the exchanges only behind ?details=1.
    const embed = await page.goto(`${baseUrl}/embed/${scene.id}/?details=1`, { waitUntil: 'networkidle' });
    expect(embed?.status()).toBe(200);
    expect((await drawn(page)).exchanges).toHaveLength(scene.exchanges.at(-1)!);
  });
});

describe('"try it" after which-token: the other token on GET /me, by keyboard', () => {
  let session: Session;
  beforeAll(async () => {
    session = await openSession({ reducedMotion: 'reduce' });
  });
  afterAll(async () => {
    await session?.close();
  });

  it('sends GET /me with the ID token from the panel, draws it after the story, and says 401', async () => {
    const { page } = session;
    await page.goto(`${baseUrl}/scenario/which-token/`, { waitUntil: 'networkidle' });
    await waitForLive(page);
    const before = (await drawn(page)).exchanges.length;
    await page.locator('h1').click();
    // The panel loads as the learner comes near it: tab down to its button.
    let reached = false;
    for (let i = 0; i < 250 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(
        () => document.activeElement?.textContent?.trim() === 'Call GET /me with the ID token'
      );
    }
    expect(reached, 'the try-it button is reachable with Tab').toBe(true);
    await page.keyboard.press('Enter');
    await page.locator('section.simulator[data-extras="1"][aria-busy="false"]').waitFor({ timeout: 60_000 });
    expect(await liveRegion(page)).toMatch(
      /^Try it: Call GET \/me with the ID token\. API Gateway answered 401/
    );
    expect(await page.locator('section.try-it .result').innerText()).toContain('API Gateway answered 401');
    const after = await drawn(page);
    expect(after.exchanges.length).toBe(before + 1);
    expect(after.svgText).toMatch(/Call the API: GET \/me/);
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    expect(offOrigin(session.requests, baseUrl)).toEqual([]);
  });
});
