// The identity-pool mix-ups (groups-to-roles, forgot-logins, broken-trust) as a learner plays them: keyboard alone, axe clean.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, describeViolations, offOrigin, openSession, type Session } from './support/browser';
import { drawn, liveRegion, position, waitForLive, waitForPosition } from './support/simulator';

const baseUrl = inject('baseUrl');

/** Each scene: its steps' titles (as the player announces them), exchanges at the end, and the refusal step. */
const SCENES = [
  {
    id: 'groups-to-roles',
    steps: 8,
    exchanges: 13,
    refusal: undefined,
    last: /AssumeRoleWithWebIdentity/,
    text: /TwoPools_Managers/
  },
  {
    id: 'forgot-logins',
    steps: 9,
    exchanges: 12,
    refusal: { step: 6, shown: /NotAuthorizedException/ },
    last: /GetItem/,
    text: /TwoPools_Guest/
  },
  {
    id: 'broken-trust',
    steps: 6,
    exchanges: 9,
    refusal: { step: 3, shown: /InvalidIdentityPoolConfigurationException/ },
    last: /GetItem/,
    text: /InvalidIdentityPoolConfigurationException/
  }
];

describe('the identity-pool mix-ups, keyboard only', () => {
  let session: Session;
  beforeAll(async () => {
    session = await openSession({ reducedMotion: 'reduce' });
  });
  afterAll(async () => {
    await session?.close();
  });

  it.each(SCENES)('$id steps from the first step to the last with the arrow keys', async (scene) => {
    const { page } = session;
    await page.goto(`${baseUrl}/scenario/${scene.id}/`, { waitUntil: 'networkidle' });
    await waitForLive(page);
    await page.locator('h1').click(); // focus inside the page, on nothing interactive
    await page.keyboard.press('Home');
    await waitForPosition(page, 0);
    for (let step = 1; step <= scene.steps; step++) {
      await page.keyboard.press('ArrowRight');
      await waitForPosition(page, step);
      expect(await liveRegion(page), `${scene.id} step ${step}`).toMatch(
        new RegExp(`^Step ${step} of ${scene.steps}: `)
      );
      expect(page.url()).toBe(`${baseUrl}/scenario/${scene.id}/?step=${step}`);
      if (scene.refusal?.step === step) {
        expect((await drawn(page)).exchanges.join('\n')).toMatch(scene.refusal.shown);
      }
    }
    const { rows, exchanges, svgText } = await drawn(page);
    expect(rows).toBe(scene.exchanges * 2);
    expect(exchanges).toHaveLength(scene.exchanges);
    expect(exchanges.at(-1)).toMatch(scene.last);
    expect(`${svgText}\n${exchanges.join('\n')}`).toMatch(scene.text);
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    expect(offOrigin(session.requests, baseUrl)).toEqual([]);
  });

  it.each(SCENES)('$id plays to the end with Space, axe clean mid-way and at the end', async (scene) => {
    const { page } = session;
    const middle = scene.refusal?.step ?? Math.ceil(scene.steps / 2);
    await page.goto(`${baseUrl}/scenario/${scene.id}/?step=${middle}`, { waitUntil: 'networkidle' });
    await waitForPosition(page, middle);
    let violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await page.locator('h1').click();
    await page.keyboard.press('Home');
    await waitForPosition(page, 0);
    await page.keyboard.press('Space');
    await page.locator('section.simulator[data-player="\\"done\\""]').waitFor({ timeout: 90_000 });
    expect(await position(page)).toBe(scene.steps);
    expect((await drawn(page)).exchanges).toHaveLength(scene.exchanges);
    violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    expect(offOrigin(session.requests, baseUrl)).toEqual([]);
  });
});
