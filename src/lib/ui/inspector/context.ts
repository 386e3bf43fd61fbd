// What the inspector panel needs from a world's view: expected issuers and audiences per token kind, and look-ups.

import type { JwtExpectation, JwtInspectionContext, TokenKind } from '$lib/inspect';
import { findJwks } from '$lib/inspect';
import { header, type SessionView, type TraceEntry, type WorldView } from '$lib/sim';

/** The identity pool's OpenID tokens name this issuer (AWS: GetOpenIdToken). */
const COGNITO_IDENTITY_ISSUER = 'https://cognito-identity.amazonaws.com';

/*
 * Which user-pool token is accepted where. A REST API method whose Cognito authorizer has no OAuth scopes
 * verifies the ID token; only a method with scopes takes an access token (one carrying such a scope). This
 * world's GET /orders/{id} has none. The identity pool also takes the ID token (Logins); access tokens are for
 * the user pool's own APIs (GetUser, GlobalSignOut).
 */
const ID_TOKEN_WHY =
  'the ID token is what this world’s API accepts — GET /orders/{id} has no OAuth scopes configured, so API Gateway’s Cognito authorizer verifies ID tokens (the identity pool’s Logins takes the ID token too).';
const ACCESS_TOKEN_WHY =
  'an access token is for the user pool’s own APIs (GetUser, GlobalSignOut) and for API methods with OAuth scopes; this world’s GET /orders/{id} has no scopes, so it accepts the ID token, not this one.';
const API_WHY =
  'GET /orders/{id} accepts only the user pool’s ID token: the method has no OAuth scopes configured, and without scopes API Gateway’s Cognito authorizer verifies ID tokens (an access token is accepted only by a method with OAuth scopes, when it carries one of them).';

/**
 * What a verifier in this world expects of a token of `kind`: API Gateway and the identity pool trust the
 * user pool's app client; STS trusts the identity pool's tokens; the identity pool trusts Google's client.
 */
export function expectationFor(kind: TokenKind, world: WorldView | undefined): JwtExpectation | undefined {
  if (world === undefined) return undefined;
  const { userPool, identityPool, google } = world.config;
  switch (kind) {
    case 'id':
      return { issuer: userPool.issuer, audience: userPool.clientId, tokenUse: 'id', why: ID_TOKEN_WHY };
    case 'access':
      return {
        issuer: userPool.issuer,
        audience: userPool.clientId,
        tokenUse: 'access',
        why: ACCESS_TOKEN_WHY
      };
    case 'openid':
      return { issuer: COGNITO_IDENTITY_ISSUER, audience: identityPool.id };
    case 'google':
      return { issuer: google.issuer, audience: google.clientId };
    case 'unknown':
      // A token of no recognisable kind is held to what this app's own API accepts: the pool's ID token.
      return { issuer: userPool.issuer, audience: userPool.clientId, tokenUse: 'id', why: API_WHY };
  }
}

/**
 * What the paste box holds a token to: a user-pool token (ID, access, or unrecognised) is checked as this
 * world's API method checks it — the ID token, since the method has no OAuth scopes; other issuers' tokens as
 * their own verifiers check them.
 */
export function pastedExpectationFor(
  kind: TokenKind,
  world: WorldView | undefined
): JwtExpectation | undefined {
  if (world === undefined) return undefined;
  if (kind === 'openid' || kind === 'google') return expectationFor(kind, world);
  const { userPool } = world.config;
  return { issuer: userPool.issuer, audience: userPool.clientId, tokenUse: 'id', why: API_WHY };
}

/**
 * The context inspectJwt needs for a token of `kind` seen in `entry`: the expectation for this world, the
 * issuer's keys as a verifier had fetched them in the trace by the end of that exchange (or, for the user
 * pool, as it published them when the view was taken, if none had), and the clock.
 */
export function jwtContextFor(
  kind: TokenKind,
  world: WorldView | undefined,
  trace: readonly TraceEntry[],
  entry: TraceEntry | undefined,
  now: number,
  expected: JwtExpectation | undefined = expectationFor(kind, world)
): JwtInspectionContext {
  const issuer = expected?.issuer;
  const found =
    issuer === undefined
      ? undefined
      : findJwks(trace, issuer, entry === undefined ? undefined : { end: entry.end });
  if (found !== undefined) {
    return {
      now,
      ...(expected === undefined ? {} : { expected }),
      jwks: { keys: found.keys },
      jwksUrl: found.url
    };
  }
  // No verifier had fetched the keys by this message: the user pool's keys are read as it publishes them,
  // as the view read them through the admin's read-only accessor (no request, so no trace entry). Other
  // issuers: not checked yet.
  const pool = world?.config.userPool;
  const published =
    world !== undefined && pool !== undefined && issuer === pool.issuer
      ? { keys: world.publishedJwks.keys, url: pool.jwksUri }
      : undefined;
  return {
    now,
    ...(expected === undefined ? {} : { expected }),
    ...(published === undefined
      ? {}
      : { jwks: { keys: published.keys }, jwksUrl: published.url, jwksSource: 'published' as const })
  };
}

/**
 * The session STS issued for an access key, as the view holds it (read without touching its lifecycle: the
 * store's own `lookup` also brings the credentials' machine up to the clock; a panel only looks).
 */
export function sessionOf(world: WorldView | undefined, accessKeyId: string): SessionView | undefined {
  return world?.sessions.find((session) => session.accessKeyId === accessKeyId);
}

/** The request's Authorization header, whatever its case. */
export function authorizationOf(entry: TraceEntry): string | undefined {
  return header(entry.request.headers, 'authorization');
}

/**
 * Whether a SigV4 view says something about this request: it is signed, or it went to DynamoDB, which needs a
 * signature. (STS's AssumeRoleWithWebIdentity is legitimately unsigned: the web identity token is the proof.)
 */
export function hasSigV4Story(entry: TraceEntry): boolean {
  if (authorizationOf(entry)?.startsWith('AWS4-')) return true;
  return entry.to === 'dynamodb';
}

/** A long text for display: at most `limit` characters, and how many were left out. */
export function preview(text: string, limit = 600): { shown: string; hidden: number } {
  return text.length <= limit
    ? { shown: text, hidden: 0 }
    : { shown: text.slice(0, limit), hidden: text.length - limit };
}
