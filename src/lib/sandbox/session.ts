// A free-play session: one world, one client app, actions in any order; records what each did, without secrets.

import { createActor, waitFor, type Actor, type SnapshotFrom } from 'xstate';
import { clientAppMachine, type ClientEvent, type LastCall } from '../machines';
import { MANAGERS, resolveAction, resolveChange, type ScenarioAction } from '../scenarios';
import {
  applyAdminChange,
  createRandom,
  createWorld,
  type KeySource,
  passwordPolicyViolation,
  type TraceEntry,
  type World
} from '../sim';
import {
  keyOf,
  STAND_IN_PASSWORDS,
  WRONG_PASSWORD_STAND_IN,
  type ActionKey,
  type PasswordKind,
  type SandboxAction,
  type SandboxDraft
} from './actions';
import { probeEvent, statePath, unavailableReason, type Holdings } from './availability';
import { replayRefusal } from './share';

/** Key pairs made once per page: a reset or a replay reuses them instead of making new ones. */
export { memoizedKeys } from '../scenarios';

type ClientSnapshot = SnapshotFrom<typeof clientAppMachine>;

export interface PerformedAction {
  /** What was done, as shared: no password, no code. */
  action: SandboxAction;
  /** The exchanges it caused, in request order (none for Google's sign-in or the clock). */
  entries: TraceEntry[];
  /** Index of its first exchange in the whole trace. */
  from: number;
  last?: LastCall;
}

export type PerformResult = { ok: true; performed: PerformedAction } | { ok: false; reason: string };

export interface SandboxSession {
  readonly seed: string;
  readonly world: World;
  readonly app: Actor<typeof clientAppMachine>;
  readonly performed: readonly PerformedAction[];
  /** The shareable list of what has been done. */
  actions(): SandboxAction[];
  /** Whether the palette's action `key` is possible now, and if not, why (the machine's guards decide). */
  availability(key: ActionKey, snapshot?: ClientSnapshot): { ok: true } | { ok: false; reason: string };
  holdings(snapshot?: ClientSnapshot): Holdings;
  /** Does what the learner typed. The typed password or code is used once and never recorded. */
  perform(draft: SandboxDraft): Promise<PerformResult>;
  /** Does a shared action, with stand-ins for its passwords and codes. */
  replay(action: SandboxAction): Promise<PerformResult>;
  stop(): void;
}

/** The first policy rule a password breaks, as the pool checks it (so a stand-in gets the same answer). */
export function passwordKind(password: string): PasswordKind {
  if (password === '') return 'empty';
  const violation = passwordPolicyViolation(password);
  if (!violation) return 'valid';
  switch (violation.rule) {
    case 'Password not long enough':
      return 'short';
    case 'Password must have uppercase characters':
      return 'no-upper';
    case 'Password must have lowercase characters':
      return 'no-lower';
    case 'Password must have numeric characters':
      return 'no-digit';
    default:
      return 'no-symbol';
  }
}

/** A sandbox action that needs no secret, as the scenario action the client app performs. */
function asScenarioAction(
  action: Exclude<SandboxAction, { do: 'sign-up' | 'confirm-sign-up' | 'sign-in' | 'managed-login' }>
): ScenarioAction {
  switch (action.do) {
    case 'guest-access':
      return { do: 'configure', change: { set: 'guest-access', allow: action.allow } };
    case 'managers':
      // The second demo user: bob.
      return {
        do: 'configure',
        change: { set: 'group-membership', user: 1, group: MANAGERS, member: action.member }
      };
    case 'role-mapping':
      return {
        do: 'configure',
        change: {
          set: 'user-pool-role-mapping',
          mapping:
            action.mapping === 'none'
              ? null
              : action.mapping === 'token'
                ? { type: 'Token', ambiguous: 'AuthenticatedRole' }
                : {
                    type: 'Rules',
                    ambiguous: 'AuthenticatedRole',
                    rules: [
                      {
                        claim: 'cognito:groups',
                        match: 'Contains',
                        value: MANAGERS,
                        role: 'TwoPools_Managers'
                      }
                    ]
                  }
        }
      };
    case 'trust-policy':
      return {
        do: 'configure',
        change: { set: 'trust-policy-document', role: action.role, document: action.document }
      };
    default:
      return action;
  }
}

/** A code that is certainly not `code` (same length, last digit changed). */
function otherCode(code: string | undefined): string {
  if (!code) return '000000';
  const last = code.at(-1) === '0' ? '1' : '0';
  return `${code.slice(0, -1)}${last}`;
}

