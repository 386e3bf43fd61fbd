// Managed login: authorize → login page → code → token (PKCE S256), userInfo, discovery, and every refusal Cognito gives.
import { createHash, randomBytes } from 'node:crypto';
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import type { World } from '$lib/sim';
import { poolWorld } from '../../../support/user-pool';

const ALICE = { username: 'alice', password: 'Correct-Horse-42' };
const SCOPE = 'openid email orders-api/read';

/** PKCE as RFC 7636 §4.1–4.2 says, with Node's own crypto: the simulation's hashing is not used here. */
function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier, 'ascii').digest('base64url');
  return { verifier, challenge };
}

function authorizeUrl(world: World, params: Record<string, string>): string {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: world.config.userPool.clientId,
    redirect_uri: world.config.userPool.callbackUrl,
    scope: SCOPE,
    state: 'st-123',
    ...params
  });
  return `${world.config.userPool.domain}/oauth2/authorize?${query.toString()}`;
}

const browser = { from: 'browser' as const };

/** The browser's part: authorize, follow to /login, post the credentials; returns the callback URL it lands on. */
async function signInAtManagedLogin(
  world: World,
  params: Record<string, string>,
  user: { username: string; password: string } = ALICE
): Promise<URL> {
  const authorize = await world.fetch(new Request(authorizeUrl(world, params)), browser);
  expect(authorize.status).toBe(302);
  const login = authorize.headers.get('location') ?? '';
  expect(new URL(login).pathname).toBe('/login');
  const page = await world.fetch(new Request(login), browser);
  expect(page.status).toBe(200);
  const posted = await world.fetch(
    new Request(login, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(user).toString()
    }),
    browser
  );
  expect(posted.status).toBe(302);
  return new URL(posted.headers.get('location') ?? '');
}

