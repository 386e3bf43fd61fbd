// The sandbox's live world: keeps one free-play session (world + client app) and answers the sandbox page.
// Pure TypeScript with no DOM: the worker hands it the `sandbox:` messages, and Node tests drive it directly.

import { toDiagramEntry } from '../diagram';
import {
  ALL_ACTION_KEYS,
  type Availability,
  LIMITS,
  MAX_ACTIONS,
  SEED_PATTERN,
  type SandboxAction,
  type SandboxDraft,
  validateAction
} from '../sandbox';
import {
  createSandboxSession,
  memoizedKeys,
  type PerformedAction,
  type SandboxSession
} from '../sandbox/session';
import { viewOf, type KeySource } from '../sim';
import type {
  SandboxMail,
  SandboxMessage,
  SandboxPerformed,
  SandboxReply,
  SandboxState
} from './sandbox-protocol';
import { inTurn } from './in-turn';

export interface SandboxHostOptions {
  /** Where key pairs come from (default: made with WebCrypto). Either way each is made once per host. */
  keys?: KeySource;
}

export interface SandboxHost {
  /** Answers one request; requests are answered one at a time, in the order they came. */
  handle(message: SandboxMessage): Promise<SandboxReply>;
}

/** The longest password or code the host takes from a draft (the page's fields hold fewer). */
const MAX_SECRET_LENGTH = 256;

function performedOf(record: PerformedAction): SandboxPerformed {
  return {
    action: record.action,
    from: record.from,
    count: record.entries.length,
    ...(record.last ? { last: record.last } : {})
  };
}

/** The email of the last sign-up the pool accepted, if any. */
function lastSignUpEmail(records: readonly PerformedAction[]): string | undefined {
  const found = records.findLast((p) => p.action.do === 'sign-up' && p.last?.ok === true)?.action;
  return found?.do === 'sign-up' ? found.email : undefined;
}

const isText = (value: unknown, max: number): value is string =>
  typeof value === 'string' && value.length <= max;

/**
 * A draft from the page, checked before anything is sent: the secrets are strings of a sane length, and
 * everything else meets the rules a share link meets. Errors name the field, never its value.
 */
function checkedDraft(draft: unknown): SandboxDraft {
  if (typeof draft !== 'object' || draft === null) throw new Error('sandbox: an action is an object');
  const d = draft as Record<string, unknown>;
  switch (d.do) {
    case 'sign-up':
      if (!isText(d.username, LIMITS.username)) throw new Error('sandbox: the username is not valid text');
      if (!isText(d.email, LIMITS.email)) throw new Error('sandbox: the email is not valid text');
      if (!isText(d.password, MAX_SECRET_LENGTH)) throw new Error('sandbox: the password is not valid text');
      return { do: 'sign-up', username: d.username, email: d.email, password: d.password };
    case 'confirm-sign-up':
      if (!isText(d.code, MAX_SECRET_LENGTH)) throw new Error('sandbox: the code is not valid text');
      return { do: 'confirm-sign-up', code: d.code };
    case 'sign-in':
      if (!isText(d.username, LIMITS.username)) throw new Error('sandbox: the username is not valid text');
      if (d.flow !== 'srp' && d.flow !== 'password') throw new Error('sandbox: the flow is srp or password');
      if (!isText(d.password, MAX_SECRET_LENGTH)) throw new Error('sandbox: the password is not valid text');
      return { do: 'sign-in', username: d.username, flow: d.flow, password: d.password };
    case 'managed-login':
      if (!isText(d.username, LIMITS.username)) throw new Error('sandbox: the username is not valid text');
      if (!isText(d.password, MAX_SECRET_LENGTH)) throw new Error('sandbox: the password is not valid text');
      return { do: 'managed-login', username: d.username, password: d.password };
    default: {
      const valid = validateAction(draft as SandboxAction);
      if (!valid.ok) throw new Error(`sandbox: ${valid.error.message}`);
      return valid.value as SandboxDraft;
    }
  }
}