export async function createSandboxSession(
  options: { seed: string; now?: number; keys?: KeySource } = { seed: 'sandbox' }
): Promise<SandboxSession> {
  const { seed } = options;
  const world = await createWorld({
    seed,
    ...(options.now === undefined ? {} : { now: options.now }),
    ...(options.keys ? { keys: options.keys } : {})
  });
  // Free play includes the basic flow, so this pool has it switched on (new pools have it off).
  world.identityPool.setAllowClassicFlow(true);
  // The user pool group "managers" exists, naming TwoPools_Managers; nobody is in it until the learner puts bob there.
  applyAdminChange(
    world,
    resolveChange({ set: 'create-group', group: MANAGERS, role: 'TwoPools_Managers', precedence: 1 }, world)
  );
  const app = createActor(clientAppMachine, { input: { world, random: createRandom(`${seed}:app`) } });
  app.start();
  const performed: PerformedAction[] = [];
  // Passwords that sign in, by lower-case username (the pool's usernames are case-insensitive). Only in
  // memory: what a share link says is whether a sign-in used the right one.
  const passwords = new Map(world.config.demoUsers.map((u) => [u.username.toLowerCase(), u.password]));
  const emails = new Map<string, string>();

  const pendingUser = (snapshot = app.getSnapshot()) => snapshot.context.pendingConfirmation;
  const pendingEmail = () => {
    const user = pendingUser();
    return user === undefined ? undefined : emails.get(user.toLowerCase());
  };

  function availability(key: ActionKey, snapshot = app.getSnapshot()) {
    if (snapshot.matches('ready') && snapshot.can(probeEvent(key))) return { ok: true } as const;
    return { ok: false, reason: unavailableReason(key, holdings(snapshot)) } as const;
  }

  function holdings(snapshot = app.getSnapshot()): Holdings {
    const { context } = snapshot;
    const pending = context.pendingConfirmation;
    const email = pending === undefined ? undefined : emails.get(pending.toLowerCase());
    return {
      state: statePath(snapshot.value),
      now: world.clock.now(),
      ...(context.username === undefined ? {} : { username: context.username }),
      ...(context.provider === undefined ? {} : { provider: context.provider }),
      ...(context.tokens
        ? {
            tokens: {
              expiresAt: context.tokens.expiresAt,
              refresh: context.tokens.refreshToken !== undefined
            }
          }
        : {}),
      googleToken: context.googleToken !== undefined,
      ...(context.identityId === undefined ? {} : { identityId: context.identityId }),
      openIdToken: context.openIdToken !== undefined,
      ...(context.credentials ? { credentials: { expiration: context.credentials.expiration } } : {}),
      ...(pending === undefined ? {} : { pending: { username: pending, ...(email ? { email } : {}) } })
    };
  }

  async function run(
    action: SandboxAction,
    event: ClientEvent,
    signUpPassword?: string
  ): Promise<PerformResult> {
    const allowed = availability(keyOf(action));
    if (!allowed.ok) return allowed;
    const from = world.trace.entries.length;
    app.send(event);
    const settled = await waitFor(app, (s) => s.matches('ready'));
    const last = settled.context.last;
    if (event.type === 'SIGN_UP' && last?.ok && signUpPassword !== undefined) {
      passwords.set(event.username.toLowerCase(), signUpPassword);
      emails.set(event.username.toLowerCase(), event.email);
    }
    const record: PerformedAction = {
      action,
      entries: world.trace.entries.slice(from),
      from,
      ...(last ? { last } : {})
    };
    performed.push(record);
    return { ok: true, performed: record };
  }

  return {
    seed,
    world,
    app,
    performed,
    actions: () => performed.map((p) => p.action),
    availability,
    holdings,
    async perform(draft) {
      switch (draft.do) {
        case 'sign-up': {
          const action: SandboxAction = {
            do: 'sign-up',
            username: draft.username,
            email: draft.email,
            password: passwordKind(draft.password)
          };
          return run(
            action,
            { type: 'SIGN_UP', username: draft.username, email: draft.email, password: draft.password },
            draft.password
          );
        }
        case 'confirm-sign-up': {
          const email = pendingEmail() ?? '';
          const sent = world.inbox.latest(email)?.code;
          const action: SandboxAction = {
            do: 'confirm-sign-up',
            code: draft.code === sent ? 'inbox' : 'wrong'
          };
          return run(action, { type: 'CONFIRM_SIGN_UP', email, code: draft.code });
        }
        case 'sign-in': {
          const known = passwords.get(draft.username.toLowerCase());
          const action: SandboxAction = {
            do: 'sign-in',
            username: draft.username,
            flow: draft.flow,
            password: known !== undefined && known === draft.password ? 'known' : 'wrong'
          };
          return run(action, {
            type: 'SIGN_IN',
            username: draft.username,
            password: draft.password,
            flow: draft.flow
          });
        }
        case 'managed-login': {
          const known = passwords.get(draft.username.toLowerCase());
          const action: SandboxAction = {
            do: 'managed-login',
            username: draft.username,
            password: known !== undefined && known === draft.password ? 'known' : 'wrong'
          };
          return run(action, {
            type: 'SIGN_IN_WITH_MANAGED_LOGIN',
            username: draft.username,
            password: draft.password
          });
        }
        default:
          return run(draft, resolveAction(asScenarioAction(draft), world));
      }
    },
    async replay(action) {
      switch (action.do) {
        case 'sign-up': {
          const password = STAND_IN_PASSWORDS[action.password];
          return run(
            action,
            { type: 'SIGN_UP', username: action.username, email: action.email, password },
            password
          );
        }
        case 'confirm-sign-up': {
          const email = pendingEmail() ?? '';
          const sent = world.inbox.latest(email)?.code;
          const code = action.code === 'inbox' ? (sent ?? '') : otherCode(sent);
          return run(action, { type: 'CONFIRM_SIGN_UP', email, code });
        }
        case 'sign-in': {
          const known = passwords.get(action.username.toLowerCase());
          // Replayed sign-ups use stand-ins, so the wrong stand-in never equals a known password.
          const password =
            action.password === 'known' && known !== undefined ? known : WRONG_PASSWORD_STAND_IN;
          return run(action, { type: 'SIGN_IN', username: action.username, password, flow: action.flow });
        }
        case 'managed-login': {
          const known = passwords.get(action.username.toLowerCase());
          const password =
            action.password === 'known' && known !== undefined ? known : WRONG_PASSWORD_STAND_IN;
          return run(action, { type: 'SIGN_IN_WITH_MANAGED_LOGIN', username: action.username, password });
        }
        default:
          return run(action, resolveAction(asScenarioAction(action), world));
      }
    },
    stop: () => app.stop()
  };
}

