// GetOpenIdToken (basic flow): a 10-minute token signed by Cognito Identity, about the identity, with its amr.

import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';
import { describe, expect, it } from 'vitest';
import type { World } from '../../../../src/lib/sim';
import {
  callIdentity,
  getId,
  identityWorld,
  userPoolLogins,
  userPoolProvider,
  IDENTITY_TEST_NOW
} from './wire';

/** GetOpenIdToken on a pool with the basic (classic) flow switched on. */
async function openIdToken(world: World, identityId: string, logins?: Record<string, string>) {
  world.identityPool.setAllowClassicFlow(true);
  const answer = await callIdentity(world, 'GetOpenIdToken', {
    IdentityId: identityId,
    ...(logins === undefined ? {} : { Logins: logins })
  });
  return answer;
}

describe('GetOpenIdToken and AllowClassicFlow', () => {
  it('is refused while the basic (classic) flow is off, as it is for a new pool', async () => {
    const world = await identityWorld();
    expect(world.identityPool.describe().allowClassicFlow).toBe(false);
    const logins = await userPoolLogins(world);
    const identityId = await getId(world, logins);
    const answer = await callIdentity(world, 'GetOpenIdToken', { IdentityId: identityId, Logins: logins });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      __type: 'InvalidParameterException',
      message: 'Basic (classic) flow is not enabled, please use enhanced flow.'
    });
    const entry = world.trace.entries.at(-1);
    expect(entry?.checks).toContainEqual(
      expect.objectContaining({
        id: 'identity-pool.classic-flow',
        ok: false,
        detail: 'AllowClassicFlow is false'
      })
    );
  });

  it('is refused when the pool has role mappings, even with the basic flow on', async () => {
    const world = await identityWorld();
    world.identityPool.setAllowClassicFlow(true);
    world.identityPool.setRoleMapping('accounts.google.com', {
      Type: 'Token',
      AmbiguousRoleResolution: 'AuthenticatedRole'
    });
    const identityId = await getId(world);
    const answer = await callIdentity(world, 'GetOpenIdToken', { IdentityId: identityId });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      __type: 'InvalidParameterException',
      message: 'Basic (classic) flow is not supported with RoleMappings, please use enhanced flow.'
    });
    expect(world.trace.entries.at(-1)?.checks.at(-1)).toMatchObject({
      id: 'identity-pool.classic-flow-no-role-mappings',
      ok: false
    });
  });
});

describe('GetOpenIdToken', () => {
  it('returns a token about the identity: iss, aud = pool id, sub = identity id, amr, 10 minutes', async () => {
    const world = await identityWorld();
    const logins = await userPoolLogins(world);
    const identityId = await getId(world, logins);
    const answer = await openIdToken(world, identityId, logins);
    expect(answer.status).toBe(200);
    expect(answer.body.IdentityId).toBe(identityId);
    const token = String(answer.body.Token);
    const iat = Math.floor(IDENTITY_TEST_NOW / 1000);
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({
      iss: 'https://cognito-identity.amazonaws.com',
      aud: world.config.identityPool.id,
      sub: identityId,
      iat,
      exp: iat + 600
    });
    const userPoolSub = String(decodeJwt(Object.values(logins)[0] ?? '').sub);
    expect(claims.amr).toEqual([
      'authenticated',
      userPoolProvider(world),
      `${userPoolProvider(world)}:CognitoSignIn:${userPoolSub}`
    ]);
    expect(claims['https://cognito-identity.amazonaws.com/identity-pool-arn']).toBe(
      `arn:aws:cognito-identity:us-east-1:123456789012:identitypool/${world.config.identityPool.id}`
    );
    // As Cognito Identity signs them: RS512, typ JWS, a regional kid (region + key number).
    expect(decodeProtectedHeader(token)).toEqual({ kid: 'us-east-11', typ: 'JWS', alg: 'RS512' });
  });

  it('is signed by the key published at cognito-identity.amazonaws.com', async () => {
    const world = await identityWorld();
    const identityId = await getId(world);
    const token = String((await openIdToken(world, identityId)).body.Token);
    const response = await world.fetch(
      new Request('https://cognito-identity.amazonaws.com/.well-known/jwks_uri')
    );
    const published = (await response.json()) as JSONWebKeySet;
    expect(published.keys).toEqual([
      expect.objectContaining({ kid: 'us-east-11', alg: 'RS512', kty: 'RSA', use: 'sig' })
    ]);
    const jwks = createLocalJWKSet(published);
    const { payload } = await jwtVerify(token, jwks, {
      issuer: 'https://cognito-identity.amazonaws.com',
      audience: world.config.identityPool.id,
      currentDate: new Date(IDENTITY_TEST_NOW),
      algorithms: ['RS512']
    });
    expect(payload.amr).toEqual(['unauthenticated']);
    const discovery = await world.fetch(
      new Request('https://cognito-identity.amazonaws.com/.well-known/openid-configuration')
    );
    expect(await discovery.json()).toMatchObject({
      jwks_uri: 'https://cognito-identity.amazonaws.com/.well-known/jwks_uri'
    });
  });

  it('names Google in amr for a Google login', async () => {
    const world = await identityWorld();
    const google = await world.google.signIn('carol@example.com');
    const logins = { 'accounts.google.com': google };
    const token = String((await openIdToken(world, await getId(world, logins), logins)).body.Token);
    expect(decodeJwt(token).amr).toEqual([
      'authenticated',
      'accounts.google.com',
      `accounts.google.com:${String(decodeJwt(google).sub)}`
    ]);
  });

  it('refuses an authenticated identity without its login, like GetCredentialsForIdentity', async () => {
    const world = await identityWorld();
    const identityId = await getId(world, await userPoolLogins(world));
    const answer = await openIdToken(world, identityId);
    expect(answer.body).toEqual({
      __type: 'NotAuthorizedException',
      message: `Access to Identity '${identityId}' is forbidden.`
    });
  });

  it('is an unknown operation under another target prefix', async () => {
    const world = await identityWorld();
    const response = await world.fetch(
      new Request('https://cognito-identity.us-east-1.amazonaws.com/', {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': 'AWSCognitoIdentityService.DeleteIdentityPool'
        },
        body: '{}'
      })
    );
    expect(response.status).toBe(400);
    expect(((await response.json()) as { __type: string }).__type).toBe('UnknownOperationException');
  });
});
