// AWS Signature Version 4: canonical request, signing, and the server-side verification the simulated DynamoDB runs.

/*
 * Hand-written on purpose: SDKs (e.g. @smithy/signature-v4) only sign; no maintained library verifies SigV4 on
 * the server side, which is what the simulated cloud needs. The rules come from the AWS SigV4 guide and AWS's
 * published test suite; tests check this file against that suite and against @smithy/signature-v4.
 *
 * Time is an input (`now`, epoch ms); nothing reads the wall clock. Only WebCrypto is used, so this runs in the
 * browser as well as in Node.
 */

import type { SigV4Record } from '../trace';
import {
  canonicalHeaderValue,
  canonicalQuery,
  canonicalS3Uri,
  canonicalUri,
  constantTimeEqual,
  formatAmzDate,
  hmacSha256,
  parseAmzDate,
  sha256Hex,
  toBytes,
  toHex,
  utf8
} from './sigv4-internal';

export const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256';
const SCOPE_TERMINATOR = 'aws4_request';
const DEFAULT_MAX_SKEW_MS = 15 * 60 * 1000;

/** A request as raw parts, so AWS's published vectors (duplicate headers, odd paths) can be reproduced exactly. */
export interface RawHttpRequest {
  method: string;
  /** The path as sent on the wire (already percent-encoded once), without the query. */
  path: string;
  /** The raw query string, without the leading `?`. */
  query: string;
  /** Header lines in order; duplicate names allowed. */
  headers: readonly (readonly [string, string])[];
  body: Uint8Array | string;
}

export interface SigningKeyChain {
  kDate: string;
  kRegion: string;
  kService: string;
  kSigning: string;
}

/** Every intermediate value of a signature, for the UI to show step by step. */
export interface SigV4Details {
  algorithm: typeof SIGV4_ALGORITHM;
  accessKeyId: string;
  amzDate: string;
  /** `{date}/{region}/{service}/aws4_request` */
  scope: string;
  canonicalUri: string;
  canonicalQuery: string;
  /** One `name:value` line per signed header, each ending with a newline. */
  canonicalHeaders: string;
  signedHeaders: string;
  payloadHash: string;
  canonicalRequest: string;
  canonicalRequestHash: string;
  stringToSign: string;
  signingKey: SigningKeyChain;
  signature: string;
  authorization: string;
}

export interface SigV4Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export type SigV4ErrorCode =
  | 'MissingAuthenticationTokenException'
  | 'IncompleteSignatureException'
  | 'UnrecognizedClientException'
  | 'ExpiredTokenException'
  | 'InvalidSignatureException';

export type SigV4Verdict =
  | { ok: true; accessKeyId: string; details: SigV4Details; working: SigV4Record }
  | {
      ok: false;
      code: SigV4ErrorCode;
      /** The message AWS returns, word for word where we know it. */
      message: string;
      /** Which check failed, in plain words for learners. */
      reason: string;
      /** The verifier's own recomputation, when it got that far. */
      details?: SigV4Details;
      /** The signature the request carried, when it carried one. */
      providedSignature?: string;
      /** The verifier's working as the trace records it, when it got as far as computing a signature. */
      working?: SigV4Record;
    };

export interface StoredCredentials {
  secretAccessKey: string;
  sessionToken?: string;
  /** Epoch ms; temporary credentials stop working at this instant. */
  expiration?: number;
}

export interface VerifyOptions {
  now: number;
  region: string;
  service: string;
  /** DynamoDB accepts 15 minutes of clock skew either way. */
  maxSkewMs?: number;
  lookupCredentials(accessKeyId: string): StoredCredentials | undefined;
  /**
   * The credentials a session token was issued with. AWS reads a token's expiry from the token itself, before
   * it looks at the access key; without this the expiry is learnt from `lookupCredentials`, after the key.
   */
  lookupSessionToken?(sessionToken: string): Pick<StoredCredentials, 'expiration'> | undefined;
  /**
   * S3's flavour: the path is encoded once, not normalised, and the payload hash in the canonical request is the
   * `x-amz-content-sha256` header as sent (a hex SHA-256 or `UNSIGNED-PAYLOAD`). S3 itself then compares that
   * header with the body it received (services/s3), so this verifier neither requires nor re-hashes it here.
   */
  s3?: boolean;
}

