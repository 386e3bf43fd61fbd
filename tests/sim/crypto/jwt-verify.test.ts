// verifyJwt: every JWT attack and edge case the simulation must refuse or accept, each cross-checked against aws-jwt-verify.

import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { base64url } from 'jose';
import { createJwksCache } from '../../../src/lib/sim/crypto/jwks-cache';
import {
  verifyJwt,
  type JwtFailure,
  type JwtVerification,
  type KeyResolver
} from '../../../src/lib/sim/crypto/jwt-verify';
import {
  TEST_NOW,
  awsAccepts,
  createTestIssuer,
  issuerKey,
  publicKeyPem,
  signHs256,
  signRaw,
  unsigned,
  type TestIssuer
} from '../../support/jwt-fixtures';

let pool: TestIssuer;
let otherPool: TestIssuer;

beforeAll(async () => {
  // aws-jwt-verify reads Date.now(); pin it to the issuer's time so both verifiers see the same clock.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(TEST_NOW);
  pool = await createTestIssuer();
  otherPool = await createTestIssuer({
    userPoolId: 'us-east-1_OtherPool',
    clientId: 'otherclient0123456789abcde'
  });
});

afterAll(() => {
  vi.useRealTimers();
});

function verify(
  token: unknown,
  options: { tokenUse?: 'id' | 'access'; now?: number; keys?: KeyResolver } = {}
) {
  return verifyJwt(token, {
    issuer: pool.issuer,
    audience: pool.clientId,
    tokenUse: options.tokenUse ?? 'id',
    now: options.now ?? TEST_NOW,
    keys: options.keys ?? pool.keyResolver().keys
  });
}

function failureOf(result: JwtVerification): JwtFailure | 'accepted' {
  return result.ok ? 'accepted' : result.failure;
}

/**
 * Verifies with ours and with a fresh aws-jwt-verify, and checks both reach the expected verdict.
 * `aws` states what aws-jwt-verify does when it differs from us on purpose (and why, at the call site).
 */
async function expectVerdict(
  token: string,
  expected: JwtFailure | 'accepted',
  options: { tokenUse?: 'id' | 'access'; aws?: 'accepts' | 'rejects' } = {}
): Promise<JwtVerification> {
  const result = await verify(token, options);
  expect(failureOf(result)).toBe(expected);
  if (!result.ok) {
    expect(result.reason.length).toBeGreaterThan(10);
    expect(result.checks.at(-1)?.ok).toBe(false);
  }
  const awsVerdict = (await awsAccepts(pool, token, options.tokenUse ?? 'id')) ? 'accepts' : 'rejects';
  expect(awsVerdict, 'aws-jwt-verify verdict').toBe(
    options.aws ?? (expected === 'accepted' ? 'accepts' : 'rejects')
  );
  return result;
}

function segments(token: string): [string, string, string] {
  const [h = '', p = '', s = ''] = token.split('.');
  return [h, p, s];
}

function header(token: string): Record<string, unknown> {
  return JSON.parse(new TextDecoder().decode(base64url.decode(segments(token)[0])));
}

function payload(token: string): Record<string, unknown> {
  return JSON.parse(new TextDecoder().decode(base64url.decode(segments(token)[1])));
}

describe('valid tokens', () => {
  test('accepts a valid ID token from the pool (and so does aws-jwt-verify)', async () => {
    const result = await expectVerdict(await pool.signId(), 'accepted');
    expect(result.ok && result.claims['cognito:username']).toBe('alice');
    expect(result.ok && result.header.kid).toBe(pool.idKey.kid);
    expect(result.checks.every((check) => check.ok)).toBe(true);
  });

  test('accepts a valid access token where an access token is expected', async () => {
    const result = await expectVerdict(await pool.signAccess(), 'accepted', { tokenUse: 'access' });
    expect(result.ok && result.claims.client_id).toBe(pool.clientId);
  });

  test('accepts cognito:groups as an array of strings', async () => {
    await expectVerdict(await pool.signId({ 'cognito:groups': ['admins', 'staff'] }), 'accepted');
  });
});

