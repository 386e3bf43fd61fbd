// The sandbox session: actions in any order, refusals explained, and a replay that gives the same exchanges without the secrets.
import { describe, expect, it } from 'vitest';
import type { SandboxAction, SandboxDraft } from '../../src/lib/sandbox/actions';
import { ALL_ACTION_KEYS } from '../../src/lib/sandbox/availability';
import { outcomeSentence } from '../../src/lib/sandbox/describe';
import { createSandboxSession, replaySandbox, type SandboxSession } from '../../src/lib/sandbox/session';
import { decodeShare, encodeShare } from '../../src/lib/sandbox/share';
import type { TraceEntry } from '../../src/lib/sim';
import { testKeys } from '../support/keys';

const NOW = Date.UTC(2026, 10, 28, 9, 0, 0);

const hops = (entries: readonly TraceEntry[]) =>
  entries.map(
    (e) => `${e.from}→${e.to} ${e.operation} ${e.response.status}${e.error ? ` ${e.error.code}` : ''}`
  );

async function perform(session: SandboxSession, draft: SandboxDraft) {
  const result = await session.perform(draft);
  if (!result.ok) throw new Error(`refused: ${result.reason}`);
  return result.performed;
}

/** Shares the session, decodes the link and replays it on a fresh world with the same seed. */
async function shareAndReplay(session: SandboxSession) {
  const encoded = encodeShare({ seed: session.seed, actions: session.actions() });
  if (!encoded.ok) throw new Error(encoded.error.message);
  const decoded = decodeShare(encoded.value);
  if (!decoded.ok) throw new Error(decoded.error.message);
  const replayed = await replaySandbox(decoded.value.actions, {
    seed: decoded.value.seed,
    now: NOW,
    keys: testKeys
  });
  if (!replayed.ok) throw new Error(replayed.error);
  return replayed.session;
}

