// Reading HTTP messages as they went over the wire: headers, JSON / XML / form bodies, AWS error envelopes, JWTs.

import { base64url } from 'jose';

/** A message as recorded: what `world.fetch` stores on a trace entry, or a hand-made one. */
export interface WireMessage {
  headers: Record<string, string>;
  body: string;
}

export interface WireRequestLike extends WireMessage {
  method: string;
  url: string;
}

export interface WireResponseLike extends WireMessage {
  status: number;
}

// ---- Headers and URLs ------------------------------------------------------------------------------

/** Header lookup that ignores case: recorded headers are lower-case, hand-made ones may not be. */
export function header(headers: Record<string, string> | Headers, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

/** Headers as a plain record with lower-case names, the way a trace entry keeps them. */
export function headerRecord(headers: Headers): Record<string, string> {
  const record: Record<string, string> = {};
  headers.forEach((value, name) => {
    record[name] = value;
  });
  return record;
}

/** A URL, or undefined when the text does not parse as one. */
export function parseUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

// ---- JSON bodies ---------------------------------------------------------------------------------

export type JsonObject = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value of a JSON text, or `{ ok: false }` when it is not JSON. Never throws. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** A JSON object body, or undefined for anything else (an array, a string, not JSON at all). */
export function parseJsonObject(text: string): JsonObject | undefined {
  if (!text.trimStart().startsWith('{')) return undefined;
  const parsed = parseJson(text);
  return parsed.ok && isRecord(parsed.value) ? parsed.value : undefined;
}

/** An own property, read without touching the prototype (a member called `__proto__` is just a name). */
export function own(object: unknown, name: string): unknown {
  return isRecord(object) && Object.hasOwn(object, name) ? object[name] : undefined;
}

export function ownString(object: unknown, name: string): string | undefined {
  const value = own(object, name);
  return typeof value === 'string' ? value : undefined;
}

// ---- Form bodies (the AWS query protocol) --------------------------------------------------------

export function isFormBody(headers: Record<string, string> | Headers): boolean {
  return (header(headers, 'content-type') ?? '').startsWith('application/x-www-form-urlencoded');
}

/** The fields of an `application/x-www-form-urlencoded` body, or undefined when the body is not a form. */
export function formFields(message: WireMessage): URLSearchParams | undefined {
  return isFormBody(message.headers) ? new URLSearchParams(message.body) : undefined;
}

/**
 * The query protocol's parameters as AWS reads them: a POST's form body, with the URL's query filling in
 * names the body does not give (the body wins for a name given twice); any other method's URL query.
 */
export function queryParameters(request: Omit<WireRequestLike, 'headers'>): URLSearchParams {
  const url = parseUrl(request.url);
  if (request.method !== 'POST') return new URLSearchParams(url?.search);
  const params = new URLSearchParams(request.body);
  for (const [name, value] of url?.searchParams ?? []) if (!params.has(name)) params.set(name, value);
  return params;
}

// ---- XML bodies (the small documents STS writes) -------------------------------------------------

const ENTITIES: Readonly<Record<string, string>> = {
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&apos;': "'",
  '&amp;': '&'
};

export function decodeXmlEntities(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp);/g, (entity) => ENTITIES[entity] ?? entity);
}

/**
 * The text of the first `<name>` element, entities decoded. Enough for the small documents STS writes;
 * not a general XML parser (none is needed to read `<AccessKeyId>` back).
 */
export function xmlElementText(xml: string, name: string): string | undefined {
  const match = new RegExp(`<${name}(?:\\s[^>]*)?>([^<]*)</${name}>`).exec(xml);
  return match ? decodeXmlEntities(match[1] ?? '') : undefined;
}

export function looksLikeXml(text: string): boolean {
  return /^\s*<[?a-zA-Z]/.test(text);
}

// ---- AWS error envelopes -------------------------------------------------------------------------

/** Which of AWS's error shapes a refusal came in. */
export type ErrorProtocol = 'aws-json' | 'api-gateway' | 'query-xml';

/** An AWS error envelope read back: the code and message a client SDK would raise. */
export interface AwsError {
  protocol: ErrorProtocol;
  /** The bare code (`ResourceNotFoundException`); absent only when an API Gateway answer names none. */
  code?: string;
  /** The error's text, empty when the envelope has none. */
  message: string;
  /** The query protocol's `<Type>`: `Sender` (the caller's fault) or `Receiver`. */
  type?: string;
  /** The query protocol's `<RequestId>` in the body. */
  requestId?: string;
}

/**
 * `com.amazonaws.dynamodb.v20120810#ResourceNotFoundException` → `ResourceNotFoundException`; an
 * `x-amzn-ErrorType` header may add `:` and a URL after the code, which is dropped too.
 */
