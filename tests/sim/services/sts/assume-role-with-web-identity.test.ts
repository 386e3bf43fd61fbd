// STS AssumeRoleWithWebIdentity over the query protocol: XML answers, trust policies, and STS's refusals.

import { describe, expect, it } from 'vitest';
import type { World } from '../../../../src/lib/sim';
import { adminRoleArn, ordersFunctionRoleArn } from '../../../../src/lib/sim/iam/roles';
import {
  callIdentity,
  callSts,
  getId,
  identityWorld,
  tamper,
  userPoolLogins,
  xmlField,
  IDENTITY_TEST_NOW
} from '../identity-pool/wire';

async function openIdToken(
  world: World,
  authenticated: boolean
): Promise<{ identityId: string; token: string }> {
  const logins = authenticated ? await userPoolLogins(world) : undefined;
  const identityId = await getId(world, logins);
  world.identityPool.setAllowClassicFlow(true);
  const answer = await callIdentity(world, 'GetOpenIdToken', {
    IdentityId: identityId,
    ...(logins === undefined ? {} : { Logins: logins })
  });
  return { identityId, token: String(answer.body.Token) };
}

function assume(world: World, roleArn: string, token: string, extra: Record<string, string> = {}) {
  return callSts(world, {
    Action: 'AssumeRoleWithWebIdentity',
    Version: '2011-06-15',
    RoleArn: roleArn,
    RoleSessionName: 'web-app',
    WebIdentityToken: token,
    ...extra
  });
}

const ACCESS_DENIED = `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <Error>
    <Type>Sender</Type>
    <Code>AccessDenied</Code>
    <Message>Not authorized to perform sts:AssumeRoleWithWebIdentity</Message>
  </Error>
  <RequestId>`;