describe('figure 4, one action at a time', () => {
  it('says a refusal’s status once: an expired token at API Gateway is “Refused (401)”, never “401 401”', async () => {
    const session = await createSandboxSession({ seed: 'sandbox', now: NOW, keys: testKeys });
    await perform(session, { do: 'sign-in', username: 'alice', password: 'Correct-Horse-42', flow: 'srp' });
    await perform(session, { do: 'advance-clock', minutes: 61 });
    const call = await perform(session, { do: 'call-api', orderId: '42' });
    expect(call.last).toMatchObject({ ok: false, status: 401 });
    const sentence = outcomeSentence(call.action, call.last, { now: NOW });
    expect(sentence).toMatch(/^Refused \(401\b/);
    expect(sentence).not.toMatch(/401 401/);
    // A real error code is still named, once, beside the status.
    expect(
      outcomeSentence(
        { do: 'read-order', orderId: '42' },
        {
          ok: false,
          status: 400,
          error: {
            code: 'ExpiredTokenException',
            message: 'The security token included in the request is expired'
          }
        },
        { now: NOW }
      )
    ).toBe('Refused (400 ExpiredTokenException): The security token included in the request is expired.');
  });

  it('signs in with SRP, gets an identity id and credentials, and reads order 42 with a signed GetItem', async () => {
    const session = await createSandboxSession({ seed: 'sandbox', now: NOW, keys: testKeys });
    expect(session.holdings().state).toBe('ready.anonymous');
    await perform(session, { do: 'sign-in', username: 'alice', password: 'Correct-Horse-42', flow: 'srp' });
    expect(session.holdings()).toMatchObject({
      state: 'ready.signedIn',
      username: 'alice',
      tokens: { refresh: true }
    });
    const getId = await perform(session, { do: 'get-id', provider: 'user-pool' });
    expect(session.holdings().identityId).toMatch(/^us-east-1:/);
    await perform(session, { do: 'get-credentials' });
    const holdings = session.holdings();
    expect(holdings.state).toBe('ready.holdingCredentials');
    expect(holdings.credentials?.expiration).toBeGreaterThan(NOW);
    const read = await perform(session, { do: 'read-order', orderId: '42' });
    expect(read.last).toMatchObject({ ok: true, status: 200 });
    expect(outcomeSentence(read.action, read.last, { now: NOW })).toMatch(
      /order 42 — orderId: 42, customer: alice/
    );
    expect(hops(session.world.trace.entries)).toEqual([
      'app→user-pool InitiateAuth 200',
      'app→user-pool RespondToAuthChallenge 200',
      'app→identity-pool GetId 200',
      expect.stringMatching(/^identity-pool→user-pool GET .*jwks\.json 200$/),
      'app→identity-pool GetCredentialsForIdentity 200',
      'identity-pool→sts AssumeRoleWithWebIdentity 200',
      'app→dynamodb GetItem 200'
    ]);
    expect(getId.from).toBe(2);
    expect(getId.entries).toHaveLength(2);
    expect(session.actions()).toEqual([
      { do: 'sign-in', username: 'alice', flow: 'srp', password: 'known' },
      { do: 'get-id', provider: 'user-pool' },
      { do: 'get-credentials' },
      { do: 'read-order', orderId: '42' }
    ]);

    const replay = await shareAndReplay(session);
    expect(hops(replay.world.trace.entries)).toEqual(hops(session.world.trace.entries));
    expect(replay.holdings().identityId).toBe(session.holdings().identityId);
    session.stop();
    replay.stop();
  });
});

describe('what is not possible is refused with a reason, never sent', () => {
  it('explains every unavailable action of a fresh app', async () => {
    const session = await createSandboxSession({ seed: 'sandbox', now: NOW, keys: testKeys });
    const unavailable = Object.fromEntries(
      ALL_ACTION_KEYS.flatMap((key) => {
        const result = session.availability(key);
        return result.ok ? [] : [[key, result.reason]];
      })
    );
    expect(Object.keys(unavailable).sort()).toEqual(
      [
        'confirm-sign-up',
        'refresh',
        'sign-out',
        'jwt-to-dynamodb',
        'get-id:user-pool',
        'get-id:google',
        'get-credentials',
        'get-credentials-without-logins',
        'get-open-id-token',
        'assume-role',
        'read-order',
        'call-iam-api',
        'put-note',
        'query-notes',
        'upload-avatar',
        'list-folder'
      ].sort()
    );
    expect(unavailable['jwt-to-dynamodb']).toBe('Sign in first: there is no ID token to send.');
    expect(unavailable['read-order']).toMatch(/Get AWS credentials first/);
    const refused = await session.perform({ do: 'jwt-to-dynamodb', orderId: '42' });
    expect(refused).toEqual({ ok: false, reason: 'Sign in first: there is no ID token to send.' });
    expect(session.world.trace.entries).toHaveLength(0);
    expect(session.performed).toHaveLength(0);
    session.stop();
  });

  it('asking whether the clock can move does not move it', async () => {
    const session = await createSandboxSession({ seed: 'sandbox', now: NOW, keys: testKeys });
    expect(session.availability('advance-clock').ok).toBe(true);
    expect(session.world.clock.now()).toBe(NOW);
    await perform(session, { do: 'advance-clock', minutes: 61 });
    expect(session.world.clock.now()).toBe(NOW + 61 * 60_000);
    session.stop();
  });

  it('an action the app cannot take is refused while another is running', async () => {
    const session = await createSandboxSession({ seed: 'sandbox', now: NOW, keys: testKeys });
    const first = session.perform({
      do: 'sign-in',
      username: 'alice',
      password: 'Correct-Horse-42',
      flow: 'srp'
    });
    const second = await session.perform({ do: 'call-api', orderId: '42' });
    expect(second).toEqual({ ok: false, reason: 'Wait: the app is still busy with the last action.' });
    expect((await first).ok).toBe(true);
    session.stop();
  });
});

describe('replays give the pool the same answers without the learner’s secrets', () => {
  it('a registration with a weak password, a wrong code, the right code and sign-ins', async () => {
    const session = await createSandboxSession({ seed: 'reg', now: NOW, keys: testKeys });
    const weak = await perform(session, {
      do: 'sign-up',
      username: 'carol',
      email: 'carol@example.com',
      password: 'abcdefgh'
    });
    expect(weak.last?.error).toEqual({
      code: 'InvalidPasswordException',
      message: 'Password did not conform with policy: Password must have uppercase characters'
    });
    await perform(session, {
      do: 'sign-up',
      username: 'carol',
      email: 'carol@example.com',
      password: 'Orange-Cat-77'
    });
    expect(session.holdings()).toMatchObject({
      state: 'ready.awaitingConfirmation',
      pending: { username: 'carol', email: 'carol@example.com' }
    });
    await perform(session, { do: 'sign-in', username: 'carol', flow: 'password', password: 'Orange-Cat-77' });
    const code = session.world.inbox.latest('carol@example.com')?.code ?? '';
    await perform(session, { do: 'confirm-sign-up', code: code === '111111' ? '222222' : '111111' });
    await perform(session, { do: 'confirm-sign-up', code });
    await perform(session, { do: 'sign-in', username: 'CAROL', flow: 'srp', password: 'nope' });
    await perform(session, { do: 'sign-in', username: 'carol', flow: 'srp', password: 'Orange-Cat-77' });
    await perform(session, {
      do: 'sign-in',
      username: 'mallory',
      flow: 'password',
      password: 'Whatever-123'
    });
    expect(
      session.actions().map((a) => ('password' in a ? a.password : 'code' in a ? a.code : a.do))
    ).toEqual(['no-upper', 'valid', 'known', 'wrong', 'inbox', 'wrong', 'known', 'wrong']);
    const codes = (s: SandboxSession) => s.performed.map((p) => (p.last?.ok ? 'ok' : p.last?.error?.code));
    expect(codes(session)).toEqual([
      'InvalidPasswordException',
      'ok',
      'UserNotConfirmedException',
      'CodeMismatchException',
      'ok',
      'NotAuthorizedException',
      'ok',
      expect.stringMatching(/NotAuthorizedException|UserNotFoundException/)
    ]);
    const replay = await shareAndReplay(session);
    expect(codes(replay)).toEqual(codes(session));
    expect(replay.performed.map((p) => p.last?.error?.message)).toEqual(
      session.performed.map((p) => p.last?.error?.message)
    );
    expect(hops(replay.world.trace.entries)).toEqual(hops(session.world.trace.entries));
    session.stop();
    replay.stop();
  });

  it('Google, guest, notes, the basic flow, the API, refresh, sign-out and the clock', async () => {
    const session = await createSandboxSession({ seed: 'mix', now: NOW, keys: testKeys });
    const drafts: SandboxDraft[] = [
      { do: 'call-api', orderId: '42' },
      { do: 'get-id', provider: 'guest' },
      { do: 'get-credentials' },
      { do: 'read-order', orderId: '42' },
      { do: 'google-sign-in', email: 'dana@gmail.com' },
      { do: 'get-id', provider: 'google' },
      { do: 'get-credentials' },
      { do: 'put-note', text: 'From Google' },
      { do: 'query-notes', whose: 'own' },
      { do: 'query-notes', whose: 'other' },
      { do: 'sign-in', username: 'bob', flow: 'password', password: 'Battery-Staple-7' },
      { do: 'call-api', orderId: '42' },
      { do: 'call-api', orderId: '7' },
      { do: 'jwt-to-dynamodb', orderId: '7' },
      { do: 'get-id', provider: 'user-pool' },
      { do: 'get-open-id-token' },
      { do: 'assume-role', role: 'authenticated' },
      { do: 'advance-clock', minutes: 61 },
      { do: 'call-api', orderId: '7' },
      { do: 'refresh' },
      { do: 'call-api', orderId: '7' },
      { do: 'sign-out' },
      { do: 'call-api', orderId: '7' }
    ];
    for (const draft of drafts) await perform(session, draft);
    const statuses = session.performed.map((p) => p.last?.status ?? (p.last?.ok ? 'ok' : 'failed'));
    expect(statuses).toEqual([
      401,
      200,
      200,
      400,
      'ok',
      200,
      200,
      200,
      200,
      400,
      200,
      403,
      200,
      400,
      200,
      200,
      200,
      'ok',
      401,
      200,
      200,
      200,
      401
    ]);
    expect(session.holdings().state).toBe('ready.anonymous');
    const replay = await shareAndReplay(session);
    expect(hops(replay.world.trace.entries)).toEqual(hops(session.world.trace.entries));
    session.stop();
    replay.stop();
  });
});

describe('replaying a link is all or nothing', () => {
  it('stops at an action that was not possible at its turn, and names it', async () => {
    const actions: SandboxAction[] = [
      { do: 'get-id', provider: 'guest' },
      { do: 'read-order', orderId: '42' }
    ];
    const result = await replaySandbox(actions, { seed: 'sandbox', now: NOW, keys: testKeys });
    expect(result).toEqual({
      ok: false,
      error:
        'Action 2 of the link could not be done at that point: Get AWS credentials first: there is nothing to sign GetItem with.'
    });
  });
});

describe('the console: guest access, groups, role mappings and trust policies as actions', () => {
  const sessionAt = () => createSandboxSession({ seed: 'sandbox', now: NOW, keys: testKeys });
  const signIn = (username: string, password: string): SandboxDraft => ({
    do: 'sign-in',
    username,
    password,
    flow: 'srp'
  });
  const assumed = (performed: { entries: TraceEntry[] }) =>
    /assumed-role\/(\w+)\//.exec(performed.entries.at(-1)?.response.body ?? '')?.[1];

  it('drops Logins: signed in, yet a guest; an authenticated identity is refused without them', async () => {
    const session = await sessionAt();
    await perform(session, signIn('alice', 'Correct-Horse-42'));
    await perform(session, { do: 'get-id', provider: 'guest' });
    const guest = await perform(session, { do: 'get-credentials-without-logins' });
    expect(JSON.parse(guest.entries[0]!.request.body)).not.toHaveProperty('Logins');
    expect(assumed(guest)).toBe('TwoPools_Guest');
    await perform(session, { do: 'get-id', provider: 'user-pool' });
    const refused = await perform(session, { do: 'get-credentials-without-logins' });
    expect(refused.last?.error).toEqual({
      code: 'NotAuthorizedException',
      message: `Access to Identity '${session.holdings().identityId}' is forbidden.`
    });
    const off = await perform(session, { do: 'guest-access', allow: false });
    expect(off.entries).toEqual([]);
    expect(outcomeSentence(off.action, off.last, { now: NOW })).toMatch(/^Guest access is off/);
    const noGuest = await perform(session, { do: 'get-id', provider: 'guest' });
    expect(noGuest.last?.error?.message).toBe(
      'Unauthenticated access is not supported for this identity pool.'
    );
    session.stop();
  });

  it('puts bob in "managers" and maps the group to TwoPools_Managers; a share link replays it', async () => {
    const session = await sessionAt();
    await perform(session, { do: 'managers', member: true });
    await perform(session, { do: 'role-mapping', mapping: 'token' });
    await perform(session, signIn('bob', 'Battery-Staple-7'));
    await perform(session, { do: 'get-id', provider: 'user-pool' });
    expect(assumed(await perform(session, { do: 'get-credentials' }))).toBe('TwoPools_Managers');
    await perform(session, { do: 'role-mapping', mapping: 'rules' });
    expect(assumed(await perform(session, { do: 'get-credentials' }))).toBe('TwoPools_Managers');
    await perform(session, { do: 'managers', member: false });
    await perform(session, signIn('bob', 'Battery-Staple-7'));
    await perform(session, { do: 'get-id', provider: 'user-pool' });
    // Out of the group: no rule matches, and the ambiguous case falls back to the authenticated role.
    expect(assumed(await perform(session, { do: 'get-credentials' }))).toBe('TwoPools_Authenticated');
    await perform(session, { do: 'role-mapping', mapping: 'none' });
    expect(session.world.identityPool.describe().roleMappings).toEqual({});

    const replay = await shareAndReplay(session);
    expect(hops(replay.world.trace.entries)).toEqual(hops(session.world.trace.entries));
    session.stop();
    replay.stop();
  });

  it('edits a trust policy as typed: a refused one is explained and changes nothing; a wrong aud breaks credentials', async () => {
    const session = await sessionAt();
    const role = 'TwoPools_Authenticated';
    const before = structuredClone(session.world.roles.byName(role)?.trustPolicy);
    const broken = await perform(session, {
      do: 'trust-policy',
      role,
      document: '{"Version": "2012-10-17",'
    });
    expect(broken.last).toMatchObject({
      ok: false,
      error: { code: 'MalformedPolicyDocument', message: 'Syntax errors in policy.' }
    });
    expect(outcomeSentence(broken.action, broken.last, { now: NOW })).toMatch(
      /^Refused \(MalformedPolicyDocument\): Syntax errors in policy\. The text is not JSON.*Nothing changed/
    );
    expect(session.world.roles.byName(role)?.trustPolicy).toEqual(before);

    const poolId = session.world.config.identityPool.id;
    const typo = `${poolId.slice(0, -1)}${poolId.endsWith('0') ? '1' : '0'}`;
    const document = JSON.stringify(before).replace(poolId, typo);
    expect((await perform(session, { do: 'trust-policy', role, document })).last?.ok).toBe(true);
    await perform(session, signIn('alice', 'Correct-Horse-42'));
    await perform(session, { do: 'get-id', provider: 'user-pool' });
    const refused = await perform(session, { do: 'get-credentials' });
    expect(refused.last?.error?.code).toBe('InvalidIdentityPoolConfigurationException');
    await perform(session, { do: 'trust-policy', role, document: JSON.stringify(before) });
    expect((await perform(session, { do: 'get-credentials' })).last?.ok).toBe(true);

    const replay = await shareAndReplay(session);
    expect(hops(replay.world.trace.entries)).toEqual(hops(session.world.trace.entries));
    session.stop();
    replay.stop();
  });
});

describe('which token, which route: the access token, GET /me and the AWS_IAM route as actions', () => {
  const sessionAt = () => createSandboxSession({ seed: 'sandbox', now: NOW, keys: testKeys });
  const signIn: SandboxDraft = {
    do: 'sign-in',
    username: 'alice',
    password: 'Correct-Horse-42',
    flow: 'srp'
  };

  it('the access token gets 401 on GET /orders/42 and 200 on GET /me; the ID token the other way round', async () => {
    const session = await sessionAt();
    await perform(session, signIn);
    const withId = await perform(session, { do: 'call-api', orderId: '42' });
    expect(withId.last).toMatchObject({ ok: true, status: 200 });
    const withAccess = await perform(session, { do: 'call-api', orderId: '42', token: 'access' });
    expect(withAccess.entries[0]?.carries.map((c) => c.kind)).toEqual(['access-token']);
    expect(withAccess.last).toMatchObject({ ok: false, status: 401 });
    expect(outcomeSentence(withAccess.action, withAccess.last, { now: NOW })).toBe(
      'Refused (401): Unauthorized. GET /orders/{id} has no OAuth scopes, so its Cognito authorizer wants the ID token.'
    );
    const meWithId = await perform(session, { do: 'get-profile', token: 'id' });
    expect(meWithId.entries[0]?.request.url).toMatch(/\/me$/);
    expect(meWithId.last).toMatchObject({ ok: false, status: 401 });
    expect(outcomeSentence(meWithId.action, meWithId.last, { now: NOW })).toMatch(
      /^Refused \(401\): Unauthorized\. GET \/me has the OAuth scope aws\.cognito\.signin\.user\.admin/
    );
    const meWithAccess = await perform(session, { do: 'get-profile', token: 'access' });
    expect(meWithAccess.last).toMatchObject({ ok: true, status: 200 });
    expect(outcomeSentence(meWithAccess.action, meWithAccess.last, { now: NOW })).toMatch(
      /^200 OK: sub: [0-9a-f-]{36}, username: alice, client_id: \w+, scope: aws\.cognito\.signin\.user\.admin, token_use: access\.$/
    );
    expect(session.actions().slice(1)).toEqual([
      { do: 'call-api', orderId: '42' },
      { do: 'call-api', orderId: '42', token: 'access' },
      { do: 'get-profile', token: 'id' },
      { do: 'get-profile', token: 'access' }
    ]);

    const replay = await shareAndReplay(session);
    expect(hops(replay.world.trace.entries)).toEqual(hops(session.world.trace.entries));
    session.stop();
    replay.stop();
  });

  it('the AWS_IAM route needs credentials, says so, and answers 200 to a signed request with no token', async () => {
    const session = await sessionAt();
    expect(session.availability('call-iam-api')).toEqual({
      ok: false,
      reason:
        'Get an identity id and AWS credentials first (GetId, then GetCredentialsForIdentity): the AWS_IAM route takes only requests signed with them.'
    });
    await perform(session, signIn);
    await perform(session, { do: 'get-id', provider: 'user-pool' });
    expect(session.availability('call-iam-api')).toEqual({
      ok: false,
      reason:
        'Get AWS credentials first (GetCredentialsForIdentity): the AWS_IAM route takes only requests signed with them.'
    });
    expect(await session.perform({ do: 'call-iam-api', orderId: '42' })).toMatchObject({ ok: false });
    await perform(session, { do: 'get-credentials' });
    expect(session.availability('call-iam-api')).toEqual({ ok: true });
    const signed = await perform(session, { do: 'call-iam-api', orderId: '42' });
    expect(signed.last).toMatchObject({ ok: true, status: 200 });
    const [request] = signed.entries;
    expect(request?.request.url).toMatch(/\/iam\/orders\/42$/);
    expect(request?.carries.map((c) => c.kind)).not.toContain('id-token');
    expect(request?.request.headers.authorization ?? '').toMatch(
      /^AWS4-HMAC-SHA256 Credential=\w+\/\d{8}\/us-east-1\/execute-api\/aws4_request/
    );
    expect(outcomeSentence(signed.action, signed.last, { now: NOW })).toMatch(
      /^200 OK: orderId: 42, customer: alice, .* No token went with it: API Gateway checked the SigV4 signature/
    );
    // Bob's order: the signature and execute-api:Invoke pass; the function refuses another customer's order.
    const other = await perform(session, { do: 'call-iam-api', orderId: '7' });
    expect(other.last).toMatchObject({ ok: false, status: 403 });

    const replay = await shareAndReplay(session);
    expect(hops(replay.world.trace.entries)).toEqual(hops(session.world.trace.entries));
    session.stop();
    replay.stop();
  });
});

describe('S3 as actions: upload to the own folder, list it, be refused another folder', () => {
  it('needs credentials, says so, uploads and lists under the identity id, and a share link replays it', async () => {
    const session = await createSandboxSession({ seed: 'sandbox', now: NOW, keys: testKeys });
    expect(session.availability('upload-avatar')).toEqual({
      ok: false,
      reason:
        'Get an identity id and AWS credentials first: S3 takes only signed requests, and the folder is named by the identity id.'
    });
    await perform(session, { do: 'sign-in', username: 'alice', password: 'Correct-Horse-42', flow: 'srp' });
    await perform(session, { do: 'get-id', provider: 'user-pool' });
    expect(session.availability('list-folder')).toEqual({
      ok: false,
      reason: 'Get AWS credentials first: S3 takes only requests signed with them.'
    });
    await perform(session, { do: 'get-credentials' });
    const identityId = session.holdings().identityId ?? '';
    const upload = await perform(session, { do: 'upload-avatar' });
    expect(upload.last).toMatchObject({ ok: true, status: 200 });
    expect(upload.entries[0]).toMatchObject({ to: 's3', operation: 'PutObject' });
    expect(outcomeSentence(upload.action, upload.last, { now: NOW })).toBe(
      `200 OK: S3 stored private/${identityId}/avatar.png. Open the arrow to see the IAM decision and the identity id in the folder's ARN.`
    );
    const list = await perform(session, { do: 'list-folder', whose: 'own' });
    expect(outcomeSentence(list.action, list.last, { now: NOW })).toBe(
      `1 object in the folder: private/${identityId}/avatar.png.`
    );
    const other = await perform(session, { do: 'list-folder', whose: 'other' });
    expect(other.last).toMatchObject({ ok: false, status: 403, error: { code: 'AccessDenied' } });
    expect(outcomeSentence(other.action, other.last, { now: NOW })).toMatch(
      /^Refused \(403 AccessDenied\): User: arn:aws:sts::123456789012:assumed-role\/TwoPools_Authenticated\/CognitoIdentityCredentials is not authorized to perform: s3:ListBucket/
    );

    const replay = await shareAndReplay(session);
    expect(hops(replay.world.trace.entries)).toEqual(hops(session.world.trace.entries));
    session.stop();
    replay.stop();
  });
});

describe('managed login in the sandbox', () => {
  it('signs in through the browser, trades the code, and the scoped method accepts the access token; a share replays it', async () => {
    const session = await createSandboxSession({ seed: 'ml', now: NOW, keys: testKeys });
    const before = await perform(session, { do: 'call-scoped-api', orderId: '42' });
    expect(before.last?.ok).toBe(false);
    const wrong = await perform(session, { do: 'managed-login', username: 'alice', password: 'nope-Nope-1' });
    expect(hops(wrong.entries)).toEqual([
      'browser→user-pool GET /oauth2/authorize 302',
      'browser→user-pool GET /login 200',
      'browser→user-pool POST /login 200 NotAuthorizedException'
    ]);
    expect(outcomeSentence(wrong.action, wrong.last, { now: NOW })).toMatch(/^Refused/);
    const signedIn = await perform(session, {
      do: 'managed-login',
      username: 'alice',
      password: 'Correct-Horse-42'
    });
    expect(hops(signedIn.entries)).toEqual([
      'browser→user-pool GET /oauth2/authorize 302',
      'browser→user-pool GET /login 200',
      'browser→user-pool POST /login 302',
      'app→user-pool POST /oauth2/token 200'
    ]);
    expect(outcomeSentence(signedIn.action, signedIn.last, { now: NOW })).toContain('orders-api/read');
    const scoped = await perform(session, { do: 'call-scoped-api', orderId: '42' });
    expect(scoped.last?.ok).toBe(true);
    expect(session.actions()).toEqual([
      { do: 'call-scoped-api', orderId: '42' },
      { do: 'managed-login', username: 'alice', password: 'wrong' },
      { do: 'managed-login', username: 'alice', password: 'known' },
      { do: 'call-scoped-api', orderId: '42' }
    ]);
    const replayed = await shareAndReplay(session);
    expect(replayed.performed.map((p) => hops(p.entries))).toEqual(
      session.performed.map((p) => hops(p.entries))
    );
    session.stop();
    replayed.stop();
  });

  it('after an API sign-in the scoped method refuses the access token, and says why', async () => {
    const session = await createSandboxSession({ seed: 'ml2', now: NOW, keys: testKeys });
    await perform(session, { do: 'sign-in', username: 'alice', flow: 'srp', password: 'Correct-Horse-42' });
    const scoped = await perform(session, { do: 'call-scoped-api', orderId: '42' });
    expect(scoped.last?.status).toBe(401);
    expect(outcomeSentence(scoped.action, scoped.last, { now: NOW })).toContain('orders-api/read');
    session.stop();
  });

  it('offers both actions in the palette keys', () => {
    expect(ALL_ACTION_KEYS).toEqual(expect.arrayContaining(['managed-login', 'call-scoped-api']));
  });
});
