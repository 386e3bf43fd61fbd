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
import { EXERCISE_SEED } from '../../src/lib/exercises';
import { CHECKS, configForSeed, identityPoolTrustPolicy, type KeySource } from '../../src/lib/sim';
import { testKeys } from '../support/keys';

type Checked = Extract<Verdict, { kind: 'checked' }>;

const NOTES = 'arn:aws:dynamodb:us-east-1:123456789012:table/UserNotes';
const EVENTS = 'arn:aws:dynamodb:us-east-1:123456789012:table/Events';
const BUCKET = 'arn:aws:s3:::two-pools-avatars';
const config = configForSeed(EXERCISE_SEED);
const IDENTITY_ID = '${cognito-identity.amazonaws.com:sub}';

async function check(id: ExerciseId, attempt: ExerciseAttempt): Promise<Verdict> {
  return checkExercise(id, attempt, { keys: testKeys });
}

/** Checks input that must be refused before anything runs: no world is made, so no key is ever asked for. */
async function checkInvalid(id: ExerciseId, attempt: ExerciseAttempt): Promise<Verdict> {
  const asked: string[] = [];
  const keys: KeySource = (purpose) => {
    asked.push(purpose);
    return testKeys(purpose);
  };
  const verdict = await checkExercise(id, attempt, { keys });
  expect(verdict.kind).toBe('invalid');
  expect(asked).toEqual([]);
  return verdict;
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
    expect(await checkInvalid('own-orders', { 'permissions-policy': text })).toEqual({
      kind: 'invalid',
      field: 'permissions-policy',
      message:
        'Line 4, column 26: a comma before } (JSON allows no trailing comma). IAM says: Syntax errors in policy.',
      line: 4,
      column: 26
    });
  });

  it('answers a policy IAM refuses (no Statement) as invalid, naming IAM’s reason', async () => {
    expect(await checkInvalid('own-orders', { 'permissions-policy': '{"Version": "2012-10-17"}' })).toEqual({
      kind: 'invalid',
      field: 'permissions-policy',
      message: 'IAM refuses this policy: Missing required field Statement'
    });
  });
});

describe('trust-policy: a trust policy that names another pool', () => {
  const trust = (document: object) => ({ 'trust-policy': JSON.stringify(document, null, 2) });
  const withConditions = (condition: object) =>
    trust({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: 'cognito-identity.amazonaws.com' },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: condition
        }
      ]
    });

  it('fails at the start: STS refuses the role for Alice, the aud condition names another pool', async () => {
    const verdict = await checked('trust-policy', {});
    const failed = expectFailure(verdict, 'alice-credentials', { refusedBy: 'iam.trust-policy' });
    expect(failed.errorCode).toBe('InvalidIdentityPoolConfigurationException');
    expect(verdict.summary).toContain('cognito-identity.amazonaws.com:aud');
    expect(verdict.results.find((result) => result.id === 'alice-reads-order')?.outcome).toBe('not-run');
  });

  it('passes with the worked solution, and the guest is still refused the authenticated role', async () => {
    const verdict = await checked('trust-policy', getExercise('trust-policy')?.solution ?? {});
    expect(verdict.passed).toBe(true);
    expect(verdict.results.find((result) => result.id === 'guest-assumes-authenticated')).toMatchObject({
      outcome: 'refused',
      refusedBy: { check: 'iam.trust-policy' }
    });
  });

  it('fails with the user pool id where the identity pool id belongs', async () => {
    const verdict = await checked(
      'trust-policy',
      trust(identityPoolTrustPolicy(config.userPool.id, 'authenticated'))
    );
    expectFailure(verdict, 'alice-credentials', { refusedBy: 'iam.trust-policy' });
  });

  it('fails when the amr condition is dropped: a guest’s token then gets the authenticated role', async () => {
    const verdict = await checked(
      'trust-policy',
      withConditions({ StringEquals: { 'cognito-identity.amazonaws.com:aud': config.identityPool.id } })
    );
    const failed = expectFailure(verdict, 'guest-assumes-authenticated', {
      allowedBy: /trust policy of TwoPools_Authenticated/
    });
    expect(failed.allowedBy?.label).toBe('trust policy of TwoPools_Authenticated');
  });

  it('fails when amr names the guests instead of the signed-in users', async () => {
    const verdict = await checked(
      'trust-policy',
      trust(identityPoolTrustPolicy(config.identityPool.id, 'unauthenticated'))
    );
    expectFailure(verdict, 'alice-credentials', { refusedBy: 'iam.trust-policy' });
  });

  it('answers a trust policy that does not parse, and one IAM refuses, as invalid', async () => {
    expect(
      await checkInvalid('trust-policy', {
        'trust-policy': '{\n  "Version": "2012-10-17,\n  "Statement": []\n}'
      })
    ).toMatchObject({ kind: 'invalid', field: 'trust-policy', line: 2, column: 26 });
    const noPrincipal = await checkInvalid(
      'trust-policy',
      trust({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRoleWithWebIdentity' }]
      })
    );
    expect(noPrincipal).toMatchObject({
      kind: 'invalid',
      message: expect.stringMatching(/^IAM refuses this policy/)
    });
  });
});