/** How long a replay runs actions back to back before the page gets a turn (to paint, and to see a Stop). */
export const REPLAY_SLICE_MS = 40;

export interface ReplayControl {
  /** Told after each replayed action: how many of how many are done. */
  onProgress?: (done: number, total: number) => void;
  /** Stops the replay before its next action; the actions replayed so far stay. */
  signal?: AbortSignal;
  /** The time budget of a slice, in milliseconds (default REPLAY_SLICE_MS). */
  sliceMs?: number;
  /** Gives the page a turn between slices (default: the next task). */
  yieldToPage?: () => Promise<void>;
  /** A clock in milliseconds, for measuring slices (default `performance.now`). */
  now?: () => number;
}

export type ReplayResult =
  { ok: true; session: SandboxSession; stopped: boolean } | { ok: false; error: string };

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Replays a shared action list against a fresh world, in slices of about `sliceMs` with a turn for the page
 * between them, so a long link never freezes the tab. A stop keeps what was replayed so far. An action that
 * was not possible at its turn (a hand-edited link) stops the session and only the error comes back.
 */
export async function replaySandbox(
  actions: readonly SandboxAction[],
  options: { seed: string; now?: number; keys?: KeySource },
  control: ReplayControl = {}
): Promise<ReplayResult> {
  const { sliceMs = REPLAY_SLICE_MS, yieldToPage = nextTask, now = () => performance.now() } = control;
  const session = await createSandboxSession(options);
  let sliceStart = now();
  for (const [index, action] of actions.entries()) {
    if (control.signal?.aborted) return { ok: true, session, stopped: true };
    const result = await session.replay(action);
    if (!result.ok) {
      session.stop();
      return {
        ok: false,
        error: replayRefusal(index + 1, result.reason)
      };
    }
    control.onProgress?.(index + 1, actions.length);
    if (index + 1 < actions.length && now() - sliceStart >= sliceMs) {
      await yieldToPage();
      sliceStart = now();
    }
  }
  return { ok: true, session, stopped: false };
}
