// SRP-6a exactly as Amazon Cognito user pools speak it (USER_SRP_AUTH / PASSWORD_VERIFIER), both sides.
//
// Hand-written on purpose: no maintained library implements Cognito's SRP variant on the server side
// (the 3072-bit group, k = H(N | g), Java-style hex padding, the "Caldera Derived Key" HKDF and the
// signed claim message). The facts below were checked against the public source of
// amazon-cognito-identity-js (AuthenticationHelper, CognitoUser, DateHelper); the code is our own.
//
// Only BigInt and WebCrypto are used, so it runs in Node and in the browser. Nothing in here draws
// randomness or reads the clock: salts, the secret exponents a and b, and the time are inputs, so a
// seeded world replays the same sign-in byte for byte. Every value that crosses a session boundary is a
// string (hex or base64), so sessions stay JSON-serialisable.

/** Why the server refused a claim. The user pool maps these to its AWS errors. */
export type SrpRejection =
  /** A hex or base64 input did not parse. */
  | 'MalformedInput'
  /** RFC 5054 §2.5.4: "The host MUST abort the authentication attempt if A % N is zero." */
  | 'IllegalSrpA'
  /** RFC 5054 §2.6: "the client MUST abort the authentication attempt if ... u is zero"; so does the host. */
  | 'IllegalScramblingParameter'
  /** The PASSWORD_CLAIM_SIGNATURE does not match: wrong password, or a tampered block or timestamp. */
  | 'SignatureMismatch';

export type SrpVerdict = { ok: true } | { ok: false; reason: SrpRejection };

// The 3072-bit MODP group of RFC 3526 §4, with generator 2, as hard-coded in Cognito's clients.
const N = BigInt(
  '0x' +
    'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD' +
    'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
    'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F' +
    '83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B' +
    'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510' +
    '15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7' +
    'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C' +
    'BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF'
);
const g = 2n;

/** The 3072-bit prime modulus (exported for tests and the inspector). */
export const SRP_N: bigint = N;

/** Cognito's HKDF info string; the derived key is the first 16 bytes of HKDF-SHA256 output. */
const HKDF_INFO = 'Caldera Derived Key';
const DERIVED_KEY_BITS = 128;

/** Secret exponents shorter than this are refused: they would make the simulation teach bad habits. */
const MIN_SECRET_BYTES = 32;

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

// ---------------------------------------------------------------------------------------------
// Public API: the user pool's side

/**
 * Derives the verifier v = g^x mod N that the user pool stores instead of the password.
 *
 * `poolName` is the part of the user pool id after the underscore; `username` is the
 * USER_ID_FOR_SRP the pool will later hand to the client (Cognito's internal username).
 * The returned salt is the canonical hex the client will read back as SALT.
 */
export async function createVerifier(input: {
  poolName: string;
  username: string;
  password: string;
  salt: Uint8Array;
}): Promise<{ salt: string; verifier: string }> {
  if (input.salt.length === 0) throw new RangeError('createVerifier: salt must not be empty');
  // The client parses SALT as an integer and re-encodes it with padHex, so leading zero bytes
  // are lost on its side; store the salt in that same canonical form so both sides hash alike.
  const salt = padHex(bytesToBigInt(input.salt));
  const x = await computeX(input.poolName, input.username, input.password, salt);
  return { salt, verifier: padHex(modPow(g, x, N)) };
}

/**
 * The server's first move: b from the caller's random bytes, and B = (k·v + g^b) mod N to send as SRP_B.
 * Keep `b` (hex) in the auth session; it is needed again to check the claim.
 */
export async function serverStartAuth(input: {
  verifier: string;
  bBytes: Uint8Array;
}): Promise<{ B: string; b: string }> {
  requireSecretLength('serverStartAuth: bBytes', input.bBytes);
  const v = parseHex(input.verifier);
  if (v === undefined) throw new TypeError('serverStartAuth: verifier is not hex');
  const k = await multiplierK();
  let b = bytesToBigInt(input.bBytes);
  let B = serverPublicValue(k, v, b);
  // RFC 5054 §2.6: the client aborts if B % N is zero. Astronomically unlikely, but rather than draw
  // fresh randomness (which must come from the caller) step b deterministically until B is legal.
  while (B === 0n) {
    b += 1n;
    B = serverPublicValue(k, v, b);
  }
  return { B: padHex(B), b: padHex(b) };
}

/**
 * Cheap check the pool can make as soon as InitiateAuth arrives with SRP_A.
 * Returns the rejection, or undefined when A is acceptable.
 */
export function checkSrpA(A: string): SrpRejection | undefined {
  const value = parseHex(A);
  if (value === undefined) return 'MalformedInput';
  if (value % N === 0n) return 'IllegalSrpA';
  return undefined;
}

/**
 * Checks a PASSWORD_VERIFIER response. The server recomputes B from b and the verifier (so the two
 * cannot drift apart), derives the same key as the client, and verifies PASSWORD_CLAIM_SIGNATURE
 * with WebCrypto's HMAC verify, which compares in constant time.
 *
 * The caller is still responsible for checking that `secretBlock` is the block it issued for this
 * session and, if it wants, that `timestamp` is recent: the signature only proves the client saw them.
 */
