// The learner's JWT checklist: which of verifyJwt's checks belong to which of the things worth looking at.

import type { CheckId } from '../../sim';

export type ChecklistItemId =
  'format' | 'algorithm' | 'key' | 'signature' | 'claims' | 'issuer' | 'token-use' | 'audience' | 'expiry';

export const CHECKLIST_LABELS: Readonly<Record<ChecklistItemId, string>> = {
  format: 'Size and shape (at most 8 KiB, three base64url parts, JSON inside)',
  algorithm: 'Algorithm is RS256, no key or extension smuggled in the header',
  key: 'The key (kid) is one the issuer publishes',
  signature: 'Signature',
  claims: 'Claims are well formed (types, iss, sub, exp present)',
  issuer: 'Issuer (iss)',
  'token-use': 'Token use (token_use)',
  audience: 'Audience (aud / client_id)',
  expiry: 'Expiry (exp, nbf)'
};

/** The JWT checks (`jwt.*` in the simulation's CHECKS table). */
type JwtCheckId = Extract<CheckId, `jwt.${string}`>;

/**
 * Which checklist item each JWT check belongs to, by its stable id. The table names every `jwt.*` id, so
 * a check added to CHECKS without a place here does not compile.
 */
const ITEM_OF: Readonly<Record<JwtCheckId, ChecklistItemId>> = {
  'jwt.text': 'format',
  'jwt.size': 'format',
  'jwt.shape': 'format',
  'jwt.header-json': 'format',
  'jwt.payload-json': 'format',
  'jwt.json': 'format',
  'jwt.decodes': 'format',
  'jwt.algorithm': 'algorithm',
  'jwt.no-embedded-key': 'algorithm',
  'jwt.no-crit': 'algorithm',
  'jwt.kid': 'key',
  'jwt.kid-published': 'key',
  'jwt.signature': 'signature',
  'jwt.claim-types': 'claims',
  'jwt.required-claims': 'claims',
  'jwt.issuer': 'issuer',
  'jwt.token-use': 'token-use',
  'jwt.audience': 'audience',
  'jwt.expiry': 'expiry',
  'jwt.not-before': 'expiry'
};

function isJwtCheckId(id: CheckId): id is JwtCheckId {
  return Object.hasOwn(ITEM_OF, id);
}

/** The checklist item a check belongs to, by its id; undefined for a check that is not about the JWT itself. */
export function checklistItemOf(id: CheckId): ChecklistItemId | undefined {
  return isJwtCheckId(id) ? ITEM_OF[id] : undefined;
}
