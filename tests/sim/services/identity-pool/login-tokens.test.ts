// The identity pool checks every login token itself, and refuses with Cognito Identity's exact messages.

import { base64url, decodeJwt, SignJWT, type JWK } from 'jose';
import { describe, expect, it } from 'vitest';
import type { World } from '../../../../src/lib/sim';
import { testKeys } from '../../../support/keys';
import { callIdentity, identityWorld, signIn, tamper, userPoolProvider } from './wire';

async function getIdWith(world: World, logins: Record<string, string>) {
  return callIdentity(world, 'GetId', { IdentityPoolId: world.config.identityPool.id, Logins: logins });
}

function notAuthorized(message: string) {
  return { __type: 'NotAuthorizedException', message };
}

/** A token signed with the world's own Google key (tests share key pairs by purpose), with chosen claims. */
async function forgeGoogle(world: World, claims: Record<string, unknown>): Promise<string> {
  const response = await world.fetch(new Request('https://www.googleapis.com/oauth2/v3/certs'));
  const { keys } = (await response.json()) as { keys: JWK[] };
  const { privateKey } = await testKeys('google/id-token');
  const genuine = decodeJwt(await world.google.signIn('carol@example.com'));
  return new SignJWT({ ...genuine, ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: keys[0]?.kid ?? '' })
    .sign(privateKey);
}

describe('login tokens at the identity pool', () => {
  it('accepts a valid ID token from the user pool and a valid Google id_token', async () => {
    const world = await identityWorld();
    const { IdToken } = await signIn(world);
    expect((await getIdWith(world, { [userPoolProvider(world)]: IdToken })).status).toBe(200);
    const google = await world.google.signIn('carol@example.com');
    expect((await getIdWith(world, { 'accounts.google.com': google })).status).toBe(200);
  });

  it('refuses an expired token: "Token expired: <now> >= <exp>" (seconds)', async () => {
    const world = await identityWorld();
    const { IdToken } = await signIn(world);
    const exp = decodeJwt(IdToken).exp ?? 0;
    world.clock.advance(3600 * 1000 + 5000);
    const now = Math.floor(world.clock.now() / 1000);
    const answer = await getIdWith(world, { [userPoolProvider(world)]: IdToken });
    expect(answer.body).toEqual(notAuthorized(`Invalid login token. Token expired: ${now} >= ${exp}`));
    expect(now).toBeGreaterThanOrEqual(exp);
  });

  it('refuses a token whose issuer is not the provider named by its Logins key', async () => {
    const world = await identityWorld();
    const google = await world.google.signIn('carol@example.com');
    const answer = await getIdWith(world, { [userPoolProvider(world)]: google });
    expect(answer.body).toEqual(notAuthorized("Invalid login token. Issuer doesn't match providerName"));
    const { IdToken } = await signIn(world);
    const swapped = await getIdWith(world, { 'accounts.google.com': IdToken });
    expect(swapped.body).toEqual(notAuthorized("Invalid login token. Issuer doesn't match providerName"));
  });

  it('refuses a user pool access token: it has no aud', async () => {
    const world = await identityWorld();
    const { AccessToken } = await signIn(world);
    const answer = await getIdWith(world, { [userPoolProvider(world)]: AccessToken });
    expect(answer.body).toEqual(notAuthorized('Invalid login token. Missing a required claim: aud'));
    expect(world.trace.entries.find((entry) => entry.operation === 'GetId')?.reason).toMatch(/ID token/);
  });

  it('refuses a token whose signature does not verify', async () => {
    const world = await identityWorld();
    const { IdToken } = await signIn(world);
    const [header = '', , signature = ''] = IdToken.split('.');
    const claims = decodeJwt(IdToken);
    const altered = `${header}.${base64url.encode(JSON.stringify({ ...claims, email: 'mallory@example.com' }))}.${signature}`;
    for (const token of [tamper(IdToken, 2), altered, `${header}.${IdToken.split('.')[1]}.`]) {
      const answer = await getIdWith(world, { [userPoolProvider(world)]: token });
      expect(answer.body).toEqual(notAuthorized("Invalid login token. Couldn't verify signed token."));
    }
  });

  it('refuses alg none and an unknown kid as unverifiable', async () => {
    const world = await identityWorld();
    const { IdToken } = await signIn(world);
    const [, payload] = IdToken.split('.');
    const none = `${btoa(JSON.stringify({ alg: 'none' })).replace(/=+$/, '')}.${payload}.`;
    expect((await getIdWith(world, { [userPoolProvider(world)]: none })).body).toEqual(
      notAuthorized("Invalid login token. Couldn't verify signed token.")
    );
    const forged = await forgeGoogle(world, {});
    const unknownKid = `${btoa(JSON.stringify({ alg: 'RS256', kid: 'nope' })).replace(/=+$/, '')}.${forged.split('.')[1]}.${forged.split('.')[2]}`;
    expect((await getIdWith(world, { 'accounts.google.com': unknownKid })).body).toEqual(
      notAuthorized("Invalid login token. Couldn't verify signed token.")
    );
  });

  it('refuses a Logins key that is not a provider of this pool', async () => {
    const world = await identityWorld();
    const google = await world.google.signIn('carol@example.com');
    const answer = await getIdWith(world, { 'graph.facebook.com': google });
    expect(answer.body).toEqual(
      notAuthorized('Token is not from a supported provider of this identity pool.')
    );
    const otherPool = await getIdWith(world, {
      'cognito-idp.us-east-1.amazonaws.com/us-east-1_Other1234': google
    });
    expect(otherPool.body).toEqual(
      notAuthorized('Token is not from a supported provider of this identity pool.')
    );
  });

  it('refuses a genuine Google token issued to another client', async () => {
    const world = await identityWorld();
    const token = await forgeGoogle(world, { aud: '999-other.apps.googleusercontent.com' });
    const answer = await getIdWith(world, { 'accounts.google.com': token });
    expect(answer.body).toEqual(
      notAuthorized('Token is not from a supported provider of this identity pool.')
    );
  });

  it('refuses something that is not a JWT at all', async () => {
    const world = await identityWorld();
    const answer = await getIdWith(world, { [userPoolProvider(world)]: 'hello' });
    expect(answer.body).toEqual(
      notAuthorized('Invalid login token. Not a valid OpenId Connect identity token.')
    );
  });

  it('records every check it made on the trace entry', async () => {
    const world = await identityWorld();
    const { IdToken } = await signIn(world);
    await getIdWith(world, { [userPoolProvider(world)]: tamper(IdToken, 2) });
    const entry = world.trace.entries.find((candidate) => candidate.operation === 'GetId');
    expect(entry?.outcome).toBe('refused');
    expect(entry?.error?.code).toBe('NotAuthorizedException');
    // The label is the same for every provider; the detail says which provider's token it was.
    const last = entry?.checks.at(-1);
    expect(last).toMatchObject({ id: 'jwt.signature', name: 'signature verifies', ok: false });
    expect(last?.detail?.startsWith(`${userPoolProvider(world)}: `)).toBe(true);
  });
});
