// Runs a scenario step by step against a world: the client-app machine performs each action, the trace records it.

import { createActor, waitFor, type Actor } from 'xstate';
import { createRandom, createWorld, generateKeys, type KeySource, type TraceEntry, type World } from '../sim';
import { clientAppMachine, type ClientContext, type ClientEvent, type LastCall } from '../machines';
import { SOMEONE_ELSES_IDENTITY } from './definitions';
import type { Scenario, ScenarioAction } from './types';

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
    case 'tamper':
      return { type: 'TAMPER', claim: action.claim, value: action.value };
    case 'advance-clock':
      return { type: 'ADVANCE_CLOCK', ms: action.minutes * 60_000 };
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
