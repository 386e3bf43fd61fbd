// inspectJwt on real tokens (verified by the project's verifyJwt) and on hostile input, which it must never throw on.
import { base64url } from 'jose';
import { describe, expect, it } from 'vitest';
import { compareTokens, findTokens, inspectJwt, type JwtInspection } from '../../src/lib/inspect';
import { checklistItemOf } from '../../src/lib/inspect/internal/jwt-checklist';
import { verifyJwt } from '../../src/lib/sim/crypto/jwt-verify';
import { byOperation, entry, jwksOf, MINUTE, NOW, play } from './traces';

const encode = (value: unknown) =>
  base64url.encode(typeof value === 'string' ? value : JSON.stringify(value));

function decoded(inspection: JwtInspection) {
  if (!inspection.decoded) throw new Error(`not decoded: ${inspection.reason}`);
  return inspection;
}

async function signIn(id = 'call-api') {
  const { trace, world } = await play(id);
  const tokens = findTokens(entry(trace, byOperation('RespondToAuthChallenge')));
  const idToken = tokens.find((token) => token.kind === 'id')?.token ?? '';
  const accessToken = tokens.find((token) => token.kind === 'access')?.token ?? '';
  const expected = { issuer: world.config.userPool.issuer, audience: world.config.userPool.clientId };
  return { trace, world, idToken, accessToken, expected, jwks: jwksOf(trace) };
}