const MESSAGES = {
  missingToken: 'Request is missing Authentication Token',
  invalidToken: 'The security token included in the request is invalid.',
  expiredToken: 'The security token included in the request is expired',
  mismatch:
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.'
} as const;

/**
 * "Derive a signing key ... kDate = hash("AWS4" + Key, Date), kRegion = hash(kDate, Region),
 * kService = hash(kRegion, Service), kSigning = hash(kService, "aws4_request")" (AWS SigV4 guide).
 */
export async function deriveSigningKey(
  secretAccessKey: string,
  date: string,
  region: string,
  service: string
): Promise<{ key: Uint8Array<ArrayBuffer>; chain: SigningKeyChain }> {
  const kDate = await hmacSha256(utf8('AWS4' + secretAccessKey), date);
  const kRegion = await hmacSha256(kDate, region);
  const kService = await hmacSha256(kRegion, service);
  const kSigning = await hmacSha256(kService, SCOPE_TERMINATOR);
  return {
    key: kSigning,
    chain: {
      kDate: toHex(kDate),
      kRegion: toHex(kRegion),
      kService: toHex(kService),
      kSigning: toHex(kSigning)
    }
  };
}

export interface ComputeSigV4Params {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  service: string;
  /** `YYYYMMDDTHHMMSSZ`; the scope's date is its first eight characters. */
  amzDate: string;
  /** Lower-case header names to sign, in the order they appear in SignedHeaders. Default: every header, sorted. */
  signedHeaders?: readonly string[];
  /** Overrides the hash of the body (a verifier passes the hash it computed itself). */
  payloadHash?: string;
  /**
   * S3's canonical URI: the path encoded once and not normalised ("Do not normalize URI paths for requests to
   * Amazon S3 ... each path segment must be URI-encoded once", AWS SigV4 guide). Default: every other service's.
   */
  s3?: boolean;
}

/** The whole SigV4 computation over a raw request: canonical request → string to sign → signature. */
export async function computeSigV4(raw: RawHttpRequest, params: ComputeSigV4Params): Promise<SigV4Details> {
  // "Convert all header names to lowercase ... If there are duplicate headers, the values are comma-separated"
  // in the order they appeared (vectors get-header-key-duplicate, get-header-value-order).
  const values = new Map<string, string[]>();
  for (const [name, value] of raw.headers) {
    const key = name.toLowerCase();
    const list = values.get(key) ?? [];
    list.push(canonicalHeaderValue(value));
    values.set(key, list);
  }
  const names = params.signedHeaders ?? [...values.keys()].sort();
  const canonicalHeaders = names.map((name) => `${name}:${(values.get(name) ?? []).join(',')}\n`).join('');
  const signedHeaders = names.join(';');
  const payloadHash = params.payloadHash ?? (await sha256Hex(raw.body));
  const uri = params.s3 === true ? canonicalS3Uri(raw.path) : canonicalUri(raw.path);
  const query = canonicalQuery(raw.query);
  const canonicalRequest = [raw.method, uri, query, canonicalHeaders, signedHeaders, payloadHash].join('\n');
  const canonicalRequestHash = await sha256Hex(canonicalRequest);

  const date = params.amzDate.slice(0, 8);
  const scope = `${date}/${params.region}/${params.service}/${SCOPE_TERMINATOR}`;
  const stringToSign = [SIGV4_ALGORITHM, params.amzDate, scope, canonicalRequestHash].join('\n');
  const { key, chain } = await deriveSigningKey(params.secretAccessKey, date, params.region, params.service);
  const signature = toHex(await hmacSha256(key, stringToSign));
  return {
    algorithm: SIGV4_ALGORITHM,
    accessKeyId: params.accessKeyId,
    amzDate: params.amzDate,
    scope,
    canonicalUri: uri,
    canonicalQuery: query,
    canonicalHeaders,
    signedHeaders,
    payloadHash,
    canonicalRequest,
    canonicalRequestHash,
    stringToSign,
    signingKey: chain,
    signature,
    authorization: `${SIGV4_ALGORITHM} Credential=${params.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`
  };
}