/** A shared action from the page, checked as a share link's decoder checks it. */
function checkedAction(action: unknown): SandboxAction {
  if (typeof action !== 'object' || action === null) throw new Error('sandbox: an action is an object');
  const valid = validateAction(action as SandboxAction);
  if (!valid.ok) throw new Error(`sandbox: ${valid.error.message}`);
  return valid.value;
}

export function createSandboxHost(options: SandboxHostOptions = {}): SandboxHost {
  const keys = memoizedKeys(options.keys);
  let session: SandboxSession | undefined;
  let generation = 0;
  /** Shared actions replayed on this world (a link holds at most MAX_ACTIONS). */
  let replayed = 0;

  function current(): SandboxSession {
    if (!session) throw new Error('sandbox: no sandbox has been started');
    return session;
  }

  async function fresh(seed: unknown, now: unknown) {
    if (typeof seed !== 'string' || !SEED_PATTERN.test(seed)) {
      throw new Error('sandbox: the seed must be 1–40 letters, digits, - or _');
    }
    if (typeof now !== 'number' || !Number.isFinite(now)) {
      throw new Error('sandbox: the clock’s start is a number of milliseconds');
    }
    const next = await createSandboxSession({ seed, now, keys });
    session?.stop();
    session = next;
    generation += 1;
    replayed = 0;
  }

  function state(): SandboxState {
    const live = current();
    const { world, app } = live;
    const snapshot = app.getSnapshot();
    const { world: _world, random: _random, ...memory } = snapshot.context;
    const holdings = live.holdings(snapshot);
    const availability = Object.fromEntries(
      ALL_ACTION_KEYS.map((key) => {
        const check = live.availability(key, snapshot);
        return [key, check.ok ? { ok: true, reason: '' } : check];
      })
    ) as Availability;
    const address = holdings.pending?.email ?? lastSignUpEmail(live.performed);
    const mail = address === undefined ? undefined : world.inbox.latest(address);
    const inbox: SandboxMail | undefined =
      mail && address !== undefined ? { to: address, subject: mail.subject, code: mail.code } : undefined;
    return {
      generation,
      seed: live.seed,
      entries: [...world.trace.entries],
      diagramEntries: world.trace.entries.map(toDiagramEntry),
      performed: live.performed.map(performedOf),
      actions: live.actions(),
      app: { value: snapshot.value, memory },
      holdings,
      availability,
      ...(inbox ? { inbox } : {}),
      world: viewOf(world)
    };
  }

  async function answer(message: SandboxMessage): Promise<SandboxReply> {
    switch (message.type) {
      case 'sandbox:start':
        await fresh(message.seed, message.now);
        return { id: message.id, ok: true, kind: 'state', state: state() };
      case 'sandbox:reset':
        await fresh(current().seed, message.now);
        return { id: message.id, ok: true, kind: 'state', state: state() };
      case 'sandbox:perform': {
        const draft = checkedDraft(message.draft);
        const result = await current().perform(draft);
        const outcome = result.ok
          ? { ok: true as const, performed: performedOf(result.performed) }
          : { ok: false as const, reason: result.reason };
        return { id: message.id, ok: true, kind: 'state', state: state(), outcome };
      }
      case 'sandbox:replay-one': {
        const live = current();
        if (replayed >= MAX_ACTIONS) {
          throw new Error(`sandbox: a link replays at most ${MAX_ACTIONS} actions`);
        }
        const result = await live.replay(checkedAction(message.action));
        if (!result.ok) {
          return {
            id: message.id,
            ok: true,
            kind: 'replayed',
            replayed: { ok: false, reason: result.reason }
          };
        }
        replayed += 1;
        return { id: message.id, ok: true, kind: 'replayed', replayed: { ok: true, done: replayed } };
      }
      case 'sandbox:state':
        return { id: message.id, ok: true, kind: 'state', state: state() };
      default:
        throw new Error(
          `sandbox: there is no request called "${String((message as { type?: unknown }).type)}"`
        );
    }
  }

  return {
    handle: inTurn(answer)
  };
}