describe('wrong-sub: the user pool sub where the identity id belongs', () => {
  const keyedBy = (value: string) => ({
    'permissions-policy': policy([
      {
        Sid: 'OwnNotesOnly',
        Effect: 'Allow',
        Action: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem'],
        Resource: NOTES,
        Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [value] } }
      }
    ])
  });

  it('fails at the start: nobody can write even their own note, the variable has no value', async () => {
    const verdict = await checked('wrong-sub', {});
    expectFailure(verdict, 'bob-writes-note', { refusedBy: 'iam.permission' });
    expect(verdict.summary).toContain(`cognito-idp.us-east-1.amazonaws.com/${config.userPool.id}:sub`);
    expect(verdict.summary).toContain('does not supply');
  });

  it('passes with the worked solution', async () => {
    const verdict = await checked('wrong-sub', getExercise('wrong-sub')?.solution ?? {});
    expect(verdict.passed).toBe(true);
  });

  it('fails when the condition is removed rather than fixed: Alice reads Bob’s notes', async () => {
    const verdict = await checked('wrong-sub', {
      'permissions-policy': policy([
        {
          Effect: 'Allow',
          Action: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem'],
          Resource: NOTES
        }
      ])
    });
    expectFailure(verdict, 'alice-reads-bobs', {
      allowedBy: /statement 1 of policy OwnNotesOnly, which has no Condition/
    });
  });

  it('fails with aws:userid, the role session’s id, which is no identity id', async () => {
    const verdict = await checked('wrong-sub', keyedBy('${aws:userid}'));
    expectFailure(verdict, 'bob-writes-note', { refusedBy: 'iam.permission' });
  });

  it('answers bad JSON with its line and column', async () => {
    expect(
      await checkInvalid('wrong-sub', { 'permissions-policy': '{"Version": "2012-10-17" "Statement": []}' })
    ).toMatchObject({
      kind: 'invalid',
      line: 1,
      column: 26,
      message: expect.stringMatching(/^Line 1, column 26: expected , or \}/)
    });
  });
});

describe('which-token: the ID token for a method without scopes', () => {
  it('fails at the start: the access token is refused by the token_use check', async () => {
    const verdict = await checked('which-token', {});
    const failed = expectFailure(verdict, 'alice-gets-order', { refusedBy: 'jwt.token-use' });
    expect(failed).toMatchObject({ status: 401 });
  });

  it('passes by fixing the app (the ID token) and Bob’s order is still refused by the function', async () => {
    const verdict = await checked('which-token', getExercise('which-token')?.solution ?? {});
    expect(verdict.passed).toBe(true);
    expect(verdict.results.find((result) => result.id === 'alice-gets-bobs-order')).toMatchObject({
      outcome: 'refused',
      status: 403,
      refusedBy: { check: 'get-order.owner' }
    });
  });

  it('passes by fixing the method instead: a scope the access token carries', async () => {
    const verdict = await checked('which-token', {
      token: 'access',
      'method-scopes': 'aws.cognito.signin.user.admin'
    });
    expect(verdict.passed).toBe(true);
  });

  it('fails with a scope the access token does not carry (orders-api/read comes only from managed login)', async () => {
    const verdict = await checked('which-token', { token: 'access', 'method-scopes': 'orders-api/read' });
    expectFailure(verdict, 'alice-gets-order', { refusedBy: 'api-gateway.scope' });
  });

  it('fails when both are changed: a method with scopes refuses the ID token', async () => {
    const verdict = await checked('which-token', {
      token: 'id',
      'method-scopes': 'aws.cognito.signin.user.admin'
    });
    expectFailure(verdict, 'alice-gets-order', { refusedBy: 'jwt.token-use' });
  });

  it('answers an unknown token or a malformed scope as invalid', async () => {
    expect(await checkInvalid('which-token', { token: 'refresh' })).toEqual({
      kind: 'invalid',
      field: 'token',
      message: '"refresh" is not one of "id", "access".'
    });
    expect(await checkInvalid('which-token', { 'method-scopes': 'orders-api/"read"' })).toMatchObject({
      field: 'method-scopes'
    });
  });
});

