// The world's seeded randomness: same seed, same ids, codes and secrets, run after run.
//
// sfc32 seeded through cyrb128. It is not a cryptographic generator, and it does not need
// to be: the simulation's secrets protect nothing, and determinism is what lets a shared
// link or a "back" step replay the exact same story. Signing keys are the exception: they
// come from WebCrypto (see crypto/keys.ts).

export interface Random {
  /** `n` pseudo-random bytes. */
  bytes(n: number): Uint8Array<ArrayBuffer>;
  /** An integer in [0, max). */
  int(max: number): number;
  /** `n` characters drawn from `alphabet`. */
  pick(alphabet: string, n: number): string;
  /** A version-4-shaped UUID. */
  uuid(): string;
  /** Lower-case hex of `bytes` random bytes. */
  hex(bytes: number): string;
}

export const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const LOWER_ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyz0123456789';
export const UPPER_ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
export const DIGITS = '0123456789';

function cyrb128(seed: string): [number, number, number, number] {
  let h1 = 1779033703,
    h2 = 3144134277,
    h3 = 1013904242,
    h4 = 2773480762;
  for (let i = 0; i < seed.length; i++) {
    const k = seed.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0];
}

export function createRandom(seed: string): Random {
  let [a, b, c, d] = cyrb128(seed);
  const next32 = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Discard the first outputs, as sfc32's authors advise, to mix the seed in fully.
  for (let i = 0; i < 15; i++) next32();

  const random: Random = {
    bytes(n) {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = next32() & 0xff;
      return out;
    },
    int(max) {
      if (!Number.isInteger(max) || max <= 0)
        throw new RangeError(`random.int: max must be a positive integer`);
      // Rejection sampling keeps the draw uniform.
      const limit = Math.floor(0x100000000 / max) * max;
      let x = next32();
      while (x >= limit) x = next32();
      return x % max;
    },
    pick(alphabet, n) {
      let out = '';
      for (let i = 0; i < n; i++) out += alphabet[random.int(alphabet.length)];
      return out;
    },
    hex(n) {
      return Array.from(random.bytes(n), (byte) => byte.toString(16).padStart(2, '0')).join('');
    },
    uuid() {
      const h = random.hex(16).split('');
      h[12] = '4';
      h[16] = '89ab'[parseInt(h[16] ?? '0', 16) & 3] ?? '8';
      const s = h.join('');
      return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
    }
  };
  return random;
}
