// The simulated exchanges as an HTTP Archive (HAR 1.2), which Chromium's DevTools and HAR viewers open: one entry
// per exchange, timed by the simulated clock, with secrets masked unless the learner asks for them.
//
// Field list: "HTTP Archive (HAR) format, version 1.2", Jan Odvarko,
// http://www.softwareishard.com/blog/har-12-spec/ (also the W3C Web Performance WG's draft of it,
// https://w3c.github.io/web-performance/specs/HAR/Overview.html).

import {
  carriedValue,
  decodeXmlEntities,
  formFields,
  header,
  isRecord,
  parseJson,
  parseUrl,
  type TraceEntry,
  type WireRequest,
  type WireResponse
} from '../sim';

export interface HarNameValue {
  name: string;
  value: string;
}

export interface HarRequest {
  method: string;
  url: string;
  httpVersion: string;
  cookies: HarNameValue[];
  headers: HarNameValue[];
  queryString: HarNameValue[];
  postData?: { mimeType: string; text: string };
  headersSize: number;
  bodySize: number;
}

export interface HarResponse {
  status: number;
  statusText: string;
  httpVersion: string;
  cookies: HarNameValue[];
  headers: HarNameValue[];
  content: { size: number; mimeType: string; text: string };
  redirectURL: string;
  headersSize: number;
  bodySize: number;
}

export interface HarEntry {
  pageref?: string;
  startedDateTime: string;
  time: number;
  request: HarRequest;
  response: HarResponse;
  cache: Record<string, never>;
  timings: {
    blocked: number;
    dns: number;
    connect: number;
    send: number;
    wait: number;
    receive: number;
    ssl: number;
  };
  comment: string;
  /** Custom fields (HAR allows names starting with `_`): who sent it to whom, and the wire operation. */
  _from: string;
  _to: string;
  _operation: string;
  _outcome: 'ok' | 'refused';
}

export interface Har {
  log: {
    version: '1.2';
    creator: { name: string; version: string };
    pages: {
      startedDateTime: string;
      id: string;
      title: string;
      pageTimings: { onContentLoad: number; onLoad: number };
    }[];
    entries: HarEntry[];
    comment: string;
  };
}

export interface HarInput {
  entries: readonly TraceEntry[];
  /** The page's title in the archive: the figure's name, or "Sandbox". */
  title: string;
  /** Show passwords, secret keys, session and refresh tokens and signatures as they went over the wire. */
  includeSecrets?: boolean;
  creator?: { name: string; version: string };
}

/** What replaces a secret's value. */
export const MASK = '[masked]';

/**
 * Members (of a JSON body, a form body or an XML body) whose value is a secret: passwords, the SRP proof of the
 * password, refresh tokens, the secret half of AWS credentials and the session token. ID and access tokens are
 * not masked: they are what the lessons inspect, and they expire within the hour.
 */
export const SECRET_MEMBERS: ReadonlySet<string> = new Set([
  'Password',
  'PreviousPassword',
  'ProposedPassword',
  'PASSWORD',
  'NEW_PASSWORD',
  'PASSWORD_CLAIM_SIGNATURE',
  'RefreshToken',
  'REFRESH_TOKEN',
  'SecretKey',
  'SecretAccessKey',
  'SessionToken'
]);

/** The kinds of carried thing whose recorded value is itself a secret. */
const SECRET_CARRIES = new Set(['password', 'srp-proof', 'refresh-token']);

/** Query parameters and headers that are secrets or carry one (a presigned URL's signature, the session token). */
const SECRET_PARAMETERS = new Set(['x-amz-signature', 'x-amz-security-token']);

/** RFC 9110's reason phrases for the statuses the simulated services answer with. */
const STATUS_TEXT: Readonly<Record<number, string>> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  304: 'Not Modified',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout'
};

export function statusText(status: number): string {
  return STATUS_TEXT[status] ?? '';
}

function collectJson(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) collectJson(item, into);
    return;
  }
  if (!isRecord(value)) return;
  for (const [name, member] of Object.entries(value)) {
    if (SECRET_MEMBERS.has(name) && typeof member === 'string') into.add(member);
    else collectJson(member, into);
  }
}

function collectMessage(message: WireRequest | WireResponse, into: Set<string>): void {
  const parsed = parseJson(message.body);
  if (parsed.ok) collectJson(parsed.value, into);
  for (const [name, value] of formFields(message) ?? []) {
    if (SECRET_MEMBERS.has(name)) into.add(value);
  }
  for (const match of message.body.matchAll(/<(\w+)>([^<]*)<\/\1>/g)) {
    if (SECRET_MEMBERS.has(match[1] ?? '')) into.add(decodeXmlEntities(match[2] ?? ''));
  }
  for (const [name, value] of Object.entries(message.headers)) {
    if (SECRET_PARAMETERS.has(name.toLowerCase())) into.add(value);
  }
  // SigV4's signature: `Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=<hex>`.
  const signature = /Signature=([0-9a-f]+)/i.exec(header(message.headers, 'authorization') ?? '')?.[1];
  if (signature) into.add(signature);
}

