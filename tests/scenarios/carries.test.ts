// What each message carried: recorded by whoever knew it, naming every token and credential any scenario sent.
import { decodeJwt } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { runScenario, scenarios } from '../../src/lib/scenarios';
import { carriedValue, createWorld, type Carried, type TraceEntry, type World } from '../../src/lib/sim';
import { testKeys } from '../support/keys';

const NOW = Date.UTC(2026, 10, 28, 9, 0, 0);

/** Anything shaped like a compact JWS (three parts) or JWE (five), found in text without parsing it. */
const JWT_SHAPED = /eyJ[\w-]*(?:\.[\w-]*){2}(?:\.[\w-]*\.[\w-]*)?/g;

const played = new Map<string, { world: World; trace: TraceEntry[] }>();

beforeAll(async () => {
  for (const { id } of scenarios) {
    const world = await createWorld({ seed: id, now: NOW, keys: testKeys });
    const { trace } = await runScenario(id, { world });
    played.set(id, { world, trace });
  }
}, 240_000);

function play(id: string): { world: World; trace: TraceEntry[] } {
  const run = played.get(id);
  if (run === undefined) throw new Error(`scenario ${id} was not played`);
  return run;
}

function find(trace: TraceEntry[], operation: string, to?: string): TraceEntry {
  const found = trace.find((entry) => entry.operation === operation && (to === undefined || entry.to === to));
  if (found === undefined) throw new Error(`no ${operation} in the trace`);
  return found;
}

function carried(entry: TraceEntry, direction: Carried['in']): Omit<Carried, 'in'>[] {
  return entry.carries.filter((carry) => carry.in === direction).map(({ kind, where }) => ({ kind, where }));
}

type Message = TraceEntry['request'] | TraceEntry['response'];

function messageOf(entry: TraceEntry, direction: Carried['in']): Message {
  return direction === 'request' ? entry.request : entry.response;
}

/** Every piece of text a message sent: header values, the URL, the body. */
function texts(message: Message): string[] {
  return [...Object.values(message.headers), 'url' in message ? message.url : '', message.body];
}

/** The JWT-shaped strings and known credential values a message held, wherever they were. */
function secretsIn(message: Message, credentialValues: readonly string[]): string[] {
  const found = new Set<string>();
  for (const text of texts(message)) {
    for (const match of text.matchAll(JWT_SHAPED)) found.add(match[0]);
    for (const value of credentialValues) if (text.includes(value)) found.add(value);
  }
  return [...found];
}

function credentialValuesOf(world: World): string[] {
  return world.credentials
    .all()
    .flatMap((session) => [session.accessKeyId, session.secretAccessKey, session.sessionToken]);
}

/** The tokens and credentials of a message that no carry of it names. */
function unnamedSecrets(
  entry: TraceEntry,
  direction: Carried['in'],
  credentials: readonly string[]
): string[] {
  const message = messageOf(entry, direction);
  const named = entry.carries
    .filter((carry) => carry.in === direction)
    .map((carry) => carriedValue(message, carry.where) ?? '');
  return secretsIn(message, credentials).filter((secret) => !named.some((value) => value.includes(secret)));
}

const TOKEN_USE: Partial<Record<Carried['kind'], string>> = { 'id-token': 'id', 'access-token': 'access' };

