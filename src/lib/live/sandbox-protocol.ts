// What crosses between the sandbox page and its live world: plain, structured-cloneable data, nothing else.

/*
 * The learner's secrets travel one way only: a password or a confirmation code goes to the host inside a
 * `sandbox:perform` draft, is used there once, and comes back in no reply. The state holds each action as
 * shared (a password's kind, `known`/`wrong`, `inbox`/`wrong`), never what was typed. The trace is the wire
 * as it was: a SignUp or a USER_PASSWORD_AUTH request carries its password there, as AWS's would (SRP's never
 * does), and the state holds nothing else of it.
 */

import type { StateValue } from 'xstate';
import type { DiagramEntry } from '../diagram';
import type { LastCall } from '../machines';
import type { Availability, Holdings, SandboxAction, SandboxDraft } from '../sandbox';
import type { TraceEntry, WorldView } from '../sim';
import type { AppMemory } from './protocol';

/** What the sandbox page asks of its live world. Every type starts with `sandbox:` (the worker routes on it). */
export type SandboxRequest =
  /** A fresh world with this seed and clock (keys made once per host), and no action done. */
  | { type: 'sandbox:start'; seed: string; now: number }
  /** A fresh world with the current seed, the clock at `now`: the page's Reset. */
  | { type: 'sandbox:reset'; now: number }
  /** Does what the learner asked for, with what they typed (used once, never recorded). */
  | { type: 'sandbox:perform'; draft: SandboxDraft }
  /**
   * Does one shared action, with stand-ins for its passwords and codes: a share link is replayed one action
   * per request, so the page shows progress and can stop between them. At most MAX_ACTIONS per world.
   */
  | { type: 'sandbox:replay-one'; action: SandboxAction }
  /** The state as it stands (after a replay, which answers without it). */
  | { type: 'sandbox:state' };

/** A request as it travels: numbered, so replies find their caller. */
export type SandboxMessage = SandboxRequest & { id: number };

/** One action done, as the page shows it: what was done (as shared), where its exchanges are, what came back. */
export interface SandboxPerformed {
  action: SandboxAction;
  /** Index of its first exchange in the whole trace. */
  from: number;
  /** How many exchanges it caused (none for Google's sign-in or the clock). */
  count: number;
  last?: LastCall;
}

/** The latest email the page shows: to the account waiting for its code, else to the last sign-up. */
export interface SandboxMail {
  to: string;
  subject: string;
  code: string;
}

/** Everything the sandbox page shows of its live world, after each request. */
export interface SandboxState {
  /** Counts fresh worlds (start, reset): exchange ids start again at t1 when it changes. */
  generation: number;
  seed: string;
  /** The whole trace of this world so far. */
  entries: TraceEntry[];
  /** The same entries as the diagram reads them (`toDiagramEntry`, in the worker). */
  diagramEntries: DiagramEntry[];
  /** The actions done, in order. */
  performed: SandboxPerformed[];
  /** The shareable list of what has been done (what a share link encodes). */
  actions: SandboxAction[];
  /** The client app at rest: its machine state and its memory (without the world and its randomness). */
  app: { value: StateValue; memory: AppMemory };
  /** What the app holds, in the terms the "app now" panel and the explanations use. */
  holdings: Holdings;
  /** Each palette action: possible now (`reason` empty), or why not. */
  availability: Availability;
  inbox?: SandboxMail;
  /** What the inspector reads of the world (`viewOf(world)`). */
  world: WorldView;
}

/** What a `sandbox:perform` did: the action done, or why it was not possible (nothing was sent). */
export type SandboxPerformOutcome = { ok: true; performed: SandboxPerformed } | { ok: false; reason: string };

/** What a `sandbox:replay-one` did: how many actions this world has replayed, or why this one was not possible. */
export type SandboxReplayOutcome = { ok: true; done: number } | { ok: false; reason: string };

export type SandboxReply =
  | { id: number; ok: true; kind: 'state'; state: SandboxState; outcome?: SandboxPerformOutcome }
  | { id: number; ok: true; kind: 'replayed'; replayed: SandboxReplayOutcome }
  | { id: number; ok: false; error: string };

/** Whether a message is the sandbox's (the worker hands those to the sandbox host). */
export function isSandboxMessage(message: { type: string }): message is SandboxMessage {
  return message.type.startsWith('sandbox:');
}