/** What a DynamoDB client signs: the SDK signs these whenever present (and more, which the verifier accepts). */
const HEADERS_TO_SIGN = ['content-type', 'host', 'x-amz-date', 'x-amz-security-token', 'x-amz-target'];

async function readBody(request: Request): Promise<Uint8Array<ArrayBuffer>> {
  if (request.body === null) return new Uint8Array(0);
  return new Uint8Array(await request.clone().arrayBuffer());
}

/**
 * The `host` header as signed. Browsers forbid setting `Host` on a `Request` and fill it in from the URL when
 * sending, so when the header is absent the URL's host stands in for it (default port omitted, as on the wire).
 */
function hostOf(headers: Headers, url: URL): string {
  return headers.get('host') ?? url.host;
}

/**
 * A request's signed headers as raw pairs. `Headers` has already merged duplicates as "a, b" (with a space),
 * where SigV4 joins them with "," — one reason the raw core exists alongside the `Request` functions.
 */
function toRaw(
  method: string,
  url: URL,
  headers: Headers,
  names: readonly string[],
  body: Uint8Array
): RawHttpRequest {
  const pairs: [string, string][] = [];
  for (const name of names) {
    const value = name === 'host' ? hostOf(headers, url) : headers.get(name);
    if (value !== null) pairs.push([name, value]);
  }
  return { method, path: url.pathname, query: url.search.slice(1), headers: pairs, body };
}

/**
 * Signs a request as an AWS SDK would: adds `X-Amz-Date`, `X-Amz-Security-Token` (temporary credentials) and
 * `Authorization`. No `x-amz-content-sha256` for DynamoDB (its clients do not send it); for `s3` the SDK's S3
 * signer adds it and signs it ("x-amz-content-sha256 ... is required for all AWS Signature Version 4 requests"
 * to S3, Amazon S3 API reference, common request headers): the body's SHA-256, or `UNSIGNED-PAYLOAD` when
 * `unsignedPayload` is set; and the path is encoded once.
 */
export async function signRequest(
  request: Request,
  credentials: SigV4Credentials,
  options: { region: string; service: string; now: number; unsignedPayload?: boolean }
): Promise<{ request: Request; details: SigV4Details }> {
  const url = new URL(request.url);
  const body = await readBody(request);
  const headers = new Headers(request.headers);
  headers.delete('authorization');
  const amzDate = formatAmzDate(options.now);
  headers.set('x-amz-date', amzDate);
  if (credentials.sessionToken) headers.set('x-amz-security-token', credentials.sessionToken);
  else headers.delete('x-amz-security-token');
  const s3 = options.service === 's3';
  if (s3) {
    headers.set('x-amz-content-sha256', options.unsignedPayload ? 'UNSIGNED-PAYLOAD' : await sha256Hex(body));
  }

  const names = [...HEADERS_TO_SIGN, ...(s3 ? ['x-amz-content-sha256'] : [])]
    .filter((name) => name === 'host' || headers.has(name))
    .sort();
  const details = await computeSigV4(toRaw(request.method, url, headers, names, body), {
    accessKeyId: credentials.accessKeyId,
    secretAccessKey: credentials.secretAccessKey,
    region: options.region,
    service: options.service,
    amzDate,
    ...(s3 ? { s3: true, payloadHash: headers.get('x-amz-content-sha256') ?? '' } : {})
  });
  headers.set('authorization', details.authorization);
  const signed = new Request(request.url, {
    method: request.method,
    headers,
    body: request.body === null ? undefined : body
  });
  return { request: signed, details };
}

type Failure = Extract<SigV4Verdict, { ok: false }>;

