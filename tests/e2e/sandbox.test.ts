// The sandbox as a learner uses it: figure 4 by keyboard, a share link replayed in a fresh page, refusals explained, bad links refused, axe clean; the simulated cloud in a worker; the palette and the newest arrows on screen together.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, describeViolations, offOrigin, openSession, type Session } from './support/browser';

const baseUrl = inject('baseUrl');
const SANDBOX = `${baseUrl}/sandbox/`;
const SHOTS = 'screenshots';
mkdirSync(SHOTS, { recursive: true });

/** Figure 4 as a share link's query: sign in (SRP) as alice, GetId, GetCredentialsForIdentity, signed GetItem 42. */
const FIGURE_4_TUPLES = [['si', 'alice', 'srp', 'known'], ['id', 'user-pool'], ['cr'], ['get', '42']];
const link = (tuples: unknown) =>
  `${SANDBOX}?seed=sandbox&a=1.${Buffer.from(JSON.stringify(tuples)).toString('base64url')}`;

const sandbox = (page: Page) => page.locator('section.sandbox');

async function waitReady(page: Page, actions?: number) {
  const selector = `section.sandbox[data-status="ready"][aria-busy="false"]${
    actions === undefined ? '' : `[data-actions="${actions}"]`
  }`;
  await page.locator(selector).waitFor({ timeout: 60_000 });
}

async function exchanges(page: Page): Promise<string[]> {
  return page.locator('section.sandbox ol.trace-text > li').allInnerTexts();
}

async function announced(page: Page): Promise<string> {
  return (await page.locator('section.sandbox [aria-live="polite"]').first().innerText()).trim();
}

/** Focuses a palette button and presses Enter, as a keyboard user would. */
async function press(page: Page, action: string) {
  await page.locator(`section.sandbox button[data-action="${action}"]`).focus();
  await page.keyboard.press('Enter');
}

async function pressAndWait(page: Page, action: string) {
  const before = Number(await sandbox(page).getAttribute('data-actions'));
  await press(page, action);
  await waitReady(page, before + 1);
}

