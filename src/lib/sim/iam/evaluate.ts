// IAM policy evaluation for the simulated cloud: identity policies on a request, role trust policies, and
// resource-based policies (a Lambda function's).

/*
 * Hand-written (see policy.ts for why). Implements the part of the IAM evaluation logic a Cognito identity
 * pool role needs: "By default, all requests are implicitly denied ... An explicit allow in an
 * identity-based policy overrides this default ... An explicit deny in any policy overrides any allows"
 * (IAM guide, policy evaluation logic). Statement order never matters. No SCPs or permission boundaries:
 * the simulation has none. Session policies are evaluated on their own (`evaluateSessionPolicy`): a role
 * session's effective permissions are the intersection of the role's identity policies and the session policy,
 * so the service that asks needs both to allow, and an explicit deny in either denies. Each function evaluates
 * one kind of policy; a caller that needs two (a role calling a function) combines the decisions.
 */

import { evaluateCondition, type ConditionTrace } from './conditions';
import {
  parsePolicyDocument,
  type NormalizedPolicy,
  type NormalizedPrincipal,
  type NormalizedStatement,
  type PolicyDocument,
  type PolicyErrorCode,
  type PolicyKind
} from './policy';
import {
  ContextView,
  expandVariables,
  literalPattern,
  wildcardMatch,
  type RequestContext
} from './variables';

export type Effect = 'Allow' | 'Deny';

export interface DecidingStatement {
  policy: string;
  statementIndex: number;
  sid?: string;
  effect: Effect;
}

/** One part of a statement (Action, Resource, Principal or their Not- forms) and what it was compared with. */
export interface ComparedPart {
  field: 'Action' | 'NotAction' | 'Resource' | 'NotResource' | 'Principal' | 'NotPrincipal';
  /** The statement's patterns, policy variables substituted where they could be (principals as `Type id`). */
  patterns: string[];
  /** The first pattern that matched the request's value, if any. */
  hit?: string;
}

/** How one statement fared, for the UI to show why a request was allowed or denied. */
export interface StatementTrace extends DecidingStatement {
  matched: boolean;
  actionMatched: boolean;
  resourceMatched: boolean;
  principalMatched: boolean;
  conditionsMatched: boolean;
  conditions: ConditionTrace[];
  /** Policy variables the statement needed but the request context could not supply. */
  unresolved: string[];
  /** What each part was compared with: the statement's side of `actionMatched`, `resourceMatched`, ... */
  compared: { action: ComparedPart; resource?: ComparedPart; principal?: ComparedPart };
}

export interface Decision {
  /** Which policies were evaluated: a caller's identity policies, a role's trust policy, a resource's policy. */
  kind: PolicyKind;
  decision: 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';
  allowed: boolean;
  /** All matching Deny statements if any, else the matching Allow statements (empty for a default deny). */
  deciding: DecidingStatement[];
  /** Plain words for learners. */
  explanation: string;
  /** Every policy variable substituted during evaluation, e.g. `cognito-identity.amazonaws.com:sub`. */
  resolvedVariables: Record<string, string>;
  trace: StatementTrace[];
  /** Malformed documents; when present the request is denied without evaluating anything. */
  errors?: { policy: string; code: PolicyErrorCode; message: string; statementIndex?: number }[];
}

export interface NamedPolicy {
  name: string;
  document: PolicyDocument;
}

export interface EvaluationRequest {
  policies: NamedPolicy[];
  /** e.g. `dynamodb:GetItem` */
  action: string;
  /** e.g. `arn:aws:dynamodb:us-east-1:123456789012:table/Orders` */
  resource: string;
  context: RequestContext;
}

export interface TrustPrincipal {
  type: 'AWS' | 'Federated' | 'Service' | 'CanonicalUser';
  id: string;
}

export interface TrustEvaluationRequest {
  /** The role's trust policy (AssumeRolePolicyDocument). */
  policy: PolicyDocument;
  /** Shown in explanations; defaults to "trust policy". */
  name?: string;
  /** Defaults to the Cognito identity pool service principal. */
  principal?: TrustPrincipal;
  /** Defaults to `sts:AssumeRoleWithWebIdentity`. */
  action?: string;
  /** Trust policy statements rarely name a Resource; when one does it is matched against this. */
  roleArn?: string;
  /** e.g. `cognito-identity.amazonaws.com:aud` (the identity pool id) and `...:amr` (a list). */
  context: RequestContext;
}

