// Every scenario runs headless to its documented outcome, with exactly the hops and statuses the lesson describes.
import { describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import {
  getScenario,
  oneCharacterTypo,
  runScenario,
  scenarios,
  startRun,
  type StepRecord
} from '../../src/lib/scenarios';
import { createWorld } from '../../src/lib/sim';
import type { TraceEntry } from '../../src/lib/sim';
import { testKeys } from '../support/keys';

const NOW = Date.UTC(2026, 10, 28, 9, 0, 0);
const JWKS = /^GET \/us-east-1_\w+\/\.well-known\/jwks\.json$/;
const INVOKE = 'POST /2015-03-31/functions/GetOrder/invocations';
const INVOKE_PROFILE = 'POST /2015-03-31/functions/GetProfile/invocations';

type Hop = [from: string, to: string, operation: string | RegExp, status: number, code?: string];

const SIGN_IN_SRP: Hop[] = [
  ['app', 'user-pool', 'InitiateAuth', 200],
  ['app', 'user-pool', 'RespondToAuthChallenge', 200]
];
const ORDER_VIA_API: Hop[] = [
  ['app', 'api-gateway', 'GET /prod/orders/42', 200],
  ['api-gateway', 'user-pool', JWKS, 200],
  ['api-gateway', 'lambda', INVOKE, 200],
  ['lambda', 'dynamodb', 'GetItem', 200]
];
const CREDENTIALS_FOR_USER: Hop[] = [
  ['app', 'identity-pool', 'GetId', 200],
  ['identity-pool', 'user-pool', JWKS, 200],
  ['app', 'identity-pool', 'GetCredentialsForIdentity', 200],
  ['identity-pool', 'sts', 'AssumeRoleWithWebIdentity', 200]
];

const expected: Record<string, { outcome: 'success' | 'refused'; hops: Hop[] }> = {
  'sign-in': { outcome: 'success', hops: SIGN_IN_SRP },
  'call-api': { outcome: 'success', hops: [...SIGN_IN_SRP, ...ORDER_VIA_API] },
  'jwt-to-dynamodb': {
    outcome: 'refused',
    hops: [...SIGN_IN_SRP, ['app', 'dynamodb', 'GetItem', 400, 'MissingAuthenticationTokenException']]
  },
  'identity-pool': {
    outcome: 'success',
    hops: [...SIGN_IN_SRP, ...CREDENTIALS_FOR_USER, ['app', 'dynamodb', 'GetItem', 200]]
  },
  'sign-up': {
    outcome: 'success',
    hops: [['app', 'user-pool', 'SignUp', 200], ['app', 'user-pool', 'ConfirmSignUp', 200], ...SIGN_IN_SRP]
  },
  'google-federation': {
    outcome: 'success',
    hops: [
      ['app', 'identity-pool', 'GetId', 200],
      ['identity-pool', 'google', 'GET /oauth2/v3/certs', 200],
      ['app', 'identity-pool', 'GetCredentialsForIdentity', 200],
      ['identity-pool', 'sts', 'AssumeRoleWithWebIdentity', 200],
      ['app', 'dynamodb', 'PutItem', 200]
    ]
  },
  'guest-access': {
    outcome: 'refused',
    hops: [
      ['app', 'identity-pool', 'GetId', 200],
      ['app', 'identity-pool', 'GetCredentialsForIdentity', 200],
      ['identity-pool', 'sts', 'AssumeRoleWithWebIdentity', 200],
      ['app', 'dynamodb', 'GetItem', 400, 'AccessDeniedException']
    ]
  },
  'token-expiry': {
    outcome: 'success',
    hops: [
      ...SIGN_IN_SRP,
      ...ORDER_VIA_API,
      ['app', 'api-gateway', 'GET /prod/orders/42', 401],
      ['app', 'user-pool', 'InitiateAuth', 200],
      ['app', 'api-gateway', 'GET /prod/orders/42', 200],
      ['api-gateway', 'lambda', INVOKE, 200],
      ['lambda', 'dynamodb', 'GetItem', 200]
    ]
  },
  'tampered-token': {
    outcome: 'refused',
    hops: [
      ...SIGN_IN_SRP,
      ['app', 'api-gateway', 'GET /prod/orders/42', 401],
      ['api-gateway', 'user-pool', JWKS, 200]
    ]
  },
  'own-orders-only': {
    outcome: 'refused',
    hops: [
      ...SIGN_IN_SRP,
      ...CREDENTIALS_FOR_USER,
      ['app', 'dynamodb', 'PutItem', 200],
      ['app', 'dynamodb', 'Query', 200],
      ['app', 'dynamodb', 'Query', 400, 'AccessDeniedException']
    ]
  },
  's3-private-upload': {
    outcome: 'refused',
    hops: [
      ...SIGN_IN_SRP,
      ...CREDENTIALS_FOR_USER,
      ['app', 's3', 'PutObject', 200],
      ['app', 's3', 'ListObjectsV2', 200],
      ['app', 's3', 'ListObjectsV2', 403, 'AccessDenied'],
      ['app', 'user-pool', 'GlobalSignOut', 200],
      ['app', 'identity-pool', 'GetId', 200],
      ['app', 'identity-pool', 'GetCredentialsForIdentity', 200],
      ['identity-pool', 'sts', 'AssumeRoleWithWebIdentity', 200],
      ['app', 's3', 'PutObject', 403, 'AccessDenied']
    ]
  },
  'basic-flow': {
    outcome: 'success',
    hops: [
      ...SIGN_IN_SRP,
      ['app', 'identity-pool', 'GetId', 200],
      ['identity-pool', 'user-pool', JWKS, 200],
      ['app', 'identity-pool', 'GetOpenIdToken', 200],
      ['app', 'sts', 'AssumeRoleWithWebIdentity', 200]
    ]
  },
  'groups-to-roles': {
    outcome: 'success',
    hops: [
      ...SIGN_IN_SRP,
      ...CREDENTIALS_FOR_USER,
      ...SIGN_IN_SRP,
      // The user pool's keys are cached from Alice's GetId: Bob's brings no JWKS fetch.
      ['app', 'identity-pool', 'GetId', 200],
      ['app', 'identity-pool', 'GetCredentialsForIdentity', 200],
      ['identity-pool', 'sts', 'AssumeRoleWithWebIdentity', 200],
      ['app', 'identity-pool', 'GetCredentialsForIdentity', 200],
      ['identity-pool', 'sts', 'AssumeRoleWithWebIdentity', 200]
    ]
  },
  'forgot-logins': {
    outcome: 'success',
    hops: [
      ...SIGN_IN_SRP,
      ['app', 'identity-pool', 'GetId', 200],
      ['app', 'identity-pool', 'GetCredentialsForIdentity', 200],
      ['identity-pool', 'sts', 'AssumeRoleWithWebIdentity', 200],
      ['app', 'dynamodb', 'GetItem', 400, 'AccessDeniedException'],
      ['app', 'identity-pool', 'GetId', 400, 'NotAuthorizedException'],
      ...CREDENTIALS_FOR_USER,
      ['app', 'dynamodb', 'GetItem', 200]
    ]
  },
  'broken-trust': {
    outcome: 'success',
    hops: [
      ...SIGN_IN_SRP,
      ['app', 'identity-pool', 'GetId', 200],
      ['identity-pool', 'user-pool', JWKS, 200],
      ['app', 'identity-pool', 'GetCredentialsForIdentity', 400, 'InvalidIdentityPoolConfigurationException'],
      ['identity-pool', 'sts', 'AssumeRoleWithWebIdentity', 403, 'AccessDenied'],
      ['app', 'identity-pool', 'GetCredentialsForIdentity', 200],
      ['identity-pool', 'sts', 'AssumeRoleWithWebIdentity', 200],
      ['app', 'dynamodb', 'GetItem', 200]
    ]
  },
  'wrong-password': {
    outcome: 'refused',
    hops: [
      ['app', 'user-pool', 'InitiateAuth', 400, 'NotAuthorizedException'],
      ['app', 'user-pool', 'InitiateAuth', 400, 'NotAuthorizedException']
    ]
  },
  'which-token': {
    outcome: 'success',
    hops: [
      ...SIGN_IN_SRP,
      ...ORDER_VIA_API,
      ['app', 'api-gateway', 'GET /prod/orders/42', 401, 'UnauthorizedException'],
      ['app', 'api-gateway', 'GET /prod/me', 401, 'UnauthorizedException'],
      ['app', 'api-gateway', 'GET /prod/me', 200],
      ['api-gateway', 'lambda', INVOKE_PROFILE, 200]
    ]
  },
  'iam-authorized-api': {
    outcome: 'success',
    hops: [
      ...SIGN_IN_SRP,
      ...CREDENTIALS_FOR_USER,
      ['app', 'api-gateway', 'GET /prod/iam/orders/42', 200],
      ['api-gateway', 'lambda', INVOKE, 200],
      ['lambda', 'dynamodb', 'GetItem', 200]
    ]
  },
  'managed-login-pkce': {
    outcome: 'success',
    hops: [
      ['browser', 'user-pool', 'GET /oauth2/authorize', 302],
      ['browser', 'user-pool', 'GET /login', 200],
      ['browser', 'user-pool', 'POST /login', 302],
      ['app', 'user-pool', 'POST /oauth2/token', 200],
      ['app', 'api-gateway', 'GET /prod/scoped/orders/42', 200],
      ['api-gateway', 'user-pool', JWKS, 200],
      ['api-gateway', 'lambda', INVOKE, 200],
      ['lambda', 'dynamodb', 'GetItem', 200]
    ]
  }
};

function hopsOf(trace: TraceEntry[]) {
  return trace.map((e) => [e.from, e.to, e.operation, e.response.status, e.error?.code]);
}

async function play(id: string, seed = id) {
  const world = await createWorld({ seed, now: NOW, keys: testKeys });
  return runScenario(id, { world });
}

describe('scenarios', () => {
  it('are exactly the scenarios of the lesson, with unique step ids', () => {
    expect(scenarios.map((s) => s.id).sort()).toEqual(Object.keys(expected).sort());
    for (const scenario of scenarios) {
      const ids = scenario.steps.map((s) => s.id);
      expect(new Set(ids).size, scenario.id).toBe(ids.length);
    }
    expect(scenarios.filter((s) => s.figure).map((s) => [s.figure, s.id])).toEqual([
      [1, 'sign-in'],
      [2, 'call-api'],
      [3, 'jwt-to-dynamodb'],
      [4, 'identity-pool']
    ]);
  });

  it.each(Object.entries(expected))(
    '%s runs to its documented outcome with the expected hops',
    async (id, want) => {
      const { trace, outcome } = await play(id);
      expect(outcome).toBe(want.outcome);
      expect(outcome).toBe(getScenario(id)?.outcome);
      const got = hopsOf(trace);
      expect(got).toHaveLength(want.hops.length);
      want.hops.forEach(([from, to, operation, status, code], i) => {
        const [gFrom, gTo, gOperation, gStatus, gCode] = got[i]!;
        expect([gFrom, gTo, gStatus], `hop ${i + 1} of ${id}`).toEqual([from, to, status]);
        if (operation instanceof RegExp) expect(gOperation).toMatch(operation);
        else expect(gOperation).toBe(operation);
        if (code) expect(gCode, `hop ${i + 1} of ${id}`).toBe(code);
      });
    }
  );

  it('managed login: the browser carries the password, the app the verifier; the access token has the custom scope', async () => {
    const { trace } = await play('managed-login-pkce');
    const post = trace.find((e) => e.operation === 'POST /login');
    expect(post?.carries).toContainEqual({ in: 'request', kind: 'password', where: 'body password' });
    expect(
      trace.filter((e) => e.from === 'app').some((e) => e.request.body.includes('Correct-Horse-42'))
    ).toBe(false);
    const token = trace.find((e) => e.operation === 'POST /oauth2/token');
    expect(token?.checks.find((c) => c.id === 'oauth.pkce')?.ok).toBe(true);
    const body = JSON.parse(token?.response.body ?? '{}') as { access_token: string };
    expect(decodeJwt(body.access_token).scope).toBe('openid email orders-api/read');
  });

  it('figure 1 plays SRP as two steps, the challenge and then the proof, one exchange each', async () => {
    const scenario = getScenario('sign-in')!;
    expect(scenario.steps.map((step) => [step.id, step.title])).toEqual([
      ['initiate-srp', 'InitiateAuth (USER_SRP_AUTH) → PASSWORD_VERIFIER challenge'],
      ['prove-password', 'RespondToAuthChallenge (PASSWORD_VERIFIER) → ID, access and refresh tokens']
    ]);
    const run = await startRun(scenario, { seed: 'sign-in', now: NOW, keys: testKeys });
    const challenge = await run.next();
    expect(challenge.entries.map((e) => [e.operation, e.response.status])).toEqual([['InitiateAuth', 200]]);
    expect(JSON.parse(challenge.entries[0]!.response.body)).toMatchObject({
      ChallengeName: 'PASSWORD_VERIFIER'
    });
    expect(challenge.last).toMatchObject({ action: 'START_SRP_SIGN_IN', ok: true });
    const held = run.app.getSnapshot();
    expect(held.value).toEqual({ ready: 'awaitingPasswordVerifier' });
    expect(held.context.tokens).toBeUndefined();
    // Between the two requests the app holds its proof, not the password.
    const { world: _world, random: _random, ...memory } = held.context;
    expect(JSON.stringify(memory)).not.toContain(run.world.config.demoUsers[0]!.password);

    const proof = await run.next();
    expect(proof.entries.map((e) => [e.operation, e.response.status])).toEqual([
      ['RespondToAuthChallenge', 200]
    ]);
    expect(proof.last).toMatchObject({ action: 'ANSWER_PASSWORD_VERIFIER', ok: true });
    expect(run.app.getSnapshot().value).toEqual({ ready: 'signedIn' });
    expect(run.app.getSnapshot().context.passwordVerifier).toBeUndefined();
    run.app.stop();
  });

  it('figure 1 in two steps sends byte for byte what one SRP sign-in sends', async () => {
    const split = await play('sign-in');
    const oneStep = {
      ...getScenario('sign-in')!,
      steps: [{ id: 'srp', title: 'SRP', action: { do: 'sign-in', user: 0, flow: 'srp' } as const }]
    };
    const run = await startRun(oneStep, {
      world: await createWorld({ seed: 'sign-in', now: NOW, keys: testKeys })
    });
    while (!run.done) await run.next();
    run.app.stop();
    expect(split.trace).toEqual(run.world.trace.entries);
  });

  it('figure 1 with a wrong password: the challenge comes, the proof is refused and recorded', async () => {
    const scenario = getScenario('sign-in')!;
    const wrong = {
      ...scenario,
      steps: [
        { ...scenario.steps[0]!, action: { do: 'start-srp-sign-in', user: 0, password: 'not-it' } as const },
        scenario.steps[1]!
      ]
    };
    const run = await startRun(wrong, { seed: 'sign-in', now: NOW, keys: testKeys });
    expect((await run.next()).last).toMatchObject({ ok: true });
    const refused = await run.next();
    run.app.stop();
    expect(refused.last).toEqual({
      action: 'ANSWER_PASSWORD_VERIFIER',
      ok: false,
      status: 400,
      error: { code: 'NotAuthorizedException', message: 'Incorrect username or password.' }
    });
    expect(run.app.getSnapshot().value).toEqual({ ready: 'anonymous' });
  });

  it('figure 3: DynamoDB refuses the JWT with the exact AWS message', async () => {
    const { trace } = await play('jwt-to-dynamodb');
    const refused = trace.at(-1)!;
    expect(refused.request.headers.authorization).toMatch(/^eyJ/);
    expect(JSON.parse(refused.response.body)).toEqual({
      __type: 'com.amazon.coral.service#MissingAuthenticationTokenException',
      message: 'Request is missing Authentication Token'
    });
  });

  it('figure 4: the signed GetItem returns order 42 with temporary ASIA credentials', async () => {
    const { trace } = await play('identity-pool');
    const credentials = JSON.parse(
      trace.find((e) => e.operation === 'GetCredentialsForIdentity')!.response.body
    );
    expect(credentials.Credentials.AccessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
    const getItem = trace.at(-1)!;
    expect(getItem.request.headers.authorization).toMatch(
      new RegExp(
        `^AWS4-HMAC-SHA256 Credential=${credentials.Credentials.AccessKeyId}/\\d{8}/us-east-1/dynamodb/aws4_request`
      )
    );
    expect(JSON.parse(getItem.response.body).Item.orderId).toEqual({ S: '42' });
  });

  it('guest access is denied with the real AccessDeniedException message', async () => {
    const { trace } = await play('guest-access');
    expect(trace.at(-1)!.error?.message).toBe(
      'User: arn:aws:sts::123456789012:assumed-role/TwoPools_Guest/CognitoIdentityCredentials is not authorized to perform: dynamodb:GetItem on resource: arn:aws:dynamodb:us-east-1:123456789012:table/Orders because no identity-based policy allows the dynamodb:GetItem action'
    );
  });

  it('s3-private-upload: the folder is the identity id (resolved in the decision), the other folder and the guest are refused', async () => {
    const { trace, world } = await play('s3-private-upload');
    const s3 = trace.filter((entry) => entry.to === 's3');
    const getId = trace.find((entry) => entry.operation === 'GetId');
    const identityId = JSON.parse(getId!.response.body).IdentityId as string;
    expect(identityId).not.toBe(world.config.demoUsers[0]!.sub);
    const [upload, listOwn, listOther, guestUpload] = s3;
    expect(upload!.request.url).toBe(
      `https://two-pools-avatars.s3.us-east-1.amazonaws.com/private/${encodeURIComponent(identityId)}/avatar.png`
    );
    expect(upload!.decisions?.[0]).toMatchObject({
      resource: `arn:aws:s3:::two-pools-avatars/private/${identityId}/avatar.png`,
      decision: 'Allow',
      resolvedVariables: { 'cognito-identity.amazonaws.com:sub': identityId }
    });
    expect(world.config.s3.bucket).toBe('two-pools-avatars');
    expect(listOwn!.response.body).toContain(`<Key>private/${identityId}/avatar.png</Key>`);
    expect(listOther!.error?.message).toBe(
      'User: arn:aws:sts::123456789012:assumed-role/TwoPools_Authenticated/CognitoIdentityCredentials is not authorized to perform: s3:ListBucket on resource: "arn:aws:s3:::two-pools-avatars" because no identity-based policy allows the s3:ListBucket action'
    );
    expect(listOther!.checks.find((check) => check.id === 'iam.permission')?.ok).toBe(false);
    expect(guestUpload!.error?.message).toMatch(
      /^User: arn:aws:sts::123456789012:assumed-role\/TwoPools_Guest\/CognitoIdentityCredentials is not authorized to perform: s3:PutObject on resource: "arn:aws:s3:::two-pools-avatars\/private\/us-east-1:[0-9a-f-]+\/avatar.png" because no identity-based policy allows the s3:PutObject action$/
    );
  });

  it('basic flow: the scenario switches AllowClassicFlow on; without that, GetOpenIdToken is refused', async () => {
    const scenario = getScenario('basic-flow')!;
    expect(scenario.setup).toEqual({ allowClassicFlow: true });
    const { world } = await play('basic-flow');
    expect(world.identityPool.describe().allowClassicFlow).toBe(true);

    const { startRun } = await import('../../src/lib/scenarios/session');
    const off = { ...scenario, setup: {}, steps: scenario.steps.filter((step) => step.id !== 'assume-role') };
    const run = await startRun(off, { seed: 'classic-off', now: NOW, keys: testKeys });
    while (!run.done) await run.next();
    run.app.stop();
    expect(run.world.identityPool.describe().allowClassicFlow).toBe(false);
    const refused = run.world.trace.entries.find((entry) => entry.operation === 'GetOpenIdToken');
    expect(refused?.response.status).toBe(400);
    expect(refused?.error).toEqual({
      code: 'InvalidParameterException',
      message: 'Basic (classic) flow is not enabled, please use enhanced flow.'
    });
  }, 30_000);

  /** Plays a scenario step by step, keeping each step's record (its exchanges and the app's last call). */
  async function steps(id: string) {
    const run = await startRun(getScenario(id)!, {
      world: await createWorld({ seed: id, now: NOW, keys: testKeys })
    });
    while (!run.done) await run.next();
    run.app.stop();
    return { world: run.world, steps: Object.fromEntries(run.steps.map((step) => [step.stepId, step])) };
  }
  const chosenRole = (entries: TraceEntry[]) =>
    entries
      .find((e) => e.operation === 'GetCredentialsForIdentity')
      ?.checks.find((c) => c.id === 'identity-pool.role-chosen');
  const assumedRole = (entries: TraceEntry[]) =>
    /<Arn>arn:aws:sts::123456789012:assumed-role\/(\w+)\//.exec(
      entries.find((e) => e.operation === 'AssumeRoleWithWebIdentity')?.response.body ?? ''
    )?.[1];

  it('groups-to-roles: Bob’s groups are in his tokens, and Token then Rules mapping give him TwoPools_Managers', async () => {
    const { world, steps: by } = await steps('groups-to-roles');
    expect(Object.values(by).map((step) => [step.stepId, step.last?.ok])).toEqual(
      getScenario('groups-to-roles')!.steps.map((step) => [step.id, true])
    );
    const managers = 'arn:aws:iam::123456789012:role/TwoPools_Managers';
    // Alice is in no group: her tokens carry none of the group claims, and Token mapping falls back.
    const aliceTokens = JSON.parse(by['alice-signs-in']!.entries.at(-1)!.response.body).AuthenticationResult;
    const aliceId = decodeJwt(aliceTokens.IdToken);
    expect(aliceId).not.toHaveProperty('cognito:groups');
    expect(aliceId).not.toHaveProperty('cognito:roles');
    expect(aliceId).not.toHaveProperty('cognito:preferred_role');
    expect(chosenRole(by['alice-credentials']!.entries)?.detail).toMatch(
      /^arn:aws:iam::123456789012:role\/TwoPools_Authenticated: the token names no role .*AuthenticatedRole/
    );
    expect(assumedRole(by['alice-credentials']!.entries)).toBe('TwoPools_Authenticated');
    // Bob's ID token names his group, its role and his preferred role; his access token, the group.
    const bobTokens = JSON.parse(by['bob-signs-in']!.entries.at(-1)!.response.body).AuthenticationResult;
    expect(decodeJwt(bobTokens.IdToken)).toMatchObject({
      'cognito:groups': ['managers'],
      'cognito:roles': [managers],
      'cognito:preferred_role': managers
    });
    expect(decodeJwt(bobTokens.AccessToken)['cognito:groups']).toEqual(['managers']);
    const byToken = by['bob-credentials']!.entries[0]!;
    expect(byToken.checks.map((c) => [c.id, c.ok])).toEqual(
      expect.arrayContaining([
        ['identity-pool.role-mapping', true],
        ['identity-pool.token-role', true],
        ['identity-pool.role-chosen', true]
      ])
    );
    expect(chosenRole([byToken])?.detail).toBe(`${managers}: the token’s cognito:preferred_role`);
    expect(assumedRole(by['bob-credentials']!.entries)).toBe('TwoPools_Managers');
    // The console step touches no service: no exchange, and the pool now holds a Rules mapping.
    expect(by['rules-mapping']!.entries).toEqual([]);
    expect(by['rules-mapping']!.last).toMatchObject({ action: 'CONFIGURE', ok: true });
    expect(Object.values(world.identityPool.describe().roleMappings)).toEqual([
      {
        Type: 'Rules',
        AmbiguousRoleResolution: 'AuthenticatedRole',
        RulesConfiguration: {
          Rules: [{ Claim: 'cognito:groups', MatchType: 'Contains', Value: 'managers', RoleARN: managers }]
        }
      }
    ]);
    const byRule = by['bob-credentials-by-rule']!.entries;
    expect(byRule[0]!.checks.find((c) => c.id === 'identity-pool.role-rule')).toMatchObject({
      ok: true,
      detail: expect.stringMatching(/^rule 1: cognito:groups Contains "managers" → .*TwoPools_Managers/)
    });
    expect(chosenRole(byRule)?.detail).toBe(
      `${managers}: rule 1 (cognito:groups Contains "managers") matched first`
    );
    expect(assumedRole(byRule)).toBe('TwoPools_Managers');
  });

  it('forgot-logins: no Logins means the guest role, then a refusal with guest access off, then Logins works', async () => {
    const { world, steps: by } = await steps('forgot-logins');
    const status = Object.values(by).map((step) => [step.stepId, step.last?.ok]);
    expect(status).toEqual([
      ['sign-in', true],
      ['get-id-without-logins', true],
      ['get-credentials-without-logins', true],
      ['read-order-denied', false],
      ['guest-access-off', true],
      ['get-id-refused', false],
      ['get-id-with-logins', true],
      ['get-credentials-with-logins', true],
      ['signed-get-item', true]
    ]);
    const [getId] = by['get-id-without-logins']!.entries;
    expect(JSON.parse(getId!.request.body)).not.toHaveProperty('Logins');
    expect(JSON.parse(by['get-credentials-without-logins']!.entries[0]!.request.body)).not.toHaveProperty(
      'Logins'
    );
    expect(assumedRole(by['get-credentials-without-logins']!.entries)).toBe('TwoPools_Guest');
    expect(by['read-order-denied']!.last?.error).toEqual({
      code: 'AccessDeniedException',
      message:
        'User: arn:aws:sts::123456789012:assumed-role/TwoPools_Guest/CognitoIdentityCredentials is not authorized to perform: dynamodb:GetItem on resource: arn:aws:dynamodb:us-east-1:123456789012:table/Orders because no identity-based policy allows the dynamodb:GetItem action'
    });
    expect(by['guest-access-off']!.entries).toEqual([]);
    expect(world.identityPool.describe().allowUnauthenticated).toBe(false);
    const refused = by['get-id-refused']!.entries[0]!;
    expect(refused.checks.find((c) => c.id === 'identity-pool.guest-enabled')?.ok).toBe(false);
    expect(JSON.parse(refused.response.body)).toEqual({
      __type: 'NotAuthorizedException',
      message: 'Unauthenticated access is not supported for this identity pool.'
    });
    expect(JSON.parse(by['get-id-with-logins']!.entries[0]!.request.body).Logins).toBeDefined();
    expect(assumedRole(by['get-credentials-with-logins']!.entries)).toBe('TwoPools_Authenticated');
    expect(JSON.parse(by['signed-get-item']!.entries[0]!.response.body).Item.orderId).toEqual({ S: '42' });
  });

  it('broken-trust: one character of aud is wrong, STS’s decision shows the failed condition, the fix works', async () => {
    const { world, steps: by } = await steps('broken-trust');
    expect(Object.values(by).map((step) => [step.stepId, step.last?.ok])).toEqual([
      ['sign-in', true],
      ['get-id', true],
      ['get-credentials-refused', false],
      ['fix-trust-policy', true],
      ['get-credentials', true],
      ['signed-get-item', true]
    ]);
    const [refused, sts] = by['get-credentials-refused']!.entries;
    expect(JSON.parse(refused!.response.body)).toEqual({
      __type: 'InvalidIdentityPoolConfigurationException',
      message: 'Invalid identity pool configuration. Check assigned IAM roles for this pool.'
    });
    expect(refused!.checks.find((c) => c.id === 'identity-pool.sts-credentials')).toMatchObject({
      ok: false
    });
    expect(sts!.parentId).toBe(refused!.id);
    const decision = sts!.decisions?.find((d) => d.kind === 'trust');
    expect(decision?.allowed).toBe(false);
    const poolId = world.config.identityPool.id;
    const typo = oneCharacterTypo(poolId);
    expect(typo).toHaveLength(poolId.length);
    expect([...typo].filter((char, i) => char !== poolId[i])).toHaveLength(1);
    expect(JSON.stringify(decision)).toContain(typo);
    expect(sts!.checks.find((c) => c.id === 'iam.trust-policy')?.detail).toContain(
      `cognito-identity.amazonaws.com:aud is "${poolId}"; StringEquals "${typo}" is false`
    );
    expect(by['fix-trust-policy']!.entries).toEqual([]);
    expect(JSON.stringify(world.roles.byName('TwoPools_Authenticated')?.trustPolicy)).toContain(
      `"${poolId}"`
    );
    expect(assumedRole(by['get-credentials']!.entries)).toBe('TwoPools_Authenticated');
  });

  it('token expiry: the second call is refused because the token expired', async () => {
    const { trace } = await play('token-expiry');
    const expired = trace.find((e) => e.response.status === 401)!;
    expect(JSON.parse(expired.response.body)).toEqual({ message: 'The incoming token has expired' });
  });

  it('the same seed gives the same trace twice', async () => {
    for (const id of ['identity-pool', 'token-expiry', 'sign-up']) {
      const first = await play(id, 'same-seed');
      const second = await play(id, 'same-seed');
      expect(second.trace, id).toEqual(first.trace);
    }
  });

  it('another seed gives other ids', async () => {
    const a = await play('identity-pool', 'seed-a');
    const b = await play('identity-pool', 'seed-b');
    expect(a.world.config.userPool.id).not.toBe(b.world.config.userPool.id);
  });

  it('which-token: each step answers as the method’s authorizer decides, and the trace says why', async () => {
    const world = await createWorld({ seed: 'which-token', now: NOW, keys: testKeys });
    const run = await startRun(getScenario('which-token')!, { world });
    const steps: StepRecord[] = [];
    while (!run.done) steps.push(await run.next());
    run.app.stop();
    const alice = world.config.demoUsers[0]!;
    expect(steps.map((step) => [step.stepId, step.last?.action, step.last?.ok, step.last?.status])).toEqual([
      ['sign-in', 'SIGN_IN', true, 200],
      ['orders-with-id-token', 'CALL_API', true, 200],
      ['orders-with-access-token', 'CALL_API', false, 401],
      ['me-with-id-token', 'GET_PROFILE', false, 401],
      ['me-with-access-token', 'GET_PROFILE', true, 200]
    ]);
    const gateway = (index: number) => steps[index]!.entries.find((entry) => entry.to === 'api-gateway')!;
    const check = (index: number, id: string) => gateway(index).checks.find((c) => c.id === id);

    // /orders/42 has no OAuth scopes: the ID token passes; the access token fails on token_use.
    expect(gateway(1).carries.map((c) => [c.kind, c.where])).toContainEqual([
      'id-token',
      'header Authorization'
    ]);
    expect(steps[1]!.last?.data).toMatchObject({ orderId: '42' });
    expect(gateway(2).carries.map((c) => [c.kind, c.where])).toContainEqual([
      'access-token',
      'header Authorization'
    ]);
    expect(JSON.parse(gateway(2).response.body)).toEqual({ message: 'Unauthorized' });
    expect(check(2, 'jwt.signature')?.ok).toBe(true);
    expect(check(2, 'jwt.token-use')).toMatchObject({ ok: false, detail: 'token_use is "access", not "id"' });
    expect(gateway(2).reason).toMatch(/no OAuth scopes.*wants an ID token/);
    expect(gateway(2).reason).toMatch(/token_use "access", no aud, client_id "[a-z0-9]{26}"/);
    expect(steps[2]!.entries.some((entry) => entry.to === 'lambda')).toBe(false);

    // /me has the scope aws.cognito.signin.user.admin: the ID token fails on token_use, the access token passes.
    expect(gateway(3).request.url).toBe(`${world.config.api.baseUrl}/me`);
    expect(JSON.parse(gateway(3).response.body)).toEqual({ message: 'Unauthorized' });
    expect(check(3, 'jwt.token-use')).toMatchObject({ ok: false, detail: 'token_use is "id", not "access"' });
    expect(gateway(3).reason).toMatch(/aud "[a-z0-9]{26}", no client_id and no scope/);
    expect(check(4, 'jwt.token-use')).toMatchObject({ ok: true, detail: 'token_use is "access"' });
    expect(check(4, 'api-gateway.scope')).toMatchObject({
      ok: true,
      detail: 'scope "aws.cognito.signin.user.admin" includes aws.cognito.signin.user.admin'
    });
    // The function answers from the access token's claims: no email, no aud; the app client in client_id.
    expect(steps[4]!.last?.data).toEqual({
      sub: alice.sub,
      username: alice.username,
      client_id: world.config.userPool.clientId,
      scope: 'aws.cognito.signin.user.admin',
      token_use: 'access'
    });
  });

  it('iam-authorized-api: the request carries a SigV4 signature for execute-api, no JWT; the function sees the identity', async () => {
    const { trace, world } = await play('iam-authorized-api');
    const call = trace.find((entry) => entry.operation === 'GET /prod/iam/orders/42')!;
    const credentials = JSON.parse(
      trace.find((e) => e.operation === 'GetCredentialsForIdentity')!.response.body
    ).Credentials;
    expect(call.request.headers.authorization).toMatch(
      new RegExp(
        `^AWS4-HMAC-SHA256 Credential=${credentials.AccessKeyId}/\\d{8}/us-east-1/execute-api/aws4_request, `
      )
    );
    expect(Object.values(call.request.headers).some((value) => /eyJ/.test(value))).toBe(false);
    expect(call.carries.map((c) => c.kind)).toEqual(['sigv4', 'sigv4']);
    expect(call.sigv4).toMatchObject({
      match: true,
      credentialScope: expect.stringMatching(/\/us-east-1\/execute-api\/aws4_request$/)
    });
    expect(call.checks.map((c) => [c.id, c.ok])).toEqual([
      ['api-gateway.route-exists', true],
      ['sigv4.signature', true],
      ['api-gateway.invoke-permission', true]
    ]);
    const apiId = new URL(world.config.api.baseUrl).host.split('.')[0];
    expect(call.decisions).toEqual([
      expect.objectContaining({
        action: 'execute-api:Invoke',
        resource: `arn:aws:execute-api:us-east-1:123456789012:${apiId}/prod/GET/iam/orders/42`,
        principal: 'arn:aws:sts::123456789012:assumed-role/TwoPools_Authenticated/CognitoIdentityCredentials',
        decision: 'Allow',
        deciding: [expect.objectContaining({ sid: 'InvokeOwnApi' })]
      })
    ]);

    const event = JSON.parse(trace.find((entry) => entry.to === 'lambda')!.request.body);
    const identityId = JSON.parse(trace.find((e) => e.operation === 'GetId')!.response.body).IdentityId;
    const pool = `cognito-idp.us-east-1.amazonaws.com/${world.config.userPool.id}`;
    expect(event.resource).toBe('/iam/orders/{id}');
    expect(event.pathParameters).toEqual({ id: '42' });
    expect(event.requestContext.authorizer).toBeUndefined();
    expect(event.requestContext.identity).toMatchObject({
      cognitoIdentityId: identityId,
      cognitoIdentityPoolId: world.config.identityPool.id,
      cognitoAuthenticationType: 'authenticated',
      cognitoAuthenticationProvider: `${pool},${pool}:CognitoSignIn:${world.config.demoUsers[0]!.sub}`,
      accessKey: credentials.AccessKeyId,
      userArn: 'arn:aws:sts::123456789012:assumed-role/TwoPools_Authenticated/CognitoIdentityCredentials'
    });
    const answer = trace.find((entry) => entry.to === 'lambda')!;
    expect(answer.checks.find((c) => c.id === 'get-order.caller-known')?.detail).toBe(
      `sub ${world.config.demoUsers[0]!.sub} from cognitoAuthenticationProvider (identity ${identityId})`
    );
    expect(JSON.parse(call.response.body)).toMatchObject({ orderId: '42', customer: 'alice' });
  });

  it('refuses an unknown scenario id clearly', async () => {
    await expect(runScenario('no-such-thing')).rejects.toThrow('runScenario: no scenario "no-such-thing"');
  });
});