describe('figure 4 by keyboard, then shared', () => {
  let session: Session;
  beforeAll(async () => {
    session = await openSession({ reducedMotion: 'reduce' });
  });
  afterAll(async () => {
    await session?.close();
  });

  it('explains what is not possible yet, and sends nothing', async () => {
    const { page } = session;
    await page.goto(SANDBOX, { waitUntil: 'networkidle' });
    await waitReady(page, 0);
    expect(await exchanges(page)).toEqual([]);
    const jwt = page.locator('button[data-action="jwt-to-dynamodb"]');
    expect(await jwt.getAttribute('aria-disabled')).toBe('true');
    const why = await jwt.getAttribute('aria-describedby');
    expect(await page.locator(`#${why}`).innerText()).toBe('Sign in first: there is no ID token to send.');
    await press(page, 'jwt-to-dynamodb');
    await expect
      .poll(() => announced(page))
      .toBe('Not possible now: Sign in first: there is no ID token to send.');
    expect(await sandbox(page).getAttribute('data-exchanges')).toBe('0');
    expect(await page.locator('button[data-action="read-order"] + .why').innerText()).toMatch(
      /Get AWS credentials first/
    );
  });

  it('reproduces figure 4: SRP sign-in as alice, GetId, GetCredentialsForIdentity, signed GetItem of order 42', async () => {
    const { page } = session;
    // The sign-in form starts filled in with the first demo user, SRP selected.
    expect(await page.getByLabel('Username', { exact: true }).nth(1).inputValue()).toBe('alice');
    expect(await page.getByRole('radio', { name: /SRP/ }).isChecked()).toBe(true);

    await pressAndWait(page, 'sign-in');
    expect(await announced(page)).toMatch(/Sign in as “alice” with SRP\. Signed in/);
    expect(await page.locator('[data-holds="tokens"]').innerText()).toMatch(/^Yes, for alice/);
    await pressAndWait(page, 'get-id:user-pool');
    expect(await page.locator('[data-holds="identity-id"]').innerText()).toMatch(/us-east-1:/);
    await pressAndWait(page, 'get-credentials');
    expect(await page.locator('[data-holds="credentials"]').innerText()).toMatch(/^Yes: valid until/);
    await pressAndWait(page, 'read-order');

    const said = await exchanges(page);
    expect(said).toHaveLength(7);
    expect(said[0]).toMatch(/App → User pool: .*InitiateAuth · USER_SRP_AUTH/);
    expect(said[2]).toMatch(/App → Identity pool: .*\(GetId\) — answered 200/);
    expect(said[4]).toMatch(/App → Identity pool: .*\(GetCredentialsForIdentity\) — answered 200/);
    expect(said[5]).toMatch(/Identity pool → STS: .*AssumeRoleWithWebIdentity.* — answered 200/);
    expect(said[6]).toMatch(/App → DynamoDB: .*\(GetItem\) — answered 200 · the order/);
    expect(await announced(page)).toMatch(/Signed GetItem: order 42\. 200 OK: order 42 — orderId: 42/);
    const svgText = (await page.locator('section.sandbox svg[role="img"]').textContent()) ?? '';
    for (const label of ['GetId', 'GetCredentialsForIdentity', 'AssumeRoleWithWebIdentity', 'GetItem']) {
      expect(svgText).toContain(label);
    }
    expect(await page.locator('section.sandbox svg g.rows > g.row').count()).toBe(14);
    expect(await page.locator('[data-app-state]').getAttribute('data-app-state')).toBe(
      'ready.holdingCredentials'
    );
    expect(offOrigin(session.requests, baseUrl)).toEqual([]);
  });

  it('shares a link that replays the same exchanges in a fresh page, with no secret in it', async () => {
    const { page, context } = session;
    const original = await exchanges(page);
    await page.locator('section.sandbox button', { hasText: /^Share$/ }).focus();
    await page.keyboard.press('Enter');
    const field = page.getByTestId('share-url');
    await field.waitFor();
    const url = await field.inputValue();
    expect(url.startsWith(`${SANDBOX}?seed=sandbox&a=1.`)).toBe(true);
    // The status is written once the clipboard has answered (a promise): wait for it rather than read at once.
    await expect.poll(() => page.locator('.copy-status').innerText()).toMatch(/copied|copy it yourself/);
    const json = Buffer.from(new URL(url).searchParams.get('a')?.slice(2) ?? '', 'base64url').toString();
    expect(JSON.parse(json)).toEqual(FIGURE_4_TUPLES);
    expect(url).not.toMatch(/Correct-Horse|eyJ|ASIA/);
    // Only Share made a link: the address bar holds none of it.
    expect(page.url()).toBe(SANDBOX);

    const fresh = await context.newPage();
    try {
      await fresh.goto(url, { waitUntil: 'networkidle' });
      await waitReady(fresh, 4);
      expect(await exchanges(fresh)).toEqual(original);
      expect(await announced(fresh)).toMatch(
        /Replayed 4 shared actions from the link; the diagram shows 7 exchanges/
      );
      expect(await fresh.locator('section.sandbox svg g.rows > g.row').count()).toBe(14);
    } finally {
      await fresh.close();
    }
    expect(offOrigin(session.requests, baseUrl)).toEqual([]);
  });

  it('resets to a fresh world and an empty address', async () => {
    const { page } = session;
    await page.locator('section.sandbox button', { hasText: /^Reset$/ }).click();
    await waitReady(page, 0);
    expect(await exchanges(page)).toEqual([]);
    expect(page.url()).toBe(SANDBOX);
    expect(await page.locator('[data-app-state]').getAttribute('data-app-state')).toBe('ready.anonymous');
  });
});