export interface ResourcePolicyEvaluationRequest {
  /** The resource's policy, e.g. a Lambda function's. */
  policy: PolicyDocument;
  /** Shown in explanations; defaults to "resource-based policy". */
  name?: string;
  /** Who asks: a service principal (`apigateway.amazonaws.com`) or an AWS principal's ARN. */
  principal: TrustPrincipal;
  /** e.g. `lambda:InvokeFunction` */
  action: string;
  /** The ARN of the resource the policy is attached to. */
  resource: string;
  /** e.g. `aws:SourceArn`, the ARN on whose behalf a service calls. */
  context: RequestContext;
}

export const COGNITO_IDENTITY_PRINCIPAL: TrustPrincipal = {
  type: 'Federated',
  id: 'cognito-identity.amazonaws.com'
};

interface Target {
  action: string;
  resource?: string;
  principal?: TrustPrincipal;
}

/** The principal patterns of a statement as `Type id` words, `*` for anyone. */
function principalPatterns(principal: NormalizedPrincipal): string[] {
  if (principal === '*') return ['*'];
  return principal.flatMap((entry) => entry.ids.map((id) => `${entry.type} ${id}`));
}

/** The first of a statement's principals that names the target, if any. */
function principalHit(principal: NormalizedPrincipal, target: TrustPrincipal): string | undefined {
  if (principal === '*') return '*';
  for (const entry of principal) {
    if (entry.type !== target.type) continue;
    const id = entry.ids.find((candidate) => candidate === '*' || candidate === target.id);
    if (id !== undefined) return `${entry.type} ${id}`;
  }
  return undefined;
}

function comparedPart(
  field: ComparedPart['field'],
  patterns: string[],
  hit: string | undefined
): ComparedPart {
  return hit === undefined ? { field, patterns } : { field, patterns, hit };
}

function evaluateStatement(
  policyName: string,
  policy: NormalizedPolicy,
  statement: NormalizedStatement,
  target: Target,
  context: ContextView,
  resolved: Record<string, string>
): StatementTrace {
  const variablesEnabled = policy.version === '2012-10-17';
  const unresolved: string[] = [];

  // "Action ... matching is case-insensitive", and wildcards may appear anywhere in the action name.
  const actionPatterns = statement.action ?? statement.notAction ?? [];
  const actionHit = actionPatterns.find((pattern) =>
    wildcardMatch(literalPattern(pattern), target.action, { ignoreCase: true })
  );
  const actionMatched = statement.action ? actionHit !== undefined : actionHit === undefined;
  const compared: StatementTrace['compared'] = {
    action: comparedPart(statement.action ? 'Action' : 'NotAction', actionPatterns, actionHit)
  };

  // Resource ARNs are case-sensitive and may contain policy variables.
  let resourceMatched = true;
  const resourcePatterns = statement.resource ?? statement.notResource;
  if (resourcePatterns !== undefined) {
    let hit: string | undefined;
    const shown: string[] = [];
    for (const pattern of resourcePatterns) {
      const expansion = expandVariables(pattern, variablesEnabled, context, resolved);
      if (!expansion.ok) {
        unresolved.push(expansion.unresolved);
        shown.push(pattern);
        continue;
      }
      shown.push(expansion.pattern.text);
      if (target.resource !== undefined && wildcardMatch(expansion.pattern, target.resource))
        hit ??= expansion.pattern.text;
    }
    resourceMatched = statement.resource ? hit !== undefined : hit === undefined;
    compared.resource = comparedPart(statement.resource ? 'Resource' : 'NotResource', shown, hit);
  }

  let principalMatched = true;
  if (target.principal !== undefined) {
    const named = statement.principal ?? statement.notPrincipal;
    if (named !== undefined) {
      const hit = principalHit(named, target.principal);
      principalMatched = statement.principal ? hit !== undefined : hit === undefined;
      compared.principal = comparedPart(
        statement.principal ? 'Principal' : 'NotPrincipal',
        principalPatterns(named),
        hit
      );
    }
  }

  // Keys within a block are ANDed, as are operators; values within one key are ORed (in conditions.ts).
  const conditions = statement.conditions.map((condition) =>
    evaluateCondition(condition, context, variablesEnabled, resolved)
  );
  for (const condition of conditions) if (condition.unresolved) unresolved.push(condition.unresolved);
  const conditionsMatched = conditions.every((condition) => condition.result);

  const trace: StatementTrace = {
    policy: policyName,
    statementIndex: statement.index,
    effect: statement.effect,
    // "If AWS cannot resolve a variable this might cause the entire statement to be invalid" (IAM guide).
    matched:
      unresolved.length === 0 && actionMatched && resourceMatched && principalMatched && conditionsMatched,
    actionMatched,
    resourceMatched,
    principalMatched,
    conditionsMatched,
    conditions,
    unresolved,
    compared
  };
  if (statement.sid !== undefined) trace.sid = statement.sid;
  return trace;
}

