// Tests for Cognito-flavoured SRP-6a: our two sides agree, refuse what they must, and match amazon-cognito-identity-js.
import { createHash, createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  SRP_N,
  checkSrpA,
  clientComputeClaim,
  clientStart,
  createVerifier,
  formatSrpTimestamp,
  padHex,
  serverStartAuth,
  serverVerifyClaim
} from '$lib/sim/crypto/srp';
import { createRandom, type Random } from '$lib/sim/random';

// --- The real client's internals, loaded as CommonJS because its index.d.ts does not declare them.

interface JsbnBigInteger {
  toString(radix: number): string;
}
interface BigIntegerClass {
  new (value: string, radix: number): JsbnBigInteger;
}
type NodeCallback<T> = (err: unknown, value: T) => void;
interface CognitoAuthenticationHelper {
  smallAValue: JsbnBigInteger;
  largeAValue: JsbnBigInteger | undefined;
  getLargeAValue(callback: NodeCallback<JsbnBigInteger>): void;
  getPasswordAuthenticationKey(
    username: string,
    password: string,
    serverBValue: JsbnBigInteger,
    salt: JsbnBigInteger,
    callback: NodeCallback<Buffer>
  ): void;
  padHex(value: JsbnBigInteger): string;
  generateHashDevice(deviceGroupKey: string, username: string, callback: NodeCallback<null>): void;
  getSaltDevices(): string;
  getVerifierDevices(): string;
  getRandomPassword(): string;
}
interface AuthenticationHelperClass {
  new (poolName: string): CognitoAuthenticationHelper;
}
interface DateHelperClass {
  new (): { getNowString(): string };
}

const requireCjs = createRequire(import.meta.url);
// require() is typed `any`; each result is narrowed at once to the interface declared above.
const { default: AuthenticationHelper } = requireCjs(
  'amazon-cognito-identity-js/lib/AuthenticationHelper'
) as {
  default: AuthenticationHelperClass;
};
const { default: BigInteger } = requireCjs('amazon-cognito-identity-js/lib/BigInteger') as {
  default: BigIntegerClass;
};
const { default: DateHelper } = requireCjs('amazon-cognito-identity-js/lib/DateHelper') as {
  default: DateHelperClass;
};

// --- Helpers

const RUNS = 30;
const N_HEX = SRP_N.toString(16);

function promisify<T>(run: (callback: NodeCallback<T>) => void): Promise<T> {
  return new Promise((resolve, reject) => run((err, value) => (err ? reject(err) : resolve(value))));
}

function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

