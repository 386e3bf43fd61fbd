// inspectDecision: the IAM decision a service recorded — the role's policies as JSON, the deciding statements marked.

/*
 * The trace records the verdict, the deciding statements and the variables substituted, not the evaluator's
 * statement-by-statement account. When the roles are at hand, the decision is evaluated again with the
 * project's own evaluator (sim/iam) over a context rebuilt from the request, and that account is shown only if
 * it reproduces the recorded verdict exactly; otherwise the panel says it cannot tell why each statement failed.
 */

import {
  evaluatePolicies,
  evaluateTrustPolicy,
  type Decision,
  type RequestContext,
  type StatementTrace
} from '../sim/iam';
import type { PolicyDocument } from '../sim/iam';
import type { Role } from '../sim/iam/roles';
import type { TraceDecision, TraceEntry } from '../sim/trace';
import { formFields, header, isRecord, parseUrl } from '../sim';
import { prettyJsonWithRanges } from './internal/json';
import { decodeJwtForDisplay } from './internal/jwt-decode';
import { isoTime } from './internal/time';
import type { LineRange, Mark } from './types';

/** The world's roles: its RoleStore, or a plain list. */
export type RoleSource = { byName(roleName: string): Role | undefined } | readonly Role[];

/** What the credential store knows about a session (IssuedSession fits). */
export interface SessionRecord {
  roleArn: string;
  assumedRoleId?: string;
  variables?: RequestContext;
}

export interface DecisionInspectionOptions {
  /** The world's credential store (`world.credentials.lookup`): the session's exact policy variables. */
  sessions?: (accessKeyId: string) => SessionRecord | undefined;
}

export type StatementRole =
  /** Decided the outcome (a matching Deny, or the matching Allows when nothing denied). */
  | 'deciding'
  /** Allowed the action, but a matching Deny overrode it. */
  | 'overridden'
  /** Covers the action but did not apply: wrong resource, failed condition, unresolved variable. */
  | 'failed'
  /** Does not cover the action at all. */
  | 'not-applicable'
  /** Not known: the decision could not be evaluated again. */
  | 'unknown';

export interface ConditionView {
  operator: string;
  key: string;
  values: string[];
  contextValues?: string[];
  result: boolean;
  note: string;
}

export interface StatementView {
  index: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
  /** Where the statement sits in the pretty JSON, for highlighting. */
  lines: LineRange;
  /** Where its Condition block sits, when it has one. */
  conditionLines?: LineRange;
  role: StatementRole;
  mark: Mark;
  /** Why it applied or did not, in words. */
  why?: string;
  conditions?: ConditionView[];
}

export interface PolicyView {
  name: string;
  kind: 'permission' | 'trust';
  /** The document as pretty JSON (`JSON.stringify(document, null, 2)`). */
  json: string;
  /** The same text with every resolved policy variable replaced by its value (same line numbers). */
  resolvedJson: string;
  statements: StatementView[];
}

export interface VariableView {
  /** `${cognito-identity.amazonaws.com:sub}` */
  placeholder: string;
  key: string;
  value?: string;
  explanation: string;
  /** Where it appears: policy name and 1-based line numbers in that policy's JSON. */
  occurrences: { policy: string; lines: number[] }[];
}

export interface DecisionView {
  label: string;
  kind: 'permissions' | 'trust';
  roleName?: string;
  roleArn?: string;
  action?: string;
  resource?: string;
  decision: TraceDecision['decision'];
  allowed: boolean;
  mark: Mark;
  /** The final Allow / Deny in words. */
  inWords: string;
  /** The evaluator's own explanation, as recorded. */
  explanation: string;
  deciding: TraceDecision['deciding'];
  /** The documents evaluated (empty when the role is not known). */
  policies: PolicyView[];
  /** For permission decisions: the role's trust policy, for context (nothing marked). */
  trustPolicy?: PolicyView;
  variables: VariableView[];
  /** dynamodb:LeadingKeys of the request: the partition keys it touched, or absent (a Scan). */
  leadingKeys?: { present: true; values: string[] } | { present: false };
  notes: string[];
  reevaluation: { status: 'reproduced' | 'differs' | 'not-possible'; note: string };
}

