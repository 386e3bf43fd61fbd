// The user-pool lifecycle machines (src/lib/sim/services/user-pool/user-account.ts): every state reached, every transition taken.
import { createActor } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import { describe, expect, it } from 'vitest';
import {
  CONFIRMATION_CODE_LIFETIME_MS,
  REFRESH_TOKEN_LIFETIME_MS,
  SIGN_IN_CHALLENGE_LIFETIME_MS,
  signInChallengeMachine,
  tokenFamilyMachine,
  userAccountMachine,
  type SignInChallengeInput,
  type TokenFamilyInput,
  type UserAccountInput
} from '$lib/sim/services/user-pool/user-account';

const ACCOUNT: UserAccountInput = {
  username: 'carol',
  sub: 'c0000000-0000-4000-8000-000000000000',
  email: 'carol@example.com',
  salt: '0a',
  verifier: '0b',
  createdAt: 0
};

const CHALLENGE: SignInChallengeInput = {
  username: 'alice',
  userIdForSrp: 'alice',
  accountExists: true,
  A: '02',
  B: '03',
  b: '04',
  salt: '05',
  verifier: '06',
  secretBlock: 'AAAA',
  issuedAt: 0
};

const FAMILY: TokenFamilyInput = {
  originJti: 'o',
  eventId: 'e',
  username: 'alice',
  sub: 's',
  clientId: 'c',
  refreshToken: 'r',
  authTime: 0,
  issuedAt: 0
};

function reachedStates(paths: { state: { value: unknown } }[]): string[] {
  return [...new Set(paths.map((path) => String(path.state.value)))].sort();
}

describe('userAccountMachine', () => {
  const account = () => createActor(userAccountMachine, { input: ACCOUNT }).start();

  it('starts unconfirmed, with an unverified email and no groups', () => {
    const snapshot = account().getSnapshot();
    expect(snapshot.value).toBe('unconfirmed');
    expect(snapshot.context).toMatchObject({
      emailVerified: false,
      groups: [],
      code: null,
      confirmedAt: null
    });
  });

  it('confirms with the code in force and verifies the email', () => {
    const actor = account();
    actor.send({ type: 'CODE_SENT', code: '111111', at: 0 });
    actor.send({ type: 'CONFIRM', code: '111111', at: 1000 });
    expect(actor.getSnapshot().value).toBe('confirmed');
    expect(actor.getSnapshot().context).toMatchObject({ emailVerified: true, confirmedAt: 1000, code: null });
  });

  it.each([
    ['a wrong code', '222222', 1000, 'mismatch'],
    ['the right code a moment after 24 hours', '111111', CONFIRMATION_CODE_LIFETIME_MS + 1, 'expired'],
    ['a replaced code', '000000', 1000, 'superseded']
  ])('stays unconfirmed for %s', (_, code, at, refusal) => {
    const actor = account();
    actor.send({ type: 'CODE_SENT', code: '000000', at: 0 });
    actor.send({ type: 'CODE_SENT', code: '111111', at: 0 });
    actor.send({ type: 'CONFIRM', code, at });
    expect(actor.getSnapshot().value).toBe('unconfirmed');
    expect(actor.getSnapshot().context.lastCodeRefusal).toBe(refusal);
    expect(actor.getSnapshot().context.earlierCodes).toEqual(['000000']);
  });

  it('is confirmed by an admin without a code', () => {
    const actor = account();
    actor.send({ type: 'ADMIN_CONFIRM', at: 5 });
    expect(actor.getSnapshot().value).toBe('confirmed');
  });

  it('joins and leaves groups in either state, and records a global sign-out once confirmed', () => {
    const actor = account();
    actor.send({ type: 'JOIN_GROUP', group: 'admins' });
    actor.send({ type: 'JOIN_GROUP', group: 'admins' });
    expect(actor.getSnapshot().context.groups).toEqual(['admins']);
    actor.send({ type: 'GLOBAL_SIGN_OUT', at: 1 });
    expect(actor.getSnapshot().context.signedOutAt).toBeNull();
    actor.send({ type: 'ADMIN_CONFIRM', at: 2 });
    actor.send({ type: 'LEAVE_GROUP', group: 'admins' });
    actor.send({ type: 'GLOBAL_SIGN_OUT', at: 3 });
    expect(actor.getSnapshot().context).toMatchObject({ groups: [], signedOutAt: 3 });
    // A confirmed account ignores codes.
    actor.send({ type: 'CONFIRM', code: 'x', at: 4 });
    expect(actor.getSnapshot().value).toBe('confirmed');
  });

  it('reaches every state', () => {
    const paths = getShortestPaths(userAccountMachine, {
      input: ACCOUNT,
      events: [
        { type: 'CODE_SENT', code: '111111', at: 0 },
        { type: 'CONFIRM', code: '111111', at: 1 },
        { type: 'ADMIN_CONFIRM', at: 1 }
      ],
      serializeState: (snapshot) => `${String(snapshot.value)}|${snapshot.context.code?.value ?? ''}`
    });
    expect(reachedStates(paths)).toEqual(['confirmed', 'unconfirmed']);
  });
});

