// A test token issuer shaped like a Cognito user pool (own RSA keys, Cognito claim sets), plus forging helpers and an aws-jwt-verify cross-check.

import { createHmac } from 'node:crypto';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { base64url, CompactSign, exportJWK, exportSPKI, generateKeyPair, type JWK } from 'jose';
import { createJwksCache, type JwksCache } from '../../src/lib/sim/crypto/jwks-cache';
import type { KeyResolver } from '../../src/lib/sim/crypto/jwt-verify';

/** A fixed instant (2025-01-15T10:00:00Z) the tests set the clock to. */
export const TEST_NOW = Date.UTC(2025, 0, 15, 10, 0, 0);

const pairs = new Map<string, Promise<CryptoKeyPair>>();

/** RSA-2048 pairs made once per name for the whole test file: key generation is the slow part. */
export function testKeyPair(name: string): Promise<CryptoKeyPair> {
  let pair = pairs.get(name);
  if (!pair) {
    pair = generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
    pairs.set(name, pair);
  }
  return pair;
}

export interface IssuerKey {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK;
}

export async function issuerKey(kid: string, pairName = kid): Promise<IssuerKey> {
  const { privateKey, publicKey } = await testKeyPair(pairName);
  const { n, e } = await exportJWK(publicKey);
  return { kid, privateKey, publicKey, publicJwk: { kid, alg: 'RS256', kty: 'RSA', e, n, use: 'sig' } };
}

type Claims = Record<string, unknown>;
type Header = Record<string, unknown>;

/** Encodes header and payload and signs them with RS256 as given, however odd the header (crit, jwk, ...). */
export async function signRaw(
  header: Header,
  payload: Claims | string,
  privateKey: CryptoKey
): Promise<string> {
  const input = `${base64url.encode(JSON.stringify(header))}.${base64url.encode(
    typeof payload === 'string' ? payload : JSON.stringify(payload)
  )}`;
  const signature = await crypto.subtle.sign(
    'RSASSA-PKCS1-v1_5',
    privateKey,
    new TextEncoder().encode(input)
  );
  return `${input}.${base64url.encode(new Uint8Array(signature))}`;
}

/** HS256 over header and payload with `secret` as the HMAC key (the "public key as HMAC secret" attack). */
export function signHs256(header: Header, payload: Claims, secret: string | Uint8Array): string {
  const input = `${base64url.encode(JSON.stringify(header))}.${base64url.encode(JSON.stringify(payload))}`;
  const mac = createHmac('sha256', secret).update(input).digest();
  return `${input}.${base64url.encode(new Uint8Array(mac))}`;
}

/** An unsigned token (`alg: none` in whatever case the attacker likes). */
export function unsigned(header: Header, payload: Claims): string {
  return `${base64url.encode(JSON.stringify(header))}.${base64url.encode(JSON.stringify(payload))}.`;
}

export interface TestIssuer {
  readonly userPoolId: string;
  readonly clientId: string;
  readonly issuer: string;
  readonly jwksUri: string;
  /** Epoch ms that `iat`/`exp` are computed from. */
  now: number;
  /** Current keys: ID tokens and access tokens are signed with different kids, as Cognito does. */
  idKey: IssuerKey;
  accessKey: IssuerKey;
  /** The JWKS as served now (what the pool publishes). */
  jwks(): { keys: JWK[] };
  idClaims(overrides?: Claims): Claims;
  accessClaims(overrides?: Claims): Claims;
  /** A genuine ID token; an override of `undefined` removes the claim. */
  signId(overrides?: Claims, header?: Header): Promise<string>;
  signAccess(overrides?: Claims, header?: Header): Promise<string>;
  /** Publishes a new ID-token key and withdraws the old one. */
  rotateIdKey(newKid: string): Promise<{ removed: IssuerKey; added: IssuerKey }>;
  /** A KeyResolver over a fresh JWKS cache that "fetches" this issuer's JWKS, counting fetches. */
  keyResolver(now?: () => number): { keys: KeyResolver; cache: JwksCache };
}

function withOverrides(base: Claims, overrides: Claims): Claims {
  const claims: Claims = { ...base };
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) delete claims[name];
    else claims[name] = value;
  }
  return claims;
}

