// Model-based test of the client app against a real world: random command sequences never let a bad token or key through.

import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createActor, waitFor, type Actor } from 'xstate';
import { clientAppMachine, type ClientEvent } from '../../src/lib/machines/client-app/machine';
import { ordersFunctionRoleArn } from '../../src/lib/sim/iam/roles';
import { createRandom } from '../../src/lib/sim/random';
import { createWorld, type TraceEntry, type World } from '../../src/lib/sim';
import { testKeys } from '../support/keys';

const NOW = Date.UTC(2026, 10, 28, 9, 0, 0);
const SEED = 20261128;
const MINUTE = 60_000;
/** SigV4: a request whose X-Amz-Date is more than 15 minutes from the receiver's clock is refused. */
const SIGV4_SKEW_MS = 15 * MINUTE;

type App = Actor<typeof clientAppMachine>;

/**
 * What the test expects, kept apart from the app and the world: the clock, every ID token the user pool
 * issued (as issued), and what the app should be holding. Each command predicts from it and then updates it.
 */
interface Model {
  now: number;
  /** ID tokens exactly as the pool returned them, with their `exp` (epoch seconds). */
  issuedIdTokens: Map<string, number>;
  app: AppMemory;
  commands: number;
}

interface AppMemory {
  /** The demo user the tokens belong to (order 42 is the first one's). */
  user?: number;
  /** The ID token the app holds, perhaps tampered with. */
  idToken?: string;
  /** When the access token (the one GlobalSignOut presents) expires, epoch ms. */
  accessTokenExpiresAt?: number;
  identity?: 'guest' | 'user';
  credentials?: { role: 'guest' | 'authenticated'; expiration: number };
  /** An SRP sign-in half done (START_SRP_SIGN_IN): whose, with the right password or not, and when the pool issued it. */
  challenge?: { user: number; right: boolean; issuedAt: number };
}

/** Cognito's default authentication session validity: a challenge answered later than this has lapsed. */
const CHALLENGE_LIFETIME_MS = 3 * MINUTE;

/**
 * What the runs exercised, by kind (`api 200`, `api 401: tampered`, ...). The test fails if a kind never
 * happens, so a change that makes the random walks miss the interesting cases cannot pass silently.
 */
type Coverage = Map<string, number>;

interface Real {
  world: World;
  app: App;
  /** Errors the actor reported (an actor in an error state). */
  errors: unknown[];
  reloads: number;
  coverage: Coverage;
}

function count(coverage: Coverage, kind: string): void {
  coverage.set(kind, (coverage.get(kind) ?? 0) + 1);
}

function startApp(real: Pick<Real, 'world' | 'errors'>, reload: number): App {
  const app = createActor(clientAppMachine, {
    input: { world: real.world, random: createRandom(`property:app:${reload}`) }
  });
  app.subscribe({ error: (error) => real.errors.push(error) });
  return app.start();
}

