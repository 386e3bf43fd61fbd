// Verifies a Cognito-style JWT (RS256, key chosen by kid from a JWKS) and says, check by check, why it was refused.

/*
 * The signature itself is checked by jose (`compactVerify`, RS256 only). Everything around it is
 * written here because the simulation has to *explain* each rule, in order, to a learner: the size
 * limit, the shape, the header, the key lookup and every claim, with a stable failure code per rule.
 * Time is an argument (the world clock). The function returns a value and never throws.
 */

import { base64url, compactVerify } from 'jose';
import { CHECKS, type CheckId } from '../checks';
import type { Check } from '../trace';

/** Why a token was refused: one stable code per verification rule. */
export type JwtFailure =
  | 'too-large'
  | 'malformed'
  | 'alg-not-allowed'
  | 'embedded-key'
  | 'crit-unsupported'
  | 'kid-missing'
  | 'kid-unknown'
  | 'jwks-unavailable'
  | 'signature-invalid'
  | 'claim-type'
  | 'claim-missing'
  | 'issuer-mismatch'
  | 'token-use-mismatch'
  | 'audience-mismatch'
  | 'expired'
  | 'not-yet-valid';

/** The protected header of an accepted token. */
export interface JwtHeader {
  readonly alg: 'RS256' | 'RS512';
  readonly kid: string;
  readonly [parameter: string]: unknown;
}

/** The claims of an accepted token: the ones we know are typed, the rest are whatever the issuer put there. */
export interface JwtClaims {
  readonly iss: string;
  readonly sub: string;
  readonly exp: number;
  readonly iat?: number;
  readonly nbf?: number;
  readonly auth_time?: number;
  readonly token_use?: string;
  readonly aud?: string;
  readonly client_id?: string;
  readonly scope?: string;
  readonly jti?: string;
  readonly username?: string;
  readonly 'cognito:username'?: string;
  readonly 'cognito:groups'?: readonly string[];
  readonly email?: string;
  readonly email_verified?: boolean;
  readonly [claim: string]: unknown;
}

/** The ids of the JWT checks (`jwt.*` in CHECKS): what verifyJwt records, and what a service records around it. */
export type JwtCheckId = Extract<CheckId, `jwt.${string}`>;

/** One rule verifyJwt tried, under its stable id; services copy these into the trace as they are. */
export interface JwtCheck extends Check {
  id: JwtCheckId;
}

export type JwtVerification =
  | { ok: true; header: JwtHeader; claims: JwtClaims; checks: JwtCheck[] }
  | { ok: false; failure: JwtFailure; reason: string; checks: JwtCheck[] };

/** What a key lookup found: a public key, or why there is none. */
export type KeyResolution =
  { ok: true; key: CryptoKey } | { ok: false; failure: 'kid-unknown' | 'jwks-unavailable'; detail: string };

/** Finds the verification key for a `kid` (see jwks-cache.ts for the one the services use). */
export type KeyResolver = (kid: string) => Promise<KeyResolution>;

export interface JwtVerifyOptions {
  /** The exact `iss` expected, e.g. `https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123xyz`. */
  issuer: string;
  /**
   * The app client id: compared with `aud` (ID tokens, or any token without `token_use`) or `client_id`
   * (access tokens). `null` for a verifier that pins no client (API Gateway's Cognito authorizer): no
   * audience check is made, and none is recorded.
   */
  audience: string | null;
  /** Cognito's `token_use` the caller needs; omit for issuers that have no such claim (Google). */
  tokenUse?: 'id' | 'access';
  /** Simulated time, epoch milliseconds (the world clock). */
  now: number;
  keys: KeyResolver;
  /**
   * The one signing algorithm this issuer uses: RS256 (user pools, Google; the default) or RS512
   * (Cognito Identity's OpenID tokens). Nothing else is ever accepted.
   */
  algorithm?: 'RS256' | 'RS512';
  /** Larger tokens are refused before anything is decoded. Default 8 KiB. */
  maxLength?: number;
}

export const MAX_TOKEN_LENGTH = 8 * 1024;

type ClaimType = 'string' | 'number' | 'boolean' | 'string[]';

/**
 * The type of every claim Cognito (and Google) issue. Looked up in a Map so that a claim called
 * `__proto__` or `constructor` is just an unknown name. Claims not listed may hold anything.
 */
