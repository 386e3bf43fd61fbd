// The player machine: every state and transition reachable, stepping, honest "back", play to the end, pause, speed,
// and stopping before an answer the learner is asked to predict.
import { createActor, SimulatedClock, waitFor } from 'xstate';
import { getAdjacencyMap } from 'xstate/graph';
import { describe, expect, it } from 'vitest';
import { playerMachine, STEP_DELAY_MS, type PlayerEvent, type Stepper } from '../../src/lib/machines/player';

/** A stepper that records what it was asked and, like the real one, replays from 0 to go back. */
function fakeStepper(total: number) {
  const calls: number[] = [];
  let position = 0;
  let replays = 0;
  let fail = false;
  const stepper: Stepper & { calls: number[]; replays: () => number; failNext(): void } = {
    total,
    calls,
    replays: () => replays,
    failNext: () => void (fail = true),
    async goTo(step) {
      calls.push(step);
      if (fail) {
        fail = false;
        throw new Error('the simulation broke');
      }
      if (step < position) {
        replays += 1;
        position = 0;
      }
      position = Math.min(step, total);
      return position;
    }
  };
  return stepper;
}

const leafStates = (value: unknown): string =>
  typeof value === 'string'
    ? value
    : Object.entries(value as object)
        .map(([k, v]) => `${k}.${leafStates(v)}`)
        .join(',');

describe('player machine graph', () => {
  it('reaches every stable state and takes every event from each', () => {
    const total = 2;
    const done = (id: string, output: number) =>
      ({ type: `xstate.done.actor.${id}`, output }) as unknown as PlayerEvent;
    const events: PlayerEvent[] = [
      { type: 'PLAY' },
      { type: 'PAUSE' },
      { type: 'NEXT' },
      { type: 'BACK' },
      { type: 'SEEK', step: 1 },
      { type: 'SEEK', step: 2 },
      { type: 'RESTART' },
      { type: 'SPEED', speed: 2 },
      { type: 'SPEED', speed: -1 },
      { type: 'ANSWER' },
      ...[0, 1, 2].flatMap((n) => [done('seek', n), done('advance', n), done('restart', n), done('step', n)]),
      { type: 'xstate.error.actor.seek', error: new Error('x') } as unknown as PlayerEvent,
      { type: 'xstate.error.actor.step', error: new Error('x') } as unknown as PlayerEvent,
      { type: 'xstate.error.actor.advance', error: new Error('x') } as unknown as PlayerEvent,
      { type: 'xstate.error.actor.restart', error: new Error('x') } as unknown as PlayerEvent,
      { type: 'xstate.after.stepDelay.player.playing.waiting' } as unknown as PlayerEvent
    ];
    // Step 1 asks a question (the page keeps whether it was answered; here it always asks).
    const map = getAdjacencyMap(playerMachine, {
      input: { stepper: { ...fakeStepper(total), asks: (position: number) => position === 1 } },
      events,
      serializeState: (snapshot) =>
        JSON.stringify([
          snapshot.value,
          snapshot.context.position,
          snapshot.context.target,
          snapshot.context.speed,
          snapshot.context.pauseRequested,
          Boolean(snapshot.context.error)
        ]),
      limit: 50_000
    });
    const reached = new Set<string>();
    const taken = new Set<string>();
    for (const { state, transitions } of Object.values(map)) {
      reached.add(leafStates(state.value));
      for (const { event, state: next } of Object.values(transitions) as {
        event: PlayerEvent;
        state: typeof state;
      }[]) {
        if (JSON.stringify(next.value) !== JSON.stringify(state.value) || next.context !== state.context) {
          taken.add(`${leafStates(state.value)} --${event.type}-->`);
        }
      }
    }
    expect([...reached].sort()).toEqual(
      [
        'asking',
        'done',
        'idle',
        'paused',
        'playing.advancing',
        'playing.waiting',
        'restarting',
        'seeking',
        'stepping'
      ].sort()
    );
    // Every event a state declares is taken from that state at least once somewhere in the graph.
    const declared: Record<string, string[]> = {
      idle: ['PLAY', 'NEXT', 'SEEK', 'SPEED'],
      paused: ['PLAY', 'NEXT', 'BACK', 'SEEK', 'RESTART', 'SPEED'],
      seeking: ['xstate.done.actor.seek', 'xstate.error.actor.seek'],
      stepping: ['xstate.done.actor.step', 'xstate.error.actor.step'],
      asking: ['ANSWER', 'BACK', 'SEEK', 'RESTART'],
      'playing.advancing': ['xstate.done.actor.advance', 'xstate.error.actor.advance', 'PAUSE'],
      'playing.waiting': [
        'PAUSE',
        'NEXT',
        'BACK',
        'SEEK',
        'RESTART',
        'xstate.after.stepDelay.player.playing.waiting'
      ],
      done: ['PLAY', 'BACK', 'SEEK', 'RESTART'],
      restarting: ['xstate.done.actor.restart', 'xstate.error.actor.restart']
    };
    for (const [state, types] of Object.entries(declared)) {
      for (const type of types) expect(taken, `${state} --${type}-->`).toContain(`${state} --${type}-->`);
    }
  });
});

