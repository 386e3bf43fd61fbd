// Reading a goal request's trace entries into its result, and the results into one sentence for the learner.

import type { LastCall } from '../machines';
import type { TraceDecision, TraceEntry } from '../sim';
import type { AllowedBy, GoalRequest, GoalResult, RefusedBy } from './types';

/** The hops an entry made while it was handled (API Gateway → Lambda → DynamoDB, identity pool → STS). */
function hopsOf(entry: TraceEntry, entries: readonly TraceEntry[]): TraceEntry[] {
  return entries.filter((candidate) => candidate.parentId === entry.id);
}

/**
 * The deepest refusal under `entry`: a refused hop is the cause of its caller's refusal (the identity pool
 * fails because STS refused the trust policy), so its failed check names the reason better than the caller's.
 */
function refusalOf(entry: TraceEntry, entries: readonly TraceEntry[]): RefusedBy | undefined {
  for (const hop of hopsOf(entry, entries).reverse()) {
    if (hop.outcome !== 'refused') continue;
    const deeper = refusalOf(hop, entries);
    if (deeper !== undefined) return deeper;
  }
  const failed = entry.checks.find((check) => !check.ok);
  const denied = entry.decisions?.find((decision) => !decision.allowed);
  if (failed === undefined && denied === undefined) {
    // A hop can answer "no" inside a successful exchange: Lambda's Invoke is 200 while the function's own answer
    // is 403 (the order is someone else's). Its failed check is the reason.
    for (const hop of hopsOf(entry, entries).reverse()) {
      const inner = refusalOf(hop, entries);
      if (inner !== undefined) return inner;
    }
  }
  if (failed !== undefined) {
    return {
      check: failed.id,
      label: failed.name,
      ...(failed.detail === undefined ? {} : { detail: failed.detail }),
      ...(denied === undefined
        ? {}
        : {
            decision: { label: denied.label, decision: denied.decision, explanation: denied.explanation }
          })
    };
  }
  if (denied !== undefined) return { decision: denied.decision, summary: denied.explanation };
  return undefined;
}

function statementName(decision: TraceDecision, deciding: TraceDecision['deciding'][number]): string {
  const statement = decision.statements.find(
    (s) => s.policy === deciding.policy && s.index === deciding.statementIndex
  );
  const name = deciding.sid ?? `statement ${deciding.statementIndex + 1}`;
  const unconditioned = statement !== undefined && statement.conditions.length === 0;
  const policy = decision.kind === 'identity' ? `policy ${deciding.policy}` : `the ${decision.label}`;
  const because = statement === undefined ? '' : ` (${statement.because})`;
  return `${name} of ${policy}${unconditioned ? ', which has no Condition' : ''}${because}`;
}

/** The last identity-policy decision that allowed what the request did, under `entry` or in it. */
function allowanceOf(entry: TraceEntry, entries: readonly TraceEntry[]): AllowedBy | undefined {
  for (const hop of hopsOf(entry, entries).reverse()) {
    const deeper = allowanceOf(hop, entries);
    if (deeper !== undefined) return deeper;
  }
  const decision = entry.decisions?.findLast(
    (d) => d.allowed && (d.kind === 'identity' || d.kind === 'trust')
  );
  if (decision === undefined) return undefined;
  return {
    label: decision.label,
    explanation: decision.explanation,
    statements: decision.deciding.map((deciding) => statementName(decision, deciding))
  };
}

/** One goal request's result, from the entries it caused (from `before` on) and what the app made of them. */
export function judgeStep(
  goal: GoalRequest,
  entries: readonly TraceEntry[],
  before: number,
  last: LastCall | undefined
): GoalResult {
  const base = { id: goal.id, description: goal.description, expect: goal.expect };
  const caused = entries.slice(before);
  // The entry that answered the app: the last request it sent itself (hops have a parent).
  const answered = caused.findLast((entry) => entry.parentId === undefined);
  if (answered === undefined) {
    return {
      ...base,
      outcome: 'not-run',
      ok: false,
      notRunBecause: last?.error?.message ?? 'the app sent nothing'
    };
  }
  const succeeded = last?.ok === true && answered.outcome === 'ok';
  const outcome = succeeded ? 'succeeded' : 'refused';
  const refusedBy = succeeded ? undefined : refusalOf(answered, caused);
  const allowedBy = succeeded ? allowanceOf(answered, caused) : undefined;
  return {
    ...base,
    outcome,
    ok: goal.expect === 'succeed' ? succeeded : !succeeded,
    status: answered.response.status,
    ...(answered.error === undefined
      ? {}
      : { errorCode: answered.error.code, errorMessage: answered.error.message }),
    ...(refusedBy === undefined ? {} : { refusedBy }),
    ...(allowedBy === undefined ? {} : { allowedBy }),
    traceIndex: entries.indexOf(answered)
  };
}

function refusalWords(refusedBy: RefusedBy | undefined): string {
  if (refusedBy === undefined) return '';
  if ('check' in refusedBy) {
    const why = refusedBy.decision?.explanation ?? refusedBy.detail;
    return ` The check that refused it: “${refusedBy.label}” (${refusedBy.check})${why === undefined ? '' : `: ${why}`}`;
  }
  return ` IAM refused it (${refusedBy.decision}): ${refusedBy.summary}`;
}

const sentence = (text: string) => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

/** One plain sentence (two at most) on the first goal request that did not do what the goal asks. */
export function summarize(results: readonly GoalResult[]): string {
  const failed = results.find((result) => !result.ok);
  if (failed === undefined) {
    const refused = results.filter((result) => result.expect === 'refused').length;
    return refused === 0
      ? `Passed: all ${results.length} requests succeeded.`
      : `Passed: the ${results.length - refused} requests that must succeed succeeded, and the ${
          refused === 1 ? 'one that must be refused was' : `${refused} that must be refused were`
        } refused.`;
  }
  if (failed.outcome === 'not-run') {
    return sentence(
      `${failed.description}: never sent, because ${failed.notRunBecause ?? 'an earlier request failed'}`
    );
  }
  if (failed.expect === 'refused') {
    const allowed = failed.allowedBy;
    const why =
      allowed === undefined
        ? ''
        : ` ${sentence(
            `The ${allowed.label} allowed it${allowed.statements.length > 0 ? `, by ${allowed.statements.join(' and ')}` : ''}`
          )}`;
    return `${failed.description}: it succeeded, and it must be refused.${why}`;
  }
  const status = failed.errorCode === undefined ? `${failed.status}` : `${failed.status} ${failed.errorCode}`;
  return sentence(`${failed.description}: refused with ${status}.${refusalWords(failed.refusedBy)}`);
}
