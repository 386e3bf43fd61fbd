// API Gateway's Cognito user-pool authorizer: reads the token from Authorization and verifies it against the pool's JWKS.

import { decodeJwt } from 'jose';
import { carryFoundToken, inHeader } from '../../carried';
import { createJwksCache, type JwksCache } from '../../crypto/jwks-cache';
import { verifyJwt, type JwtClaims, type JwtFailure } from '../../crypto/jwt-verify';
import type { WorldConfig } from '../../config';
import type { ExchangeContext } from '../../service';
import { withoutBearer } from '../../wire';

export type AuthorizerVerdict =
  | { ok: true; claims: JwtClaims }
  | {
      ok: false;
      failure: JwtFailure | 'no-token' | 'identity-validation' | 'scope';
      message: string;
      reason: string;
    };

/** What the method being called says about its authorizer: its OAuth scopes (`authorizationScopes`), if any. */
export interface AuthorizedMethod {
  readonly authorizationScopes?: readonly string[];
}

export interface UserPoolAuthorizer {
  authorize(request: Request, ctx: ExchangeContext, method?: AuthorizedMethod): Promise<AuthorizerVerdict>;
  /** The authorizer's copy of the pool's keys (fetched once through a traced hop, then reused). */
  readonly jwks: JwksCache;
}

/** An expired token is 401 {"message":"The incoming token has expired"}; every other refusal is "Unauthorized". */
export const UNAUTHORIZED = 'Unauthorized';
export const TOKEN_EXPIRED = 'The incoming token has expired';

/**
 * A method with no OAuth scopes wants an **ID token** of this pool; a method with scopes wants an **access
 * token** whose `scope` names one of them ("If the method has OAuth scopes ... an access token is required";
 * with none, "an identity token" is: API Gateway guide, "Integrate a REST API with an Amazon Cognito user
 * pool"). Either way the wrong kind of token is 401 Unauthorized. A REST API's Cognito authorizer is configured with user pools,
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
    async authorize(request, ctx, method = {}) {
      const scopes = method.authorizationScopes ?? [];
      const tokenUse = scopes.length > 0 ? 'access' : 'id';
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
      carryFoundToken(
        ctx,
        header,
        tokenUse === 'id' ? 'id-token' : 'access-token',
        inHeader('Authorization')
      );
      // The REST API's Cognito authorizer takes the token as is or after "Bearer " (the form most clients
      // and AWS's own workshops send); the prefix is dropped before the token is checked.
      const token = withoutBearer(header.trim());

      const result = await verifyJwt(token, {
        issuer: userPool.issuer,
        audience: null,
        tokenUse,
        now: ctx.clock.now(),
        keys: (kid) => jwks.resolve(kid, () => fetchJwks(ctx), ctx.clock.now())
      });
      for (const check of result.checks) ctx.check(check.id, check.ok, check.detail);
      if (result.ok && tokenUse === 'access') {
        // "scope": a space-separated list; one of the method's scopes is enough.
        const granted = typeof result.claims.scope === 'string' ? result.claims.scope.split(' ') : [];
        const matching = scopes.find((scope) => granted.includes(scope));
        ctx.check(
          'api-gateway.scope',
          matching !== undefined,
          `scope ${JSON.stringify(result.claims.scope ?? '')} ${matching === undefined ? 'names none of' : 'includes'} ${scopes.join(', ')}`
        );
        if (matching !== undefined) return { ok: true, claims: result.claims };
        return {
          ok: false,
          failure: 'scope',
          message: UNAUTHORIZED,
          reason: `The access token is valid, but its scope ${JSON.stringify(result.claims.scope ?? '')} names none of the method's OAuth scopes (${scopes.join(', ')}).`
        };
      }
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
        reason: result.failure === 'token-use-mismatch' ? wrongKind(token, scopes) : result.reason
      };
    }
  };
}

/**
 * Why a valid token of the pool is the wrong kind for this method, in the claims that tell the two apart: an ID
 * token has `token_use: "id"` and names its app client in `aud`; an access token has `token_use: "access"`,
 * names it in `client_id` (it has no `aud`) and carries `scope`. The signature was verified before token_use
 * was read, so the claims quoted are the pool's own.
 */
function wrongKind(token: string, scopes: readonly string[]): string {
  let claims: Record<string, unknown> = {};
  try {
    claims = decodeJwt(token);
  } catch {
    // verifyJwt read these claims already; an undecodable token cannot get this far.
  }
  const quoted = (name: string) =>
    claims[name] === undefined ? `no ${name}` : `${name} ${JSON.stringify(claims[name])}`;
  const has = `This token has token_use ${JSON.stringify(claims.token_use ?? null)}, ${quoted('aud')}, ${quoted('client_id')} and ${quoted('scope')}.`;
  return scopes.length === 0
    ? `This method has no OAuth scopes, so its Cognito authorizer wants an ID token (token_use "id", the app client in aud). ${has}`
    : `This method has the OAuth scope${scopes.length > 1 ? 's' : ''} ${scopes.join(', ')}, so its Cognito authorizer wants an access token (token_use "access", the app client in client_id) whose scope names one of them. ${has}`;
}

/** The whole of `value` matches `expression` (a malformed expression matches nothing). */
function fullMatch(expression: string, value: string): boolean {
  try {
    return new RegExp(`^(?:${expression})$`, 'u').test(value);
  } catch {
    return false;
  }
}
