// inspectSigV4: a signed request's SigV4 taken apart step by step, as the receiving service worked it out.

/*
 * The canonical request, the string to sign and both signatures are the verifier's own, recorded on the trace
 * entry (`entry.sigv4`) as it verified; nothing here computes them again. The one exception is the learner
 * trying another secret (`trySecret`): then the project's own computeSigV4 (sim/crypto/sigv4.ts) signs the
 * request as received with that secret, over its own SignedHeaders. The signing-key chain is not recorded (it
 * is derived from the secret), so it is shown only when the secret is at hand (`lookupSecret`).
 *
 * When the signature did not match, DynamoDB's error message quotes the canonical request and string to sign it
 * computed; they are read back from the recorded response (`expected`) and set beside the learner's own: the
 * client's signing details when given, otherwise the strings rebuilt from the request as the learner sent it.
 */

import {
  computeSigV4,
  deriveSigningKey,
  header,
  isJwt,
  parseMismatchMessage,
  parseUrl,
  readAwsError,
  SIGV4_ALGORITHM,
  withoutBearer,
  type SigningKeyChain,
  type SigV4Details,
  type TraceEntry
} from '../sim';
import { firstDifference, type LineDifference } from './first-difference';
import type { Mark, Row } from './types';

export interface SigV4InspectionOptions {
  /**
   * The secret the service holds for an access key id (`(id) => world.credentials.lookup(id)?.secretAccessKey`),
   * to show the signing-key chain derived from it. The signatures shown are the recorded ones either way.
   */
  lookupSecret?: (accessKeyId: string) => string | undefined;
  /** A different secret the learner tries: the request as received is signed again with it and compared. */
  trySecret?: string;
  /** What the client computed when it signed (signRequest's details), to compare canonical requests. */
  client?: SigV4Details;
}

export interface ParsedAuthorizationView {
  raw: string;
  algorithm: string;
  credential: {
    raw: string;
    accessKeyId: string;
    date: string;
    region: string;
    service: string;
    terminator: string;
  };
  signedHeaders: string[];
  signature: string;
  /** What is wrong with the header's shape, in words (empty when it is well formed). */
  problems: string[];
}

export interface LabelledLine {
  label: string;
  value: string;
  explanation: string;
}

export interface UnsignedRequestView {
  signed: false;
  /** Why there is no SigV4 to show: no Authorization, or a JWT in it. */
  reason: string;
  authorization?: string;
}

export interface SignedRequestView {
  signed: true;
  authorization: ParsedAuthorizationView;
  amzDate?: string;
  securityToken?: { length: number; explanation: string };
  /**
   * Where the working shown comes from: the service's record (`recorded`), a secret the learner tried
   * (`tried`), or nowhere (`none`: the service refused before it computed anything, so only the header is shown).
   */
  source: 'recorded' | 'tried' | 'none';
  /** The canonical request as the verifier rebuilt it, whole and line by line (absent for `none`). */
  canonicalRequest?: { text: string; lines: LabelledLine[]; hash: string };
  stringToSign?: { text: string; lines: LabelledLine[] };
  /** Whether the secret was at hand; without it there is no signing-key chain. */
  secretKnown: boolean;
  signingKey?: { chain: SigningKeyChain; steps: LabelledLine[] };
  provided: string;
  /** The signature the verifier computed (or the tried secret gives). */
  recomputed?: string;
  /** The recomputed signature equals the one the request carried. Absent when nothing was computed. */
  match?: boolean;
  /** ✓ / ✗ / — and one sentence. */
  verdict: { mark: Mark; text: string };
  /** The first line where the client's canonical request and the verifier's differ (when the client's is given). */
  canonicalDifference?: LineDifference;
  stringToSignDifference?: LineDifference;
  /** What the receiving service concluded, from its recorded check. */
  service?: { mark: Mark; detail?: string };
  /**
   * What DynamoDB says it expected: the canonical request and string to sign its mismatch message quotes, beside
   * the learner's own (`ownSource`: the client's signing details, or the request as sent), with the first line
   * where each pair differs (absent where they agree: then the strings were right and the secret was not).
   */
  expected?: {
    canonicalRequest: string;
    stringToSign: string;
    own: { canonicalRequest: string; stringToSign: string };
    ownSource: 'client' | 'request';
    canonicalDifference?: LineDifference;
    stringToSignDifference?: LineDifference;
  };
  rows: Row[];
}