function fail(code: SigV4ErrorCode, message: string, reason: string, extra: Partial<Failure> = {}): Failure {
  return { ok: false, code, message, reason, ...extra };
}

interface ParsedAuthorization {
  credential: string;
  signedHeaders: string;
  signature: string;
}

/** Splits `AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...` the way AWS's front end does. */
function parseAuthorization(authorization: string, amzDatePresent: boolean): ParsedAuthorization | Failure {
  const space = authorization.indexOf(' ');
  const algorithm = space === -1 ? authorization : authorization.slice(0, space);
  const rest = space === -1 ? '' : authorization.slice(space + 1);
  if (algorithm !== SIGV4_ALGORITHM) {
    return fail(
      'IncompleteSignatureException',
      `Unsupported AWS 'algorithm': '${algorithm}'.`,
      `The Authorization header names the algorithm "${algorithm}"; this service only understands ${SIGV4_ALGORITHM}.`
    );
  }
  const fields = new Map<string, string>();
  // AWS splits on commas and on whitespace alike: a space pasted inside the access key becomes its own field
  // ("'/20210706/us-east-2/dynamodb/aws4_request' not a valid key=value pair").
  for (const trimmed of rest.split(/[\s,]+/)) {
    if (trimmed === '') continue;
    const equals = trimmed.indexOf('=');
    if (equals === -1) {
      return fail(
        'IncompleteSignatureException',
        `'${trimmed}' not a valid key=value pair (missing equal-sign) in Authorization header: '${authorization}'.`,
        `The Authorization header contains "${trimmed}", which is not of the form name=value. A stray space or comma (often pasted into the access key) splits a field in two.`
      );
    }
    const key = trimmed.slice(0, equals);
    if (!fields.has(key)) fields.set(key, trimmed.slice(equals + 1));
  }
  const credential = fields.get('Credential') ?? '';
  const signature = fields.get('Signature') ?? '';
  const signedHeaders = fields.get('SignedHeaders') ?? '';
  // AWS lists every missing piece at once, then echoes the header.
  const missing: string[] = [];
  if (credential === '') missing.push("Authorization header requires 'Credential' parameter.");
  if (signature === '') missing.push("Authorization header requires 'Signature' parameter.");
  if (signedHeaders === '') missing.push("Authorization header requires 'SignedHeaders' parameter.");
  if (!amzDatePresent) {
    missing.push("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  }
  if (missing.length > 0) {
    const lacking = [
      credential === '' ? 'Credential' : '',
      signature === '' ? 'Signature' : '',
      signedHeaders === '' ? 'SignedHeaders' : '',
      amzDatePresent ? '' : 'an X-Amz-Date header'
    ].filter((piece) => piece !== '');
    return fail(
      'IncompleteSignatureException',
      `${missing.join(' ')} Authorization=${authorization}`,
      `The signature is incomplete; missing: ${lacking.join(', ')}. A SigV4 Authorization header needs Credential, SignedHeaders and Signature, and the request needs the X-Amz-Date it was signed at.`
    );
  }
  return { credential, signedHeaders, signature };
}

/**
 * DynamoDB's answer to a signature that does not match: the fixed sentence, then the canonical request and the
 * string to sign it computed, each in single quotes on lines of their own, with a blank line before each part
 * and a newline at the very end (the layout SDK users paste from real responses).
 */
export function mismatchMessage(details: Pick<SigV4Details, 'canonicalRequest' | 'stringToSign'>): string {
  return `${MESSAGES.mismatch}\n\nThe Canonical String for this request should have been\n'${details.canonicalRequest}'\n\nThe String-to-Sign should have been\n'${details.stringToSign}'\n`;
}

/**
 * The canonical request and string to sign a mismatch message quotes, or undefined for any other message. The
 * inverse of `mismatchMessage`, for readers of a recorded response.
 */
export function parseMismatchMessage(
  message: string
): { canonicalRequest: string; stringToSign: string } | undefined {
  const head = `${MESSAGES.mismatch}\n\nThe Canonical String for this request should have been\n'`;
  const middle = `'\n\nThe String-to-Sign should have been\n'`;
  if (!message.startsWith(head) || !message.endsWith(`'\n`)) return undefined;
  const body = message.slice(head.length, -2);
  // The string to sign never contains a quote; the canonical request may (in a header value), so split last.
  const at = body.lastIndexOf(middle);
  if (at === -1) return undefined;
  return { canonicalRequest: body.slice(0, at), stringToSign: body.slice(at + middle.length) };
}

function expiredReason(expiration: number, now: number): string {
  return `These temporary credentials expired at ${formatAmzDate(expiration)}; it is now ${formatAmzDate(now)}. Get fresh credentials from the identity pool.`;
}

function minutes(ms: number): string {
  return `${ms / 60000} min.`;
}

/** The verifier's own working, for the trace: what it rebuilt, what it computed, and whether that matched. */
function workingOf(details: SigV4Details, provided: string): SigV4Record {
  return {
    canonicalRequest: details.canonicalRequest,
    stringToSign: details.stringToSign,
    signedHeaders: details.signedHeaders.split(';'),
    credentialScope: details.scope,
    provided,
    computed: details.signature,
    match: constantTimeEqual(details.signature, provided)
  };
}

/**
 * Verifies a SigV4-signed request as the simulated DynamoDB front end does: recomputes the signature over the
 * request's own SignedHeaders with the secret the service holds for that access key, and compares.
 */
export async function verifySigV4(request: Request, options: VerifyOptions): Promise<SigV4Verdict> {
  /*
   * The order of the checks follows what DynamoDB answers when a request has several faults at once:
   * the Authorization header is parsed first (IncompleteSignatureException); then the scope and the date are
   * judged, none of which needs a secret (a wrong terminator, an unsigned host, a scope date, region or service
   * that do not fit: InvalidSignatureException; an X-Amz-Date outside the 15-minute window: "Signature
   * expired" / "Signature not yet current": the answer users with a wrong clock report, never a key error; the
   * relative order of the scope checks and the clock is not documented and kept as here); then the
   * session token's own expiry (AWS reads the expiry from the token itself, so an expired token is reported as
   * ExpiredTokenException even when the access key beside it is wrong, as users have reported); only then the
   * access key is looked up (UnrecognizedClientException), the session token compared with the one issued with
   * it, and last the signature recomputed with the secret and compared (the mismatch message then quotes the
   * canonical request and string to sign the service computed).
   */
  const authorization = request.headers.get('authorization');
  // An Authorization absent or not starting with `AWS4-` (a JWT, say) means no SigV4 at all: AWS answers
  // MissingAuthenticationTokenException.
  if (authorization === null || !authorization.startsWith('AWS4-')) {
    return fail(
      'MissingAuthenticationTokenException',
      MESSAGES.missingToken,
      authorization === null
        ? 'The request has no Authorization header, so the service cannot tell who is calling. AWS APIs expect a SigV4 signature made with AWS credentials.'
        : 'The Authorization header does not start with "AWS4-": it is not a SigV4 signature. A user-pool token (JWT) proves who signed in to your app, but AWS APIs only accept requests signed with AWS credentials — exchange the token for credentials at the identity pool first.'
    );
  }

  const amzDate = request.headers.get('x-amz-date');
  const parsed = parseAuthorization(authorization, amzDate !== null);
  if ('ok' in parsed) return parsed;
  const providedSignature = parsed.signature;

  // "Credential=<access key>/<date>/<region>/<service>/aws4_request"
  const credentialParts = parsed.credential.split('/');
  if (credentialParts.length !== 5) {
    return fail(
      'IncompleteSignatureException',
      `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${parsed.credential}'`,
      'The Credential field must be access-key-id/date/region/service/aws4_request.',
      { providedSignature }
    );
  }
  const [accessKeyId = '', scopeDate = '', scopeRegion = '', scopeService = '', terminator = ''] =
    credentialParts;
  // DynamoDB answers a wrong terminator with InvalidSignatureException (the header parsed; its scope is wrong).
  if (terminator !== SCOPE_TERMINATOR) {
    return fail(
      'InvalidSignatureException',
      `Credential should be scoped with a valid terminator: 'aws4_request', not '${terminator}'.`,
      'The credential scope must end with "aws4_request".',
      { providedSignature }
    );
  }
  // amzDate is non-null here: parseAuthorization reported its absence.
  const signedAt = parseAmzDate(amzDate ?? '');
  if (amzDate === null || signedAt === undefined) {
    return fail(
      'IncompleteSignatureException',
      `Date must be in ISO-8601 'basic format'. Got '${amzDate ?? ''}'. See http://en.wikipedia.org/wiki/ISO_8601`,
      'X-Amz-Date must look like 20150830T123600Z (UTC, no dashes or colons).',
      { providedSignature }
    );
  }

  const signedHeaderNames = parsed.signedHeaders.split(';');
  if (signedHeaderNames.some((name) => name === '')) {
    return fail(
      'IncompleteSignatureException',
      `SignedHeaders contains an empty header name: '${parsed.signedHeaders}'.`,
      'SignedHeaders must be header names separated by single semicolons.',
      { providedSignature }
    );
  }
  const names = signedHeaderNames.map((name) => name.toLowerCase());
  // The host must be signed, or a captured signature could be replayed against another endpoint. DynamoDB
  // refuses an unsigned host with InvalidSignatureException (reported word for word by SDK users).
  if (!names.includes('host')) {
    return fail(
      'InvalidSignatureException',
      "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
      'The host header is not in SignedHeaders. SigV4 requires the host to be signed, so a signature made for one endpoint cannot be replayed against another.',
      { providedSignature }
    );
  }
  const absent = names.find((name) => name !== 'host' && !request.headers.has(name));
  if (absent !== undefined) {
    return fail(
      'IncompleteSignatureException',
      `Header '${absent}' is listed in SignedHeaders but is not present in the request. Authorization=${authorization}`,
      `SignedHeaders promises a "${absent}" header, but the request does not carry it, so the signature cannot be recomputed.`,
      { providedSignature }
    );
  }

  // The scope must name the date of X-Amz-Date, this region and this service.
  if (scopeDate !== amzDate.slice(0, 8)) {
    return fail(
      'InvalidSignatureException',
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`,
      'The date in the credential scope differs from the date in X-Amz-Date; both must be the same UTC day.',
      { providedSignature }
    );
  }
  if (scopeRegion !== options.region) {
    return fail(
      'InvalidSignatureException',
      `Credential should be scoped to a valid region, not '${scopeRegion}'.`,
      `The request was signed for region "${scopeRegion}", but this endpoint is in "${options.region}". The signing key depends on the region, so it cannot match.`,
      { providedSignature }
    );
  }
  if (scopeService !== options.service) {
    return fail(
      'InvalidSignatureException',
      `Credential should be scoped to correct service: '${options.service}'.`,
      `The request was signed for service "${scopeService}", but it was sent to "${options.service}".`,
      { providedSignature }
    );
  }

  const maxSkewMs = options.maxSkewMs ?? DEFAULT_MAX_SKEW_MS;
  if (signedAt < options.now - maxSkewMs) {
    return fail(
      'InvalidSignatureException',
      `Signature expired: ${amzDate} is now earlier than ${formatAmzDate(options.now - maxSkewMs)} (${formatAmzDate(options.now)} - ${minutes(maxSkewMs)})`,
      `The request was signed at ${amzDate}, more than ${minutes(maxSkewMs)} before the service's clock (${formatAmzDate(options.now)}). Old signed requests are refused so a captured one cannot be replayed later.`,
      { providedSignature }
    );
  }
  if (signedAt > options.now + maxSkewMs) {
    return fail(
      'InvalidSignatureException',
      `Signature not yet current: ${amzDate} is still later than ${formatAmzDate(options.now + maxSkewMs)} (${formatAmzDate(options.now)} + ${minutes(maxSkewMs)})`,
      `The request claims to be signed at ${amzDate}, more than ${minutes(maxSkewMs)} after the service's clock (${formatAmzDate(options.now)}). Check the client's clock.`,
      { providedSignature }
    );
  }

  // Temporary credentials: a session token the service recognises carries its own expiry.
  const token = request.headers.get('x-amz-security-token');
  const tokenExpiry = token === null ? undefined : options.lookupSessionToken?.(token)?.expiration;
  if (tokenExpiry !== undefined && options.now >= tokenExpiry) {
    return fail('ExpiredTokenException', MESSAGES.expiredToken, expiredReason(tokenExpiry, options.now), {
      providedSignature
    });
  }

  const stored = options.lookupCredentials(accessKeyId);
  if (stored === undefined) {
    return fail(
      'UnrecognizedClientException',
      MESSAGES.invalidToken,
      `No credentials with access key id "${accessKeyId}" exist, so there is no secret to check the signature with.`,
      { providedSignature }
    );
  }

  // With the secret in hand the signature is computed once, here; every later verdict carries this working.
  // Hash the body ourselves: trusting x-amz-content-sha256 would let a tampered body through.
  const body = await readBody(request);
  const payloadHash =
    options.s3 === true
      ? (request.headers.get('x-amz-content-sha256') ?? (await sha256Hex(body)))
      : await sha256Hex(body);
  const url = new URL(request.url);
  const details = await computeSigV4(toRaw(request.method, url, request.headers, names, body), {
    accessKeyId,
    secretAccessKey: stored.secretAccessKey,
    region: scopeRegion,
    service: scopeService,
    amzDate,
    signedHeaders: names,
    payloadHash,
    ...(options.s3 === true ? { s3: true } : {})
  });
  const working = workingOf(details, providedSignature);
  const computed = { details, providedSignature, working };

  // Temporary credentials are three parts: key id, secret and session token. The token must come back unchanged.
  if (stored.sessionToken !== undefined) {
    if (token === null || !constantTimeEqual(stored.sessionToken, token)) {
      return fail(
        'UnrecognizedClientException',
        MESSAGES.invalidToken,
        token === null
          ? 'These are temporary credentials, but the request carries no X-Amz-Security-Token. Temporary credentials only work together with their session token.'
          : 'The X-Amz-Security-Token is not the session token issued with this access key.',
        computed
      );
    }
  } else if (token !== null) {
    return fail(
      'UnrecognizedClientException',
      MESSAGES.invalidToken,
      'The request carries an X-Amz-Security-Token, but this access key was issued without one.',
      computed
    );
  }
  // A verifier not told how to read session tokens learns the expiry from the stored credentials instead.
  if (stored.expiration !== undefined && options.now >= stored.expiration) {
    return fail(
      'ExpiredTokenException',
      MESSAGES.expiredToken,
      expiredReason(stored.expiration, options.now),
      computed
    );
  }

  const claimedHash = request.headers.get('x-amz-content-sha256');
  if (options.s3 !== true && claimedHash !== null && claimedHash !== payloadHash) {
    return fail(
      'InvalidSignatureException',
      mismatchMessage(details),
      'The x-amz-content-sha256 header does not match the SHA-256 of the body the service received: the body was changed after signing.',
      computed
    );
  }
  if (!working.match) {
    return fail(
      'InvalidSignatureException',
      mismatchMessage(details),
      'The service recomputed the signature over the method, path, query, signed headers and body it received, with the secret it holds for this access key, and got a different value. Either something signed was changed in transit, or the request was signed with another secret. (Signatures are lower-case hex, exactly 64 characters.)',
      computed
    );
  }
  return { ok: true, accessKeyId, details, working };
}

/** Convenience for callers holding a string or bytes body; exposed for tests and the UI's "hash the body" step. */
export async function hashPayload(body: Uint8Array | string): Promise<string> {
  return sha256Hex(toBytes(body));
}