describe('carries', () => {
  it('GetCredentialsForIdentity carries the ID token under its Logins key in, and credentials out (identity-pool)', () => {
    const { world, trace } = play('identity-pool');
    const exchange = find(trace, 'GetCredentialsForIdentity');
    const provider = `cognito-idp.${world.config.region}.amazonaws.com/${world.config.userPool.id}`;
    expect(carried(exchange, 'request')).toEqual([
      { kind: 'id-token', where: `body Logins[${JSON.stringify(provider)}]` }
    ]);
    expect(carried(exchange, 'response')).toEqual([{ kind: 'aws-credentials', where: 'body Credentials' }]);
    expect(carriedValue(exchange.response, 'body Credentials')).toContain('"AccessKeyId":"ASIA');

    const sts = find(trace, 'AssumeRoleWithWebIdentity');
    expect(sts.from).toBe('identity-pool');
    expect(carried(sts, 'request')).toEqual([{ kind: 'openid-token', where: 'body WebIdentityToken' }]);
    expect(carried(sts, 'response')).toEqual([
      { kind: 'aws-credentials', where: 'body AssumeRoleWithWebIdentityResult.Credentials' }
    ]);
  });

  it('the signed GetItem carries its SigV4 signature and the session token it signed, never the secret', () => {
    const { world, trace } = play('identity-pool');
    const getItem = find(trace, 'GetItem', 'dynamodb');
    expect(carried(getItem, 'request')).toEqual([
      { kind: 'sigv4', where: 'header Authorization' },
      { kind: 'sigv4', where: 'header X-Amz-Security-Token' }
    ]);
    const secrets = world.credentials.all().map((session) => session.secretAccessKey);
    for (const text of texts(getItem.request))
      for (const secret of secrets) expect(text).not.toContain(secret);
  });

  it('figure 3: the DynamoDB request carries the ID token in Authorization, as the app says (jwt-to-dynamodb)', () => {
    const { trace } = play('jwt-to-dynamodb');
    const getItem = find(trace, 'GetItem', 'dynamodb');
    expect(getItem.outcome).toBe('refused');
    expect(carried(getItem, 'request')).toEqual([{ kind: 'id-token', where: 'header Authorization' }]);
    expect(carried(getItem, 'response')).toEqual([]);
  });

  it('a sign-in carries an SRP value and proof, or the password itself, and the answer its three tokens', () => {
    const srp = play('sign-in').trace;
    expect(carried(find(srp, 'InitiateAuth'), 'request')).toEqual([
      { kind: 'srp-proof', where: 'body AuthParameters.SRP_A' }
    ]);
    const answer = find(srp, 'RespondToAuthChallenge');
    expect(carried(answer, 'request')).toEqual([
      { kind: 'srp-proof', where: 'body ChallengeResponses.PASSWORD_CLAIM_SIGNATURE' }
    ]);
    expect(carried(answer, 'response')).toEqual([
      { kind: 'access-token', where: 'body AuthenticationResult.AccessToken' },
      { kind: 'id-token', where: 'body AuthenticationResult.IdToken' },
      { kind: 'refresh-token', where: 'body AuthenticationResult.RefreshToken' }
    ]);

    const refused = find(play('wrong-password').trace, 'InitiateAuth');
    expect(refused.outcome).toBe('refused');
    expect(carried(refused, 'request')).toEqual([
      { kind: 'password', where: 'body AuthParameters.PASSWORD' }
    ]);
    expect(carried(refused, 'response')).toEqual([]);
  });

  it('the API call carries the ID token, and the proxy event its two copies but not the claims (call-api)', () => {
    const { trace } = play('call-api');
    const call = trace.find((entry) => entry.to === 'api-gateway');
    expect(call && carried(call, 'request')).toEqual([{ kind: 'id-token', where: 'header Authorization' }]);
    const invoke = trace.find((entry) => entry.to === 'lambda');
    expect(invoke && carried(invoke, 'request')).toEqual(
      expect.arrayContaining([
        { kind: 'id-token', where: 'body headers.authorization' },
        { kind: 'id-token', where: 'body multiValueHeaders.authorization[0]' }
      ])
    );
    expect(invoke?.carries.some((carry) => carry.where.includes('claims'))).toBe(false);
  });

  it('sign-up carries the password, and confirmation the emailed code (sign-up)', () => {
    const { trace } = play('sign-up');
    expect(carried(find(trace, 'SignUp'), 'request')).toEqual([{ kind: 'password', where: 'body Password' }]);
    expect(carried(find(trace, 'ConfirmSignUp'), 'request')).toEqual([
      { kind: 'confirmation-code', where: 'body ConfirmationCode' }
    ]);
  });

  it('every carry names a place its message really has, and a token carry names a token of that kind', () => {
    let checked = 0;
    for (const { id } of scenarios) {
      for (const entry of play(id).trace) {
        for (const carry of entry.carries) {
          const value = carriedValue(messageOf(entry, carry.in), carry.where);
          expect(
            value,
            `${id} ${entry.id} ${entry.operation}: ${carry.kind} at ${carry.where}`
          ).toBeDefined();
          const tokenUse = TOKEN_USE[carry.kind];
          if (tokenUse !== undefined) {
            expect(decodeJwt(value?.replace(/^Bearer /, '') ?? '').token_use).toBe(tokenUse);
          }
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('every token and credential in the nineteen scenarios is named by a carry of its message', () => {
    expect(scenarios).toHaveLength(19);
    let secrets = 0;
    for (const { id } of scenarios) {
      const { world, trace } = play(id);
      const credentials = credentialValuesOf(world);
      for (const entry of trace) {
        for (const direction of ['request', 'response'] as const) {
          secrets += secretsIn(messageOf(entry, direction), credentials).length;
          const where = `${id} ${entry.id} ${entry.operation} ${direction}`;
          expect(unnamedSecrets(entry, direction, credentials), where).toEqual([]);
        }
      }
    }
    expect(secrets).toBeGreaterThan(50);
  });

  it('notices a token or a credential that no carry names', () => {
    const { world, trace } = play('identity-pool');
    const credentials = credentialValuesOf(world);
    const answer = find(trace, 'GetCredentialsForIdentity');
    const without = (entry: TraceEntry, kind: Carried['kind']) => ({
      ...entry,
      carries: entry.carries.filter((carry) => carry.kind !== kind)
    });
    expect(unnamedSecrets(without(answer, 'id-token'), 'request', credentials)).toHaveLength(1);
    expect(unnamedSecrets(without(answer, 'aws-credentials'), 'response', credentials)).toHaveLength(3);
    const signed = find(trace, 'GetItem', 'dynamodb');
    const onlyAuthorization = {
      ...signed,
      carries: signed.carries.filter((carry) => carry.where === 'header Authorization')
    };
    expect(unnamedSecrets(onlyAuthorization, 'request', credentials)).toEqual([
      signed.request.headers['x-amz-security-token']
    ]);
  });
});