export type SigV4Inspection = UnsignedRequestView | SignedRequestView;

/** Splits `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…` for display; never refuses. */
function parseAuthorization(raw: string): ParsedAuthorizationView {
  const space = raw.indexOf(' ');
  const algorithm = space === -1 ? raw : raw.slice(0, space);
  const fields = new Map<string, string>();
  const problems: string[] = [];
  for (const part of (space === -1 ? '' : raw.slice(space + 1)).split(/[\s,]+/)) {
    if (part === '') continue;
    const equals = part.indexOf('=');
    if (equals === -1) {
      problems.push(`"${part}" is not of the form name=value.`);
      continue;
    }
    const key = part.slice(0, equals);
    if (!fields.has(key)) fields.set(key, part.slice(equals + 1));
  }
  const credentialRaw = fields.get('Credential') ?? '';
  const parts = credentialRaw.split('/');
  if (credentialRaw === '') problems.push('No Credential field.');
  else if (parts.length !== 5) {
    problems.push('Credential must be access-key-id/date/region/service/aws4_request.');
  }
  const [accessKeyId = '', date = '', region = '', service = '', terminator = ''] = parts;
  const signedHeadersRaw = fields.get('SignedHeaders') ?? '';
  if (signedHeadersRaw === '') problems.push('No SignedHeaders field.');
  const signature = fields.get('Signature') ?? '';
  if (signature === '') problems.push('No Signature field.');
  else if (!/^[0-9a-f]{64}$/.test(signature)) problems.push('The signature is not 64 lower-case hex digits.');
  return {
    raw,
    algorithm,
    credential: { raw: credentialRaw, accessKeyId, date, region, service, terminator },
    signedHeaders:
      signedHeadersRaw === '' ? [] : signedHeadersRaw.split(';').map((name) => name.toLowerCase()),
    signature,
    problems
  };
}

/** The parts of a canonical request: method, URI, query, header lines, a blank line, signed headers, payload hash. */
function canonicalParts(text: string) {
  const lines = text.split('\n');
  return {
    method: lines[0] ?? '',
    uri: lines[1] ?? '',
    query: lines[2] ?? '',
    headers: lines
      .slice(3, -3)
      .map((line) => `${line}\n`)
      .join(''),
    signedHeaders: lines.at(-2) ?? '',
    payloadHash: lines.at(-1) ?? ''
  };
}

function canonicalLines(canonicalRequest: string): LabelledLine[] {
  const parts = canonicalParts(canonicalRequest);
  return [
    { label: 'HTTP method', value: parts.method, explanation: 'The method, as sent.' },
    {
      label: 'Canonical URI',
      value: parts.uri,
      explanation: 'The path, URI-encoded; "/" for the JSON-protocol services.'
    },
    {
      label: 'Canonical query string',
      value: parts.query,
      explanation: 'Query parameters sorted by name and encoded; empty for a POST with a JSON body.'
    },
    {
      label: 'Canonical headers',
      value: parts.headers,
      explanation:
        'Every signed header as lower-case name:trimmed value, sorted, one per line (then a blank line).'
    },
    {
      label: 'Signed headers',
      value: parts.signedHeaders,
      explanation:
        'Which headers the signature covers. Changing any of them (or the host) in transit breaks the signature.'
    },
    {
      label: 'Payload hash',
      value: parts.payloadHash,
      explanation: 'Hex SHA-256 of the body: the body is signed too, through its hash.'
    }
  ];
}

function stringToSignLines(stringToSign: string): LabelledLine[] {
  const [algorithm = '', amzDate = '', scope = '', hash = ''] = stringToSign.split('\n');
  return [
    { label: 'Algorithm', value: algorithm, explanation: 'HMAC-SHA256, Signature Version 4.' },
    { label: 'Request date', value: amzDate, explanation: 'X-Amz-Date, the moment of signing.' },
    {
      label: 'Credential scope',
      value: scope,
      explanation:
        'date/region/service/aws4_request: the signature is only good for this day, region and service.'
    },
    {
      label: 'Hash of the canonical request',
      value: hash,
      explanation: 'Hex SHA-256 of the canonical request above.'
    }
  ];
}

