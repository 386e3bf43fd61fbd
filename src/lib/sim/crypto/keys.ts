// RSA signing keys for the simulated issuers (user pool, Google, identity pool), made by WebCrypto through jose.

import { exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';

/** RSASSA-PKCS1-v1_5 with SHA-256 (Cognito user pools, Google) or SHA-512 (Cognito Identity's OpenID tokens). */
export type SigningAlgorithm = 'RS256' | 'RS512';

export interface SigningKey {
  kid: string;
  alg: SigningAlgorithm;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** The public key as a JWKS entry: `{kid, alg, kty, e, n, use}`. */
  publicJwk: JWK & { kid: string; alg: SigningAlgorithm; kty: 'RSA'; n: string; e: string; use: 'sig' };
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

export async function createSigningKey(
  kid: string,
  source: KeySource,
  purpose: string,
  alg: SigningAlgorithm = 'RS256'
): Promise<SigningKey> {
  const pair = await source(purpose);
  const jwk = await exportJWK(pair.publicKey);
  if (jwk.kty !== 'RSA' || !jwk.n || !jwk.e) throw new Error(`keys: ${purpose} is not an RSA key`);
  let { privateKey, publicKey } = pair;
  if (alg !== 'RS256') {
    // A WebCrypto RSA key is bound to one hash: the same pair is imported again for SHA-512.
    const { ext: _ext, key_ops: _ops, alg: _alg, ...privateJwk } = await exportJWK(pair.privateKey);
    privateKey = (await importJWK({ ...privateJwk, ext: false }, alg)) as CryptoKey;
    publicKey = (await importJWK({ kty: 'RSA', n: jwk.n, e: jwk.e }, alg)) as CryptoKey;
  }
  return {
    kid,
    alg,
    privateKey,
    publicKey,
    publicJwk: { kid, alg, kty: 'RSA', e: jwk.e, n: jwk.n, use: 'sig' }
  };
}

/** A JWKS document as Cognito serves it. */
export function jwks(keys: SigningKey[]): { keys: SigningKey['publicJwk'][] } {
  return { keys: keys.map((key) => key.publicJwk) };
}
