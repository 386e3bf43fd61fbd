// The inspector and "try it" as a learner uses them, keyboard only: figure 4's credentials, signature and decision; a tampered claim on figure 2.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, describeViolations, offOrigin, openSession, type Session } from './support/browser';
import { drawn, liveRegion, waitForLive } from './support/simulator';

const baseUrl = inject('baseUrl');

/** Presses Tab until the focused element satisfies `matches` (its text and data-inspect), as a keyboard user would. */
async function tabTo(page: Page, matches: RegExp, what: string, limit = 250): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      return `${element?.getAttribute('data-inspect') ?? ''} ${element?.textContent ?? ''}`.replace(
        /\s+/g,
        ' '
      );
    });
    if (matches.test(focused)) return;
  }
  throw new Error(`could not reach ${what} with Tab`);
}

const focusedText = (page: Page) =>
  page.evaluate(() => (document.activeElement?.textContent ?? '').replace(/\s+/g, ' ').trim());
const panel = (page: Page) => page.locator('section[data-inspecting]');
const visibleTabPanel = (page: Page) =>
  page.locator('section[data-inspecting] [role="tabpanel"]:not([hidden])');

async function expectNoAxeViolations(page: Page) {
  const violations = await axeViolations(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

describe('figure 4 inspected with the keyboard', () => {
  let session: Session;
  beforeAll(async () => {
    session = await openSession({ reducedMotion: 'reduce' });
  });
  afterAll(async () => {
    await session?.close();
  });

  it('shows the ASIA key and its expiry, the matching signature, and the allowing statement', async () => {
    const { page } = session;
    await page.goto(`${baseUrl}/scenario/identity-pool/`, { waitUntil: 'networkidle' });
    await waitForLive(page);
    await page.locator('h1').click();

    // GetCredentialsForIdentity: the credentials tab opens first.
    await tabTo(
      page,
      /^t\d+ ?App → Identity pool: .*GetCredentialsForIdentity/,
      'the GetCredentialsForIdentity exchange'
    );
    const opener = await focusedText(page);
    await page.keyboard.press('Enter');
    await panel(page).waitFor();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H2');
    expect(await focusedText(page)).toMatch(/Inspecting exchange \d+: GetCredentialsForIdentity/);
    const credentials = visibleTabPanel(page);
    expect(await credentials.locator('.key').innerText()).toMatch(/^ASIA[A-Z0-9]{16}$/);
    expect(await credentials.locator('.expiry').innerText()).toMatch(/^expires in (59 min|1 h)/);
    expect(await credentials.locator('.secret').innerText()).toMatch(/•{10}/);

    // Escape closes and gives focus back to the exchange that opened it.
    await page.keyboard.press('Escape');
    await panel(page).waitFor({ state: 'detached' });
    expect(await focusedText(page)).toBe(opener);

    // The signed GetItem: SigV4 first, its canonical request and a matching recomputed signature.
    await tabTo(page, /^t\d+ ?App → DynamoDB: .*GetItem/, 'the signed GetItem');
    await page.keyboard.press('Enter');
    await panel(page).waitFor();
    const sigv4 = visibleTabPanel(page);
    await sigv4.getByText('The signatures match.').waitFor();
    const canonical = await sigv4.locator('[aria-label="Canonical request"]').innerText();
    expect(canonical).toMatch(/^POST\n\/\n/);
    expect(canonical).toContain('x-amz-target:DynamoDB_20120810.GetItem');
    expect(await sigv4.locator('.marked').count()).toBe(0);

    // To the tabs (past the Close button), then the arrow keys to the IAM decision.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focusedText(page)).toBe('SigV4');
    await page.keyboard.press('ArrowRight');
    expect(await focusedText(page)).toBe('IAM decision');
    const iam = visibleTabPanel(page);
    expect(await iam.locator('.verdict').first().innerText()).toMatch(
      /Allowed: a statement allows dynamodb:GetItem/
    );
    expect(await iam.locator('.marked').first().innerText()).toMatch(
      /deciding statement “ReadOrders” \(Allow\)/
    );

    await expectNoAxeViolations(page);
    expect(offOrigin(session.requests, baseUrl)).toEqual([]);
  });
});

describe('a tampered claim on figure 2, keyboard only', () => {
  let session: Session;
  beforeAll(async () => {
    session = await openSession({ reducedMotion: 'reduce' });
  });
  afterAll(async () => {
    await session?.close();
  });

  it('edits the ID token’s email, resends, and gets 401 with the failed check named', async () => {
    const { page } = session;
    await page.goto(`${baseUrl}/scenario/call-api/`, { waitUntil: 'networkidle' });
    await waitForLive(page);
    // "Try it" loads as the learner comes near it (here: tabbing down the page), not with the page.
    const before = (await drawn(page)).exchanges.length;
    await page.locator('h1').click();

    await tabTo(page, /^ ?Edit a claim of the ID token and call the API ?$/, 'the claim editor');
    await page.keyboard.press('Enter');
    await page.locator('section.try-it form').waitFor();
    expect(await page.evaluate(() => (document.activeElement as HTMLSelectElement | null)?.value)).toBe(
      'email'
    );
    await page.keyboard.press('Tab'); // the value's kind
    await page.keyboard.press('Tab'); // the value
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('<b>mallory</b>@example.com');
    await page.keyboard.press('Enter');

    await page.locator('section.simulator[data-extras="1"][aria-busy="false"]').waitFor({ timeout: 60_000 });
    const announced = await liveRegion(page);
    expect(announced).toMatch(/^Try it: Edit email of the ID token/);
    expect(announced).toMatch(/API Gateway answered 401/);
    expect(announced).toMatch(/Failed check at API Gateway: “signature verifies”/);
    expect(await page.locator('section.try-it .result').innerText()).toContain('signature verifies');

    // The diagram grew: the refused call is the current exchange, after the story's last step.
    const after = await drawn(page);
    expect(after.exchanges.length).toBeGreaterThan(before);
    expect(after.svgText).toMatch(/401/);
    const current = page.locator('section.simulator ol.trace-text > li.current');
    expect(await current.first().innerText()).toMatch(/API Gateway.*refused/);

    // Open it: the JWT tab shows the edited claim as text and the failed signature.
    await tabTo(page, /^t\d+ ?✕? ?App → API Gateway: .*refused: 401/, 'the refused call');
    await page.keyboard.press('Enter');
    await panel(page).waitFor();
    const jwt = visibleTabPanel(page);
    await jwt
      .getByText(/Refused \(signature-invalid\)/)
      .first()
      .waitFor();
    expect(await jwt.locator('b').count()).toBe(0);
    expect(await jwt.getByText('<b>mallory</b>@example.com', { exact: true }).count()).toBeGreaterThan(0);

    await expectNoAxeViolations(page);

    // Restarting replays the scripted story in a fresh world, without what was tried.
    await page.keyboard.press('Escape');
    await panel(page).waitFor({ state: 'detached' });
    await page.keyboard.press('Home');
    await page.locator('section.simulator[data-position="0"][data-extras="0"][aria-busy="false"]').waitFor();
    await page.keyboard.press('End');
    await page.locator('section.simulator[data-position="2"][aria-busy="false"]').waitFor();
    expect((await drawn(page)).exchanges).toHaveLength(before);
    expect(offOrigin(session.requests, baseUrl)).toEqual([]);
  });
});

describe('clicking an arrow in the diagram', () => {
  it('opens the same inspector, and Escape hands focus to that exchange in the text version', async () => {
    const session = await openSession({ reducedMotion: 'reduce' });
    try {
      const { page } = session;
      await page.goto(`${baseUrl}/scenario/jwt-to-dynamodb/`, { waitUntil: 'networkidle' });
      await waitForLive(page);
      const id = await page.locator('[data-inspect]').last().getAttribute('data-inspect');
      const arrow = page.locator(`section.simulator svg g.row[data-id="${id}:request"] line.arrow`);
      // The learner scrolls to the arrow first (beside the words, the diagram may reach below the fold).
      await arrow.scrollIntoViewIfNeeded();
      const row = await arrow.boundingBox();
      if (!row) throw new Error('the arrow is not drawn');
      await page.mouse.click(row.x + row.width / 2, row.y + row.height / 2);
      await panel(page).waitFor();
      expect(await focusedText(page)).toMatch(/Inspecting exchange \d+: GetItem/);
      expect(await visibleTabPanel(page).innerText()).toMatch(/holds a JWT, not a SigV4 signature/);
      await page.keyboard.press('Escape');
      await panel(page).waitFor({ state: 'detached' });
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-inspect'))).toBe(id);
      expect(offOrigin(session.requests, baseUrl)).toEqual([]);
    } finally {
      await session.close();
    }
  });
});

describe('accessibility with the panel open', () => {
  it.each(['light', 'dark'] as const)('has no axe violations in %s, on every tab', async (colorScheme) => {
    const session = await openSession({ colorScheme, reducedMotion: 'reduce' });
    try {
      const { page } = session;
      await page.goto(`${baseUrl}/scenario/identity-pool/`, { waitUntil: 'networkidle' });
      await waitForLive(page);
      for (const exchange of [
        /GetCredentialsForIdentity/,
        /App → DynamoDB: .*GetItem/,
        /RespondToAuthChallenge/
      ]) {
        const button = page.locator('[data-inspect]', { hasText: exchange }).first();
        await button.click();
        // The panel of the exchange before may still be up for a moment: wait for this one's, then read its tabs.
        await page
          .locator(`section[data-inspecting="${await button.getAttribute('data-inspect')}"]`)
          .waitFor();
        for (const tab of await page.locator('section[data-inspecting] [role="tab"]').all()) {
          await tab.click();
          await page.waitForTimeout(50);
          await expectNoAxeViolations(page);
        }
      }
      expect(offOrigin(session.requests, baseUrl)).toEqual([]);
    } finally {
      await session.close();
    }
  });
});