export async function serverVerifyClaim(input: {
  poolName: string;
  userIdForSrp: string;
  A: string;
  b: string;
  verifier: string;
  salt: string;
  secretBlock: string;
  timestamp: string;
  claimSignature: string;
}): Promise<SrpVerdict> {
  const problem = checkSrpA(input.A);
  if (problem) return { ok: false, reason: problem };
  const A = parseHex(input.A);
  const b = parseHex(input.b);
  const v = parseHex(input.verifier);
  const salt = parseHex(input.salt);
  const secretBlock = base64ToBytes(input.secretBlock);
  const signature = base64ToBytes(input.claimSignature);
  if (
    A === undefined ||
    b === undefined ||
    v === undefined ||
    salt === undefined ||
    secretBlock === undefined ||
    signature === undefined
  ) {
    return { ok: false, reason: 'MalformedInput' };
  }

  const k = await multiplierK();
  const B = serverPublicValue(k, v, b);
  const u = await computeU(A, B);
  if (u === 0n) return { ok: false, reason: 'IllegalScramblingParameter' };

  // Host side of SRP-6a: S = (A · v^u)^b mod N.
  const S = modPow(((A % N) * modPow(v, u, N)) % N, b, N);
  const key = await claimKey(S, u);
  const message = claimMessage(input.poolName, input.userIdForSrp, secretBlock, input.timestamp);
  const ok = await crypto.subtle.verify('HMAC', key, signature, message);
  return ok ? { ok: true } : { ok: false, reason: 'SignatureMismatch' };
}

// ---------------------------------------------------------------------------------------------
// Public API: the client's side (what amazon-cognito-identity-js does, for the simulated app)

/**
 * The client's first move: a from the caller's random bytes (Cognito's client uses 128 bytes) and
 * A = g^a mod N. `A` is formatted as that client sends SRP_A: plain lower-case hex, no padding.
 */
export function clientStart(aBytes: Uint8Array): { A: string; a: string } {
  requireSecretLength('clientStart: aBytes', aBytes);
  const a = bytesToBigInt(aBytes);
  // g^a mod N is never 0 for a prime N, so the client-side "A mod N cannot be 0" check cannot fire.
  return { A: modPow(g, a, N).toString(16), a: padHex(a) };
}

/**
 * Computes PASSWORD_CLAIM_SIGNATURE (base64) from the PASSWORD_VERIFIER challenge parameters.
 * A is recomputed from a. Throws when the server's values are illegal, as the real client does.
 */
export async function clientComputeClaim(input: {
  poolName: string;
  userIdForSrp: string;
  password: string;
  salt: string;
  B: string;
  a: string;
  secretBlock: string;
  timestamp: string;
}): Promise<string> {
  const a = parseHex(input.a);
  const B = parseHex(input.B);
  const salt = parseHex(input.salt);
  const secretBlock = base64ToBytes(input.secretBlock);
  if (a === undefined || B === undefined || salt === undefined || secretBlock === undefined) {
    throw new TypeError('clientComputeClaim: malformed hex or base64 input');
  }
  // RFC 5054 §2.6: "The client MUST abort authentication if B % N is zero."
  if (B % N === 0n) throw new Error('clientComputeClaim: B cannot be zero');
  const A = modPow(g, a, N);
  const u = await computeU(A, B);
  if (u === 0n) throw new Error('clientComputeClaim: U cannot be zero');

  const k = await multiplierK();
  const x = await computeX(input.poolName, input.userIdForSrp, input.password, padHex(salt));
  // Client side of SRP-6a: S = (B − k·g^x)^(a + u·x) mod N, with the base brought into [0, N).
  const base = (((B - k * modPow(g, x, N)) % N) + N) % N;
  const S = modPow(base, a + u * x, N);
  const key = await claimKey(S, u);
  const message = claimMessage(input.poolName, input.userIdForSrp, secretBlock, input.timestamp);
  return bytesToBase64(new Uint8Array(await crypto.subtle.sign('HMAC', key, message)));
}

/**
 * The TIMESTAMP the client signs: "ddd MMM D HH:mm:ss UTC YYYY" in UTC with English names.
 * As in amazon-cognito-identity-js's DateHelper, the day of the month is not padded but hours,
 * minutes and seconds are: "Sat Nov 28 03:04:05 UTC 2026", "Mon Feb 2 13:00:09 UTC 2026".
 */
export function formatSrpTimestamp(epochMs: number): string {
  if (!Number.isFinite(epochMs)) throw new RangeError('formatSrpTimestamp: epochMs must be finite');
  const date = new Date(epochMs);
  const two = (n: number): string => String(n).padStart(2, '0');
  const weekday = WEEKDAYS[date.getUTCDay()] ?? '';
  const month = MONTHS[date.getUTCMonth()] ?? '';
  const time = `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}`;
  return `${weekday} ${month} ${date.getUTCDate()} ${time} UTC ${date.getUTCFullYear()}`;
}