describe('AssumeRoleWithWebIdentity', () => {
  it('answers in XML with credentials, the assumed role, the subject, provider and audience', async () => {
    const world = await identityWorld();
    const { identityId, token } = await openIdToken(world, true);
    const { status, xml } = await assume(world, world.config.identityPool.authenticatedRoleArn, token, {
      DurationSeconds: '900'
    });
    expect(status).toBe(200);
    expect(
      xml.startsWith(
        '<AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">\n  <AssumeRoleWithWebIdentityResult>'
      )
    ).toBe(true);
    expect(xmlField(xml, 'AccessKeyId')).toMatch(/^ASIA[A-Z0-9]{16}$/);
    expect(xmlField(xml, 'SecretAccessKey')).toMatch(/^[A-Za-z0-9+/]{40}$/);
    expect(xmlField(xml, 'SessionToken')?.length).toBeGreaterThan(400);
    expect(xmlField(xml, 'Expiration')).toBe(
      new Date(IDENTITY_TEST_NOW + 900_000).toISOString().replace('.000Z', 'Z')
    );
    expect(xmlField(xml, 'SubjectFromWebIdentityToken')).toBe(identityId);
    expect(xmlField(xml, 'Arn')).toBe(
      'arn:aws:sts::123456789012:assumed-role/TwoPools_Authenticated/web-app'
    );
    expect(xmlField(xml, 'AssumedRoleId')).toMatch(/^AROA[A-Z0-9]{17}:web-app$/);
    expect(xmlField(xml, 'Provider')).toBe('cognito-identity.amazonaws.com');
    expect(xmlField(xml, 'Audience')).toBe(world.config.identityPool.id);
    expect(xmlField(xml, 'RequestId')).toMatch(/^[0-9a-f-]{36}$/);

    const session = world.credentials.lookup(xmlField(xml, 'AccessKeyId') ?? '');
    expect(session?.variables).toMatchObject({
      'cognito-identity.amazonaws.com:sub': identityId,
      'cognito-identity.amazonaws.com:aud': world.config.identityPool.id
    });
    expect(session?.lifecycle.getSnapshot().value).toBe('valid');
  });

  it('defaults to one hour, and is reachable at the regional endpoint and by GET', async () => {
    const world = await identityWorld();
    const { token } = await openIdToken(world, false);
    const query = new URLSearchParams({
      Action: 'AssumeRoleWithWebIdentity',
      Version: '2011-06-15',
      RoleArn: world.config.identityPool.unauthenticatedRoleArn,
      RoleSessionName: 'guest',
      WebIdentityToken: token
    });
    const response = await world.fetch(
      new Request(`https://sts.us-east-1.amazonaws.com/?${query.toString()}`)
    );
    expect(response.status).toBe(200);
    const xml = await response.text();
    expect(xmlField(xml, 'Expiration')).toBe(
      new Date(IDENTITY_TEST_NOW + 3_600_000).toISOString().replace('.000Z', 'Z')
    );
    expect(world.trace.entries.at(-1)).toMatchObject({ to: 'sts', operation: 'AssumeRoleWithWebIdentity' });
  });

  it('refuses a guest token for the authenticated role (trust policy: amr "authenticated")', async () => {
    const world = await identityWorld();
    const { token } = await openIdToken(world, false);
    const { status, xml } = await assume(world, world.config.identityPool.authenticatedRoleArn, token);
    expect(status).toBe(403);
    expect(xml.startsWith(ACCESS_DENIED)).toBe(true);
    expect(xml).toMatch(/<RequestId>[0-9a-f-]{36}<\/RequestId>\n<\/ErrorResponse>\n$/);
    const entry = world.trace.entries.at(-1);
    expect(entry?.decisions?.[0]).toMatchObject({
      label: 'trust policy of TwoPools_Authenticated',
      decision: 'ImplicitDeny'
    });
    expect(entry?.reason).toMatch(/condition/);
  });

  it('refuses an authenticated token for the guest role, and any token for a role that trusts Lambda', async () => {
    const world = await identityWorld();
    const { token } = await openIdToken(world, true);
    expect(
      (await assume(world, world.config.identityPool.unauthenticatedRoleArn, token)).xml.startsWith(
        ACCESS_DENIED
      )
    ).toBe(true);
    expect(
      (await assume(world, ordersFunctionRoleArn(world.config), token)).xml.startsWith(ACCESS_DENIED)
    ).toBe(true);
    // The admin role trusts authenticated identities of this pool.
    expect((await assume(world, adminRoleArn(world.config), token)).status).toBe(200);
  });

  it('says AccessDenied, not "no such role", for a role that does not exist', async () => {
    const world = await identityWorld();
    const { token } = await openIdToken(world, true);
    const { status, xml } = await assume(world, 'arn:aws:iam::123456789012:role/Nope', token);
    expect(status).toBe(403);
    expect(xmlField(xml, 'Code')).toBe('AccessDenied');
  });

  it('refuses an expired OpenID token (10 minutes) with ExpiredTokenException', async () => {
    const world = await identityWorld();
    const { token } = await openIdToken(world, true);
    world.clock.advance(600_000);
    const now = Math.floor(world.clock.now() / 1000);
    const { status, xml } = await assume(world, world.config.identityPool.authenticatedRoleArn, token);
    expect(status).toBe(400);
    expect(xmlField(xml, 'Code')).toBe('ExpiredTokenException');
    expect(xmlField(xml, 'Message')).toBe(
      `Token expired: current date/time ${now} must be before the expiration date/time ${now}`
    );
  });

  it('refuses a tampered token with InvalidIdentityToken', async () => {
    const world = await identityWorld();
    const { token } = await openIdToken(world, true);
    const { xml } = await assume(world, world.config.identityPool.authenticatedRoleArn, tamper(token, 2));
    expect(xmlField(xml, 'Code')).toBe('InvalidIdentityToken');
    expect(xmlField(xml, 'Message')).toBe(
      'The web identity token that was passed could not be validated by AWS. Get a new identity token from the identity provider and then retry the request.'
    );
  });

  it('verifies the identity pool’s token as RS512 (typ JWS): the same token relabelled RS256 is refused', async () => {
    const world = await identityWorld();
    const { token } = await openIdToken(world, true);
    const [header = '', payload = '', signature = ''] = token.split('.');
    const decoded = JSON.parse(Buffer.from(header, 'base64url').toString()) as Record<string, unknown>;
    expect(decoded).toMatchObject({ alg: 'RS512', typ: 'JWS', kid: 'us-east-11' });
    const ok = await assume(world, world.config.identityPool.authenticatedRoleArn, token);
    expect(xmlField(ok.xml, 'AccessKeyId')).toMatch(/^ASIA/);
    const relabelled = `${Buffer.from(JSON.stringify({ ...decoded, alg: 'RS256' })).toString('base64url')}.${payload}.${signature}`;
    const { xml } = await assume(world, world.config.identityPool.authenticatedRoleArn, relabelled);
    expect(xmlField(xml, 'Code')).toBe('InvalidIdentityToken');
    expect(world.trace.entries.at(-1)?.checks).toContainEqual(
      expect.objectContaining({ id: 'jwt.algorithm', ok: false, detail: 'alg is "RS256"' })
    );
  });

  it('does not know Google as a provider of this account (the identity pool stands in between)', async () => {
    const world = await identityWorld();
    const google = await world.google.signIn('carol@example.com');
    const { xml } = await assume(world, world.config.identityPool.authenticatedRoleArn, google);
    expect(xmlField(xml, 'Code')).toBe('InvalidIdentityToken');
    expect(xmlField(xml, 'Message')).toBe(
      'No OpenIDConnect provider found in your account for https://accounts.google.com'
    );
  });

  it('validates its parameters as STS does', async () => {
    const world = await identityWorld();
    const { token } = await openIdToken(world, true);
    const missing = await callSts(world, { Action: 'AssumeRoleWithWebIdentity', Version: '2011-06-15' });
    expect(xmlField(missing.xml, 'Code')).toBe('ValidationError');
    expect(xmlField(missing.xml, 'Message')).toMatch(
      /^3 validation errors detected: Value null at 'roleArn'/
    );
    const short = await assume(world, world.config.identityPool.authenticatedRoleArn, token, {
      DurationSeconds: '100'
    });
    expect(xmlField(short.xml, 'Message')).toBe(
      "1 validation error detected: Value '100' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900"
    );
    const long = await assume(world, world.config.identityPool.authenticatedRoleArn, token, {
      DurationSeconds: '7200'
    });
    expect(xmlField(long.xml, 'Message')).toBe(
      'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.'
    );
    const badName = await assume(world, world.config.identityPool.authenticatedRoleArn, token, {
      RoleSessionName: 'a b'
    });
    expect(xmlField(badName.xml, 'Message')).toContain("at 'roleSessionName' failed to satisfy constraint");
    const notJwt = await assume(world, world.config.identityPool.authenticatedRoleArn, 'not-a-token');
    expect(xmlField(notJwt.xml, 'Code')).toBe('InvalidIdentityToken');
  });

  it('keeps a session policy (Policy) with the session it issues', async () => {
    const world = await identityWorld();
    const { token } = await openIdToken(world, true);
    const policy = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: '*' }]
    };
    const { status, xml } = await assume(world, world.config.identityPool.authenticatedRoleArn, token, {
      Policy: JSON.stringify(policy)
    });
    expect(status).toBe(200);
    const session = world.credentials.lookup(xmlField(xml, 'AccessKeyId') ?? '');
    expect(session?.sessionPolicy).toEqual(policy);
    const entry = world.trace.entries.at(-1);
    expect(entry?.checks.find((check) => check.id === 'sts.session-policy')).toMatchObject({ ok: true });
  });

  it('refuses a Policy that is not a policy document with MalformedPolicyDocument', async () => {
    const world = await identityWorld();
    const { token } = await openIdToken(world, true);
    const role = world.config.identityPool.authenticatedRoleArn;
    const notJson = await assume(world, role, token, { Policy: '{"Statement": [' });
    expect(notJson.status).toBe(400);
    expect(xmlField(notJson.xml, 'Code')).toBe('MalformedPolicyDocument');
    expect(xmlField(notJson.xml, 'Message')).toBe('Syntax errors in policy.');
    // A session policy is an identity-style policy: naming a Principal is an error.
    const withPrincipal = await assume(world, role, token, {
      Policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }]
      })
    });
    expect(xmlField(withPrincipal.xml, 'Code')).toBe('MalformedPolicyDocument');
    expect(xmlField(withPrincipal.xml, 'Message')).toBe('Policy document should not specify a principal.');
    const tooLong = await assume(world, role, token, { Policy: ' '.repeat(2049) });
    expect(xmlField(tooLong.xml, 'Code')).toBe('ValidationError');
    expect(xmlField(tooLong.xml, 'Message')).toBe(
      "1 validation error detected: Value at 'policy' failed to satisfy constraint: Member must have length less than or equal to 2048"
    );
    const wide = await assume(world, role, token, { Policy: '{"Version": "2012-10-17 \u0100"}' });
    expect(xmlField(wide.xml, 'Code')).toBe('ValidationError');
    expect(xmlField(wide.xml, 'Message')).toContain(
      "at 'policy' failed to satisfy constraint: Member must satisfy"
    );
    // Nothing was issued for any of them.
    expect(world.credentials.all()).toHaveLength(0);
  });

  it('knows only AssumeRoleWithWebIdentity', async () => {
    const world = await identityWorld();
    expect(xmlField((await callSts(world, { Action: 'GetCallerIdentity' })).xml, 'Code')).toBe(
      'InvalidAction'
    );
    expect(xmlField((await callSts(world, {})).xml, 'Code')).toBe('MissingAction');
  });
});
