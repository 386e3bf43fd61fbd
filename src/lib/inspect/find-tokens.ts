// findTokens: every JWT a message carried — in a header, a JSON body (Logins, IdToken, Token…) or an STS form.

import {
  formFields,
  isJwt,
  isRecord,
  parseJson,
  parseUrl,
  type TraceEntry,
  type WireRequest,
  type WireResponse,
  withoutBearer
} from '../sim';
import { TOKEN_KIND_LABELS, tokenKindOf, type TokenKind } from './internal/jwt-decode';

export interface FoundToken {
  token: string;
  direction: 'request' | 'response';
  /** Which part of the message held it. */
  location: 'header' | 'json' | 'form' | 'query';
  /** Header name, form field, query parameter, or JSON path such as `Logins["cognito-idp…"]`. */
  path: string;
  /** Where it was, in words: "Authorization header", "Logins, for provider cognito-idp…". */
  label: string;
  /** What the token is, judged from its unverified claims (labels only, never decisions). */
  kind: TokenKind;
  kindLabel: string;
}

/** Deep enough for a Lambda proxy event; bounded so a hostile body costs little. */
const MAX_DEPTH = 12;
const MAX_NODES = 5000;

function memberPath(parent: string, key: string): string {
  const plain = /^[A-Za-z_$][\w$]*$/.test(key);
  if (parent === '') return plain ? key : `[${JSON.stringify(key)}]`;
  return plain ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

function jsonLabel(path: string, parentKey: string | undefined, key: string): string {
  if (parentKey === 'Logins') return `Logins, for provider ${key}`;
  switch (key) {
    case 'IdToken':
      return `${path} (the ID token)`;
    case 'AccessToken':
      return `${path} (the access token)`;
    case 'Token':
      return `${path} (the identity pool’s OpenID token)`;
    case 'WebIdentityToken':
      return `${path} (the web identity token for STS)`;
    default:
      return path;
  }
}

function tokensInJson(body: string): { path: string; label: string; token: string }[] {
  const trimmed = body.trimStart();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return [];
  const parsed = parseJson(body);
  if (!parsed.ok) return [];
  const found: { path: string; label: string; token: string }[] = [];
  let nodes = 0;
  const visit = (value: unknown, path: string, parentKey: string | undefined, key: string, depth: number) => {
    if (++nodes > MAX_NODES || depth > MAX_DEPTH) return;
    if (typeof value === 'string') {
      const bare = withoutBearer(value);
      if (isJwt(bare)) found.push({ path, label: jsonLabel(path, parentKey, key), token: bare });
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, `${path}[${index}]`, parentKey, key, depth + 1));
    } else if (isRecord(value)) {
      for (const [name, item] of Object.entries(value)) {
        visit(item, memberPath(path, name), key, name, depth + 1);
      }
    }
  };
  visit(parsed.value, '', undefined, '', 0);
  return found;
}

function found(
  direction: FoundToken['direction'],
  location: FoundToken['location'],
  path: string,
  label: string,
  token: string
): FoundToken {
  const kind = tokenKindOf(token);
  return { token, direction, location, path, label, kind, kindLabel: TOKEN_KIND_LABELS[kind] };
}

function inMessage(message: WireRequest | WireResponse, direction: FoundToken['direction']): FoundToken[] {
  const tokens: FoundToken[] = [];
  for (const [name, value] of Object.entries(message.headers)) {
    const bare = withoutBearer(value);
    if (isJwt(bare)) {
      const label = `${name.toLowerCase() === 'authorization' ? 'Authorization' : name} header`;
      tokens.push(found(direction, 'header', name, label, bare));
    }
  }
  if ('url' in message) {
    const url = parseUrl(message.url);
    for (const [name, value] of url?.searchParams ?? []) {
      if (isJwt(value)) tokens.push(found(direction, 'query', name, `query parameter ${name}`, value));
    }
  }
  const form = formFields(message);
  if (form !== undefined) {
    for (const [name, value] of form) {
      if (isJwt(value)) {
        const label =
          name === 'WebIdentityToken' ? 'WebIdentityToken (form field for STS)' : `form field ${name}`;
        tokens.push(found(direction, 'form', name, label, value));
      }
    }
  } else {
    for (const token of tokensInJson(message.body)) {
      tokens.push(found(direction, 'json', token.path, token.label, token.token));
    }
  }
  return tokens;
}

/** Every JWT the exchange carried, request first, each with where it was found and what kind it seems to be. */
export function findTokens(entry: TraceEntry): FoundToken[] {
  return [...inMessage(entry.request, 'request'), ...inMessage(entry.response, 'response')];
}
