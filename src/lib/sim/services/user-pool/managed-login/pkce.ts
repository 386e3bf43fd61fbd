// PKCE's S256 transformation (RFC 7636 §4.2): code_challenge = BASE64URL-ENCODE(SHA256(ASCII(code_verifier))).

import { toBase64Url } from '../encoding';

/** RFC 7636 §4.1: a verifier is 43–128 characters of [A-Z] / [a-z] / [0-9] / "-" / "." / "_" / "~". */
export const CODE_VERIFIER_PATTERN = /^[A-Za-z0-9\-._~]{43,128}$/;

export async function s256Challenge(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return toBase64Url(new Uint8Array(digest));
}
