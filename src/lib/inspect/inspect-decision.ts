// inspectDecision: an IAM decision as the service recorded it — the policies as JSON, each statement marked with why.

/*
 * Everything about the decision comes from the trace entry (`entry.decisions`): the request the evaluator
 * judged (action, resource, principal, request context), every statement it considered with why it matched or
 * not, the verdict and the policy variables it substituted. Nothing is evaluated again here. The policy
 * documents are not part of the record: when the roles are at hand they are shown as JSON, each statement
 * marked with its recorded outcome, as long as they still line up with the statements the service recorded.
 */

import {
  isRecord,
  type PolicyDocument,
  type Role,
  type StatementRecord,
  type TraceDecision,
  type TraceEntry
} from '../sim';
import { prettyJsonWithRanges } from './internal/json';
import type { LineRange, Mark } from './types';

/** The world's roles: its RoleStore, or a plain list. */
export type RoleSource = { byName(roleName: string): Role | undefined } | readonly Role[];

export type StatementRole =
  /** Decided the outcome (a matching Deny, or the matching Allows when nothing denied). */
  | 'deciding'
  /** Allowed the action, but a matching Deny overrode it. */
  | 'overridden'
  /** Covers the action but did not apply: wrong resource, failed condition, unresolved variable. */
  | 'failed'
  /** Does not cover the action at all. */
  | 'not-applicable'
  /** Not known: no outcome was recorded for it, or the document changed since. */
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
  /** Why it applied or did not, in the words the service recorded. */
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
  /**
   * The caller's permission policies, a role's trust policy, a resource's own policy, or the session policy the
   * caller's credentials were issued with (it only narrows the permission policies).
   */
  kind: 'permissions' | 'trust' | 'resource' | 'session';
  roleName?: string;
  roleArn?: string;
  action: string;
  resource: string;
  /** Who asked, as recorded: an assumed-role ARN, a federated provider, a service principal. */
  principal: string;
  /** The request context the evaluator saw. */
  context: TraceDecision['context'];
  decision: TraceDecision['decision'];
  allowed: boolean;
  mark: Mark;
  /** The final Allow / Deny in words. */
  inWords: string;
  /** The evaluator's own explanation, as recorded. */
  explanation: string;
  deciding: TraceDecision['deciding'];
  /** The documents evaluated (empty when they are not at hand). */
  policies: PolicyView[];
  /** For permission decisions: the role's trust policy, for context (nothing marked). */
  trustPolicy?: PolicyView;
  variables: VariableView[];
  /** dynamodb:LeadingKeys of a DynamoDB request: the partition keys it touched, or absent (a Scan). */
  leadingKeys?: { present: true; values: string[] } | { present: false };
  notes: string[];
  /** Whether the documents shown are the ones the recorded outcomes belong to. */
  documents: { status: 'as-recorded' | 'changed' | 'not-at-hand'; note: string };
}

export interface DecisionInspection {
  decisions: DecisionView[];
  /** Every decision allowed. */
  allowed: boolean;
}

const IDENTITY_SUB = 'cognito-identity.amazonaws.com:sub';
const LEADING_KEYS = 'dynamodb:leadingkeys';

interface Document {
  name: string;
  kind: PolicyView['kind'];
  document: PolicyDocument;
}

function findRole(roles: RoleSource | undefined, name: string | undefined): Role | undefined {
  if (roles === undefined || name === undefined) return undefined;
  if (Array.isArray(roles)) return (roles as readonly Role[]).find((role) => role.roleName === name);
  return (roles as { byName(roleName: string): Role | undefined }).byName(name);
}

