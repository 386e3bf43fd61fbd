// A figure page's live side: its world in the worker and the player that steps it. Loaded when the live world
// starts (idle time or the learner's first action), so none of it weighs on the figure's first load; it tells the
// page what changed through the `FigureHost` it is given, and the page keeps the state it shows.

import type { Actor } from 'xstate';
import { holdAnswer } from '$lib/diagram';
import { ARROW_MS } from '$lib/diagram/draw';
import type { LiveState } from '$lib/live';
import type { PlayerEvent, playerMachine, Stepper } from '$lib/machines/player';
import { openLiveSession, type LiveSession } from '../live/session';
import { followCurrent } from './follow';

// What the page needs only once its player runs: keeping the current arrows in sight, holding an answer back.
export { followCurrent, holdAnswer };

/** The player as the page shows it. */
export interface PlayerView {
  /** The machine's state value, as JSON (the page exposes it for tests and for the curious). */
  value: string;
  playing: boolean;
  /** Stopped before an answer the learner is asked to predict. */
  asking: boolean;
  /** Replaying or moving between steps. */
  moving: boolean;
  speed: number;
  speeds: readonly number[];
}

/** What the page hands the live side: what it needs to know, and where to say what happened. */
export interface FigureHost {
  readonly scenarioId: string;
  /** The player's range: from the step before `first + 1` to `total` (the whole story: 0 and its length). */
  readonly first: number;
  readonly total: number;
  /** The step the page stands on (read when the world has started, so it is where the learner is by then). */
  position(): number;
  /** Whether step `position` asks its question when played or stepped into (the player's `Stepper.asks`). */
  asks(position: number): boolean;
  /** A new live state; `fresh` when it comes from a fresh world (a replay), whose extras are gone. */
  live(state: LiveState, fresh: boolean): void;
  /** The player reached a step (or, before it exists, the world arrived where the page is). */
  arrived(position: number): void;
  player(view: PlayerView): void;
  failed(message: string): void;
}

type Player = Actor<typeof playerMachine>;

/** A watcher of the figure's live state: the scenario it belongs to, and the state. */
type LiveWatcher = (scenarioId: string, state: LiveState) => void;

/** The latest live state on this page, for what the page does not wire to the stage (the export menu). */
let shown: { scenarioId: string; state: LiveState } | undefined;
const watchers = new Set<LiveWatcher>();

/** Hears each live state of the page's figure, the latest at once if there is one; returns the way to stop. */
export function watchLive(watcher: LiveWatcher): () => void {
  if (shown) watcher(shown.scenarioId, shown.state);
  watchers.add(watcher);
  return () => watchers.delete(watcher);
}

function publish(scenarioId: string, state: LiveState | undefined): void {
  shown = state && { scenarioId, state };
  if (state) for (const watcher of watchers) watcher(scenarioId, state);
}

/** Time a step stays on screen while playing, at speed 1, besides its arrows' own: enough to read it. */
const READING_MS = 1000;

export class FigureLive {
  #host: FigureHost;
  #session: LiveSession | undefined;
  #player: Player | undefined;
  #playerLoading: Promise<Player | undefined> | undefined;
  #closed = false;
  #started: Promise<boolean> | undefined;

  constructor(host: FigureHost) {
    this.#host = host;
  }

  get hasPlayer(): boolean {
    return this.#player !== undefined;
  }

  /**
   * Starts the world and plays it up to `step` (or where the page stands): only then does the page take the
   * live state, so the build's figure stays on screen until the live one has the same exchanges. False when
   * the page went away meanwhile.
   */
  start(step: number | undefined, now: number): Promise<boolean> {
    this.#started ??= this.#start(step, now);
    return this.#started;
  }

  async #start(step: number | undefined, now: number): Promise<boolean> {
    const opened = await openLiveSession();
    if (this.#closed) {
      opened.close();
      return false;
    }
    this.#session = opened;
    await opened.start(this.#host.scenarioId, this.#host.scenarioId, now);
    const arrived = await opened.goTo(step ?? this.#host.position());
    let generation = arrived.generation;
    this.#host.live(arrived, false);
    publish(this.#host.scenarioId, arrived);
    opened.subscribe((state) => {
      const fresh = state.generation !== generation;
      generation = state.generation;
      this.#host.live(state, fresh);
      publish(this.#host.scenarioId, state);
    });
    if (!this.#player) this.#host.arrived(arrived.position);
    return true;
  }

  /** What "try it" sends to the live app. */
  perform(events: Parameters<LiveSession['perform']>[0]): ReturnType<LiveSession['perform']> {
    if (!this.#session) return Promise.reject(new Error('the live world has not started'));
    return this.#session.perform(events);
  }

  send(event: PlayerEvent): void {
    if (this.#player) this.#player.send(event);
    else void this.player().then((ready) => ready?.send(event));
  }

  /** Loads the player (xstate and its machine) with the learner's first action, on the live world. */
  player(): Promise<Player | undefined> {
    this.#playerLoading ??= this.#loadPlayer().catch((error: unknown) => {
      this.#host.failed(error instanceof Error ? error.message : String(error));
      return undefined;
    });
    return this.#playerLoading;
  }

  async #loadPlayer(): Promise<Player | undefined> {
    const [started, { createActor, waitFor }, { playerMachine, SPEEDS }] = await Promise.all([
      this.#started,
      import('xstate'),
      import('$lib/machines/player')
    ]);
    const session = this.#session;
    if (!started || !session || this.#closed) return undefined;
    const host = this.#host;
    const actor = createActor(playerMachine, {
      input: {
        stepper: this.#stepper(session),
        first: host.first,
        position: session.state?.position ?? host.position()
      }
    });
    let lastPosition = actor.getSnapshot().context.position;
    actor.subscribe((snapshot) => {
      if (snapshot.context.error) host.failed(snapshot.context.error);
      host.player({
        value: JSON.stringify(snapshot.value),
        playing: snapshot.matches('playing'),
        asking: snapshot.matches('asking'),
        moving:
          snapshot.matches('seeking') ||
          snapshot.matches('stepping') ||
          snapshot.matches({ playing: 'advancing' }) ||
          snapshot.matches('restarting'),
        speed: snapshot.context.speed,
        speeds: SPEEDS
      });
      if (snapshot.context.position !== lastPosition && !snapshot.matches('seeking')) {
        lastPosition = snapshot.context.position;
        host.arrived(lastPosition);
      }
    });
    actor.start();
    // The player starts idle at the live world's position; a seek there (no request: the world is already there)
    // puts it in the state that position implies (done at the end), so Back and Play mean what they say.
    if (lastPosition > 0) {
      actor.send({ type: 'SEEK', step: lastPosition });
      await waitFor(actor, (snapshot) => !snapshot.matches('seeking'));
    }
    this.#player = actor;
    return actor;
  }

  /** The world's steps, each staying on screen long enough for its arrows to arrive one by one and be read. */
  #stepper(session: LiveSession): Stepper {
    const stepper = session.stepper(this.#host.total);
    return {
      ...stepper,
      asks: (position) => this.#host.asks(position),
      dwell: (position) => {
        const ends = session.state?.stepEnds ?? [];
        const arrows =
          position > 0 ? (ends[position - 1] ?? 0) - (position > 1 ? (ends[position - 2] ?? 0) : 0) : 0;
        return arrows * ARROW_MS + READING_MS;
      }
    };
  }

  close(): void {
    this.#closed = true;
    if (shown?.scenarioId === this.#host.scenarioId) publish(this.#host.scenarioId, undefined);
    this.#player?.stop();
    this.#session?.close();
  }
}