describe('the simulated cloud runs in a worker', () => {
  it('the page’s own scripts hold none of it: jose, XState and the services load in the worker only', async () => {
    const session = await openSession({ reducedMotion: 'reduce' });
    try {
      const { page, context } = session;
      /** Markers of each: jose's error codes, XState's init event, the user pool's own words. */
      const MARKERS = {
        jose: 'ERR_JOSE',
        xstate: 'xstate.init',
        services: 'Password did not conform with policy'
      };
      const scripts = new Map<string, Promise<string>>();
      page.on('response', (response) => {
        const url = response.url();
        if (new URL(url).pathname.endsWith('.js')) scripts.set(url, response.text());
      });
      const workers: string[] = [];
      page.on('worker', (worker) => workers.push(worker.url()));
      await page.goto(link(FIGURE_4_TUPLES), { waitUntil: 'networkidle' });
      await waitReady(page, 4);
      await pressAndWait(page, 'sign-out');
      expect(await announced(page)).toMatch(/Signed out everywhere/);

      expect(workers).toHaveLength(1);
      const worker = workers[0] ?? '';
      expect(new URL(worker).pathname).toMatch(/\/_app\/immutable\/workers\//);
      const workerText = await (await context.request.get(worker)).text();
      for (const marker of Object.values(MARKERS)) expect(workerText).toContain(marker);
      const pageScripts = [...scripts.keys()].filter((url) => !new URL(url).pathname.includes('/workers/'));
      expect(pageScripts.length).toBeGreaterThan(3);
      let read = 0;
      for (const url of pageScripts) {
        const text = (await scripts.get(url)) ?? '';
        read += text.length;
        const found = Object.entries(MARKERS).filter(([, marker]) => text.includes(marker));
        expect(found.map(([name]) => `${url}: ${name}`)).toEqual([]);
      }
      // The page's scripts were read (Svelte, the diagram, the page), not an empty list.
      expect(read).toBeGreaterThan(50_000);
      expect(offOrigin(session.requests, baseUrl)).toEqual([]);
    } finally {
      await session.close();
    }
  });
});

describe('registration: the pool’s own password errors and the inbox', () => {
  it('shows the policy error, then emails a code that confirms the account', async () => {
    const session = await openSession({ reducedMotion: 'reduce' });
    try {
      const { page } = session;
      await page.goto(SANDBOX, { waitUntil: 'networkidle' });
      await waitReady(page, 0);
      const signUp = page.locator('form', { has: page.locator('button[data-action="sign-up"]') });
      await signUp.getByLabel('Username').fill('carol');
      await signUp.getByLabel('Password').fill('short');
      await signUp.getByLabel('Password').press('Enter');
      await waitReady(page, 1);
      expect(await announced(page)).toMatch(
        /Refused \(400 InvalidPasswordException\): Password did not conform with policy: Password not long enough/
      );
      await signUp.getByLabel('Password').fill('Blue-Giraffe-19');
      await signUp.getByLabel('Password').press('Enter');
      await waitReady(page, 2);
      const inbox = await page.getByTestId('inbox').innerText();
      const code = /code: (\d{6})/.exec(inbox)?.[1];
      expect(code).toBeDefined();
      expect(await page.getByLabel('Confirmation code').inputValue()).toBe(code);
      await pressAndWait(page, 'confirm-sign-up');
      expect(await announced(page)).toMatch(/CONFIRMED/);
      // The address bar holds nothing typed; the share link names the password's kind only.
      expect(page.url()).toBe(SANDBOX);
      await page.locator('section.sandbox button', { hasText: /^Share$/ }).click();
      const shared = await page.getByTestId('share-url').inputValue();
      expect(shared).not.toContain('Blue-Giraffe');
      const a = new URL(shared).searchParams.get('a') ?? '';
      expect(JSON.parse(Buffer.from(a.slice(2), 'base64url').toString())).toEqual([
        ['su', 'carol', 'carol@example.com', 'short'],
        ['su', 'carol', 'carol@example.com', 'valid'],
        ['cf', 'inbox']
      ]);
      expect(offOrigin(session.requests, baseUrl)).toEqual([]);
    } finally {
      await session.close();
    }
  });
});

describe('what the learner types stays out of the address bar', () => {
  it('never puts the note in the address bar or history; only Share puts it in a link', async () => {
    const session = await openSession({ reducedMotion: 'reduce' });
    try {
      const { page } = session;
      await page.goto(link(FIGURE_4_TUPLES.slice(0, 3)), { waitUntil: 'networkidle' });
      await waitReady(page, 3);
      // The link the page was opened with stays while the screen is exactly its replay.
      expect(page.url()).toBe(link(FIGURE_4_TUPLES.slice(0, 3)));
      const historyBefore = await page.evaluate(() => history.length);
      const note = page.locator('form', { has: page.locator('button[data-action="put-note"]') });
      await note.getByLabel('Note').fill('Secret-Note-123');
      const said = await page.locator(`#${await note.getByLabel('Note').getAttribute('aria-describedby')}`);
      expect(await said.innerText()).toMatch(/only when you press Share, never into the address bar/);
      await note.getByLabel('Note').press('Enter');
      await waitReady(page, 4);
      await pressAndWait(page, 'query-notes');
      const encoded = Buffer.from(JSON.stringify('Secret-Note-123')).toString('base64url').slice(4, 16);
      expect(page.url()).toBe(SANDBOX);
      expect(await page.evaluate(() => history.length)).toBe(historyBefore);
      const onScreen = await page.evaluate(() => [
        location.href,
        history.state === null ? '' : JSON.stringify(history.state)
      ]);
      for (const text of onScreen) {
        expect(text).not.toContain('Secret-Note');
        expect(text).not.toContain(encoded);
      }
      expect(await page.getByTestId('address-note').innerText()).toMatch(
        /Only Share puts what you type into a link/
      );

      await page.locator('section.sandbox button', { hasText: /^Share$/ }).click();
      const shared = await page.getByTestId('share-url').inputValue();
      const tuples = JSON.parse(
        Buffer.from(new URL(shared).searchParams.get('a')?.slice(2) ?? '', 'base64url').toString()
      );
      expect(tuples.at(-2)).toEqual(['put', 'Secret-Note-123']);
      expect(page.url()).toBe(SANDBOX);
    } finally {
      await session.close();
    }
  });
});

describe('a long share link', () => {
  it('replays 200 SRP sign-ins with progress, stays responsive, and a Stop keeps what was replayed', async () => {
    const session = await openSession({ reducedMotion: 'reduce' });
    try {
      const { page } = session;
      const signIns = Array.from({ length: 200 }, () => ['si', 'alice', 'srp', 'known']);
      await page.goto(link(signIns), { waitUntil: 'domcontentloaded' });
      const progress = page.getByTestId('replay-progress');
      await progress.waitFor({ timeout: 60_000 });
      const count = progress.locator('.count');
      await expect
        .poll(async () => Number(/Replaying (\d+) of 200…/.exec(await count.innerText())?.[1] ?? 0), {
          timeout: 60_000
        })
        .toBeGreaterThanOrEqual(3);
      // The page answers between actions: a script round trip comes back quickly while the replay runs.
      const started = Date.now();
      await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(
        await progress.getByRole('button', { name: 'Stop' }).getAttribute('aria-describedby')
      ).toBeTruthy();
      expect(await progress.innerText()).toMatch(/A link holds at most 200 actions/);

      const violations = await axeViolations(page);
      expect(violations, describeViolations(violations)).toEqual([]);

      await progress.getByRole('button', { name: 'Stop' }).click();
      await waitReady(page);
      const replayed = Number(await sandbox(page).getAttribute('data-actions'));
      expect(replayed).toBeGreaterThanOrEqual(3);
      expect(replayed).toBeLessThan(200);
      expect(await announced(page)).toBe(
        `Stopped: replayed ${replayed} of the link’s 200 actions (the other ${200 - replayed} are left out); the diagram shows ${replayed * 2} exchanges.`
      );
      expect(await page.locator('section.sandbox ol.log > li').count()).toBe(replayed);
      expect(await progress.count()).toBe(0);
      // The address no longer claims to replay what is on screen.
      expect(page.url()).toBe(SANDBOX);
      expect(offOrigin(session.requests, baseUrl)).toEqual([]);
    } finally {
      await session.close();
    }
  });
});

describe('bad share links load nothing', () => {
  let session: Session;
  beforeAll(async () => {
    session = await openSession({ reducedMotion: 'reduce' });
  });
  afterAll(async () => {
    await session?.close();
  });

  it.each([
    ['damaged base64', `${SANDBOX}?a=1.!!!`, /cannot be opened: .*not valid base64url/],
    ['a foreign format', `${SANDBOX}?a=eyJhbGciOiJub25lIn0`, /cannot be opened: .*not in a format/],
    [
      'an unknown action',
      link([['si', 'alice', 'srp', 'known'], ['__proto__']]),
      /cannot be opened: Action 2/
    ],
    ['a huge parameter', `${SANDBOX}?a=1.${'A'.repeat(9_000)}`, /cannot be opened: .*too long/],
    [
      'an impossible order of actions',
      link([
        ['si', 'alice', 'srp', 'known'],
        ['get', '42']
      ]),
      /cannot be replayed: Action 2 .*Get AWS credentials first/
    ]
  ])('refuses %s with a clear message and an empty sandbox', async (_name, url, message) => {
    const { page } = session;
    await page.goto(url, { waitUntil: 'networkidle' });
    await waitReady(page, 0);
    expect(await page.getByRole('alert').innerText()).toMatch(message);
    expect(await exchanges(page)).toEqual([]);
    expect(await page.locator('[data-app-state]').getAttribute('data-app-state')).toBe('ready.anonymous');
  });
});

describe('accessibility', () => {
  const cases = [
    { width: 360, height: 800, colorScheme: 'light' as const },
    { width: 360, height: 800, colorScheme: 'dark' as const },
    { width: 1280, height: 800, colorScheme: 'light' as const },
    { width: 1280, height: 800, colorScheme: 'dark' as const }
  ];
  it.each(cases)(
    'has no axe violations at $width px in $colorScheme: empty, and after figure 4 with a share link',
    async (c) => {
      const session = await openSession({
        viewport: { width: c.width, height: c.height },
        colorScheme: c.colorScheme
      });
      try {
        const { page } = session;
        await page.goto(SANDBOX, { waitUntil: 'networkidle' });
        await waitReady(page, 0);
        let violations = await axeViolations(page);
        expect(violations, describeViolations(violations)).toEqual([]);

        await page.goto(link(FIGURE_4_TUPLES), { waitUntil: 'networkidle' });
        await waitReady(page, 4);
        await page.locator('section.sandbox button', { hasText: /^Share$/ }).click();
        await page.getByTestId('share-url').waitFor();
        await press(page, 'confirm-sign-up'); // an explained refusal in the live region
        await expect.poll(() => announced(page)).toMatch(/^Not possible now/);
        violations = await axeViolations(page);
        expect(violations, describeViolations(violations)).toEqual([]);

        await page.goto(`${SANDBOX}?a=1.!!!`, { waitUntil: 'networkidle' });
        await waitReady(page, 0);
        violations = await axeViolations(page);
        expect(violations, describeViolations(violations)).toEqual([]);
        expect(offOrigin(session.requests, baseUrl)).toEqual([]);
      } finally {
        await session.close();
      }
    }
  );
});

describe('which token, which route: the new palette buttons by keyboard', () => {
  let session: Session;
  beforeAll(async () => {
    session = await openSession({ reducedMotion: 'reduce' });
  });
  afterAll(async () => {
    await session?.close();
  });

  it('the access token gets 401 on /orders and 200 on /me; the AWS_IAM route says what it needs, then answers 200 signed', async () => {
    const { page } = session;
    await page.goto(SANDBOX, { waitUntil: 'networkidle' });
    await waitReady(page, 0);
    expect(await page.locator('button[data-action="call-iam-api"] + .why').innerText()).toMatch(
      /^Get an identity id and AWS credentials first/
    );
    await pressAndWait(page, 'sign-in');
    await pressAndWait(page, 'call-api:access');
    expect(await announced(page)).toMatch(
      /GET \/orders\/42 with the access token\. Refused \(401\): Unauthorized\. GET \/orders\/\{id\} has no OAuth scopes/
    );
    await pressAndWait(page, 'get-profile:id');
    expect(await announced(page)).toMatch(/GET \/me with the ID token\. Refused \(401\)/);
    await pressAndWait(page, 'get-profile:access');
    expect(await announced(page)).toMatch(/GET \/me with the access token\. 200 OK: sub: /);
    await pressAndWait(page, 'get-id:user-pool');
    await pressAndWait(page, 'get-credentials');
    await pressAndWait(page, 'call-iam-api');
    expect(await announced(page)).toMatch(
      /GET \/iam\/orders\/42 \(AWS_IAM, signed with SigV4\)\. 200 OK: orderId: 42/
    );
    const said = await exchanges(page);
    expect(said.at(-3)).toMatch(/App → API Gateway: Call the API: GET \/iam\/orders\/42 .* answered 200/);
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    expect(offOrigin(session.requests, baseUrl)).toEqual([]);
  });
});

/** Where the newest arrow and the pressed palette button are on screen, and whether anything covers them. */
interface OnScreen {
  /** The newest row's data-id, and whether its box lies inside the window and is not covered at its top and bottom. */
  row: { id: string | null; inside: boolean; uncovered: boolean };
  /** The pressed button: inside the window and the topmost element at its centre. */
  button: { inside: boolean; uncovered: boolean };
  /** The data-action of the focused element. */
  focused: string | null;
}

/** Reads the newest arrow row (the svg's last `g.row`) and the palette button `action` as they are on screen. */
async function onScreen(page: Page, action: string): Promise<OnScreen> {
  return page.evaluate((action) => {
    const within = (box: DOMRect) =>
      box.width > 0 &&
      box.height > 0 &&
      box.top >= 0 &&
      box.left >= 0 &&
      box.bottom <= window.innerHeight &&
      box.right <= window.innerWidth;
    const svg = document.querySelector('section.sandbox svg');
    const rows = svg ? [...svg.querySelectorAll('g.rows > g.row')] : [];
    const row = rows.at(-1);
    const rowBox = row?.getBoundingClientRect();
    // A sticky bar drawn over the arrow would be what the learner sees there: the diagram must be on top.
    const mid = rowBox ? (rowBox.left + rowBox.right) / 2 : 0;
    const rowUncovered =
      rowBox !== undefined &&
      [rowBox.top + 2, rowBox.bottom - 2].every((y) => {
        const hit = document.elementFromPoint(mid, y);
        return hit !== null && svg !== null && (hit === svg || svg.contains(hit));
      });
    const button = document.querySelector(`section.sandbox button[data-action="${action}"]`);
    const buttonBox = button?.getBoundingClientRect();
    const hit = buttonBox
      ? document.elementFromPoint(
          (buttonBox.left + buttonBox.right) / 2,
          (buttonBox.top + buttonBox.bottom) / 2
        )
      : null;
    return {
      row: {
        id: row?.getAttribute('data-id') ?? null,
        inside: rowBox !== undefined && within(rowBox),
        uncovered: rowUncovered
      },
      button: {
        inside: buttonBox !== undefined && within(buttonBox),
        uncovered: hit !== null && button !== null && button.contains(hit)
      },
      focused: document.activeElement?.getAttribute('data-action') ?? null
    };
  }, action);
}

const IN_VIEW = { inside: true, uncovered: true };

/** Presses a palette button by keyboard, then waits until its newest arrow is on screen beside the palette. */
async function actAndSee(page: Page, action: string, lastRow: string) {
  await pressAndWait(page, action);
  // Smooth scrolling takes a moment; the arrow must arrive in view without the learner scrolling.
  await expect
    .poll(
      async () => {
        const seen = await onScreen(page, action);
        return { id: seen.row.id, row: { inside: seen.row.inside, uncovered: seen.row.uncovered } };
      },
      { timeout: 15_000 }
    )
    .toEqual({ id: lastRow, row: IN_VIEW });
  const seen = await onScreen(page, action);
  expect(seen.button, `the ${action} button stays on screen`).toEqual(IN_VIEW);
  // Scrolling the diagram never takes the keyboard away from the palette.
  expect(seen.focused).toBe(action);
}

// The newest row is the app's own answer: a hop it caused (the identity pool fetching the user pool's keys,
// STS assuming the role) is drawn inside it, so GetId's answer (t3) comes below the key fetch (t4).
describe('the palette and the newest arrows on screen together', () => {
  it('at 1280×800 reproduces figure 4 from the palette, each newest arrow in view beside the pressed button', async () => {
    const session = await openSession({ viewport: { width: 1280, height: 800 } });
    try {
      const { page } = session;
      await page.goto(SANDBOX, { waitUntil: 'networkidle' });
      await waitReady(page, 0);
      expect(await page.getByRole('radio', { name: /SRP/ }).isChecked()).toBe(true);
      await actAndSee(page, 'sign-in', 't2:response');
      expect(await announced(page)).toMatch(/Sign in as “alice” with SRP\. Signed in/);
      await actAndSee(page, 'get-id:user-pool', 't3:response');
      await actAndSee(page, 'get-credentials', 't5:response');
      await actAndSee(page, 'read-order', 't7:response');
      expect(await announced(page)).toMatch(/Signed GetItem: order 42\. 200 OK/);
      expect(await page.locator('section.sandbox svg g.rows > g.row').count()).toBe(14);
      await page.screenshot({ path: `${SHOTS}/sandbox-1280x800-figure-4.png` });
      expect(offOrigin(session.requests, baseUrl)).toEqual([]);
    } finally {
      await session.close();
    }
  });

  it('at 360×800 brings the newest arrow into view after each action, the palette still on screen', async () => {
    const session = await openSession({ viewport: { width: 360, height: 800 }, reducedMotion: 'reduce' });
    try {
      const { page } = session;
      await page.goto(SANDBOX, { waitUntil: 'networkidle' });
      await waitReady(page, 0);
      await actAndSee(page, 'sign-in', 't2:response');
      await actAndSee(page, 'get-id:user-pool', 't3:response');
      await page.screenshot({ path: `${SHOTS}/sandbox-360x800-two-actions.png` });
      const violations = await axeViolations(page);
      expect(violations, describeViolations(violations)).toEqual([]);
    } finally {
      await session.close();
    }
  });

  it('at 1920×1080 keeps each newest arrow in view beside the pressed button', async () => {
    const session = await openSession({ viewport: { width: 1920, height: 1080 }, reducedMotion: 'reduce' });
    try {
      const { page } = session;
      await page.goto(SANDBOX, { waitUntil: 'networkidle' });
      await waitReady(page, 0);
      await actAndSee(page, 'sign-in', 't2:response');
      await actAndSee(page, 'get-id:user-pool', 't3:response');
      await actAndSee(page, 'get-credentials', 't5:response');
      await page.screenshot({ path: `${SHOTS}/sandbox-1920x1080-three-actions.png` });
    } finally {
      await session.close();
    }
  });
});

describe('from the site header', () => {
  it('the home page links to the sandbox', async () => {
    const session = await openSession();
    try {
      await session.page.goto(`${baseUrl}/`, { waitUntil: 'networkidle' });
      await session.page.locator('header a', { hasText: 'Sandbox' }).click();
      await session.page.waitForURL(SANDBOX);
      await waitReady(session.page, 0);
    } finally {
      await session.close();
    }
  });
});