function keySteps(chain: SigningKeyChain, scope: string, signature: string): LabelledLine[] {
  const [date = '', region = '', service = ''] = scope.split('/');
  return [
    { label: 'kDate', value: chain.kDate, explanation: `HMAC-SHA256("AWS4" + secret, "${date}")` },
    { label: 'kRegion', value: chain.kRegion, explanation: `HMAC-SHA256(kDate, "${region}")` },
    { label: 'kService', value: chain.kService, explanation: `HMAC-SHA256(kRegion, "${service}")` },
    {
      label: 'kSigning',
      value: chain.kSigning,
      explanation:
        'HMAC-SHA256(kService, "aws4_request"): the key that signs, good for this day, region and service only.'
    },
    { label: 'Signature', value: signature, explanation: 'Hex HMAC-SHA256(kSigning, string to sign).' }
  ];
}

/** The request's signed headers as raw pairs, with the URL's host standing in for an absent Host header. */
function signedPairs(entry: TraceEntry, names: readonly string[], url: URL): [string, string][] {
  const pairs: [string, string][] = [];
  for (const name of names) {
    const value =
      name === 'host'
        ? (header(entry.request.headers, 'host') ?? url.host)
        : header(entry.request.headers, name);
    if (value !== undefined) pairs.push([name, value]);
  }
  return pairs;
}

/** The SigV4 working a view shows, and where it came from. */
interface Working {
  source: SignedRequestView['source'];
  canonicalRequest?: string;
  stringToSign?: string;
  scope: string;
  provided: string;
  computed?: string;
  match?: boolean;
  chain?: SigningKeyChain;
}

/** The request as received, signed again with a secret the learner tries: the only computation made here. */
async function tried(
  entry: TraceEntry,
  parsed: ParsedAuthorizationView,
  names: string[],
  url: URL,
  secret: string
): Promise<Working> {
  const details = await computeSigV4(
    {
      method: entry.request.method,
      path: url.pathname,
      query: url.search.slice(1),
      headers: signedPairs(entry, names, url),
      body: entry.request.body
    },
    {
      accessKeyId: parsed.credential.accessKeyId,
      secretAccessKey: secret,
      region: parsed.credential.region,
      service: parsed.credential.service,
      amzDate: header(entry.request.headers, 'x-amz-date') ?? '',
      signedHeaders: names
    }
  );
  return {
    source: 'tried',
    canonicalRequest: details.canonicalRequest,
    stringToSign: details.stringToSign,
    scope: details.scope,
    provided: parsed.signature,
    computed: details.signature,
    match: details.signature === parsed.signature,
    chain: details.signingKey
  };
}

/** The service's recorded working, with the signing-key chain derived when the secret is at hand. */
async function recorded(
  record: NonNullable<TraceEntry['sigv4']>,
  secret: string | undefined
): Promise<Working> {
  const [date = '', region = '', service = ''] = record.credentialScope.split('/');
  const chain =
    secret === undefined ? undefined : (await deriveSigningKey(secret, date, region, service)).chain;
  return {
    source: 'recorded',
    canonicalRequest: record.canonicalRequest,
    stringToSign: record.stringToSign,
    scope: record.credentialScope,
    provided: record.provided,
    computed: record.computed,
    match: record.match,
    ...(chain === undefined ? {} : { chain })
  };
}

async function workingOf(
  entry: TraceEntry,
  parsed: ParsedAuthorizationView,
  names: string[],
  url: URL,
  options: SigV4InspectionOptions
): Promise<Working> {
  if (options.trySecret !== undefined) return tried(entry, parsed, names, url, options.trySecret);
  if (entry.sigv4 !== undefined)
    return recorded(entry.sigv4, options.lookupSecret?.(parsed.credential.accessKeyId));
  const { date, region, service, terminator } = parsed.credential;
  return { source: 'none', scope: [date, region, service, terminator].join('/'), provided: parsed.signature };
}

