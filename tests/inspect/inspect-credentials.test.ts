// inspectCredentials on real answers: identity pool JSON (epoch seconds) and STS XML, with the role and why.
import { describe, expect, it } from 'vitest';
import { inspectCredentials } from '../../src/lib/inspect';
import type { TraceEntry } from '../../src/lib/sim';
import { byOperation, entry, MINUTE, NOW, play } from './traces';

describe('inspectCredentials', () => {
  it('explains GetCredentialsForIdentity’s credentials and the default authenticated role (identity-pool)', async () => {
    const { trace, world } = await play('identity-pool');
    const found = entry(trace, byOperation('GetCredentialsForIdentity'));
    const view = inspectCredentials(found, NOW + MINUTE);
    expect(view).toBeDefined();
    if (view === undefined) return;
    const body = JSON.parse(found.response.body) as {
      IdentityId: string;
      Credentials: { AccessKeyId: string; SecretKey: string; SessionToken: string; Expiration: number };
    };
    expect(view.source).toBe('GetCredentialsForIdentity');
    expect(view.format).toBe('json');
    expect(view.identityId).toBe(body.IdentityId);
    expect(view.accessKeyId).toMatchObject({ value: body.Credentials.AccessKeyId, kind: 'temporary' });
    expect(view.accessKeyId.explanation).toMatch(/^ASIA…: temporary/);
    expect(view.secret.value).toBe(body.Credentials.SecretKey);
    expect(view.secret.length).toBe(40);
    expect(view.secret.masked).toBe(body.Credentials.SecretKey.slice(0, 4) + '•'.repeat(36));
    expect(view.sessionToken.length).toBe(body.Credentials.SessionToken.length);
    expect(view.sessionToken.truncated).toContain('…');
    expect(view.sessionToken.truncated.length).toBeLessThan(40);
    expect(view.expiration).toMatchObject({
      raw: String(body.Credentials.Expiration),
      iso: '2026-11-28T10:00:00.000Z',
      relative: 'expires in 59 min',
      expired: false
    });
    expect(view.expiration.explanation).toMatch(/seconds since 1970/);
    expect(view.role).toEqual({
      roleArn: world.config.identityPool.authenticatedRoleArn,
      roleName: 'TwoPools_Authenticated',
      source: 'trace'
    });
    expect(view.why?.choice).toBe('default-authenticated');
    expect(view.rows.map((row) => row.label)).toEqual([
      'Identity id',
      'Access key id',
      'Secret access key',
      'Session token',
      'Expiration',
      'Role',
      'Why this role'
    ]);
    expect(view.rows.some((row) => row.value.includes(body.Credentials.SecretKey))).toBe(false);
  });

  it('names the assumed-role session when given the world’s credential store', async () => {
    const { trace, world } = await play('identity-pool');
    const view = inspectCredentials(entry(trace, byOperation('GetCredentialsForIdentity')), NOW, {
      lookup: (id) => world.credentials.lookup(id)
    });
    expect(view?.role).toMatchObject({
      source: 'lookup',
      roleName: 'TwoPools_Authenticated',
      assumedRoleArn:
        'arn:aws:sts::123456789012:assumed-role/TwoPools_Authenticated/CognitoIdentityCredentials'
    });
  });

  it('reads STS’s XML answer and says the app chose the role (basic-flow)', async () => {
    const { trace } = await play('basic-flow');
    const view = inspectCredentials(entry(trace, byOperation('AssumeRoleWithWebIdentity')), NOW + 3 * MINUTE);
    expect(view).toBeDefined();
    if (view === undefined) return;
    expect(view.format).toBe('xml');
    expect(view.source).toBe('AssumeRoleWithWebIdentity');
    expect(view.accessKeyId.kind).toBe('temporary');
    expect(view.secret.length).toBe(40);
    expect(view.expiration).toMatchObject({ raw: '2026-11-28T10:00:00Z', relative: 'expires in 57 min' });
    expect(view.role).toMatchObject({
      source: 'response',
      roleName: 'TwoPools_Authenticated',
      roleArn: 'arn:aws:iam::123456789012:role/TwoPools_Authenticated',
      assumedRoleArn: 'arn:aws:sts::123456789012:assumed-role/TwoPools_Authenticated/two-pools-app'
    });
    expect(view.role?.assumedRoleId).toMatch(/^AROA\w{17}:two-pools-app$/);
    expect(view.why?.choice).toBe('requested');
    expect(view.why?.text).toMatch(/basic flow/);
    expect(view.why?.text).toMatch(/trust policy/);
    expect(view.subjectFromWebIdentityToken).toMatch(/^us-east-1:/);
  });

  it('explains an STS hop made by the identity pool through its parent’s role choice', async () => {
    const { trace } = await play('identity-pool');
    const hop = entry(trace, byOperation('AssumeRoleWithWebIdentity'));
    expect(hop.parentId).toBeDefined();
    const view = inspectCredentials(hop, NOW, { trace });
    expect(view?.why?.choice).toBe('default-authenticated');
    expect(view?.why?.text).toMatch(/enhanced flow/);
  });

  it('says a guest got the guest role (guest-access)', async () => {
    const { trace } = await play('guest-access');
    const view = inspectCredentials(entry(trace, byOperation('GetCredentialsForIdentity')), NOW);
    expect(view?.why?.choice).toBe('guest');
    expect(view?.role?.roleName).toBe('TwoPools_Guest');
    expect(view?.identityId).toMatch(/^us-east-1:/);
  });

  it('shows which role a Token or Rules mapping chose and what it looked at (groups-to-roles)', async () => {
    const { trace } = await play('groups-to-roles');
    const calls = trace.filter(byOperation('GetCredentialsForIdentity'));
    const [alice, bob, byRule] = calls.map((found) => inspectCredentials(found, NOW, { trace }));
    expect(alice?.role?.roleName).toBe('TwoPools_Authenticated');
    expect(alice?.why?.choice).toBe('ambiguous-default');
    expect(alice?.why?.evidence?.map((item) => [item.label, item.ok])).toEqual([
      ['the provider has a role mapping (Token or Rules)', true],
      ['the token names one role (cognito:preferred_role, or a single cognito:roles)', false]
    ]);
    expect(bob?.role?.roleName).toBe('TwoPools_Managers');
    expect(bob?.why?.choice).toBe('token');
    expect(bob?.why?.evidence?.[1]?.detail).toMatch(
      /^cognito:preferred_role arn:aws:iam::123456789012:role\/TwoPools_Managers;/
    );
    expect(byRule?.role?.roleName).toBe('TwoPools_Managers');
    expect(byRule?.why?.choice).toBe('rules');
    expect(byRule?.why?.evidence?.at(-1)).toMatchObject({
      label: 'a role mapping rule matches the token’s claims',
      ok: true,
      detail: expect.stringMatching(/^rule 1: cognito:groups Contains "managers"/)
    });
    // The STS hop below reads the same record from its parent, the identity pool.
    const hop = trace.filter(byOperation('AssumeRoleWithWebIdentity')).at(-1)!;
    expect(inspectCredentials(hop, NOW, { trace })?.why?.evidence).toEqual(byRule?.why?.evidence);
    // Without a mapping there is nothing more to show than the choice itself.
    const { trace: plain } = await play('identity-pool');
    expect(
      inspectCredentials(entry(plain, byOperation('GetCredentialsForIdentity')), NOW)?.why?.evidence
    ).toBeUndefined();
  });

  it('says "expired 3 min ago" after the expiry, and marks the row ✗', async () => {
    const { trace } = await play('identity-pool');
    const view = inspectCredentials(
      entry(trace, byOperation('GetCredentialsForIdentity')),
      NOW + 63 * MINUTE
    );
    expect(view?.expiration).toMatchObject({ relative: 'expired 3 min ago', expired: true });
    expect(view?.rows.find((row) => row.label === 'Expiration')?.mark).toBe('fail');
  });

  it('recognises a long-term AKIA key', async () => {
    const { trace } = await play('identity-pool');
    const found = entry(trace, byOperation('GetCredentialsForIdentity'));
    const forged: TraceEntry = {
      ...found,
      checks: [],
      response: {
        ...found.response,
        body: JSON.stringify({
          Credentials: { AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', SecretKey: 'x', Expiration: 'soon' }
        })
      }
    };
    const view = inspectCredentials(forged, NOW);
    expect(view?.accessKeyId.kind).toBe('long-term');
    expect(view?.expiration).toMatchObject({ raw: 'soon', relative: 'no valid expiry time' });
    expect(view?.secret.masked).toBe('•');
    expect(view?.role).toBeUndefined();
  });

  it('returns undefined for an answer without credentials', async () => {
    const { trace } = await play('identity-pool');
    expect(inspectCredentials(entry(trace, byOperation('GetId')), NOW)).toBeUndefined();
    expect(inspectCredentials(entry(trace, byOperation('GetItem')), NOW)).toBeUndefined();
  });
});
