// findTokens: every token a message carried, as the trace recorded it (kind and where), its value read from there.

import {
  carriedValue,
  formFields,
  parseWhere,
  pathText,
  withoutBearer,
  type Carried,
  type CarriedKind,
  type PathStep,
  type Place,
  type TraceEntry
} from '../sim';
import { TOKEN_KIND_LABELS, type TokenKind } from './internal/jwt-decode';

export interface FoundToken {
  token: string;
  direction: 'request' | 'response';
  /** Which part of the message held it. */
  location: 'header' | 'json' | 'form' | 'query';
  /** Header name, form field, query parameter, or JSON path such as `Logins["cognito-idp…"]`. */
  path: string;
  /** Where it was, in the trace's words: `header Authorization`, `body Logins["cognito-idp…"]`. */
  where: string;
  /** Where it was, in words: "Authorization header", "Logins, for provider cognito-idp…". */
  label: string;
  /** What the token is, as the service or app that handled it recorded it. */
  kind: TokenKind;
  kindLabel: string;
}

/** The carried kinds that are JWTs an inspector can decode (a refresh token is an opaque JWE). */
const TOKEN_KINDS: Readonly<Partial<Record<CarriedKind, TokenKind>>> = {
  'id-token': 'id',
  'access-token': 'access',
  'openid-token': 'openid',
  'google-id-token': 'google'
};

function bodyLabel(path: readonly PathStep[]): string {
  const text = pathText(path);
  const [first] = path;
  const last = path.at(-1);
  if (first === 'Logins' && path.length === 2) return `Logins, for provider ${String(last)}`;
  switch (last) {
    case 'IdToken':
      return `${text} (the ID token)`;
    case 'AccessToken':
      return `${text} (the access token)`;
    case 'Token':
      return `${text} (the identity pool’s OpenID token)`;
    default:
      return text;
  }
}

type Message = TraceEntry['request'] | TraceEntry['response'];

function located(message: Message, place: Place): Pick<FoundToken, 'location' | 'path' | 'label'> {
  if (place.part !== 'body') {
    const { part, name } = place;
    return part === 'header'
      ? { location: 'header', path: name, label: `${name} header` }
      : { location: 'query', path: name, label: `query parameter ${name}` };
  }
  const path = pathText(place.path);
  if (formFields(message) === undefined) return { location: 'json', path, label: bodyLabel(place.path) };
  const label = path === 'WebIdentityToken' ? 'WebIdentityToken (form field for STS)' : `form field ${path}`;
  return { location: 'form', path, label };
}

function foundToken(entry: TraceEntry, carry: Carried): FoundToken | undefined {
  const kind = TOKEN_KINDS[carry.kind];
  const place = parseWhere(carry.where);
  const message = carry.in === 'request' ? entry.request : entry.response;
  const value = carriedValue(message, carry.where);
  if (kind === undefined || place === undefined || value === undefined) return undefined;
  return {
    token: withoutBearer(value),
    direction: carry.in,
    ...located(message, place),
    where: carry.where,
    kind,
    kindLabel: TOKEN_KIND_LABELS[kind]
  };
}

/** Every JWT the exchange carried, request first, each with where it was and what kind it is. */
export function findTokens(entry: TraceEntry): FoundToken[] {
  const inOrder = [
    ...entry.carries.filter((carry) => carry.in === 'request'),
    ...entry.carries.filter((carry) => carry.in === 'response')
  ];
  return inOrder.map((carry) => foundToken(entry, carry)).filter((token) => token !== undefined);
}