function decodePayload(token: string): Record<string, unknown> | undefined {
  const payload = token.split('.')[1];
  if (payload === undefined) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return typeof claims === 'object' && claims !== null ? (claims as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function jsonBody(message: { body: string }): Record<string, unknown> {
  try {
    const body: unknown = JSON.parse(message.body);
    return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Records the ID token a user-pool answer carries: what the pool issued, byte for byte. */
function learnIssuedToken(model: Model, entry: TraceEntry): string | undefined {
  if (entry.to !== 'user-pool' || entry.response.status !== 200) return undefined;
  const result = jsonBody(entry.response).AuthenticationResult as { IdToken?: unknown } | undefined;
  if (typeof result?.IdToken !== 'string') return undefined;
  const exp = decodePayload(result.IdToken)?.exp;
  model.issuedIdTokens.set(result.IdToken, typeof exp === 'number' ? exp : -Infinity);
  return result.IdToken;
}

/**
 * Why a token should not be trusted at `at`, in the test's own terms; undefined when it should be.
 * Tampered: not byte for byte a token the pool issued. Expired: RFC 7519 §4.1.4, "on or after" `exp`.
 */
function tokenFault(model: Model, token: string | undefined, at: number) {
  if (token === undefined) return 'no token';
  const exp = model.issuedIdTokens.get(token);
  if (exp === undefined) return 'tampered';
  return at < exp * 1000 ? undefined : 'expired';
}

/** Re-signs the request with @smithy/signature-v4 and the secret STS issued: our signer and verifier are not trusted. */
async function signatureFault(entry: TraceEntry, world: World): Promise<string | undefined> {
  const headers = entry.request.headers;
  const authorization = headers.authorization ?? '';
  const match =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=[0-9a-f]{64}$/.exec(
      authorization
    );
  if (!match) return `no SigV4 Authorization header: ${authorization.slice(0, 40)}`;
  const [, accessKeyId, region = '', service = '', signedHeaders = ''] = match;
  const session = world.credentials.all().find((s) => s.accessKeyId === accessKeyId);
  if (!session) return `unknown access key ${accessKeyId}`;
  if (entry.at >= session.expiration)
    return `credentials expired at ${session.expiration}, request at ${entry.at}`;
  const amzDate = headers['x-amz-date'] ?? '';
  const signingDate = Date.parse(
    amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z')
  );
  if (!Number.isFinite(signingDate) || Math.abs(entry.at - signingDate) > SIGV4_SKEW_MS)
    return `X-Amz-Date ${amzDate} too far from ${new Date(entry.at).toISOString()}`;
  const url = new URL(entry.request.url);
  const toSign: Record<string, string> = {};
  for (const name of signedHeaders.split(';')) {
    // smithy adds these two itself, from the date and the credentials.
    if (name === 'x-amz-date' || name === 'x-amz-security-token') continue;
    toSign[name] = name === 'host' ? url.host : (headers[name] ?? '');
  }
  const signer = new SignatureV4({
    credentials: {
      accessKeyId: session.accessKeyId,
      secretAccessKey: session.secretAccessKey,
      sessionToken: session.sessionToken
    },
    region,
    service,
    sha256: Sha256,
    applyChecksum: false
  });
  const signed = await signer.sign(
    {
      method: entry.request.method,
      protocol: url.protocol,
      hostname: url.hostname,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: toSign,
      body: entry.request.body
    },
    { signingDate: new Date(signingDate) }
  );
  if (signed.headers.authorization !== authorization)
    return 'the signature does not verify with the issued secret';
  return undefined;
}

/** The invariants, checked on the exchanges one command caused (in request order). */
async function checkEntries(
  model: Model,
  real: Real,
  entries: TraceEntry[],
  step: string
): Promise<string | undefined> {
  const { config } = real.world;
  let issued: string | undefined;
  for (const entry of entries) {
    issued = learnIssuedToken(model, entry) ?? issued;
    const where = `${step}: ${entry.from} → ${entry.to} ${entry.operation} (${entry.id}) answered ${entry.response.status}`;
    // (a) A simulated service that threw answers 500 InternalErrorException: never acceptable.
    expect(entry.response.status, where).toBeLessThan(500);

    if (entry.from === 'app' && entry.to === 'api-gateway') {
      const fault = tokenFault(model, entry.request.headers.authorization, entry.at);
      count(real.coverage, `api ${entry.response.status}${fault ? `: ${fault}` : ''}`);
      // (b) The Cognito authorizer lets through only an ID token the pool issued, unchanged and unexpired.
      if (entry.response.status === 200) expect(fault, where).toBeUndefined();
    }

    if (entry.to === 'dynamodb') {
      const signed = (entry.request.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256 ');
      if (entry.response.status === 200) {
        // (c) Only a SigV4 signature by unexpired STS credentials gets a 200 (a JWT never does).
        expect(await signatureFault(entry, real.world), where).toBeUndefined();
        const accessKeyId = /Credential=([^/]+)\//.exec(entry.request.headers.authorization ?? '')?.[1];
        const session = real.world.credentials.all().find((s) => s.accessKeyId === accessKeyId);
        if (entry.from === 'app')
          count(real.coverage, `dynamodb ${entry.operation} 200 as ${session?.roleName}`);
        if (entry.operation === 'GetItem' && jsonBody(entry.request).TableName === config.table.name) {
          // (e) Orders are read by the authenticated role (the app) or the Orders function's role (Lambda).
          const allowed =
            entry.from === 'app' ? config.identityPool.authenticatedRoleArn : ordersFunctionRoleArn(config);
          expect(session?.roleArn, `${where}: role`).toBe(allowed);
        }
      } else if (entry.from === 'app') {
        count(real.coverage, `dynamodb ${entry.operation} refused: ${entry.error?.code}`);
      }
      if (!signed) {
        // (c) A JWT (or nothing) in Authorization is refused before anything else is looked at.
        expect([entry.response.status, entry.error?.code], where).toEqual([
          400,
          'MissingAuthenticationTokenException'
        ]);
      }
    }

    if (entry.from === 'app' && entry.to === 'identity-pool') {
      const logins = Object.values((jsonBody(entry.request).Logins ?? {}) as Record<string, unknown>);
      const faults = logins.map((token) =>
        tokenFault(model, typeof token === 'string' ? token : '', entry.at)
      );
      const fault = faults.find((f) => f !== undefined);
      count(
        real.coverage,
        `${entry.operation} ${entry.response.status} (${logins.length ? 'login' : 'guest'})${fault ? `: ${fault}` : ''}`
      );
      // (d) The identity pool accepts a login (and so issues credentials) only if the user pool issued it
      // unchanged and it has not expired.
      if (entry.response.status === 200) expect(faults, where).toEqual(faults.map(() => undefined));
    }
  }
  return issued;
}

/** What the model expects of one event: whether the app accepts it, and if so whether the call succeeds. */
interface Prediction {
  possible: boolean;
  ok?: boolean;
  status?: number;
}

function predict(model: Model, event: ClientEvent, world: World): Prediction {
  const app = model.app;
  const tokens = app.idToken !== undefined;
  const fault = tokenFault(model, app.idToken, model.now);
  switch (event.type) {
    case 'SIGN_IN': {
      const user = world.config.demoUsers.find((u) => u.username === event.username);
      return { possible: true, ok: user?.password === event.password };
    }
    case 'START_SRP_SIGN_IN':
      // The challenge comes whatever the password: it is only checked when the proof arrives.
      return { possible: true, ok: true };
    case 'ANSWER_PASSWORD_VERIFIER': {
      const challenge = app.challenge;
      if (challenge === undefined) return { possible: false };
      const accepted = challenge.right && model.now - challenge.issuedAt <= CHALLENGE_LIFETIME_MS;
      return { possible: true, ok: accepted, status: accepted ? 200 : 400 };
    }
    case 'TAMPER':
      return { possible: tokens, ok: true };
    case 'REFRESH':
      // The app only ever holds a refresh token that no sign-out has revoked, well within its 30 days.
      return { possible: tokens, ok: true };
    case 'SIGN_OUT':
      return { possible: tokens, ok: model.now < (app.accessTokenExpiresAt ?? 0) };
    case 'CALL_API':
      if (fault !== undefined) return { possible: true, ok: false, status: 401 };
      // Order 42 is the first demo user's; the Orders function refuses anyone else.
      return app.user === 0
        ? { possible: true, ok: true, status: 200 }
        : { possible: true, ok: false, status: 403 };
    case 'CALL_DYNAMODB_WITH_JWT':
      return { possible: tokens, ok: false, status: 400 };
    case 'GET_ID':
      if (event.provider === 'guest') return { possible: true, ok: true };
      return { possible: tokens, ok: fault === undefined };
    case 'GET_CREDENTIALS':
      if (app.identity === undefined) return { possible: false };
      return { possible: true, ok: app.identity === 'guest' || fault === undefined };
    case 'READ_ORDER':
      if (app.credentials === undefined) return { possible: false };
      return {
        possible: true,
        ok: app.credentials.role === 'authenticated' && model.now < app.credentials.expiration
      };
    case 'ADVANCE_CLOCK':
      return { possible: true, ok: true };
    default:
      throw new Error(`the property test does not send ${event.type}`);
  }
}

/** Moves the model's idea of the app's memory on after an event the app accepted. */
function update(
  model: Model,
  world: World,
  event: ClientEvent,
  outcome: { ok: boolean; issued?: string; held?: string }
) {
  const app = model.app;
  switch (event.type) {
    case 'SIGN_IN':
      // Accepted or not, a sign-in abandons any open challenge.
      delete app.challenge;
      if (outcome.ok && outcome.issued !== undefined) {
        model.app = {
          user: world.config.demoUsers.findIndex((u) => u.username === event.username),
          idToken: outcome.issued,
          accessTokenExpiresAt: model.now + 3600_000
        };
      }
      return;
    case 'START_SRP_SIGN_IN':
      app.challenge = {
        user: world.config.demoUsers.findIndex((u) => u.username === event.username),
        right: world.config.demoUsers.some(
          (u) => u.username === event.username && u.password === event.password
        ),
        issuedAt: model.now
      };
      return;
    case 'ANSWER_PASSWORD_VERIFIER': {
      const user = app.challenge?.user;
      delete app.challenge;
      if (outcome.ok && outcome.issued !== undefined && user !== undefined) {
        model.app = { user, idToken: outcome.issued, accessTokenExpiresAt: model.now + 3600_000 };
      }
      return;
    }
    case 'TAMPER':
      app.idToken = outcome.held;
      return;
    case 'REFRESH':
      if (outcome.ok && outcome.issued !== undefined) {
        app.idToken = outcome.issued;
        app.accessTokenExpiresAt = model.now + 3600_000;
      }
      return;
    case 'SIGN_OUT':
      model.app = {};
      return;
    case 'GET_ID':
      if (outcome.ok) app.identity = event.provider === 'guest' ? 'guest' : 'user';
      return;
    case 'GET_CREDENTIALS':
      if (outcome.ok) {
        app.credentials = {
          role: app.identity === 'user' ? 'authenticated' : 'guest',
          // STS expirations are whole seconds; these last an hour.
          expiration: Math.floor(model.now / 1000) * 1000 + 3600_000
        };
      }
      return;
    case 'ADVANCE_CLOCK':
      model.now += event.ms;
      return;
    default:
      return;
  }
}

/** Sends one event to the app as a learner would, and checks predictions and invariants on what it caused. */
async function perform(model: Model, real: Real, event: ClientEvent, label: string): Promise<void> {
  model.commands += 1;
  const step = `#${model.commands} ${label}`;
  const expected = predict(model, event, real.world);
  const before = real.world.trace.entries.length;
  const snapshot = real.app.getSnapshot();
  expect(snapshot.can(event), `${step}: accepted by the app`).toBe(expected.possible);
  real.app.send(event);
  const settled = await waitFor(real.app, (s) => s.matches('ready'), { timeout: 20_000 });
  // (a) No actor in an error state, nothing thrown at the actor.
  expect(real.errors, step).toEqual([]);
  expect(settled.status, step).toBe('active');
  const entries = real.world.trace.entries.slice(before);
  if (!expected.possible) {
    // Refused by a guard: nothing was sent and the app's memory is untouched.
    expect(entries, step).toEqual([]);
    expect(settled.context, step).toBe(snapshot.context);
    return;
  }
  // (a) Whatever the services answered, the outcome of this very action is recorded, never a client crash.
  const last = settled.context.last;
  expect(last?.action, step).toBe(event.type);
  expect(last?.error?.code, step).not.toBe('ClientError');
  const issued = await checkEntries(model, real, entries, step);
  expect(last?.ok, `${step}: ${JSON.stringify(last)}`).toBe(expected.ok);
  if (expected.status !== undefined) expect(last?.status, step).toBe(expected.status);
  update(model, real.world, event, {
    ok: last?.ok === true,
    ...(issued === undefined ? {} : { issued }),
    ...(settled.context.tokens ? { held: settled.context.tokens.idToken } : {})
  });
  expect(real.world.clock.now(), step).toBe(model.now);
  if (event.type === 'START_SRP_SIGN_IN') {
    // What the app keeps between SRP's two requests is the proof, never the password itself.
    const { world: _world, random: _random, ...memory } = settled.context;
    expect(JSON.stringify(memory), `${step}: memory`).not.toContain(event.password);
  }
  if (event.type === 'ANSWER_PASSWORD_VERIFIER') {
    count(real.coverage, `answer ${last?.status}${last?.error ? `: ${last.error.message}` : ''}`);
  }
  // The app holds what the model says it holds.
  expect(settled.context.passwordVerifier !== undefined, step).toBe(model.app.challenge !== undefined);
  expect(settled.context.tokens?.idToken, step).toBe(model.app.idToken);
  expect(settled.context.credentials !== undefined, step).toBe(model.app.credentials !== undefined);
}

type Command = fc.AsyncCommand<Model, Real>;

/** A command that sends one client event, built from the world it will run in. */
function eventCommand(label: string, toEvent: (world: World) => ClientEvent): Command {
  return {
    check: () => true,
    run: (model, real) => perform(model, real, toEvent(real.world), label),
    toString: () => label
  };
}

const signIn = (rightPassword: fc.Arbitrary<boolean>) =>
  fc
    .record({
      user: fc.constantFrom(0, 1),
      flow: fc.constantFrom('srp' as const, 'password' as const),
      right: rightPassword
    })
    .map(({ user, flow, right }) =>
      eventCommand(`sign in user ${user} (${flow}, ${right ? 'right' : 'wrong'} password)`, (world) => {
        const demo = world.config.demoUsers[user];
        if (!demo) throw new Error(`no demo user ${user}`);
        return {
          type: 'SIGN_IN',
          username: demo.username,
          password: right ? demo.password : `${demo.password}-wrong`,
          flow
        };
      })
    );

/** SRP's first request alone: the app then holds the challenge and its proof (right or wrong password). */
const startSrpSignIn = fc
  .record({ user: fc.constantFrom(0, 1), right: fc.boolean() })
  .map(({ user, right }) =>
    eventCommand(`start an SRP sign-in for user ${user} (${right ? 'right' : 'wrong'} password)`, (world) => {
      const demo = world.config.demoUsers[user];
      if (!demo) throw new Error(`no demo user ${user}`);
      return {
        type: 'START_SRP_SIGN_IN',
        username: demo.username,
        password: right ? demo.password : `${demo.password}-wrong`
      };
    })
  );

const answerPasswordVerifier = eventCommand('answer the PASSWORD_VERIFIER challenge', () => ({
  type: 'ANSWER_PASSWORD_VERIFIER'
}));

const claimValue = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer({ min: 0, max: 4_102_444_800 }),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('id', 'access', 'refresh')
);
const tamper = fc
  .record({
    claim: fc.oneof(
      fc.constantFrom(
        'sub',
        'exp',
        'iat',
        'aud',
        'iss',
        'token_use',
        'email',
        'cognito:username',
        'cognito:groups'
      ),
      fc.string({ minLength: 1, maxLength: 8 })
    ),
    value: claimValue
  })
  .map(({ claim, value }) =>
    eventCommand(`tamper ${claim} = ${JSON.stringify(value)}`, () => ({ type: 'TAMPER', claim, value }))
  );

const advanceClock = fc
  .integer({ min: 0, max: 120 })
  .map((minutes) =>
    eventCommand(`advance clock ${minutes} min`, () => ({ type: 'ADVANCE_CLOCK', ms: minutes * MINUTE }))
  );

const getId = fc
  .constantFrom('user-pool' as const, 'guest' as const)
  .map((provider) => eventCommand(`GetId (${provider})`, () => ({ type: 'GET_ID', provider })));

/**
 * The next step of one of the lesson's journeys, for the app as the model sees it: sign in then call the API;
 * sign in, GetId, GetCredentials, then read the order; or, as a guest, GetId, GetCredentials, read the order.
 * Each step is one of the events above; the journeys let random sequences reach the API and the signed
 * GetItem often, so that the attacks around them (tamper, clock, reload, guest) meet a session worth attacking.
 */
const nextLessonStep = fc
  .record({
    user: fc.constantFrom(0, 1),
    journey: fc.constantFrom('api' as const, 'orders' as const, 'orders' as const, 'guest' as const),
    // Sign in with SRP's two requests as one event, or as two (figure 1's steps).
    split: fc.boolean()
  })
  .map(({ user, journey, split }): Command => {
    let label = `next ${journey} lesson step`;
    const nextEvent = (model: Model, world: World): ClientEvent => {
      const app = model.app;
      const demo = world.config.demoUsers[user];
      if (!demo) throw new Error(`no demo user ${user}`);
      if (app.challenge !== undefined) return { type: 'ANSWER_PASSWORD_VERIFIER' };
      if (journey !== 'guest' && app.idToken === undefined)
        return split
          ? { type: 'START_SRP_SIGN_IN', username: demo.username, password: demo.password }
          : { type: 'SIGN_IN', username: demo.username, password: demo.password, flow: 'srp' };
      if (journey === 'api') return { type: 'CALL_API', orderId: '42' };
      if (app.identity !== (journey === 'guest' ? 'guest' : 'user'))
        return { type: 'GET_ID', provider: journey === 'guest' ? 'guest' : 'user-pool' };
      if (app.credentials?.role !== (journey === 'guest' ? 'guest' : 'authenticated'))
        return { type: 'GET_CREDENTIALS' };
      return { type: 'READ_ORDER', orderId: '42' };
    };
    return {
      check: () => true,
      run(model, real) {
        const event = nextEvent(model, real.world);
        label = `next ${journey} lesson step: ${event.type === 'SIGN_IN' || event.type === 'START_SRP_SIGN_IN' ? `${event.type} user ${user} (srp)` : event.type}`;
        return perform(model, real, event, label);
      },
      toString: () => label
    };
  });

const reload: Command = {
  check: () => true,
  async run(model, real) {
    model.commands += 1;
    real.app.stop();
    real.reloads += 1;
    real.app = startApp(real, real.reloads);
    model.app = {};
    expect(real.app.getSnapshot().value, `#${model.commands} reload`).toEqual({ ready: 'anonymous' });
  },
  toString: () => 'reload'
};

const callApi = eventCommand('call API GET /orders/42', () => ({ type: 'CALL_API', orderId: '42' }));
const getCredentials = eventCommand('GetCredentialsForIdentity', () => ({ type: 'GET_CREDENTIALS' }));
const readOrder = eventCommand('read order 42 (signed GetItem)', () => ({
  type: 'READ_ORDER',
  orderId: '42'
}));
const refresh = eventCommand('refresh', () => ({ type: 'REFRESH' }));
const signOut = eventCommand('sign out', () => ({ type: 'SIGN_OUT' }));
const jwtToDynamoDb = eventCommand('send the JWT to DynamoDB', () => ({
  type: 'CALL_DYNAMODB_WITH_JWT',
  orderId: '42'
}));

/** One weighted choice per command (fc.commands itself draws its arbitraries uniformly). */
const command = fc.oneof(
  { arbitrary: nextLessonStep, weight: 10 },
  { arbitrary: signIn(fc.constant(true)), weight: 2 },
  { arbitrary: signIn(fc.boolean()), weight: 1 },
  { arbitrary: startSrpSignIn, weight: 1 },
  { arbitrary: fc.constant(answerPasswordVerifier), weight: 1 },
  { arbitrary: tamper, weight: 2 },
  { arbitrary: advanceClock, weight: 4 },
  { arbitrary: getId, weight: 1 },
  { arbitrary: fc.constant(refresh), weight: 1 },
  { arbitrary: fc.constant(signOut), weight: 1 },
  { arbitrary: fc.constant(callApi), weight: 2 },
  { arbitrary: fc.constant(jwtToDynamoDb), weight: 1 },
  { arbitrary: fc.constant(getCredentials), weight: 2 },
  { arbitrary: fc.constant(readOrder), weight: 2 },
  { arbitrary: fc.constant(reload), weight: 1 }
);

/** Kinds of exchange the runs must have produced at least once (see Coverage). */
const MUST_COVER = [
  'api 200',
  'api 401: expired',
  'api 401: tampered',
  'api 401: no token',
  'GetId 200 (login)',
  'GetId 200 (guest)',
  'GetCredentialsForIdentity 200 (login)',
  'GetCredentialsForIdentity 200 (guest)',
  'dynamodb GetItem 200 as TwoPools_Authenticated',
  'dynamodb GetItem refused: AccessDeniedException',
  'dynamodb GetItem refused: MissingAuthenticationTokenException',
  'answer 200',
  'answer 400: Incorrect username or password.',
  'answer 400: Invalid session for the user, session is expired.'
];

describe('client app against a real world, random command sequences', () => {
  it('never lets an expired or tampered token, or a bad signature, through, and never throws', async () => {
    const coverage: Coverage = new Map();
    await fc.assert(
      fc.asyncProperty(
        fc
          .commands([command], { maxCommands: 16, size: 'max' })
          // Lengths are drawn uniformly from 0..16; journeys need room, so runs of fewer than 8 are redrawn.
          // (30 runs of 8 to 16 commands: about the budget of 40 runs of up to 12, with deeper sessions.)
          .filter((cmds) => [...cmds].length >= 8),
        async (cmds) => {
          // One seed for every run: a shrunk or replayed sequence meets the same world.
          const world = await createWorld({ seed: 'client-app-property', now: NOW, keys: testKeys });
          const errors: unknown[] = [];
          const real: Real = { world, errors, reloads: 0, coverage, app: startApp({ world, errors }, 0) };
          const model: Model = { now: NOW, issuedIdTokens: new Map(), app: {}, commands: 0 };
          try {
            await fc.asyncModelRun(() => ({ model, real }), cmds);
          } finally {
            real.app.stop();
          }
        }
      ),
      { seed: SEED, numRuns: 30 }
    );
    const seen = JSON.stringify(Object.fromEntries([...coverage].sort()), null, 1);
    expect(
      MUST_COVER.filter((kind) => !coverage.has(kind)),
      `exchanges seen: ${seen}`
    ).toEqual([]);
  }, 60_000);
});
