// Check: applies the learner's configuration to a fresh world and runs the goal's requests as the client app.

import { createActor, waitFor } from 'xstate';
import { clientAppMachine, type ClientEvent } from '../machines';
import { resolveAction } from '../scenarios';
import {
  applyAdminChange,
  createRandom,
  createWorld,
  parsePolicyDocument,
  type AdminChange,
  type KeySource,
  type World
} from '../sim';
import { EXERCISE_SEED } from './definitions';
import type { Exercise, ExerciseAttempt, ExerciseField, GoalAction, GoalResult, Verdict } from './types';
import { judgeStep, summarize } from './verdict';

export interface CheckOptions {
  /** The world's seed. The fields' texts name the ids of `EXERCISE_SEED`'s world, the default. */
  seed?: string;
  /** Where the world's key pairs come from (tests and the live worker reuse them: `memoizedKeys`). */
  keys?: KeySource;
  /** Epoch ms the world's clock starts at. */
  now?: number;
}

type Invalid = Extract<Verdict, { kind: 'invalid' }>;

const SCOPE_TOKEN = /^[\x21\x23-\x5b\x5d-\x7e]+$/;

/** A method's OAuth scopes as typed: separated by spaces or commas; none is a method without scopes. */
export function parseScopes(text: string): string[] {
  return text.split(/[\s,]+/).filter((scope) => scope !== '');
}

/** What is wrong with one field's value before anything runs, or undefined. */
function fieldProblem(field: ExerciseField, value: string): Invalid | undefined {
  const invalid = (message: string, at?: { line: number; column: number }): Invalid => ({
    kind: 'invalid',
    field: field.id,
    message,
    ...(at === undefined ? {} : { line: at.line, column: at.column })
  });
  switch (field.kind) {
    case 'choice':
    case 'toggle': {
      const allowed = field.kind === 'toggle' ? ['on', 'off'] : (field.choices ?? []).map((c) => c.value);
      return allowed.includes(value)
        ? undefined
        : invalid(
            `${JSON.stringify(value)} is not one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}.`
          );
    }
    case 'text': {
      // RFC 6749 §3.3: a scope token is printable ASCII other than space, " and \.
      const bad = parseScopes(value).find((scope) => !SCOPE_TOKEN.test(scope));
      return bad === undefined
        ? undefined
        : invalid(`${JSON.stringify(bad)} is not a scope: a scope is printable ASCII without " or \\.`);
    }
    case 'json': {
      const parsed = parsePolicyDocument(value, field.target.set === 'trust-policy' ? 'trust' : 'identity');
      if (parsed.ok) return undefined;
      const { syntax, statementIndex } = parsed.error;
      if (syntax !== undefined) {
        return invalid(
          `Line ${syntax.line}, column ${syntax.column}: ${syntax.problem}. IAM says: ${parsed.error.message}`,
          syntax
        );
      }
      const where = statementIndex === undefined ? '' : ` (statement ${statementIndex + 1})`;
      return invalid(`IAM refuses this policy${where}: ${parsed.error.message}`);
    }
  }
}

/** The console change a field's value makes, or undefined for the app's own choice. */
function fieldChange(field: ExerciseField, value: string): AdminChange | undefined {
  const target = field.target;
  switch (target.set) {
    case 'permissions-policy':
      return {
        set: 'permissions-policy',
        roleName: target.role,
        policyName: target.policyName,
        document: value
      };
    case 'trust-policy':
      return { set: 'trust-policy', roleName: target.role, document: value };
    case 'guest-access':
      return { set: 'guest-access', allow: value === 'on' };
    case 'method-scopes':
      return {
        set: 'method-scopes',
        httpMethod: target.httpMethod,
        resource: target.resource,
        scopes: parseScopes(value)
      };
    case 'app-token':
      return undefined;
  }
}

