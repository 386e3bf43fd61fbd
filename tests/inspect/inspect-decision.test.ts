// inspectDecision on recorded IAM decisions: Allow (identity-pool), default deny (guest-access), LeadingKeys (own-orders-only).
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

/** A guest's request: the role's permissions, then Cognito's scope-down session policy, exactly. */
function guestPair(view: ReturnType<typeof inspectDecision>): [DecisionView, DecisionView] {
  const [permissions, session] = view?.decisions ?? [];
  if (
    view === undefined ||
    permissions === undefined ||
    session === undefined ||
    view.decisions.length !== 2
  ) {
    throw new Error('expected exactly two decisions');
  }
  return [permissions, session];
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
    const view = only(inspectDecision(request, world.roles));
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
    expect(view.documents.status).toBe('as-recorded');
    expect(view.principal).toMatch(/^arn:aws:sts::123456789012:assumed-role\/TwoPools_Authenticated\//);
    expect(view.context['dynamodb:LeadingKeys']).toEqual(['42']);

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

    expect(statement?.why).toBe(request.decisions?.[0]?.statements[0]?.because);
    expect(statement?.why).toMatch(/^action dynamodb:GetItem matches dynamodb:GetItem; resource /);

    // An allowed read of an order: no note about LeadingKeys or someone else's items, which belong to the
    // unrelated OwnNotesOnly policy on another table.
    expect(view.notes.filter((note) => /LeadingKeys|someone else/i.test(note))).toEqual([]);

    // OwnNotesOnly covers GetItem, but on the UserNotes table.
    expect(policy(view, 'OwnNotesOnly').statements[0]).toMatchObject({ role: 'failed' });
    expect(policy(view, 'OwnNotesOnly').statements[0]?.why).toMatch(
      /resource \S+\/Orders does not match \S+\/UserNotes/
    );

    const identityId = JSON.parse(entry(trace, byOperation('GetId')).response.body).IdentityId as string;
    expect(view.variables).toEqual([
      expect.objectContaining({
        placeholder: '${cognito-identity.amazonaws.com:sub}',
        value: identityId,
        // The role's S3 folder policy names the variable too: in the object ARN and in both s3:prefix values.
        occurrences: [
          { policy: 'OwnNotesOnly', lines: [16] },
          { policy: 'OwnPrivateFolder', lines: [11, 21, 22] }
        ]
      })
    ]);
    expect(policy(view, 'OwnNotesOnly').json.split('\n')[15]).toContain(
      '${cognito-identity.amazonaws.com:sub}'
    );
    expect(policy(view, 'OwnNotesOnly').resolvedJson.split('\n')[15]).toContain(identityId);
    expect(view.trustPolicy?.json).toContain('sts:AssumeRoleWithWebIdentity');
    expect(view.trustPolicy?.statements.every((candidate) => candidate.mark === 'not-checked')).toBe(true);
  });

  it('shows the S3 folder variable resolved to the identity id, not the user pool sub (s3-private-upload)', async () => {
    const { trace, world } = await play('s3-private-upload');
    const view = only(inspectDecision(entry(trace, byOperation('PutObject', 's3')), world.roles));
    const identityId = JSON.parse(entry(trace, byOperation('GetId')).response.body).IdentityId as string;
    expect(view).toMatchObject({
      action: 's3:PutObject',
      resource: `arn:aws:s3:::two-pools-avatars/private/${identityId}/avatar.png`,
      decision: 'Allow'
    });
    expect(view.variables).toEqual([
      expect.objectContaining({ placeholder: '${cognito-identity.amazonaws.com:sub}', value: identityId })
    ]);
    expect(identityId).not.toBe(world.config.demoUsers[0]?.sub);
    expect(policy(view, 'OwnPrivateFolder').statements[0]).toMatchObject({
      sid: 'OwnFolderObjects',
      role: 'deciding'
    });
  });

  it('explains the guest’s default deny: no statement covers the action (guest-access)', async () => {
    const { trace, world } = await play('guest-access');
    const [view, session] = guestPair(
      inspectDecision(entry(trace, byOperation('GetItem', 'dynamodb')), world.roles)
    );
    // Cognito's scope-down session policy denies as well, and is shown as a session decision of the same role.
    expect(session).toMatchObject({
      kind: 'session',
      decision: 'ImplicitDeny',
      allowed: false,
      mark: 'fail',
      roleName: 'TwoPools_Guest',
      policies: [],
      documents: { status: 'not-at-hand' }
    });
    expect(session.label).toMatch(/^session policy of TwoPools_Guest\//);
    expect(session.documents.note).toMatch(/session policy is passed to STS/);
    expect(session.explanation).toMatch(/A session policy only narrows the role/);
    expect(view).toMatchObject({
      kind: 'permissions',
      decision: 'ImplicitDeny',
      allowed: false,
      mark: 'fail',
      roleName: 'TwoPools_Guest',
      deciding: []
    });
    expect(view.inWords).toMatch(/^Denied by default: no statement allows dynamodb:GetItem/);
    expect(view.documents.status).toBe('as-recorded');
    expect(policy(view, 'AnalyticsOnly').statements[0]).toMatchObject({
      role: 'not-applicable',
      sid: 'AnalyticsOnly'
    });
    expect(policy(view, 'AnalyticsOnly').statements[0]?.why).toMatch(
      /^action dynamodb:GetItem (does not match|matches none of) /
    );
    expect(view.notes).toEqual([]);
  });

  it('shows the failed LeadingKeys condition when reading someone else’s notes (own-orders-only)', async () => {
    const { trace, world } = await play('own-orders-only');
    const denied = entry(
      trace,
      (candidate) => candidate.operation === 'Query' && candidate.outcome === 'refused'
    );
    const view = only(inspectDecision(denied, world.roles));
    expect(view.decision).toBe('ImplicitDeny');
    expect(view.documents.status).toBe('as-recorded');
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
    const ok = only(inspectDecision(allowed, world.roles));
    expect(policy(ok, 'OwnNotesOnly').statements[0]).toMatchObject({ role: 'deciding', mark: 'pass' });
    expect(ok.notes).toHaveLength(1);
  });

  it('warns that ForAllValues is true when a request names no partition key', async () => {
    const { trace, world } = await play('own-orders-only');
    const denied = entry(
      trace,
      (candidate) => candidate.operation === 'Query' && candidate.outcome === 'refused'
    );
    // A Query without a key condition on the partition key: the evaluator's context holds no LeadingKeys.
    const keyless: TraceEntry = {
      ...denied,
      decisions: (denied.decisions ?? []).map((decision) => ({
        ...decision,
        context: Object.fromEntries(
          Object.entries(decision.context).filter(([key]) => key !== 'dynamodb:LeadingKeys')
        ),
        decision: 'Allow',
        allowed: true,
        deciding: [{ policy: 'OwnNotesOnly', statementIndex: 0, sid: 'OwnNotesOnly', effect: 'Allow' }]
      }))
    };
    const view = only(inspectDecision(keyless, world.roles));
    expect(view.leadingKeys).toEqual({ present: false });
    expect(view.documents.status).toBe('as-recorded');
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
      action: 'sts:AssumeRoleWithWebIdentity',
      principal: 'cognito-identity.amazonaws.com'
    });
    expect(view.documents.status).toBe('as-recorded');
    const [statement] = view.policies[0]?.statements ?? [];
    expect(statement).toMatchObject({ role: 'deciding', mark: 'pass' });
    expect(statement?.conditions?.map((condition) => condition.result)).toEqual([true, true]);
  });

  it('without the roles, still gives the verdict in words and says why statements are not shown', async () => {
    const { trace } = await play('guest-access');
    const [view] = guestPair(inspectDecision(entry(trace, byOperation('GetItem', 'dynamodb'))));
    expect(view.policies).toEqual([]);
    expect(view.roleName).toBe('TwoPools_Guest');
    expect(view.documents).toMatchObject({ status: 'not-at-hand' });
    expect(view.documents.note).toMatch(/no roles were given/);
    expect(view.inWords).toMatch(/^Denied by default/);
  });

  it('says when the policies no longer hold the statements recorded', async () => {
    const { trace, world } = await play('identity-pool');
    const request = entry(trace, byOperation('GetItem', 'dynamodb'));
    const role = world.roles.byName('TwoPools_Authenticated');
    if (role === undefined) throw new Error('no role');
    const edited = [{ ...role, permissionPolicies: [] }];
    const view = only(inspectDecision(request, edited));
    expect(view.documents.status).toBe('changed');
    expect(view.decision).toBe('Allow');
    // A statement's Effect flipped since: its recorded outcome no longer belongs to it, so nothing is marked.
    const readOrders = role.permissionPolicies[0];
    if (readOrders === undefined) throw new Error('no policy');
    const statements = [readOrders.document.Statement].flat();
    const flipped = {
      ...readOrders,
      document: {
        ...readOrders.document,
        Statement: statements.map((statement) => ({ ...statement, Effect: 'Deny' as const }))
      }
    };
    const changed = only(
      inspectDecision(request, [
        { ...role, permissionPolicies: [flipped, ...role.permissionPolicies.slice(1)] }
      ])
    );
    expect(changed.documents.status).toBe('changed');
    expect(changed.policies.flatMap((view) => view.statements).every((view) => view.role === 'unknown')).toBe(
      true
    );
  });

  it('shows a resource-based policy decision from its record alone (no role owns that policy)', async () => {
    const { trace, world } = await play('identity-pool');
    const request = entry(trace, byOperation('GetItem', 'dynamodb'));
    const functionArn = 'arn:aws:lambda:us-east-1:123456789012:function:GetOrder';
    const invoke: TraceEntry = {
      ...request,
      decisions: (request.decisions ?? []).map((decision) => ({
        ...decision,
        kind: 'resource',
        label: 'resource-based policy of GetOrder',
        action: 'lambda:InvokeFunction',
        resource: functionArn,
        principal: 'apigateway.amazonaws.com'
      }))
    };
    const view = only(inspectDecision(invoke, world.roles));
    expect(view).toMatchObject({
      kind: 'resource',
      action: 'lambda:InvokeFunction',
      resource: functionArn,
      principal: 'apigateway.amazonaws.com',
      policies: []
    });
    expect(view.roleName).toBeUndefined();
    expect(view.documents).toMatchObject({ status: 'not-at-hand' });
    expect(view.documents.note).toMatch(/resource’s own policy/);
    expect(view.inWords).toBe(
      `Allowed: a statement allows lambda:InvokeFunction on ${functionArn}, and none denies it.`
    );
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
