// The live world's host: keeps one scenario session (world + client app) and answers the page's requests.
// Pure TypeScript with no DOM: the worker is a thin wrapper around it, and Node tests drive it directly.

import { waitFor } from 'xstate';
import { toDiagramEntry } from '../diagram';
import type { ClientEvent } from '../machines';
import { createStepper, getScenario, type ScenarioRun } from '../scenarios';
import { viewOf, type KeySource } from '../sim';
import {
  acceptsKey,
  type AppView,
  type LiveMessage,
  type LiveReply,
  type LiveState,
  type PerformResult
} from './protocol';
import { inTurn } from './in-turn';

/** The events the page may ask about (`accepts`): one representative of each kind the app takes. */
const PROBES: readonly ClientEvent[] = [
  { type: 'SIGN_IN', username: '', password: '', flow: 'srp' },
  { type: 'SIGN_OUT' },
  { type: 'REFRESH' },
  { type: 'CALL_API', orderId: '' },
  { type: 'GET_PROFILE', token: 'access' },
  { type: 'CALL_IAM_API', orderId: '' },
  { type: 'CALL_DYNAMODB_WITH_JWT', orderId: '' },
  { type: 'GET_ID', provider: 'user-pool' },
  { type: 'GET_ID', provider: 'google' },
  { type: 'GET_ID', provider: 'guest' },
  { type: 'GET_CREDENTIALS' },
  { type: 'READ_ORDER', orderId: '' },
  { type: 'TAMPER', claim: '', value: '' },
  { type: 'ADVANCE_CLOCK', ms: 0 },
  // A console change: the app's state never stops one (the change itself is a placeholder, never sent).
  { type: 'CONFIGURE', change: { set: 'guest-access', allow: true } },
  { type: 'START_MANAGED_LOGIN' },
  { type: 'REDEEM_CODE' }
];

function appView(run: ScenarioRun): AppView {
  const snapshot = run.app.getSnapshot();
  const { world: _world, random: _random, ...memory } = snapshot.context;
  return {
    value: snapshot.value,
    memory,
    accepts: Object.fromEntries(PROBES.map((event) => [acceptsKey(event), snapshot.can(event)]))
  };
}

export interface LiveHost {
  /** Answers one request; requests are answered one at a time, in the order they came. */
  handle(message: LiveMessage): Promise<LiveReply>;
}

export function createLiveHost(options: { keys?: KeySource } = {}): LiveHost {
  let stepper: ReturnType<typeof createStepper> | undefined;
  let run: ScenarioRun | undefined;
  let generation = 0;

  function state(): LiveState {
    if (!run) throw new Error('live: no scenario has been started');
    let count = 0;
    return {
      generation,
      position: run.steps.length,
      entries: [...run.world.trace.entries],
      diagramEntries: run.world.trace.entries.map(toDiagramEntry),
      stepEnds: run.steps.map((step) => (count += step.entries.length)),
      app: appView(run),
      world: viewOf(run.world)
    };
  }

  async function perform(events: readonly ClientEvent[]): Promise<PerformResult> {
    if (!stepper) throw new Error('live: no scenario has been started');
    const current = await stepper.run();
    const from = current.world.trace.entries.length;
    for (const event of events) {
      if (!current.app.getSnapshot().can(event)) {
        return { from, to: current.world.trace.entries.length, stoppedBefore: event.type };
      }
      current.app.send(event);
      await waitFor(current.app, (snapshot) => snapshot.matches('ready'));
    }
    return { from, to: current.world.trace.entries.length };
  }

  async function answer(message: LiveMessage): Promise<LiveReply> {
    switch (message.type) {
      case 'start': {
        const scenario = getScenario(message.scenarioId);
        if (!scenario) throw new Error(`live: there is no scenario called "${message.scenarioId}"`);
        run?.app.stop();
        stepper = createStepper(scenario, {
          seed: message.seed,
          now: message.now,
          ...(options.keys ? { keys: options.keys } : {}),
          onRun: (next) => {
            run = next;
            generation += 1;
          }
        });
        await stepper.run();
        return { id: message.id, ok: true, state: state() };
      }
      case 'goTo': {
        if (!stepper) throw new Error('live: no scenario has been started');
        if (!Number.isInteger(message.step)) {
          throw new Error(`live: a step is a whole number, not ${String(message.step)}`);
        }
        await stepper.goTo(message.step);
        return { id: message.id, ok: true, state: state() };
      }
      case 'perform': {
        const result = await perform(message.events);
        return { id: message.id, ok: true, state: state(), result };
      }
    }
  }

  return {
    handle: inTurn(answer)
  };
}