describe('player machine with a stepper', () => {
  it('steps forward, and goes back by replaying from the start', async () => {
    const stepper = fakeStepper(3);
    const player = createActor(playerMachine, { input: { stepper } }).start();
    player.send({ type: 'NEXT' });
    await waitFor(player, (s) => s.matches('paused'));
    player.send({ type: 'NEXT' });
    await waitFor(player, (s) => s.matches('paused') && s.context.position === 2);
    player.send({ type: 'BACK' });
    await waitFor(player, (s) => s.matches('paused') && s.context.position === 1);
    expect(stepper.calls).toEqual([1, 2, 1]);
    expect(stepper.replays()).toBe(1);
  });

  it('seeks to a step, clamps out-of-range seeks, and reaches done at the end', async () => {
    const stepper = fakeStepper(3);
    const player = createActor(playerMachine, { input: { stepper } }).start();
    player.send({ type: 'SEEK', step: 99 });
    const end = await waitFor(player, (s) => s.matches('done'));
    expect(end.context.position).toBe(3);
    player.send({ type: 'SEEK', step: -4 });
    const start = await waitFor(player, (s) => s.matches('paused'));
    expect(start.context.position).toBe(0);
  });

  it('plays to the end on its own, one step per delay, faster at a higher speed', async () => {
    const clock = new SimulatedClock();
    const stepper = fakeStepper(3);
    const player = createActor(playerMachine, { input: { stepper }, clock }).start();
    player.send({ type: 'SPEED', speed: 2 });
    player.send({ type: 'PLAY' });
    await waitFor(player, (s) => s.matches({ playing: 'waiting' }));
    expect(player.getSnapshot().context.position).toBe(1);
    clock.increment(STEP_DELAY_MS / 2);
    await waitFor(player, (s) => s.matches({ playing: 'waiting' }) && s.context.position === 2);
    clock.increment(STEP_DELAY_MS / 2);
    await waitFor(player, (s) => s.matches('done'));
    expect(stepper.calls).toEqual([1, 2, 3]);
  });

  it('waits longer on a step whose arrows need longer than the usual delay, never less than it', async () => {
    const clock = new SimulatedClock();
    // Step 1 needs 3 s on screen, step 2 only 0.5 s (the usual delay still applies).
    const stepper: Stepper & { calls: number[] } = {
      ...fakeStepper(3),
      dwell: (position) => (position === 1 ? 3000 : 500)
    };
    const player = createActor(playerMachine, { input: { stepper }, clock }).start();
    player.send({ type: 'PLAY' });
    await waitFor(player, (s) => s.matches({ playing: 'waiting' }) && s.context.position === 1);
    clock.increment(STEP_DELAY_MS);
    await Promise.resolve();
    expect(player.getSnapshot().context.position).toBe(1);
    clock.increment(3000 - STEP_DELAY_MS);
    await waitFor(player, (s) => s.matches({ playing: 'waiting' }) && s.context.position === 2);
    clock.increment(STEP_DELAY_MS - 1);
    await Promise.resolve();
    expect(player.getSnapshot().context.position).toBe(2);
    clock.increment(1);
    await waitFor(player, (s) => s.matches('done'));
  });

  it('keeps to a range of steps: seeks, Back and Restart stop at its first step, Next at its last', async () => {
    const stepper = fakeStepper(2);
    const player = createActor(playerMachine, { input: { stepper, first: 1, position: 2 } }).start();
    player.send({ type: 'SEEK', step: 0 });
    await waitFor(player, (s) => s.matches('paused'));
    expect(player.getSnapshot().context.position).toBe(1);
    player.send({ type: 'BACK' });
    expect(player.getSnapshot().matches('paused')).toBe(true);
    player.send({ type: 'NEXT' });
    await waitFor(player, (s) => s.matches('done'));
    expect(player.getSnapshot().context.position).toBe(2);
    player.send({ type: 'RESTART' });
    await waitFor(player, (s) => s.matches('paused'));
    expect(stepper.calls).toEqual([1, 2, 1]);
  });

  it('honours a pause that arrives in the middle of a step once the step is done', async () => {
    const stepper = fakeStepper(3);
    const player = createActor(playerMachine, { input: { stepper } }).start();
    player.send({ type: 'PLAY' });
    expect(player.getSnapshot().matches({ playing: 'advancing' })).toBe(true);
    player.send({ type: 'PAUSE' });
    const paused = await waitFor(player, (s) => s.matches('paused'));
    expect(paused.context.position).toBe(1);
    expect(paused.context.pauseRequested).toBe(false);
  });

  it('PLAY at the end replays from the first step', async () => {
    const stepper = fakeStepper(2);
    const player = createActor(playerMachine, { input: { stepper }, clock: new SimulatedClock() }).start();
    player.send({ type: 'SEEK', step: 2 });
    await waitFor(player, (s) => s.matches('done'));
    player.send({ type: 'PLAY' });
    await waitFor(player, (s) => s.matches({ playing: 'waiting' }));
    expect(stepper.calls).toEqual([2, 0, 1]);
  });

  it('ignores a nonsense speed and reports a failing step instead of throwing', async () => {
    const stepper = fakeStepper(2);
    const player = createActor(playerMachine, { input: { stepper } }).start();
    player.send({ type: 'SPEED', speed: 0 });
    player.send({ type: 'SPEED', speed: Number.NaN });
    expect(player.getSnapshot().context.speed).toBe(1);
    stepper.failNext();
    player.send({ type: 'NEXT' });
    const failed = await waitFor(player, (s) => s.matches('paused'));
    expect(failed.context.error).toBe('the simulation broke');
    expect(failed.context.position).toBe(0);
  });
});

