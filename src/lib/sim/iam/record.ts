// An IAM decision as the trace records it: the evaluator's verdict with the request and every statement in words.

import type { ConditionRecord, StatementRecord, TraceDecision } from '../trace';
import type { ConditionTrace } from './conditions';
import type { ComparedPart, Decision, StatementTrace } from './evaluate';
import type { RequestContext } from './variables';

/** What the evaluator was asked, as the service that asked it knows it. */
export interface EvaluatedRequest {
  /** What was evaluated, in words: `trust policy of TwoPools_Authenticated`. */
  label: string;
  /** e.g. `dynamodb:GetItem`, `sts:AssumeRoleWithWebIdentity`. */
  action: string;
  /** The resource ARN (for a trust policy: the role's ARN). */
  resource: string;
  /** Who asked: an assumed-role ARN, a federated provider, a service principal. */
  principal: string;
  /** The request context handed to the evaluator. */
  context: RequestContext;
}

function list(values: readonly string[]): string {
  return values.length === 1 ? (values[0] ?? '') : `[${values.join(', ')}]`;
}

/** "action dynamodb:GetItem matches dynamodb:Get*", "resource … does not match …", "… is excluded by NotAction …". */
function partWords(what: string, value: string, part: ComparedPart): string {
  const subject = `${what} ${value}`;
  const negated = part.field.startsWith('Not');
  if (negated) {
    return part.hit === undefined
      ? `${subject} is not excluded by ${part.field} ${list(part.patterns)}`
      : `${subject} is excluded by ${part.field} ${part.hit}`;
  }
  if (part.hit !== undefined) return `${subject} matches ${part.hit}`;
  return part.patterns.length === 1
    ? `${subject} does not match ${list(part.patterns)}`
    : `${subject} matches none of ${list(part.patterns)}`;
}

/** "condition ForAllValues:StringEquals dynamodb:LeadingKeys = [us-east-1:…] holds (request has [us-east-1:…])". */
function conditionWords(condition: ConditionTrace): string {
  const head = `condition ${condition.operator} ${condition.key} = [${condition.values.join(', ')}]`;
  if (condition.unresolved !== undefined)
    return `${head} cannot be judged: policy variable \${${condition.unresolved}} has no value in this request`;
  const verdict = condition.result ? 'holds' : 'fails';
  if (condition.contextValues === undefined) return `${head} ${verdict}: ${condition.note}`;
  return `${head} ${verdict} (request has [${condition.contextValues.join(', ')}])`;
}

/** Every part the evaluator judged for one statement, in plain words joined by semicolons. */
function because(trace: StatementTrace, request: EvaluatedRequest): string {
  const parts = [partWords('action', request.action, trace.compared.action)];
  if (trace.compared.principal !== undefined)
    parts.push(partWords('principal', request.principal, trace.compared.principal));
  if (trace.compared.resource !== undefined)
    parts.push(partWords('resource', request.resource, trace.compared.resource));
  for (const key of new Set(trace.unresolved)) {
    if (trace.conditions.some((condition) => condition.unresolved === key)) continue;
    parts.push(`policy variable \${${key}} has no value in this request, so the statement cannot apply`);
  }
  for (const condition of trace.conditions) parts.push(conditionWords(condition));
  return parts.join('; ');
}

function conditionRecord(condition: ConditionTrace): ConditionRecord {
  const record: ConditionRecord = {
    operator: condition.operator,
    key: condition.key,
    values: [...condition.values],
    result: condition.result,
    note: condition.note
  };
  if (condition.contextValues !== undefined) record.contextValues = [...condition.contextValues];
  return record;
}

function statementRecord(trace: StatementTrace, request: EvaluatedRequest): StatementRecord {
  const record: StatementRecord = {
    policy: trace.policy,
    index: trace.statementIndex,
    effect: trace.effect,
    matched: trace.matched,
    because: because(trace, request),
    actionMatched: trace.actionMatched,
    resourceMatched: trace.resourceMatched,
    conditions: trace.conditions.map(conditionRecord)
  };
  if (trace.sid !== undefined) record.sid = trace.sid;
  return record;
}

/** The context as evaluated: absent keys dropped, lists copied. */
function contextRecord(context: RequestContext): TraceDecision['context'] {
  const out: TraceDecision['context'] = {};
  for (const [key, value] of Object.entries(context)) {
    if (value !== undefined) out[key] = Array.isArray(value) ? [...value] : value;
  }
  return out;
}

/**
 * The trace's record of one IAM decision: the evaluator's verdict, the request it judged, and every statement it
 * considered with why it matched or not. Services record this; views read it instead of evaluating again.
 */
export function decisionRecord(decision: Decision, request: EvaluatedRequest): TraceDecision {
  return {
    label: request.label,
    kind: decision.kind,
    action: request.action,
    resource: request.resource,
    principal: request.principal,
    context: contextRecord(request.context),
    statements: decision.trace.map((trace) => statementRecord(trace, request)),
    decision: decision.decision,
    allowed: decision.allowed,
    deciding: decision.deciding.map((entry) => ({ ...entry })),
    resolvedVariables: { ...decision.resolvedVariables },
    explanation: decision.explanation
  };
}
