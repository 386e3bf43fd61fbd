// The inspector panel rendered from real scenario traces: every tab, the paste box's refusals, markup shown as text, focus and Escape.
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor as machineSettled } from 'xstate';
import Inspector from '../../src/lib/ui/inspector/Inspector.svelte';
import { getScenario, startRun, type ScenarioRun } from '../../src/lib/scenarios';
import { createWorld, viewOf, type TraceEntry, type WorldView } from '../../src/lib/sim';
import type { ClientEvent } from '../../src/lib/machines/client-app/machine';
import { testKeys } from '../support/keys';

const NOW = Date.UTC(2026, 10, 28, 9, 0, 0);

/** Plays a scenario to its end against a world with the shared test keys, then sends `extra` events. */
async function played(id: string, extra: ClientEvent[] = []): Promise<ScenarioRun> {
  const scenario = getScenario(id);
  if (!scenario) throw new Error(`no scenario ${id}`);
  const world = await createWorld({ seed: id, now: NOW, keys: testKeys });
  const run = await startRun(scenario, { world });
  while (!run.done) await run.next();
  for (const event of extra) {
    run.app.send(event);
    await machineSettled(run.app, (state) => state.matches('ready'));
  }
  return run;
}

function find(trace: readonly TraceEntry[], test: (entry: TraceEntry) => boolean, nth = 0): TraceEntry {
  const found = trace.filter(test)[nth];
  if (!found) throw new Error('no such entry');
  return found;
}

const mounted: { component: ReturnType<typeof mount>; target: HTMLElement }[] = [];

function render(props: {
  entry: TraceEntry;
  trace: readonly TraceEntry[];
  world?: WorldView;
  onClose?: () => void;
  appState?: unknown;
}) {
  const target = document.createElement('div');
  document.body.append(target);
  const component = mount(Inspector, {
    target,
    props: {
      entry: props.entry,
      trace: props.trace,
      // As a worker would post it: the view survives structuredClone, and the panels read only the copy.
      ...(props.world ? { world: structuredClone(props.world) } : {}),
      onClose: props.onClose ?? (() => undefined),
      ...(props.appState ? { appState: props.appState as never } : {})
    }
  });
  flushSync();
  mounted.push({ component, target });
  return target;
}

afterEach(() => {
  for (const { component, target } of mounted.splice(0)) {
    unmount(component);
    target.remove();
  }
});

/** Waits for the async inspectors (JWT, SigV4) to land in the DOM. */
async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    flushSync();
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function openTab(target: HTMLElement, name: RegExp): HTMLElement {
  const tab = [...target.querySelectorAll<HTMLButtonElement>('[role="tab"]')].find((button) =>
    name.test(button.textContent ?? '')
  );
  if (!tab) throw new Error(`no tab ${name}`);
  tab.click();
  flushSync();
  const panel = document.getElementById(tab.getAttribute('aria-controls') ?? '');
  if (!panel || panel.hidden) throw new Error(`panel of ${name} is not shown`);
  return panel;
}

const tabNames = (target: HTMLElement) =>
  [...target.querySelectorAll('[role="tab"]')].map((tab) => tab.textContent?.trim());