describe('algorithm', () => {
  test.each(['none', 'None', 'NONE', 'nOnE'])('rejects a token whose alg is %s', async (alg) => {
    const token = unsigned({ alg, kid: pool.idKey.kid }, pool.idClaims());
    await expectVerdict(token, 'alg-not-allowed');
  });

  test('rejects HS256 signed with the public key (PEM) as the HMAC secret', async () => {
    const token = signHs256(
      { alg: 'HS256', kid: pool.idKey.kid },
      pool.idClaims(),
      await publicKeyPem(pool.idKey)
    );
    await expectVerdict(token, 'alg-not-allowed');
  });

  test('rejects HS256 signed with the public JWK text as the HMAC secret', async () => {
    const token = signHs256(
      { alg: 'HS256', kid: pool.idKey.kid },
      pool.idClaims(),
      JSON.stringify(pool.idKey.publicJwk)
    );
    await expectVerdict(token, 'alg-not-allowed');
  });

  test('rejects HS256 signed with an empty secret', async () => {
    const token = signHs256({ alg: 'HS256', kid: pool.idKey.kid }, pool.idClaims(), '');
    await expectVerdict(token, 'alg-not-allowed');
  });

  test('rejects a header without alg', async () => {
    await expectVerdict(
      await signRaw({ kid: pool.idKey.kid }, pool.idClaims(), pool.idKey.privateKey),
      'alg-not-allowed'
    );
  });
});

describe('signature', () => {
  test('rejects a stripped signature (h.p.)', async () => {
    const [h, p] = segments(await pool.signId());
    await expectVerdict(`${h}.${p}.`, 'signature-invalid');
  });

  test('rejects a truncated signature', async () => {
    const [h, p, s] = segments(await pool.signId());
    await expectVerdict(`${h}.${p}.${s.slice(0, -4)}`, 'signature-invalid');
  });

  test('rejects an altered signature', async () => {
    const [h, p, s] = segments(await pool.signId());
    const flipped = s.slice(0, 10) + (s[10] === 'A' ? 'B' : 'A') + s.slice(11);
    await expectVerdict(`${h}.${p}.${flipped}`, 'signature-invalid');
  });

  test('rejects an altered payload (another username, same signature)', async () => {
    const [h, , s] = segments(await pool.signId());
    const forged = base64url.encode(JSON.stringify(pool.idClaims({ 'cognito:username': 'bob' })));
    await expectVerdict(`${h}.${forged}.${s}`, 'signature-invalid');
  });

  test('rejects a token signed by another key under the pool’s kid', async () => {
    const attacker = await issuerKey('attacker');
    const token = await signRaw({ alg: 'RS256', kid: pool.idKey.kid }, pool.idClaims(), attacker.privateKey);
    await expectVerdict(token, 'signature-invalid');
  });
});

describe('embedded keys (never used, never fetched)', () => {
  test('rejects an embedded jwk header carrying the attacker’s key', async () => {
    const attacker = await issuerKey('attacker');
    const token = await signRaw(
      { alg: 'RS256', kid: pool.idKey.kid, jwk: attacker.publicJwk },
      pool.idClaims(),
      attacker.privateKey
    );
    await expectVerdict(token, 'embedded-key');
  });

  test('rejects a jku header and never fetches it (nor the JWKS)', async () => {
    const attacker = await issuerKey('attacker');
    const token = await signRaw(
      { alg: 'RS256', kid: 'attacker', jku: 'https://attacker.example/jwks.json' },
      pool.idClaims(),
      attacker.privateKey
    );
    const asked: string[] = [];
    const result = await verify(token, {
      keys: async (kid) => {
        asked.push(kid);
        return { ok: false, failure: 'kid-unknown', detail: 'none' };
      }
    });
    expect(failureOf(result)).toBe('embedded-key');
    expect(asked).toEqual([]);
    await expectVerdict(token, 'embedded-key');
  });

  test('rejects an x5u header and never fetches it', async () => {
    const attacker = await issuerKey('attacker');
    const token = await signRaw(
      { alg: 'RS256', kid: 'attacker', x5u: 'https://attacker.example/cert.pem' },
      pool.idClaims(),
      attacker.privateKey
    );
    await expectVerdict(token, 'embedded-key');
  });

  test('rejects a jwk header even on a token the pool really signed (we are stricter than aws-jwt-verify)', async () => {
    // aws-jwt-verify ignores the header and checks the pool's key, which signed it; we refuse on principle.
    const token = await pool.signId({}, { jwk: pool.idKey.publicJwk });
    await expectVerdict(token, 'embedded-key', { aws: 'accepts' });
  });
});

