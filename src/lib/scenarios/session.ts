// Runs a scenario step by step against a world: the client-app machine performs each action, the trace records it.

import { createActor, waitFor, type Actor } from 'xstate';
import {
  applyAdminChange,
  createRandom,
  createWorld,
  generateKeys,
  identityPoolTrustPolicy,
  roleArn,
  type AdminChange,
  type KeySource,
  type TraceEntry,
  type World
} from '../sim';
import { clientAppMachine, type ClientContext, type ClientEvent, type LastCall } from '../machines';
import { SOMEONE_ELSES_IDENTITY } from './definitions';
import type { Scenario, ScenarioAction, ScenarioChange } from './types';

/**
 * The identity pool id with one character mistyped: its last hex digit moved on by one (f wraps to 0). The kind
 * of slip a copy from one pool's page to another's makes, and no console check catches.
 */
export function oneCharacterTypo(identityPoolId: string): string {
  const last = identityPoolId.slice(-1);
  const digit = Number.parseInt(last, 16);
  const next = Number.isNaN(digit) ? '0' : ((digit + 1) % 16).toString(16);
  return `${identityPoolId.slice(0, -1)}${next}`;
}

/**
 * Turns a scenario's change (users by index, roles by name) into the change this world's admin hands apply. It
 * reads only the world's fixed facts, so the page can resolve a change against a world's view (`viewOf`) too.
 */
export function resolveChange(change: ScenarioChange, world: Pick<World, 'config'>): AdminChange {
  const { config } = world;
  switch (change.set) {
    case 'guest-access':
      return change;
    case 'create-group':
      return {
        set: 'create-group',
        group: {
          name: change.group,
          ...(change.role === undefined ? {} : { roleArn: roleArn(config.accountId, change.role) }),
          ...(change.precedence === undefined ? {} : { precedence: change.precedence })
        }
      };
    case 'group-membership': {
      const user = config.demoUsers[change.user];
      if (!user) throw new Error(`scenario: no demo user #${change.user}`);
      return { set: 'group-membership', username: user.username, group: change.group, member: change.member };
    }
    case 'user-pool-role-mapping': {
      // A user pool's role mapping goes under `cognito-idp.{region}.amazonaws.com/{userPoolId}:{appClientId}`.
      const key = `cognito-idp.${config.region}.amazonaws.com/${config.userPool.id}:${config.userPool.clientId}`;
      const mapping = change.mapping;
      if (mapping === null) return { set: 'role-mapping', key, mapping: null };
      return {
        set: 'role-mapping',
        key,
        mapping:
          mapping.type === 'Token'
            ? { Type: 'Token', AmbiguousRoleResolution: mapping.ambiguous }
            : {
                Type: 'Rules',
                AmbiguousRoleResolution: mapping.ambiguous,
                RulesConfiguration: {
                  Rules: mapping.rules.map((rule) => ({
                    Claim: rule.claim,
                    MatchType: rule.match,
                    Value: rule.value,
                    RoleARN: roleArn(config.accountId, rule.role)
                  }))
                }
              }
      };
    }
    case 'trust-policy': {
      const poolId = config.identityPool.id;
      const audience = change.audience === 'this-pool' ? poolId : oneCharacterTypo(poolId);
      const amr = change.role === 'TwoPools_Guest' ? 'unauthenticated' : 'authenticated';
      return {
        set: 'trust-policy',
        roleName: change.role,
        document: JSON.stringify(identityPoolTrustPolicy(audience, amr), null, 2)
      };
    }
    case 'trust-policy-document':
      return { set: 'trust-policy', roleName: change.role, document: change.document };
  }
}

