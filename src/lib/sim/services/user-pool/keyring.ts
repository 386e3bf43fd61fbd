// The user pool's signing keys: one for ID tokens, one for access tokens (different kids), with rotation.

import { createSigningKey, jwks, type KeySource, type SigningKey } from '../../crypto/keys';
import type { Random } from '../../random';
import { toBase64 } from './encoding';

export type TokenUse = 'id' | 'access';

export interface PoolSigningKey extends SigningKey {
  /** Which tokens this key signs. Cognito uses separate keys for ID and access tokens. */
  use: TokenUse;
}

export interface Keyring {
  /** The key that signs new tokens of this use. */
  current(use: TokenUse): PoolSigningKey;
  /** A published key by kid, looked up in a Map (never a plain object: kid "__proto__" must find nothing). */
  find(kid: string): PoolSigningKey | undefined;
  /** The JWKS document: every published key, current and retired. */
  jwks(): ReturnType<typeof jwks>;
  /** Makes fresh ID and access keys current; the old ones stay published until removed. */
  rotate(): Promise<{ idTokenKid: string; accessTokenKid: string }>;
  /** Stops publishing a retired key: tokens it signed no longer verify. */
  remove(kid: string): boolean;
}

export async function createKeyring(deps: { random: Random; keys: KeySource }): Promise<Keyring> {
  const published = new Map<string, PoolSigningKey>();
  let generation = 0;
  let currentId: PoolSigningKey;
  let currentAccess: PoolSigningKey;

  const makeKey = async (use: TokenUse): Promise<PoolSigningKey> => {
    // Cognito's kids look like base64 of a 32-byte digest ("...=" with + and /); ours come from the seed,
    // so the same seed names the same keys even though the key material is fresh.
    let kid = toBase64(deps.random.bytes(32));
    while (published.has(kid)) kid = toBase64(deps.random.bytes(32));
    const key = await createSigningKey(kid, deps.keys, `user-pool/${use}-token/${generation}`);
    const poolKey: PoolSigningKey = { ...key, use };
    published.set(kid, poolKey);
    return poolKey;
  };

  const installFreshKeys = async () => {
    generation += 1;
    const id = await makeKey('id');
    const access = await makeKey('access');
    currentId = id;
    currentAccess = access;
    return { idTokenKid: id.kid, accessTokenKid: access.kid };
  };

  await installFreshKeys();

  return {
    current: (use) => (use === 'id' ? currentId : currentAccess),
    find: (kid) => published.get(kid),
    jwks: () => jwks([...published.values()]),
    rotate: installFreshKeys,
    remove(kid) {
      if (kid === currentId.kid || kid === currentAccess.kid) {
        throw new Error(`user pool: key ${kid} still signs new tokens; rotate before removing it`);
      }
      return published.delete(kid);
    }
  };
}