describe('inspectJwt on real tokens', () => {
  it('verifies an ID token and explains every claim (call-api)', async () => {
    const { idToken, expected, jwks, world } = await signIn();
    const view = decoded(
      await inspectJwt(idToken, { now: NOW + 18 * MINUTE, expected: { ...expected, tokenUse: 'id' }, jwks })
    );
    expect(view.kind).toBe('id');
    expect(view.segments.header + '.' + view.segments.payload + '.' + view.segments.signature).toBe(idToken);
    expect(view.verification.ok).toBe(true);
    expect(view.verification.checklist.map((item) => [item.id, item.mark])).toEqual([
      ['format', 'pass'],
      ['algorithm', 'pass'],
      ['key', 'pass'],
      ['signature', 'pass'],
      ['claims', 'pass'],
      ['issuer', 'pass'],
      ['token-use', 'pass'],
      ['audience', 'pass'],
      ['expiry', 'pass']
    ]);
    const kid = view.header.find((parameter) => parameter.name === 'kid')?.display;
    const signature = view.verification.checklist.find((item) => item.id === 'signature');
    expect(signature?.detail).toContain(`"${kid}"`);
    expect(signature?.detail).toContain(world.config.userPool.jwksUri);
    expect(view.verification.jwks.kids).toContain(kid);

    const claim = (name: string) => view.claims.find((candidate) => candidate.name === name);
    expect(claim('iss')?.explanation).toContain(`user pool ${world.config.userPool.id} in us-east-1`);
    expect(claim('aud')?.explanation).toMatch(/app client/);
    expect(claim('token_use')?.explanation).toMatch(/ID token/);
    expect(claim('exp')?.time).toEqual({
      iso: '2026-11-28T10:00:00.000Z',
      relative: 'expires in 42 min',
      expired: false
    });
    expect(claim('iat')?.time?.relative).toBe('issued 18 min ago');
    expect(claim('auth_time')?.time?.iso).toBe('2026-11-28T09:00:00.000Z');
    for (const name of ['sub', 'cognito:username', 'email_verified', 'origin_jti', 'jti', 'event_id']) {
      expect(claim(name)?.explanation, name).not.toMatch(/does not describe/);
    }
    expect(view.claims.every((candidate) => candidate.warning === undefined)).toBe(true);
  });

  it('verifies an access token by client_id and says it has no aud', async () => {
    const { accessToken, expected, jwks } = await signIn();
    const view = decoded(
      await inspectJwt(accessToken, { now: NOW, expected: { ...expected, tokenUse: 'access' }, jwks })
    );
    expect(view.kind).toBe('access');
    expect(view.verification.ok).toBe(true);
    expect(view.claims.some((claim) => claim.name === 'aud')).toBe(false);
    expect(view.claims.find((claim) => claim.name === 'client_id')?.explanation).toMatch(/no aud/);
    expect(view.verification.checklist.find((item) => item.id === 'audience')?.detail).toMatch(
      /^client_id is/
    );
  });

  it('marks expiry ✗ with "expired 3 min ago" once the clock has passed exp', async () => {
    const { idToken, expected, jwks } = await signIn();
    const view = decoded(await inspectJwt(idToken, { now: NOW + 63 * MINUTE, expected, jwks }));
    expect(view.verification.failure).toBe('expired');
    expect(view.verification.checklist.find((item) => item.id === 'expiry')?.mark).toBe('fail');
    expect(view.claims.find((claim) => claim.name === 'exp')?.time?.relative).toBe('expired 3 min ago');
  });

  it('shows ✗ signature with the reason for a tampered token, and the later checks as not reached (tampered-token)', async () => {
    const { trace, world } = await play('tampered-token');
    const [sent] = findTokens(entry(trace, byOperation(/^GET \/prod\/orders/)));
    const view = decoded(
      await inspectJwt(sent?.token ?? '', {
        now: NOW,
        expected: {
          issuer: world.config.userPool.issuer,
          audience: world.config.userPool.clientId,
          tokenUse: 'id'
        },
        jwks: jwksOf(trace)
      })
    );
    expect(view.verification.ok).toBe(false);
    expect(view.verification.failure).toBe('signature-invalid');
    const marks = Object.fromEntries(view.verification.checklist.map((item) => [item.id, item.mark]));
    expect(marks).toMatchObject({
      key: 'pass',
      signature: 'fail',
      issuer: 'not-checked',
      expiry: 'not-checked'
    });
    const signature = view.verification.checklist.find((item) => item.id === 'signature');
    expect(signature?.detail).toMatch(/altered/);
    expect(signature?.detail).toMatch(/ERR_JWS_SIGNATURE_VERIFICATION_FAILED/);
    expect(view.verification.checklist.find((item) => item.id === 'issuer')?.detail).toMatch(
      /stops at the first failure/
    );
    // The API Gateway refused it for the same reason.
    expect(entry(trace, byOperation(/^GET \/prod\/orders/)).reason).toBe(view.verification.reason);
  });

  it('fails the audience check for another app client', async () => {
    const { idToken, expected, jwks } = await signIn();
    const view = decoded(
      await inspectJwt(idToken, { now: NOW, expected: { ...expected, audience: 'someoneelse' }, jwks })
    );
    expect(view.verification.failure).toBe('audience-mismatch');
    expect(view.verification.checklist.find((item) => item.id === 'audience')?.mark).toBe('fail');
  });

  it('says the signature was not checked when no JWKS is given', async () => {
    const { idToken, expected } = await signIn();
    const view = decoded(await inspectJwt(idToken, { now: NOW, expected }));
    const marks = Object.fromEntries(view.verification.checklist.map((item) => [item.id, item.mark]));
    expect(marks).toMatchObject({ format: 'pass', key: 'not-checked', signature: 'not-checked' });
  });

  it('calls a token whose keys were not at hand “not checked yet”, never refused, and names where the keys are published', async () => {
    const { idToken, expected, world } = await signIn();
    const view = decoded(await inspectJwt(idToken, { now: NOW, expected }));
    expect(view.verification.pending).toBe(true);
    expect(view.verification.summary).toMatch(/^Not checked yet/);
    expect(view.verification.summary).not.toMatch(/Refused|jwks-unavailable/);
    expect(view.verification.summary).toContain(world.config.userPool.jwksUri);
  });

  it('says when the keys were read as the issuer publishes them rather than fetched by a verifier', async () => {
    const { idToken, expected, world } = await signIn();
    const view = decoded(
      await inspectJwt(idToken, {
        now: NOW,
        expected: { ...expected, tokenUse: 'id' },
        jwks: world.userPool.publishedJwks(),
        jwksSource: 'published'
      })
    );
    expect(view.verification.ok).toBe(true);
    expect(view.verification.pending).toBe(false);
    expect(view.verification.jwks.source).toBe('published');
    expect(view.verification.summary).toMatch(/keys the issuer publishes/);
  });

  it('without an expectation, checks the signature but does not pretend to check issuer and audience', async () => {
    const { idToken, jwks } = await signIn();
    const view = decoded(await inspectJwt(idToken, { now: NOW, jwks }));
    expect(view.verification.ok).toBe(true);
    const marks = Object.fromEntries(view.verification.checklist.map((item) => [item.id, item.mark]));
    expect(marks).toMatchObject({
      signature: 'pass',
      issuer: 'not-checked',
      audience: 'not-checked',
      expiry: 'pass'
    });
  });

  it('explains the identity pool’s OpenID token: sub is the identity id, aud the pool, amr authenticated (basic-flow)', async () => {
    const { trace, world } = await play('basic-flow');
    const [token] = findTokens(entry(trace, byOperation('AssumeRoleWithWebIdentity')));
    const response = await world.fetch(
      new Request('https://cognito-identity.amazonaws.com/.well-known/jwks_uri')
    );
    const jwks = (await response.json()) as { keys: import('jose').JWK[] };
    const view = decoded(
      await inspectJwt(token?.token ?? '', {
        now: NOW,
        expected: {
          issuer: 'https://cognito-identity.amazonaws.com',
          audience: world.config.identityPool.id
        },
        jwks
      })
    );
    expect(view.kind).toBe('openid');
    expect(view.verification.ok).toBe(true);
    expect(view.verification.jwks.url).toBe('https://cognito-identity.amazonaws.com/.well-known/jwks_uri');
    const claim = (name: string) => view.claims.find((candidate) => candidate.name === name);
    expect(claim('sub')?.explanation).toMatch(/identity id/);
    expect(claim('aud')?.explanation).toMatch(/identity pool id/);
    expect(claim('amr')?.explanation).toMatch(/authenticated/);
    expect(claim('exp')?.time?.relative).toBe('expires in 10 min');
  });

  it('explains Google’s azp (google-federation)', async () => {
    const { trace, world } = await play('google-federation');
    const [token] = findTokens(entry(trace, byOperation('GetId')));
    const view = decoded(
      await inspectJwt(token?.token ?? '', {
        now: NOW,
        expected: { issuer: 'https://accounts.google.com', audience: world.config.google.clientId }
      })
    );
    expect(view.kind).toBe('google');
    expect(view.claims.find((claim) => claim.name === 'azp')?.explanation).toMatch(/Authorized party/);
    expect(view.verification.jwks.url).toBe('https://www.googleapis.com/oauth2/v3/certs');
  });
});

