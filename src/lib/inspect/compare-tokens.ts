// compareTokens: the ID token and the access token side by side — which claims each has, and why they differ.

import { CLAIM_ORDER } from './internal/claim-notes';
import { displayValue } from './internal/json';
import { decodeJwtForDisplay, type JwtDecoding } from './internal/jwt-decode';

export interface TokenComparisonRow {
  claim: string;
  inId: boolean;
  inAccess: boolean;
  /** The values as text (absent when the token lacks the claim). */
  idValue?: string;
  accessValue?: string;
  /** Both have the claim with the same value. */
  same: boolean;
  /** Why the two differ here, when the lesson has something to say. */
  note?: string;
}

export interface TokenComparison {
  /** Whether each token could be decoded, and why not. */
  id: { decoded: boolean; reason?: string };
  access: { decoded: boolean; reason?: string };
  rows: TokenComparisonRow[];
  /** The point of the comparison, in two sentences. */
  summary: string;
}

const NOTES: ReadonlyMap<string, string> = new Map([
  [
    'aud',
    'Only the ID token has aud (the app client it was issued to). The access token has no aud; it names the app client in client_id.'
  ],
  ['client_id', 'The access token’s way of naming the app client, since it has no aud.'],
  ['token_use', '"id" against "access": the one claim a verifier must check to tell them apart.'],
  [
    'scope',
    'Only the access token carries scopes: it is about what the bearer may do, not about who the user is.'
  ],
  ['cognito:username', 'The ID token names the user as cognito:username; the access token as username.'],
  ['username', 'The access token names the user as username; the ID token as cognito:username.'],
  [
    'email',
    'Profile attributes (email, name…) are in the ID token only: it is the token about who the user is.'
  ],
  ['email_verified', 'Profile attributes are in the ID token only.'],
  ['jti', 'Each token has its own unique id; both come from the same sign-in, so they share origin_jti.'],
  ['origin_jti', 'The same in both: they were issued by the same sign-in.'],
  ['event_id', 'The same in both: the same sign-in event.'],
  ['sub', 'The same user, so the same sub.']
]);

function claimsOf(decoding: JwtDecoding): Record<string, unknown> {
  return decoding.ok ? decoding.payload : {};
}

function status(decoding: JwtDecoding): { decoded: boolean; reason?: string } {
  return decoding.ok ? { decoded: true } : { decoded: false, reason: decoding.reason };
}

/** Side-by-side claim table of an ID token and an access token (decoded only, not verified). Never throws. */
export function compareTokens(idToken: string, accessToken: string): TokenComparison {
  const idDecoding = decodeJwtForDisplay(idToken);
  const accessDecoding = decodeJwtForDisplay(accessToken);
  const id = claimsOf(idDecoding);
  const access = claimsOf(accessDecoding);
  const names = new Set([...Object.keys(id), ...Object.keys(access)]);
  const ordered = [
    ...CLAIM_ORDER.filter((name) => names.has(name)),
    ...[...names].filter((name) => !CLAIM_ORDER.includes(name)).sort()
  ];
  const rows = ordered.map((claim): TokenComparisonRow => {
    const inId = Object.hasOwn(id, claim);
    const inAccess = Object.hasOwn(access, claim);
    const idValue = inId ? displayValue(id[claim]) : undefined;
    const accessValue = inAccess ? displayValue(access[claim]) : undefined;
    const same = inId && inAccess && JSON.stringify(id[claim]) === JSON.stringify(access[claim]);
    const note = NOTES.get(claim);
    return {
      claim,
      inId,
      inAccess,
      ...(idValue === undefined ? {} : { idValue }),
      ...(accessValue === undefined ? {} : { accessValue }),
      same,
      ...(note === undefined ? {} : { note })
    };
  });
  return {
    id: status(idDecoding),
    access: status(accessDecoding),
    rows,
    summary:
      'The ID token says who the user is (profile claims, aud = the app client); the access token says what the bearer may do (scope, client_id, no aud). Both come from one sign-in and are signed with different keys of the same pool.'
  };
}
