// Reads a JWT's parts without verifying anything, and says in words why a string is not one. Never throws.

import { base64url } from 'jose';
import { isRecord, type JsonObject, MAX_TOKEN_LENGTH } from '../../sim';

const BASE64URL = /^[A-Za-z0-9_-]*$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Looks like markup a browser would act on: a tag, a comment, or an entity-laden fragment. */
export function containsMarkup(text: string): boolean {
  return /<\s*\/?\s*[a-zA-Z!?][^>]*>?/.test(text);
}

export type SegmentDecoding =
  { ok: true; json: JsonObject; text: string } | { ok: false; reason: string; text?: string };

/** One base64url segment → its text → a JSON object, each step failing in words. */
export function decodeSegment(segment: string, label: 'header' | 'payload'): SegmentDecoding {
  if (segment === '') return { ok: false, reason: `The ${label} is empty.` };
  if (!BASE64URL.test(segment) || segment.length % 4 === 1) {
    return {
      ok: false,
      reason: `The ${label} is not base64url text (only A–Z, a–z, 0–9, "-" and "_").`
    };
  }
  let text: string;
  try {
    text = utf8.decode(base64url.decode(segment));
  } catch {
    return { ok: false, reason: `The ${label} does not decode to UTF-8 text.` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return {
      ok: false,
      reason: containsMarkup(text)
        ? `The ${label} decodes to HTML-like text, not JSON. It is shown as plain text and never rendered.`
        : `The ${label} decodes to text that is not JSON.`,
      text
    };
  }
  if (!isRecord(value)) {
    return { ok: false, reason: `The ${label} decodes to JSON, but not to an object.`, text };
  }
  return { ok: true, json: value, text };
}

export type JwtDecoding =
  | {
      ok: true;
      segments: { header: string; payload: string; signature: string };
      header: JsonObject;
      payload: JsonObject;
      headerText: string;
      payloadText: string;
    }
  | {
      ok: false;
      reason: string;
      /** True when the token was refused for its size before a single byte was decoded. */
      refusedBeforeDecoding: boolean;
      segments?: string[];
      decodedText?: { header?: string; payload?: string };
    };

/**
 * Decodes a compact JWS for display. Size first, as verifyJwt does: a token over 8 KiB is refused before
 * anything is decoded, so a hostile token costs nothing to show.
 */
export function decodeJwtForDisplay(token: unknown, maxLength = MAX_TOKEN_LENGTH): JwtDecoding {
  if (typeof token !== 'string') {
    return { ok: false, reason: 'This is not text, so it cannot be a JWT.', refusedBeforeDecoding: true };
  }
  if (token.length > maxLength) {
    return {
      ok: false,
      reason: `The token is ${token.length} bytes long. Anything over ${maxLength} bytes is refused before it is decoded, as the services do.`,
      refusedBeforeDecoding: true
    };
  }
  const segments = token.split('.');
  if (segments.length !== 3) {
    const markup = containsMarkup(token) ? ' It contains HTML-like markup, shown as plain text only.' : '';
    return {
      ok: false,
      reason: `Not a JWT: a JWT has exactly three parts separated by dots (header.payload.signature); this has ${segments.length}.${markup}`,
      refusedBeforeDecoding: false,
      segments
    };
  }
  const [headerSegment = '', payloadSegment = '', signature = ''] = segments;
  const header = decodeSegment(headerSegment, 'header');
  const payload = decodeSegment(payloadSegment, 'payload');
  if (!header.ok || !payload.ok) {
    const decodedText: { header?: string; payload?: string } = {};
    if (header.text !== undefined) decodedText.header = header.text;
    if (payload.text !== undefined) decodedText.payload = payload.text;
    const reasons = [header.ok ? undefined : header.reason, payload.ok ? undefined : payload.reason];
    return {
      ok: false,
      reason: reasons.filter((reason) => reason !== undefined).join(' '),
      refusedBeforeDecoding: false,
      segments,
      decodedText
    };
  }
  return {
    ok: true,
    segments: { header: headerSegment, payload: payloadSegment, signature },
    header: header.json,
    payload: payload.json,
    headerText: header.text,
    payloadText: payload.text
  };
}

export type TokenKind = 'id' | 'access' | 'openid' | 'google' | 'unknown';

export const TOKEN_KIND_LABELS: Readonly<Record<TokenKind, string>> = {
  id: 'user-pool ID token',
  access: 'user-pool access token',
  openid: 'identity-pool OpenID token',
  google: 'Google ID token',
  unknown: 'JWT'
};

export const COGNITO_IDENTITY_ISSUER = 'https://cognito-identity.amazonaws.com';
export const GOOGLE_ISSUER = 'https://accounts.google.com';

/** Which kind of token the claims describe (unverified: for labels, never for decisions). */
export function tokenKind(payload: JsonObject | undefined): TokenKind {
  if (payload === undefined) return 'unknown';
  const use = Object.hasOwn(payload, 'token_use') ? payload.token_use : undefined;
  const iss = Object.hasOwn(payload, 'iss') ? payload.iss : undefined;
  if (use === 'id') return 'id';
  if (use === 'access') return 'access';
  if (iss === COGNITO_IDENTITY_ISSUER) return 'openid';
  if (iss === GOOGLE_ISSUER || iss === 'accounts.google.com') return 'google';
  return 'unknown';
}

/** The token kind of a raw string, decoding only when it is small enough to be allowed. */
export function tokenKindOf(token: string): TokenKind {
  const decoded = decodeJwtForDisplay(token);
  return decoded.ok ? tokenKind(decoded.payload) : 'unknown';
}
