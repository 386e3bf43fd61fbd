// The client-app machine's graph: every state and every transition reached, each guard both passed and refused.

import { beforeAll, describe, expect, it } from 'vitest';
import { getNextSnapshot, initialTransition, type SnapshotFrom } from 'xstate';
import { getAdjacencyMap } from 'xstate/graph';
import {
  clientAppMachine,
  type ActionOutcome,
  type ClientActionName,
  type ClientContext,
  type ClientEvent
} from '../../src/lib/machines/client-app/machine';
import type { AwsCredentials, PasswordVerifierAnswer, Tokens } from '../../src/lib/machines/client-app/calls';
import { createRandom } from '../../src/lib/sim/random';
import { createWorld, type World } from '../../src/lib/sim';
import { testKeys } from '../support/keys';

type Snapshot = SnapshotFrom<typeof clientAppMachine>;
type StateNode = (typeof clientAppMachine)['root'];
type TransitionDefinition = ReturnType<(typeof clientAppMachine)['getTransitionData']>[number];

const NOW = Date.UTC(2026, 10, 28, 9, 0, 0);

/** A JWT-shaped token (never verified here: no actor runs, so nothing is sent). `tamper` needs three segments. */
function fakeJwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', kid: 'k1' })}.${part(claims)}.c2lnbmF0dXJl`;
}

const TOKENS: Tokens = {
  idToken: fakeJwt({ sub: 'u-1', token_use: 'id', exp: NOW / 1000 + 3600 }),
  accessToken: fakeJwt({ sub: 'u-1', token_use: 'access', exp: NOW / 1000 + 3600 }),
  refreshToken: 'opaque-refresh-token',
  expiresAt: NOW + 3_600_000
};
// A session that kept no refresh token: signed in, yet REFRESH has nothing to send.
const { refreshToken: _dropped, ...TOKENS_WITHOUT_REFRESH } = TOKENS;
const CREDENTIALS: AwsCredentials = {
  accessKeyId: 'ASIAEXAMPLE000000000',
  secretKey: 'secret',
  sessionToken: 'session',
  expiration: NOW + 3_600_000
};
const IDENTITY_ID = 'us-east-1:00000000-0000-4000-8000-000000000001';
/** An SRP sign-in half done: the challenge's answer as START_SRP_SIGN_IN leaves it (no password, no `a`). */
const CHALLENGE_ANSWER: PasswordVerifierAnswer = {
  username: 'alice',
  responses: {
    USERNAME: 'alice',
    PASSWORD_CLAIM_SECRET_BLOCK: 'c2VjcmV0LWJsb2Nr',
    PASSWORD_CLAIM_SIGNATURE: 'c2lnbmF0dXJl',
    TIMESTAMP: 'Sat Nov 28 09:00:00 UTC 2026'
  }
};

/** A managed login the app started: its PKCE verifier and state (the login page and the code come later). */
const MANAGED_LOGIN = {
  verifier: 'v'.repeat(43),
  challenge: 'c'.repeat(43),
  state: 'state-1',
  redirectUri: 'https://app.two-pools.example/callback',
  scope: 'openid email orders-api/read'
};

const ok = (action: string, patch: ActionOutcome['patch'] = {}): ActionOutcome => ({
  last: { action, ok: true, status: 200 },
  patch
});
const refused = (action: string): ActionOutcome => ({
  last: { action, ok: false, status: 400, error: { code: 'NotAuthorizedException', message: 'no' } },
  patch: {}
});

