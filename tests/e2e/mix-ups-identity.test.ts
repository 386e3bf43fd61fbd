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
    // ?predict=0: the questions have their own test (predict.test.ts); these play straight through.
    await page.goto(`${baseUrl}/scenario/${scene.id}/?predict=0`, { waitUntil: 'networkidle' });
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
    await page.goto(`${baseUrl}/scenario/${scene.id}/?step=${middle}&predict=0`, {
      waitUntil: 'networkidle'
    });
    // Settled: the live world has taken over (the controls change state as it does) and rests at that step.
    await waitForLive(page);
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

describe('on a 360 px phone', () => {
  it.each(SCENES)('$id never scrolls sideways, at any of its steps', async (scene) => {
    const session = await openSession({ viewport: { width: 360, height: 800 }, reducedMotion: 'reduce' });
    try {
      const { page } = session;
      for (let step = 1; step <= scene.steps; step++) {
        await page.goto(`${baseUrl}/scenario/${scene.id}/?step=${step}`, { waitUntil: 'networkidle' });
        await waitForPosition(page, step);
        // Long names (InvalidIdentityPoolConfigurationException, cognito:preferred_role) must wrap, not widen the page.
        const overflow = await page.evaluate(
          () => (document.scrollingElement?.scrollWidth ?? 0) - window.innerWidth
        );
        expect(overflow, `${scene.id} step ${step}`).toBeLessThanOrEqual(0);
      }
    } finally {
      await session.close();
    }
  });
});

describe('the same mix-ups in the sandbox’s console', () => {
  const SANDBOX = `${baseUrl}/sandbox/`;
  const sandbox = (page: Session['page']) => page.locator('section.sandbox');
  const waitReady = (page: Session['page'], actions: number) =>
    page
      .locator(`section.sandbox[data-status="ready"][aria-busy="false"][data-actions="${actions}"]`)
      .waitFor({ timeout: 60_000 });
  const announced = async (page: Session['page']) =>
    (await page.locator('section.sandbox [aria-live="polite"]').first().innerText()).trim();
  /** Focuses a palette button, presses Enter as a keyboard user would, and waits for the action to be done. */
  async function press(page: Session['page'], action: string) {
    const before = Number(await sandbox(page).getAttribute('data-actions'));
    await page.locator(`section.sandbox button[data-action="${action}"]`).focus();
    await page.keyboard.press('Enter');
    await waitReady(page, before + 1);
  }

  it('a mistyped trust policy is refused with its reason; a wrong aud breaks credentials; axe clean', async () => {
    const session = await openSession({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' });
    try {
      const { page } = session;
      // Signed in as alice with an identity id, from a share link.
      const tuples = [
        ['si', 'alice', 'srp', 'known'],
        ['id', 'user-pool']
      ];
      await page.goto(
        `${SANDBOX}?seed=sandbox&a=1.${Buffer.from(JSON.stringify(tuples)).toString('base64url')}`,
        {
          waitUntil: 'networkidle'
        }
      );
      await waitReady(page, 2);
      const editor = page.getByRole('textbox', { name: 'Trust policy (JSON)' });
      // The editor starts from the role's trust policy as the world holds it.
      const original = await editor.inputValue();
      const { Statement } = JSON.parse(original) as {
        Statement: { Condition: { StringEquals: Record<string, string> } }[];
      };
      const poolId = Statement[0]!.Condition.StringEquals['cognito-identity.amazonaws.com:aud']!;
      expect(poolId).toMatch(/^us-east-1:[0-9a-f-]{36}$/);

      await editor.fill(original.slice(0, -1)); // the closing brace lost
      await press(page, 'trust-policy');
      expect(await announced(page)).toMatch(
        /Refused \(MalformedPolicyDocument\): Syntax errors in policy\. The text is not JSON.*Nothing changed/
      );
      const typo = `${poolId.slice(0, -1)}${poolId.endsWith('0') ? '1' : '0'}`;
      await editor.fill(original.replace(poolId, typo));
      await press(page, 'trust-policy');
      expect(await announced(page)).toMatch(/trust policy of TwoPools_Authenticated is replaced/);
      await press(page, 'get-credentials');
      expect(await announced(page)).toMatch(
        /InvalidIdentityPoolConfigurationException: Invalid identity pool configuration\. Check assigned IAM roles for this pool\./
      );
      let violations = await axeViolations(page);
      expect(violations, describeViolations(violations)).toEqual([]);

      await editor.fill(original);
      await press(page, 'trust-policy');
      await press(page, 'guest-access:off');
      expect(await announced(page)).toMatch(/Guest access is off/);
      await press(page, 'get-credentials');
      expect(await announced(page)).toMatch(/valid until/);
      violations = await axeViolations(page);
      expect(violations, describeViolations(violations)).toEqual([]);
      expect(offOrigin(session.requests, baseUrl)).toEqual([]);
    } finally {
      await session.close();
    }
  });
});