describe('inspectJwt on bad input', () => {
  const context = { now: NOW };

  it('refuses a 9 KiB token before decoding it, fast', async () => {
    const huge = `${encode({ alg: 'RS256', kid: 'k' })}.${'A'.repeat(9 * 1024)}.sig`;
    const started = performance.now();
    const view = await inspectJwt(huge, context);
    expect(performance.now() - started).toBeLessThan(50);
    expect(view.decoded).toBe(false);
    if (view.decoded) return;
    expect(view.refusedBeforeDecoding).toBe(true);
    expect(view.segments).toBeUndefined();
    expect(view.reason).toMatch(/refused before it is decoded/);
    expect(view.verification.failure).toBe('too-large');
    expect(view.verification.checklist.find((item) => item.id === 'format')?.mark).toBe('fail');
    expect(view.text).toBe(huge);
  });

  it('returns something that is not a JWT as text with the reason', async () => {
    const view = await inspectJwt('hello world', context);
    expect(view).toMatchObject({ decoded: false, text: 'hello world', refusedBeforeDecoding: false });
    if (view.decoded) return;
    expect(view.reason).toMatch(/three parts/);
    expect(view.verification.failure).toBe('malformed');
  });

  it('returns segments that are not JSON as text', async () => {
    const view = await inspectJwt(`${encode('not json')}.${encode({ sub: 'x' })}.sig`, context);
    expect(view.decoded).toBe(false);
    if (view.decoded) return;
    expect(view.reason).toMatch(/header decodes to text that is not JSON/);
    expect(view.decodedText).toEqual({ header: 'not json', payload: '{"sub":"x"}' });
  });

  it('flags a segment that decodes to HTML and returns it as inert text', async () => {
    const view = await inspectJwt(
      `${encode({ alg: 'RS256' })}.${encode('<script>alert(1)</script>')}.sig`,
      context
    );
    expect(view.decoded).toBe(false);
    if (view.decoded) return;
    expect(view.reason).toMatch(/HTML-like text/);
    expect(view.decodedText?.payload).toBe('<script>alert(1)</script>');
  });

  it('flags a raw string carrying markup', async () => {
    const view = await inspectJwt('<img src=x onerror=alert(1)>', context);
    expect(view.decoded).toBe(false);
    if (!view.decoded) expect(view.reason).toMatch(/markup/);
  });

  it('keeps <script> in a claim as plain text and marks it', async () => {
    const payload = { iss: 'x', sub: 's', exp: 1, name: '<script>alert("x")</script>' };
    const view = decoded(
      await inspectJwt(`${encode({ alg: 'RS256', kid: 'k' })}.${encode(payload)}.c2ln`, context)
    );
    const name = view.claims.find((claim) => claim.name === 'name');
    expect(name).toMatchObject({ display: '<script>alert("x")</script>', markup: true, type: 'string' });
    expect(name?.warning).toMatch(/plain text/);
    expect(view.payloadJson).toContain('<script>');
  });

  it('never throws when every claim and header parameter is null, true, 0 or "x"', async () => {
    const { idToken, expected, jwks } = await signIn();
    const [header = '', payload = '', signature = ''] = idToken.split('.');
    const claims = JSON.parse(new TextDecoder().decode(base64url.decode(payload))) as Record<string, unknown>;
    const parameters = JSON.parse(new TextDecoder().decode(base64url.decode(header))) as Record<
      string,
      unknown
    >;
    for (const value of [null, true, 0, 'x']) {
      const replaced = Object.fromEntries(Object.keys(claims).map((name) => [name, value]));
      const forged = `${header}.${encode(replaced)}.${signature}`;
      const view = decoded(await inspectJwt(forged, { now: NOW, expected, jwks }));
      expect(view.claims).toHaveLength(Object.keys(claims).length);
      expect(view.verification.ok).toBe(false);
      // 0 is a well-typed (if absurd) time; every other replacement is the wrong type for exp.
      if (value !== 0)
        expect(view.claims.find((claim) => claim.name === 'exp')?.warning).toMatch(/Should be a number/);
      const odd = Object.fromEntries(Object.keys(parameters).map((name) => [name, value]));
      const view2 = decoded(
        await inspectJwt(`${encode(odd)}.${encode(replaced)}.${signature}`, { now: NOW, expected, jwks })
      );
      expect(view2.verification.failure).toBe('alg-not-allowed');
    }
  });

  it('treats a claim called __proto__ as just a name', async () => {
    const token = `${encode({ alg: 'RS256', kid: '__proto__' })}.${'eyJfX3Byb3RvX18iOnsiYSI6MX0sInN1YiI6InMifQ'}.c2ln`;
    const view = decoded(await inspectJwt(token, { now: NOW, jwks: { keys: [] } }));
    expect(view.claims.map((claim) => claim.name)).toEqual(['__proto__', 'sub']);
    expect(view.verification.failure).toBe('kid-unknown');
  });
});

