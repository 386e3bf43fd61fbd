// The identity pool's login providers, and how it checks each login token itself against the provider's JWKS.

import { decodeJwt } from 'jose';
import { createJwksCache, type JwksCache } from '../../crypto/jwks-cache';
import { verifyJwt, type JwtClaims } from '../../crypto/jwt-verify';
import { carryFoundToken, inBody } from '../../carried';
import { serviceError, type ServiceError } from '../../http';
import type { WorldConfig } from '../../config';
import type { ExchangeContext } from '../../service';
import { identityPoolErrors } from './errors';

export interface LoginProvider {
  /** The Logins key: `cognito-idp.{region}.amazonaws.com/{userPoolId}` or `accounts.google.com`. */
  name: string;
  /**
   * The key of its role mapping (SetIdentityPoolRoles' RoleMappings): a user pool is named with its app
   * client, `cognito-idp.{region}.amazonaws.com/{userPoolId}:{appClientId}`; another provider by its name.
   */
  roleMappingKey: string;
  /** The `iss` its tokens must carry. */
  issuer: string;
  /** The app client the identity pool accepts tokens for (`aud`). */
  clientId: string;
  jwksUri: string;
  /** The third `amr` entry for a login of `sub` through this provider. */
  amrEntry(sub: string): string;
  cache: JwksCache;
}

/** A login token the pool verified: who signed in, and where. */
export interface VerifiedLogin {
  provider: string;
  sub: string;
  /** `provider|sub`: the key the pool links identities by. */
  key: string;
  claims: JwtClaims;
}

/**
 * The providers this identity pool is configured with (CognitoIdentityProviders and SupportedLoginProviders
 * in AWS terms): the world's user pool with its app client, and Google with the app's OAuth client id.
 */