/** The role a decision is about: the assumed role that asked, or the role whose trust policy was judged. */
function roleNameOf(recorded: TraceDecision): string | undefined {
  if (recorded.kind === 'trust')
    return /^arn:aws:iam::\d*:role\/(?:.*\/)?([^/]+)$/.exec(recorded.resource)?.[1];
  if (recorded.kind === 'identity' || recorded.kind === 'session')
    return /^arn:aws:sts::\d*:assumed-role\/([^/]+)\//.exec(recorded.principal)?.[1];
  return undefined;
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

/** A policy variable's value: as the evaluator substituted it, else as the request context held it. */
function resolveVariable(key: string, recorded: TraceDecision): string | undefined {
  const substituted = lookupCaseless(recorded.resolvedVariables, key);
  if (typeof substituted === 'string') return substituted;
  const fromContext = lookupCaseless(recorded.context, key);
  return typeof fromContext === 'string' ? fromContext : undefined;
}

function statementRole(
  outcome: StatementRecord | undefined,
  deciding: boolean,
  decision: TraceDecision['decision']
): StatementRole {
  if (deciding) return 'deciding';
  if (outcome === undefined) return 'unknown';
  if (outcome.matched)
    return decision === 'ExplicitDeny' && outcome.effect === 'Allow' ? 'overridden' : 'deciding';
  return outcome.actionMatched ? 'failed' : 'not-applicable';
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

/** A document as JSON, each statement marked with its recorded outcome (none when `recorded` is undefined). */
function policyView(
  policy: Document,
  recorded: TraceDecision | undefined,
  values: (key: string) => string | undefined
): PolicyView {
  const { name, kind, document } = policy;
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
    const outcome = recorded?.statements.find(
      (candidate) => candidate.policy === name && candidate.index === index
    );
    const role = statementRole(outcome, isDeciding, recorded?.decision ?? 'ImplicitDeny');
    return {
      index,
      ...(sid === undefined ? {} : { sid }),
      effect,
      lines,
      ...(conditionLines === undefined ? {} : { conditionLines }),
      role,
      mark: markOf(role, effect),
      ...(outcome === undefined ? {} : { why: outcome.because }),
      ...(outcome === undefined || outcome.conditions.length === 0
        ? {}
        : { conditions: outcome.conditions.map((condition) => ({ ...condition })) })
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

/** dynamodb:LeadingKeys as the evaluator saw it: the partition keys the request named, or absent. */
function leadingKeysOf(recorded: TraceDecision): DecisionView['leadingKeys'] {
  if (!recorded.action.toLowerCase().startsWith('dynamodb:')) return undefined;
  const value = lookupCaseless(recorded.context, LEADING_KEYS);
  if (value === undefined) return { present: false };
  return { present: true, values: Array.isArray(value) ? value.map(String) : [String(value)] };
}

/** Whether the documents at hand hold exactly the statements the service recorded, by index, Sid and Effect. */
function linesUp(documents: Document[], statements: StatementRecord[]): boolean {
  if (new Set(statements.map((statement) => statement.policy)).size !== documents.length) return false;
  return documents.every(({ name, document }) => {
    const actual = statementsOf(document);
    const recorded = statements.filter((statement) => statement.policy === name);
    return (
      recorded.length === actual.length &&
      recorded.every((statement) => {
        const found = actual[statement.index];
        const effect = isRecord(found) && found.Effect === 'Deny' ? 'Deny' : 'Allow';
        const sid = isRecord(found) && typeof found.Sid === 'string' ? found.Sid : undefined;
        return isRecord(found) && effect === statement.effect && sid === statement.sid;
      })
    );
  });
}

function inWords(decision: TraceDecision): string {
  const what = `${decision.action} on ${decision.resource}`;
  switch (decision.decision) {
    case 'Allow':
      return `Allowed: a statement allows ${what}, and none denies it.`;
    case 'ExplicitDeny':
      return `Denied explicitly: a Deny statement matches ${what}. An explicit Deny beats every Allow.`;
    case 'ImplicitDeny':
      return `Denied by default: no statement allows ${what}. IAM denies everything that is not explicitly allowed.`;
  }
}

/**
 * The statements that bear on this decision: for an Allow, the ones that allowed it; for a deny, every
 * statement about this action on this resource (whatever its conditions made of it). A statement about another
 * table says nothing about this request, so its conditions must not colour the notes.
 */
function relevantStatements(recorded: TraceDecision): StatementRecord[] {
  const about = recorded.statements.filter(
    (statement) => statement.actionMatched && statement.resourceMatched !== false
  );
  if (!recorded.allowed) return about;
  return about.filter((statement) =>
    recorded.deciding.some(
      (deciding) => deciding.policy === statement.policy && deciding.statementIndex === statement.index
    )
  );
}

/** How the statements bearing on this decision use dynamodb:LeadingKeys in their conditions. */
function usesLeadingKeys(statements: StatementRecord[]): { used: boolean; forAll: boolean; failed: boolean } {
  const conditions = statements
    .flatMap((statement) => statement.conditions)
    .filter((condition) => condition.key.toLowerCase() === LEADING_KEYS);
  return {
    used: conditions.length > 0,
    forAll: conditions.some((condition) => condition.operator.startsWith('ForAllValues:')),
    failed: conditions.some((condition) => !condition.result)
  };
}

function leadingKeyNotes(
  recorded: TraceDecision,
  leadingKeys: DecisionView['leadingKeys'],
  identityId: string | undefined
): string[] {
  const { used, forAll, failed } = usesLeadingKeys(relevantStatements(recorded));
  if (!used && !/LeadingKeys/i.test(recorded.explanation)) return [];
  const notes = [
    'dynamodb:LeadingKeys is the list of partition-key values the request touches. With ForAllValues:StringEquals against ${cognito-identity.amazonaws.com:sub}, every one of them must be the caller’s identity id (region:UUID, from the identity pool) — not the user pool’s sub.'
  ];
  if (leadingKeys?.present === false && (forAll || !used)) {
    notes.push(
      `Pitfall: this request names no partition key (a Scan, say), so dynamodb:LeadingKeys is absent — and ForAllValues over an absent key is true. Such a condition alone would let the caller read every item${recorded.allowed ? ', and here it did' : ''}. That is why a LeadingKeys policy must not allow Scan (or must add "Null": {"dynamodb:LeadingKeys": "false"}).`
    );
  }
  // "Someone else's items" explains a deny the LeadingKeys condition caused, nothing else.
  if (!recorded.allowed && failed && leadingKeys?.present === true && identityId !== undefined) {
    const foreign = leadingKeys.values.filter((value) => value !== identityId);
    if (foreign.length > 0) {
      notes.push(
        `The request touched partition key ${foreign.map((value) => JSON.stringify(value)).join(', ')}, but the caller’s identity id is ${JSON.stringify(identityId)}: someone else’s items.`
      );
    }
  }
  return notes;
}

/** The documents the decision evaluated, from the role at hand. */
function documentsOf(recorded: TraceDecision, role: Role): Document[] {
  if (recorded.kind === 'trust') return [{ name: recorded.label, kind: 'trust', document: role.trustPolicy }];
  return role.permissionPolicies.map((policy) => ({
    name: policy.name,
    kind: 'permission',
    document: policy.document
  }));
}

function documentStatus(
  recorded: TraceDecision,
  roles: RoleSource | undefined,
  roleName: string | undefined,
  documents: Document[] | undefined
): DecisionView['documents'] {
  if (documents === undefined) {
    const why =
      roles === undefined
        ? 'no roles were given'
        : recorded.kind === 'resource'
          ? 'a resource’s own policy is not kept with the roles'
          : recorded.kind === 'session'
            ? 'a session policy is passed to STS when the credentials are issued and kept with that session, not with the role'
            : `no role ${roleName ?? '?'} is known`;
    return {
      status: 'not-at-hand',
      note: `The policy documents are not shown: ${why}. The verdict and the explanation are as the service recorded them.`
    };
  }
  if (recorded.statements.length === 0) {
    return {
      status: 'as-recorded',
      note: 'The service recorded no statement outcome for this decision (see its explanation), so no statement is marked.'
    };
  }
  return linesUp(documents, recorded.statements)
    ? {
        status: 'as-recorded',
        note: 'Each statement’s outcome is the one the service recorded as it decided; nothing was evaluated again.'
      }
    : {
        status: 'changed',
        note: 'The role’s policies no longer hold the statements the service recorded (they were edited since), so no statement is marked; the verdict and the explanation are as recorded.'
      };
}

function decisionView(recorded: TraceDecision, roles: RoleSource | undefined): DecisionView {
  const kind: DecisionView['kind'] = recorded.kind === 'identity' ? 'permissions' : recorded.kind;
  const roleName = roleNameOf(recorded);
  const role = recorded.kind === 'resource' ? undefined : findRole(roles, roleName);
  // A session policy is not one of the role's documents: the role is named, its policies are not shown as this one.
  const documents =
    role === undefined || recorded.kind === 'session' ? undefined : documentsOf(recorded, role);
  const documentsView = documentStatus(recorded, roles, roleName, documents);
  const marked = documentsView.status === 'as-recorded' ? recorded : undefined;
  const values = (key: string) => resolveVariable(key, recorded);
  const policies = (documents ?? []).map((policy) => policyView(policy, marked, values));
  // The trust policy shown beside permissions decided nothing here: none of its statements is marked.
  const trustPolicy =
    kind === 'permissions' && role !== undefined
      ? policyView(
          { name: `trust policy of ${role.roleName}`, kind: 'trust', document: role.trustPolicy },
          undefined,
          values
        )
      : undefined;
  const leadingKeys = leadingKeysOf(recorded);
  const notes = kind === 'permissions' ? leadingKeyNotes(recorded, leadingKeys, values(IDENTITY_SUB)) : [];
  const roleArn = role?.arn ?? (recorded.kind === 'trust' ? recorded.resource : undefined);
  return {
    label: recorded.label,
    kind,
    ...(roleName === undefined ? {} : { roleName }),
    ...(roleArn === undefined ? {} : { roleArn }),
    action: recorded.action,
    resource: recorded.resource,
    principal: recorded.principal,
    context: recorded.context,
    decision: recorded.decision,
    allowed: recorded.allowed,
    mark: recorded.allowed ? 'pass' : 'fail',
    inWords: inWords(recorded),
    explanation: recorded.explanation,
    deciding: recorded.deciding,
    policies,
    ...(trustPolicy === undefined ? {} : { trustPolicy }),
    variables: variableViews(policies, values),
    ...(leadingKeys === undefined ? {} : { leadingKeys }),
    notes,
    documents: documentsView
  };
}

/**
 * The IAM decisions recorded on an exchange (DynamoDB's on the role's permission policies, STS's on a trust
 * policy, Lambda's on its resource-based policy), with the documents when the roles are at hand, or undefined
 * when the exchange carries none. `roles` is the world's RoleStore.
 */
export function inspectDecision(entry: TraceEntry, roles?: RoleSource): DecisionInspection | undefined {
  const recorded = entry.decisions ?? [];
  if (recorded.length === 0) return undefined;
  const decisions = recorded.map((decision) => decisionView(decision, roles));
  return { decisions, allowed: decisions.every((decision) => decision.allowed) };
}