describe('guest-events: guests only where intended', () => {
  const guest = (actions: string[] | string, resource: string, access = 'on') => ({
    'permissions-policy': policy([{ Effect: 'Allow', Action: actions, Resource: resource }]),
    'guest-access': access
  });

  it('fails at the start: guests read what they should not', async () => {
    const verdict = await checked('guest-events', {});
    expectFailure(verdict, 'guest-reads-events', { allowedBy: /GuestAccess of policy GuestAccess/ });
    expect(verdict.results.find((result) => result.id === 'guest-reads-order')?.outcome).toBe('succeeded');
  });

  it('passes with the worked solution: PutItem on Events only', async () => {
    const verdict = await checked('guest-events', getExercise('guest-events')?.solution ?? {});
    expect(verdict.passed).toBe(true);
    expect(verdict.results.find((result) => result.id === 'guest-reads-order')).toMatchObject({
      errorCode: 'AccessDeniedException',
      refusedBy: { check: 'iam.permission' }
    });
  });

  it('fails when guest access is switched off: no guest gets an identity at all', async () => {
    const verdict = await checked('guest-events', guest('dynamodb:PutItem', EVENTS, 'off'));
    expectFailure(verdict, 'guest-get-id', { refusedBy: 'identity-pool.guest-enabled' });
  });

  it('fails with PutItem on every table: the guest writes into UserNotes', async () => {
    const verdict = await checked('guest-events', guest('dynamodb:PutItem', '*'));
    expectFailure(verdict, 'guest-writes-note', { allowedBy: /statement 1 of policy GuestAccess/ });
  });

  it('fails with every DynamoDB action on Events: the guest reads the events back', async () => {
    const verdict = await checked('guest-events', guest('dynamodb:*', EVENTS));
    expectFailure(verdict, 'guest-reads-events', { allowedBy: /GuestAccess/ });
  });

  it('answers a toggle that is neither on nor off as invalid', async () => {
    expect(await checkInvalid('guest-events', { 'guest-access': 'yes' })).toMatchObject({
      field: 'guest-access',
      message: '"yes" is not one of "on", "off".'
    });
  });
});

describe('s3-private-folders: each identity in its own folder', () => {
  const folders = (objects: string, prefixes: string[]) => ({
    'permissions-policy': policy([
      { Effect: 'Allow', Action: ['s3:PutObject', 's3:GetObject'], Resource: `${BUCKET}/${objects}` },
      {
        Effect: 'Allow',
        Action: 's3:ListBucket',
        Resource: BUCKET,
        Condition: { StringLike: { 's3:prefix': prefixes } }
      }
    ])
  });
  const own = `private/${IDENTITY_ID}/`;

  it('fails at the start: Alice overwrites Bob’s avatar', async () => {
    const verdict = await checked('s3-private-folders', {});
    expectFailure(verdict, 'alice-overwrites-bobs', { allowedBy: /OwnFolderObjects.*private\/\*/ });
  });

  it('passes with the worked solution: S3 refuses Alice in Bob’s folder with 403 AccessDenied', async () => {
    const verdict = await checked('s3-private-folders', getExercise('s3-private-folders')?.solution ?? {});
    expect(verdict.passed).toBe(true);
    expect(verdict.results.find((result) => result.id === 'alice-overwrites-bobs')).toMatchObject({
      status: 403,
      refusedBy: { check: 'iam.permission' }
    });
  });

  it('fails when the folder has no /* after it: the object keys inside never match', async () => {
    const verdict = await checked('s3-private-folders', folders(`private/${IDENTITY_ID}`, [own, `${own}*`]));
    expectFailure(verdict, 'bob-uploads-avatar', { refusedBy: 'iam.permission' });
  });

  it('fails when the objects are confined but listing is not: Alice lists Bob’s folder', async () => {
    const verdict = await checked('s3-private-folders', folders(`${own}*`, ['private/*']));
    expectFailure(verdict, 'alice-lists-bobs', { allowedBy: /statement 2 of policy OwnPrivateFolder/ });
  });

  it('fails with the user pool sub, which no request supplies', async () => {
    const sub = `\${cognito-idp.us-east-1.amazonaws.com/${config.userPool.id}:sub}`;
    const verdict = await checked('s3-private-folders', folders(`private/${sub}/*`, [`private/${sub}/`]));
    expectFailure(verdict, 'bob-uploads-avatar', { refusedBy: 'iam.permission' });
  });

  it('answers bad JSON as invalid', async () => {
    expect(
      await checkInvalid('s3-private-folders', { 'permissions-policy': "{'Version': '2012-10-17'}" })
    ).toMatchObject({
      line: 1,
      column: 2,
      message: expect.stringContaining('strings take double quotes')
    });
  });
});
