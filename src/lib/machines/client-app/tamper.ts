// Edits one claim of a JWT's payload and keeps the original header and signature, as an attacker would.

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function base64UrlEncode(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function base64UrlDecode(text: string): Uint8Array {
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
}

/**
 * Returns the token with `claim` set to `value` in its payload. The signature is left as it was, so
 * it no longer matches: that is the point. Throws on something that is not a three-part JWT.
 */
export function tamperJwt(token: string, claim: string, value: unknown): string {
  const parts = token.split('.');
  if (parts.length !== 3) throw new Error('tamperJwt: not a compact JWT');
  const [header, payload, signature] = parts as [string, string, string];
  const claims = JSON.parse(decoder.decode(base64UrlDecode(payload))) as Record<string, unknown>;
  claims[claim] = value;
  return `${header}.${base64UrlEncode(encoder.encode(JSON.stringify(claims)))}.${signature}`;
}