/** What each action's actor may report back: the outputs that change the app's memory, and a refusal. */
const outcomes: Record<ClientActionName, ActionOutcome[]> = {
  signUp: [ok('SIGN_UP', { pendingConfirmation: 'carol' }), refused('SIGN_UP')],
  confirmSignUp: [ok('CONFIRM_SIGN_UP', { pendingConfirmation: undefined }), refused('CONFIRM_SIGN_UP')],
  // A sign-in, accepted or not, drops any SRP challenge the app was still to answer.
  signIn: [
    ok('SIGN_IN', {
      passwordVerifier: undefined,
      tokens: TOKENS,
      username: 'alice',
      provider: 'user-pool',
      identityId: undefined,
      credentials: undefined
    }),
    ok('SIGN_IN', {
      passwordVerifier: undefined,
      tokens: TOKENS_WITHOUT_REFRESH,
      username: 'alice',
      provider: 'user-pool'
    }),
    { ...refused('SIGN_IN'), patch: { passwordVerifier: undefined } }
  ],
  startSrpSignIn: [
    ok('START_SRP_SIGN_IN', { passwordVerifier: CHALLENGE_ANSWER }),
    // Refused: the app has started over, so no challenge is left open, not even an earlier one.
    { ...refused('START_SRP_SIGN_IN'), patch: { passwordVerifier: undefined } }
  ],
  answerPasswordVerifier: [
    ok('ANSWER_PASSWORD_VERIFIER', {
      passwordVerifier: undefined,
      tokens: TOKENS,
      username: 'alice',
      provider: 'user-pool',
      identityId: undefined,
      credentials: undefined
    }),
    { ...refused('ANSWER_PASSWORD_VERIFIER'), patch: { passwordVerifier: undefined } }
  ],
  refresh: [ok('REFRESH', { tokens: TOKENS }), refused('REFRESH')],
  signOut: [
    ok('SIGN_OUT', {
      tokens: undefined,
      username: undefined,
      provider: undefined,
      identityId: undefined,
      credentials: undefined,
      passwordVerifier: undefined
    })
  ],
  callApi: [ok('CALL_API'), refused('CALL_API')],
  getProfile: [ok('GET_PROFILE'), refused('GET_PROFILE')],
  callIamApi: [ok('CALL_IAM_API'), refused('CALL_IAM_API')],
  callDynamoDbWithJwt: [refused('CALL_DYNAMODB_WITH_JWT')],
  signInWithGoogle: [
    ok('SIGN_IN_WITH_GOOGLE', {
      googleToken: fakeJwt({ iss: 'https://accounts.google.com' }),
      provider: 'google',
      identityId: undefined,
      credentials: undefined,
      passwordVerifier: undefined
    })
  ],
  getId: [ok('GET_ID', { identityId: IDENTITY_ID, provider: 'guest' }), refused('GET_ID')],
  getCredentials: [ok('GET_CREDENTIALS', { credentials: CREDENTIALS }), refused('GET_CREDENTIALS')],
  getOpenIdToken: [ok('GET_OPEN_ID_TOKEN', { openIdToken: 'open-id-token' }), refused('GET_OPEN_ID_TOKEN')],
  assumeRole: [ok('ASSUME_ROLE', { credentials: CREDENTIALS }), refused('ASSUME_ROLE')],
  readOrder: [ok('READ_ORDER'), refused('READ_ORDER')],
  queryNotes: [ok('QUERY_NOTES'), refused('QUERY_NOTES')],
  putNote: [ok('PUT_NOTE'), refused('PUT_NOTE')],
  recordEvent: [ok('RECORD_EVENT'), refused('RECORD_EVENT')],
  readEvents: [ok('READ_EVENTS'), refused('READ_EVENTS')],
  uploadAvatar: [ok('UPLOAD_AVATAR'), refused('UPLOAD_AVATAR')],
  listFolder: [ok('LIST_FOLDER'), refused('LIST_FOLDER')],
  getObject: [ok('GET_OBJECT'), refused('GET_OBJECT')],
  startManagedLogin: [
    ok('START_MANAGED_LOGIN', { managedLogin: { ...MANAGED_LOGIN, loginUrl: 'https://x.example/login' } }),
    { ...refused('START_MANAGED_LOGIN'), patch: { managedLogin: MANAGED_LOGIN } }
  ],
  submitManagedLogin: [
    ok('SUBMIT_MANAGED_LOGIN', { managedLogin: { ...MANAGED_LOGIN, code: 'code-1' }, username: 'alice' }),
    refused('SUBMIT_MANAGED_LOGIN')
  ],
  redeemCode: [
    ok('REDEEM_CODE', {
      tokens: TOKENS,
      username: 'alice',
      provider: 'user-pool',
      identityId: undefined,
      credentials: undefined
    }),
    refused('REDEEM_CODE')
  ],
  callScopedApi: [ok('CALL_SCOPED_API'), refused('CALL_SCOPED_API')],
  signInWithManagedLogin: [
    ok('SIGN_IN_WITH_MANAGED_LOGIN', {
      managedLogin: { ...MANAGED_LOGIN, loginUrl: 'https://x.example/login', code: 'code-2' },
      tokens: TOKENS,
      username: 'alice',
      provider: 'user-pool',
      identityId: undefined,
      credentials: undefined
    }),
    { ...refused('SIGN_IN_WITH_MANAGED_LOGIN'), patch: { managedLogin: MANAGED_LOGIN } }
  ]
};
const actorNames = Object.keys(outcomes) as ClientActionName[];

