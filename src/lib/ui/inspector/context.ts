// What the inspector panel needs from a world: expected issuers and audiences per token kind, and non-mutating look-ups.

import type { JwtExpectation, JwtInspectionContext, TokenKind } from '$lib/inspect';
import { findJwks } from '$lib/inspect';
import { header, type IssuedSession, type TraceEntry, type World } from '$lib/sim';

/** The identity pool's OpenID tokens name this issuer (AWS: GetOpenIdToken). */
const COGNITO_IDENTITY_ISSUER = 'https://cognito-identity.amazonaws.com';

/**
 * What a verifier in this world expects of a token of `kind`: API Gateway and the identity pool trust the
 * user pool's app client; STS trusts the identity pool's tokens; the identity pool trusts Google's client.
 */
export function expectationFor(kind: TokenKind, world: World | undefined): JwtExpectation | undefined {
  if (world === undefined) return undefined;
  const { userPool, identityPool, google } = world.config;
  switch (kind) {
    case 'id':
      return { issuer: userPool.issuer, audience: userPool.clientId, tokenUse: 'id' };
    case 'access':
      return { issuer: userPool.issuer, audience: userPool.clientId, tokenUse: 'access' };
    case 'openid':
      return { issuer: COGNITO_IDENTITY_ISSUER, audience: identityPool.id };
    case 'google':
      return { issuer: google.issuer, audience: google.clientId };
    case 'unknown':
      // A token of no recognisable kind is held to what this app's own API accepts: the pool's ID token.
      return { issuer: userPool.issuer, audience: userPool.clientId, tokenUse: 'id' };
  }
}

/**
 * The context inspectJwt needs for a token of `kind` seen in `entry`: the expectation for this world, the
 * issuer's keys as a verifier had fetched them in the trace by the end of that exchange, and the clock.
 */
export function jwtContextFor(
  kind: TokenKind,
  world: World | undefined,
  trace: readonly TraceEntry[],
  entry: TraceEntry | undefined,
  now: number
): JwtInspectionContext {
  const expected = expectationFor(kind, world);
  const issuer = expected?.issuer;
  const found =
    issuer === undefined
      ? undefined
      : findJwks(trace, issuer, entry === undefined ? undefined : { end: entry.end });
  return {
    now,
    ...(expected === undefined ? {} : { expected }),
    ...(found === undefined ? {} : { jwks: { keys: found.keys }, jwksUrl: found.url })
  };
}

/**
 * The session STS issued for an access key, read without touching its lifecycle (the store's own `lookup`
 * also brings the credentials' machine up to the clock; a panel only looks).
 */
export function sessionOf(world: World | undefined, accessKeyId: string): IssuedSession | undefined {
  return world?.credentials.all().find((session) => session.accessKeyId === accessKeyId);
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