function verdictOf(working: Working, serviceOk: boolean | undefined): SignedRequestView['verdict'] {
  switch (working.source) {
    case 'none':
      return {
        mark: 'not-checked',
        text:
          serviceOk === false
            ? 'The service refused this request before it computed a signature (see what it concluded below), so there is no working to show.'
            : 'The receiving service recorded no SigV4 working for this request.'
      };
    case 'tried':
      return working.match
        ? {
            mark: 'pass',
            text: 'With the secret tried here, the signature matches: the request was signed with this secret and arrived unchanged.'
          }
        : {
            mark: 'fail',
            text: 'With the secret tried here, the signature differs: the request was signed with another secret, or something signed was changed in transit.'
          };
    case 'recorded':
      return working.match
        ? {
            mark: 'pass',
            text: 'The service’s recomputed signature matches: the request was signed with the secret it holds for this key and arrived unchanged.'
          }
        : {
            mark: 'fail',
            text: 'The service’s recomputed signature differs: something signed was changed in transit, or the request was signed with another secret (or another canonical request).'
          };
  }
}

/**
 * SigV4 of a request as the receiving service verified it (or as a tried secret would sign it). For a request
 * that is not SigV4-signed (no Authorization, or a JWT in it) it says why there is nothing to show.
 */
export async function inspectSigV4(
  entry: TraceEntry,
  options: SigV4InspectionOptions = {}
): Promise<SigV4Inspection> {
  const authorization = header(entry.request.headers, 'authorization');
  if (authorization === undefined) {
    return {
      signed: false,
      reason:
        'The request has no Authorization header: it is not signed. Cognito’s SignUp, InitiateAuth, GetId and GetCredentialsForIdentity are called unsigned; AWS service APIs such as DynamoDB refuse such requests.'
    };
  }
  if (!authorization.startsWith(SIGV4_ALGORITHM)) {
    const jwt = isJwt(withoutBearer(authorization));
    return {
      signed: false,
      authorization,
      reason: jwt
        ? 'The Authorization header holds a JWT, not a SigV4 signature. A user-pool token proves who signed in to the app; AWS APIs only accept requests signed with AWS credentials (AWS4-HMAC-SHA256).'
        : 'The Authorization header is not a SigV4 signature (it does not start with AWS4-HMAC-SHA256).'
    };
  }

  const parsed = parseAuthorization(authorization);
  const url = parseUrl(entry.request.url);
  const amzDate = header(entry.request.headers, 'x-amz-date');
  const token = header(entry.request.headers, 'x-amz-security-token');
  const names = parsed.signedHeaders.length > 0 ? parsed.signedHeaders : ['host'];
  const absent = names.filter((name) => name !== 'host' && header(entry.request.headers, name) === undefined);
  const problems = [
    ...parsed.problems,
    ...absent.map((name) => `SignedHeaders lists "${name}", but the request has no such header.`)
  ];
  if (url === undefined) problems.push('The request URL does not parse.');
  const safeUrl = url ?? new URL('https://invalid.invalid/');

  const working = await workingOf(entry, parsed, names, safeUrl, options);
  const serviceCheck = entry.checks.find((check) => check.id === 'sigv4.signature');
  const canonicalDifference =
    options.client === undefined || working.canonicalRequest === undefined
      ? undefined
      : firstDifference(options.client.canonicalRequest, working.canonicalRequest);
  const stringToSignDifference =
    options.client === undefined || working.stringToSign === undefined
      ? undefined
      : firstDifference(options.client.stringToSign, working.stringToSign);

  const expected = expectedOf(entry, options.client, working);

  const view: SignedRequestView = {
    signed: true,
    authorization: { ...parsed, problems },
    ...(amzDate === undefined ? {} : { amzDate }),
    ...(token === undefined
      ? {}
      : {
          securityToken: {
            length: token.length,
            explanation:
              'Temporary credentials: the session token is sent as X-Amz-Security-Token and, being a signed header, is covered by the signature.'
          }
        }),
    source: working.source,
    ...(working.canonicalRequest === undefined
      ? {}
      : {
          canonicalRequest: {
            text: working.canonicalRequest,
            lines: canonicalLines(working.canonicalRequest),
            hash: stringToSignLines(working.stringToSign ?? '')[3]?.value ?? ''
          }
        }),
    ...(working.stringToSign === undefined
      ? {}
      : { stringToSign: { text: working.stringToSign, lines: stringToSignLines(working.stringToSign) } }),
    secretKnown: working.chain !== undefined,
    ...(working.chain === undefined || working.computed === undefined
      ? {}
      : {
          signingKey: {
            chain: working.chain,
            steps: keySteps(working.chain, working.scope, working.computed)
          }
        }),
    provided: working.provided,
    ...(working.computed === undefined ? {} : { recomputed: working.computed }),
    ...(working.match === undefined ? {} : { match: working.match }),
    verdict: verdictOf(working, serviceCheck?.ok),
    ...(canonicalDifference === undefined ? {} : { canonicalDifference }),
    ...(stringToSignDifference === undefined ? {} : { stringToSignDifference }),
    ...(serviceCheck === undefined
      ? {}
      : {
          service: {
            mark: serviceCheck.ok ? 'pass' : 'fail',
            ...(serviceCheck.detail === undefined ? {} : { detail: serviceCheck.detail })
          }
        }),
    ...(expected === undefined ? {} : { expected }),
    rows: []
  };
  view.rows = rowsOf(view);
  return view;
}