/** Turns a step's data into the event the client app understands, with this world's ids and users. */
export function resolveAction(action: ScenarioAction, world: World): ClientEvent {
  const user = (index: number) => {
    const found = world.config.demoUsers[index];
    if (!found) throw new Error(`scenario: no demo user #${index}`);
    return found;
  };
  switch (action.do) {
    case 'sign-up':
      return { type: 'SIGN_UP', username: action.username, email: action.email, password: action.password };
    case 'confirm-sign-up':
      return { type: 'CONFIRM_SIGN_UP', email: action.email };
    case 'sign-in': {
      const u = user(action.user);
      return {
        type: 'SIGN_IN',
        username: u.username,
        password: action.password ?? u.password,
        flow: action.flow
      };
    }
    case 'sign-in-as':
      return { type: 'SIGN_IN', username: action.username, password: action.password, flow: action.flow };
    case 'start-srp-sign-in': {
      const u = user(action.user);
      return { type: 'START_SRP_SIGN_IN', username: u.username, password: action.password ?? u.password };
    }
    case 'answer-password-verifier':
      return { type: 'ANSWER_PASSWORD_VERIFIER' };
    case 'refresh':
      return { type: 'REFRESH' };
    case 'sign-out':
      return { type: 'SIGN_OUT' };
    case 'call-api':
      return action.token === undefined
        ? { type: 'CALL_API', orderId: action.orderId }
        : { type: 'CALL_API', orderId: action.orderId, token: action.token };
    case 'get-profile':
      return { type: 'GET_PROFILE', token: action.token };
    case 'call-iam-api':
      return { type: 'CALL_IAM_API', orderId: action.orderId };
    case 'jwt-to-dynamodb':
      return { type: 'CALL_DYNAMODB_WITH_JWT', orderId: action.orderId };
    case 'google-sign-in':
      return { type: 'SIGN_IN_WITH_GOOGLE', email: action.email };
    case 'get-id':
      return { type: 'GET_ID', provider: action.provider };
    case 'get-credentials':
      return { type: 'GET_CREDENTIALS' };
    case 'get-credentials-without-logins':
      return { type: 'GET_CREDENTIALS', withoutLogins: true };
    case 'get-open-id-token':
      return { type: 'GET_OPEN_ID_TOKEN' };
    case 'assume-role':
      return {
        type: 'ASSUME_ROLE',
        roleArn:
          action.role === 'authenticated'
            ? world.config.identityPool.authenticatedRoleArn
            : world.config.identityPool.unauthenticatedRoleArn
      };
    case 'read-order':
      return { type: 'READ_ORDER', orderId: action.orderId };
    case 'put-note':
      return { type: 'PUT_NOTE', text: action.text };
    case 'query-notes':
      return action.whose === 'own'
        ? { type: 'QUERY_NOTES' }
        : { type: 'QUERY_NOTES', identityId: SOMEONE_ELSES_IDENTITY };
    case 'record-event':
      return { type: 'RECORD_EVENT', name: action.name };
    case 'read-events':
      return { type: 'READ_EVENTS' };
    case 'upload-avatar':
      return { type: 'UPLOAD_AVATAR' };
    case 'list-folder':
      return action.whose === 'own'
        ? { type: 'LIST_FOLDER' }
        : { type: 'LIST_FOLDER', identityId: SOMEONE_ELSES_IDENTITY };
    case 'get-object':
      return { type: 'GET_OBJECT' };
    case 'tamper':
      return { type: 'TAMPER', claim: action.claim, value: action.value };
    case 'advance-clock':
      return { type: 'ADVANCE_CLOCK', ms: action.minutes * 60_000 };
    case 'configure':
      return { type: 'CONFIGURE', change: resolveChange(action.change, world) };
    case 'open-managed-login':
      return { type: 'START_MANAGED_LOGIN' };
    case 'managed-login-sign-in': {
      const u = user(action.user);
      return { type: 'SUBMIT_MANAGED_LOGIN', username: u.username, password: u.password };
    }
    case 'redeem-code':
      return { type: 'REDEEM_CODE' };
    case 'call-scoped-api':
      return { type: 'CALL_SCOPED_API', orderId: action.orderId };
  }
}