describe('kid', () => {
  test('rejects a token without kid', async () => {
    await expectVerdict(
      await signRaw({ alg: 'RS256' }, pool.idClaims(), pool.idKey.privateKey),
      'kid-missing'
    );
  });

  test('rejects an unknown kid', async () => {
    await expectVerdict(await pool.signId({}, { kid: 'no-such-key' }), 'kid-unknown');
  });

  test('rejects an empty kid ("")', async () => {
    await expectVerdict(await pool.signId({}, { kid: '' }), 'kid-missing');
  });

  test('rejects kid "../../dev/null"', async () => {
    await expectVerdict(await pool.signId({}, { kid: '../../dev/null' }), 'kid-unknown');
  });

  test('rejects kid "__proto__" (keys are looked up in a Map)', async () => {
    const token = await pool.signId({}, { kid: '__proto__' });
    expect(header(token).kid).toBe('__proto__');
    await expectVerdict(token, 'kid-unknown');
  });

  test.each(['constructor', 'toString', 'hasOwnProperty'])('rejects kid "%s"', async (kid) => {
    await expectVerdict(await pool.signId({}, { kid }), 'kid-unknown');
  });

  test('rejects a numeric kid', async () => {
    await expectVerdict(await pool.signId({}, { kid: 1 }), 'kid-missing');
  });
});

describe('crit', () => {
  test('rejects an unknown crit extension (RFC 7515 §4.1.11; aws-jwt-verify ignores crit)', async () => {
    const token = await pool.signId({}, { crit: ['exp-policy'], 'exp-policy': 'lenient' });
    expect(header(token).crit).toEqual(['exp-policy']);
    await expectVerdict(token, 'crit-unsupported', { aws: 'accepts' });
  });
});

describe('time', () => {
  test('rejects exp == now (RFC 7519; aws-jwt-verify accepts exp == now)', async () => {
    const exp = TEST_NOW / 1000;
    await expectVerdict(await pool.signId({ exp }), 'expired', { aws: 'accepts' });
  });

  test('rejects a token that expired a second ago', async () => {
    await expectVerdict(await pool.signId({ exp: TEST_NOW / 1000 - 1 }), 'expired');
  });

  test('accepts a token one second before exp', async () => {
    await expectVerdict(await pool.signId({ exp: TEST_NOW / 1000 + 1 }), 'accepted');
  });

  test('rejects nbf in the future', async () => {
    await expectVerdict(await pool.signId({ nbf: TEST_NOW / 1000 + 60 }), 'not-yet-valid');
  });

  test('accepts nbf == now', async () => {
    await expectVerdict(await pool.signId({ nbf: TEST_NOW / 1000 }), 'accepted');
  });

  test('takes time from its argument, not from the wall clock', async () => {
    const token = await pool.signId();
    expect(failureOf(await verify(token, { now: TEST_NOW + 3600_000 }))).toBe('expired');
    expect(failureOf(await verify(token, { now: TEST_NOW + 3599_000 }))).toBe('accepted');
  });
});

describe('issuer, audience, token_use', () => {
  test('rejects a token from another pool (signed by that pool)', async () => {
    await expectVerdict(await otherPool.signId(), 'kid-unknown');
  });

  test('rejects a wrong iss: another pool’s issuer under our signature', async () => {
    await expectVerdict(await pool.signId({ iss: otherPool.issuer }), 'issuer-mismatch');
  });

  test('rejects a wrong iss: trailing slash', async () => {
    await expectVerdict(await pool.signId({ iss: `${pool.issuer}/` }), 'issuer-mismatch');
  });

  test('rejects another client’s aud', async () => {
    await expectVerdict(await pool.signId({ aud: otherPool.clientId }), 'audience-mismatch');
  });

  test('rejects another client’s client_id on an access token', async () => {
    await expectVerdict(await pool.signAccess({ client_id: otherPool.clientId }), 'audience-mismatch', {
      tokenUse: 'access'
    });
  });

  test('rejects an access token where an ID token is expected', async () => {
    await expectVerdict(await pool.signAccess(), 'token-use-mismatch');
  });

  test('rejects an ID token where an access token is expected', async () => {
    await expectVerdict(await pool.signId(), 'token-use-mismatch', { tokenUse: 'access' });
  });

  test('rejects a token without token_use', async () => {
    await expectVerdict(await pool.signId({ token_use: undefined }), 'token-use-mismatch');
  });

  test('rejects token_use "refresh"', async () => {
    await expectVerdict(await pool.signId({ token_use: 'refresh' }), 'token-use-mismatch');
  });
});