export interface DecisionInspection {
  decisions: DecisionView[];
  /** Every decision allowed. */
  allowed: boolean;
}

const IDENTITY_SUB = 'cognito-identity.amazonaws.com:sub';
const LEADING_KEYS = 'dynamodb:leadingkeys';

function findRole(roles: RoleSource | undefined, name: string | undefined): Role | undefined {
  if (roles === undefined || name === undefined) return undefined;
  if (Array.isArray(roles)) return (roles as readonly Role[]).find((role) => role.roleName === name);
  return (roles as { byName(roleName: string): Role | undefined }).byName(name);
}

function statementsOf(document: PolicyDocument): unknown[] {
  const statement: unknown = (document as { Statement?: unknown }).Statement;
  return Array.isArray(statement) ? statement : statement === undefined ? [] : [statement];
}

function placeholders(text: string): string[] {
  return [...new Set(text.match(/\$\{[^}]*\}/g) ?? [])];
}

function variableKey(placeholder: string): string {
  const inner = placeholder.slice(2, -1).trim();
  return (/^([^,]+?)\s*,\s*'([^']*)'$/.exec(inner)?.[1] ?? inner).trim();
}

function lookupCaseless(record: Record<string, unknown>, key: string): unknown {
  const wanted = key.toLowerCase();
  for (const [name, value] of Object.entries(record)) if (name.toLowerCase() === wanted) return value;
  return undefined;
}

function resolveVariable(
  key: string,
  recorded: Record<string, string>,
  context: RequestContext | undefined
): string | undefined {
  const fromRecord = lookupCaseless(recorded, key);
  if (typeof fromRecord === 'string') return fromRecord;
  const fromContext = context === undefined ? undefined : lookupCaseless(context, key);
  return typeof fromContext === 'string' ? fromContext : undefined;
}

function describeStatement(trace: StatementTrace, action: string | undefined): string {
  if (trace.unresolved.length > 0) {
    return `Uses ${trace.unresolved.map((key) => `\${${key}}`).join(', ')}, which this request does not supply, so it does not apply.`;
  }
  if (!trace.actionMatched) return `Does not cover ${action ?? 'this action'}.`;
  if (!trace.principalMatched) return 'Names a different principal.';
  if (!trace.resourceMatched) return `Covers ${action ?? 'the action'}, but on other resources.`;
  const failed = trace.conditions.find((condition) => !condition.result);
  if (failed !== undefined) return `Covers the action and resource, but a condition fails: ${failed.note}`;
  return trace.effect === 'Deny'
    ? 'Matches: action, resource and conditions all apply, so it denies.'
    : 'Matches: action, resource and conditions all apply, so it allows.';
}

function statementRole(
  trace: StatementTrace | undefined,
  deciding: boolean,
  decision: Decision['decision']
): StatementRole {
  if (deciding) return 'deciding';
  if (trace === undefined) return 'unknown';
  if (trace.matched)
    return decision === 'ExplicitDeny' && trace.effect === 'Allow' ? 'overridden' : 'deciding';
  return trace.actionMatched ? 'failed' : 'not-applicable';
}

function markOf(role: StatementRole, effect: 'Allow' | 'Deny'): Mark {
  switch (role) {
    case 'deciding':
      return effect === 'Allow' ? 'pass' : 'fail';
    case 'failed':
    case 'overridden':
      return 'fail';
    default:
      return 'not-checked';
  }
}