/** Hands out each purpose's key pair once, so a replay (the player's "back") signs with the same keys. */
export function memoizedKeys(source: KeySource = generateKeys): KeySource {
  const made = new Map<string, Promise<CryptoKeyPair>>();
  return (purpose) => {
    let pair = made.get(purpose);
    if (!pair) {
      pair = source(purpose);
      made.set(purpose, pair);
    }
    return pair;
  };
}

export interface StepRecord {
  stepId: string;
  /** The exchanges this step caused, in request order. */
  entries: TraceEntry[];
  last?: LastCall;
}

export interface ScenarioRun {
  scenario: Scenario;
  world: World;
  app: Actor<typeof clientAppMachine>;
  /** One record per step performed so far. */
  steps: StepRecord[];
  /** Performs the next step; resolves when the app is ready again. */
  next(): Promise<StepRecord>;
  readonly done: boolean;
}

export async function startRun(
  scenario: Scenario,
  options: { seed?: string; now?: number; keys?: KeySource; world?: World } = {}
): Promise<ScenarioRun> {
  const seed = options.seed ?? scenario.id;
  const world =
    options.world ??
    (await createWorld({
      seed,
      ...(options.now === undefined ? {} : { now: options.now }),
      ...(options.keys ? { keys: options.keys } : {})
    }));
  if (scenario.setup?.allowClassicFlow !== undefined) {
    world.identityPool.setAllowClassicFlow(scenario.setup.allowClassicFlow);
  }
  for (const change of scenario.setup?.changes ?? []) {
    const applied = applyAdminChange(world, resolveChange(change, world));
    if (!applied.ok) {
      throw new Error(
        `scenario ${scenario.id}: setup change ${change.set} refused: ${applied.error.message}`
      );
    }
  }
  const app = createActor(clientAppMachine, { input: { world, random: createRandom(`${seed}:app`) } });
  app.start();
  const steps: StepRecord[] = [];
  const run: ScenarioRun = {
    scenario,
    world,
    app,
    steps,
    get done() {
      return steps.length >= scenario.steps.length;
    },
    async next() {
      const step = scenario.steps[steps.length];
      if (!step) throw new Error(`scenario ${scenario.id}: no step after the last one`);
      const event = resolveAction(step.action, world);
      const snapshot = app.getSnapshot();
      if (!snapshot.can(event)) {
        throw new Error(
          `scenario ${scenario.id}: step "${step.id}" (${event.type}) is not possible in state ${JSON.stringify(snapshot.value)}`
        );
      }
      const before = world.trace.entries.length;
      app.send(event);
      const settled = await waitFor(app, (s) => s.matches('ready'));
      const record: StepRecord = {
        stepId: step.id,
        entries: world.trace.entries.slice(before),
        ...(settled.context.last ? { last: settled.context.last } : {})
      };
      steps.push(record);
      return record;
    }
  };
  return run;
}

export type { ClientContext };

/**
 * A stepper for the player: keeps one run, moves it forward step by step, and for "back" replays
 * a fresh world from the first step with the same seed, clock start and keys.
 */
export function createStepper(
  scenario: Scenario,
  options: { seed?: string; now: number; keys?: KeySource; onRun?: (run: ScenarioRun) => void }
) {
  const keys = memoizedKeys(options.keys);
  let current: Promise<ScenarioRun> | undefined;
  const fresh = () => {
    current = startRun(scenario, { seed: options.seed ?? scenario.id, now: options.now, keys }).then(
      (run) => {
        options.onRun?.(run);
        return run;
      }
    );
    return current;
  };
  return {
    total: scenario.steps.length,
    /** The run as it stands (starts one on first use). */
    run: () => current ?? fresh(),
    async goTo(step: number): Promise<number> {
      const target = Math.max(0, Math.min(scenario.steps.length, step));
      let run = await (current ?? fresh());
      if (target < run.steps.length) {
        run.app.stop();
        run = await fresh();
      }
      while (run.steps.length < target) await run.next();
      return run.steps.length;
    }
  };
}