describe('claim types', () => {
  test('rejects exp as a string', async () => {
    await expectVerdict(await pool.signId({ exp: String(TEST_NOW / 1000 + 3600) }), 'claim-type');
  });

  test('rejects iat as a string', async () => {
    await expectVerdict(await pool.signId({ iat: 'yesterday' }), 'claim-type');
  });

  test('rejects sub as a number', async () => {
    await expectVerdict(await pool.signId({ sub: 42 }), 'claim-type');
  });

  test('rejects aud as an array (Cognito’s aud is one string)', async () => {
    await expectVerdict(await pool.signId({ aud: [pool.clientId] }), 'claim-type');
  });

  test('rejects cognito:groups as a string (aws-jwt-verify does not type it)', async () => {
    await expectVerdict(await pool.signId({ 'cognito:groups': 'admins' }), 'claim-type', { aws: 'accepts' });
  });

  test('rejects a token without exp', async () => {
    await expectVerdict(await pool.signId({ exp: undefined }), 'claim-missing', { aws: 'accepts' });
  });

  const claimNames = Object.keys({
    sub: 1,
    email_verified: 1,
    iss: 1,
    'cognito:username': 1,
    origin_jti: 1,
    aud: 1,
    event_id: 1,
    token_use: 1,
    auth_time: 1,
    exp: 1,
    iat: 1,
    jti: 1,
    email: 1
  });
  // Replacements that keep a claim's type and leave the token acceptable: odd values, but well-typed
  // and signed by the pool (no rule refuses an iat or auth_time in 1970).
  const harmless = new Set([
    'sub="x"',
    'cognito:username="x"',
    'origin_jti="x"',
    'event_id="x"',
    'jti="x"',
    'email="x"',
    'email_verified=true',
    'auth_time=0',
    'iat=0'
  ]);

  test.each(claimNames)(
    'every replacement of %s by null, true, 0, "x" is handled as a value, never thrown',
    async (name) => {
      for (const value of [null, true, 0, 'x']) {
        const label = `${name}=${JSON.stringify(value)}`;
        const token = await pool.signId({ [name]: value });
        const result = await verify(token);
        expect(typeof result.ok, label).toBe('boolean');
        expect(result.ok, label).toBe(harmless.has(label));
        if (!result.ok) {
          expect(
            ['claim-type', 'issuer-mismatch', 'token-use-mismatch', 'audience-mismatch', 'expired'],
            label
          ).toContain(result.failure);
        }
        // Never more lenient than aws-jwt-verify.
        if (result.ok) expect(await awsAccepts(pool, token), label).toBe(true);
        // And unsigned tampering with the same claim is a signature failure (unless nothing changed).
        if (pool.idClaims()[name] === value) continue;
        const [h, , s] = segments(await pool.signId());
        const tampered = `${h}.${base64url.encode(JSON.stringify(pool.idClaims({ [name]: value })))}.${s}`;
        expect(failureOf(await verify(tampered)), label).toBe('signature-invalid');
      }
    }
  );

  test('a claim named __proto__ or constructor is just an unknown claim', async () => {
    const token = await signRaw(
      { alg: 'RS256', kid: pool.idKey.kid },
      `{"__proto__":{"admin":true},"constructor":0,${JSON.stringify(pool.idClaims()).slice(1)}`,
      pool.idKey.privateKey
    );
    const result = await verify(token);
    expect(failureOf(result)).toBe('accepted');
    expect(payload(token)).toHaveProperty('constructor', 0);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });
});