const CLAIM_TYPES: ReadonlyMap<string, ClaimType> = new Map<string, ClaimType>([
  ['iss', 'string'],
  ['sub', 'string'],
  ['aud', 'string'],
  ['azp', 'string'],
  ['client_id', 'string'],
  ['token_use', 'string'],
  ['scope', 'string'],
  ['jti', 'string'],
  ['origin_jti', 'string'],
  ['event_id', 'string'],
  ['username', 'string'],
  ['cognito:username', 'string'],
  ['cognito:preferred_role', 'string'],
  ['email', 'string'],
  ['name', 'string'],
  ['phone_number', 'string'],
  ['exp', 'number'],
  ['iat', 'number'],
  ['nbf', 'number'],
  ['auth_time', 'number'],
  ['email_verified', 'boolean'],
  ['phone_number_verified', 'boolean'],
  ['cognito:groups', 'string[]'],
  ['cognito:roles', 'string[]']
]);

/** Claims without which a token means nothing: who issued it, about whom, and until when. */
const REQUIRED_CLAIMS = ['iss', 'sub', 'exp'] as const;

/** Header parameters that carry or point to a key. A verifier that used them would let the token choose its own key. */
const EMBEDDED_KEY_PARAMETERS = ['jwk', 'jku', 'x5u', 'x5c'] as const;

const BASE64URL_SEGMENT = /^[A-Za-z0-9_-]+$/;

const utf8 = new TextDecoder('utf-8', { fatal: true });

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

function hasType(value: unknown, type: ClaimType): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'string[]':
      return Array.isArray(value) && value.every((item) => typeof item === 'string');
  }
}