function describe(statement: DecidingStatement): string {
  const which = statement.sid ? `"${statement.sid}"` : `#${statement.statementIndex + 1}`;
  return `statement ${which} of ${JSON.stringify(statement.policy)}`;
}

function deciding(trace: StatementTrace): DecidingStatement {
  const out: DecidingStatement = {
    policy: trace.policy,
    statementIndex: trace.statementIndex,
    effect: trace.effect
  };
  if (trace.sid !== undefined) out.sid = trace.sid;
  return out;
}

/** Why the closest statement did not apply: the first failing part of each near-miss Allow. */
function nearMisses(traces: StatementTrace[]): string[] {
  const notes: string[] = [];
  for (const trace of traces) {
    if (trace.effect !== 'Allow' || trace.matched || !trace.actionMatched) continue;
    const name = describe(trace);
    if (trace.unresolved.length > 0) {
      const variables = trace.unresolved.map((key) => `\${${key}}`).join(', ');
      notes.push(
        `${name} uses ${variables}, which this request does not supply, so the statement does not apply.`
      );
    } else if (!trace.resourceMatched) {
      notes.push(`${name} allows the action but on other resources.`);
    } else if (!trace.principalMatched) {
      notes.push(`${name} names a different principal.`);
    } else {
      const failed = trace.conditions.find((condition) => !condition.result);
      notes.push(
        `${name} allows it only under a condition that fails: ${failed?.note ?? 'a condition is false.'}`
      );
    }
  }
  return notes;
}

function decide(
  traces: StatementTrace[],
  resolvedVariables: Record<string, string>,
  what: string
): Omit<Decision, 'kind'> {
  const denies = traces.filter((trace) => trace.matched && trace.effect === 'Deny');
  const allows = traces.filter((trace) => trace.matched && trace.effect === 'Allow');
  if (denies.length > 0) {
    const names = denies.map(describe).join(' and ');
    const overridden =
      allows.length > 0
        ? ` It overrides ${allows.map(describe).join(' and ')}, which would have allowed it.`
        : '';
    return {
      decision: 'ExplicitDeny',
      allowed: false,
      deciding: denies.map(deciding),
      explanation: `Denied explicitly: ${names} denies ${what}. An explicit Deny always wins over any Allow, wherever it appears.${overridden}`,
      resolvedVariables,
      trace: traces
    };
  }
  if (allows.length > 0) {
    return {
      decision: 'Allow',
      allowed: true,
      deciding: allows.map(deciding),
      explanation: `Allowed: ${allows.map(describe).join(' and ')} allows ${what}, and no statement denies it.`,
      resolvedVariables,
      trace: traces
    };
  }
  const misses = nearMisses(traces);
  return {
    decision: 'ImplicitDeny',
    allowed: false,
    deciding: [],
    explanation: `Denied by default: no statement allows ${what}. IAM denies everything that is not explicitly allowed.${
      misses.length > 0 ? ' ' + misses.join(' ') : ''
    }`,
    resolvedVariables,
    trace: traces
  };
}

