// decisionRecord: the evaluator's Decision turned into the trace's full record, every statement in plain words.
import { describe, expect, it } from 'vitest';
import {
  decisionRecord,
  evaluatePolicies,
  evaluateTrustPolicy,
  type PolicyDocument,
  type RequestContext
} from '../../../src/lib/sim/iam';
import {
  ACCOUNT,
  AUTHENTICATED_AMR,
  DENY_DELETE,
  IDENTITY_ID,
  OTHER_IDENTITY_ID,
  OWN_ITEMS_POLICY,
  POOL_ID,
  ROLE_SESSION_ARN,
  TABLE,
  authenticatedContext
} from './cases';

const NOTES = `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/UserNotes`;

const READ_ORDERS: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'ReadOrders', Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: TABLE }]
};

const NOT_ACTION: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'AllButScan', Effect: 'Allow', NotAction: 'dynamodb:Scan', Resource: '*' }]
};

function permissions(
  policies: { name: string; document: PolicyDocument }[],
  action: string,
  resource: string,
  context: RequestContext
) {
  const decision = evaluatePolicies({ policies, action, resource, context });
  return decisionRecord(decision, {
    label: `permissions for ${action}`,
    action,
    resource,
    principal: ROLE_SESSION_ARN,
    context
  });
}

describe('decisionRecord', () => {
  it('keeps the request, the verdict and every statement, the matching one with its sid and reasons', () => {
    const context = { ...authenticatedContext(), 'dynamodb:LeadingKeys': [IDENTITY_ID] };
    const record = permissions(
      [
        { name: 'ReadOrders', document: READ_ORDERS },
        { name: 'OwnItems', document: OWN_ITEMS_POLICY }
      ],
      'dynamodb:GetItem',
      TABLE,
      context
    );
    expect(record).toMatchObject({
      label: 'permissions for dynamodb:GetItem',
      kind: 'identity',
      action: 'dynamodb:GetItem',
      resource: TABLE,
      principal: ROLE_SESSION_ARN,
      decision: 'Allow',
      allowed: true
    });
    expect(record.context['dynamodb:LeadingKeys']).toEqual([IDENTITY_ID]);
    expect(record.context['cognito-identity.amazonaws.com:sub']).toBe(IDENTITY_ID);
    expect(record.statements).toHaveLength(2);
    const [orders, own] = record.statements;
    expect(orders).toMatchObject({
      policy: 'ReadOrders',
      index: 0,
      sid: 'ReadOrders',
      effect: 'Allow',
      matched: true,
      actionMatched: true,
      conditions: []
    });
    expect(orders?.because).toBe(
      `action dynamodb:GetItem matches dynamodb:GetItem; resource ${TABLE} matches ${TABLE}`
    );
    expect(own).toMatchObject({ sid: 'OwnItemsOnly', matched: true });
    expect(own?.because).toContain('action dynamodb:GetItem matches dynamodb:GetItem');
    expect(own?.because).toContain(
      `condition ForAllValues:StringEquals dynamodb:LeadingKeys = [${IDENTITY_ID}] holds (request has [${IDENTITY_ID}])`
    );
    expect(own?.conditions).toEqual([
      expect.objectContaining({
        operator: 'ForAllValues:StringEquals',
        key: 'dynamodb:LeadingKeys',
        values: [IDENTITY_ID],
        contextValues: [IDENTITY_ID],
        result: true
      })
    ]);
    expect(record.deciding.map((entry) => entry.sid)).toEqual(['ReadOrders', 'OwnItemsOnly']);
    expect(record.resolvedVariables).toEqual({ 'cognito-identity.amazonaws.com:sub': IDENTITY_ID });
  });

  it('says which part failed: another action, another resource, a failing condition', () => {
    const context = { ...authenticatedContext(), 'dynamodb:LeadingKeys': [OTHER_IDENTITY_ID] };
    const record = permissions(
      [
        { name: 'ReadOrders', document: READ_ORDERS },
        { name: 'OwnItems', document: OWN_ITEMS_POLICY }
      ],
      'dynamodb:Query',
      NOTES,
      context
    );
    expect(record.decision).toBe('ImplicitDeny');
    const [orders, own] = record.statements;
    expect(orders).toMatchObject({ matched: false, actionMatched: false });
    expect(orders?.because).toBe(
      `action dynamodb:Query does not match dynamodb:GetItem; resource ${NOTES} does not match ${TABLE}`
    );
    expect(own).toMatchObject({ matched: false, actionMatched: true });
    expect(own?.because).toContain(
      `condition ForAllValues:StringEquals dynamodb:LeadingKeys = [${IDENTITY_ID}] fails (request has [${OTHER_IDENTITY_ID}])`
    );
  });

  it('words NotAction, an explicit Deny, and a key absent from the request', () => {
    const record = permissions(
      [
        { name: 'AllButScan', document: NOT_ACTION },
        { name: 'DenyDelete', document: DENY_DELETE },
        { name: 'OwnItems', document: OWN_ITEMS_POLICY }
      ],
      'dynamodb:DeleteItem',
      TABLE,
      authenticatedContext()
    );
    expect(record.decision).toBe('ExplicitDeny');
    const [allButScan, deny] = record.statements;
    expect(allButScan?.because).toMatch(
      /^action dynamodb:DeleteItem is not excluded by NotAction dynamodb:Scan; resource \S+ matches \*$/
    );
    expect(deny).toMatchObject({ effect: 'Deny', matched: true });
    expect(record.deciding).toEqual([expect.objectContaining({ policy: 'DenyDelete', effect: 'Deny' })]);
    const own = record.statements.find((statement) => statement.policy === 'OwnItems');
    expect(own?.because).toContain(
      'dynamodb:LeadingKeys is absent, and ForAllValues is true when there are no values to check'
    );
    expect(own?.conditions[0]?.contextValues).toBeUndefined();
  });

  it('says when a policy variable has no value', () => {
    const context: RequestContext = { 'dynamodb:LeadingKeys': [IDENTITY_ID] };
    const record = permissions(
      [{ name: 'OwnItems', document: OWN_ITEMS_POLICY }],
      'dynamodb:GetItem',
      TABLE,
      context
    );
    expect(record.statements[0]?.matched).toBe(false);
    expect(record.statements[0]?.because).toContain(
      'cannot be judged: policy variable ${cognito-identity.amazonaws.com:sub} has no value in this request'
    );
  });

  it('records a trust-policy decision with the principal compared', () => {
    const policy: PolicyDocument = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: 'cognito-identity.amazonaws.com' },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringEquals: { 'cognito-identity.amazonaws.com:aud': POOL_ID } }
        }
      ]
    };
    const context = {
      'cognito-identity.amazonaws.com:aud': POOL_ID,
      'cognito-identity.amazonaws.com:amr': AUTHENTICATED_AMR
    };
    const roleArn = `arn:aws:iam::${ACCOUNT}:role/Auth`;
    const principal = { type: 'Federated' as const, id: 'accounts.google.com' };
    const decision = evaluateTrustPolicy({ policy, principal, roleArn, context });
    const record = decisionRecord(decision, {
      label: 'trust policy of Auth',
      action: 'sts:AssumeRoleWithWebIdentity',
      resource: roleArn,
      principal: principal.id,
      context
    });
    expect(record.decision).toBe('ImplicitDeny');
    expect(record.kind).toBe('trust');
    expect(record.context['cognito-identity.amazonaws.com:amr']).toEqual(AUTHENTICATED_AMR);
    expect(record.statements[0]?.because).toBe(
      'action sts:AssumeRoleWithWebIdentity matches sts:AssumeRoleWithWebIdentity; principal accounts.google.com does not match Federated cognito-identity.amazonaws.com; ' +
        `condition StringEquals cognito-identity.amazonaws.com:aud = [${POOL_ID}] holds (request has [${POOL_ID}])`
    );
  });

  it('copies what it records and drops absent keys, so a later change to the context does not reach the trace', () => {
    const leading = [IDENTITY_ID];
    const context: RequestContext = {
      ...authenticatedContext(),
      'aws:SourceIp': undefined,
      'dynamodb:LeadingKeys': leading
    };
    const record = permissions(
      [{ name: 'OwnItems', document: OWN_ITEMS_POLICY }],
      'dynamodb:GetItem',
      TABLE,
      context
    );
    leading.push(OTHER_IDENTITY_ID);
    expect(record.context['dynamodb:LeadingKeys']).toEqual([IDENTITY_ID]);
    expect(Object.keys(record.context)).not.toContain('aws:SourceIp');
  });
});
