// inspectSigV4: a signed request's SigV4 taken apart and recomputed step by step, beside the signature it carried.

/*
 * The recomputation is the project's own computeSigV4 (sim/crypto/sigv4.ts), over the request's own
 * SignedHeaders, exactly as the simulated DynamoDB's verifySigV4 does. The canonical request and the string to
 * sign do not depend on the secret, so they are shown even when the secret is unknown; the signing-key chain
 * and the signature need it (`lookupSecret`, usually the world's credential store).
 */

import { computeSigV4, SIGV4_ALGORITHM, type SigningKeyChain, type SigV4Details } from '../sim/crypto/sigv4';
import { header, isJwt, parseUrl, withoutBearer, type TraceEntry } from '../sim';
import { firstDifference, type LineDifference } from './first-difference';
import type { Mark, Row } from './types';

export interface SigV4InspectionOptions {
  /** The secret for an access key id (`(id) => world.credentials.lookup(id)?.secretAccessKey`). */
  lookupSecret?: (accessKeyId: string) => string | undefined;
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
  /** The canonical request as the verifier rebuilds it, whole and line by line. */
  canonicalRequest: { text: string; lines: LabelledLine[]; hash: string };
  stringToSign: { text: string; lines: LabelledLine[] };
  /** Whether the inspector had the secret; without it there is no key chain, signature or match. */
  secretKnown: boolean;
  signingKey?: { chain: SigningKeyChain; steps: LabelledLine[] };
  provided: string;
  recomputed?: string;
  /** The recomputed signature equals the one the request carried. Absent without the secret. */
  match?: boolean;
  /** ✓ / ✗ / — and one sentence. */
  verdict: { mark: Mark; text: string };
  /** The first line where the client's canonical request and the verifier's differ (when the client's is given). */
  canonicalDifference?: LineDifference;
  stringToSignDifference?: LineDifference;
  /** What the receiving service concluded, from its recorded check. */
  service?: { mark: Mark; detail?: string };
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

function canonicalLines(details: SigV4Details): LabelledLine[] {
  return [
    {
      label: 'HTTP method',
      value: details.canonicalRequest.split('\n')[0] ?? '',
      explanation: 'The method, as sent.'
    },
    {
      label: 'Canonical URI',
      value: details.canonicalUri,
      explanation: 'The path, URI-encoded; "/" for the JSON-protocol services.'
    },
    {
      label: 'Canonical query string',
      value: details.canonicalQuery,
      explanation: 'Query parameters sorted by name and encoded; empty for a POST with a JSON body.'
    },
    {
      label: 'Canonical headers',
      value: details.canonicalHeaders,
      explanation:
        'Every signed header as lower-case name:trimmed value, sorted, one per line (then a blank line).'
    },
    {
      label: 'Signed headers',
      value: details.signedHeaders,
      explanation:
        'Which headers the signature covers. Changing any of them (or the host) in transit breaks the signature.'
    },
    {
      label: 'Payload hash',
      value: details.payloadHash,
      explanation: 'Hex SHA-256 of the body: the body is signed too, through its hash.'
    }
  ];
}

function stringToSignLines(details: SigV4Details): LabelledLine[] {
  return [
    { label: 'Algorithm', value: SIGV4_ALGORITHM, explanation: 'HMAC-SHA256, Signature Version 4.' },
    { label: 'Request date', value: details.amzDate, explanation: 'X-Amz-Date, the moment of signing.' },
    {
      label: 'Credential scope',
      value: details.scope,
      explanation:
        'date/region/service/aws4_request: the signature is only good for this day, region and service.'
    },
    {
      label: 'Hash of the canonical request',
      value: details.canonicalRequestHash,
      explanation: 'Hex SHA-256 of the canonical request above.'
    }
  ];
}

function keySteps(details: SigV4Details): LabelledLine[] {
  const [date = '', region = '', service = ''] = details.scope.split('/');
  return [
    {
      label: 'kDate',
      value: details.signingKey.kDate,
      explanation: `HMAC-SHA256("AWS4" + secret, "${date}")`
    },
    { label: 'kRegion', value: details.signingKey.kRegion, explanation: `HMAC-SHA256(kDate, "${region}")` },
    {
      label: 'kService',
      value: details.signingKey.kService,
      explanation: `HMAC-SHA256(kRegion, "${service}")`
    },
    {
      label: 'kSigning',
      value: details.signingKey.kSigning,
      explanation:
        'HMAC-SHA256(kService, "aws4_request"): the key that signs, good for this day, region and service only.'
    },
    {
      label: 'Signature',
      value: details.signature,
      explanation: 'Hex HMAC-SHA256(kSigning, string to sign).'
    }
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

/**
 * SigV4 of a request, recomputed over its own SignedHeaders. For a request that is not SigV4-signed (no
 * Authorization, or a JWT in it) it says why there is nothing to recompute.
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

  const secret = options.lookupSecret?.(parsed.credential.accessKeyId);
  const details = await computeSigV4(
    {
      method: entry.request.method,
      path: safeUrl.pathname,
      query: safeUrl.search.slice(1),
      headers: signedPairs(entry, names, safeUrl),
      body: entry.request.body
    },
    {
      accessKeyId: parsed.credential.accessKeyId,
      // Without the secret only the secret-free steps (canonical request, string to sign) are shown.
      secretAccessKey: secret ?? '',
      region: parsed.credential.region,
      service: parsed.credential.service,
      amzDate: amzDate ?? '',
      signedHeaders: names
    }
  );

  const secretKnown = secret !== undefined;
  const match = secretKnown ? details.signature === parsed.signature : undefined;
  const serviceCheck = entry.checks.find((check) => check.id === 'sigv4.signature');
  const verdict: SignedRequestView['verdict'] = !secretKnown
    ? {
        mark: 'not-checked',
        text: `The secret for ${parsed.credential.accessKeyId || 'this access key'} is not known here, so the signature cannot be recomputed.`
      }
    : match
      ? {
          mark: 'pass',
          text: 'The recomputed signature matches: the request was signed with this secret and arrived unchanged.'
        }
      : {
          mark: 'fail',
          text: 'The recomputed signature differs: something signed was changed in transit, or the request was signed with another secret (or another canonical request).'
        };

  const canonicalDifference =
    options.client === undefined
      ? undefined
      : firstDifference(options.client.canonicalRequest, details.canonicalRequest);
  const stringToSignDifference =
    options.client === undefined
      ? undefined
      : firstDifference(options.client.stringToSign, details.stringToSign);

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
    canonicalRequest: {
      text: details.canonicalRequest,
      lines: canonicalLines(details),
      hash: details.canonicalRequestHash
    },
    stringToSign: { text: details.stringToSign, lines: stringToSignLines(details) },
    secretKnown,
    ...(secretKnown ? { signingKey: { chain: details.signingKey, steps: keySteps(details) } } : {}),
    provided: parsed.signature,
    ...(secretKnown ? { recomputed: details.signature } : {}),
    ...(match === undefined ? {} : { match }),
    verdict,
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
    rows: []
  };
  view.rows = rowsOf(view);
  return view;
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
      explanation: 'What the verifier computes with its own copy of the secret.',
      mark: view.match ? 'pass' : 'fail'
    });
  }
  return rows;
}
