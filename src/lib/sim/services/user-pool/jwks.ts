// GET /{userPoolId}/.well-known/jwks.json: the public halves of the pool's signing keys, current and retired.

import type { ExchangeContext } from '../../service';
import { decodedPathSegment } from '../../edges';
import type { UserPoolState } from './pool-state';

const JWKS_PATH = /^\/([^/]+)\/\.well-known\/jwks\.json$/;

function json(body: unknown, status: number, ctx: ExchangeContext): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-requestid': ctx.requestId }
  });
}

export function serveJwks(pool: UserPoolState, request: Request, ctx: ExchangeContext): Response {
  const url = new URL(request.url);
  const match = JWKS_PATH.exec(url.pathname);
  if (!ctx.check('user-pool.jwks-path', match !== null, url.pathname) || !match) {
    ctx.reject({
      reason: `Nothing is served at ${url.pathname}; the JWKS is at /${pool.poolId}/.well-known/jwks.json.`
    });
    return json({ message: 'Not Found' }, 404, ctx);
  }
  // A malformed percent-escape (`%ZZ`) cannot spell any pool id, so it answers as an unknown pool does: 404,
  // never a 400 or a crash. The JWKS is a public GET document; nothing here says which ids exist.
  const poolId = decodedPathSegment(match[1] ?? '');
  if (!ctx.check('user-pool.exists', poolId === pool.poolId, poolId)) {
    ctx.reject({ reason: `There is no user pool ${poolId} in this world.` });
    return json({ message: `User pool ${poolId} does not exist.` }, 404, ctx);
  }
  return json(pool.keyring.jwks(), 200, ctx);
}
