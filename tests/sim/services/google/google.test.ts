// The simulated Google IdP: id_tokens with Google's claims, signed by a key published at Google's JWKS URI.

import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';
import { describe, expect, it } from 'vitest';
import { identityWorld, IDENTITY_TEST_NOW } from '../identity-pool/wire';

describe('Google id_tokens', () => {
  it('carries iss, aud, azp, a numeric sub, email, email_verified, iat and a one-hour exp', async () => {
    const world = await identityWorld();
    const token = await world.google.signIn('Carol@Example.com');
    const claims = decodeJwt(token);
    const iat = Math.floor(IDENTITY_TEST_NOW / 1000);
    expect(claims).toMatchObject({
      iss: 'https://accounts.google.com',
      aud: world.config.google.clientId,
      azp: world.config.google.clientId,
      email: 'carol@example.com',
      email_verified: true,
      iat,
      exp: iat + 3600
    });
    expect(claims.sub).toMatch(/^\d{21}$/);
    expect(decodeProtectedHeader(token)).toMatchObject({
      alg: 'RS256',
      typ: 'JWT',
      kid: expect.stringMatching(/^[0-9a-f]{40}$/)
    });
  });

  it('keeps the same sub for the same email, and gives another email another sub', async () => {
    const world = await identityWorld();
    const first = decodeJwt(await world.google.signIn('carol@example.com')).sub;
    const again = decodeJwt(await world.google.signIn(' CAROL@example.com ')).sub;
    const other = decodeJwt(await world.google.signIn('dave@example.com')).sub;
    expect(again).toBe(first);
    expect(other).not.toBe(first);
  });

  it('draws the same sub from the same seed in another world', async () => {
    const a = await identityWorld();
    const b = await identityWorld();
    expect(decodeJwt(await a.google.signIn('carol@example.com')).sub).toBe(
      decodeJwt(await b.google.signIn('carol@example.com')).sub
    );
  });

  it('verifies with jose against the JWKS served (and traced) at www.googleapis.com', async () => {
    const world = await identityWorld();
    const token = await world.google.signIn('carol@example.com');
    const response = await world.fetch(new Request('https://www.googleapis.com/oauth2/v3/certs'));
    const jwks = createLocalJWKSet((await response.json()) as JSONWebKeySet);
    const { payload } = await jwtVerify(token, jwks, {
      issuer: 'https://accounts.google.com',
      audience: world.config.google.clientId,
      currentDate: new Date(IDENTITY_TEST_NOW)
    });
    expect(payload.email).toBe('carol@example.com');
    const fetchEntry = world.trace.entries.at(-1);
    expect(fetchEntry).toMatchObject({
      from: 'app',
      to: 'google',
      operation: 'GET /oauth2/v3/certs',
      outcome: 'ok'
    });
  });

  it('publishes a discovery document naming the JWKS URI', async () => {
    const world = await identityWorld();
    const response = await world.fetch(
      new Request('https://accounts.google.com/.well-known/openid-configuration')
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      issuer: 'https://accounts.google.com',
      jwks_uri: 'https://www.googleapis.com/oauth2/v3/certs'
    });
  });

  it('answers 404 for anything else and 405 for a POST, recording why', async () => {
    const world = await identityWorld();
    expect((await world.fetch(new Request('https://www.googleapis.com/nothing'))).status).toBe(404);
    const post = await world.fetch(
      new Request('https://www.googleapis.com/oauth2/v3/certs', { method: 'POST' })
    );
    expect(post.status).toBe(405);
    expect(world.trace.entries.at(-1)?.reason).toMatch(/only answer GET/);
  });

  it('signs in without a trace entry: the sign-in happens in Google’s own window', async () => {
    const world = await identityWorld();
    await world.google.signIn('carol@example.com');
    expect(world.trace.entries).toEqual([]);
  });
});
