// The S3 scene (s3-private-upload) as a learner plays it, keyboard alone and axe clean; its link from the home page;
// the sandbox's S3 buttons.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, describeViolations, offOrigin, openSession, type Session } from './support/browser';
import { drawn, liveRegion, position, waitForLive, waitForPosition } from './support/simulator';

const baseUrl = inject('baseUrl');

const SCENE = {
  id: 's3-private-upload',
  steps: 10,
  exchanges: 14,
  // list-other-folder: the listing of another identity's folder is refused.
  refusal: { step: 6, shown: /AccessDenied/ },
  last: /PutObject/
};

describe('s3-private-upload, keyboard only', () => {
  let session: Session;
  beforeAll(async () => {
    session = await openSession({ reducedMotion: 'reduce' });
  });
  afterAll(async () => {
    await session?.close();
  });

  it('steps from the first step to the last with the arrow keys', async () => {
    const { page } = session;
    await page.goto(`${baseUrl}/scenario/${SCENE.id}/`, { waitUntil: 'networkidle' });
    await waitForLive(page);
    await page.locator('h1').click(); // focus inside the page, on nothing interactive
    await page.keyboard.press('Home');
    await waitForPosition(page, 0);
    for (let step = 1; step <= SCENE.steps; step++) {
      await page.keyboard.press('ArrowRight');
      await waitForPosition(page, step);
      expect(await liveRegion(page), `step ${step}`).toMatch(new RegExp(`^Step ${step} of ${SCENE.steps}: `));
      expect(page.url()).toBe(`${baseUrl}/scenario/${SCENE.id}/?step=${step}`);
      if (SCENE.refusal.step === step) {
        expect((await drawn(page)).exchanges.join('\n')).toMatch(SCENE.refusal.shown);
      }
    }
    const { rows, exchanges, svgText } = await drawn(page);
    expect(rows).toBe(SCENE.exchanges * 2);
    expect(exchanges).toHaveLength(SCENE.exchanges);
    expect(exchanges.at(-1)).toMatch(SCENE.last);
    expect(`${svgText}\n${exchanges.join('\n')}`).toMatch(/S3/);
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    expect(offOrigin(session.requests, baseUrl)).toEqual([]);
  });

  it('plays to the end with Space, axe clean mid-way and at the end', async () => {
    const { page } = session;
    const middle = SCENE.refusal.step;
    await page.goto(`${baseUrl}/scenario/${SCENE.id}/?step=${middle}`, { waitUntil: 'networkidle' });
    await waitForPosition(page, middle);
    let violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await page.locator('h1').click();
    await page.keyboard.press('Home');
    await waitForPosition(page, 0);
    await page.keyboard.press('Space');
    await page.locator('section.simulator[data-player="\\"done\\""]').waitFor({ timeout: 90_000 });
    expect(await position(page)).toBe(SCENE.steps);
    expect((await drawn(page)).exchanges).toHaveLength(SCENE.exchanges);
    violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    expect(offOrigin(session.requests, baseUrl)).toEqual([]);
  });

  it('the embed plays to the end with Space, axe clean', async () => {
    const { page } = session;
    await page.goto(`${baseUrl}/embed/${SCENE.id}/`, { waitUntil: 'networkidle' });
    await waitForLive(page);
    // Keys go to the page itself: nothing interactive holds the focus.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Home');
    await waitForPosition(page, 0);
    await page.keyboard.press('Space');
    await page.locator('section.simulator[data-player="\\"done\\""]').waitFor({ timeout: 90_000 });
    expect(await position(page)).toBe(SCENE.steps);
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    expect(offOrigin(session.requests, baseUrl)).toEqual([]);
  });

  it('is linked from the home page where it says “uploading files to S3”', async () => {
    const { page } = session;
    await page.goto(`${baseUrl}/`, { waitUntil: 'networkidle' });
    const link = page.getByRole('link', { name: 'uploading files to S3' });
    await link.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`${baseUrl}/scenario/${SCENE.id}/`);
    expect(await page.locator('h1').innerText()).toMatch(/Upload to your own S3 folder/);
  });
});

describe('on a 360 px phone', () => {
  it('never scrolls sideways, at any of its steps', async () => {
    const session = await openSession({ viewport: { width: 360, height: 800 }, reducedMotion: 'reduce' });
    try {
      const { page } = session;
      for (let step = 1; step <= SCENE.steps; step++) {
        await page.goto(`${baseUrl}/scenario/${SCENE.id}/?step=${step}`, { waitUntil: 'networkidle' });
        await waitForPosition(page, step);
        const overflow = await page.evaluate(
          () => (document.scrollingElement?.scrollWidth ?? 0) - window.innerWidth
        );
        expect(overflow, `step ${step}`).toBeLessThanOrEqual(0);
      }
    } finally {
      await session.close();
    }
  });
});

describe('the sandbox’s S3 buttons', () => {
  const SANDBOX = `${baseUrl}/sandbox/`;
  const sandbox = (page: Session['page']) => page.locator('section.sandbox');
  const waitReady = (page: Session['page'], actions: number) =>
    page
      .locator(`section.sandbox[data-status="ready"][aria-busy="false"][data-actions="${actions}"]`)
      .waitFor({ timeout: 60_000 });
  const announced = async (page: Session['page']) =>
    (await page.locator('section.sandbox [aria-live="polite"]').first().innerText()).trim();
  async function press(page: Session['page'], action: string) {
    const before = Number(await sandbox(page).getAttribute('data-actions'));
    await page.locator(`section.sandbox button[data-action="${action}"]`).focus();
    await page.keyboard.press('Enter');
    await waitReady(page, before + 1);
  }

  it('uploads to the own folder, lists it, is refused another folder; axe clean', async () => {
    const session = await openSession({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' });
    try {
      const { page } = session;
      // Signed in as alice with an identity id and credentials, from a share link.
      const tuples = [['si', 'alice', 'srp', 'known'], ['id', 'user-pool'], ['cr']];
      await page.goto(
        `${SANDBOX}?seed=sandbox&a=1.${Buffer.from(JSON.stringify(tuples)).toString('base64url')}`,
        {
          waitUntil: 'networkidle'
        }
      );
      await waitReady(page, 3);
      await press(page, 'upload-avatar');
      expect(await announced(page)).toMatch(/200 OK: S3 stored private\/us-east-1:[0-9a-f-]+\/avatar\.png/);
      await press(page, 'list-folder');
      expect(await announced(page)).toMatch(
        /1 object in the folder: private\/us-east-1:[0-9a-f-]+\/avatar\.png/
      );
      await press(page, 'list-folder:other');
      expect(await announced(page)).toMatch(
        /Refused \(403 AccessDenied\): User: arn:aws:sts::123456789012:assumed-role\/TwoPools_Authenticated/
      );
      const violations = await axeViolations(page);
      expect(violations, describeViolations(violations)).toEqual([]);
      expect(offOrigin(session.requests, baseUrl)).toEqual([]);
    } finally {
      await session.close();
    }
  });
});
