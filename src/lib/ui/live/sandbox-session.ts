// The sandbox page's side of its live world: one request at a time to the Web Worker, the latest state kept for
// the views. Nothing of the simulation is imported here
// but types: the world, its keys and every secret the learner types stay with the host.
import type {
  SandboxMessage,
  SandboxPerformOutcome,
  SandboxReplayOutcome,
  SandboxReply,
  SandboxRequest,
  SandboxState
} from '$lib/live';
import type { SandboxAction, SandboxDraft } from '$lib/sandbox';
import { NO_WORKER, workerTransport, type Transport } from './session';

export type SandboxTransport = Transport<SandboxMessage, SandboxReply>;

export interface SandboxClient {
  /** The latest state, once a request that answers with one has been answered. */
  readonly state: SandboxState | undefined;
  /** A fresh world with this seed, its clock at `now`. */
  start(seed: string, now: number): Promise<SandboxState>;
  /** A fresh world with the same seed (keys are reused), its clock at `now`. */
  reset(now: number): Promise<SandboxState>;
  /** Does what the learner asked for; the draft (with what they typed) goes to the host and nowhere else. */
  perform(draft: SandboxDraft): Promise<{ state: SandboxState; outcome: SandboxPerformOutcome }>;
  /** Replays one shared action; answers without the state (ask `current` once the replay is over). */
  replayOne(action: SandboxAction): Promise<SandboxReplayOutcome>;
  /** The state as it stands. */
  current(): Promise<SandboxState>;
  close(): void;
}

type Answered = SandboxReply & { ok: true };

export function createSandboxClient(transport: SandboxTransport): SandboxClient {
  let nextId = 1;
  let state: SandboxState | undefined;
  const pending = new Map<number, { resolve: (reply: Answered) => void; reject: (e: Error) => void }>();
  let failure: Error | undefined;

  function fail(error: Error) {
    failure = error;
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  }

  transport.listen((reply) => {
    if (reply instanceof Error) {
      fail(reply);
      return;
    }
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    if (!reply.ok) {
      waiting.reject(new Error(reply.error));
      return;
    }
    if (reply.kind === 'state') state = reply.state;
    waiting.resolve(reply);
  });

  function request(body: SandboxRequest): Promise<Answered> {
    if (failure) return Promise.reject(failure);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      transport.send({ ...body, id });
    });
  }

  async function stateOf(body: SandboxRequest) {
    const reply = await request(body);
    if (reply.kind !== 'state') throw new Error('sandbox: the world answered without its state');
    return reply;
  }

  return {
    get state() {
      return state;
    },
    start: async (seed, now) => (await stateOf({ type: 'sandbox:start', seed, now })).state,
    reset: async (now) => (await stateOf({ type: 'sandbox:reset', now })).state,
    async perform(draft) {
      const reply = await stateOf({ type: 'sandbox:perform', draft });
      if (!reply.outcome) throw new Error('sandbox: the world answered an action without its outcome');
      return { state: reply.state, outcome: reply.outcome };
    },
    async replayOne(action) {
      const reply = await request({ type: 'sandbox:replay-one', action });
      if (reply.kind !== 'replayed')
        throw new Error('sandbox: the world answered a replay with something else');
      return reply.replayed;
    },
    current: async () => (await stateOf({ type: 'sandbox:state' })).state,
    close() {
      transport.close();
      fail(new Error('the sandbox’s live world was closed'));
    }
  };
}

/** A client on the live world's worker (the simulation never runs on the page's thread). */
export async function openSandboxClient(): Promise<SandboxClient> {
  if (typeof Worker !== 'function') throw new Error(NO_WORKER);
  return createSandboxClient(workerTransport<SandboxMessage, SandboxReply>());
}
