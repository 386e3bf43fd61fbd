// The learner's JWT checklist: which of verifyJwt's checks belong to which of the things worth looking at.

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

/**
 * Which checklist item each of verifyJwt's checks belongs to, by the check's name. Tests run verifyJwt on
 * real tokens and assert every name lands somewhere, so a renamed check cannot slip through.
 */
export function checklistItemOf(checkName: string): ChecklistItemId | undefined {
  const rules: [RegExp, ChecklistItemId][] = [
    [/^token is (at most|text)|^three base64url parts|JSON object/, 'format'],
    [/^alg is |^no key carried|^no critical extensions/, 'algorithm'],
    [/^kid /, 'key'],
    [/^signature verifies/, 'signature'],
    [/^claims have the expected types|^required claims are present/, 'claims'],
    [/^iss is /, 'issuer'],
    [/^token_use is /, 'token-use'],
    [/^(aud|client_id) is /, 'audience'],
    [/^not expired|^already valid/, 'expiry']
  ];
  return rules.find(([pattern]) => pattern.test(checkName))?.[1];
}
