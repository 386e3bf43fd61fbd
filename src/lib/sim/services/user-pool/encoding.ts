// Small encodings the user pool speaks: base64 for SRP blobs and kids, hex salts, masked emails, SRP timestamps.

import { base64url } from 'jose';

/** Standard base64 (RFC 4648 §4), as SECRET_BLOCK and Cognito's kids are written. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export function toBase64Url(bytes: Uint8Array): string {
  return base64url.encode(bytes);
}

/** Even-length hex to bytes (the pool's own stored salts; never untrusted input). */
export function hexToBytes(hex: string): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** CodeDeliveryDetails.Destination: "alice@example.com" → "a***@e***". */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  const local = at < 0 ? email : email.slice(0, at);
  const domain = at < 0 ? '' : email.slice(at + 1);
  return `${local.charAt(0)}***@${domain.charAt(0)}***`;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Reads the TIMESTAMP a client signs into its PASSWORD_VERIFIER answer: "ddd MMM D HH:mm:ss UTC YYYY"
 * in English and UTC ("Mon Feb 2 13:00:09 UTC 2026"). Returns epoch ms, or undefined when the text is
 * not of that form or names a date that does not exist (a weekday that does not match the date, 31 Feb).
 */
export function parseSrpTimestamp(text: string): number | undefined {
  const match = /^([A-Z][a-z]{2}) ([A-Z][a-z]{2}) (\d{1,2}) (\d{2}):(\d{2}):(\d{2}) UTC (\d{4})$/.exec(text);
  if (!match) return undefined;
  const [, weekday = '', monthName = '', day = '', hours = '', minutes = '', seconds = '', year = ''] = match;
  const month = MONTHS.indexOf(monthName);
  if (month < 0) return undefined;
  const [d, h, m, s, y] = [day, hours, minutes, seconds, year].map(Number) as [
    number,
    number,
    number,
    number,
    number
  ];
  if (h > 23 || m > 59 || s > 59) return undefined;
  const ms = Date.UTC(y, month, d, h, m, s);
  const date = new Date(ms);
  if (date.getUTCDate() !== d || date.getUTCMonth() !== month || WEEKDAYS[date.getUTCDay()] !== weekday) {
    return undefined;
  }
  return ms;
}
