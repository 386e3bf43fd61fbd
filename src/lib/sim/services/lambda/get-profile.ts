// The Profile function behind GET /me: answers who the caller is, from the claims the Cognito authorizer handed over.

import type { ProxyResult } from '../api-gateway/proxy-event';
import type { LambdaFunction } from './runtime';

export const GET_PROFILE_FUNCTION_NAME = 'GetProfile';

function json(statusCode: number, body: unknown): ProxyResult {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

/**
 * No database: the verified token already says who is asking. Behind a method with OAuth scopes that token is
 * an access token, so the claims are an access token's (`username`, `client_id`, `scope`; no `email`, no `aud`).
 */
export const getProfile: LambdaFunction = async (event, runtime) => {
  const claims = (event as { requestContext?: { authorizer?: { claims?: Record<string, unknown> } } } | null)
    ?.requestContext?.authorizer?.claims;
  const sub = claims?.sub;
  const known = typeof sub === 'string' && sub !== '';
  runtime.check('get-profile.caller-known', known, known ? `sub ${sub}` : 'no claims from the authorizer');
  if (!known || claims === undefined) return json(403, { message: 'Forbidden' });
  const pick = (...names: string[]) =>
    Object.fromEntries(
      names.filter((name) => typeof claims[name] === 'string').map((name) => [name, claims[name]])
    );
  return json(
    200,
    pick('sub', 'username', 'cognito:username', 'email', 'client_id', 'aud', 'scope', 'token_use')
  );
};
