// The sandbox page's side of its live world: opening it (or replaying a share link on it), sending the
// learner's actions one at a time, resetting it, and what the page shows of it (its state as it last came to
// rest, what the palette offers, the live region's words, failures). The simulated cloud itself runs in the
// worker (`ui/live/sandbox-session.ts`); this holds only what the page shows.
import type { SandboxPerformed, SandboxState } from '$lib/live';
import {
  ALL_ACTION_KEYS,
  type Availability,
  decodeShare,
  DEFAULT_SEED,
  keyOf,
  replayRefusal,
  type SandboxAction,
  type SandboxDraft
} from '$lib/sandbox';
import type { SandboxClient } from '../live/sandbox-session';
import { type Announcement, notice, resultOf } from './announcement';
import { leaveAddress, ShareLink } from './share-link.svelte';

export type SandboxStatus = 'loading' | 'replaying' | 'ready' | 'failed';

const LOADING = 'Wait: the simulated cloud is still loading (making keys).';

export class SandboxLive {
  status: SandboxStatus = $state('loading');
  /** Why the simulation stopped, in words. */
  failure = $state('');
  /** A share link that could not be used: shown until the learner acts or resets. */
  linkError = $state('');
  /**
   * The live world as it stands when it last came to rest (from the worker, after each request): what the
   * palette offers. While an action runs, the palette keeps offering what this says; reasons flashing beside
   * every button for a moment would say nothing useful.
   */
  state: SandboxState | undefined = $state.raw();
  working = $state(false);
  seed = $state(DEFAULT_SEED);
  /**
   * What the live region says (and shows): the last action's result with its exchanges, or why an action
   * was not sent.
   */
  announcement: Announcement | undefined = $state();
  /** A share link's replay under way: how far it is. */
  replay: { done: number; total: number } | undefined = $state();
  readonly share = new ShareLink(() => this.state && { seed: this.seed, actions: this.state.actions });

  /** What each palette action would do now: nothing until the live world is ready. */
  availability: Availability = $derived.by(() => {
    const ready = this.state && this.status === 'ready' ? this.state.availability : undefined;
    return Object.fromEntries(
      ALL_ACTION_KEYS.map((key) => [key, ready ? ready[key] : { ok: false, reason: LOADING }])
    ) as Availability;
  });

  #client: SandboxClient | undefined;
  #destroyed = false;
  /** Set by Stop: the replay sends no further action. */
  #replayStopped = false;

  constructor(
    private readonly hooks: {
      /** A new world replaced the old one: its exchange ids start again at t1. */
      onNewWorld?: () => void;
      /** An action was performed and its state shown. */
      onPerformed?: (record: SandboxPerformed) => void;
    } = {}
  ) {}

  /** Says something in the live region. */
  explain(text: string): void {
    this.announcement = notice(text);
  }

  /**
   * Opens the live world after first paint, and replays the share link the page was opened with, if any (read
   * in the browser only: the page is prerendered without a query).
   */
  start(open: () => Promise<SandboxClient>): void {
    const shared = decodeShare(window.location.search);
    if (shared.ok) this.seed = shared.value.seed;
    else
      this.linkError = `This share link cannot be opened: ${shared.error.message} Nothing from it was replayed; the sandbox starts empty.`;

    void open()
      .then(async (opened) => {
        if (this.#destroyed) {
          opened.close();
          return;
        }
        this.#client = opened;
        if (shared.ok && shared.value.actions.length > 0) {
          await this.#replayLink(opened, shared.value.actions);
          return;
        }
        const state = await opened.start(this.seed, Date.now());
        if (this.#destroyed) return;
        this.#adopt(state);
        this.status = 'ready';
      })
      .catch((error: unknown) => {
        if (this.#destroyed) return;
        this.replay = undefined;
        this.status = 'failed';
        this.#failed(error);
      });
  }

  /** Stops the live world for good (the page is leaving). */
  close(): void {
    this.#destroyed = true;
    this.#replayStopped = true;
    this.#client?.close();
  }

  /** Asks a replay under way to send no further action. */
  stopReplay = (): void => {
    this.#replayStopped = true;
  };

  /** Shows a state from the live world. */
  #adopt(next: SandboxState) {
    if (this.state && next.generation !== this.state.generation) this.hooks.onNewWorld?.();
    this.state = next;
    this.seed = next.seed;
  }

  #failed(error: unknown) {
    this.failure = error instanceof Error ? error.message : String(error);
  }

