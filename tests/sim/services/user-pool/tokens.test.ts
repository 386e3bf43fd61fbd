// The pool's tokens and keys: claim sets, kids, JWKS, rotation, GetUser, GlobalSignOut and RevokeToken.
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import type { World } from '$lib/sim';
import {
  POOL_TEST_NOW,
  callPool,
  lastExchange,
  passwordSignIn,
  poolWorld,
  tokensOf
} from '../../../support/user-pool';

const ALICE_PASSWORD = 'Correct-Horse-42';
const BOB_PASSWORD = 'Battery-Staple-7';

async function aliceTokens(world: World) {
  return tokensOf(await passwordSignIn(world, 'alice', ALICE_PASSWORD));
}

async function jwksOf(world: World) {
  const response = await world.fetch(new Request(world.config.userPool.jwksUri));
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    body: (await response.json()) as { keys: Record<string, string>[] }
  };
}

function getUser(world: World, accessToken: string) {
  return callPool(world, 'GetUser', { AccessToken: accessToken });
}

describe('tokens', () => {
  it('signs an ID token with exactly the Cognito ID claims', async () => {
    const world = await poolWorld();
    const { IdToken } = await aliceTokens(world);
    const claims = decodeJwt(IdToken);
    const now = Math.floor(POOL_TEST_NOW / 1000);
    expect(Object.keys(claims).sort()).toEqual(
      [
        'sub',
        'email_verified',
        'iss',
        'cognito:username',
        'origin_jti',
        'aud',
        'event_id',
        'token_use',
        'auth_time',
        'exp',
        'iat',
        'jti',
        'email'
      ].sort()
    );
    expect(claims).toMatchObject({
      email_verified: true,
      iss: world.config.userPool.issuer,
      'cognito:username': 'alice',
      aud: world.config.userPool.clientId,
      token_use: 'id',
      auth_time: now,
      iat: now,
      exp: now + 3600,
      email: 'alice@example.com'
    });
    expect(decodeProtectedHeader(IdToken)).toEqual({ kid: expect.any(String), alg: 'RS256' });
  });

  it('signs an access token with exactly the Cognito access claims, and no aud', async () => {
    const world = await poolWorld();
    const { IdToken, AccessToken } = await aliceTokens(world);
    const claims = decodeJwt(AccessToken);
    const id = decodeJwt(IdToken);
    expect(Object.keys(claims).sort()).toEqual(
      [
        'sub',
        'iss',
        'client_id',
        'origin_jti',
        'event_id',
        'token_use',
        'scope',
        'auth_time',
        'exp',
        'iat',
        'jti',
        'username'
      ].sort()
    );
    expect(claims.aud).toBeUndefined();
    expect(claims).toMatchObject({
      sub: id.sub,
      iss: world.config.userPool.issuer,
      client_id: world.config.userPool.clientId,
      origin_jti: id.origin_jti,
      event_id: id.event_id,
      token_use: 'access',
      scope: 'aws.cognito.signin.user.admin',
      username: 'alice'
    });
    expect(claims.jti).not.toBe(id.jti);
  });

  it('uses different kids for ID and access tokens, both published', async () => {
    const world = await poolWorld();
    const { IdToken, AccessToken } = await aliceTokens(world);
    const idKid = decodeProtectedHeader(IdToken).kid;
    const accessKid = decodeProtectedHeader(AccessToken).kid;
    expect(idKid).not.toBe(accessKid);
    expect(world.userPool.signingKids()).toEqual({ idTokenKid: idKid, accessTokenKid: accessKid });
    const jwks = createLocalJWKSet((await jwksOf(world)).body);
    const options = { issuer: world.config.userPool.issuer, currentDate: new Date(POOL_TEST_NOW) };
    await expect(jwtVerify(IdToken, jwks, options)).resolves.toBeTruthy();
    await expect(jwtVerify(AccessToken, jwks, options)).resolves.toBeTruthy();
  });

  it('adds cognito:groups (and the group role) for a user in a group', async () => {
    const world = await poolWorld();
    const roleArn = 'arn:aws:iam::123456789012:role/TwoPools_Admins';
    world.userPool.createGroup({ name: 'admins', roleArn, precedence: 1 });
    world.userPool.addUserToGroup('bob', 'admins');
    const bob = tokensOf(await passwordSignIn(world, 'bob', BOB_PASSWORD));
    expect(decodeJwt(bob.IdToken)).toMatchObject({
      'cognito:groups': ['admins'],
      'cognito:roles': [roleArn],
      'cognito:preferred_role': roleArn
    });
    expect(decodeJwt(bob.AccessToken)['cognito:groups']).toEqual(['admins']);
    expect(decodeJwt(bob.AccessToken)['cognito:roles']).toBeUndefined();
    // Alice is in no group, so her tokens have no groups claim at all.
    expect(decodeJwt((await aliceTokens(world)).IdToken)['cognito:groups']).toBeUndefined();
    expect(() => world.userPool.addUserToGroup('bob', 'nonexistent')).toThrow(/no group named nonexistent/);
  });

  it('names kids, subs and token ids from the seed: same seed, same claims', async () => {
    const claimsOf = async () => {
      const world = await poolWorld({ seed: 'determinism' });
      const { IdToken, AccessToken } = await aliceTokens(world);
      return [
        decodeProtectedHeader(IdToken),
        decodeJwt(IdToken),
        decodeProtectedHeader(AccessToken),
        decodeJwt(AccessToken)
      ];
    };
    expect(await claimsOf()).toEqual(await claimsOf());
  });
});