describe('signInChallengeMachine', () => {
  const challenge = (input: Partial<SignInChallengeInput> = {}) =>
    createActor(signInChallengeMachine, { input: { ...CHALLENGE, ...input } }).start();

  it('authenticates a matching proof in time, once', () => {
    const actor = challenge();
    actor.send({ type: 'CLAIM', at: 1000, proofMatches: true });
    expect(actor.getSnapshot().value).toBe('authenticated');
    expect(actor.getSnapshot().status).toBe('done');
    expect(actor.getSnapshot().context.answeredAt).toBe(1000);
  });

  it('refuses a proof that does not match, and any proof for a decoy', () => {
    const wrong = challenge();
    wrong.send({ type: 'CLAIM', at: 1000, proofMatches: false });
    expect(wrong.getSnapshot().value).toBe('refused');
    const decoy = challenge({ accountExists: false });
    decoy.send({ type: 'CLAIM', at: 1000, proofMatches: true });
    expect(decoy.getSnapshot().value).toBe('refused');
  });

  it('lapses after 3 minutes, even for a matching proof', () => {
    const actor = challenge();
    actor.send({ type: 'CLAIM', at: SIGN_IN_CHALLENGE_LIFETIME_MS + 1, proofMatches: true });
    expect(actor.getSnapshot().value).toBe('lapsed');
  });

  it('reaches every state', () => {
    const paths = getShortestPaths(signInChallengeMachine, {
      input: CHALLENGE,
      events: [
        { type: 'CLAIM', at: 1, proofMatches: true },
        { type: 'CLAIM', at: 1, proofMatches: false },
        { type: 'CLAIM', at: SIGN_IN_CHALLENGE_LIFETIME_MS + 1, proofMatches: true }
      ]
    });
    expect(reachedStates(paths)).toEqual(['authenticated', 'awaitingPasswordClaim', 'lapsed', 'refused']);
  });
});

describe('tokenFamilyMachine', () => {
  const family = () => createActor(tokenFamilyMachine, { input: FAMILY }).start();

  it('records refreshes while active', () => {
    const actor = family();
    actor.send({ type: 'REFRESH', at: 10 });
    actor.send({ type: 'REFRESH', at: 20 });
    expect(actor.getSnapshot().value).toBe('active');
    expect(actor.getSnapshot().context.refreshedAt).toEqual([10, 20]);
  });

  it('expires at 30 days, and can still be revoked', () => {
    const actor = family();
    actor.send({ type: 'REFRESH', at: REFRESH_TOKEN_LIFETIME_MS });
    expect(actor.getSnapshot().value).toBe('expired');
    actor.send({ type: 'REVOKE', at: REFRESH_TOKEN_LIFETIME_MS + 1, by: 'GlobalSignOut' });
    expect(actor.getSnapshot().value).toBe('revoked');
  });

  it('is revoked for good', () => {
    const actor = family();
    actor.send({ type: 'REVOKE', at: 5, by: 'RevokeToken' });
    expect(actor.getSnapshot()).toMatchObject({
      value: 'revoked',
      status: 'done',
      context: { revokedAt: 5, revokedBy: 'RevokeToken' }
    });
  });

  it('reaches every state', () => {
    const paths = getShortestPaths(tokenFamilyMachine, {
      input: FAMILY,
      events: [
        { type: 'REFRESH', at: REFRESH_TOKEN_LIFETIME_MS },
        { type: 'REVOKE', at: 1, by: 'RevokeToken' }
      ]
    });
    expect(reachedStates(paths)).toEqual(['active', 'expired', 'revoked']);
  });
});