/** The client app's event for a goal request, or why it cannot be sent (a user whose identity is not known). */
function goalEvent(
  action: GoalAction,
  world: World,
  values: Record<string, string>,
  identities: Map<number, string>
): ClientEvent | string {
  const identityOf = (user: number) =>
    identities.get(user) ?? `${world.config.demoUsers[user]?.username ?? 'that user'} has no identity id yet`;
  switch (action.do) {
    case 'query-notes-of': {
      const identityId = identityOf(action.user);
      return identities.has(action.user) ? { type: 'QUERY_NOTES', identityId } : identityId;
    }
    case 'upload-avatar-to': {
      const identityId = identityOf(action.user);
      return identities.has(action.user) ? { type: 'UPLOAD_AVATAR', identityId } : identityId;
    }
    case 'list-folder-of': {
      const identityId = identityOf(action.user);
      return identities.has(action.user) ? { type: 'LIST_FOLDER', identityId } : identityId;
    }
    case 'call-api-with-chosen-token':
      return {
        type: 'CALL_API',
        orderId: action.orderId,
        token: values[action.field] === 'access' ? 'access' : 'id'
      };
    default:
      return resolveAction(action, world);
  }
}

/** Checks one attempt at `exercise`: bad input is `invalid` and runs nothing; otherwise every goal request runs. */
export async function checkAttempt(
  exercise: Exercise,
  attempt: ExerciseAttempt,
  options: CheckOptions = {}
): Promise<Verdict> {
  for (const id of Object.keys(attempt)) {
    if (!exercise.fields.some((field) => field.id === id)) {
      return { kind: 'invalid', field: id, message: `This exercise has no field ${JSON.stringify(id)}.` };
    }
  }
  const values: Record<string, string> = {};
  for (const field of exercise.fields) {
    const value = Object.hasOwn(attempt, field.id) ? attempt[field.id] : field.start;
    if (typeof value !== 'string') {
      return { kind: 'invalid', field: field.id, message: 'The value must be text.' };
    }
    const problem = fieldProblem(field, value);
    if (problem !== undefined) return problem;
    values[field.id] = value;
  }

  const seed = options.seed ?? EXERCISE_SEED;
  const world = await createWorld({
    seed,
    ...(options.keys === undefined ? {} : { keys: options.keys }),
    ...(options.now === undefined ? {} : { now: options.now })
  });
  if (exercise.setup?.allowClassicFlow !== undefined) {
    world.identityPool.setAllowClassicFlow(exercise.setup.allowClassicFlow);
  }
  for (const field of exercise.fields) {
    const change = fieldChange(field, values[field.id] ?? field.start);
    if (change === undefined) continue;
    const applied = applyAdminChange(world, change);
    if (!applied.ok) {
      const { syntax } = applied.error;
      return {
        kind: 'invalid',
        field: field.id,
        message: `${applied.error.code}: ${applied.error.message}`,
        ...(syntax === undefined ? {} : { line: syntax.line, column: syntax.column })
      };
    }
  }

  const app = createActor(clientAppMachine, { input: { world, random: createRandom(`${seed}:app`) } });
  app.start();
  // Demo user index → the identity id that user's own GetId returned: what "Bob's notes" means in this world.
  const identities = new Map<number, string>();
  const results: GoalResult[] = [];
  for (const goal of exercise.goals) {
    const event = goalEvent(goal.action, world, values, identities);
    if (typeof event === 'string' || !app.getSnapshot().can(event)) {
      results.push({
        id: goal.id,
        description: goal.description,
        expect: goal.expect,
        outcome: 'not-run',
        ok: false,
        notRunBecause:
          typeof event === 'string' ? event : 'the app lacks what it needs: an earlier request failed'
      });
      continue;
    }
    const before = world.trace.entries.length;
    app.send(event);
    const settled = await waitFor(app, (snapshot) => snapshot.matches('ready'));
    const { last, username, identityId } = settled.context;
    if (event.type === 'GET_ID' && last?.ok === true && identityId !== undefined) {
      const user = world.config.demoUsers.findIndex((u) => u.username === username);
      if (user !== -1) identities.set(user, identityId);
    }
    results.push(judgeStep(goal, world.trace.entries, before, last));
  }
  app.stop();
  const passed = results.every((result) => result.ok);
  return { kind: 'checked', passed, results, summary: summarize(results), trace: [...world.trace.entries] };
}