describe('JWKS', () => {
  it('serves both public keys in Cognito shape', async () => {
    const world = await poolWorld();
    const jwks = await jwksOf(world);
    expect(jwks.status).toBe(200);
    expect(jwks.contentType).toBe('application/json');
    expect(jwks.body.keys).toHaveLength(2);
    for (const key of jwks.body.keys) {
      expect(Object.keys(key).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
      expect(key).toMatchObject({ alg: 'RS256', kty: 'RSA', e: 'AQAB', use: 'sig' });
      expect(key.kid).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    }
    expect(jwks.body.keys.map((key) => key.kid)).toEqual(
      expect.arrayContaining(Object.values(world.userPool.signingKids()))
    );
  });

  it('answers 404 for another pool', async () => {
    const world = await poolWorld();
    const response = await world.fetch(
      new Request('https://cognito-idp.us-east-1.amazonaws.com/us-east-1_nothere00/.well-known/jwks.json')
    );
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ message: 'User pool us-east-1_nothere00 does not exist.' });
  });

  it('keeps a rotated-out key published until it is removed', async () => {
    const world = await poolWorld();
    const before = await aliceTokens(world);
    const old = world.userPool.signingKids();
    const fresh = await world.userPool.rotateKeys();
    expect(fresh.idTokenKid).not.toBe(old.idTokenKid);
    expect(fresh.accessTokenKid).not.toBe(old.accessTokenKid);
    expect((await jwksOf(world)).body.keys).toHaveLength(4);
    const after = await aliceTokens(world);
    expect(decodeProtectedHeader(after.IdToken).kid).toBe(fresh.idTokenKid);
    expect((await getUser(world, before.AccessToken)).status).toBe(200);

    expect(() => world.userPool.removeKey(fresh.idTokenKid)).toThrow(/still signs new tokens/);
    expect(world.userPool.removeKey(old.accessTokenKid)).toBe(true);
    expect(world.userPool.removeKey(old.idTokenKid)).toBe(true);
    expect(world.userPool.removeKey(old.idTokenKid)).toBe(false);
    expect((await jwksOf(world)).body.keys.map((key) => key.kid).sort()).toEqual(
      [fresh.idTokenKid, fresh.accessTokenKid].sort()
    );
    expect((await getUser(world, before.AccessToken)).body).toEqual({
      __type: 'NotAuthorizedException',
      message: 'Invalid Access Token'
    });
    expect((await getUser(world, after.AccessToken)).status).toBe(200);
  });
});

