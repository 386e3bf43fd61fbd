// RSA signing keys for the simulated issuers (user pool, Google, identity pool), made by WebCrypto through jose.

import { exportJWK, generateKeyPair, type JWK } from 'jose';

export interface SigningKey {
  kid: string;
  alg: 'RS256';
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** The public key as a JWKS entry: `{kid, alg, kty, e, n, use}`. */
  publicJwk: JWK & { kid: string; alg: 'RS256'; kty: 'RSA'; n: string; e: string; use: 'sig' };
}

/**
 * Where key pairs come from. The default makes a fresh 2048-bit pair each time (keys are the one
 * thing that is not drawn from the seed: no private key ships in the bundle). Tests may pass a
 * source that hands out pairs made once, to keep the suite fast.
 */
export type KeySource = (purpose: string) => Promise<CryptoKeyPair>;

export const generateKeys: KeySource = async () => {
  // Extractable only for the public half's JWK export; the private key never leaves the world.
  const { privateKey, publicKey } = await generateKeyPair('RS256', {
    modulusLength: 2048,
    extractable: true
  });
  return { privateKey, publicKey };
};

export async function createSigningKey(kid: string, source: KeySource, purpose: string): Promise<SigningKey> {
  const pair = await source(purpose);
  const jwk = await exportJWK(pair.publicKey);
  if (jwk.kty !== 'RSA' || !jwk.n || !jwk.e) throw new Error(`keys: ${purpose} is not an RSA key`);
  return {
    kid,
    alg: 'RS256',
    privateKey: pair.privateKey,
    publicKey: pair.publicKey,
    publicJwk: { kid, alg: 'RS256', kty: 'RSA', e: jwk.e, n: jwk.n, use: 'sig' }
  };
}

/** A JWKS document as Cognito serves it. */
export function jwks(keys: SigningKey[]): { keys: SigningKey['publicJwk'][] } {
  return { keys: keys.map((key) => key.publicJwk) };
}
