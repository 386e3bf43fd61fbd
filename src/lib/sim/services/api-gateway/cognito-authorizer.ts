// API Gateway's Cognito user-pool authorizer: reads the ID token from Authorization and verifies it against the pool's JWKS.

import { carryFoundToken, inHeader } from '../../carried';
import { createJwksCache, type JwksCache } from '../../crypto/jwks-cache';
import { verifyJwt, type JwtClaims, type JwtFailure } from '../../crypto/jwt-verify';
import type { WorldConfig } from '../../config';
import type { ExchangeContext } from '../../service';

export type AuthorizerVerdict =
  | { ok: true; claims: JwtClaims }
  | { ok: false; failure: JwtFailure | 'no-token' | 'bearer-prefix'; message: string; reason: string };

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
 * would want an access token carrying one); this one also wants it issued to this app client.
 */
export function createUserPoolAuthorizer(
  userPool: WorldConfig['userPool'],
  jwks: JwksCache = createJwksCache()
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
      // The API Gateway guide says to put the token itself in the Authorization header. Reports differ
      // on whether the REST API's Cognito authorizer also tolerates "Bearer <token>" (HTTP APIs' JWT
      // authorizers do strip it); we follow the documented form and do not strip it, and say so.
      const bearer = /^bearer\s/i.test(header);
      ctx.check(
        'api-gateway.no-bearer-prefix',
        !bearer,
        bearer ? 'the header starts with "Bearer "' : undefined
      );
      if (bearer) {
        return {
          ok: false,
          failure: 'bearer-prefix',
          message: UNAUTHORIZED,
          reason:
            'The Cognito authorizer of a REST API expects the ID token itself in the Authorization header; "Bearer <token>" is not a JWT.'
        };
      }

      const result = await verifyJwt(header, {
        issuer: userPool.issuer,
        audience: userPool.clientId,
        tokenUse: 'id',
        now: ctx.clock.now(),
        keys: (kid) => jwks.resolve(kid, () => fetchJwks(ctx), ctx.clock.now())
      });
      for (const check of result.checks) ctx.check(check.id, check.ok, check.detail);
      if (result.ok) return { ok: true, claims: result.claims };
      return {
        ok: false,
        failure: result.failure,
        message: result.failure === 'expired' ? TOKEN_EXPIRED : UNAUTHORIZED,
        reason: result.reason
      };
    }
  };
}