/**
 * Encodes a non-negative integer the way Cognito hashes it: the hex of Java's
 * BigInteger.toByteArray(). Padded to an even length, then prefixed with "00" when the top bit is
 * set so the value cannot be read as negative. Getting this wrong fails a good share of sign-ins, at random.
 */
export function padHex(value: bigint): string {
  if (value < 0n) throw new RangeError('padHex: SRP values are never negative');
  let hex = value.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  if (/^[89a-f]/.test(hex)) hex = `00${hex}`;
  return hex;
}

// ---------------------------------------------------------------------------------------------
// The shared maths

/** k = H(padHex(N) | padHex(g)), SRP-6a's multiplier. */
async function multiplierK(): Promise<bigint> {
  return hashToBigInt(hexToBytes(padHex(N) + padHex(g)));
}

/** u = H(padHex(A) | padHex(B)). */
async function computeU(A: bigint, B: bigint): Promise<bigint> {
  return hashToBigInt(hexToBytes(padHex(A) + padHex(B)));
}

/** x = H(padHex(salt) | H(poolName | username | ":" | password)); `saltHex` is already padHex'd. */
async function computeX(
  poolName: string,
  username: string,
  password: string,
  saltHex: string
): Promise<bigint> {
  const inner = await sha256(utf8(`${poolName}${username}:${password}`));
  return hashToBigInt(concat(hexToBytes(saltHex), inner));
}

function serverPublicValue(k: bigint, v: bigint, b: bigint): bigint {
  return (k * v + modPow(g, b, N)) % N;
}

/** HKDF-SHA256 with salt = padHex(u), IKM = padHex(S), info "Caldera Derived Key", 16 bytes; as an HMAC key. */
async function claimKey(S: bigint, u: bigint): Promise<CryptoKey> {
  const ikm = await crypto.subtle.importKey('raw', hexToBytes(padHex(S)), 'HKDF', false, ['deriveBits']);
  const derived = await crypto.subtle.deriveBits(
    { name: 'HKDF', hash: 'SHA-256', salt: hexToBytes(padHex(u)), info: utf8(HKDF_INFO) },
    ikm,
    DERIVED_KEY_BITS
  );
  return crypto.subtle.importKey('raw', derived, { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
    'verify'
  ]);
}

/** The signed message: poolName | USER_ID_FOR_SRP | base64-decoded SECRET_BLOCK | TIMESTAMP. */
function claimMessage(
  poolName: string,
  userIdForSrp: string,
  secretBlock: Uint8Array<ArrayBuffer>,
  timestamp: string
): Uint8Array<ArrayBuffer> {
  return concat(utf8(poolName), utf8(userIdForSrp), secretBlock, utf8(timestamp));
}

/**
 * base^exponent mod modulus for non-negative base and exponent. BigInt has no modular power, and a
 * 3072-bit one is the whole cost of a sign-in, so this walks the exponent a hex digit at a time
 * (a fixed 4-bit window: a quarter of the multiplications of plain square-and-multiply), and for
 * the generator 2 a "multiplication" is a left shift.
 */
function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  const digits = exponent.toString(16);
  const reduced = base % modulus;
  let step: (acc: bigint, digit: number) => bigint;
  if (reduced === 2n) {
    step = (acc, digit) => (acc << BigInt(digit)) % modulus;
  } else {
    const powers = [1n, reduced];
    for (let i = 2; i < 16; i++) powers.push(((powers[i - 1] ?? 1n) * reduced) % modulus);
    step = (acc, digit) => (digit === 0 ? acc : (acc * (powers[digit] ?? 1n)) % modulus);
  }
  let result = 1n % modulus;
  for (const char of digits) {
    for (let i = 0; i < 4; i++) result = (result * result) % modulus;
    result = step(result, parseInt(char, 16));
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Encodings

function requireSecretLength(what: string, bytes: Uint8Array): void {
  if (bytes.length < MIN_SECRET_BYTES)
    throw new RangeError(`${what} must be at least ${MIN_SECRET_BYTES} bytes`);
}

/** Parses hex the way the client's BigInteger(…, 16) does, but refuses anything that is not hex. */
function parseHex(hex: string): bigint | undefined {
  if (!/^[0-9a-fA-F]+$/.test(hex)) return undefined;
  return BigInt(`0x${hex}`);
}

function bytesToBigInt(bytes: Uint8Array): bigint {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex === '' ? 0n : BigInt(`0x${hex}`);
}

/** `hex` must have even length (callers pass padHex output). */
function hexToBytes(hex: string): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

async function hashToBigInt(data: Uint8Array<ArrayBuffer>): Promise<bigint> {
  return bytesToBigInt(await sha256(data));
}

async function sha256(data: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', data));
}

function utf8(text: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(text);
}

function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Standard base64 (RFC 4648 §4), as Buffer.from(…, 'base64') would read SECRET_BLOCK. */
function base64ToBytes(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return undefined;
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return undefined; // bad length or misplaced padding
  }
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
