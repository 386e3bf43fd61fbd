// GetId: one identity per login (same login, same id, seeded), a new guest per anonymous call, AWS's refusals.

import { describe, expect, it } from 'vitest';
import { callIdentity, getId, identityWorld, userPoolLogins, userPoolProvider, signIn } from './wire';

describe('GetId', () => {
  it('gives the same identity id for the same login, every time', async () => {
    const world = await identityWorld();
    const first = await getId(world, await userPoolLogins(world));
    // A fresh sign-in: new tokens, same user-pool sub, so the same identity.
    const again = await getId(world, await userPoolLogins(world));
    expect(first).toMatch(/^us-east-1:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(again).toBe(first);
    expect(world.identityPool.identity(first)?.getSnapshot().value).toBe('authenticated');
  });

  it('gives another user another identity', async () => {
    const world = await identityWorld();
    const alice = await getId(world, await userPoolLogins(world, 0));
    const bob = await getId(world, await userPoolLogins(world, 1));
    expect(bob).not.toBe(alice);
  });

  it('draws the same identity id from the same seed', async () => {
    const a = await identityWorld();
    const b = await identityWorld();
    expect(await getId(a, await userPoolLogins(a))).toBe(await getId(b, await userPoolLogins(b)));
  });

  it('maps a Google login to its own identity, stable per Google account', async () => {
    const world = await identityWorld();
    const first = await getId(world, {
      'accounts.google.com': await world.google.signIn('carol@example.com')
    });
    const again = await getId(world, {
      'accounts.google.com': await world.google.signIn('carol@example.com')
    });
    const dave = await getId(world, { 'accounts.google.com': await world.google.signIn('dave@example.com') });
    expect(again).toBe(first);
    expect(dave).not.toBe(first);
  });

  it('creates a new guest identity for every call without Logins', async () => {
    const world = await identityWorld();
    const one = await getId(world);
    const two = await getId(world);
    expect(two).not.toBe(one);
    expect(world.identityPool.identity(one)?.getSnapshot().value).toBe('guest');
  });

  it('refuses guests when unauthenticated access is off', async () => {
    const world = await identityWorld();
    world.identityPool.setAllowUnauthenticated(false);
    const answer = await callIdentity(world, 'GetId', { IdentityPoolId: world.config.identityPool.id });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      __type: 'NotAuthorizedException',
      message: 'Unauthenticated access is not supported for this identity pool.'
    });
    expect(answer.headers.get('x-amzn-errortype')).toBe('NotAuthorizedException:');
  });

  it('answers ResourceNotFoundException for another identity pool id', async () => {
    const world = await identityWorld();
    const other = 'us-east-1:00000000-0000-4000-8000-000000000000';
    const answer = await callIdentity(world, 'GetId', { IdentityPoolId: other });
    expect(answer.body).toEqual({
      __type: 'ResourceNotFoundException',
      message: `IdentityPool '${other}' not found.`
    });
  });

  it('validates the IdentityPoolId', async () => {
    const world = await identityWorld();
    const missing = await callIdentity(world, 'GetId', {});
    expect(missing.body.__type).toBe('InvalidParameterException');
    expect(missing.body.message).toBe(
      "1 validation error detected: Value null at 'identityPoolId' failed to satisfy constraint: Member must not be null"
    );
    const malformed = await callIdentity(world, 'GetId', { IdentityPoolId: 'not an id' });
    expect(malformed.body.message).toContain(
      'Member must satisfy regular expression pattern: [\\w-]+:[0-9a-f-]+'
    );
  });

  it('fetches the user pool’s JWKS itself (a traced hop), once', async () => {
    const world = await identityWorld();
    const { IdToken } = await signIn(world);
    const mark = world.trace.entries.length;
    await getId(world, { [userPoolProvider(world)]: IdToken });
    await getId(world, { [userPoolProvider(world)]: IdToken });
    const hops = world.trace.entries
      .slice(mark)
      .map((entry) => `${entry.from}→${entry.to} ${entry.operation}`);
    expect(hops).toEqual([
      'app→identity-pool GetId',
      `identity-pool→user-pool GET /${world.config.userPool.id}/.well-known/jwks.json`,
      'app→identity-pool GetId'
    ]);
    const [getIdEntry, jwksEntry] = world.trace.entries.slice(mark);
    expect(jwksEntry?.parentId).toBe(getIdEntry?.id);
    expect(getIdEntry?.checks.some((check) => check.id === 'jwt.signature' && check.ok)).toBe(true);
  });
});
