// The scenario player as an XState machine: idle / playing / paused / done, with step, back, seek and speed, and
// asking: stopped before an answer the learner is to predict.

import { assign, fromPromise, not, setup } from 'xstate';

/**
 * What the player drives. `goTo(n)` leaves the story after its n-th step. Going back is honest: the
 * stepper replays from the first step with the same seed rather than pretending to undo.
 */
export interface Stepper {
  readonly total: number;
  goTo(step: number): Promise<number>;
  /**
   * How long, at speed 1, step `position` needs on screen once reached (its arrows arrive one by one, then it is
   * read). The player waits at least `STEP_DELAY_MS`, and longer when a step needs it.
   */
  dwell?(position: number): number;
  /**
   * Whether step `position`, once reached by playing or by Next, stops before an answer for the learner to predict
   * (a question not yet answered). A seek never asks, so jumping past a question is always possible.
   */
  asks?(position: number): boolean;
}

export interface PlayerContext {
  stepper: Stepper;
  /** Steps performed so far (0 = nothing yet, total = the end). */
  position: number;
  /** Where the player's story starts: 0, or later when it shows only a range of steps (`first` to `total`). */
  first: number;
  /** Where a seek is heading. */
  target: number;
  total: number;
  /** Playback speed multiplier: 0.5, 1, 2, ... */
  speed: number;
  /** Set when PAUSE arrives in the middle of a step; honoured once the step has finished. */
  pauseRequested: boolean;
  error?: string;
}

export type PlayerEvent =
  | { type: 'PLAY' }
  | { type: 'PAUSE' }
  | { type: 'NEXT' }
  | { type: 'BACK' }
  | { type: 'SEEK'; step: number }
  | { type: 'RESTART' }
  | { type: 'SPEED'; speed: number }
  /** The learner answered the question (or chose to just see the answer): the step's answer may be shown. */
  | { type: 'ANSWER' };

/** Time a step stays on screen while playing, at speed 1. */
export const STEP_DELAY_MS = 1800;
export const SPEEDS = [0.5, 1, 2, 4] as const;

const clamp = (value: number, { first, total }: { first: number; total: number }) =>
  Math.max(first, Math.min(total, Math.round(value)));

