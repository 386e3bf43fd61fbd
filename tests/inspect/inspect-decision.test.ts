// inspectDecision on real IAM decisions: Allow (identity-pool), default deny (guest-access), LeadingKeys (own-orders-only).
import { describe, expect, it } from 'vitest';
import { inspectDecision, type DecisionView, type PolicyView } from '../../src/lib/inspect';
import { prettyJsonWithRanges } from '../../src/lib/inspect/internal/json';
import type { TraceEntry } from '../../src/lib/sim';
import { byOperation, entry, play } from './traces';

function only(view: ReturnType<typeof inspectDecision>): DecisionView {
  const decision = view?.decisions[0];
  if (view === undefined || decision === undefined || view.decisions.length !== 1) {
    throw new Error('expected exactly one decision');
  }
  return decision;
}

function policy(view: DecisionView, name: string): PolicyView {
  const found = view.policies.find((candidate) => candidate.name === name);
  if (found === undefined) throw new Error(`no policy ${name}`);
  return found;
}

/** The text of a statement's lines, to check the ranges point at the statement itself. */
function linesOf(text: string, range: { start: number; end: number }): string[] {
  return text.split('\n').slice(range.start - 1, range.end);
}

describe('inspectDecision', () => {
  it('marks the deciding Allow statement and resolves ${cognito-identity.amazonaws.com:sub} (identity-pool)', async () => {
    const { trace, world } = await play('identity-pool');
    const request = entry(trace, byOperation('GetItem', 'dynamodb'));
    const view = only(
      inspectDecision(request, world.roles, { sessions: (id) => world.credentials.lookup(id) })
    );
    expect(view).toMatchObject({
      kind: 'permissions',
      roleName: 'TwoPools_Authenticated',
      action: 'dynamodb:GetItem',
      resource: 'arn:aws:dynamodb:us-east-1:123456789012:table/Orders',
      decision: 'Allow',
      allowed: true,
      mark: 'pass'
    });
    expect(view.inWords).toMatch(/^Allowed/);
    expect(view.reevaluation.status).toBe('reproduced');

    const readOrders = policy(view, 'ReadOrders');
    expect(readOrders.json).toBe(
      JSON.stringify(world.roles.byName('TwoPools_Authenticated')?.permissionPolicies[0]?.document, null, 2)
    );
    const [statement] = readOrders.statements;
    expect(statement).toMatchObject({ index: 0, sid: 'ReadOrders', role: 'deciding', mark: 'pass' });
    const lines = linesOf(readOrders.json, statement?.lines ?? { start: 0, end: 0 });
    expect(lines[0]).toBe('    {');
    expect(lines[1]).toBe('      "Sid": "ReadOrders",');
    expect(lines.at(-1)).toBe('    }');

    // OwnNotesOnly covers GetItem, but on the UserNotes table.
    expect(policy(view, 'OwnNotesOnly').statements[0]).toMatchObject({ role: 'failed' });
    expect(policy(view, 'OwnNotesOnly').statements[0]?.why).toMatch(/other resources/);

    const identityId = JSON.parse(entry(trace, byOperation('GetId')).response.body).IdentityId as string;
    expect(view.variables).toEqual([
      expect.objectContaining({
        placeholder: '${cognito-identity.amazonaws.com:sub}',
        value: identityId,
        occurrences: [{ policy: 'OwnNotesOnly', lines: [16] }]
      })
    ]);
    expect(policy(view, 'OwnNotesOnly').json.split('\n')[15]).toContain(
      '${cognito-identity.amazonaws.com:sub}'
    );
    expect(policy(view, 'OwnNotesOnly').resolvedJson.split('\n')[15]).toContain(identityId);
    expect(view.trustPolicy?.json).toContain('sts:AssumeRoleWithWebIdentity');
    expect(view.trustPolicy?.statements.every((candidate) => candidate.mark === 'not-checked')).toBe(true);
  });

  it('explains the guest’s default deny: no statement covers the action (guest-access)', async () => {
    const { trace, world } = await play('guest-access');
    const view = only(inspectDecision(entry(trace, byOperation('GetItem', 'dynamodb')), world.roles));
    expect(view).toMatchObject({
      decision: 'ImplicitDeny',
      allowed: false,
      mark: 'fail',
      roleName: 'TwoPools_Guest',
      deciding: []
    });
    expect(view.inWords).toMatch(/^Denied by default: no statement allows dynamodb:GetItem/);
    expect(view.reevaluation.status).toBe('reproduced');
    expect(policy(view, 'AnalyticsOnly').statements[0]).toMatchObject({
      role: 'not-applicable',
      sid: 'AnalyticsOnly'
    });
    expect(policy(view, 'AnalyticsOnly').statements[0]?.why).toBe('Does not cover dynamodb:GetItem.');
    expect(view.notes).toEqual([]);
  });

  it('shows the failed LeadingKeys condition when reading someone else’s notes (own-orders-only)', async () => {
    const { trace, world } = await play('own-orders-only');
    const denied = entry(
      trace,
      (candidate) => candidate.operation === 'Query' && candidate.outcome === 'refused'
    );
    const view = only(
      inspectDecision(denied, world.roles, { sessions: (id) => world.credentials.lookup(id) })
    );
    expect(view.decision).toBe('ImplicitDeny');
    expect(view.reevaluation.status).toBe('reproduced');
    const [statement] = policy(view, 'OwnNotesOnly').statements;
    expect(statement).toMatchObject({ role: 'failed', mark: 'fail' });
    expect(statement?.conditions).toEqual([
      expect.objectContaining({
        operator: 'ForAllValues:StringEquals',
        key: 'dynamodb:LeadingKeys',
        result: false
      })
    ]);
    const condition = linesOf(
      policy(view, 'OwnNotesOnly').json,
      statement?.conditionLines ?? { start: 0, end: 0 }
    );
    expect(condition[0]).toBe('      "Condition": {');
    expect(view.leadingKeys).toEqual({ present: true, values: [expect.stringMatching(/^us-east-1:/)] });
    expect(view.notes[0]).toMatch(/not the user pool’s sub/);
    expect(view.notes[1]).toMatch(/someone else’s items/);
    // The allowed Query on the caller's own partition key: the same statement decides, with the condition true.
    const allowed = entry(
      trace,
      (candidate) => candidate.operation === 'Query' && candidate.outcome === 'ok'
    );
    const ok = only(
      inspectDecision(allowed, world.roles, { sessions: (id) => world.credentials.lookup(id) })
    );
    expect(policy(ok, 'OwnNotesOnly').statements[0]).toMatchObject({ role: 'deciding', mark: 'pass' });
    expect(ok.notes).toHaveLength(1);
  });

  it('warns that ForAllValues is true when a request names no partition key', async () => {
    const { trace, world } = await play('own-orders-only');
    const denied = entry(
      trace,
      (candidate) => candidate.operation === 'Query' && candidate.outcome === 'refused'
    );
    // A Query without a key condition on the partition key: DynamoDB records "no partition keys".
    const keyless: TraceEntry = {
      ...denied,
      checks: denied.checks.map((check) =>
        check.id === 'iam.permission'
          ? {
              ...check,
              detail: (check.detail ?? '').replace(/partition keys \[.*?\]:/, 'no partition keys:')
            }
          : check
      ),
      decisions: (denied.decisions ?? []).map((decision) => ({
        ...decision,
        decision: 'Allow',
        allowed: true,
        deciding: [{ policy: 'OwnNotesOnly', statementIndex: 0, sid: 'OwnNotesOnly', effect: 'Allow' }]
      }))
    };
    const view = only(
      inspectDecision(keyless, world.roles, { sessions: (id) => world.credentials.lookup(id) })
    );
    expect(view.leadingKeys).toEqual({ present: false });
    expect(view.reevaluation.status).toBe('reproduced');
    expect(view.notes.some((note) => /ForAllValues over an absent key is true/.test(note))).toBe(true);
    expect(view.notes.some((note) => /and here it did/.test(note))).toBe(true);
  });

  it('explains STS’s trust-policy decision (basic-flow)', async () => {
    const { trace, world } = await play('basic-flow');
    const view = only(inspectDecision(entry(trace, byOperation('AssumeRoleWithWebIdentity')), world.roles));
    expect(view).toMatchObject({
      kind: 'trust',
      decision: 'Allow',
      roleName: 'TwoPools_Authenticated',
      action: 'sts:AssumeRoleWithWebIdentity'
    });
    expect(view.reevaluation.status).toBe('reproduced');
    const [statement] = view.policies[0]?.statements ?? [];
    expect(statement).toMatchObject({ role: 'deciding', mark: 'pass' });
    expect(statement?.conditions?.map((condition) => condition.result)).toEqual([true, true]);
  });

  it('without the roles, still gives the verdict in words and says why statements are not shown', async () => {
    const { trace } = await play('guest-access');
    const view = only(inspectDecision(entry(trace, byOperation('GetItem', 'dynamodb'))));
    expect(view.policies).toEqual([]);
    expect(view.roleName).toBe('TwoPools_Guest');
    expect(view.reevaluation).toMatchObject({ status: 'not-possible' });
    expect(view.reevaluation.note).toMatch(/no roles were given/);
    expect(view.inWords).toMatch(/^Denied by default/);
  });

  it('says when the policies no longer give the recorded verdict', async () => {
    const { trace, world } = await play('identity-pool');
    const request = entry(trace, byOperation('GetItem', 'dynamodb'));
    const role = world.roles.byName('TwoPools_Authenticated');
    if (role === undefined) throw new Error('no role');
    const edited = [{ ...role, permissionPolicies: [] }];
    const view = only(inspectDecision(request, edited));
    expect(view.reevaluation.status).toBe('differs');
    expect(view.decision).toBe('Allow');
  });

  it('returns undefined for an exchange without IAM decisions', async () => {
    const { trace } = await play('identity-pool');
    expect(inspectDecision(entry(trace, byOperation('GetId')))).toBeUndefined();
  });
});

describe('prettyJsonWithRanges', () => {
  it('prints exactly as JSON.stringify(value, null, 2) does', () => {
    const values: unknown[] = [
      { a: [], b: {}, c: [1, { d: null }], e: 'x"y', f: true, g: undefined },
      [],
      'text',
      [[[]]],
      { Statement: { Effect: 'Allow' } }
    ];
    for (const value of values) expect(prettyJsonWithRanges(value).text).toBe(JSON.stringify(value, null, 2));
  });

  it('records the lines of each member and element', () => {
    const { ranges } = prettyJsonWithRanges({ Statement: [{ A: 1 }, { B: [2, 3] }] });
    expect(ranges.get('Statement/0')).toEqual({ start: 3, end: 5 });
    expect(ranges.get('Statement/1')).toEqual({ start: 6, end: 11 });
    expect(ranges.get('Statement/1/B')).toEqual({ start: 7, end: 10 });
    expect(ranges.get('')).toEqual({ start: 1, end: 13 });
  });
});