export function bareErrorCode(type: string): string {
  return type.slice(type.lastIndexOf('#') + 1).replace(/:.*$/, '');
}

function jsonError(body: JsonObject, headers: Record<string, string>): AwsError | undefined {
  const text = Object.hasOwn(body, 'message') ? own(body, 'message') : own(body, 'Message');
  const message = typeof text === 'string' ? text : undefined;
  const type = ownString(body, '__type');
  if (type !== undefined) return { protocol: 'aws-json', code: bareErrorCode(type), message: message ?? '' };
  // API Gateway answers `{"message": …}` and names the error only in x-amzn-ErrorType.
  if (message === undefined) return undefined;
  const errorType = header(headers, 'x-amzn-errortype');
  return {
    protocol: 'api-gateway',
    ...(errorType === undefined ? {} : { code: bareErrorCode(errorType) }),
    message
  };
}

function xmlError(body: string): AwsError | undefined {
  if (!looksLikeXml(body) || !/<Error[\s>]/.test(body)) return undefined;
  const code = xmlElementText(body, 'Code');
  const type = xmlElementText(body, 'Type');
  const requestId = xmlElementText(body, 'RequestId');
  return {
    protocol: 'query-xml',
    ...(code === undefined ? {} : { code }),
    message: xmlElementText(body, 'Message') ?? '',
    ...(type === undefined ? {} : { type }),
    ...(requestId === undefined ? {} : { requestId })
  };
}

/**
 * The error a refusal carries, in whichever of AWS's three envelopes it came: the JSON protocol
 * (`{"__type", "message"}`, code also in `x-amzn-ErrorType`), API Gateway's `{"message"}`, or the query
 * protocol's `<ErrorResponse><Error><Code>…<Message>…`. Undefined for a success or a body in none of them.
 */
export function readAwsError(response: WireResponseLike): AwsError | undefined {
  if (response.status < 400) return undefined;
  const json = parseJsonObject(response.body);
  if (json !== undefined) return jsonError(json, response.headers);
  return xmlError(response.body);
}

// ---- JWTs ----------------------------------------------------------------------------------------

const BASE64URL = /^[A-Za-z0-9_-]*$/;
/** Recognising a JWT never decodes a header longer than this (a whole token is refused over 8 KiB). */
const MAX_HEADER_SEGMENT = 8 * 1024;
const utf8 = new TextDecoder('utf-8', { fatal: true });

function isBase64urlSegment(segment: string): boolean {
  return BASE64URL.test(segment) && segment.length % 4 !== 1;
}

/** `Bearer eyJ…` → `eyJ…`; anything else unchanged. */
export function withoutBearer(value: string): string {
  return value.replace(/^Bearer\s+/i, '');
}

/**
 * Whether a value is a compact JWS: three base64url parts whose first decodes to a JSON object naming an
 * `alg`. Claims and signature are not looked at, so a tampered token is still recognised as a JWT.
 */
export function isJwt(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const segments = value.split('.');
  if (segments.length !== 3 || !segments.every(isBase64urlSegment)) return false;
  const [headerSegment = ''] = segments;
  if (headerSegment === '' || headerSegment.length > MAX_HEADER_SEGMENT) return false;
  try {
    const decoded: unknown = JSON.parse(utf8.decode(base64url.decode(headerSegment)));
    return typeof own(decoded, 'alg') === 'string';
  } catch {
    return false;
  }
}

// ---- Operations ----------------------------------------------------------------------------------

/**
 * Names the wire operation of a request: the JSON protocol's `X-Amz-Target`, the query protocol's
 * `Action` (form body, then URL), or the method and path of a REST call (`GET /prod/orders/42`).
 */
export function operationOf(request: WireRequestLike): string {
  const target = header(request.headers, 'x-amz-target');
  if (target) return target.slice(target.lastIndexOf('.') + 1);
  const action = request.method === 'POST' ? formFields(request)?.get('Action') : undefined;
  if (action) return action;
  const url = parseUrl(request.url);
  const query = url?.searchParams.get('Action');
  if (query) return query;
  // S3's REST API names its operation by method and path at a bucket's virtual-hosted endpoint.
  if (url !== undefined && /^[^.]+\.s3\.[^.]+\.amazonaws\.com$/.test(url.host)) {
    const object = url.pathname.length > 1;
    if (object && request.method === 'PUT') return 'PutObject';
    if (object && request.method === 'GET') return 'GetObject';
    if (!object && request.method === 'GET' && url.searchParams.get('list-type') === '2')
      return 'ListObjectsV2';
  }
  return `${request.method} ${url?.pathname ?? request.url}`;
}