function policyView(
  name: string,
  kind: PolicyView['kind'],
  document: PolicyDocument,
  recorded: TraceDecision | undefined,
  traces: StatementTrace[] | undefined,
  action: string | undefined,
  values: (key: string) => string | undefined
): PolicyView {
  const pretty = prettyJsonWithRanges(document);
  const single = !Array.isArray((document as { Statement?: unknown }).Statement);
  const statements = statementsOf(document).map((statement, index): StatementView => {
    const path = single ? 'Statement' : `Statement/${index}`;
    const lines = pretty.ranges.get(path) ?? { start: 1, end: 1 };
    const conditionLines = pretty.ranges.get(`${path}/Condition`);
    const effect = isRecord(statement) && statement.Effect === 'Deny' ? 'Deny' : 'Allow';
    const sid = isRecord(statement) && typeof statement.Sid === 'string' ? statement.Sid : undefined;
    const isDeciding =
      recorded?.deciding.some((entry) => entry.policy === name && entry.statementIndex === index) ?? false;
    const trace = traces?.find(
      (candidate) => candidate.policy === name && candidate.statementIndex === index
    );
    const role = statementRole(trace, isDeciding, recorded?.decision ?? 'ImplicitDeny');
    return {
      index,
      ...(sid === undefined ? {} : { sid }),
      effect,
      lines,
      ...(conditionLines === undefined ? {} : { conditionLines }),
      role,
      mark: markOf(role, effect),
      ...(trace === undefined ? {} : { why: describeStatement(trace, action) }),
      ...(trace === undefined || trace.conditions.length === 0
        ? {}
        : {
            conditions: trace.conditions.map((condition) => ({
              operator: condition.operator,
              key: condition.key,
              values: condition.values,
              ...(condition.contextValues === undefined ? {} : { contextValues: condition.contextValues }),
              result: condition.result,
              note: condition.note
            }))
          })
    };
  });
  let resolvedJson = pretty.text;
  for (const placeholder of placeholders(pretty.text)) {
    const value = values(variableKey(placeholder));
    if (value !== undefined) resolvedJson = resolvedJson.split(placeholder).join(value);
  }
  return { name, kind, json: pretty.text, resolvedJson, statements };
}

function variableViews(policies: PolicyView[], values: (key: string) => string | undefined): VariableView[] {
  const views = new Map<string, VariableView>();
  for (const policy of policies) {
    policy.json.split('\n').forEach((line, index) => {
      for (const placeholder of placeholders(line)) {
        let view = views.get(placeholder);
        if (view === undefined) {
          const key = variableKey(placeholder);
          const value = values(key);
          view = {
            placeholder,
            key,
            ...(value === undefined ? {} : { value }),
            explanation:
              key.toLowerCase() === IDENTITY_SUB
                ? 'The caller’s identity id in the identity pool (region:UUID), taken from the credentials’ session — not the user pool’s sub.'
                : `Replaced by the request’s value of ${key} when the policy is evaluated.`,
            occurrences: []
          };
          views.set(placeholder, view);
        }
        let occurrence = view.occurrences.find((entry) => entry.policy === policy.name);
        if (occurrence === undefined) {
          occurrence = { policy: policy.name, lines: [] };
          view.occurrences.push(occurrence);
        }
        occurrence.lines.push(index + 1);
      }
    });
  }
  return [...views.values()];
}

/**
 * The partition keys DynamoDB recorded for this table in its `iam.permission` check, whose detail reads
 * `Role, dynamodb:Action on table/T, partition keys [...]: …` (or `no partition keys: …`).
 */
function recordedLeadingKeys(entry: TraceEntry, table: string): DecisionView['leadingKeys'] {
  const marker = ` on table/${table}, `;
  const detail = entry.checks.find(
    (candidate) => candidate.id === 'iam.permission' && candidate.detail?.includes(marker)
  )?.detail;
  if (detail === undefined) return undefined;
  const keys = detail.slice(detail.indexOf(marker) + marker.length);
  if (keys.startsWith('no partition keys')) return { present: false };
  const match = /^partition keys (\[.*?\]):/.exec(keys);
  if (!match) return undefined;
  try {
    const values: unknown = JSON.parse(match[1] ?? '');
    if (Array.isArray(values) && values.every((value) => typeof value === 'string')) {
      return { present: true, values };
    }
  } catch {
    // Not what DynamoDB writes; treat as unknown.
  }
  return undefined;
}

function accessKeyOf(entry: TraceEntry): string | undefined {
  const authorization = header(entry.request.headers, 'authorization') ?? '';
  return /Credential=([^/,\s]+)\//.exec(authorization)?.[1];
}

