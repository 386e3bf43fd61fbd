// The sandbox's live host answers the page with plain data: free play through it gives the trace of the same
// actions on a session played directly, a typed password comes back in no state, and a link is replayed one
// action at a time, so the page can stop between them.
import { describe, expect, it } from 'vitest';
import {
  createSandboxHost,
  type SandboxMessage,
  type SandboxReply,
  type SandboxRequest,
  type SandboxState
} from '../../src/lib/live';
import type { SandboxAction, SandboxDraft } from '../../src/lib/sandbox/actions';
import { ALL_ACTION_KEYS } from '../../src/lib/sandbox/availability';
import { createSandboxSession, replaySandbox } from '../../src/lib/sandbox/session';
import { MAX_ACTIONS } from '../../src/lib/sandbox/share';
import type { TraceEntry } from '../../src/lib/sim';
import { createSandboxClient } from '../../src/lib/ui/live/sandbox-session';
import { sandboxPageTransport } from '../support/live';
import { testKeys } from '../support/keys';

const NOW = Date.UTC(2026, 10, 28, 9, 0, 0);

/** A host asked as a worker would be: every message and reply cloned, and every reply kept. */
function asker() {
  const host = createSandboxHost({ keys: testKeys });
  const replies: SandboxReply[] = [];
  let id = 0;
  const ask = async (request: SandboxRequest): Promise<SandboxReply> => {
    const message = structuredClone({ ...request, id: ++id }) as SandboxMessage;
    const reply = await host.handle(message);
    expect(structuredClone(reply)).toEqual(reply);
    replies.push(reply);
    return structuredClone(reply);
  };
  return { ask, replies };
}

function okState(reply: SandboxReply): SandboxState {
  if (!reply.ok) throw new Error(`the host refused: ${reply.error}`);
  if (reply.kind !== 'state') throw new Error('the host answered without a state');
  return reply.state;
}

/** Figure 4 and more: SRP and password sign-ins, the identity pool, signed and refused calls, the clock. */
const DRAFTS: SandboxDraft[] = [
  { do: 'call-api', orderId: '42' },
  { do: 'sign-in', username: 'alice', password: 'Correct-Horse-42', flow: 'srp' },
  { do: 'get-id', provider: 'user-pool' },
  { do: 'get-credentials' },
  { do: 'read-order', orderId: '42' },
  { do: 'put-note', text: 'From the host' },
  { do: 'query-notes', whose: 'own' },
  { do: 'query-notes', whose: 'other' },
  { do: 'advance-clock', minutes: 61 },
  { do: 'call-api', orderId: '42' },
  { do: 'refresh' },
  { do: 'call-api', orderId: '7' },
  { do: 'sign-out' },
  { do: 'sign-in', username: 'bob', password: 'Battery-Staple-7', flow: 'password' },
  { do: 'jwt-to-dynamodb', orderId: '7' },
  { do: 'google-sign-in', email: 'dana@gmail.com' },
  { do: 'get-id', provider: 'google' },
  { do: 'get-open-id-token' },
  { do: 'assume-role', role: 'authenticated' }
];

const hasPassword = (entry: TraceEntry) => entry.carries.some((carried) => carried.kind === 'password');