/** The strings a recorded mismatch message quotes, beside the learner's own. Undefined for any other answer. */
function expectedOf(
  entry: TraceEntry,
  client: SigV4Details | undefined,
  working: Working
): SignedRequestView['expected'] {
  const message = readAwsError(entry.response)?.message;
  const quoted = message === undefined ? undefined : parseMismatchMessage(message);
  if (quoted === undefined) return undefined;
  const own =
    client !== undefined
      ? { canonicalRequest: client.canonicalRequest, stringToSign: client.stringToSign }
      : working.canonicalRequest !== undefined && working.stringToSign !== undefined
        ? { canonicalRequest: working.canonicalRequest, stringToSign: working.stringToSign }
        : undefined;
  if (own === undefined) return undefined;
  const canonicalDifference = firstDifference(own.canonicalRequest, quoted.canonicalRequest);
  const stringToSignDifference = firstDifference(own.stringToSign, quoted.stringToSign);
  return {
    ...quoted,
    own,
    ownSource: client !== undefined ? 'client' : 'request',
    ...(canonicalDifference === undefined ? {} : { canonicalDifference }),
    ...(stringToSignDifference === undefined ? {} : { stringToSignDifference })
  };
}

function rowsOf(view: SignedRequestView): Row[] {
  const credential = view.authorization.credential;
  const rows: Row[] = [
    {
      label: 'Access key id',
      value: credential.accessKeyId,
      explanation: credential.accessKeyId.startsWith('ASIA')
        ? 'ASIA…: temporary credentials, from the identity pool via STS.'
        : 'Which credentials signed. The secret itself is never sent.'
    },
    {
      label: 'Scope date',
      value: credential.date,
      explanation: 'The day (UTC) the signing key is derived for.'
    },
    { label: 'Region', value: credential.region, explanation: 'The region the signing key is derived for.' },
    {
      label: 'Service',
      value: credential.service,
      explanation: 'The service the signing key is derived for.'
    },
    {
      label: 'Signed headers',
      value: view.authorization.signedHeaders.join(';'),
      explanation: 'The headers the signature covers.'
    },
    { label: 'Signature (provided)', value: view.provided, explanation: 'What the request carried.' }
  ];
  if (view.recomputed !== undefined) {
    rows.push({
      label: 'Signature (recomputed)',
      value: view.recomputed,
      explanation:
        view.source === 'tried'
          ? 'What the secret tried here gives for the same request.'
          : 'What the verifier computed with its own copy of the secret.',
      mark: view.match ? 'pass' : 'fail'
    });
  }
  return rows;
}
