// "Try it" on a live run: only possible actions are offered, the claim editor keeps what was typed, and results name what failed.
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import TryIt from '../../src/lib/ui/try-it/TryIt.svelte';
import {
  checkClaimEdit,
  configureSummary,
  eventsFor,
  gateEvent,
  resultSummary,
  TRY_ACTIONS,
  whyImpossible,
  type TryResult
} from '../../src/lib/ui/try-it/actions';
import { createWorld, roleArn } from '../../src/lib/sim';
import { createLiveSession, type LiveSession } from '../../src/lib/ui/live/session';
import { pageTransport } from '../support/live';
import type { ClientEvent } from '../../src/lib/machines';
import { getScenario } from '../../src/lib/scenarios';

const NOW = Date.UTC(2026, 10, 28, 9, 0, 0);

/** The scenario played to its end in a live world, as the figure page has it (the host in the page: no Worker in jsdom). */
async function played(id: string): Promise<LiveSession> {
  const scenario = getScenario(id);
  if (!scenario) throw new Error(`no scenario ${id}`);
  const session = createLiveSession(pageTransport());
  await session.start(id, id, NOW);
  await session.goTo(scenario.steps.length);
  cleanups.push(() => session.close());
  return session;
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function render(session: LiveSession, options: { atEnd?: boolean } = {}) {
  const target = document.createElement('div');
  document.body.append(target);
  const results: TryResult[] = [];
  let started = 0;
  const live = session.state;
  if (!live) throw new Error('the session has no state');
  const component = mount(TryIt, {
    target,
    props: {
      live,
      perform: (events: ClientEvent[]) => session.perform(events),
      ready: true,
      atEnd: options.atEnd ?? true,
      onGoToEnd: () => undefined,
      onStart: () => started++,
      onDone: (result: TryResult) => results.push(result)
    }
  });
  flushSync();
  cleanups.push(() => {
    unmount(component);
    target.remove();
  });
  const button = (name: RegExp) => {
    const found = [...target.querySelectorAll('button')].find((b) => name.test(b.textContent ?? ''));
    if (!found) throw new Error(`no button ${name}`);
    return found;
  };
  return { target, results, button, started: () => started };
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    flushSync();
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function type(field: HTMLInputElement | HTMLSelectElement, value: string) {
  field.value = value;
  field.dispatchEvent(new Event(field instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  flushSync();
}

describe('TryIt', () => {
  it('offers only what the app can do, and says why the rest is impossible', async () => {
    const run = await played('call-api');
    const { target } = render(run);
    const offered = [...target.querySelectorAll('.actions button')].map((b) => b.textContent?.trim());
    expect(offered).toContain('Edit a claim of the ID token and call the API');
    expect(offered).toContain('Send the JWT straight to DynamoDB');
    expect(offered).not.toContain('Sign the DynamoDB request with a wrong secret');
    expect(target.querySelector('.impossible')?.textContent).toMatch(
      /wrong secret:\s*not possible now\. The app holds no AWS credentials/
    );
  });

  it('asks to finish the story first', async () => {
    const run = await played('call-api');
    const { target } = render(run, { atEnd: false });
    expect(target.querySelector('.actions')).toBeNull();
    expect(target.textContent).toContain('Go to the end of the story');
  });

  it('refuses a bad claim value with a clear reason and keeps what was typed, then tampers and gets 401', async () => {
    const run = await played('call-api');
    const { target, results, button } = render(run);
    button(/Edit a claim/).click();
    await until(() => target.querySelector('form') !== null, 'the claim form');
    const claim = target.querySelector<HTMLSelectElement>('select[id$="-claim"]') as HTMLSelectElement;
    const kind = target.querySelector<HTMLSelectElement>('select[id$="-kind"]') as HTMLSelectElement;
    const value = target.querySelector<HTMLInputElement>('input[id$="-value"]') as HTMLInputElement;
    await until(() => document.activeElement === claim, 'focus on the claim');
    expect(claim.value).toBe('email');
    expect(value.value).toBe('alice@example.com');

    type(claim, 'exp');
    expect(kind.value).toBe('number');
    type(value, 'tomorrow');
    target.querySelector('form')?.requestSubmit();
    await until(() => target.querySelector('.error') !== null, 'the error');
    expect(target.querySelector('.error')?.textContent).toMatch(/“tomorrow” is not a number/);
    expect(value.getAttribute('aria-invalid')).toBe('true');
    expect(value.value).toBe('tomorrow');
    await until(() => document.activeElement === value, 'focus on the value');
    expect(results).toHaveLength(0);

    type(kind, 'json');
    type(value, '{oops');
    target.querySelector('form')?.requestSubmit();
    await until(() => /Not JSON/.test(target.querySelector('.error')?.textContent ?? ''), 'the JSON error');
    expect(value.value).toBe('{oops');

    type(value, 'x'.repeat(20_000));
    target.querySelector('form')?.requestSubmit();
    await until(() => /over 8 KiB/.test(target.querySelector('.error')?.textContent ?? ''), 'the size error');

    type(kind, 'number');
    type(value, '4102444800');
    target.querySelector('form')?.requestSubmit();
    await until(() => results.length === 1, 'the result');
    const [result] = results;
    expect(result?.to).toBeGreaterThan(result?.from ?? 0);
    expect(result?.summary).toMatch(/API Gateway answered 401 UnauthorizedException: Unauthorized\./);
    expect(result?.summary).toMatch(/Failed check at API Gateway: “signature verifies”/);
    expect(target.querySelector('.result')?.textContent).toContain('signature verifies');
  });

  it('signs GetItem with a wrong secret: InvalidSignatureException, named', async () => {
    const run = await played('identity-pool');
    const { results, button } = render(run);
    button(/wrong secret/).click();
    await until(() => results.length === 1, 'the result');
    expect(results[0]?.summary).toMatch(/DynamoDB answered 400 InvalidSignatureException/);
  });

  it('jumps the clock an hour: tokens and credentials expire, nothing is sent', async () => {
    const run = await played('identity-pool');
    const { results, button } = render(run);
    button(/Jump the clock/).click();
    await until(() => results.length === 1, 'the result');
    expect(results[0]?.to).toBe(results[0]?.from);
    expect(results[0]?.summary).toMatch(/clock now reads 2026-11-28T10:00:\d\dZ/);
    expect(results[0]?.summary).toMatch(/tokens expired/);
    expect(results[0]?.summary).toMatch(/credentials expired/);
  });

  it('after jumping the clock, says the clock moved and no message was sent (no “open the new exchanges”)', async () => {
    const run = await played('identity-pool');
    const { target, results, button } = render(run);
    button(/Jump the clock/).click();
    await until(() => results.length === 1, 'the result');
    flushSync();
    const result = target.querySelector('.result')?.textContent ?? '';
    expect(result).not.toMatch(/Open the new exchanges/);
    expect(result).toMatch(/clock moved: no message was sent/);
  });

  it('signs in as the second demo user and is refused order 42 by the function', async () => {
    const run = await played('call-api');
    const { results, button } = render(run);
    button(/second demo user/).click();
    await until(() => results.length === 1, 'the result');
    expect(results[0]?.summary).toMatch(/API Gateway answered 403: This order belongs to another customer/);
    // The function compares subs (the names are shown beside them).
    expect(results[0]?.summary).toMatch(
      /“order belongs to the caller” \(customerSub [0-9a-f-]{36} \(alice\), caller sub [0-9a-f-]{36} \(bob\)\)/
    );
  });
});

describe('TryIt: which token, the AWS_IAM route, Logins and the console', () => {
  it('GET /me: the ID token is refused (401), the access token answers with the profile (200)', async () => {
    const run = await played('which-token');
    const { results, button } = render(run);
    button(/^Call GET \/me with the ID token$/).click();
    await until(() => results.length === 1, 'the first result');
    expect(results[0]?.summary).toMatch(/^API Gateway answered 401 UnauthorizedException: Unauthorized\./);
    button(/^Call GET \/me with the access token$/).click();
    await until(() => results.length === 2, 'the second result');
    expect(results[1]?.summary).toBe('API Gateway answered 200: it worked.');
    expect(results[1]?.to).toBeGreaterThan(results[1]?.from ?? 0);
    const sent = run.state?.entries.slice(results[1]?.from, results[1]?.to)[0];
    expect(sent?.request.url).toMatch(/\/me$/);
    expect(sent?.carries.map((carry) => carry.kind)).toEqual(['access-token']);
  });

  it('GET /orders/42 with the access token: 401', async () => {
    const run = await played('call-api');
    const { results, button } = render(run);
    button(/with the access token$/).click();
    await until(() => results.length === 1, 'the result');
    expect(results[0]?.summary).toMatch(/^API Gateway answered 401 UnauthorizedException: Unauthorized\./);
  });

  it('the AWS_IAM route: impossible without credentials, and why; signed with figure 4’s credentials, 200', async () => {
    const without = render(await played('call-api'));
    expect(without.target.textContent).toMatch(
      /Call the AWS_IAM route GET \/iam\/orders\/42, signed:\s*not possible now\. The app holds no AWS credentials/
    );
    const run = await played('identity-pool');
    const { results, button } = render(run);
    button(/AWS_IAM route/).click();
    await until(() => results.length === 1, 'the result');
    expect(results[0]?.summary).toBe('API Gateway answered 200: it worked.');
    const sent = run.state?.entries.slice(results[0]?.from, results[0]?.to)[0];
    expect(sent?.request.url).toMatch(/\/iam\/orders\/42$/);
    expect(sent?.request.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 .*\/execute-api\/aws4_request/);
  });

  it('guest access off, then GetCredentialsForIdentity without Logins: the console change, then the refusal', async () => {
    const run = await played('guest-access');
    const { results, button } = render(run);
    button(/^Turn guest access off$/).click();
    await until(() => results.length === 1, 'the console change');
    expect(results[0]?.to).toBe(results[0]?.from);
    expect(results[0]?.summary).toBe(
      'Guest access is off. Nothing crossed the wire: the next request meets the new setting.'
    );
    button(/without Logins/).click();
    await until(() => results.length === 2, 'the refusal');
    expect(results[1]?.summary).toMatch(
      /^Identity pool answered 400 NotAuthorizedException: Unauthenticated access is not supported for this identity pool\./
    );
  });

  it('sends the learner to the sandbox to edit a trust policy', async () => {
    const { target } = render(await played('broken-trust'));
    const link = [...target.querySelectorAll('a')].find((a) => /trust policy/.test(a.textContent ?? ''));
    expect(link?.textContent).toBe('Edit a trust policy in the sandbox');
    // Relative to the figure page (/scenario/{id}/ or /embed/{id}/): the sandbox at the site's root, any base path.
    expect(link?.getAttribute('href')).toBe('../../sandbox/');
    expect(
      new URL(link?.getAttribute('href') ?? '', 'https://example.test/base/scenario/broken-trust/').pathname
    ).toBe('/base/sandbox/');
  });
});

describe('the try-it actions as data', () => {
  it('resolves console changes against the world: bob by name, the group’s role by ARN', async () => {
    const world = await createWorld({ seed: 'try-it' });
    const { config } = world;
    const bob = config.demoUsers[1]?.username;
    expect(eventsFor('managers-in', {}, config)).toEqual([
      {
        type: 'CONFIGURE',
        change: {
          set: 'create-group',
          group: { name: 'managers', roleArn: roleArn(config.accountId, 'TwoPools_Managers'), precedence: 1 }
        }
      },
      {
        type: 'CONFIGURE',
        change: { set: 'group-membership', username: bob, group: 'managers', member: true }
      }
    ]);
    expect(eventsFor('managers-out', {}, config)).toEqual([
      {
        type: 'CONFIGURE',
        change: { set: 'group-membership', username: bob, group: 'managers', member: false }
      }
    ]);
    expect(eventsFor('guest-off', {}, config)).toEqual([
      { type: 'CONFIGURE', change: { set: 'guest-access', allow: false } }
    ]);
    expect(eventsFor('credentials-without-logins', {}, config)).toEqual([
      { type: 'GET_CREDENTIALS', withoutLogins: true }
    ]);
    expect(eventsFor('call-api-access', {}, config)).toEqual([
      { type: 'CALL_API', orderId: '42', token: 'access' }
    ]);
    expect(eventsFor('me-id', {}, config)).toEqual([{ type: 'GET_PROFILE', token: 'id' }]);
    expect(eventsFor('call-iam-api', {}, config)).toEqual([{ type: 'CALL_IAM_API', orderId: '42' }]);
    // Every action has a gate, so the panel can ask the app whether it is possible.
    for (const action of TRY_ACTIONS) expect(gateEvent(action.id, {}, config)).toBeDefined();
  });

  it('says why the AWS_IAM call and GetCredentialsForIdentity are impossible', () => {
    expect(whyImpossible('call-iam-api', {}, false)).toMatch(/^The app holds no AWS credentials/);
    expect(whyImpossible('credentials-without-logins', {}, false)).toMatch(/^The app holds no identity id/);
    expect(whyImpossible('call-iam-api', {}, true)).toBe('The app is in the middle of a call.');
  });

  it('says what a console change did, or why the console refused it', () => {
    expect(
      configureSummary({ action: 'CONFIGURE', ok: true, data: { summary: 'Guest access is on.' } })
    ).toBe('Guest access is on. Nothing crossed the wire: the next request meets the new setting.');
    expect(
      configureSummary({
        action: 'CONFIGURE',
        ok: false,
        error: { code: 'ResourceNotFoundException', message: 'Group not found.' }
      })
    ).toBe('The console refused it (ResourceNotFoundException): Group not found. Nothing changed.');
    expect(configureSummary({ action: 'CALL_API', ok: true })).toBe('Nothing changed.');
  });
});

describe('checkClaimEdit', () => {
  const claims = { email: 'a@example.com', exp: 1, __proto__: { polluted: true } };

  it('refuses names that would not be claims', () => {
    expect(checkClaimEdit({ claim: '__proto__', kind: 'text', raw: 'x' }, claims)).toMatchObject({
      ok: false,
      errors: { claim: 'Choose one of the token’s claims.' }
    });
  });

  it('points a pasted whole JWT to the inspector', () => {
    const check = checkClaimEdit(
      { claim: 'email', kind: 'text', raw: 'eyJhbGciOiJIUzI1NiJ9.e30.abc' },
      claims
    );
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.errors.value).toMatch(/looks like a whole JWT/);
  });

  it('accepts markup as text and says it is shown as text', () => {
    const check = checkClaimEdit({ claim: 'email', kind: 'text', raw: '<b>x</b>' }, claims);
    expect(check).toMatchObject({ ok: true, value: '<b>x</b>' });
    if (check.ok) expect(check.notes[0]).toMatch(/shown as text/);
  });

  it('says nothing was sent when there was nothing to send', () => {
    expect(resultSummary([])).toBe('Nothing was sent.');
  });
});
