// The page's side of the live world: one request at a time to its Web Worker, the latest state kept for the
// views, and a stepper the player can drive.
import type { Stepper } from '$lib/machines/player';
import type { LiveMessage, LiveReply, LiveRequest, LiveState, PerformResult } from '$lib/live';

/** How requests reach a host and replies come back. */
export interface Transport<Message, Reply> {
  send(message: Message): void;
  /** Called with every reply, and with an Error when the host itself failed (the worker crashed). */
  listen(listener: (reply: Reply | Error) => void): void;
  close(): void;
}

/** How the figure pages' requests reach the live host. */
export type LiveTransport = Transport<LiveMessage, LiveReply>;

/**
 * The live world in a Web Worker: key generation, SRP, signing and IAM never touch the page's thread. The
 * worker answers the figure pages' messages and the sandbox's (`sandbox:`); a page speaks one of them.
 */
export function workerTransport<Message = LiveMessage, Reply = LiveReply>(): Transport<Message, Reply> {
  const worker = new Worker(new URL('./world.worker.ts', import.meta.url), {
    type: 'module',
    name: 'two-pools-world'
  });
  return {
    send: (message) => worker.postMessage(message),
    listen(listener) {
      worker.onmessage = (event: MessageEvent<Reply>) => listener(event.data);
      worker.onerror = (event) => {
        event.preventDefault();
        listener(new Error(event.message || 'the live world’s worker failed to start'));
      };
      worker.onmessageerror = () => listener(new Error('a message from the live world could not be read'));
    },
    close: () => worker.terminate()
  };
}

/**
 * A host in the same thread, for tests in jsdom (which has no Worker): messages are cloned both ways, as they
 * would be between threads, so nothing shares an object with the world. The pages never use one: the host
 * would bring the whole simulation onto the page's thread.
 */
export function inPageTransport<Message, Reply>(host: {
  handle(message: Message): Promise<Reply>;
}): Transport<Message, Reply> {
  let listener: ((reply: Reply | Error) => void) | undefined;
  let closed = false;
  return {
    send(message) {
      void host.handle(structuredClone(message)).then((reply) => {
        if (!closed) listener?.(structuredClone(reply));
      });
    },
    listen: (next) => (listener = next),
    close: () => (closed = true)
  };
}

export interface LiveSession {
  /** The latest state, once the first request has been answered. */
  readonly state: LiveState | undefined;
  /** Told every new state (before the request that caused it resolves). */
  subscribe(listener: (state: LiveState) => void): () => void;
  start(scenarioId: string, seed: string, now: number): Promise<LiveState>;
  goTo(step: number): Promise<LiveState>;
  perform(events: PerformEvents): Promise<{ state: LiveState; result: PerformResult }>;
  /** What the player drives: steps of the story, answered by the live world. */
  stepper(total: number): Stepper;
  close(): void;
}

type PerformEvents = Extract<LiveRequest, { type: 'perform' }>['events'];

export function createLiveSession(transport: LiveTransport): LiveSession {
  let nextId = 1;
  let state: LiveState | undefined;
  const pending = new Map<
    number,
    { resolve: (reply: LiveReply & { ok: true }) => void; reject: (e: Error) => void }
  >();
  const listeners = new Set<(state: LiveState) => void>();
  let failure: Error | undefined;

  transport.listen((reply) => {
    if (reply instanceof Error) {
      failure = reply;
      for (const waiting of pending.values()) waiting.reject(reply);
      pending.clear();
      return;
    }
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    if (!reply.ok) {
      waiting.reject(new Error(reply.error));
      return;
    }
    state = reply.state;
    for (const listener of listeners) listener(reply.state);
    waiting.resolve(reply);
  });

  function request(body: LiveRequest): Promise<LiveReply & { ok: true }> {
    if (failure) return Promise.reject(failure);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      transport.send({ ...body, id });
    });
  }

  return {
    get state() {
      return state;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start: async (scenarioId, seed, now) => (await request({ type: 'start', scenarioId, seed, now })).state,
    goTo: async (step) => (await request({ type: 'goTo', step })).state,
    async perform(events) {
      const reply = await request({ type: 'perform', events });
      if (!reply.result) throw new Error('live: the world answered a perform without its result');
      return { state: reply.state, result: reply.result };
    },
    stepper: (total) => ({
      total,
      goTo: async (step) => (await request({ type: 'goTo', step })).state.position
    }),
    close() {
      transport.close();
      failure = new Error('the live world was closed');
      for (const waiting of pending.values()) waiting.reject(failure);
      pending.clear();
      listeners.clear();
    }
  };
}

/** Why a page cannot start its live world in this browser, in words. */
export const NO_WORKER =
  'this browser cannot start Web Workers, which the simulated cloud runs in. The diagram on the page is the complete figure, as recorded.';

/** A session on the live world's worker (the simulation never runs on the page's thread). */
export async function openLiveSession(): Promise<LiveSession> {
  if (typeof Worker !== 'function') throw new Error(NO_WORKER);
  return createLiveSession(workerTransport());
}