const userEvents: ClientEvent[] = [
  { type: 'SIGN_UP', username: 'carol', password: 'Pass-word-1', email: 'carol@example.com' },
  { type: 'CONFIRM_SIGN_UP', email: 'carol@example.com' },
  { type: 'SIGN_IN', username: 'alice', password: 'Correct-Horse-42', flow: 'srp' },
  { type: 'START_SRP_SIGN_IN', username: 'alice', password: 'Correct-Horse-42' },
  { type: 'ANSWER_PASSWORD_VERIFIER' },
  { type: 'REFRESH' },
  { type: 'SIGN_OUT' },
  { type: 'CALL_API', orderId: '42' },
  { type: 'CALL_API', orderId: '42', token: 'access' },
  { type: 'GET_PROFILE', token: 'access' },
  { type: 'CALL_IAM_API', orderId: '42' },
  { type: 'CALL_DYNAMODB_WITH_JWT', orderId: '42' },
  { type: 'SIGN_IN_WITH_GOOGLE', email: 'alice@example.com' },
  { type: 'GET_ID', provider: 'user-pool' },
  { type: 'GET_ID', provider: 'google' },
  { type: 'GET_ID', provider: 'guest' },
  { type: 'GET_CREDENTIALS' },
  { type: 'GET_OPEN_ID_TOKEN' },
  { type: 'ASSUME_ROLE', roleArn: 'arn:aws:iam::123456789012:role/TwoPools_Authenticated' },
  { type: 'READ_ORDER', orderId: '42' },
  { type: 'QUERY_NOTES' },
  { type: 'PUT_NOTE', text: 'hello' },
  { type: 'RECORD_EVENT', name: 'app-opened' },
  { type: 'READ_EVENTS' },
  { type: 'UPLOAD_AVATAR' },
  { type: 'LIST_FOLDER' },
  { type: 'GET_OBJECT' },
  { type: 'TAMPER', claim: 'sub', value: 'someone-else' },
  { type: 'ADVANCE_CLOCK', ms: 60_000 },
  { type: 'CONFIGURE', change: { set: 'guest-access', allow: true } },
  { type: 'START_MANAGED_LOGIN' },
  { type: 'SUBMIT_MANAGED_LOGIN', username: 'alice', password: 'Correct-Horse-42' },
  { type: 'REDEEM_CODE' },
  { type: 'CALL_SCOPED_API', orderId: '42' },
  { type: 'SIGN_IN_WITH_MANAGED_LOGIN', username: 'alice', password: 'Correct-Horse-42' }
];

// The invoked actors' own events, as XState delivers them to the machine (not part of ClientEvent).
const doneEvent = (id: ClientActionName, output: ActionOutcome) =>
  ({ type: `xstate.done.actor.${id}`, output }) as unknown as ClientEvent;
const errorEvent = (id: ClientActionName) =>
  ({ type: `xstate.error.actor.${id}`, error: new Error(`${id} broke`) }) as unknown as ClientEvent;

