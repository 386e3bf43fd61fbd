// Test fixture: a KeySource that makes each purpose's RSA pair once per test process, so suites stay fast.

import { generateKeys, type KeySource } from '../../src/lib/sim/crypto/keys';

const pairs = new Map<string, Promise<CryptoKeyPair>>();

/**
 * Pass as `createWorld({ keys: testKeys })`. Every world in the process gets the same pair for the same
 * purpose ("user-pool/id-token/1", ...), so only the first world pays for RSA key generation. A rotated
 * key has a new purpose name, so rotation still yields different key material.
 */
export const testKeys: KeySource = (purpose) => {
  let pair = pairs.get(purpose);
  if (!pair) {
    pair = generateKeys(purpose);
    pairs.set(purpose, pair);
  }
  return pair;
};