describe('Inspector on real traces', () => {
  it('shows the HTTP exchange of the JWT sent to DynamoDB, with the error envelope explained', async () => {
    const run = await played('jwt-to-dynamodb');
    const trace = [...run.world.trace.entries];
    const getItem = find(trace, (entry) => entry.operation === 'GetItem');
    const target = render({ entry: getItem, trace, world: viewOf(run.world) });
    expect(target.querySelector('section')?.getAttribute('aria-labelledby')).toBeTruthy();
    expect(tabNames(target)).toEqual(['HTTP', 'JWT (1)', 'SigV4', 'Machines']);
    const http = openTab(target, /^HTTP$/);
    expect(http.textContent).toContain('POST / HTTP/1.1');
    expect(http.textContent).toContain('HTTP/1.1 400 Bad Request');
    expect(http.textContent).toContain('MissingAuthenticationTokenException');
    expect(http.textContent).toContain('The AWS JSON protocol’s error envelope');
    expect(http.querySelector('table caption')?.textContent).toBe('Request headers');
    const sigv4 = openTab(target, /SigV4/);
    await until(() => /No SigV4 signature/.test(sigv4.textContent ?? ''), 'the SigV4 view');
    expect(sigv4.textContent).toContain('holds a JWT, not a SigV4 signature');
  });

  it('verifies the ID token API Gateway received against the JWKS it fetched, and compares ID and access tokens', async () => {
    const run = await played('call-api');
    const trace = [...run.world.trace.entries];
    const apiCall = find(trace, (entry) => entry.to === 'api-gateway');
    const target = render({ entry: apiCall, trace, world: viewOf(run.world) });
    const jwt = openTab(target, /^JWT/);
    await until(() => /Verification/.test(jwt.textContent ?? ''), 'the JWT view');
    expect(jwt.textContent).toContain(
      'Valid: signed by the issuer’s key, for this audience, and not expired.'
    );
    const marks = [...jwt.querySelectorAll('.checklist .visually-hidden')].map((mark) => mark.textContent);
    expect(marks.every((mark) => mark === 'passed:')).toBe(true);
    expect(marks.length).toBeGreaterThanOrEqual(8);
    // The three segments of the compact form, each in its own element.
    const segments = [...jwt.querySelectorAll('.compact .seg')].map((segment) => segment.textContent);
    expect(segments).toHaveLength(3);
    expect(segments.join('.')).toBe(run.app.getSnapshot().context.tokens?.idToken);
    expect(jwt.textContent).toContain('token_use');

    const signIn = find(trace, (entry) => entry.operation === 'RespondToAuthChallenge');
    const second = render({ entry: signIn, trace, world: viewOf(run.world) });
    const tokens = openTab(second, /^JWT/);
    await until(() => tokens.querySelectorAll('.token').length === 2, 'both tokens');
    expect(tokens.textContent).toContain('ID token and access token side by side');
    const rows = [...tokens.querySelectorAll('table')].at(-1)?.querySelectorAll('tbody tr') ?? [];
    const aud = [...rows].find((row) => row.querySelector('th')?.textContent === 'aud');
    expect(aud?.textContent).toContain('absent');
  });

  it('shows HTML inside a tampered claim as text, and names the failed signature check', async () => {
    const markup = '<img src=x onerror="globalThis.pwned=1"><script>globalThis.pwned=2</script>';
    const run = await played('call-api', [
      { type: 'TAMPER', claim: 'email', value: markup },
      { type: 'CALL_API', orderId: '42' }
    ]);
    const trace = [...run.world.trace.entries];
    const tampered = find(trace, (entry) => entry.to === 'api-gateway' && entry.outcome === 'refused');
    const target = render({ entry: tampered, trace, world: viewOf(run.world) });
    const jwt = openTab(target, /^JWT/);
    await until(() => /Verification/.test(jwt.textContent ?? ''), 'the JWT view');
    expect(target.querySelector('img')).toBeNull();
    expect(target.querySelector('script')).toBeNull();
    expect((globalThis as { pwned?: number }).pwned).toBeUndefined();
    const email = [...jwt.querySelectorAll('tbody tr')].find(
      (row) => row.querySelector('th')?.textContent === 'email'
    );
    expect(email?.querySelector('td code')?.textContent).toBe(markup);
    expect(email?.textContent).toMatch(/markup/i);
    expect(jwt.textContent).toContain('Refused (signature-invalid)');
    const failed = [...jwt.querySelectorAll('.checklist li')].filter((item) =>
      item.querySelector('.mark.fail')
    );
    expect(failed.map((item) => item.querySelector('strong')?.textContent)).toEqual(['Signature']);
    const http = openTab(target, /^HTTP$/);
    expect(http.textContent).toContain('HTTP/1.1 401 Unauthorized');
    expect(http.textContent).toMatch(/signature verifies/);
  });

  it('shows the ASIA key, a masked secret that can be revealed, and the expiry on the simulation clock', async () => {
    const run = await played('identity-pool');
    const trace = [...run.world.trace.entries];
    const credentials = find(trace, (entry) => entry.operation === 'GetCredentialsForIdentity');
    const target = render({ entry: credentials, trace, world: viewOf(run.world) });
    expect(tabNames(target)).toContain('AWS credentials');
    const panel = openTab(target, /AWS credentials/);
    const secret = run.world.credentials.all()[0]?.secretAccessKey ?? '';
    expect(panel.querySelector('.key')?.textContent).toMatch(/^ASIA[A-Z0-9]{16}$/);
    expect(panel.querySelector('.secret')?.textContent).not.toBe(secret);
    expect(panel.querySelector('.secret')?.textContent).toMatch(/•{8}/);
    const reveal = [...panel.querySelectorAll('button')].find((b) => /Reveal/.test(b.textContent ?? ''));
    reveal?.click();
    flushSync();
    expect(panel.querySelector('.secret')?.textContent).toBe(secret);
    expect(panel.querySelector('.expiry')?.textContent).toMatch(/expires in (59|60) min|expires in 1 h/);
    expect(panel.textContent).toContain('TwoPools_Authenticated');
    expect(panel.textContent).toMatch(/default authenticated role/);
  });

  it('recomputes the SigV4 of the signed GetItem and shows the matching signature', async () => {
    const run = await played('identity-pool');
    const trace = [...run.world.trace.entries];
    const getItem = find(trace, (entry) => entry.operation === 'GetItem' && entry.from === 'app');
    const target = render({ entry: getItem, trace, world: viewOf(run.world) });
    const panel = openTab(target, /SigV4/);
    await until(() => /Canonical request/.test(panel.textContent ?? ''), 'the SigV4 view');
    const canonical = panel.querySelector('[aria-label="Canonical request"]');
    expect(canonical?.textContent).toContain('POST');
    expect(canonical?.textContent).toContain('x-amz-target:DynamoDB_20120810.GetItem');
    expect(panel.textContent).toContain('The signatures match.');
    expect(panel.querySelectorAll('.marked')).toHaveLength(0);
    expect(panel.textContent).toContain('kSigning');
  });

  it('marks the signature line as the first difference when the request was signed with a wrong secret', async () => {
    const run = await played('identity-pool');
    const secret = run.app.getSnapshot().context.credentials?.secretKey ?? '';
    run.app.send({ type: 'READ_ORDER', orderId: '42', secretOverride: `${secret.slice(0, -1)}#` });
    await machineSettled(run.app, (state) => state.matches('ready'));
    const trace = [...run.world.trace.entries];
    const wrong = trace.at(-1);
    if (!wrong) throw new Error('no entry');
    expect(wrong.error?.code).toBe('InvalidSignatureException');
    const target = render({ entry: wrong, trace, world: viewOf(run.world) });
    const panel = openTab(target, /SigV4/);
    await until(() => /Canonical request/.test(panel.textContent ?? ''), 'the SigV4 view');
    const marked = [...panel.querySelectorAll('.marked')].map((line) => line.textContent ?? '');
    expect(marked).toHaveLength(2);
    expect(marked.every((line) => line.startsWith('Signature: '))).toBe(true);
    expect(marked[0]).toContain('first line that differs');
    expect(panel.textContent).toContain('They part at line 4');
  });

  it('shows what DynamoDB says it expected beside the learner’s own strings after a wrong secret', async () => {
    const run = await played('identity-pool');
    const secret = run.app.getSnapshot().context.credentials?.secretKey ?? '';
    run.app.send({ type: 'READ_ORDER', orderId: '42', secretOverride: `${secret.slice(0, -1)}#` });
    await machineSettled(run.app, (state) => state.matches('ready'));
    const trace = [...run.world.trace.entries];
    const wrong = trace.at(-1);
    if (!wrong) throw new Error('no entry');
    const target = render({ entry: wrong, trace, world: viewOf(run.world) });
    const panel = openTab(target, /SigV4/);
    await until(() => /What DynamoDB says it expected/.test(panel.textContent ?? ''), 'the expected strings');
    const section = panel.querySelector('[aria-label="What DynamoDB says it expected"]');
    const expected = section?.querySelector('[aria-label="The canonical request DynamoDB expected"]');
    // The strings quoted in DynamoDB's own message, which are the ones it recorded.
    expect(expected?.textContent).toContain('x-amz-target:DynamoDB_20120810.GetItem');
    expect(expected?.textContent).toContain(wrong.sigv4?.canonicalRequest.split('\n').at(-1));
    expect(
      section?.querySelector('[aria-label="The string to sign DynamoDB expected"]')?.textContent
    ).toContain('AWS4-HMAC-SHA256');
    expect(section?.querySelector('[aria-label="Your canonical request"]')).not.toBeNull();
    expect(section?.textContent).toContain('Both strings are the same as DynamoDB’s');
  });

  it('shows the DynamoDB decision with the allowing statement marked and the variable resolved', async () => {
    const run = await played('identity-pool');
    const trace = [...run.world.trace.entries];
    const getItem = find(trace, (entry) => entry.operation === 'GetItem' && entry.from === 'app');
    const target = render({ entry: getItem, trace, world: viewOf(run.world) });
    const panel = openTab(target, /IAM decision/);
    expect(panel.querySelector('.verdict')?.textContent).toMatch(
      /Allowed: a statement allows dynamodb:GetItem/
    );
    const marked = [...panel.querySelectorAll('.marked')].map((line) => line.textContent ?? '');
    expect(marked[0]).toMatch(/deciding statement “ReadOrders” \(Allow\)/);
    const identityId = run.app.getSnapshot().context.identityId ?? '';
    const policies = [...panel.querySelectorAll('[role="figure"]')].map((block) => block.textContent ?? '');
    const ownNotes = policies.find((json) => json.includes('OwnNotesOnly')) ?? '';
    // Variables resolved by default (the session's identity id), raw placeholders on request.
    expect(ownNotes).toContain(identityId);
    expect(panel.querySelector('.variables')?.textContent).toContain(identityId);
    const toggle = panel.querySelector<HTMLInputElement>('input[type="checkbox"]');
    toggle?.click();
    flushSync();
    const raw = [...panel.querySelectorAll('[role="figure"]')].map((block) => block.textContent ?? '');
    expect(raw.find((json) => json.includes('OwnNotesOnly'))).toContain(
      '${cognito-identity.amazonaws.com:sub}'
    );
  });

  it('shows a guest’s two refusals: the role’s permission policies and the session policy, named in words', async () => {
    const run = await played('guest-access');
    const trace = [...run.world.trace.entries];
    const getItem = find(trace, (entry) => entry.operation === 'GetItem' && entry.from === 'app');
    const target = render({ entry: getItem, trace, world: viewOf(run.world) });
    const panel = openTab(target, /IAM decision/);
    const sections = [...panel.querySelectorAll('section.decision')];
    expect(sections.map((section) => section.querySelector('.kind')?.textContent)).toEqual([
      'The role’s permission policies',
      'The session policy (passed to STS when these credentials were issued; it only narrows the role)'
    ]);
    const session = sections[1];
    expect(session?.querySelector('h4')?.textContent).toMatch(/^session policy of TwoPools_Guest\//);
    expect(session?.querySelector('.verdict')?.textContent).toMatch(/Denied by default/);
    expect(session?.textContent).toContain('The session policy is not at hand');
  });

  it('draws the machines: the app’s state, the identity and the credentials', async () => {
    const run = await played('identity-pool');
    const trace = [...run.world.trace.entries];
    const target = render({
      entry: trace[0] as TraceEntry,
      trace,
      world: viewOf(run.world),
      appState: run.app.getSnapshot().value
    });
    const panel = openTab(target, /Machines/);
    const current = [...panel.querySelectorAll('[aria-current="true"] code')].map((code) => code.textContent);
    expect(current).toEqual(['holdingCredentials', 'authenticated', 'valid']);
  });

  it('reads the simulation clock from the view: a view taken after an hour shows the credentials expired', async () => {
    const run = await played('identity-pool');
    const trace = [...run.world.trace.entries];
    const credentials = find(trace, (entry) => entry.operation === 'GetCredentialsForIdentity');
    const fresh = render({ entry: credentials, trace, world: viewOf(run.world) });
    expect(openTab(fresh, /AWS credentials/).querySelector('.expiry.expired')).toBeNull();
    run.world.clock.advance(61 * 60 * 1000);
    const later = render({
      entry: credentials,
      trace,
      world: viewOf(run.world),
      appState: run.app.getSnapshot().value
    });
    const panel = openTab(later, /AWS credentials/);
    expect(panel.querySelector('.expiry.expired')).not.toBeNull();
    expect(panel.textContent).toContain(
      `On the simulation clock, now ${new Date(run.world.clock.now()).toISOString().replace('.000Z', 'Z')}.`
    );
    // Nothing has looked at the credentials since: their machine is still valid, and the panel says it will not be.
    const machines = openTab(later, /Machines/);
    const current = [...machines.querySelectorAll('[aria-current="true"] code')].map(
      (code) => code.textContent
    );
    expect(current).toEqual(['holdingCredentials', 'authenticated', 'valid']);
    expect(machines.textContent).toContain(
      'Its expiration has passed on the simulation clock: the next service to look will find it expired.'
    );
  });

  it('moves focus to its heading when opened and calls onClose on Escape', async () => {
    const run = await played('sign-in');
    const trace = [...run.world.trace.entries];
    let closed = 0;
    const target = render({
      entry: trace[0] as TraceEntry,
      trace,
      world: viewOf(run.world),
      onClose: () => closed++
    });
    await until(() => document.activeElement?.tagName === 'H2', 'focus on the heading');
    expect(document.activeElement?.textContent).toMatch(/Inspecting exchange 1: InitiateAuth/);
    const selected = () => target.querySelector<HTMLButtonElement>('[role="tab"][aria-selected="true"]');
    expect(selected()?.textContent).toBe('HTTP');
    selected()?.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    await until(() => document.activeElement === selected(), 'focus on the next tab');
    expect(selected()?.textContent).toBe('JWT');
    selected()?.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true }));
    flushSync();
    expect(selected()?.textContent).toBe('Machines');
    document.activeElement?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(closed).toBe(1);
  });
});

