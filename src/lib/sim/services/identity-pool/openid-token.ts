// The identity pool's own OpenID tokens (GetOpenIdToken, and the enhanced flow's call to STS): minting and keys.

import { SignJWT } from 'jose';
import type { KeyResolver } from '../../crypto/jwt-verify';
import { createSigningKey, jwks, type KeySource } from '../../crypto/keys';
import type { WorldConfig } from '../../config';

export const COGNITO_IDENTITY_ISSUER = 'https://cognito-identity.amazonaws.com';
export const COGNITO_IDENTITY_JWKS_URI = `${COGNITO_IDENTITY_ISSUER}/.well-known/jwks_uri`;
/** Cognito Identity signs its OpenID tokens with RS512 (its published keys say so), not RS256. */
export const OPENID_TOKEN_ALGORITHM = 'RS512' as const;

/** "The OpenID token is valid for 10 minutes" (Cognito API reference, GetOpenIdToken). */
export const OPENID_TOKEN_LIFETIME_SECONDS = 600;

export interface OpenIdTokenClaims {
  /** The identity id. */
  sub: string;
  /** The identity pool id. */
  aud: string;
  /** ["authenticated", provider, "provider:...:sub"] or ["unauthenticated"]. */
  amr: string[];
  iss: typeof COGNITO_IDENTITY_ISSUER;
  'https://cognito-identity.amazonaws.com/identity-pool-arn': string;
  exp: number;
  iat: number;
}

export interface OpenIdTokenIssuer {
  readonly issuer: typeof COGNITO_IDENTITY_ISSUER;
  /** Signs a token for `identityId` at `nowMs`. */
  mint(
    identityId: string,
    amr: string[],
    nowMs: number
  ): Promise<{ token: string; claims: OpenIdTokenClaims }>;
  /** The public keys, as served at COGNITO_IDENTITY_JWKS_URI. */
  jwks(): ReturnType<typeof jwks>;
  /** The internal key handle STS uses: AWS trusts its own issuer without fetching anything. */
  keys: KeyResolver;
}

export async function createOpenIdTokenIssuer(
  config: WorldConfig,
  keySource: KeySource
): Promise<OpenIdTokenIssuer> {
  // Real tokens name a regional key: the region with a number appended (`us-east-11`, `us-east-12`, ...);
  // ours is the first, fixed per world.
  const key = await createSigningKey(
    `${config.region}1`,
    keySource,
    'identity-pool/openid-token',
    OPENID_TOKEN_ALGORITHM
  );
  const poolArn = `arn:aws:cognito-identity:${config.region}:${config.accountId}:identitypool/${config.identityPool.id}`;
  return {
    issuer: COGNITO_IDENTITY_ISSUER,
    async mint(identityId, amr, nowMs) {
      const iat = Math.floor(nowMs / 1000);
      const claims: OpenIdTokenClaims = {
        sub: identityId,
        aud: config.identityPool.id,
        amr,
        iss: COGNITO_IDENTITY_ISSUER,
        'https://cognito-identity.amazonaws.com/identity-pool-arn': poolArn,
        exp: iat + OPENID_TOKEN_LIFETIME_SECONDS,
        iat
      };
      // As AWS's: RS512, typ "JWS", the regional kid.
      const token = await new SignJWT({ ...claims })
        .setProtectedHeader({ kid: key.kid, typ: 'JWS', alg: OPENID_TOKEN_ALGORITHM })
        .sign(key.privateKey);
      return { token, claims };
    },
    jwks: () => jwks([key]),
    keys: async (kid) =>
      kid === key.kid
        ? { ok: true, key: key.publicKey }
        : {
            ok: false,
            failure: 'kid-unknown',
            detail: `no key ${JSON.stringify(kid)} signs Cognito identity tokens`
          }
  };
}