const actorEvents: ClientEvent[] = actorNames.flatMap((id) => [
  ...outcomes[id].map((output) => doneEvent(id, output)),
  errorEvent(id)
]);
/** What may arrive while `id` runs that is not its answer: a click, and another actor's (late) answer. */
const strayEvents = (id: ClientActionName): ClientEvent[] => [
  { type: 'SIGN_IN', username: 'bob', password: 'Battery-Staple-7', flow: 'password' },
  { type: 'ADVANCE_CLOCK', ms: 1 },
  ...actorEvents.filter((e) => !e.type.endsWith(`.${id}`)).slice(0, 2)
];

/** Every state node under `node`, by id (`clientApp.ready.signedIn`), compound ones included. */
function stateNodes(node: StateNode): StateNode[] {
  return Object.values(node.states).flatMap((child) => [child, ...stateNodes(child)]);
}

function leafOf(snapshot: Snapshot): string {
  const path: string[] = ['clientApp'];
  let value: unknown = snapshot.value;
  while (typeof value === 'object' && value !== null) {
    const [key, inner] = Object.entries(value)[0] ?? [];
    if (key === undefined) break;
    path.push(key);
    value = inner;
  }
  if (typeof value === 'string') path.push(value);
  return path.join('.');
}

/** The app's memory reduced to what guards read: enough to tell states apart, without the world. */
function memoryOf(context: ClientContext) {
  return {
    pending: context.pendingConfirmation !== undefined,
    challenge: context.passwordVerifier !== undefined,
    tokens: context.tokens ? (context.tokens.refreshToken === undefined ? 'no-refresh' : 'full') : 'none',
    google: context.googleToken !== undefined,
    provider: context.provider ?? null,
    identity: context.identityId !== undefined,
    openId: context.openIdToken !== undefined,
    credentials: context.credentials !== undefined,
    loginPage: context.managedLogin?.loginUrl !== undefined,
    code: context.managedLogin?.code !== undefined
  };
}

/** The actor a working state runs (its single invoke), read from the machine's definition. */
function actorOf(snapshot: Snapshot): ClientActionName {
  const name = leafOf(snapshot).split('.').pop() ?? '';
  const invoke = clientAppMachine.root.states.working?.states[name]?.invoke[0];
  if (!invoke) throw new Error(`no actor runs in ${leafOf(snapshot)}`);
  return invoke.id as ClientActionName;
}

const label = (t: TransitionDefinition) =>
  `${t.source.id} --${String(t.eventType) || '(always)'}${t.guard ? `[${JSON.stringify(t.guard)}]` : ''}--> ${(t.target ?? []).map((n) => n.id).join(',')}`;

let world: World;
const input = () => ({ world, random: createRandom('graph:app') });

beforeAll(async () => {
  world = await createWorld({ seed: 'client-app-graph', now: NOW, keys: testKeys });
});