describe('Tokens nobody has verified yet (figure 1)', () => {
  it('shows the pool’s fresh tokens as checked against its published keys, never refused, and adds no trace entry', async () => {
    const run = await played('sign-in');
    const trace = [...run.world.trace.entries];
    const issued = find(trace, (entry) => /IdToken/.test(entry.response.body ?? ''));
    const before = run.world.trace.entries.length;
    const target = render({ entry: issued, trace, world: viewOf(run.world) });
    const jwt = openTab(target, /^JWT/);
    await until(() => jwt.querySelectorAll('.summary').length >= 2, 'the verdicts');
    expect(jwt.textContent).not.toMatch(/Refused/);
    expect(jwt.textContent).not.toMatch(/jwks-unavailable/);
    expect(jwt.textContent).toContain(
      `the JWKS the issuer publishes at ${run.world.config.userPool.jwksUri}`
    );
    expect(jwt.querySelectorAll('.summary .mark.fail')).toHaveLength(0);
    expect(run.world.trace.entries.length).toBe(before);
  });

  it('without a world to read the keys from, says “not checked yet” and where the issuer publishes them', async () => {
    const run = await played('sign-in');
    const trace = [...run.world.trace.entries];
    const issued = find(trace, (entry) => /IdToken/.test(entry.response.body ?? ''));
    const target = render({ entry: issued, trace });
    const jwt = openTab(target, /^JWT/);
    await until(() => jwt.querySelectorAll('.summary').length >= 2, 'the verdicts');
    expect(jwt.textContent).not.toMatch(/Refused/);
    expect(jwt.querySelector('.summary')?.textContent).toMatch(/Not checked yet/);
    expect(jwt.querySelector('.summary')?.textContent).toContain(run.world.config.userPool.jwksUri);
    expect(jwt.querySelectorAll('.summary .mark.fail')).toHaveLength(0);
  });
});