/** A world-like set of inputs for one sign-in, all drawn from the seeded source. */
function scenario(random: Random) {
  const poolName = random.pick('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 9);
  return {
    poolName,
    userIdForSrp: random.uuid(),
    // Mix in non-ASCII so the UTF-8 encoding of the password is exercised.
    password: `${random.pick('abcXYZ019!@#', 6 + random.int(20))}${random.int(2) ? 'é✓' : ''}`,
    salt: random.bytes(16),
    aBytes: random.bytes(128),
    bBytes: random.bytes(32 + random.int(96)),
    // Real secret blocks are long opaque blobs; their length varies.
    secretBlock: toBase64(random.bytes(40 + random.int(400))),
    timestamp: formatSrpTimestamp(Date.UTC(2026, 0, 1) + random.int(365 * 24 * 3600) * 1000)
  };
}

/** What CognitoUser.authenticateUserDefaultAuth does with the key from getPasswordAuthenticationKey. */
function realClientSignature(
  hkdf: Buffer,
  s: { poolName: string; userIdForSrp: string; secretBlock: string; timestamp: string }
): string {
  const message = Buffer.concat([
    Buffer.from(s.poolName, 'utf8'),
    Buffer.from(s.userIdForSrp, 'utf8'),
    Buffer.from(s.secretBlock, 'base64'),
    Buffer.from(s.timestamp, 'utf8')
  ]);
  return createHmac('sha256', hkdf).update(message).digest('base64');
}

/** The real client's helper, with its secret a replaced by ours so runs are reproducible. */
async function realClient(poolName: string, aBytes: Uint8Array) {
  const helper = new AuthenticationHelper(poolName);
  helper.smallAValue = new BigInteger(Buffer.from(aBytes).toString('hex'), 16);
  helper.largeAValue = undefined;
  const A = await promisify<JsbnBigInteger>((cb) => helper.getLargeAValue(cb));
  // CognitoUser sends SRP_A as `aValue.toString(16)`.
  return { helper, srpA: A.toString(16) };
}

/** Runs our client against our server for one scenario; returns the verdict. */
async function ourSignIn(s: ReturnType<typeof scenario>, overrides: { password?: string } = {}) {
  const stored = await createVerifier({
    poolName: s.poolName,
    username: s.userIdForSrp,
    password: s.password,
    salt: s.salt
  });
  const client = clientStart(s.aBytes);
  const server = await serverStartAuth({ verifier: stored.verifier, bBytes: s.bBytes });
  const claimSignature = await clientComputeClaim({
    poolName: s.poolName,
    userIdForSrp: s.userIdForSrp,
    password: overrides.password ?? s.password,
    salt: stored.salt,
    B: server.B,
    a: client.a,
    secretBlock: s.secretBlock,
    timestamp: s.timestamp
  });
  const claim = {
    poolName: s.poolName,
    userIdForSrp: s.userIdForSrp,
    A: client.A,
    b: server.b,
    verifier: stored.verifier,
    salt: stored.salt,
    secretBlock: s.secretBlock,
    timestamp: s.timestamp,
    claimSignature
  };
  return { claim, verdict: await serverVerifyClaim(claim), B: server.B };
}

function flipFirstByte(base64: string): string {
  const bytes = Buffer.from(base64, 'base64');
  bytes[0] = (bytes[0] ?? 0) ^ 0x01;
  return bytes.toString('base64');
}

// --- Our client against our server

describe('our client and our server', () => {
  it('agree on every one of 30 seeded sign-ins', async () => {
    const random = createRandom('srp-agree');
    for (let i = 0; i < RUNS; i++) {
      const { verdict } = await ourSignIn(scenario(random));
      expect(verdict, `run ${i}`).toEqual({ ok: true });
    }
  }, 60_000);

  it('produce the same B and signature from the same seed', async () => {
    const first = await ourSignIn(scenario(createRandom('srp-replay')));
    const second = await ourSignIn(scenario(createRandom('srp-replay')));
    expect(second.B).toBe(first.B);
    expect(second.claim.claimSignature).toBe(first.claim.claimSignature);
  });

  it('never stores the password: the verifier is hex and does not contain it', async () => {
    const stored = await createVerifier({
      poolName: 'AbCdEf123',
      username: 'user-1',
      password: 'correct horse',
      salt: new Uint8Array(16).fill(7)
    });
    expect(stored.verifier).toMatch(/^[0-9a-f]+$/);
    expect(JSON.stringify(stored)).not.toContain('correct horse');
  });

  it('rejects a wrong password with SignatureMismatch', async () => {
    const s = scenario(createRandom('srp-wrong-password'));
    const { verdict } = await ourSignIn(s, { password: `${s.password}x` });
    expect(verdict).toEqual({ ok: false, reason: 'SignatureMismatch' });
  });

  it('rejects a tampered secret block, timestamp, user id or pool name', async () => {
    const s = scenario(createRandom('srp-tamper'));
    const { claim, verdict } = await ourSignIn(s);
    expect(verdict).toEqual({ ok: true });
    const mismatch = { ok: false, reason: 'SignatureMismatch' };
    expect(await serverVerifyClaim({ ...claim, secretBlock: flipFirstByte(claim.secretBlock) })).toEqual(
      mismatch
    );
    expect(
      await serverVerifyClaim({ ...claim, timestamp: formatSrpTimestamp(Date.UTC(2030, 5, 5)) })
    ).toEqual(mismatch);
    expect(await serverVerifyClaim({ ...claim, userIdForSrp: `${claim.userIdForSrp}0` })).toEqual(mismatch);
    expect(await serverVerifyClaim({ ...claim, poolName: `${claim.poolName}0` })).toEqual(mismatch);
    expect(
      await serverVerifyClaim({ ...claim, claimSignature: flipFirstByte(claim.claimSignature) })
    ).toEqual(mismatch);
  });

  it('rejects A = 0, A = N and A = 2N with IllegalSrpA', async () => {
    const { claim } = await ourSignIn(scenario(createRandom('srp-illegal-a')));
    for (const A of ['0', '00', N_HEX, N_HEX.toUpperCase(), `00${N_HEX}`, (2n * SRP_N).toString(16)]) {
      expect(checkSrpA(A), A.slice(0, 8)).toBe('IllegalSrpA');
      expect(await serverVerifyClaim({ ...claim, A })).toEqual({ ok: false, reason: 'IllegalSrpA' });
    }
    expect(checkSrpA(claim.A)).toBeUndefined();
  });

  it('rejects input that is not hex or base64 with MalformedInput', async () => {
    const { claim } = await ourSignIn(scenario(createRandom('srp-malformed')));
    const malformed = { ok: false, reason: 'MalformedInput' };
    expect(checkSrpA('')).toBe('MalformedInput');
    expect(checkSrpA('-1f')).toBe('MalformedInput');
    expect(await serverVerifyClaim({ ...claim, A: 'xyz' })).toEqual(malformed);
    expect(await serverVerifyClaim({ ...claim, claimSignature: 'not base64!' })).toEqual(malformed);
    expect(await serverVerifyClaim({ ...claim, secretBlock: 'AB=C' })).toEqual(malformed);
    expect(await serverVerifyClaim({ ...claim, b: '' })).toEqual(malformed);
  });

  it('never hands out B ≡ 0 mod N, even for a verifier crafted to produce it', async () => {
    const bBytes = new Uint8Array(32).fill(0x42);
    const b = BigInt(`0x${Buffer.from(bBytes).toString('hex')}`);
    const k = BigInt(
      `0x${createHash('sha256')
        .update(Buffer.from(`00${N_HEX}02`, 'hex'))
        .digest('hex')}`
    );
    // Choose v with k·v ≡ −g^b (mod N); N is prime, so k⁻¹ = k^(N−2).
    const v = mod(-modPow(2n, b, SRP_N) * modPow(k, SRP_N - 2n, SRP_N), SRP_N);
    expect(mod(k * v + modPow(2n, b, SRP_N), SRP_N)).toBe(0n);

    const server = await serverStartAuth({ verifier: padHex(v), bBytes });
    expect(BigInt(`0x${server.B}`) % SRP_N).not.toBe(0n);
    expect(BigInt(`0x${server.b}`)).not.toBe(b);
  });

  it('refuses secret exponents shorter than 32 bytes', async () => {
    expect(() => clientStart(new Uint8Array(31))).toThrow(RangeError);
    await expect(serverStartAuth({ verifier: '02', bBytes: new Uint8Array(31) })).rejects.toThrow(RangeError);
  });

  it('makes the client abort when B ≡ 0 mod N', async () => {
    const client = clientStart(new Uint8Array(32).fill(1));
    const base = {
      poolName: 'p',
      userIdForSrp: 'u',
      password: 'pw',
      salt: '01',
      a: client.a,
      secretBlock: 'AAAA',
      timestamp: 'Thu Jan 1 00:00:00 UTC 1970'
    };
    await expect(clientComputeClaim({ ...base, B: '0' })).rejects.toThrow('B cannot be zero');
    await expect(clientComputeClaim({ ...base, B: N_HEX })).rejects.toThrow('B cannot be zero');
  });
});

// --- Compatibility with amazon-cognito-identity-js

describe('compatibility with amazon-cognito-identity-js', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.useRealTimers();
  });

  it('padHex matches the real helper for edge values and 200 random ones', () => {
    const helper = new AuthenticationHelper('pool');
    const random = createRandom('srp-padhex');
    const values = [0n, 1n, 0x7fn, 0x80n, 0xffn, 0x100n, 0x7fffn, 0x8000n, SRP_N, SRP_N - 1n];
    for (let i = 0; i < 200; i++)
      values.push(BigInt(`0x00${random.hex(1 + random.int(64))}`) >> BigInt(random.int(8)));
    for (const value of values) {
      expect(padHex(value), value.toString(16)).toBe(helper.padHex(new BigInteger(value.toString(16), 16)));
    }
  });

  it('the real client signs in against our server, and our client sends what it sends (30 seeded runs)', async () => {
    const random = createRandom('srp-real-client');
    for (let i = 0; i < RUNS; i++) {
      const s = scenario(random);
      const stored = await createVerifier({
        poolName: s.poolName,
        username: s.userIdForSrp,
        password: s.password,
        salt: s.salt
      });
      const server = await serverStartAuth({ verifier: stored.verifier, bBytes: s.bBytes });
      const { helper, srpA } = await realClient(s.poolName, s.aBytes);
      // CognitoUser parses SRP_B and SALT with `new BigInteger(…, 16)`.
      const hkdf = await promisify<Buffer>((cb) =>
        helper.getPasswordAuthenticationKey(
          s.userIdForSrp,
          s.password,
          new BigInteger(server.B, 16),
          new BigInteger(stored.salt, 16),
          cb
        )
      );
      const theirSignature = realClientSignature(hkdf, s);
      const verdict = await serverVerifyClaim({
        poolName: s.poolName,
        userIdForSrp: s.userIdForSrp,
        A: srpA,
        b: server.b,
        verifier: stored.verifier,
        salt: stored.salt,
        secretBlock: s.secretBlock,
        timestamp: s.timestamp,
        claimSignature: theirSignature
      });
      expect(verdict, `run ${i}`).toEqual({ ok: true });

      // Our client, given the same secret a, must put the same bytes on the wire.
      const ours = clientStart(s.aBytes);
      expect(ours.A, `run ${i}`).toBe(srpA);
      const ourSignature = await clientComputeClaim({ ...s, salt: stored.salt, B: server.B, a: ours.a });
      expect(ourSignature, `run ${i}`).toBe(theirSignature);
    }
  }, 120_000);

  it("our client and server accept the real helper's own verifier and salt (device SRP uses the same x)", async () => {
    // generateHashDevice computes x = H(salt | H(deviceGroupKey | deviceKey ":" randomPassword)) and
    // v = g^x: our createVerifier with poolName = deviceGroupKey. Seed its randomness for reproducibility.
    const random = createRandom('srp-device');
    vi.spyOn(globalThis.crypto, 'getRandomValues').mockImplementation(
      (array: ArrayBufferView<ArrayBuffer>) => {
        new Uint8Array(array.buffer, array.byteOffset, array.byteLength).set(random.bytes(array.byteLength));
        return array;
      }
    );
    for (let i = 0; i < RUNS; i++) {
      const s = scenario(random);
      const helper = new AuthenticationHelper(s.poolName);
      await promisify<null>((cb) => helper.generateHashDevice(s.poolName, s.userIdForSrp, cb));
      const salt = helper.getSaltDevices();
      const verifier = helper.getVerifierDevices();
      const password = helper.getRandomPassword();

      const ours = await createVerifier({
        poolName: s.poolName,
        username: s.userIdForSrp,
        password,
        salt: Buffer.from(salt, 'hex')
      });
      expect(ours, `run ${i}`).toEqual({ salt, verifier });

      const client = clientStart(s.aBytes);
      const server = await serverStartAuth({ verifier, bBytes: s.bBytes });
      const claimSignature = await clientComputeClaim({ ...s, password, salt, B: server.B, a: client.a });
      const verdict = await serverVerifyClaim({
        ...s,
        A: client.A,
        b: server.b,
        verifier,
        salt,
        claimSignature
      });
      expect(verdict, `run ${i}`).toEqual({ ok: true });
    }
  }, 120_000);

  it('formats TIMESTAMP exactly as the real DateHelper for 200 seeded instants', () => {
    const random = createRandom('srp-timestamp');
    vi.useFakeTimers();
    for (let i = 0; i < 200; i++) {
      const epochMs = Date.UTC(1999, 0, 1) + random.int(2 ** 31) * 1000 + random.int(1000);
      vi.setSystemTime(epochMs);
      expect(formatSrpTimestamp(epochMs)).toBe(new DateHelper().getNowString());
    }
  });
});

describe('formatSrpTimestamp', () => {
  it('leaves the day unpadded but pads hours, minutes and seconds', () => {
    expect(formatSrpTimestamp(Date.UTC(2026, 10, 28, 3, 4, 5))).toBe('Sat Nov 28 03:04:05 UTC 2026');
    expect(formatSrpTimestamp(Date.UTC(2026, 1, 2, 13, 0, 9))).toBe('Mon Feb 2 13:00:09 UTC 2026');
    expect(formatSrpTimestamp(Date.UTC(2024, 1, 29, 0, 0, 0, 999))).toBe('Thu Feb 29 00:00:00 UTC 2024');
  });

  it('refuses a non-finite time', () => {
    expect(() => formatSrpTimestamp(Number.NaN)).toThrow(RangeError);
  });
});

// --- Test-only arithmetic

function mod(x: bigint, m: bigint): bigint {
  return ((x % m) + m) % m;
}

function modPow(base: bigint, exponent: bigint, m: bigint): bigint {
  let result = 1n;
  let b = mod(base, m);
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % m;
    b = (b * b) % m;
  }
  return result;
}