export function configuredProviders(config: WorldConfig): LoginProvider[] {
  const userPoolName = config.userPool.issuer.replace(/^https:\/\//, '');
  return [
    {
      name: userPoolName,
      roleMappingKey: `${userPoolName}:${config.userPool.clientId}`,
      issuer: config.userPool.issuer,
      clientId: config.userPool.clientId,
      jwksUri: config.userPool.jwksUri,
      // Real amr: "cognito-idp.us-east-1.amazonaws.com/us-east-1_xxx:CognitoSignIn:<user pool sub>".
      amrEntry: (sub) => `${userPoolName}:CognitoSignIn:${sub}`,
      cache: createJwksCache()
    },
    {
      name: GOOGLE_PROVIDER_NAME,
      roleMappingKey: GOOGLE_PROVIDER_NAME,
      issuer: config.google.issuer,
      clientId: config.google.clientId,
      jwksUri: 'https://www.googleapis.com/oauth2/v3/certs',
      amrEntry: (sub) => `accounts.google.com:${sub}`,
      cache: createJwksCache()
    }
  ];
}

/** The Logins key of Google logins. */
const GOOGLE_PROVIDER_NAME = 'accounts.google.com';

/** The Logins member: provider name → token. An absent or empty map means "no login" (a guest). */
export function readLogins(input: Record<string, unknown>): Map<string, string> | ServiceError {
  const value = input.Logins;
  const logins = new Map<string, string>();
  if (value === undefined || value === null) return logins;
  if (typeof value !== 'object' || Array.isArray(value)) {
    return serviceError(
      'SerializationException',
      'Start of structure or map found where not expected.',
      'Logins is not a map.'
    );
  }
  for (const [name, token] of Object.entries(value)) {
    if (typeof token !== 'string') {
      return serviceError(
        'SerializationException',
        'STRING_VALUE can not be converted to a map value',
        `Logins.${name} is not a string.`
      );
    }
    logins.set(name, token);
  }
  return logins;
}

/** Records each login token the request brought, under its Logins key, as the kind it is. */
export function carryLogins(logins: ReadonlyMap<string, string>, ctx: ExchangeContext): void {
  for (const [name, token] of logins) {
    const expected = name === GOOGLE_PROVIDER_NAME ? 'google-id-token' : 'id-token';
    carryFoundToken(ctx, token, expected, inBody('Logins', name));
  }
}

async function fetchJwks(ctx: ExchangeContext, uri: string): Promise<unknown> {
  // A traced hop: identity-pool → user-pool (or google), GET of the provider's public keys.
  const response = await ctx.fetch(new Request(uri, { method: 'GET' }));
  if (!response.ok) throw new Error(`GET ${uri} answered HTTP ${response.status}`);
  return response.json();
}

/** Verifies one login token as the identity pool does, with Cognito Identity's error messages. */
export async function verifyLogin(
  provider: LoginProvider,
  token: string,
  ctx: ExchangeContext
): Promise<VerifiedLogin | ServiceError> {
  // Every check names the provider in its detail: one request may carry logins of several providers.
  const about = (detail?: string) => (detail === undefined ? provider.name : `${provider.name}: ${detail}`);
  let unverified: Record<string, unknown>;
  try {
    unverified = decodeJwt(token);
  } catch {
    ctx.check('jwt.decodes', false, about());
    return identityPoolErrors.notOpenIdToken(`The token given for ${provider.name} is not a JWT.`);
  }
  // The Logins key names the provider; the token must say it comes from that provider before any key is
  // fetched. This only ever refuses: acceptance waits for the signature below.
  const claimedIssuer = unverified.iss;
  if (
    !ctx.check(
      'identity-pool.login-issuer',
      claimedIssuer === provider.issuer,
      about(`iss ${JSON.stringify(claimedIssuer)}`)
    )
  ) {
    return identityPoolErrors.issuerMismatch(
      `The token was sent under the Logins key ${provider.name}, but its issuer is ${JSON.stringify(claimedIssuer)}, not ${provider.issuer}.`
    );
  }

  const now = ctx.clock.now();
  const verification = await verifyJwt(token, {
    issuer: provider.issuer,
    audience: provider.clientId,
    now,
    keys: (kid) => provider.cache.resolve(kid, () => fetchJwks(ctx, provider.jwksUri), now)
  });
  for (const check of verification.checks) ctx.check(check.id, check.ok, about(check.detail));
  if (verification.ok) {
    const sub = verification.claims.sub;
    return { provider: provider.name, sub, key: `${provider.name}|${sub}`, claims: verification.claims };
  }
  switch (verification.failure) {
    case 'expired': {
      const exp = typeof unverified.exp === 'number' ? unverified.exp : 0;
      return identityPoolErrors.tokenExpired(Math.floor(now / 1000), exp, verification.reason);
    }
    case 'issuer-mismatch':
      return identityPoolErrors.issuerMismatch(verification.reason);
    case 'audience-mismatch':
      // An access token has no aud at all (its client is in client_id): the pool needs an ID token.
      if (unverified.aud === undefined) {
        return identityPoolErrors.missingClaim(
          'aud',
          'The token has no aud claim. A user pool access token has none (it names its client in client_id); the identity pool needs the ID token.'
        );
      }
      return identityPoolErrors.unsupportedProvider(
        `The token was issued to client ${JSON.stringify(unverified.aud)}, but this identity pool only accepts ${provider.name} tokens for client ${provider.clientId}.`
      );
    case 'claim-missing':
    case 'claim-type':
    case 'malformed':
    case 'too-large':
      return identityPoolErrors.notOpenIdToken(verification.reason);
    default:
      return identityPoolErrors.couldNotVerify(verification.reason);
  }
}

/** Verifies every login of a request; the first refusal wins. */
export async function verifyLogins(
  logins: Map<string, string>,
  providers: readonly LoginProvider[],
  ctx: ExchangeContext
): Promise<VerifiedLogin[] | ServiceError> {
  const verified: VerifiedLogin[] = [];
  for (const [name, token] of logins) {
    const provider = providers.find((candidate) => candidate.name === name);
    if (!ctx.check('identity-pool.login-provider', provider !== undefined, name) || !provider) {
      return identityPoolErrors.unsupportedProvider(
        `The Logins key ${JSON.stringify(name)} is not one of this identity pool's providers (${providers.map((p) => p.name).join(', ')}).`
      );
    }
    const login = await verifyLogin(provider, token, ctx);
    if ('kind' in login) return login;
    verified.push(login);
  }
  return verified;
}