describe('checklistItemOf', () => {
  it('places every check verifyJwt makes on a valid token', async () => {
    const { idToken, accessToken, expected, jwks } = await signIn();
    const inspection = decoded(
      await inspectJwt(idToken, { now: NOW, expected: { ...expected, tokenUse: 'id' }, jwks })
    );
    const access = decoded(
      await inspectJwt(accessToken, { now: NOW, expected: { ...expected, tokenUse: 'access' }, jwks })
    );
    for (const check of [...inspection.verification.checks, ...access.verification.checks]) {
      expect(checklistItemOf(check.id), check.id).toBeDefined();
    }
  });

  it('places the checks of refusals too', async () => {
    const refusals = [
      '',
      'a.b',
      'e30.e30.',
      `${encode({ alg: 'none' })}.e30.`,
      `${encode({ alg: 'RS256' })}.e30.x`
    ];
    for (const token of refusals) {
      const result = await verifyJwt(token, {
        issuer: 'i',
        audience: 'a',
        now: NOW,
        keys: async () => ({ ok: false, failure: 'kid-unknown', detail: '' })
      });
      for (const check of result.checks) expect(checklistItemOf(check.id), check.id).toBeDefined();
    }
  });
});

describe('compareTokens', () => {
  it('puts the ID and access token claims side by side', async () => {
    const { idToken, accessToken } = await signIn();
    const table = compareTokens(idToken, accessToken);
    expect(table.id.decoded && table.access.decoded).toBe(true);
    const row = (claim: string) => table.rows.find((candidate) => candidate.claim === claim);
    expect(row('aud')).toMatchObject({ inId: true, inAccess: false });
    expect(row('aud')?.note).toMatch(/no aud/);
    expect(row('client_id')).toMatchObject({ inId: false, inAccess: true });
    expect(row('token_use')).toMatchObject({ idValue: 'id', accessValue: 'access', same: false });
    expect(row('origin_jti')?.same).toBe(true);
    expect(row('sub')?.same).toBe(true);
    expect(row('jti')?.same).toBe(false);
    expect(row('scope')).toMatchObject({ inId: false, inAccess: true });
    expect(table.rows[0]?.claim).toBe('iss');
  });

  it('never throws on tokens that do not decode', () => {
    const table = compareTokens('nope', 'x'.repeat(10_000));
    expect(table.rows).toEqual([]);
    expect(table.id.reason).toMatch(/three parts/);
    expect(table.access.reason).toMatch(/refused before/);
  });
});
