// Every exercise can fail and can pass: its start fails Check, its worked solution passes, plausible wrong answers fail for a reason the verdict names.

import { describe, expect, it } from 'vitest';
import {
  checkExercise,
  exercises,
  getExercise,
  type ExerciseAttempt,
  type ExerciseId,
  type GoalResult,
  type Verdict
} from '../../src/lib/exercises';
import { CHECKS } from '../../src/lib/sim';
import { testKeys } from '../support/keys';

type Checked = Extract<Verdict, { kind: 'checked' }>;

const NOTES = 'arn:aws:dynamodb:us-east-1:123456789012:table/UserNotes';
const IDENTITY_ID = '${cognito-identity.amazonaws.com:sub}';

async function check(id: ExerciseId, attempt: ExerciseAttempt): Promise<Verdict> {
  return checkExercise(id, attempt, { keys: testKeys });
}

async function checked(id: ExerciseId, attempt: ExerciseAttempt): Promise<Checked> {
  const verdict = await check(id, attempt);
  if (verdict.kind !== 'checked') throw new Error(`expected a checked verdict, got: ${verdict.message}`);
  return verdict;
}

/** The first goal request that did not do what the goal asks. */
function firstFailure(verdict: Checked): GoalResult {
  const failed = verdict.results.find((result) => !result.ok);
  if (failed === undefined) throw new Error('every goal request did what it should');
  return failed;
}

/**
 * A failing verdict whose first failure is `goal`, refused by `check` (or, for a request that had to be refused,
 * let through), and whose summary names that request and what refused it.
 */
function expectFailure(
  verdict: Checked,
  goal: string,
  reason: { refusedBy: keyof typeof CHECKS } | { allowedBy: RegExp }
): GoalResult {
  expect(verdict.passed).toBe(false);
  const failed = firstFailure(verdict);
  expect(failed.id).toBe(goal);
  expect(verdict.summary).toContain(failed.description);
  if ('refusedBy' in reason) {
    expect(failed.outcome).toBe('refused');
    expect(failed.refusedBy).toMatchObject({ check: reason.refusedBy });
    expect(verdict.summary).toContain(`(${reason.refusedBy})`);
    expect(verdict.summary).toContain(CHECKS[reason.refusedBy].label);
  } else {
    expect(failed.outcome).toBe('succeeded');
    expect(failed.expect).toBe('refused');
    expect(verdict.summary).toMatch(/it succeeded, and it must be refused/);
    expect(verdict.summary).toMatch(reason.allowedBy);
  }
  return failed;
}

const policy = (statements: object[]) =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);

describe('exercises', () => {
  it('lists each id once, and every field’s start and solution value is a value Check accepts', () => {
    const ids = exercises.map((exercise) => exercise.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const exercise of exercises) {
      expect(getExercise(exercise.id)).toBe(exercise);
      for (const id of Object.keys(exercise.solution)) {
        expect(exercise.fields.map((field) => field.id)).toContain(id);
      }
      expect(exercise.goals.some((goal) => goal.expect === 'refused')).toBe(true);
    }
  });

  it('answers an unknown exercise or field as invalid', async () => {
    expect(await checkExercise('no-such' as ExerciseId, {})).toMatchObject({ kind: 'invalid' });
    expect(await check('own-orders', { policy: '{}' })).toEqual({
      kind: 'invalid',
      field: 'policy',
      message: 'This exercise has no field "policy".'
    });
  });

  it('returns a verdict that survives structuredClone (a worker posts it)', async () => {
    const verdict = await checked('own-orders', {});
    expect(structuredClone(verdict)).toEqual(verdict);
    expect(verdict.trace.length).toBeGreaterThan(0);
    for (const result of verdict.results) {
      if (result.traceIndex !== undefined) expect(verdict.trace[result.traceIndex]?.from).toBe('app');
    }
  });
});

describe('own-orders: only your own items', () => {
  const notes = (
    condition?: object,
    actions = ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem']
  ) => ({
    'permissions-policy': policy([
      {
        Sid: 'OwnNotesOnly',
        Effect: 'Allow',
        Action: actions,
        Resource: NOTES,
        ...(condition === undefined ? {} : { Condition: condition })
      }
    ])
  });

  it('fails at the start: Alice reads Bob’s notes, by a statement with no condition', async () => {
    const verdict = await checked('own-orders', {});
    const failed = expectFailure(verdict, 'alice-reads-bobs', { allowedBy: /OwnNotesOnly.*no Condition/ });
    expect(failed.allowedBy?.label).toBe(
      'permissions of TwoPools_Authenticated for dynamodb:Query on table/UserNotes'
    );
    expect(verdict.results.filter((result) => !result.ok)).toHaveLength(1);
  });

  it('passes with the worked solution: Alice reads hers, and Bob’s are refused by IAM', async () => {
    const verdict = await checked('own-orders', getExercise('own-orders')?.solution ?? {});
    expect(verdict.summary).toMatch(/^Passed/);
    expect(verdict.passed).toBe(true);
    const bobs = verdict.results.find((result) => result.id === 'alice-reads-bobs');
    expect(bobs).toMatchObject({
      outcome: 'refused',
      status: 400,
      errorCode: 'AccessDeniedException',
      refusedBy: { check: 'iam.permission', decision: { decision: 'ImplicitDeny' } }
    });
  });

  it('fails when the condition compares the identity id with itself instead of the partition keys', async () => {
    const verdict = await checked(
      'own-orders',
      notes({ StringEquals: { 'cognito-identity.amazonaws.com:sub': IDENTITY_ID } })
    );
    expectFailure(verdict, 'alice-reads-bobs', { allowedBy: /OwnNotesOnly/ });
  });

  it('fails when the leading keys are compared with the user pool sub, which IAM never sees', async () => {
    const verdict = await checked(
      'own-orders',
      notes({
        'ForAllValues:StringEquals': {
          'dynamodb:LeadingKeys': ['${cognito-idp.us-east-1.amazonaws.com:sub}']
        }
      })
    );
    const failed = expectFailure(verdict, 'bob-writes-note', { refusedBy: 'iam.permission' });
    expect(failed.errorCode).toBe('AccessDeniedException');
    expect(verdict.summary).toContain('cognito-idp.us-east-1.amazonaws.com:sub');
  });

  it('fails when the policy confines the keys but leaves out Query, so Alice cannot read her own', async () => {
    const verdict = await checked(
      'own-orders',
      notes({ 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [IDENTITY_ID] } }, [
        'dynamodb:GetItem',
        'dynamodb:PutItem'
      ])
    );
    expectFailure(verdict, 'alice-reads-own', { refusedBy: 'iam.permission' });
  });

  it('answers JSON that does not parse with its line and column, and runs nothing', async () => {
    const text = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Allow", }\n  ]\n}';
    expect(await check('own-orders', { 'permissions-policy': text })).toEqual({
      kind: 'invalid',
      field: 'permissions-policy',
      message:
        'Line 4, column 26: a comma before } (JSON allows no trailing comma). IAM says: Syntax errors in policy.',
      line: 4,
      column: 26
    });
  });

  it('answers a policy IAM refuses (no Statement) as invalid, naming IAM’s reason', async () => {
    expect(await check('own-orders', { 'permissions-policy': '{"Version": "2012-10-17"}' })).toEqual({
      kind: 'invalid',
      field: 'permissions-policy',
      message: 'IAM refuses this policy: Missing required field Statement'
    });
  });
});
