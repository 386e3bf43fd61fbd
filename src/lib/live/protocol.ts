// What crosses between the page and the live world: plain, structured-cloneable data, nothing else.

import type { StateValue } from 'xstate';
import type { DiagramEntry } from '../diagram';
import type { ClientContext, ClientEvent } from '../machines';
import type { TraceEntry, WorldView } from '../sim';

/** What the page asks of the live world. */
export type LiveRequest =
  /** Build a fresh world for the scenario (keys made once per session) and stand before its first step. */
  | { type: 'start'; scenarioId: string; seed: string; now: number }
  /** Leave the story after its `step`-th step; going back replays a fresh world with the same seed and keys. */
  | { type: 'goTo'; step: number }
  /** Send the app these events in order, each once the app is ready again (the "try it" actions). */
  | { type: 'perform'; events: ClientEvent[] };

/** The app's memory as the page may see it: everything but the world it talks to and its randomness. */
export type AppMemory = Omit<ClientContext, 'world' | 'random'>;

/** The client app as it stands: its state, its memory, and which events it would take now. */
export interface AppView {
  value: StateValue;
  memory: AppMemory;
  /** `snapshot.can` for each event kind the page offers (GET_ID by provider: `GET_ID:guest`). */
  accepts: Record<string, boolean>;
}

/** Everything the page shows of the live world, after each request. */
export interface LiveState {
  /** Counts fresh worlds: it changes when going back replaced the world (exchange ids start again at t1). */
  generation: number;
  /** Steps of the story performed. */
  position: number;
  /** The whole trace of this world so far. */
  entries: TraceEntry[];
  /** The same entries as the diagram reads them, read in the worker so the page's first load needs no wire reader. */
  diagramEntries: DiagramEntry[];
  /** How many trace entries exist after each performed step (index i = after step i + 1). */
  stepEnds: number[];
  app: AppView;
  world: WorldView;
}

/** What a `perform` did. */
export interface PerformResult {
  /** Trace length before and after. */
  from: number;
  to: number;
  /** The event type the app could not take, when it stopped early. */
  stoppedBefore?: string;
}

export type LiveReply =
  | { id: number; ok: true; state: LiveState; result?: PerformResult }
  | { id: number; ok: false; error: string };

/** A request as it travels: numbered, so replies find their caller. */
export type LiveMessage = LiveRequest & { id: number };

/** The key of `AppView.accepts` that answers for an event. */
export function acceptsKey(event: ClientEvent): string {
  return event.type === 'GET_ID' ? `GET_ID:${event.provider}` : event.type;
}