describe('GetUser', () => {
  it('returns the user behind an access token', async () => {
    const world = await poolWorld();
    const { AccessToken, IdToken } = await aliceTokens(world);
    const answer = await getUser(world, AccessToken);
    expect(answer.body).toEqual({
      Username: 'alice',
      UserAttributes: [
        { Name: 'email', Value: 'alice@example.com' },
        { Name: 'email_verified', Value: 'true' },
        { Name: 'sub', Value: decodeJwt(IdToken).sub }
      ]
    });
  });

  it('refuses an ID token, a garbled token and an expired one', async () => {
    const world = await poolWorld();
    const { AccessToken, IdToken } = await aliceTokens(world);
    const invalid = { __type: 'NotAuthorizedException', message: 'Invalid Access Token' };
    expect((await getUser(world, IdToken)).body).toEqual(invalid);
    expect((await getUser(world, 'not-a-jwt')).body).toEqual(invalid);
    const [h, p] = AccessToken.split('.');
    expect((await getUser(world, `${h}.${p}.`)).body).toEqual(invalid);
    expect((await getUser(world, 'x'.repeat(9000))).body).toEqual(invalid);
    world.clock.advance(3600 * 1000);
    expect((await getUser(world, AccessToken)).body).toEqual({
      __type: 'NotAuthorizedException',
      message: 'Access Token has expired'
    });
  });
});

describe('GlobalSignOut and RevokeToken', () => {
  it('GlobalSignOut revokes every sign-in of the user', async () => {
    const world = await poolWorld();
    const first = await aliceTokens(world);
    const second = await aliceTokens(world);
    const bob = tokensOf(await passwordSignIn(world, 'bob', BOB_PASSWORD));
    expect((await callPool(world, 'GlobalSignOut', { AccessToken: first.AccessToken })).body).toEqual({});
    for (const tokens of [first, second]) {
      expect((await getUser(world, tokens.AccessToken)).body).toEqual({
        __type: 'NotAuthorizedException',
        message: 'Access Token has been revoked'
      });
      const refreshed = await callPool(world, 'InitiateAuth', {
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        ClientId: world.config.userPool.clientId,
        AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken }
      });
      expect(refreshed.body).toEqual({
        __type: 'NotAuthorizedException',
        message: 'Refresh Token has been revoked'
      });
    }
    expect(lastExchange(world).reason).toMatch(/revoked by GlobalSignOut/);
    expect((await getUser(world, bob.AccessToken)).status).toBe(200);
    expect(world.userPool.account('alice')?.context.signedOutAt).toBe(POOL_TEST_NOW);
  });

  it('RevokeToken revokes one family: its refresh token and its access tokens', async () => {
    const world = await poolWorld();
    const revoked = await aliceTokens(world);
    const kept = await aliceTokens(world);
    const answer = await callPool(world, 'RevokeToken', {
      Token: revoked.RefreshToken,
      ClientId: world.config.userPool.clientId
    });
    expect(answer).toMatchObject({ status: 200, body: {} });
    expect((await getUser(world, revoked.AccessToken)).body.message).toBe('Access Token has been revoked');
    expect((await getUser(world, kept.AccessToken)).status).toBe(200);
  });

  it('RevokeToken refuses a JWT and shrugs at an unknown token', async () => {
    const world = await poolWorld();
    const { AccessToken } = await aliceTokens(world);
    const clientId = world.config.userPool.clientId;
    expect((await callPool(world, 'RevokeToken', { Token: AccessToken, ClientId: clientId })).body).toEqual({
      __type: 'UnsupportedTokenTypeException',
      message: 'Unsupported token type.'
    });
    const unknown = await callPool(world, 'RevokeToken', { Token: 'a.b.c.d.e', ClientId: clientId });
    expect(unknown).toMatchObject({ status: 200, body: {} });
  });
});