function regionOf(entry: TraceEntry): string | undefined {
  return parseUrl(entry.request.url)?.host.match(/^[a-z0-9-]+\.([a-z0-9-]+)\.amazonaws\.com$/)?.[1];
}

function accountOf(arn: string): string | undefined {
  return arn.split(':')[4];
}

function sameDecision(recorded: TraceDecision, fresh: Decision): boolean {
  if (recorded.decision !== fresh.decision) return false;
  const key = (entry: { policy: string; statementIndex: number }) =>
    `${entry.policy}#${entry.statementIndex}`;
  const a = recorded.deciding.map(key).sort();
  const b = fresh.deciding.map(key).sort();
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

function inWords(decision: TraceDecision, action: string | undefined, resource: string | undefined): string {
  const what =
    action === undefined ? 'the request' : `${action}${resource === undefined ? '' : ` on ${resource}`}`;
  switch (decision.decision) {
    case 'Allow':
      return `Allowed: a statement allows ${what}, and none denies it.`;
    case 'ExplicitDeny':
      return `Denied explicitly: a Deny statement matches ${what}. An explicit Deny beats every Allow.`;
    case 'ImplicitDeny':
      return `Denied by default: no statement allows ${what}. IAM denies everything that is not explicitly allowed.`;
  }
}

function usesLeadingKeys(documents: PolicyDocument[]): { used: boolean; forAll: boolean } {
  let used = false;
  let forAll = false;
  for (const document of documents) {
    for (const statement of statementsOf(document)) {
      const condition = isRecord(statement) ? statement.Condition : undefined;
      if (!isRecord(condition)) continue;
      for (const [operator, block] of Object.entries(condition)) {
        if (!isRecord(block)) continue;
        if (Object.keys(block).some((key) => key.toLowerCase() === LEADING_KEYS)) {
          used = true;
          if (operator.startsWith('ForAllValues:')) forAll = true;
        }
      }
    }
  }
  return { used, forAll };
}

function leadingKeyNotes(
  documents: PolicyDocument[],
  explanation: string,
  leadingKeys: DecisionView['leadingKeys'],
  identityId: string | undefined,
  allowed: boolean
): string[] {
  const { used, forAll } = usesLeadingKeys(documents);
  if (!used && !/LeadingKeys/i.test(explanation)) return [];
  const notes = [
    'dynamodb:LeadingKeys is the list of partition-key values the request touches. With ForAllValues:StringEquals against ${cognito-identity.amazonaws.com:sub}, every one of them must be the caller’s identity id (region:UUID, from the identity pool) — not the user pool’s sub.'
  ];
  if (leadingKeys?.present === false && (forAll || !used)) {
    notes.push(
      `Pitfall: this request names no partition key (a Scan, say), so dynamodb:LeadingKeys is absent — and ForAllValues over an absent key is true. Such a condition alone would let the caller read every item${allowed ? ', and here it did' : ''}. That is why a LeadingKeys policy must not allow Scan (or must add "Null": {"dynamodb:LeadingKeys": "false"}).`
    );
  }
  if (leadingKeys?.present === true && identityId !== undefined) {
    const foreign = leadingKeys.values.filter((value) => value !== identityId);
    if (foreign.length > 0) {
      notes.push(
        `The request touched partition key ${foreign.map((value) => JSON.stringify(value)).join(', ')}, but the caller’s identity id is ${JSON.stringify(identityId)}: someone else’s items.`
      );
    }
  }
  return notes;
}

interface Evaluated {
  fresh?: Decision;
  context?: RequestContext;
  documents: { name: string; kind: PolicyView['kind']; document: PolicyDocument }[];
  trust?: { name: string; document: PolicyDocument };
  role?: Role;
  action?: string;
  resource?: string;
  leadingKeys?: DecisionView['leadingKeys'];
  why?: string;
}

function evaluatePermissions(
  entry: TraceEntry,
  recorded: TraceDecision,
  roles: RoleSource | undefined,
  options: DecisionInspectionOptions
): Evaluated {
  const label = /^permissions of (\S+) for (\S+) on table\/(\S+)$/.exec(recorded.label);
  const [, roleName, action, table] = label ?? [];
  const role = findRole(roles, roleName);
  const leadingKeys = table === undefined ? undefined : recordedLeadingKeys(entry, table);
  const region = regionOf(entry);
  const account = role === undefined ? undefined : accountOf(role.arn);
  const resource =
    table === undefined || region === undefined || account === undefined
      ? undefined
      : `arn:aws:dynamodb:${region}:${account}:table/${table}`;
  const base: Evaluated = {
    documents:
      role?.permissionPolicies.map((policy) => ({
        name: policy.name,
        kind: 'permission',
        document: policy.document
      })) ?? [],
    ...(role === undefined
      ? {}
      : { role, trust: { name: `trust policy of ${role.roleName}`, document: role.trustPolicy } }),
    ...(action === undefined ? {} : { action }),
    ...(resource === undefined ? {} : { resource }),
    ...(leadingKeys === undefined ? {} : { leadingKeys })
  };
  if (role === undefined)
    return {
      ...base,
      why: roles === undefined ? 'no roles were given' : `no role ${roleName ?? '?'} is known`
    };
  if (action === undefined || resource === undefined || leadingKeys === undefined) {
    return {
      ...base,
      why: 'the request’s action, table or partition keys could not be read back from the trace'
    };
  }
  const accessKeyId = accessKeyOf(entry);
  const session = accessKeyId === undefined ? undefined : options.sessions?.(accessKeyId);
  const context: RequestContext = {
    ...(session?.variables ?? recorded.resolvedVariables),
    ...(session?.assumedRoleId === undefined ? {} : { 'aws:userid': session.assumedRoleId }),
    'aws:PrincipalArn': role.arn,
    'aws:PrincipalType': 'AssumedRole',
    'aws:SecureTransport': 'true',
    'aws:CurrentTime': isoTime(entry.at),
    'aws:EpochTime': String(Math.floor(entry.at / 1000)),
    ...(leadingKeys.present ? { 'dynamodb:LeadingKeys': leadingKeys.values } : {})
  };
  const fresh = evaluatePolicies({ policies: role.permissionPolicies, action, resource, context });
  return { ...base, fresh, context };
}

function evaluateTrust(entry: TraceEntry, recorded: TraceDecision, roles: RoleSource | undefined): Evaluated {
  const roleName = /^trust policy of (\S+)$/.exec(recorded.label)?.[1];
  const role = findRole(roles, roleName);
  const base: Evaluated = {
    documents:
      role === undefined ? [] : [{ name: recorded.label, kind: 'trust', document: role.trustPolicy }],
    ...(role === undefined ? {} : { role, resource: role.arn }),
    action: 'sts:AssumeRoleWithWebIdentity'
  };
  if (role === undefined)
    return {
      ...base,
      why: roles === undefined ? 'no roles were given' : `no role ${roleName ?? '?'} is known`
    };
  const token = formFields(entry.request)?.get('WebIdentityToken') ?? null;
  const decoded = token === null ? undefined : decodeJwtForDisplay(token);
  if (decoded === undefined || !decoded.ok)
    return { ...base, why: 'the web identity token could not be read back' };
  const issuer = typeof decoded.payload.iss === 'string' ? decoded.payload.iss : '';
  // STS names a provider by its issuer without the scheme: `cognito-identity.amazonaws.com`.
  const provider = issuer.replace(/^https:\/\//, '');
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const amr = decoded.payload.amr;
  const context: RequestContext = {
    [`${provider}:aud`]: text(decoded.payload.aud),
    [`${provider}:sub`]: text(decoded.payload.sub),
    ...(Array.isArray(amr)
      ? { [`${provider}:amr`]: amr.filter((item): item is string => typeof item === 'string') }
      : {})
  };
  const fresh = evaluateTrustPolicy({
    policy: role.trustPolicy,
    name: recorded.label,
    principal: { type: 'Federated', id: provider },
    roleArn: role.arn,
    context
  });
  return { ...base, fresh, context };
}

function decisionView(
  entry: TraceEntry,
  recorded: TraceDecision,
  roles: RoleSource | undefined,
  options: DecisionInspectionOptions
): DecisionView {
  const kind: DecisionView['kind'] = recorded.label.startsWith('trust policy') ? 'trust' : 'permissions';
  const evaluated =
    kind === 'trust'
      ? evaluateTrust(entry, recorded, roles)
      : evaluatePermissions(entry, recorded, roles, options);
  const reproduced = evaluated.fresh !== undefined && sameDecision(recorded, evaluated.fresh);
  const traces = reproduced ? evaluated.fresh?.trace : undefined;
  const values = (key: string) => resolveVariable(key, recorded.resolvedVariables, evaluated.context);
  const policies = evaluated.documents.map((policy) =>
    policyView(policy.name, policy.kind, policy.document, recorded, traces, evaluated.action, values)
  );
  const trustPolicy =
    kind === 'permissions' && evaluated.trust !== undefined
      ? policyView(
          evaluated.trust.name,
          'trust',
          evaluated.trust.document,
          undefined,
          undefined,
          undefined,
          values
        )
      : undefined;
  // The trust policy shown for context decided nothing here: no statement of it is marked.
  if (trustPolicy !== undefined) {
    for (const statement of trustPolicy.statements) {
      statement.role = 'unknown';
      statement.mark = 'not-checked';
    }
  }
  const reevaluation: DecisionView['reevaluation'] =
    evaluated.fresh === undefined
      ? {
          status: 'not-possible',
          note: `Why each statement did or did not apply is not shown: ${evaluated.why ?? 'the decision could not be evaluated again'}.`
        }
      : reproduced
        ? {
            status: 'reproduced',
            note: 'Evaluated again with the same policies and request context; the verdict is the one recorded.'
          }
        : {
            status: 'differs',
            note: 'Evaluated again, the policies give a different verdict than the one recorded (they may have been edited since), so only the recorded verdict is shown.'
          };
  const identityId = values(IDENTITY_SUB);
  const notes =
    kind === 'permissions'
      ? leadingKeyNotes(
          evaluated.documents.map((policy) => policy.document),
          recorded.explanation,
          evaluated.leadingKeys,
          identityId,
          recorded.allowed
        )
      : [];
  const roleName =
    evaluated.role?.roleName ?? /(?:permissions|trust policy) of (\S+)/.exec(recorded.label)?.[1];
  return {
    label: recorded.label,
    kind,
    ...(roleName === undefined ? {} : { roleName }),
    ...(evaluated.role === undefined ? {} : { roleArn: evaluated.role.arn }),
    ...(evaluated.action === undefined ? {} : { action: evaluated.action }),
    ...(evaluated.resource === undefined ? {} : { resource: evaluated.resource }),
    decision: recorded.decision,
    allowed: recorded.allowed,
    mark: recorded.allowed ? 'pass' : 'fail',
    inWords: inWords(recorded, evaluated.action, evaluated.resource),
    explanation: recorded.explanation,
    deciding: recorded.deciding,
    policies,
    ...(trustPolicy === undefined ? {} : { trustPolicy }),
    variables: variableViews(policies, values),
    ...(evaluated.leadingKeys === undefined ? {} : { leadingKeys: evaluated.leadingKeys }),
    notes,
    reevaluation
  };
}

/**
 * The IAM decisions recorded on an exchange (DynamoDB's on the role's permission policies, STS's on a trust
 * policy), with the documents, or undefined when the exchange carries none. `roles` is the world's RoleStore.
 */
export function inspectDecision(
  entry: TraceEntry,
  roles?: RoleSource,
  options: DecisionInspectionOptions = {}
): DecisionInspection | undefined {
  const recorded = entry.decisions ?? [];
  if (recorded.length === 0) return undefined;
  const decisions = recorded.map((decision) => decisionView(entry, decision, roles, options));
  return { decisions, allowed: decisions.every((decision) => decision.allowed) };
}