describe('Paste a token to inspect', () => {
  async function pasteBox(scenario = 'sign-in') {
    const run = await played(scenario);
    const trace = [...run.world.trace.entries];
    const target = render({ entry: trace[0] as TraceEntry, trace, world: viewOf(run.world) });
    const panel = openTab(target, /^JWT/);
    const field = panel.querySelector('textarea') as HTMLTextAreaElement;
    const form = panel.querySelector('form') as HTMLFormElement;
    const paste = async (text: string) => {
      field.value = text;
      field.dispatchEvent(new Event('input', { bubbles: true }));
      flushSync();
      form.requestSubmit();
      await until(() => panel.querySelector('.error, .token') !== null, 'a verdict');
      return panel;
    };
    return { paste, field, run };
  }

  it('refuses a token over 8 KiB before decoding, shows it as text, and keeps what was pasted', async () => {
    const { paste, field } = await pasteBox();
    const huge = `eyJ${'A'.repeat(1_000_000)}.x.y`;
    const started = performance.now();
    const panel = await paste(huge);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(panel.querySelector('.error')?.textContent).toMatch(
      /1,000,007 characters.*8 KiB.*before a single byte/
    );
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.value).toBe(huge);
    await until(
      () => /refused before a single byte was decoded/.test(panel.textContent ?? ''),
      'the refusal'
    );
    expect(panel.textContent).toMatch(/and [\d,]+ more characters, not shown/);
  });

  it('says why text that is not a JWT, or not JSON, is rejected, and shows HTML as text', async () => {
    const { paste } = await pasteBox();
    let panel = await paste('hello world');
    expect(panel.textContent).toMatch(/Not shown as a JWT:/);

    const base64url = (text: string) => btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    const notJson = `${base64url('{"alg":"RS256"}')}.${base64url('<b>not json</b>')}.c2ln`;
    panel = await paste(notJson);
    await until(() => /decodes to HTML-like text, not JSON/.test(panel.textContent ?? ''), 'the reason');
    expect(panel.querySelector('b')).toBeNull();
    expect(panel.textContent).toContain('<b>not json</b>');
  });

  it('says a pasted access token is not what the API method accepts, and why (no OAuth scopes: the ID token)', async () => {
    const { paste, run } = await pasteBox('call-api');
    const accessToken = run.app.getSnapshot().context.tokens?.accessToken ?? '';
    const panel = await paste(accessToken);
    await until(() => /Verification/.test(panel.querySelector('form')?.textContent ?? ''), 'the verdict');
    const form = panel.querySelector('form')?.textContent ?? '';
    expect(form).not.toMatch(/the kind of token needed here/);
    expect(panel.querySelector('form .summary')?.textContent).toMatch(/token-use-mismatch/);
    const tokenUse = [...panel.querySelectorAll('form .checklist li')].find((item) =>
      /token_use/.test(item.textContent ?? '')
    );
    expect(tokenUse?.querySelector('.mark.fail')).not.toBeNull();
    expect(tokenUse?.textContent).toMatch(
      /accepts only the user pool’s ID token: the method has no OAuth scopes/
    );
  });

  it('verifies a genuine pasted ID token against this pool', async () => {
    const { paste, run } = await pasteBox();
    const idToken = run.app.getSnapshot().context.tokens?.idToken ?? '';
    const panel = await paste(idToken);
    await until(() => /Verification/.test(panel.querySelector('form')?.textContent ?? ''), 'the verdict');
    const verdict = panel.querySelector('form .summary')?.textContent ?? '';
    // No verifier fetched the pool's JWKS in figure 1: the token is checked against the keys the pool
    // publishes (read without a request), never called refused.
    expect(verdict).not.toMatch(/Refused/);
    expect(verdict).toMatch(/Valid: .*keys the issuer publishes/);
    expect(panel.querySelector('form')?.textContent).toContain('user-pool ID token');
  });
});
