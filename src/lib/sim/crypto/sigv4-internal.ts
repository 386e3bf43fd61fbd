// Internal building blocks of SigV4 (hashing, encoding, canonical forms); only sigv4.ts should import this file.

/*
 * Everything here uses WebCrypto (`globalThis.crypto.subtle`) and nothing from `node:`, so the same code
 * runs in the browser and in Node tests. TypeScript 6 types WebCrypto inputs as `Uint8Array<ArrayBuffer>`,
 * hence the `Bytes` alias and the copies into fresh buffers.
 */

export type Bytes = Uint8Array<ArrayBuffer>;

const encoder = new TextEncoder();

export function utf8(text: string): Bytes {
  return encoder.encode(text);
}

/** Copies any byte view into a buffer WebCrypto accepts (a `SharedArrayBuffer` view would be refused). */
export function toBytes(data: Uint8Array | string): Bytes {
  if (typeof data === 'string') return utf8(data);
  const copy = new Uint8Array(data.byteLength);
  copy.set(data);
  return copy;
}

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

export async function sha256Hex(data: Uint8Array | string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', toBytes(data));
  return toHex(new Uint8Array(digest));
}

export async function hmacSha256(key: Bytes, data: string): Promise<Bytes> {
  const cryptoKey = await globalThis.crypto.subtle.importKey(
    'raw',
    key,
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign']
  );
  return new Uint8Array(await globalThis.crypto.subtle.sign('HMAC', cryptoKey, utf8(data)));
}

/**
 * "URI-encode every byte except the unreserved characters: 'A'-'Z', 'a'-'z', '0'-'9', '-', '.', '_', and '~'.
 * ... Letters in the hexadecimal value must be uppercase" (AWS SigV4 guide, canonical request).
 */
export function uriEncode(text: string, keepSlash = false): string {
  let out = '';
  for (const byte of utf8(text)) {
    const char = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-._~]/.test(char) || (keepSlash && char === '/')) out += char;
    else out += '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/** Percent-decodes, leaving malformed escapes as they are rather than throwing (a verifier must not crash). */
export function percentDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text.replace(/(%[0-9A-Fa-f]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}

/**
 * Canonical URI for every service but S3: "Normalize URI paths according to RFC 3986. Remove redundant and
 * relative path components. Each path segment must be URI-encoded twice" (AWS SigV4 guide). The path we receive
 * is already encoded once (as on the wire), so encoding it here is the second encoding: `%20` becomes `%2520`.
 * Empty segments collapse (`//example//` → `/example/`), `.` disappears, `..` pops its parent.
 */
export function canonicalUri(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const trailingSlash = segments.length > 0 && path.endsWith('/') ? '/' : '';
  return uriEncode('/' + segments.join('/') + trailingSlash, true);
}

/**
 * Canonical URI for S3: "Do not normalize URI paths for requests to Amazon S3 ... Each path segment must be
 * URI-encoded once" (AWS SigV4 guide). The wire path is decoded and encoded again, so `:` sent raw or as `%3A`
 * gives the same `%3A`; `//` and `.` segments stay, as they are part of an object's key.
 */
export function canonicalS3Uri(path: string): string {
  return uriEncode(percentDecode(path), true);
}

/**
 * Canonical query string: "Sort the parameter names by character code point in ascending order. Parameters
 * with duplicate names should be sorted by value", each name and value URI-encoded, `name=value` joined by `&`
 * (AWS SigV4 guide). The raw string is decoded first so that an already-encoded `%E1%88%B4` and a literal `ሴ`
 * give the same result. A `+` stays a literal plus (encoded `%2B`): SDKs write spaces as `%20`.
 */
export function canonicalQuery(rawQuery: string): string {
  const query = rawQuery.startsWith('?') ? rawQuery.slice(1) : rawQuery;
  const pairs: [string, string][] = [];
  for (const part of query.split('&')) {
    if (part === '') continue;
    const equals = part.indexOf('=');
    const name = equals === -1 ? part : part.slice(0, equals);
    const value = equals === -1 ? '' : part.slice(equals + 1);
    pairs.push([uriEncode(percentDecode(name)), uriEncode(percentDecode(value))]);
  }
  // Encoded strings are pure ASCII, so UTF-16 comparison is code-point (byte) order.
  pairs.sort(([nameA, valueA], [nameB, valueB]) =>
    nameA < nameB ? -1 : nameA > nameB ? 1 : valueA < valueB ? -1 : valueA > valueB ? 1 : 0
  );
  return pairs.map(([name, value]) => `${name}=${value}`).join('&');
}

/**
 * "Trim any leading or trailing spaces ... convert sequential spaces to a single space" (AWS SigV4 guide);
 * the published vector get-header-value-trim collapses spaces even inside quotes.
 */
export function canonicalHeaderValue(value: string): string {
  return value.trim().replace(/\s+/g, ' ');
}

/**
 * Compares two strings in time that depends only on the expected length, never on where they first differ,
 * so a caller cannot find a valid signature one character at a time.
 */
export function constantTimeEqual(expected: string, provided: string): boolean {
  let difference = expected.length ^ provided.length;
  for (let i = 0; i < expected.length; i++) {
    const other = i < provided.length ? provided.charCodeAt(i) : 0;
    difference |= expected.charCodeAt(i) ^ other;
  }
  return difference === 0;
}

/** `X-Amz-Date` is ISO 8601 basic format in UTC: `20150830T123600Z`. */
export function formatAmzDate(epochMs: number): string {
  return new Date(epochMs)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** Parses `YYYYMMDDTHHMMSSZ` to epoch ms, or `undefined` when it is not a real instant in that exact form. */
export function parseAmzDate(text: string): number | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second] = match.map(Number);
  if (
    year === undefined ||
    month === undefined ||
    day === undefined ||
    hour === undefined ||
    minute === undefined ||
    second === undefined
  ) {
    return undefined;
  }
  const epochMs = Date.UTC(year, month - 1, day, hour, minute, second);
  // Reject 20150231T... and the like: the round trip must give the same text.
  return formatAmzDate(epochMs) === text ? epochMs : undefined;
}
