// findTokens on real traces: every JWT a message carried, as its carries say, with where it was and what kind it is.
import { describe, expect, it } from 'vitest';
import { findJwks, findTokens } from '../../src/lib/inspect';
import { byOperation, entry, play } from './traces';

describe('findTokens', () => {
  it('finds the ID and access tokens in a sign-in answer, and no refresh token (it is a JWE)', async () => {
    const { trace } = await play('call-api');
    const found = findTokens(entry(trace, byOperation('RespondToAuthChallenge')));
    expect(found.map(({ direction, location, path, kind }) => ({ direction, location, path, kind }))).toEqual(
      [
        { direction: 'response', location: 'json', path: 'AuthenticationResult.AccessToken', kind: 'access' },
        { direction: 'response', location: 'json', path: 'AuthenticationResult.IdToken', kind: 'id' }
      ]
    );
    expect(found[1]?.label).toMatch(/ID token/);
  });

  it('finds the ID token in API Gateway’s Authorization header, and twice in the Lambda proxy event', async () => {
    const { trace } = await play('call-api');
    const [header] = findTokens(entry(trace, byOperation(/^GET \/prod\/orders/)));
    expect(header).toMatchObject({
      location: 'header',
      path: 'Authorization',
      where: 'header Authorization',
      label: 'Authorization header',
      kind: 'id'
    });
    const event = findTokens(entry(trace, byOperation(/invocations$/)));
    expect(event.map((token) => token.path)).toEqual(
      expect.arrayContaining(['headers.authorization', 'multiValueHeaders.authorization[0]'])
    );
    expect(new Set(event.map((token) => token.token))).toEqual(new Set([header?.token]));
  });

  it('finds the login token under its provider in Logins (identity-pool)', async () => {
    const { trace, world } = await play('identity-pool');
    const provider = `cognito-idp.us-east-1.amazonaws.com/${world.config.userPool.id}`;
    const [login] = findTokens(entry(trace, byOperation('GetId')));
    expect(login).toMatchObject({
      direction: 'request',
      location: 'json',
      path: `Logins[${JSON.stringify(provider)}]`,
      label: `Logins, for provider ${provider}`,
      kind: 'id',
      kindLabel: 'user-pool ID token'
    });
  });

  it('finds the OpenID token in the STS form and in GetOpenIdToken’s answer (basic-flow)', async () => {
    const { trace } = await play('basic-flow');
    const [issued] = findTokens(entry(trace, byOperation('GetOpenIdToken'))).filter(
      (token) => token.direction === 'response'
    );
    expect(issued).toMatchObject({ path: 'Token', kind: 'openid' });
    const [sent] = findTokens(entry(trace, byOperation('AssumeRoleWithWebIdentity')));
    expect(sent).toMatchObject({ location: 'form', path: 'WebIdentityToken', kind: 'openid' });
    expect(sent?.token).toBe(issued?.token);
  });

  it('finds Google’s id_token in Logins (google-federation)', async () => {
    const { trace } = await play('google-federation');
    const [google] = findTokens(entry(trace, byOperation('GetId')));
    expect(google).toMatchObject({ path: 'Logins["accounts.google.com"]', kind: 'google' });
  });

  it('finds nothing in messages without tokens, and survives bodies that are not JSON', async () => {
    const { trace } = await play('identity-pool');
    expect(findTokens(entry(trace, byOperation('GetItem', 'dynamodb')))).toEqual([]);
    const odd = { ...entry(trace, byOperation('GetItem', 'dynamodb')) };
    odd.request = { ...odd.request, headers: {}, body: '{"a": [[[[' };
    odd.response = { ...odd.response, body: 'eyJhbGciOiJub25lIn0.e30.' };
    expect(findTokens(odd)).toEqual([]);
  });

  it('reads the carries, not the bytes: an unrecorded token is not listed, a recorded one is, as recorded', async () => {
    const { trace } = await play('call-api');
    const call = entry(trace, byOperation(/^GET \/prod\/orders/));
    expect(findTokens({ ...call, carries: [] })).toEqual([]);
    const [asAccess] = findTokens({
      ...call,
      carries: [{ in: 'request', kind: 'access-token', where: 'header Authorization' }]
    });
    expect(asAccess).toMatchObject({ kind: 'access', kindLabel: 'user-pool access token' });
    expect(asAccess?.token).toBe(call.request.headers.authorization);
  });

  it('skips carries that name no token it can show: a refresh token, a password, a place the message lacks', async () => {
    const { trace } = await play('call-api');
    const call = entry(trace, byOperation(/^GET \/prod\/orders/));
    const odd = {
      ...call,
      carries: [
        { in: 'request' as const, kind: 'id-token' as const, where: 'header X-Not-There' },
        { in: 'request' as const, kind: 'id-token' as const, where: 'body Logins["nowhere"]' },
        { in: 'request' as const, kind: 'password' as const, where: 'header Authorization' },
        { in: 'request' as const, kind: 'refresh-token' as const, where: 'header Authorization' }
      ]
    };
    expect(findTokens(odd)).toEqual([]);
  });
});

describe('findJwks', () => {
  it('finds the keys the API Gateway fetched while checking a tampered token, as inspectJwt takes them', async () => {
    const { trace, world } = await play('tampered-token');
    const request = entry(trace, byOperation(/^GET \/prod\/orders/));
    const jwks = findJwks(trace, world.config.userPool.issuer, request);
    expect(jwks?.url).toBe(world.config.userPool.jwksUri);
    expect(jwks?.keys.length).toBeGreaterThan(0);
    expect(trace.find((candidate) => candidate.id === jwks?.entryId)?.parentId).toBe(request.id);
  });

  it('finds nothing for an issuer nobody fetched, or before the fetch', async () => {
    const { trace, world } = await play('tampered-token');
    expect(findJwks(trace, 'https://accounts.google.com')).toBeUndefined();
    expect(findJwks(trace, 'https://example.com')).toBeUndefined();
    const first = trace[0];
    if (first === undefined) throw new Error('empty trace');
    expect(findJwks(trace, world.config.userPool.issuer, first)).toBeUndefined();
  });
});