async function redeem(world: World, fields: Record<string, string>) {
  const response = await world.fetch(
    new Request(`${world.config.userPool.domain}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: world.config.userPool.clientId,
        redirect_uri: world.config.userPool.callbackUrl,
        ...fields
      }).toString()
    })
  );
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>
  };
}

async function codeFor(world: World, challenge: string): Promise<string> {
  const callback = await signInAtManagedLogin(world, {
    code_challenge: challenge,
    code_challenge_method: 'S256'
  });
  return callback.searchParams.get('code') ?? '';
}

describe('managed login: authorization code with PKCE', () => {
  it('redirects authorize to the login page with the same parameters', async () => {
    const world = await poolWorld();
    const url = authorizeUrl(world, { code_challenge: 'x'.repeat(43), code_challenge_method: 'S256' });
    const response = await world.fetch(new Request(url), browser);
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.origin).toBe('https://two-pools.auth.us-east-1.amazoncognito.com');
    expect(location.pathname).toBe('/login');
    expect(location.search).toBe(new URL(url).search);
    expect(world.trace.entries.at(-1)?.from).toBe('browser');
  });

  it('sends the browser back to the callback with a code and the state, and records the password as the browser’s', async () => {
    const world = await poolWorld();
    const callback = await signInAtManagedLogin(world, {});
    expect(`${callback.origin}${callback.pathname}`).toBe(world.config.userPool.callbackUrl);
    expect(callback.searchParams.get('state')).toBe('st-123');
    expect(callback.searchParams.get('code')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
    );
    const post = world.trace.entries.at(-1);
    expect(post?.from).toBe('browser');
    expect(post?.carries).toContainEqual({ in: 'request', kind: 'password', where: 'body password' });
  });

  it('accepts a verifier whose challenge Node computed (sha256 → base64url) and issues the three tokens', async () => {
    const world = await poolWorld();
    const { verifier, challenge } = pkcePair();
    const code = await codeFor(world, challenge);
    const answer = await redeem(world, { code, code_verifier: verifier });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    expect(Object.keys(answer.body).sort()).toEqual([
      'access_token',
      'expires_in',
      'id_token',
      'refresh_token',
      'token_type'
    ]);
    expect(answer.body.token_type).toBe('Bearer');
    expect(answer.body.expires_in).toBe(3600);
    const access = decodeJwt(String(answer.body.access_token));
    expect(access.token_use).toBe('access');
    expect(access.scope).toBe(SCOPE);
    expect(decodeJwt(String(answer.body.id_token)).aud).toBe(world.config.userPool.clientId);
    const pkce = world.trace.entries.at(-1)?.checks.find((check) => check.id === 'oauth.pkce');
    expect(pkce?.ok).toBe(true);
    expect(pkce?.detail).toContain(verifier);
    expect(pkce?.detail).toContain(challenge);
  });

  it('leaves out the ID token when openid was not asked for', async () => {
    const world = await poolWorld();
    const { verifier, challenge } = pkcePair();
    const callback = await signInAtManagedLogin(world, {
      scope: 'orders-api/read',
      code_challenge: challenge,
      code_challenge_method: 'S256'
    });
    const answer = await redeem(world, {
      code: callback.searchParams.get('code') ?? '',
      code_verifier: verifier
    });
    expect(answer.status).toBe(200);
    expect(answer.body.id_token).toBeUndefined();
    expect(decodeJwt(String(answer.body.access_token)).scope).toBe('orders-api/read');
  });

  it('lets the scoped REST method accept the access token, and GET /me still refuse it (no admin scope)', async () => {
    const world = await poolWorld();
    const { verifier, challenge } = pkcePair();
    const answer = await redeem(world, { code: await codeFor(world, challenge), code_verifier: verifier });
    const token = String(answer.body.access_token);
    const scoped = await world.fetch(
      new Request(`${world.config.api.baseUrl}/scoped/orders/42`, { headers: { authorization: token } })
    );
    expect(scoped.status).toBe(200);
    const me = await world.fetch(
      new Request(`${world.config.api.baseUrl}/me`, { headers: { authorization: token } })
    );
    expect(me.status).toBe(401);
  });

  it('answers userInfo for the access token, and refuses one without openid', async () => {
    const world = await poolWorld();
    const { verifier, challenge } = pkcePair();
    const answer = await redeem(world, { code: await codeFor(world, challenge), code_verifier: verifier });
    const info = await world.fetch(
      new Request(`${world.config.userPool.domain}/oauth2/userInfo`, {
        headers: { authorization: `Bearer ${String(answer.body.access_token)}` }
      })
    );
    expect(info.status).toBe(200);
    expect(await info.json()).toMatchObject({
      email: 'alice@example.com',
      email_verified: 'true',
      username: 'alice'
    });

    const other = pkcePair();
    const callback = await signInAtManagedLogin(world, {
      scope: 'orders-api/read',
      code_challenge: other.challenge,
      code_challenge_method: 'S256'
    });
    const noOpenId = await redeem(world, {
      code: callback.searchParams.get('code') ?? '',
      code_verifier: other.verifier
    });
    const refused = await world.fetch(
      new Request(`${world.config.userPool.domain}/oauth2/userInfo`, {
        headers: { authorization: `Bearer ${String(noOpenId.body.access_token)}` }
      })
    );
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toContain('error="invalid_token"');
    expect(await refused.json()).toMatchObject({ error: 'invalid_token' });
  });

  it('publishes the OpenID discovery document on the issuer', async () => {
    const world = await poolWorld();
    const response = await world.fetch(
      new Request(`${world.config.userPool.issuer}/.well-known/openid-configuration`)
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body.issuer).toBe(world.config.userPool.issuer);
    expect(body.jwks_uri).toBe(world.config.userPool.jwksUri);
    expect(body.authorization_endpoint).toBe(`${world.config.userPool.domain}/oauth2/authorize`);
    expect(body.token_endpoint).toBe(`${world.config.userPool.domain}/oauth2/token`);
    expect(body.userinfo_endpoint).toBe(`${world.config.userPool.domain}/oauth2/userInfo`);
  });

  it('shows the page again, with no code, for a wrong password', async () => {
    const world = await poolWorld();
    const authorize = await world.fetch(new Request(authorizeUrl(world, {})), browser);
    const login = authorize.headers.get('location') ?? '';
    const posted = await world.fetch(
      new Request(login, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ username: 'alice', password: 'wrong-password' }).toString()
      }),
      browser
    );
    expect(posted.status).toBe(200);
    expect(await posted.text()).toContain('Incorrect username or password.');
    expect(world.trace.entries.at(-1)?.checks.find((c) => c.id === 'managed-login.credentials')?.ok).toBe(
      false
    );
  });
});

describe('managed login: the errors Cognito gives', () => {
  it('redirect_mismatch: a redirect_uri that is not a callback URL goes to the error page, not to the URI', async () => {
    const world = await poolWorld();
    const response = await world.fetch(
      new Request(authorizeUrl(world, { redirect_uri: `${world.config.userPool.callbackUrl}/` })),
      browser
    );
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.origin).toBe(new URL(world.config.userPool.domain).origin);
    expect(location.pathname).toBe('/error');
    expect(location.searchParams.get('error')).toBe('redirect_mismatch');
    expect(location.searchParams.get('client_id')).toBe(world.config.userPool.clientId);
  });

  it('invalid_scope: a scope the client may not ask for goes back to the callback with the state', async () => {
    const world = await poolWorld();
    const response = await world.fetch(
      new Request(authorizeUrl(world, { scope: 'openid orders-api/write' })),
      browser
    );
    const location = new URL(response.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(world.config.userPool.callbackUrl);
    expect(location.searchParams.get('error')).toBe('invalid_scope');
    expect(location.searchParams.get('state')).toBe('st-123');
  });

  it('unauthorized_client: the implicit grant (response_type=token) is not enabled for the client', async () => {
    const world = await poolWorld();
    const response = await world.fetch(new Request(authorizeUrl(world, { response_type: 'token' })), browser);
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.searchParams.get('error')).toBe('unauthorized_client');
  });

  it('invalid_request: code_challenge_method plain is refused (Cognito supports only S256)', async () => {
    const world = await poolWorld();
    const response = await world.fetch(
      new Request(authorizeUrl(world, { code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' })),
      browser
    );
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.searchParams.get('error')).toBe('invalid_request');
  });

  it('invalid_grant: a code redeemed twice', async () => {
    const world = await poolWorld();
    const { verifier, challenge } = pkcePair();
    const code = await codeFor(world, challenge);
    expect((await redeem(world, { code, code_verifier: verifier })).status).toBe(200);
    const again = await redeem(world, { code, code_verifier: verifier });
    expect(again.status).toBe(400);
    expect(again.body).toEqual({ error: 'invalid_grant' });
    expect(world.trace.entries.at(-1)?.checks.find((c) => c.id === 'oauth.code-unused')?.ok).toBe(false);
  });

  it('invalid_grant: a wrong code_verifier, and the code is spent by the attempt', async () => {
    const world = await poolWorld();
    const { verifier, challenge } = pkcePair();
    const code = await codeFor(world, challenge);
    const wrong = await redeem(world, { code, code_verifier: pkcePair().verifier });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toEqual({ error: 'invalid_grant' });
    expect(world.trace.entries.at(-1)?.checks.find((c) => c.id === 'oauth.pkce')?.ok).toBe(false);
    expect((await redeem(world, { code, code_verifier: verifier })).body).toEqual({ error: 'invalid_grant' });
  });

  it('invalid_grant: a code older than five minutes on the simulated clock (4:59 still works)', async () => {
    const world = await poolWorld();
    const first = pkcePair();
    const fresh = await codeFor(world, first.challenge);
    world.clock.advance(4 * 60_000 + 59_000);
    expect((await redeem(world, { code: fresh, code_verifier: first.verifier })).status).toBe(200);
    const second = pkcePair();
    const stale = await codeFor(world, second.challenge);
    world.clock.advance(5 * 60_000);
    const answer = await redeem(world, { code: stale, code_verifier: second.verifier });
    expect(answer.body).toEqual({ error: 'invalid_grant' });
    expect(world.trace.entries.at(-1)?.checks.find((c) => c.id === 'oauth.code-unexpired')?.ok).toBe(false);
  });

  it('unauthorized_client: a redirect_uri at the token endpoint other than the one the code was issued for', async () => {
    const world = await poolWorld();
    const { verifier, challenge } = pkcePair();
    const code = await codeFor(world, challenge);
    const answer = await redeem(world, {
      code,
      code_verifier: verifier,
      redirect_uri: `${world.config.userPool.callbackUrl}/`
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ error: 'unauthorized_client' });
  });

  it('invalid_request: no code_verifier for a code issued with a challenge, and a JSON body', async () => {
    const world = await poolWorld();
    const { challenge } = pkcePair();
    const code = await codeFor(world, challenge);
    expect((await redeem(world, { code })).body).toEqual({ error: 'invalid_request' });
    const json = await world.fetch(
      new Request(`${world.config.userPool.domain}/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ grant_type: 'authorization_code', code })
      })
    );
    expect(json.status).toBe(400);
    expect(await json.json()).toEqual({ error: 'invalid_request' });
  });

  it('invalid_client and unsupported_grant_type', async () => {
    const world = await poolWorld();
    expect((await redeem(world, { code: 'x', client_id: 'nosuchclient' })).body).toEqual({
      error: 'invalid_client'
    });
    expect((await redeem(world, { code: 'x', grant_type: 'password' })).body).toEqual({
      error: 'unsupported_grant_type'
    });
  });
});
