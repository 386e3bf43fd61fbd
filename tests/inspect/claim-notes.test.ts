// Header notes say what each issuer really signs with: user pools RS256, Cognito Identity's OpenID tokens RS512.
import { describe, expect, it } from 'vitest';
import { explainJoseHeader } from '../../src/lib/inspect/internal/claim-notes';

describe('the alg header note', () => {
  it('explains RS512 as Cognito Identity’s algorithm, and never says Cognito signs with RS256 only', () => {
    const [alg] = explainJoseHeader({ alg: 'RS512' }, 'openid');
    expect(alg?.explanation).toMatch(/^RS512: an RSA signature over SHA-512/);
    expect(alg?.explanation).toContain('Cognito Identity');
    const [other] = explainJoseHeader({ alg: 'HS256' }, 'id');
    expect(other?.explanation).not.toMatch(/RS256 only/);
    expect(other?.explanation).toContain('RS512');
  });
});