describe('player machine asking for a prediction', () => {
  /** A stepper whose step `at` asks until answered, as the page's does. */
  function askingStepper(total: number, at: number) {
    const answered = new Set<number>();
    const stepper = {
      ...fakeStepper(total),
      asks: (position: number) => position === at && !answered.has(position)
    };
    return { stepper, answer: (position: number) => answered.add(position) };
  }

  it('stops playing at the step with a question, after performing it, and plays on only when told', async () => {
    const clock = new SimulatedClock();
    const { stepper, answer } = askingStepper(3, 2);
    const player = createActor(playerMachine, { input: { stepper }, clock }).start();
    player.send({ type: 'PLAY' });
    await waitFor(player, (s) => s.matches({ playing: 'waiting' }));
    clock.increment(STEP_DELAY_MS);
    const asking = await waitFor(player, (s) => s.matches('asking'));
    expect(asking.context.position).toBe(2);
    expect(stepper.calls).toEqual([1, 2]);
    // Play, Pause and Next wait for the answer; time passing does nothing.
    for (const type of ['PLAY', 'PAUSE', 'NEXT'] as const) player.send({ type });
    clock.increment(10 * STEP_DELAY_MS);
    expect(player.getSnapshot().matches('asking')).toBe(true);
    answer(2);
    player.send({ type: 'ANSWER' });
    expect(player.getSnapshot().matches('paused')).toBe(true);
    player.send({ type: 'PLAY' });
    await waitFor(player, (s) => s.matches('done'));
    expect(stepper.calls).toEqual([1, 2, 3]);
  });

  it('asks when stepping with Next, and not again once answered', async () => {
    const { stepper, answer } = askingStepper(2, 1);
    const player = createActor(playerMachine, { input: { stepper } }).start();
    player.send({ type: 'NEXT' });
    await waitFor(player, (s) => s.matches('asking'));
    answer(1);
    player.send({ type: 'ANSWER' });
    player.send({ type: 'BACK' });
    await waitFor(player, (s) => s.matches('paused') && s.context.position === 0);
    player.send({ type: 'NEXT' });
    const again = await waitFor(player, (s) => s.matches('paused') && s.context.position === 1);
    expect(again.matches('asking')).toBe(false);
  });

  it('asks on the last step too, and is done once answered', async () => {
    const { stepper, answer } = askingStepper(2, 2);
    const player = createActor(playerMachine, { input: { stepper }, clock: new SimulatedClock() }).start();
    player.send({ type: 'SEEK', step: 1 });
    await waitFor(player, (s) => s.matches('paused'));
    player.send({ type: 'NEXT' });
    await waitFor(player, (s) => s.matches('asking'));
    answer(2);
    player.send({ type: 'ANSWER' });
    expect(player.getSnapshot().matches('done')).toBe(true);
  });

  it('never traps: Back, a seek past the question and Restart all leave it unanswered', async () => {
    const { stepper } = askingStepper(3, 2);
    const player = createActor(playerMachine, { input: { stepper, position: 1 } }).start();
    player.send({ type: 'SEEK', step: 1 });
    await waitFor(player, (s) => s.matches('paused'));
    player.send({ type: 'NEXT' });
    await waitFor(player, (s) => s.matches('asking'));
    player.send({ type: 'BACK' });
    expect((await waitFor(player, (s) => s.matches('paused'))).context.position).toBe(1);
    player.send({ type: 'NEXT' });
    await waitFor(player, (s) => s.matches('asking'));
    player.send({ type: 'SEEK', step: 3 });
    expect((await waitFor(player, (s) => s.matches('done'))).context.position).toBe(3);
    // A seek onto the question's step does not ask either.
    player.send({ type: 'SEEK', step: 2 });
    expect((await waitFor(player, (s) => s.matches('paused'))).context.position).toBe(2);
    player.send({ type: 'SEEK', step: 1 });
    await waitFor(player, (s) => s.matches('paused') && s.context.position === 1);
    player.send({ type: 'NEXT' });
    await waitFor(player, (s) => s.matches('asking'));
    player.send({ type: 'RESTART' });
    expect((await waitFor(player, (s) => s.matches('paused'))).context.position).toBe(0);
  });
});
