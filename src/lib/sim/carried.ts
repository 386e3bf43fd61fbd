// What a message carried and where, in the words the trace records: writing `where`, reading it back, and a token's kind.

import { decodeJwt } from 'jose';
import type { ExchangeContext } from './service';
import type { Carried, CarriedKind } from './trace';
import {
  decodeXmlEntities,
  formFields,
  header,
  looksLikeXml,
  own,
  parseJson,
  parseUrl,
  withoutBearer,
  type WireMessage
} from './wire';

/** One step of a body path: a member name or an array index. */
export type PathStep = string | number;

const PLAIN_NAME = /^[A-Za-z_$][\w$]*$/;

/** `AuthenticationResult.IdToken`, `Logins["cognito-idp…"]`, `multiValueHeaders.authorization[0]`. */
export function pathText(path: readonly PathStep[]): string {
  let text = '';
  for (const step of path) {
    if (typeof step === 'number') text += `[${step}]`;
    else if (!PLAIN_NAME.test(step)) text += `[${JSON.stringify(step)}]`;
    else text += text === '' ? step : `.${step}`;
  }
  return text;
}

/** `header Authorization`. */
export function inHeader(name: string): string {
  return `header ${name}`;
}

/** `body AuthParameters.PASSWORD`: a member of a JSON body, a field of a form body, an element of an XML body. */
export function inBody(...path: PathStep[]): string {
  return `body ${pathText(path)}`;
}

/** `query WebIdentityToken`: a parameter of the URL's query string. */
export function inQuery(name: string): string {
  return `query ${name}`;
}

export function carriedIn(direction: Carried['in'], kind: CarriedKind, where: string): Carried {
  return { in: direction, kind, where };
}

const GOOGLE_ISSUERS = new Set(['https://accounts.google.com', 'accounts.google.com']);
const COGNITO_IDENTITY_ISSUER = 'https://cognito-identity.amazonaws.com';

/**
 * The kind of token a service received where it expected `expected`, judged from the token's own unverified
 * claims, so the trace says "access token" when an access token was sent where an ID token belongs. A value
 * that is not a JWT (a refresh token, a mangled string) is recorded as what the field is for.
 */
export function tokenKind(token: string, expected: CarriedKind): CarriedKind {
  let claims: Record<string, unknown>;
  try {
    claims = decodeJwt(withoutBearer(token));
  } catch {
    return expected;
  }
  if (typeof claims.iss === 'string' && GOOGLE_ISSUERS.has(claims.iss)) return 'google-id-token';
  if (claims.iss === COGNITO_IDENTITY_ISSUER) return 'openid-token';
  if (claims.token_use === 'access') return 'access-token';
  if (claims.token_use === 'id') return 'id-token';
  return expected;
}

/** Records a request's secret when the member holding it is a non-empty string (what the service found). */
export function carryFound(
  ctx: Pick<ExchangeContext, 'carry'>,
  value: unknown,
  kind: CarriedKind,
  where: string
): void {
  if (typeof value === 'string' && value !== '') ctx.carry(carriedIn('request', kind, where));
}

/** The same for a token: recorded as the kind its claims say it is, `expected` when they say nothing. */
export function carryFoundToken(
  ctx: Pick<ExchangeContext, 'carry'>,
  value: unknown,
  expected: CarriedKind,
  where: string
): void {
  if (typeof value === 'string') carryFound(ctx, value, tokenKind(value, expected), where);
}

/**
 * What a SigV4-signed request carries: the signature in `Authorization` (with the access key id in its
 * credential scope) and, for temporary credentials, the session token it signed. The secret key never
 * travels. Nothing for a request whose `Authorization` is not a SigV4 signature.
 */
export function signedRequestCarries(headers: Headers): Carried[] {
  if (!(headers.get('authorization') ?? '').startsWith('AWS4-HMAC-SHA256')) return [];
  const carries = [carriedIn('request', 'sigv4', inHeader('Authorization'))];
  if (headers.has('x-amz-security-token')) {
    carries.push(carriedIn('request', 'sigv4', inHeader('X-Amz-Security-Token')));
  }
  return carries;
}

/** A `where` read back: a header or query parameter by name, or a path into the body. */
export type Place = { part: 'header' | 'query'; name: string } | { part: 'body'; path: PathStep[] };

const STEP = /^(?:\.?([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\])/;

/** `AuthenticationResult.IdToken` → `['AuthenticationResult', 'IdToken']`; undefined for text that is no path. */
export function parsePath(text: string): PathStep[] | undefined {
  const path: PathStep[] = [];
  let rest = text;
  while (rest !== '') {
    const match = STEP.exec(rest);
    if (!match || (path.length === 0 && rest.startsWith('.'))) return undefined;
    const [whole, name, index, quoted] = match;
    if (name !== undefined) path.push(name);
    else if (index !== undefined) path.push(Number(index));
    else path.push(JSON.parse(quoted ?? '""') as string);
    rest = rest.slice(whole.length);
  }
  return path.length === 0 ? undefined : path;
}

/** Reads a `where` the services wrote (`header Authorization`, `body Logins["…"]`, `query Action`). */
export function parseWhere(where: string): Place | undefined {
  const space = where.indexOf(' ');
  const part = where.slice(0, space);
  const rest = where.slice(space + 1);
  if (space <= 0 || rest === '') return undefined;
  if (part === 'header' || part === 'query') return { part, name: rest };
  if (part !== 'body') return undefined;
  const path = parsePath(rest);
  return path && { part, path };
}

/** The content of the first `<name>` element inside `xml`: text (entities decoded) or the elements within. */
function xmlChild(xml: string, name: string): string | undefined {
  const match = new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}>`).exec(xml);
  if (!match) return undefined;
  const inner = match[1] ?? '';
  return inner.includes('<') ? inner : decodeXmlEntities(inner);
}

function valueInJson(json: unknown, path: readonly PathStep[]): string | undefined {
  let value = json;
  for (const step of path) {
    value = typeof step === 'number' ? (Array.isArray(value) ? value[step] : undefined) : own(value, step);
    if (value === undefined) return undefined;
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function valueInBody(message: WireMessage, path: readonly PathStep[]): string | undefined {
  const form = formFields(message);
  if (form)
    return path.length === 1 && typeof path[0] === 'string' ? (form.get(path[0]) ?? undefined) : undefined;
  if (looksLikeXml(message.body)) {
    let xml: string | undefined = message.body;
    for (const step of path)
      xml = typeof step === 'string' && xml !== undefined ? xmlChild(xml, step) : undefined;
    return xml;
  }
  const parsed = parseJson(message.body);
  return parsed.ok ? valueInJson(parsed.value, path) : undefined;
}

/**
 * What a message held at the place a carry names, as text (a JSON object or an XML element's inner
 * document for a place holding several values, such as `body Credentials`). Undefined when it is not there.
 */
export function carriedValue(message: WireMessage & { url?: string }, where: string): string | undefined {
  const place = parseWhere(where);
  if (place === undefined) return undefined;
  switch (place.part) {
    case 'header':
      return header(message.headers, place.name);
    case 'query':
      return message.url === undefined
        ? undefined
        : (parseUrl(message.url)?.searchParams.get(place.name) ?? undefined);
    case 'body':
      return valueInBody(message, place.path);
  }
}