describe('sandbox host', () => {
  it('gives the trace, actions, holdings and availability of the same actions on a session played directly', async () => {
    const { ask } = asker();
    const started = okState(await ask({ type: 'sandbox:start', seed: 'sandbox', now: NOW }));
    expect(started.entries).toEqual([]);
    expect(started.holdings.state).toBe('ready.anonymous');
    expect(Object.keys(started.availability).sort()).toEqual([...ALL_ACTION_KEYS].sort());

    const direct = await createSandboxSession({ seed: 'sandbox', now: NOW, keys: testKeys });
    let state = started;
    for (const draft of DRAFTS) {
      const reply = await ask({ type: 'sandbox:perform', draft });
      state = okState(reply);
      const result = await direct.perform(draft);
      if (!reply.ok || reply.kind !== 'state') throw new Error('no state');
      expect(reply.outcome?.ok).toBe(result.ok);
      if (result.ok && reply.outcome?.ok) {
        expect(reply.outcome.performed).toEqual({
          action: result.performed.action,
          from: result.performed.from,
          count: result.performed.entries.length,
          ...(result.performed.last ? { last: result.performed.last } : {})
        });
      }
      expect(state.holdings).toEqual(direct.holdings());
      for (const key of ALL_ACTION_KEYS) {
        const check = direct.availability(key);
        expect(state.availability[key]).toEqual(check.ok ? { ok: true, reason: '' } : check);
      }
    }
    expect(state.entries.length).toBeGreaterThan(15);
    expect(state.entries).toEqual(direct.world.trace.entries);
    expect(state.actions).toEqual(direct.actions());
    expect(state.performed.map((p) => p.action)).toEqual(direct.actions());
    expect(state.app.value).toEqual(direct.app.getSnapshot().value);
    expect(state.app.memory).not.toHaveProperty('world');
    expect(state.app.memory).not.toHaveProperty('random');
    expect(state.app.memory.credentials?.accessKeyId).toMatch(/^ASIA/);
    expect(state.world.now).toBe(direct.world.clock.now());
    expect(state.world.config.demoUsers.map((user) => user.username)).toEqual(['alice', 'bob']);
    direct.stop();
  });

  it('refuses what the app cannot take now with a reason, and sends nothing', async () => {
    const { ask } = asker();
    okState(await ask({ type: 'sandbox:start', seed: 'sandbox', now: NOW }));
    const reply = await ask({ type: 'sandbox:perform', draft: { do: 'read-order', orderId: '42' } });
    expect(reply).toMatchObject({
      ok: true,
      outcome: { ok: false, reason: 'Get AWS credentials first: there is nothing to sign GetItem with.' }
    });
    const state = okState(reply);
    expect(state.entries).toEqual([]);
    expect(state.performed).toEqual([]);
    expect(state.availability['read-order']).toEqual({
      ok: false,
      reason: 'Get AWS credentials first: there is nothing to sign GetItem with.'
    });
  });

  it('a typed password comes back in no state: only the wire of a request that carries it holds it', async () => {
    const { ask, replies } = asker();
    const chosen = 'Typed-Chosen-Pass-31';
    const wrong = 'Typed-Wrong-Pass-57';
    const weak = 'typedweakpass';
    okState(await ask({ type: 'sandbox:start', seed: 'secrets', now: NOW }));
    const perform = async (draft: SandboxDraft) => okState(await ask({ type: 'sandbox:perform', draft }));
    // SRP never sends the password: a wrong one is nowhere, not even in the trace.
    await perform({ do: 'sign-in', username: 'alice', password: wrong, flow: 'srp' });
    await perform({ do: 'sign-up', username: 'erin', email: 'erin@example.com', password: weak });
    await perform({ do: 'sign-up', username: 'erin', email: 'erin@example.com', password: chosen });
    const mailed = okState(await ask({ type: 'sandbox:state' })).inbox;
    expect(mailed).toMatchObject({ to: 'erin@example.com', code: expect.stringMatching(/^\d{6}$/) });
    await perform({ do: 'confirm-sign-up', code: mailed?.code ?? '' });
    await perform({ do: 'sign-in', username: 'erin', password: chosen, flow: 'srp' });
    await perform({ do: 'sign-out' });
    const last = await perform({ do: 'sign-in', username: 'erin', password: chosen, flow: 'password' });

    expect(last.actions).toEqual([
      { do: 'sign-in', username: 'alice', flow: 'srp', password: 'wrong' },
      { do: 'sign-up', username: 'erin', email: 'erin@example.com', password: 'no-upper' },
      { do: 'sign-up', username: 'erin', email: 'erin@example.com', password: 'valid' },
      { do: 'confirm-sign-up', code: 'inbox' },
      { do: 'sign-in', username: 'erin', flow: 'srp', password: 'known' },
      { do: 'sign-out' },
      { do: 'sign-in', username: 'erin', flow: 'password', password: 'known' }
    ]);
    expect(last.holdings.state).toBe('ready.signedIn');
    for (const reply of replies) {
      const said = JSON.stringify(reply);
      expect(said).not.toContain(wrong);
      if (!reply.ok || reply.kind !== 'state') continue;
      // The wire as AWS's would carry it: SignUp and USER_PASSWORD_AUTH send the password (over TLS), and
      // the trace records that request as it went. Nothing else in the state holds it.
      const withoutWire = JSON.stringify({
        ...reply,
        state: {
          ...reply.state,
          entries: reply.state.entries.map((entry) =>
            hasPassword(entry) ? { ...entry, request: { ...entry.request, body: '' } } : entry
          )
        }
      });
      expect(withoutWire).not.toContain(chosen);
      expect(withoutWire).not.toContain(weak);
    }
    const carrying = last.entries.filter((entry) => entry.request.body.includes(chosen));
    expect(carrying.map((entry) => entry.operation)).toEqual(['SignUp', 'InitiateAuth']);
    expect(carrying.every(hasPassword)).toBe(true);
  });

  it('replays a link one action at a time, as replaySandbox does, and a stop keeps what was replayed', async () => {
    const link: SandboxAction[] = [
      { do: 'sign-in', username: 'alice', flow: 'srp', password: 'known' },
      { do: 'get-id', provider: 'user-pool' },
      { do: 'get-credentials' },
      { do: 'read-order', orderId: '42' },
      { do: 'advance-clock', minutes: 5 },
      { do: 'sign-up', username: 'erin', email: 'erin@example.com', password: 'short' }
    ];
    const { ask } = asker();
    okState(await ask({ type: 'sandbox:start', seed: 'sandbox', now: NOW }));
    for (const [index, action] of link.entries()) {
      expect(await ask({ type: 'sandbox:replay-one', action })).toEqual({
        id: index + 2,
        ok: true,
        kind: 'replayed',
        replayed: { ok: true, done: index + 1 }
      });
    }
    const whole = okState(await ask({ type: 'sandbox:state' }));
    const direct = await replaySandbox(link, { seed: 'sandbox', now: NOW, keys: testKeys });
    if (!direct.ok) throw new Error(direct.error);
    expect(whole.entries).toEqual(direct.session.world.trace.entries);
    expect(whole.actions).toEqual(link);
    direct.session.stop();

    // Stopping is not asking for more: the page stops after three, and the world holds those three.
    const stopped = asker();
    const fresh = okState(await stopped.ask({ type: 'sandbox:start', seed: 'sandbox', now: NOW }));
    for (const action of link.slice(0, 3)) await stopped.ask({ type: 'sandbox:replay-one', action });
    const kept = okState(await stopped.ask({ type: 'sandbox:state' }));
    expect(kept.generation).toBe(fresh.generation);
    expect(kept.actions).toEqual(link.slice(0, 3));
    expect(kept.entries).toEqual(whole.entries.slice(0, kept.entries.length));
    expect(kept.holdings.state).toBe('ready.holdingCredentials');
  });

  it('says why a shared action was not possible at its turn, and replays at most MAX_ACTIONS per world', async () => {
    const { ask } = asker();
    okState(await ask({ type: 'sandbox:start', seed: 'sandbox', now: NOW }));
    expect(
      await ask({ type: 'sandbox:replay-one', action: { do: 'read-order', orderId: '42' } })
    ).toMatchObject({
      ok: true,
      kind: 'replayed',
      replayed: { ok: false, reason: 'Get AWS credentials first: there is nothing to sign GetItem with.' }
    });
    const tick: SandboxAction = { do: 'advance-clock', minutes: 1 };
    for (let done = 1; done <= MAX_ACTIONS; done++) {
      const reply = await ask({ type: 'sandbox:replay-one', action: tick });
      expect(reply).toMatchObject({ ok: true, replayed: { ok: true, done } });
    }
    expect(await ask({ type: 'sandbox:replay-one', action: tick })).toMatchObject({
      ok: false,
      error: `sandbox: a link replays at most ${MAX_ACTIONS} actions`
    });
    // A fresh world replays again.
    const reset = okState(await ask({ type: 'sandbox:reset', now: NOW }));
    expect(reset.actions).toEqual([]);
    expect(await ask({ type: 'sandbox:replay-one', action: tick })).toMatchObject({
      replayed: { ok: true, done: 1 }
    });
  });

  it('resets to a fresh world with the same seed and the same keys', async () => {
    const { ask } = asker();
    const first = okState(await ask({ type: 'sandbox:start', seed: 'again', now: NOW }));
    const signedIn = okState(
      await ask({
        type: 'sandbox:perform',
        draft: { do: 'sign-in', username: 'alice', password: 'Correct-Horse-42', flow: 'srp' }
      })
    );
    const reset = okState(await ask({ type: 'sandbox:reset', now: NOW }));
    expect(reset.generation).toBe(first.generation + 1);
    expect(reset.seed).toBe('again');
    expect(reset.entries).toEqual([]);
    expect(reset.holdings.state).toBe('ready.anonymous');
    expect(reset.world.publishedJwks).toEqual(first.world.publishedJwks);
    const again = okState(
      await ask({
        type: 'sandbox:perform',
        draft: { do: 'sign-in', username: 'alice', password: 'Correct-Horse-42', flow: 'srp' }
      })
    );
    expect(again.entries).toEqual(signedIn.entries);
  });

  it('makes each key pair once per host', async () => {
    const made: string[] = [];
    const host = createSandboxHost({
      keys: (purpose) => {
        made.push(purpose);
        return testKeys(purpose);
      }
    });
    await host.handle({ id: 1, type: 'sandbox:start', seed: 'sandbox', now: NOW });
    const once = [...made];
    expect(once.length).toBeGreaterThan(0);
    await host.handle({ id: 2, type: 'sandbox:reset', now: NOW });
    await host.handle({ id: 3, type: 'sandbox:start', seed: 'other', now: NOW });
    expect(made).toEqual(once);
  });

  it('refuses in words, names no secret, and keeps answering after a refusal', async () => {
    const { ask } = asker();
    expect(await ask({ type: 'sandbox:state' })).toEqual({
      id: 1,
      ok: false,
      error: 'sandbox: no sandbox has been started'
    });
    expect(await ask({ type: 'sandbox:start', seed: '../etc', now: NOW })).toMatchObject({
      ok: false,
      error: 'sandbox: the seed must be 1–40 letters, digits, - or _'
    });
    expect(await ask({ type: 'sandbox:start', seed: 'ok', now: Number.NaN })).toMatchObject({ ok: false });
    okState(await ask({ type: 'sandbox:start', seed: 'ok', now: NOW }));
    const odd = [
      { do: 'sign-in', username: 'alice', password: 42, flow: 'srp' },
      { do: 'sign-in', username: 'alice', password: 'Secret-In-Error-1', flow: 'telepathy' },
      { do: 'read-order', orderId: '../admin' },
      { do: '__proto__' }
    ] as unknown as SandboxDraft[];
    for (const draft of odd) {
      const reply = await ask({ type: 'sandbox:perform', draft });
      expect(reply.ok).toBe(false);
      if (!reply.ok) expect(reply.error).toMatch(/^sandbox: /);
      expect(JSON.stringify(reply)).not.toContain('Secret-In-Error');
    }
    expect(
      await ask({ type: 'sandbox:replay-one', action: { do: 'sign-in' } as unknown as SandboxAction })
    ).toMatchObject({ ok: false, error: expect.stringMatching(/^sandbox: Action 1 \(sign-in\)/) });
    expect(await ask({ type: 'sandbox:nonsense' } as unknown as SandboxRequest)).toMatchObject({
      ok: false,
      error: 'sandbox: there is no request called "sandbox:nonsense"'
    });
    expect(okState(await ask({ type: 'sandbox:state' })).entries).toEqual([]);
  });
});