describe('shape', () => {
  test('rejects a token of 2 segments', async () => {
    const [h, p] = segments(await pool.signId());
    await expectVerdict(`${h}.${p}`, 'malformed');
  });

  test('rejects a token of 4 segments', async () => {
    const token = await pool.signId();
    await expectVerdict(`${token}.${segments(token)[2]}`, 'malformed');
  });

  test('rejects "+" in a segment', async () => {
    const [h, p, s] = segments(await pool.signId());
    await expectVerdict(`${h}.${p}.${s.replaceAll('-', '+').replace(/^./, '+')}`, 'malformed');
  });

  test('rejects "/" in a segment', async () => {
    const [h, p, s] = segments(await pool.signId());
    await expectVerdict(`${h}.${p.replace(/^./, '/')}.${s}`, 'malformed');
  });

  test('rejects base64 padding ("=") in a segment (aws-jwt-verify tolerates it)', async () => {
    const [h, p, s] = segments(await pool.signId());
    const result = await verify(`${h}.${p}.${s}=`);
    expect(failureOf(result)).toBe('malformed');
  });

  test('rejects a header that is not JSON', async () => {
    const [, p, s] = segments(await pool.signId());
    await expectVerdict(`${base64url.encode('{"alg":"RS256",')}.${p}.${s}`, 'malformed');
  });

  test('rejects a header that is JSON but not an object', async () => {
    const [, p, s] = segments(await pool.signId());
    await expectVerdict(`${base64url.encode('["RS256"]')}.${p}.${s}`, 'malformed');
  });

  test.each([
    ['an empty string', ''],
    ['undefined', undefined],
    ['null', null],
    ['a number', 42],
    ['an object', { token: 'x' }]
  ])('rejects %s as a token, as a value', async (_label, token) => {
    const result = await verify(token);
    expect(failureOf(result)).toBe('malformed');
  });

  test('rejects a token over 8 KiB before decoding anything, quickly', async () => {
    // A header stuffed with 10 KiB: refused on length alone, without a parse or a key lookup.
    const big = await pool.signId({}, { padding: 'A'.repeat(10 * 1024) });
    let lookups = 0;
    const started = performance.now();
    const result = await verify(big, {
      keys: async () => {
        lookups += 1;
        return { ok: false, failure: 'kid-unknown', detail: '' };
      }
    });
    const elapsed = performance.now() - started;
    expect(failureOf(result)).toBe('too-large');
    expect(result.checks).toHaveLength(1);
    expect(lookups).toBe(0);
    expect(elapsed).toBeLessThan(20);
    // A 10 MB string is refused just as fast.
    const huge = 'a'.repeat(10_000_000);
    const t0 = performance.now();
    expect(failureOf(await verify(huge))).toBe('too-large');
    expect(performance.now() - t0).toBeLessThan(20);
  });

  test('accepts a token of exactly 8 KiB', async () => {
    const base = await pool.signId({}, { padding: '' });
    const padding = 'A'.repeat(Math.floor(((8 * 1024 - base.length) * 3) / 4));
    let token = await pool.signId({}, { padding });
    while (token.length > 8 * 1024)
      token = await pool.signId(
        {},
        { padding: padding.slice(0, padding.length - (token.length - 8 * 1024)) }
      );
    expect(token.length).toBeLessThanOrEqual(8 * 1024);
    expect(failureOf(await verify(token))).toBe('accepted');
  });
});