export const playerMachine = setup({
  types: {
    context: {} as PlayerContext,
    events: {} as PlayerEvent,
    input: {} as { stepper: Stepper; position?: number; speed?: number; first?: number }
  },
  actors: {
    goTo: fromPromise<number, { stepper: Stepper; target: number }>(({ input }) =>
      input.stepper.goTo(input.target)
    )
  },
  guards: {
    atEnd: ({ context }) => context.position >= context.total,
    atStart: ({ context }) => context.position <= context.first,
    pauseRequested: ({ context }) => context.pauseRequested,
    asks: ({ context }) => context.stepper.asks?.(context.position) ?? false,
    validSpeed: ({ event }) =>
      event.type === 'SPEED' && Number.isFinite(event.speed) && event.speed > 0 && event.speed <= 8
  },
  actions: {
    targetNext: assign({ target: ({ context }) => clamp(context.position + 1, context) }),
    targetPrevious: assign({ target: ({ context }) => clamp(context.position - 1, context) }),
    targetStart: assign({ target: ({ context }) => context.first }),
    targetEvent: assign({
      target: ({ context, event }) => (event.type === 'SEEK' ? clamp(event.step, context) : context.target)
    }),
    arrive: assign({
      position: ({ event }) => (event as unknown as { output: number }).output,
      error: undefined
    }),
    fail: assign({
      error: ({ event }) => {
        const error = (event as unknown as { error: unknown }).error;
        return error instanceof Error ? error.message : String(error);
      }
    }),
    requestPause: assign({ pauseRequested: true }),
    clearPause: assign({ pauseRequested: false }),
    setSpeed: assign({
      speed: ({ context, event }) => (event.type === 'SPEED' ? event.speed : context.speed)
    })
  },
  delays: {
    stepDelay: ({ context }) =>
      Math.max(STEP_DELAY_MS, context.stepper.dwell?.(context.position) ?? 0) / context.speed
  }
}).createMachine({
  id: 'player',
  context: ({ input }) => ({
    stepper: input.stepper,
    position: input.position ?? input.first ?? 0,
    target: input.position ?? input.first ?? 0,
    first: input.first ?? 0,
    total: input.stepper.total,
    speed: input.speed ?? 1,
    pauseRequested: false
  }),
  initial: 'idle',
  on: {
    SPEED: { guard: 'validSpeed', actions: 'setSpeed' }
  },
  states: {
    idle: {
      on: {
        PLAY: { target: 'playing', actions: 'clearPause' },
        NEXT: { target: 'stepping', actions: 'targetNext' },
        SEEK: { target: 'seeking', actions: 'targetEvent' }
      }
    },
    paused: {
      on: {
        PLAY: { target: 'playing', actions: 'clearPause' },
        NEXT: { target: 'stepping', actions: 'targetNext' },
        BACK: { guard: not('atStart'), target: 'seeking', actions: 'targetPrevious' },
        SEEK: { target: 'seeking', actions: 'targetEvent' },
        RESTART: { target: 'seeking', actions: 'targetStart' }
      }
    },
    seeking: {
      invoke: {
        id: 'seek',
        src: 'goTo',
        input: ({ context }) => ({ stepper: context.stepper, target: context.target }),
        onDone: { target: 'settled', actions: 'arrive' },
        onError: { target: 'paused', actions: 'fail' }
      }
    },
    settled: {
      always: [{ guard: 'atEnd', target: 'done' }, { target: 'paused' }]
    },
    /** One step forward by hand (Next): like a seek, but a step with a question asks it. */
    stepping: {
      invoke: {
        id: 'step',
        src: 'goTo',
        input: ({ context }) => ({ stepper: context.stepper, target: context.target }),
        onDone: { target: 'stepped', actions: 'arrive' },
        onError: { target: 'paused', actions: 'fail' }
      }
    },
    stepped: {
      always: [{ guard: 'asks', target: 'asking' }, { target: 'settled' }]
    },
    /**
     * The step has been performed, but its answer waits until the learner predicts it: nothing plays on until
     * ANSWER. Back, a seek or Restart leave the question unanswered (it asks again next time).
     */
    asking: {
      on: {
        ANSWER: 'settled',
        BACK: { guard: not('atStart'), target: 'seeking', actions: 'targetPrevious' },
        SEEK: { target: 'seeking', actions: 'targetEvent' },
        RESTART: { target: 'seeking', actions: 'targetStart' }
      }
    },
    playing: {
      initial: 'advancing',
      states: {
        advancing: {
          entry: 'targetNext',
          invoke: {
            id: 'advance',
            src: 'goTo',
            input: ({ context }) => ({ stepper: context.stepper, target: context.target }),
            onDone: { target: 'arrived', actions: 'arrive' },
            onError: { target: '#player.paused', actions: 'fail' }
          },
          on: { PAUSE: { actions: 'requestPause' } }
        },
        arrived: {
          always: [
            { guard: 'asks', target: '#player.asking', actions: 'clearPause' },
            { guard: 'atEnd', target: '#player.done' },
            { guard: 'pauseRequested', target: '#player.paused', actions: 'clearPause' },
            { target: 'waiting' }
          ]
        },
        waiting: {
          after: { stepDelay: 'advancing' },
          on: {
            PAUSE: '#player.paused',
            NEXT: 'advancing',
            BACK: { target: '#player.seeking', actions: 'targetPrevious' },
            SEEK: { target: '#player.seeking', actions: 'targetEvent' },
            RESTART: { target: '#player.seeking', actions: 'targetStart' }
          }
        }
      }
    },
    done: {
      on: {
        PLAY: { target: 'restarting' },
        BACK: { target: 'seeking', actions: 'targetPrevious' },
        SEEK: { target: 'seeking', actions: 'targetEvent' },
        RESTART: { target: 'seeking', actions: 'targetStart' }
      }
    },
    restarting: {
      entry: 'targetStart',
      invoke: {
        id: 'restart',
        src: 'goTo',
        input: ({ context }) => ({ stepper: context.stepper, target: context.target }),
        onDone: { target: 'playing', actions: ['arrive', 'clearPause'] },
        onError: { target: 'paused', actions: 'fail' }
      }
    }
  }
});