describe('client-app machine graph', () => {
  const allStates = () => stateNodes(clientAppMachine.root);
  const settling = () => clientAppMachine.root.states.ready!.states.settling!;

  it('gives every invoked actor an explicit id, its action name', () => {
    const invoked = allStates().flatMap((node) => node.invoke.map((i) => [i.id, i.src]));
    expect(invoked.map(([id]) => id).sort()).toEqual([...actorNames].sort());
    for (const [id, src] of invoked) expect(src).toBe(id);
  });

  it('reaches every state and takes every transition; each guard is both passed and refused', () => {
    const map = getAdjacencyMap(clientAppMachine, {
      input: input(),
      // In a working state: its own actor's answers, plus stray clicks and other actors' answers; in ready, clicks.
      events: (snapshot) => {
        if (!snapshot.matches('working')) return userEvents;
        const id = actorOf(snapshot);
        return [...outcomes[id].map((output) => doneEvent(id, output)), errorEvent(id), ...strayEvents(id)];
      },
      serializeState: (snapshot) => JSON.stringify([snapshot.value, memoryOf(snapshot.context)]),
      limit: 200_000
    });

    const declared = new Set<TransitionDefinition>();
    for (const node of [clientAppMachine.root, ...allStates()]) {
      for (const list of node.transitions.values()) for (const t of list) declared.add(t);
      for (const t of node.always ?? []) declared.add(t);
    }
    const alwaysFromSettling = settling().always ?? [];
    // Each of settling's branches goes to its own state, so the state it lands in names the branch taken.
    expect(new Set(alwaysFromSettling.map((t) => t.target?.[0]?.id)).size).toBe(alwaysFromSettling.length);
    const settledBy = (snapshot: Snapshot) =>
      alwaysFromSettling.find((t) => t.target?.[0]?.id === leafOf(snapshot));

    const taken = new Set<TransitionDefinition>();
    const refusedSomewhere = new Set<TransitionDefinition>();
    const reached = new Set<string>();
    const markReached = (snapshot: Snapshot) => {
      const leaf = leafOf(snapshot);
      for (let i = leaf.indexOf('.'); i !== -1; i = leaf.indexOf('.', i + 1)) reached.add(leaf.slice(0, i));
      reached.add(leaf);
    };

    // The first snapshot has passed through settling already.
    const [first] = initialTransition(clientAppMachine, input());
    const initialBranch = settledBy(first);
    expect(initialBranch && label(initialBranch)).toMatch(/--> clientApp\.ready\.anonymous$/);
    if (initialBranch) taken.add(initialBranch);
    reached.add(settling().id);

    for (const { state, transitions } of Object.values(map)) {
      markReached(state);
      const inWorking = state.matches('working');
      for (const { event, state: next } of Object.values(transitions) as {
        event: ClientEvent;
        state: Snapshot;
      }[]) {
        const enabled = clientAppMachine.getTransitionData(state, event);
        for (const t of enabled) taken.add(t);
        if (inWorking && !event.type.endsWith(`.actor.${actorOf(state)}`)) {
          // A click, or another actor's late answer, while a call is in flight is ignored.
          expect(enabled, `${leafOf(state)} ignores ${event.type}`).toEqual([]);
        }
        if (enabled.length === 0) {
          // Refused: nothing changes, not even `last`.
          expect(next.value).toEqual(state.value);
          expect(next.context).toBe(state.context);
          for (const t of declared) {
            if (t.guard && t.eventType === event.type && state.matches('ready')) refusedSomewhere.add(t);
          }
        }
        const entersSettling = enabled.some((t) =>
          (t.target ?? []).some((n) => n.id === 'clientApp.ready' || n.id === settling().id)
        );
        if (entersSettling) {
          const branch = settledBy(next);
          expect(branch, `${leafOf(state)} --${event.type}--> settles`).toBeDefined();
          if (branch) taken.add(branch);
        }
      }
    }

    const allIds = allStates().map((node) => node.id);
    expect([...reached].filter((id) => id !== 'clientApp').sort()).toEqual([...allIds].sort());
    const missed = [...declared].filter((t) => !taken.has(t)).map(label);
    expect(missed).toEqual([]);
    const guardedOn = [...declared].filter((t) => t.guard && !alwaysFromSettling.includes(t));
    const neverRefused = guardedOn.filter((t) => !refusedSomewhere.has(t)).map(label);
    expect(neverRefused).toEqual([]);
    // Every settling branch lands somewhere, each at least once (anonymous, awaiting, signed in, holding).
    expect(alwaysFromSettling.map((t) => taken.has(t))).toEqual(alwaysFromSettling.map(() => true));
  }, 30_000);
});