describe('resilience', () => {
  test('after 100 attack tokens the original still verifies, with at most one refetch', async () => {
    const { keys, cache } = pool.keyResolver();
    const original = await pool.signId();
    expect(failureOf(await verify(original, { keys }))).toBe('accepted');
    const attacker = await issuerKey('attacker');
    const [h, p, s] = segments(original);
    const attacks: string[] = [];
    for (let i = 0; i < 100; i++) {
      switch (i % 10) {
        case 0:
          attacks.push(await pool.signId({}, { kid: `forged-${i}` }));
          break;
        case 1:
          attacks.push(unsigned({ alg: 'none', kid: pool.idKey.kid }, pool.idClaims({ sub: `x${i}` })));
          break;
        case 2:
          attacks.push(`${h}.${p}.${s.slice(0, i)}`);
          break;
        case 3:
          attacks.push(
            await signRaw({ alg: 'RS256', kid: pool.idKey.kid }, pool.idClaims(), attacker.privateKey)
          );
          break;
        case 4:
          attacks.push(signHs256({ alg: 'HS256', kid: pool.idKey.kid }, pool.idClaims(), ''));
          break;
        case 5:
          attacks.push(await pool.signId({}, { kid: '__proto__' }));
          break;
        case 6:
          attacks.push(`${h}.${p}`);
          break;
        case 7:
          attacks.push(await pool.signId({ exp: 0 }));
          break;
        case 8:
          attacks.push(
            await signRaw(
              { alg: 'RS256', kid: `forged-${i}`, jku: 'https://x' },
              pool.idClaims(),
              attacker.privateKey
            )
          );
          break;
        default:
          attacks.push('x'.repeat(9000));
      }
    }
    for (const attack of attacks) {
      const result = await verify(attack, { keys });
      expect(result.ok).toBe(false);
    }
    expect(cache.fetchCount).toBeLessThanOrEqual(2);
    expect(failureOf(await verify(original, { keys }))).toBe('accepted');
  });

  test('key rotation: the new kid is accepted, the removed kid is rejected', async () => {
    const issuer = await createTestIssuer({ userPoolId: 'us-east-1_Rotating1', keyPrefix: 'rotating' });
    let now = TEST_NOW;
    const { keys, cache } = issuer.keyResolver(() => now);
    const opts = { issuer: issuer.issuer, audience: issuer.clientId, tokenUse: 'id' as const, keys };
    const before = await issuer.signId();
    expect(failureOf(await verifyJwt(before, { ...opts, now }))).toBe('accepted');
    expect(cache.fetchCount).toBe(1);

    const { removed, added } = await issuer.rotateIdKey('rotating-id-2');
    now += 60_000;
    const after = await issuer.signId();
    expect(header(after).kid).toBe(added.kid);
    const fresh = await verifyJwt(after, { ...opts, now });
    expect(failureOf(fresh)).toBe('accepted');
    expect(cache.fetchCount).toBe(2);

    const stale = await verifyJwt(before, { ...opts, now });
    expect(failureOf(stale)).toBe('kid-unknown');
    expect(header(before).kid).toBe(removed.kid);
    // aws-jwt-verify, fetching the new JWKS, agrees on both.
    expect(await awsAccepts(issuer, after)).toBe(true);
    expect(await awsAccepts(issuer, before)).toBe(false);
  });

  test('a key rotation is picked up at once, even when the simulated clock has not moved', async () => {
    const issuer = await createTestIssuer({ userPoolId: 'us-east-1_Rotating2', keyPrefix: 'rotating' });
    const { keys, cache } = issuer.keyResolver(() => TEST_NOW);
    const opts = {
      issuer: issuer.issuer,
      audience: issuer.clientId,
      tokenUse: 'id' as const,
      keys,
      now: TEST_NOW
    };
    expect(failureOf(await verifyJwt(await issuer.signId(), opts))).toBe('accepted');
    await issuer.rotateIdKey('rotating-id-3');
    expect(failureOf(await verifyJwt(await issuer.signId(), opts))).toBe('accepted');
    expect(cache.fetchCount).toBe(2);
  });

  test('forged kids cost one refetch, then wait out a 10 s penalty before the next', async () => {
    let now = TEST_NOW;
    const { keys, cache } = pool.keyResolver(() => now);
    const forged = (i: number) => pool.signId({}, { kid: `forged-${i}` });
    const check = async (token: string) => failureOf(await verify(token, { keys, now }));
    expect(await check(await pool.signId())).toBe('accepted');
    for (let i = 0; i < 20; i++) expect(await check(await forged(i))).toBe('kid-unknown');
    expect(cache.fetchCount).toBe(2);
    now += 9_999;
    expect(await check(await forged(100))).toBe('kid-unknown');
    expect(cache.fetchCount).toBe(2);
    now += 1;
    expect(await check(await forged(101))).toBe('kid-unknown');
    expect(cache.fetchCount).toBe(3);
    expect(await check(await pool.signId())).toBe('accepted');
  });

  test('JWKS entries that are not RS256 signing keys are ignored', async () => {
    const cache = createJwksCache();
    const { publicJwk } = pool.idKey;
    const jwks = {
      keys: [
        { ...publicJwk, kid: 'hs', alg: 'HS256' },
        { ...publicJwk, kid: 'enc', use: 'enc' },
        { ...publicJwk, kid: 'ec', kty: 'EC' },
        { ...publicJwk, kid: 'no-n', n: undefined },
        { ...publicJwk, kid: '' },
        null,
        'junk',
        { ...publicJwk, kid: 'good' }
      ]
    };
    for (const kid of ['hs', 'enc', 'ec', 'no-n', '']) {
      expect((await cache.resolve(kid, async () => jwks, TEST_NOW + 60_000 * kid.length)).ok, kid).toBe(
        false
      );
    }
    expect((await cache.resolve('good', async () => jwks, TEST_NOW)).ok).toBe(true);
    const broken = createJwksCache();
    expect(await broken.resolve('x', async () => ({ keys: 'nope' }), TEST_NOW)).toMatchObject({
      ok: false,
      failure: 'jwks-unavailable'
    });
  });

  test('a JWKS that cannot be fetched is a refusal, not an exception', async () => {
    const result = await verify(await pool.signId(), {
      keys: () => Promise.reject(new Error('network down'))
    });
    expect(failureOf(result)).toBe('jwks-unavailable');
  });
});
