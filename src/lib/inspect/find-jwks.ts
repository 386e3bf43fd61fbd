// findJwks: the issuer's public keys as a verifier fetched them in the trace, to hand to inspectJwt.

import type { JWK } from 'jose';
import { isRecord, parseJsonObject, type TraceEntry } from '../sim';
import { jwksUrlOf } from './internal/jwks-url';

export interface FoundJwks {
  url: string;
  keys: JWK[];
  /** The trace entry of the fetch the keys came from. */
  entryId: string;
}

/**
 * The newest successful fetch of `issuer`'s JWKS in the trace (API Gateway's or the identity pool's hop to
 * the user pool, or to Google), or undefined when no verifier fetched it. `upTo` limits the search to
 * fetches made before a given exchange ended — including the hop made while handling it — so the inspector
 * shows the keys the verifier had at that moment, not ones rotated in later.
 */
export function findJwks(
  trace: readonly TraceEntry[],
  issuer: string,
  upTo?: { end: number }
): FoundJwks | undefined {
  const url = jwksUrlOf(issuer);
  if (url === undefined) return undefined;
  for (let index = trace.length - 1; index >= 0; index--) {
    const entry = trace[index];
    if (entry === undefined || entry.request.url !== url || entry.response.status !== 200) continue;
    if (upTo !== undefined && entry.start > upTo.end) continue;
    const body = parseJsonObject(entry.response.body);
    const keys = body === undefined ? undefined : body.keys;
    if (!Array.isArray(keys)) continue;
    return { url, keys: keys.filter((key): key is JWK => isRecord(key)), entryId: entry.id };
  }
  return undefined;
}
