// API Gateway's Cognito user-pool authorizer: reads the ID token from Authorization and verifies it against the pool's JWKS.

import { carryFoundToken, inHeader } from '../../carried';
import { createJwksCache, type JwksCache } from '../../crypto/jwks-cache';
import { verifyJwt, type JwtClaims, type JwtFailure } from '../../crypto/jwt-verify';
import type { WorldConfig } from '../../config';
import type { ExchangeContext } from '../../service';
import { withoutBearer } from '../../wire';

export type AuthorizerVerdict =
  | { ok: true; claims: JwtClaims }
  | { ok: false; failure: JwtFailure | 'no-token' | 'identity-validation'; message: string; reason: string };

export interface UserPoolAuthorizer {
  authorize(request: Request, ctx: ExchangeContext): Promise<AuthorizerVerdict>;
  /** The authorizer's copy of the pool's keys (fetched once through a traced hop, then reused). */
  readonly jwks: JwksCache;
}

/** An expired token is 401 {"message":"The incoming token has expired"}; every other refusal is "Unauthorized". */
export const UNAUTHORIZED = 'Unauthorized';
export const TOKEN_EXPIRED = 'The incoming token has expired';

/**
 * The method has no OAuth scopes, so the authorizer wants an **ID token** of this pool (with scopes it
 * would want an access token carrying one). A REST API's Cognito authorizer is configured with user pools,
 * not app clients: an ID token issued to any client of the pool passes, unless the authorizer has an
 * `identityValidationExpression`, a regular expression the token's `aud` must match.
 */
export function createUserPoolAuthorizer(
  userPool: WorldConfig['userPool'],
  jwks: JwksCache = createJwksCache(),
  api: Pick<WorldConfig['api'], 'identityValidationExpression'> = {}
): UserPoolAuthorizer {
  const fetchJwks = async (ctx: ExchangeContext): Promise<unknown> => {
    // A hop from api-gateway to the pool's public endpoint, recorded in the trace like any other.
    const response = await ctx.fetch(new Request(userPool.jwksUri, { method: 'GET' }));
    if (!response.ok) throw new Error(`the JWKS endpoint answered HTTP ${response.status}`);
    return response.json();
  };

  return {
    jwks,
    async authorize(request, ctx) {
      const header = request.headers.get('authorization');
      const present = header !== null && header.trim() !== '';
      ctx.check('api-gateway.token-present', present, present ? undefined : 'no Authorization header');
      if (!present || header === null) {
        return {
          ok: false,
          failure: 'no-token',
          message: UNAUTHORIZED,
          reason: 'The request has no Authorization header, so there is no token to check.'
        };
      }
      carryFoundToken(ctx, header, 'id-token', inHeader('Authorization'));
      // The REST API's Cognito authorizer takes the token as is or after "Bearer " (the form most clients
      // and AWS's own workshops send); the prefix is dropped before the token is checked.
      const token = withoutBearer(header.trim());

      const result = await verifyJwt(token, {
        issuer: userPool.issuer,
        audience: null,
        tokenUse: 'id',
        now: ctx.clock.now(),
        keys: (kid) => jwks.resolve(kid, () => fetchJwks(ctx), ctx.clock.now())
      });
      for (const check of result.checks) ctx.check(check.id, check.ok, check.detail);
      if (result.ok) {
        // The optional identityValidationExpression is matched against the whole of the verified
        // token's aud; without one, any app client of the pool will do.
        const expression = api.identityValidationExpression;
        if (expression === undefined) return { ok: true, claims: result.claims };
        const aud = typeof result.claims.aud === 'string' ? result.claims.aud : '';
        const matches = fullMatch(expression, aud);
        ctx.check(
          'api-gateway.identity-validation',
          matches,
          `aud ${JSON.stringify(aud)} ${matches ? 'matches' : 'does not match'} /${expression}/`
        );
        if (matches) return { ok: true, claims: result.claims };
        return {
          ok: false,
          failure: 'identity-validation',
          message: UNAUTHORIZED,
          reason: `The token is valid, but its aud ${JSON.stringify(aud)} does not match the authorizer's identityValidationExpression /${expression}/.`
        };
      }
      return {
        ok: false,
        failure: result.failure,
        message: result.failure === 'expired' ? TOKEN_EXPIRED : UNAUTHORIZED,
        reason: result.reason
      };
    }
  };
}

/** The whole of `value` matches `expression` (a malformed expression matches nothing). */
function fullMatch(expression: string, value: string): boolean {
  try {
    return new RegExp(`^(?:${expression})$`, 'u').test(value);
  } catch {
    return false;
  }
}