describe('client-app machine guards', () => {
  const start = () => initialTransition(clientAppMachine, input())[0];
  const after = (snapshot: Snapshot, ...events: ClientEvent[]) =>
    events.reduce((s, e) => getNextSnapshot(clientAppMachine, s, e), snapshot);
  const signedIn = () =>
    after(
      start(),
      { type: 'SIGN_IN', username: 'alice', password: 'x', flow: 'password' },
      doneEvent('signIn', outcomes.signIn[0]!)
    );

  const expectRefused = (snapshot: Snapshot, event: ClientEvent) => {
    expect(snapshot.can(event), `${event.type} in ${leafOf(snapshot)}`).toBe(false);
    const next = getNextSnapshot(clientAppMachine, snapshot, event);
    expect(next.value).toEqual(snapshot.value);
    expect(next.context).toBe(snapshot.context);
  };

  it('refuses the JWT-to-DynamoDB call, sign-out and tampering without tokens', () => {
    const anonymous = start();
    expect(anonymous.value).toEqual({ ready: 'anonymous' });
    expectRefused(anonymous, { type: 'CALL_DYNAMODB_WITH_JWT', orderId: '42' });
    expectRefused(anonymous, { type: 'SIGN_OUT' });
    expectRefused(anonymous, { type: 'TAMPER', claim: 'sub', value: 'x' });
    expectRefused(anonymous, { type: 'GET_ID', provider: 'user-pool' });
    expectRefused(anonymous, { type: 'GET_ID', provider: 'google' });
  });

  it('refuses GetCredentials and GetOpenIdToken without an identity id, even when signed in', () => {
    const s = signedIn();
    expect(s.value).toEqual({ ready: 'signedIn' });
    expectRefused(s, { type: 'GET_CREDENTIALS' });
    expectRefused(s, { type: 'GET_OPEN_ID_TOKEN' });
    expectRefused(s, { type: 'ASSUME_ROLE', roleArn: 'arn:aws:iam::123456789012:role/R' });
  });

  it('refuses reading an order (from DynamoDB or the AWS_IAM method), notes or events without credentials', () => {
    const withIdentity = after(
      signedIn(),
      { type: 'GET_ID', provider: 'user-pool' },
      doneEvent('getId', ok('GET_ID', { identityId: IDENTITY_ID, provider: 'user-pool' }))
    );
    expect(withIdentity.context.identityId).toBe(IDENTITY_ID);
    expectRefused(withIdentity, { type: 'READ_ORDER', orderId: '42' });
    expectRefused(withIdentity, { type: 'CALL_IAM_API', orderId: '42' });
    expectRefused(withIdentity, { type: 'QUERY_NOTES' });
    expectRefused(withIdentity, { type: 'PUT_NOTE', text: 'x' });
    expectRefused(withIdentity, { type: 'RECORD_EVENT', name: 'x' });
    expectRefused(withIdentity, { type: 'READ_EVENTS' });
  });

  it('refuses REFRESH without a refresh token, and allows it with one', () => {
    expectRefused(start(), { type: 'REFRESH' });
    const noRefresh = after(
      start(),
      { type: 'SIGN_IN', username: 'alice', password: 'x', flow: 'srp' },
      doneEvent('signIn', outcomes.signIn[1]!)
    );
    expect(noRefresh.value).toEqual({ ready: 'signedIn' });
    expectRefused(noRefresh, { type: 'REFRESH' });
    expect(signedIn().can({ type: 'REFRESH' })).toBe(true);
  });

  it('refuses CONFIRM_SIGN_UP with nothing pending, and settles in awaitingConfirmation after a sign-up', () => {
    expectRefused(start(), { type: 'CONFIRM_SIGN_UP', email: 'carol@example.com' });
    const awaiting = after(start(), userEvents[0]!, doneEvent('signUp', outcomes.signUp[0]!));
    expect(awaiting.value).toEqual({ ready: 'awaitingConfirmation' });
    expect(awaiting.can({ type: 'CONFIRM_SIGN_UP', email: 'carol@example.com' })).toBe(true);
  });

  it('settles in holdingCredentials once credentials arrive, and back to anonymous on sign-out', () => {
    const holding = after(
      signedIn(),
      { type: 'GET_ID', provider: 'user-pool' },
      doneEvent('getId', ok('GET_ID', { identityId: IDENTITY_ID, provider: 'user-pool' })),
      { type: 'GET_CREDENTIALS' },
      doneEvent('getCredentials', outcomes.getCredentials[0]!)
    );
    expect(holding.value).toEqual({ ready: 'holdingCredentials' });
    const out = after(holding, { type: 'SIGN_OUT' }, doneEvent('signOut', outcomes.signOut[0]!));
    expect(out.value).toEqual({ ready: 'anonymous' });
    expect(out.context.credentials).toBeUndefined();
  });

  it('answers a PASSWORD_VERIFIER challenge only while one is open, and never holds the password', () => {
    const answer: ClientEvent = { type: 'ANSWER_PASSWORD_VERIFIER' };
    expectRefused(start(), answer);
    expectRefused(signedIn(), answer);
    const start_: ClientEvent = {
      type: 'START_SRP_SIGN_IN',
      username: 'alice',
      password: 'Correct-Horse-42'
    };
    const challenged = after(start(), start_, doneEvent('startSrpSignIn', outcomes.startSrpSignIn[0]!));
    expect(challenged.value).toEqual({ ready: 'awaitingPasswordVerifier' });
    expect(challenged.can(answer)).toBe(true);
    expect(JSON.stringify(challenged.context.passwordVerifier)).not.toContain('Correct-Horse-42');
    // The clock moving, or a call that needs no sign-in, leaves the challenge open.
    expect(after(challenged, { type: 'ADVANCE_CLOCK', ms: 1 }).value).toEqual({
      ready: 'awaitingPasswordVerifier'
    });
    const refusedStart = after(start(), start_, doneEvent('startSrpSignIn', outcomes.startSrpSignIn[1]!));
    expect(refusedStart.value).toEqual({ ready: 'anonymous' });
    expectRefused(refusedStart, answer);
  });

  it('lands in signedIn when the answer is accepted, and back where it was when refused', () => {
    const challenged = (from: Snapshot) =>
      after(
        from,
        { type: 'START_SRP_SIGN_IN', username: 'alice', password: 'x' },
        doneEvent('startSrpSignIn', outcomes.startSrpSignIn[0]!)
      );
    const accepted = after(
      challenged(start()),
      { type: 'ANSWER_PASSWORD_VERIFIER' },
      doneEvent('answerPasswordVerifier', outcomes.answerPasswordVerifier[0]!)
    );
    expect(accepted.value).toEqual({ ready: 'signedIn' });
    expect(accepted.context.passwordVerifier).toBeUndefined();
    expect(accepted.context.last).toMatchObject({ action: 'ANSWER_PASSWORD_VERIFIER', ok: true });

    // Signed in already: starting another sign-in keeps the tokens until the new answer is accepted.
    const again = challenged(signedIn());
    expect(again.value).toEqual({ ready: 'awaitingPasswordVerifier' });
    expect(again.context.tokens).toEqual(TOKENS);
    const refusedAnswer = after(
      again,
      { type: 'ANSWER_PASSWORD_VERIFIER' },
      doneEvent('answerPasswordVerifier', outcomes.answerPasswordVerifier[1]!)
    );
    expect(refusedAnswer.value).toEqual({ ready: 'signedIn' });
    expect(refusedAnswer.context.passwordVerifier).toBeUndefined();
    expect(refusedAnswer.context.last).toMatchObject({
      action: 'ANSWER_PASSWORD_VERIFIER',
      ok: false,
      error: { code: 'NotAuthorizedException' }
    });
  });

  it('drops an open challenge on another sign-in or a sign-out', () => {
    const challenged = after(
      signedIn(),
      { type: 'START_SRP_SIGN_IN', username: 'bob', password: 'x' },
      doneEvent('startSrpSignIn', outcomes.startSrpSignIn[0]!)
    );
    // Refused, even: the old tokens stay, the challenge goes.
    const viaSignIn = after(
      challenged,
      { type: 'SIGN_IN', username: 'alice', password: 'x', flow: 'password' },
      doneEvent('signIn', outcomes.signIn[2]!)
    );
    expect(viaSignIn.value).toEqual({ ready: 'signedIn' });
    expect(viaSignIn.context.passwordVerifier).toBeUndefined();
    const viaSignOut = after(challenged, { type: 'SIGN_OUT' }, doneEvent('signOut', outcomes.signOut[0]!));
    expect(viaSignOut.value).toEqual({ ready: 'anonymous' });
  });

  it('records an actor that failed to run as a ClientError and returns to ready', () => {
    const failed = after(signedIn(), { type: 'CALL_API', orderId: '42' }, errorEvent('callApi'));
    expect(failed.value).toEqual({ ready: 'signedIn' });
    expect(failed.context.last).toEqual({
      action: 'callApi',
      ok: false,
      error: { code: 'ClientError', message: 'callApi broke' }
    });
  });
});