  async act(draft: SandboxDraft): Promise<void> {
    if (this.working) {
      this.explain('Wait: the app is still busy with the last action.');
      return;
    }
    const check = this.availability[keyOf(draft)];
    const client = this.#client;
    if (!client || !check.ok) {
      this.explain(`Not possible now: ${check.reason}`);
      return;
    }
    this.working = true;
    this.linkError = '';
    try {
      // The draft, with whatever the learner typed, goes to the live world; what comes back holds no secret.
      const { state, outcome } = await client.perform(draft);
      if (this.#destroyed) return;
      this.#adopt(state);
      if (!outcome.ok) {
        this.explain(`Not possible now: ${outcome.reason}`);
        return;
      }
      this.announcement = resultOf(outcome.performed, state);
      this.hooks.onPerformed?.(outcome.performed);
      leaveAddress();
      this.share.refresh();
    } catch (error) {
      this.#failed(error);
    } finally {
      this.working = false;
    }
  }

  async reset(): Promise<void> {
    const client = this.#client;
    if (!client || this.status !== 'ready' || this.working) {
      this.explain('Wait: the simulated cloud is still busy.');
      return;
    }
    this.status = 'loading';
    try {
      this.#adopt(await client.reset(Date.now()));
    } catch (error) {
      this.status = 'failed';
      this.#failed(error);
      return;
    }
    if (this.#destroyed) return;
    this.status = 'ready';
    this.linkError = '';
    this.share.clear();
    leaveAddress();
    this.explain('Reset: a fresh world with the same seed. Nothing has been sent yet.');
  }

  /**
   * Replays a shared action list on a fresh world, one action per request, so the count moves and Stop is
   * seen between actions. A stop keeps what was replayed; an action that was not possible at its turn leaves
   * a fresh, empty world and says which one.
   */
  async #replayLink(sandbox: SandboxClient, actions: readonly SandboxAction[]) {
    const total = actions.length;
    this.status = 'replaying';
    this.replay = { done: 0, total };
    await sandbox.start(this.seed, Date.now());
    let stopped = false;
    for (const [index, action] of actions.entries()) {
      if (this.#destroyed) return;
      if (this.#replayStopped) {
        stopped = true;
        break;
      }
      const replayed = await sandbox.replayOne(action);
      if (!replayed.ok) {
        this.replay = undefined;
        this.linkError = `This share link cannot be replayed: ${replayRefusal(index + 1, replayed.reason)} Nothing from it is shown; the sandbox starts empty.`;
        this.#adopt(await sandbox.start(this.seed, Date.now()));
        this.status = 'ready';
        return;
      }
      this.replay = { done: replayed.done, total };
    }
    const state = await sandbox.current();
    if (this.#destroyed) return;
    this.replay = undefined;
    this.#adopt(state);
    this.status = 'ready';
    const done = state.performed.length;
    const shown = `the diagram shows ${state.entries.length} exchange${state.entries.length === 1 ? '' : 's'}.`;
    if (stopped) {
      leaveAddress();
      this.explain(
        `Stopped: replayed ${done} of the link’s ${total} actions (the other ${total - done} are left out); ${shown}`
      );
    } else {
      this.explain(`Replayed ${done} shared action${done === 1 ? '' : 's'} from the link; ${shown}`);
    }
  }
}
