// A JWKS cache for verifyJwt: fetches the issuer's keys once, refetches on an unknown kid at most once per interval.

/*
 * Keys are kept in a Map by kid (never an object: a kid of "__proto__" must be just another unknown id).
 * The caller passes the fetch on each lookup, so that the hop is made (and traced) from inside the
 * request that needed it. An unknown kid may mean the issuer rotated its keys, so it triggers a
 * refetch; a refetch that still does not find the kid opens a "penalty box" of `refetchIntervalMs`
 * of simulated time during which unknown kids are refused without fetching. So a rotation is picked
 * up at once (simulated time often stands still between two steps of a lesson), while a hundred
 * forged kids cost one fetch, not a hundred (aws-jwt-verify's SimplePenaltyBox: 10 s of real time).
 */

import { importJWK } from 'jose';
import type { KeyResolution } from './jwt-verify';

export interface JwksCache {
  /** Finds the key for `kid`, fetching the JWKS with `fetchJwks` when needed. Never throws. */
  resolve(kid: string, fetchJwks: () => Promise<unknown>, now: number): Promise<KeyResolution>;
  /** How many times the JWKS has been fetched (or a fetch attempted). */
  readonly fetchCount: number;
}

export interface JwksCacheOptions {
  /** How long (simulated ms) unknown kids are refused without a fetch after a refetch that did not help. Default 10 s. */
  refetchIntervalMs?: number;
}

/** Turns a JWKS document into RS256 public keys by kid, skipping entries that are not RSA signing keys. */
async function importJwks(document: unknown): Promise<Map<string, CryptoKey>> {
  if (
    typeof document !== 'object' ||
    document === null ||
    !Array.isArray((document as { keys?: unknown }).keys)
  ) {
    throw new Error('the JWKS is not an object with a "keys" array');
  }
  const keys = new Map<string, CryptoKey>();
  for (const entry of (document as { keys: unknown[] }).keys) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { kid, kty, alg, use, n, e } = entry as Record<string, unknown>;
    if (typeof kid !== 'string' || kid === '' || keys.has(kid)) continue;
    // RFC 7517 §4.2, §4.4: a key published for signatures with RS256 (or RS512, as Cognito Identity
    // publishes its keys), or with no restriction stated (taken as RS256).
    if (kty !== 'RSA' || typeof n !== 'string' || typeof e !== 'string') continue;
    if ((alg !== undefined && alg !== 'RS256' && alg !== 'RS512') || (use !== undefined && use !== 'sig'))
      continue;
    try {
      // Only the public members are imported: a JWKS that leaked a private exponent still yields a verify-only key.
      const key = await importJWK({ kty, n, e }, alg === 'RS512' ? 'RS512' : 'RS256');
      if (!(key instanceof Uint8Array)) keys.set(kid, key);
    } catch {
      // A key jose cannot import (too short a modulus, bad encoding) is as good as absent.
    }
  }
  return keys;
}

export function createJwksCache(options: JwksCacheOptions = {}): JwksCache {
  const interval = options.refetchIntervalMs ?? 10_000;
  let keys: Map<string, CryptoKey> | undefined;
  let lastFetchAt: number | undefined;
  let lastError: string | undefined;
  let penaltyUntil: number | undefined;
  let inFlight: Promise<void> | undefined;
  let fetchCount = 0;

  const refresh = (fetchJwks: () => Promise<unknown>, now: number): Promise<void> => {
    // Requests that arrive while a fetch is under way share it.
    inFlight ??= (async () => {
      fetchCount += 1;
      lastFetchAt = now;
      try {
        keys = await importJwks(await fetchJwks());
        lastError = undefined;
      } catch (error) {
        lastError = error instanceof Error ? error.message : String(error);
      } finally {
        inFlight = undefined;
      }
    })();
    return inFlight;
  };

  return {
    get fetchCount() {
      return fetchCount;
    },
    async resolve(kid, fetchJwks, now) {
      if (inFlight) await inFlight;
      let key = keys?.get(kid);
      if (key) return { ok: true, key };
      if (penaltyUntil === undefined || now >= penaltyUntil) {
        await refresh(fetchJwks, now);
        key = keys?.get(kid);
        if (key) return { ok: true, key };
        // The fresh JWKS does not have it either: no more fetches for unknown kids for a while.
        penaltyUntil = now + interval;
      }
      if (!keys) {
        return {
          ok: false,
          failure: 'jwks-unavailable',
          detail: lastError ?? 'the JWKS has not been fetched'
        };
      }
      const since =
        lastFetchAt === undefined ? '' : `; keys last fetched at ${new Date(lastFetchAt).toISOString()}`;
      return {
        ok: false,
        failure: 'kid-unknown',
        detail: `no key ${JSON.stringify(kid)} in the JWKS${since}`
      };
    }
  };
}