describe('the sandbox page’s client', () => {
  it('drives the host through cloned messages, keeps the latest state, and refuses once closed', async () => {
    const client = createSandboxClient(sandboxPageTransport());
    expect(client.state).toBeUndefined();
    const started = await client.start('sandbox', NOW);
    expect(client.state).toEqual(started);
    const { state, outcome } = await client.perform({
      do: 'sign-in',
      username: 'alice',
      password: 'Correct-Horse-42',
      flow: 'srp'
    });
    expect(outcome).toMatchObject({ ok: true, performed: { from: 0, count: 2 } });
    expect(state.entries.map((entry) => entry.operation)).toEqual(['InitiateAuth', 'RespondToAuthChallenge']);
    expect(await client.replayOne({ do: 'get-id', provider: 'user-pool' })).toEqual({ ok: true, done: 1 });
    // A replay answers without the state; the client keeps the last one it was given until asked.
    expect(client.state).toEqual(state);
    const now = await client.current();
    expect(now.actions.map((action) => action.do)).toEqual(['sign-in', 'get-id']);
    expect(client.state).toEqual(now);
    await expect(client.replayOne({ do: 'sign-in' } as unknown as SandboxAction)).rejects.toThrow(
      /^sandbox: Action 1/
    );
    const reset = await client.reset(NOW);
    expect(reset.entries).toEqual([]);
    client.close();
    await expect(client.current()).rejects.toThrow('the sandbox’s live world was closed');
  });
});
