// Checks a pasted token before anything decodes it: empty and oversized input are refused here, in words.

import { decodeJwt } from 'jose';
import type { TokenKind } from '$lib/inspect';
import { MAX_TOKEN_LENGTH } from '$lib/sim';

export type PasteCheck =
  | { ok: true; token: string; kind: TokenKind }
  /** `token` is set when there is something to show as text (an oversized paste), never decoded. */
  | { ok: false; reason: string; token?: string };

/** Which kind of token the unverified claims describe; 'unknown' for anything that does not decode. */
export function pastedTokenKind(token: string): TokenKind {
  try {
    const claims = decodeJwt(token);
    if (claims.token_use === 'id') return 'id';
    if (claims.token_use === 'access') return 'access';
    if (claims.iss === 'https://cognito-identity.amazonaws.com') return 'openid';
    if (claims.iss === 'https://accounts.google.com' || claims.iss === 'accounts.google.com') return 'google';
    return 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * A verifier refuses a token over 8 KiB before decoding it (a cheap guard against a costly one), and so does
 * this box: the length is all that is looked at. Anything else goes to inspectJwt, which says what is wrong.
 */
export function checkPastedToken(text: string): PasteCheck {
  // Length first, before even trimming a megabyte of whitespace.
  if (text.length > MAX_TOKEN_LENGTH + 1024) return tooLarge(text);
  const token = text.trim();
  if (token === '') return { ok: false, reason: 'The box is empty: paste a token first.' };
  if (token.length > MAX_TOKEN_LENGTH) return tooLarge(token);
  return { ok: true, token, kind: pastedTokenKind(token) };
}

function tooLarge(token: string): PasteCheck {
  return {
    ok: false,
    token,
    reason: `It is ${token.length.toLocaleString('en')} characters long. A token over 8 KiB (${MAX_TOKEN_LENGTH.toLocaleString('en')} bytes) is refused before a single byte is decoded, as API Gateway and the identity pool would.`
  };
}