const typeNames: Record<ClaimType, string> = {
  string: 'a string',
  number: 'a number',
  boolean: 'a boolean',
  'string[]': 'an array of strings'
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Decodes one base64url segment as a JSON object, or returns undefined (never throws). */
function decodeJsonSegment(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(utf8.decode(base64url.decode(segment)));
    return isPlainObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function isoTime(epochMs: number): string {
  const date = new Date(epochMs);
  return Number.isNaN(date.getTime()) ? String(epochMs) : date.toISOString();
}

/**
 * Verifies `token` against the rules a Cognito token must pass (size, shape, RS256 only, no key of its own,
 * no crit, a published kid, signature, claim types, iss, audience, token_use, exp, nbf), stopping at the first
 * rule it breaks. `checks` lists every rule tried, in order, the failed one last.
 */
export async function verifyJwt(token: unknown, options: JwtVerifyOptions): Promise<JwtVerification> {
  const checks: JwtCheck[] = [];
  const pass = (id: JwtCheckId, detail?: string) => {
    const name = CHECKS[id].label;
    checks.push(detail === undefined ? { id, name, ok: true } : { id, name, ok: true, detail });
  };
  const fail = (id: JwtCheckId, failure: JwtFailure, detail: string, reason: string): JwtVerification => {
    checks.push({ id, name: CHECKS[id].label, ok: false, detail });
    return { ok: false, failure, reason, checks };
  };

  // Size first, before a single byte is decoded: a huge header must not cost us a parse (or a JWKS fetch).
  // Length in UTF-16 units equals bytes for the only alphabet we accept; anything else fails the shape check.
  const maxLength = options.maxLength ?? MAX_TOKEN_LENGTH;
  if (typeof token !== 'string') {
    return fail(
      'jwt.text',
      'malformed',
      `got ${typeOf(token)}`,
      'There is no token here, only something that is not text.'
    );
  }
  if (token.length > maxLength) {
    return fail(
      'jwt.size',
      'too-large',
      `${token.length} bytes, over the limit of ${maxLength}`,
      `The token is ${token.length} bytes long; anything over ${maxLength} is refused before it is even decoded.`
    );
  }
  pass('jwt.size', `${token.length} bytes, at most ${maxLength}`);

  // RFC 7515 §7.1: a compact JWS is exactly three base64url parts joined by dots.
  // RFC 7515 §2: base64url "with all trailing '=' characters omitted"; '+' and '/' belong to another alphabet.
  const segments = token.split('.');
  if (segments.length !== 3) {
    return fail(
      'jwt.shape',
      'malformed',
      `${segments.length} part${segments.length === 1 ? '' : 's'}`,
      `A JWT has exactly three parts separated by dots; this one has ${segments.length}.`
    );
  }
  const [headerSegment = '', payloadSegment = '', signatureSegment = ''] = segments;
  for (const [label, segment] of [
    ['header', headerSegment],
    ['payload', payloadSegment]
  ] as const) {
    if (!BASE64URL_SEGMENT.test(segment) || segment.length % 4 === 1) {
      return fail(
        'jwt.shape',
        'malformed',
        segment === '' ? `the ${label} is empty` : `the ${label} is not base64url`,
        `The ${label} part is not base64url text (only A–Z, a–z, 0–9, "-" and "_", no padding).`
      );
    }
  }
  if (
    signatureSegment !== '' &&
    (!BASE64URL_SEGMENT.test(signatureSegment) || signatureSegment.length % 4 === 1)
  ) {
    return fail(
      'jwt.shape',
      'malformed',
      'the signature is not base64url',
      'The signature part is not base64url text (only A–Z, a–z, 0–9, "-" and "_", no padding).'
    );
  }
  pass('jwt.shape');

  const header = decodeJsonSegment(headerSegment);
  if (!header) {
    return fail(
      'jwt.header-json',
      'malformed',
      'it does not decode to a JSON object',
      'The header does not decode to JSON.'
    );
  }
  const payload = decodeJsonSegment(payloadSegment);
  if (!payload) {
    return fail(
      'jwt.payload-json',
      'malformed',
      'it does not decode to a JSON object',
      'The payload does not decode to JSON.'
    );
  }
  pass('jwt.json');

  // RFC 8725 §3.1: "Libraries MUST enable the caller to specify a supported set of algorithms".
  // Each issuer signs with one algorithm (user pools RS256, Cognito Identity RS512), and that is the whole
  // set: no "none" (in any case), no HS256.
  const expectedAlg = options.algorithm ?? 'RS256';
  const alg = Object.hasOwn(header, 'alg') ? header.alg : undefined;
  if (alg !== expectedAlg) {
    const shown = alg === undefined ? 'missing' : JSON.stringify(alg);
    const why =
      typeof alg === 'string' && alg.toLowerCase() === 'none'
        ? 'alg "none" means "not signed at all": anyone could have written this token.'
        : typeof alg === 'string' && alg.startsWith('HS')
          ? `${alg} is a shared-secret algorithm; a verifier that accepts it could be fed a token "signed" with the pool's public key.`
          : `The issuer signs with ${expectedAlg} only; the header says ${shown}.`;
    return fail('jwt.algorithm', 'alg-not-allowed', `alg is ${shown}`, why);
  }
  pass('jwt.algorithm');

  // RFC 8725 §3.10 / RFC 7515 §4.1.2–4.1.6: a key that arrives with the token proves nothing. We never fetch or use one.
  const embedded = EMBEDDED_KEY_PARAMETERS.filter((name) => Object.hasOwn(header, name));
  if (embedded.length > 0) {
    return fail(
      'jwt.no-embedded-key',
      'embedded-key',
      `header has ${embedded.join(', ')}`,
      `The header brings its own key (${embedded.join(', ')}). A token cannot vouch for itself: only the pool's published keys count, so it was refused without fetching or using it.`
    );
  }
  pass('jwt.no-embedded-key');

  // RFC 7515 §4.1.11: "If any of the listed extension Header Parameters are not understood and
  // supported by the recipient, then the JWS is invalid." We understand no extensions.
  if (Object.hasOwn(header, 'crit')) {
    return fail(
      'jwt.no-crit',
      'crit-unsupported',
      `crit is ${JSON.stringify(header.crit)}`,
      'The header lists "critical" extensions this verifier does not understand, so the token must be refused.'
    );
  }
  pass('jwt.no-crit');

  // The key id picks the key from the pool's JWKS. It must be a non-empty string; it is looked up in
  // a Map (never as an object property or a path), so "__proto__" or "../../dev/null" are just unknown ids.
  const kid = Object.hasOwn(header, 'kid') ? header.kid : undefined;
  if (typeof kid !== 'string' || kid === '') {
    return fail(
      'jwt.kid',
      'kid-missing',
      kid === undefined ? 'no kid' : `kid is ${typeof kid === 'string' ? 'empty' : typeOf(kid)}`,
      'The header does not say which of the pool’s keys signed the token (kid must be a non-empty string).'
    );
  }
  pass('jwt.kid', kid);

  if (signatureSegment === '') {
    return fail(
      'jwt.signature',
      'signature-invalid',
      'the signature part is empty',
      'The signature has been stripped: the token ends with a dot and nothing after it.'
    );
  }

  let resolution: KeyResolution;
  try {
    resolution = await options.keys(kid);
  } catch (error) {
    resolution = {
      ok: false,
      failure: 'jwks-unavailable',
      detail: error instanceof Error ? error.message : String(error)
    };
  }
  if (!resolution.ok) {
    return fail(
      'jwt.kid-published',
      resolution.failure,
      resolution.detail,
      resolution.failure === 'kid-unknown'
        ? `No key with kid ${JSON.stringify(kid)} is published by the pool, so nothing it signed can be checked.`
        : `The pool’s public keys (JWKS) could not be read: ${resolution.detail}`
    );
  }
  pass('jwt.kid-published', kid);

  try {
    await compactVerify(token, resolution.key, { algorithms: [expectedAlg] });
  } catch (error) {
    const code =
      typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'error';
    return fail(
      'jwt.signature',
      'signature-invalid',
      code,
      `The ${expectedAlg} signature does not match the header and payload: the token was altered, truncated, or signed with another key.`
    );
  }
  pass('jwt.signature');

  for (const [name, value] of Object.entries(payload)) {
    const type = CLAIM_TYPES.get(name);
    if (type !== undefined && !hasType(value, type)) {
      return fail(
        'jwt.claim-types',
        'claim-type',
        `${name} is ${typeOf(value)}, expected ${typeNames[type]}`,
        `The claim "${name}" should be ${typeNames[type]} but is ${typeOf(value)}; a well-formed token never looks like this.`
      );
    }
  }
  pass('jwt.claim-types');
  for (const name of REQUIRED_CLAIMS) {
    if (!Object.hasOwn(payload, name)) {
      return fail(
        'jwt.required-claims',
        'claim-missing',
        `no ${name}`,
        `The token has no "${name}" claim, which every token from the pool carries.`
      );
    }
  }
  pass('jwt.required-claims');
  // Types and presence are checked just above.
  const claims = payload as unknown as JwtClaims;

  // RFC 7519 §4.1.1; the issuer must match exactly: another pool, or a trailing slash, is another issuer.
  if (claims.iss !== options.issuer) {
    return fail(
      'jwt.issuer',
      'issuer-mismatch',
      `iss is ${JSON.stringify(claims.iss)}`,
      `The token was issued by ${JSON.stringify(claims.iss)}, not by ${JSON.stringify(options.issuer)}.`
    );
  }
  pass('jwt.issuer');

  // Cognito: an ID token says who the user is, an access token what the client may do; they are not interchangeable.
  if (options.tokenUse !== undefined) {
    if (claims.token_use !== options.tokenUse) {
      const got = claims.token_use === undefined ? 'missing' : JSON.stringify(claims.token_use);
      return fail(
        'jwt.token-use',
        'token-use-mismatch',
        `token_use is ${got}, not "${options.tokenUse}"`,
        `An ${options.tokenUse === 'id' ? 'ID' : 'access'} token is needed here; this token's token_use is ${got}.`
      );
    }
    pass('jwt.token-use', `token_use is "${options.tokenUse}"`);
  }

  // RFC 7519 §4.1.3 / Cognito: ID tokens carry the app client in `aud`; access tokens in `client_id` (they have no aud).
  const audienceClaim = options.tokenUse === 'access' ? 'client_id' : 'aud';
  const audience = claims[audienceClaim];
  if (options.audience !== null) {
    if (audience !== options.audience) {
      const got = audience === undefined ? 'missing' : JSON.stringify(audience);
      return fail(
        'jwt.audience',
        'audience-mismatch',
        `${audienceClaim} is ${got}`,
        `The token was issued to app client ${got}, not to ${JSON.stringify(options.audience)}.`
      );
    }
    pass('jwt.audience', `${audienceClaim} is ${JSON.stringify(audience)}`);
  }

  // RFC 7519 §4.1.4: "the current date/time MUST be before the expiration date/time". So exp == now is
  // expired (aws-jwt-verify accepts exp == now; we follow the RFC).
  if (claims.exp * 1000 <= options.now) {
    return fail(
      'jwt.expiry',
      'expired',
      `exp ${isoTime(claims.exp * 1000)} <= now ${isoTime(options.now)}`,
      `The token expired at ${isoTime(claims.exp * 1000)}; it is now ${isoTime(options.now)}.`
    );
  }
  pass('jwt.expiry', `until ${isoTime(claims.exp * 1000)}`);

  // RFC 7519 §4.1.5: "the current date/time MUST be after or equal to the not-before date/time".
  if (claims.nbf !== undefined) {
    if (claims.nbf * 1000 > options.now) {
      return fail(
        'jwt.not-before',
        'not-yet-valid',
        `nbf ${isoTime(claims.nbf * 1000)} > now ${isoTime(options.now)}`,
        `The token is not valid before ${isoTime(claims.nbf * 1000)}; it is now ${isoTime(options.now)}.`
      );
    }
    pass('jwt.not-before');
  }

  return { ok: true, header: { ...header, alg: expectedAlg, kid }, claims, checks };
}