/** Every secret value in a trace, read from the members that hold them and from what the trace says was carried. */
export function secretsOf(entries: readonly TraceEntry[]): Set<string> {
  const found = new Set<string>();
  for (const entry of entries) {
    collectMessage(entry.request, found);
    collectMessage(entry.response, found);
    for (const [name, value] of parseUrl(entry.request.url)?.searchParams ?? []) {
      if (SECRET_PARAMETERS.has(name.toLowerCase())) found.add(value);
    }
    for (const carry of entry.carries) {
      if (!SECRET_CARRIES.has(carry.kind)) continue;
      const message = carry.in === 'request' ? entry.request : entry.response;
      const value = carriedValue(message, carry.where);
      if (value !== undefined) found.add(value);
    }
  }
  // Short values (an empty password) would mask unrelated text.
  return new Set([...found].filter((value) => value.length >= 4));
}

/** Replaces every secret (as written, and percent-encoded as in a URL or a form) with `MASK`. */
export function maskText(text: string, secrets: readonly string[]): string {
  let masked = text;
  for (const secret of secrets) {
    masked = masked.split(secret).join(MASK);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) masked = masked.split(encoded).join(encodeURIComponent(MASK));
  }
  return masked;
}

/** UTF-8 length of a string, without TextEncoder (the pure core stays free of host globals). */
export function utf8Length(text: string): number {
  let length = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    length += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return length;
}

const nameValues = (record: Record<string, string>, mask: (text: string) => string): HarNameValue[] =>
  Object.entries(record).map(([name, value]) => ({ name, value: mask(value) }));

function mimeTypeOf(headers: Record<string, string>, body: string): string {
  return header(headers, 'content-type') ?? (body === '' ? '' : 'application/octet-stream');
}

function harEntry(entry: TraceEntry, mask: (text: string) => string, pageref: string): HarEntry {
  const { request, response } = entry;
  const url = parseUrl(request.url);
  const requestBody = mask(request.body);
  const responseBody = mask(response.body);
  const location = header(response.headers, 'location');
  const refused = entry.outcome === 'refused';
  return {
    pageref,
    startedDateTime: new Date(entry.at).toISOString(),
    // The simulated services answer at once: the clock does not move while a request is handled.
    time: 0,
    request: {
      method: request.method,
      url: mask(request.url),
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: nameValues(request.headers, mask),
      queryString: [...(url?.searchParams ?? [])].map(([name, value]) => ({ name, value: mask(value) })),
      ...(request.body === ''
        ? {}
        : { postData: { mimeType: mimeTypeOf(request.headers, request.body), text: requestBody } }),
      headersSize: -1,
      bodySize: utf8Length(requestBody)
    },
    response: {
      status: response.status,
      statusText: statusText(response.status),
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: nameValues(response.headers, mask),
      content: {
        size: utf8Length(responseBody),
        mimeType: mimeTypeOf(response.headers, response.body),
        text: responseBody
      },
      redirectURL: location === undefined ? '' : mask(location),
      headersSize: -1,
      bodySize: utf8Length(responseBody)
    },
    cache: {},
    timings: { blocked: -1, dns: -1, connect: -1, send: 0, wait: 0, receive: 0, ssl: -1 },
    comment: `${entry.from} → ${entry.to}: ${entry.operation}${refused ? ` (refused${entry.reason ? `: ${entry.reason}` : ''})` : ''}`,
    _from: entry.from,
    _to: entry.to,
    _operation: entry.operation,
    _outcome: entry.outcome
  };
}

/** The archive for a trace. */
export function toHar(input: HarInput): Har {
  const secrets = input.includeSecrets
    ? []
    : // Longest first, so a secret that contains another is masked whole.
      [...secretsOf(input.entries)].sort((a, b) => b.length - a.length);
  const mask = (text: string) => (secrets.length === 0 ? text : maskText(text, secrets));
  const first = input.entries[0];
  const pageId = 'page_1';
  return {
    log: {
      version: '1.2',
      creator: input.creator ?? { name: 'Two Pools', version: '0.1.0' },
      pages: [
        {
          startedDateTime: new Date(first?.at ?? 0).toISOString(),
          id: pageId,
          title: input.title,
          pageTimings: { onContentLoad: -1, onLoad: -1 }
        }
      ],
      entries: input.entries.map((entry) => harEntry(entry, mask, pageId)),
      comment: input.includeSecrets
        ? 'Simulated exchanges (Two Pools), secrets included. Nothing here went over a network.'
        : `Simulated exchanges (Two Pools); passwords, SRP proofs, refresh tokens, secret keys, session tokens and signatures are shown as ${MASK}. Nothing here went over a network.`
    }
  };
}