export async function createTestIssuer(
  options: { userPoolId?: string; clientId?: string; now?: number; keyPrefix?: string } = {}
): Promise<TestIssuer> {
  const userPoolId = options.userPoolId ?? 'us-east-1_TestPool1';
  const clientId = options.clientId ?? 'testclient0123456789abcdef';
  const issuer = `https://cognito-idp.us-east-1.amazonaws.com/${userPoolId}`;
  const prefix = options.keyPrefix ?? userPoolId;
  const published: IssuerKey[] = [];
  const self: TestIssuer = {
    userPoolId,
    clientId,
    issuer,
    jwksUri: `${issuer}/.well-known/jwks.json`,
    now: options.now ?? TEST_NOW,
    idKey: await issuerKey(`${prefix}-id-1`, `${prefix}-id`),
    accessKey: await issuerKey(`${prefix}-access-1`, `${prefix}-access`),
    jwks: () => ({ keys: published.map((key) => key.publicJwk) }),
    idClaims(overrides = {}) {
      const iat = Math.floor(self.now / 1000);
      return withOverrides(
        {
          sub: 'a1b2c3d4-0000-4000-8000-00000000a11c',
          email_verified: true,
          iss: issuer,
          'cognito:username': 'alice',
          origin_jti: 'f0e1d2c3-0000-4000-8000-000000000001',
          aud: clientId,
          event_id: 'e0e1e2e3-0000-4000-8000-000000000002',
          token_use: 'id',
          auth_time: iat,
          exp: iat + 3600,
          iat,
          jti: 'j0j1j2j3-0000-4000-8000-000000000003',
          email: 'alice@example.com'
        },
        overrides
      );
    },
    accessClaims(overrides = {}) {
      const iat = Math.floor(self.now / 1000);
      return withOverrides(
        {
          sub: 'a1b2c3d4-0000-4000-8000-00000000a11c',
          iss: issuer,
          client_id: clientId,
          origin_jti: 'f0e1d2c3-0000-4000-8000-000000000001',
          event_id: 'e0e1e2e3-0000-4000-8000-000000000002',
          token_use: 'access',
          scope: 'aws.cognito.signin.user.admin',
          auth_time: iat,
          exp: iat + 3600,
          iat,
          jti: 'j0j1j2j3-0000-4000-8000-000000000004',
          username: 'alice'
        },
        overrides
      );
    },
    async signId(overrides = {}, header = {}) {
      return sign(
        self.idClaims(overrides),
        { kid: self.idKey.kid, alg: 'RS256', ...header },
        self.idKey.privateKey
      );
    },
    async signAccess(overrides = {}, header = {}) {
      return sign(
        self.accessClaims(overrides),
        { kid: self.accessKey.kid, alg: 'RS256', ...header },
        self.accessKey.privateKey
      );
    },
    async rotateIdKey(newKid) {
      const removed = self.idKey;
      const added = await issuerKey(newKid, `${prefix}-rotated`);
      published.splice(published.indexOf(removed), 1, added);
      self.idKey = added;
      return { removed, added };
    },
    keyResolver(now = () => self.now) {
      const cache = createJwksCache();
      return { cache, keys: (kid) => cache.resolve(kid, async () => structuredClone(self.jwks()), now()) };
    }
  };
  published.push(self.idKey, self.accessKey);
  return self;
}

/** Signs with jose's CompactSign when the header is one jose accepts, and by hand otherwise (crit, for one). */
async function sign(claims: Claims, header: Header, privateKey: CryptoKey): Promise<string> {
  if (header.alg !== 'RS256' || Object.hasOwn(header, 'crit') || Object.hasOwn(header, 'b64')) {
    return signRaw(header, claims, privateKey);
  }
  return new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
    .setProtectedHeader(header as { alg: 'RS256' })
    .sign(privateKey);
}

/** The public key as PEM text: what an attacker would use as an HS256 "secret". */
export async function publicKeyPem(key: IssuerKey): Promise<string> {
  return exportSPKI(key.publicKey);
}

/**
 * aws-jwt-verify's CognitoJwtVerifier over this issuer, with a JWKS cache whose fetcher serves the
 * issuer's JWKS (no network). Make a fresh one per attack: its penalty box blocks refetches for 10 s.
 */
export function awsJwtVerifier(issuer: TestIssuer, tokenUse: 'id' | 'access' = 'id') {
  const jwksCache = new SimpleJwksCache({
    fetcher: {
      async fetch(uri: string) {
        if (uri !== issuer.jwksUri) throw new Error(`aws-jwt-verify tried to fetch ${uri}`);
        return new TextEncoder().encode(JSON.stringify(issuer.jwks())).buffer;
      }
    }
  });
  return CognitoJwtVerifier.create(
    { userPoolId: issuer.userPoolId, tokenUse, clientId: issuer.clientId },
    { jwksCache }
  );
}

/** Whether a fresh aws-jwt-verify accepts the token (its clock is Date.now: tests fake it to the issuer's time). */
export async function awsAccepts(
  issuer: TestIssuer,
  token: string,
  tokenUse: 'id' | 'access' = 'id'
): Promise<boolean> {
  try {
    await awsJwtVerifier(issuer, tokenUse).verify(token);
    return true;
  } catch {
    return false;
  }
}