function evaluate(
  policies: { name: string; document: unknown }[],
  kind: PolicyKind,
  target: Target,
  context: RequestContext,
  what: string
): Decision {
  const parsed: { name: string; policy: NormalizedPolicy }[] = [];
  const errors: NonNullable<Decision['errors']> = [];
  for (const { name, document } of policies) {
    const result = parsePolicyDocument(document, kind);
    if (result.ok) parsed.push({ name, policy: result.policy });
    else errors.push({ policy: name, ...result.error });
  }
  if (errors.length > 0) {
    // IAM would never have accepted such a document; fail closed rather than evaluate half a policy set.
    return {
      kind,
      decision: 'ImplicitDeny',
      allowed: false,
      deciding: [],
      explanation: `Not evaluated: ${errors.map((error) => `policy ${JSON.stringify(error.policy)} is malformed (${error.message})`).join('; ')}. IAM rejects a malformed policy when it is saved, so it can never grant anything.`,
      resolvedVariables: {},
      trace: [],
      errors
    };
  }
  const view = new ContextView(context);
  const resolved: Record<string, string> = {};
  const traces = parsed.flatMap(({ name, policy }) =>
    policy.statements.map((statement) => evaluateStatement(name, policy, statement, target, view, resolved))
  );
  return { kind, ...decide(traces, resolved, what) };
}

/**
 * Evaluates the identity policies attached to a principal (e.g. the role behind Cognito credentials) for one
 * action on one resource. Never throws: a malformed document yields a denial that lists the errors.
 */
export function evaluatePolicies(request: EvaluationRequest): Decision {
  return evaluate(
    request.policies,
    'identity',
    { action: request.action, resource: request.resource },
    request.context,
    `${request.action} on ${request.resource}`
  );
}

export interface SessionPolicyEvaluationRequest {
  /** The session policy passed to STS when the session was created. */
  policy: PolicyDocument;
  /** Shown in explanations; defaults to "session policy". */
  name?: string;
  action: string;
  resource: string;
  context: RequestContext;
}

/**
 * Evaluates the session policy of a role session for one action on one resource. It grants nothing on its own:
 * the request is allowed only if the role's identity policies allow it too (the caller combines the two).
 */
export function evaluateSessionPolicy(request: SessionPolicyEvaluationRequest): Decision {
  const name = request.name ?? 'session policy';
  const decision = evaluate(
    [{ name, document: request.policy }],
    'session',
    { action: request.action, resource: request.resource },
    request.context,
    `${request.action} on ${request.resource}`
  );
  const scope =
    'A session policy only narrows the role: the session may do only what the role’s policies and this policy both allow.';
  return { ...decision, explanation: `${decision.explanation} ${scope}` };
}

/**
 * Evaluates a role's trust policy for AssumeRoleWithWebIdentity from the Cognito identity pool: the statement
 * must name the principal `{"Federated": "cognito-identity.amazonaws.com"}`, the action, and usually
 * conditions on `cognito-identity.amazonaws.com:aud` (the identity pool id) and `...:amr` (a multivalued key:
 * ["authenticated", "cognito-idp.<region>.amazonaws.com/<pool>", "...:CognitoSignIn:<sub>"] or
 * ["unauthenticated"]).
 */
export function evaluateTrustPolicy(request: TrustEvaluationRequest): Decision {
  const principal = request.principal ?? COGNITO_IDENTITY_PRINCIPAL;
  const action = request.action ?? 'sts:AssumeRoleWithWebIdentity';
  const target: Target = { action, principal, resource: request.roleArn ?? '*' };
  return evaluate(
    [{ name: request.name ?? 'trust policy', document: request.policy }],
    'trust',
    target,
    request.context,
    `${action} by ${principal.type} principal ${principal.id}`
  );
}

/**
 * Evaluates a resource-based policy for one principal, action and resource: a statement applies only when it
 * names the principal, and conditions such as `ArnLike aws:SourceArn` say on whose behalf a service may call.
 * Lambda's "Allow apigateway.amazonaws.com to invoke, from this API only" is such a policy.
 */
export function evaluateResourcePolicy(request: ResourcePolicyEvaluationRequest): Decision {
  const { principal, action, resource } = request;
  return evaluate(
    [{ name: request.name ?? 'resource-based policy', document: request.policy }],
    'resource',
    { action, resource, principal },
    request.context,
    `${action} on ${resource} by ${principal.type} principal ${principal.id}`
  );
}
