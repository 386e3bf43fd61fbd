// Lifecycles a user pool keeps for its users: the account, one SRP sign-in challenge, and one token family.
//
// The machines decide; the user-pool service only translates their verdicts into AWS wire errors. Time
// arrives in events (`at`, epoch ms from the world clock), so the machines never read a clock and can be
// driven in tests with plain numbers.

import { assign, setup } from 'xstate';

// ---------------------------------------------------------------------------------------------
// The account: UNCONFIRMED → CONFIRMED

/** Cognito: "Confirmation codes ... are valid for 24 hours." */
export const CONFIRMATION_CODE_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** Why a confirmation code was refused. */
export type CodeRefusal =
  /** Not the code that was sent: CodeMismatchException. */
  | 'mismatch'
  /** The right code, sent more than 24 h ago: ExpiredCodeException. */
  | 'expired'
  /** A code that was sent earlier, before a newer one replaced it: ExpiredCodeException. */
  | 'superseded';

export interface UserAccountInput {
  username: string;
  sub: string;
  email: string;
  /** Hex salt and SRP verifier: all the pool keeps of the password. */
  salt: string;
  verifier: string;
  createdAt: number;
}

export interface UserAccountContext extends UserAccountInput {
  emailVerified: boolean;
  groups: string[];
  /** The confirmation code now in force, and when it was sent. */
  code: { value: string; sentAt: number } | null;
  /** Codes sent before the current one (a resend replaces the code). */
  earlierCodes: string[];
  /** Why the last CONFIRM was refused; cleared when a code is sent or accepted. */
  lastCodeRefusal: CodeRefusal | null;
  confirmedAt: number | null;
  /** When GlobalSignOut last ran for this user. */
  signedOutAt: number | null;
}

export type UserAccountEvent =
  | { type: 'CODE_SENT'; code: string; at: number }
  | { type: 'CONFIRM'; code: string; at: number }
  /** AdminConfirmSignUp: how the demo users start life confirmed. */
  | { type: 'ADMIN_CONFIRM'; at: number }
  | { type: 'JOIN_GROUP'; group: string }
  | { type: 'LEAVE_GROUP'; group: string }
  | { type: 'GLOBAL_SIGN_OUT'; at: number };

/** Judges a confirmation code against the account; null when it is accepted. */
export function judgeConfirmationCode(
  context: UserAccountContext,
  code: string,
  at: number
): CodeRefusal | null {
  const current = context.code;
  if (current && current.value === code) {
    return at - current.sentAt > CONFIRMATION_CODE_LIFETIME_MS ? 'expired' : null;
  }
  return context.earlierCodes.includes(code) ? 'superseded' : 'mismatch';
}

export const userAccountMachine = setup({
  types: {
    context: {} as UserAccountContext,
    events: {} as UserAccountEvent,
    input: {} as UserAccountInput
  },
  guards: {
    codeAccepted: ({ context }, params: { code: string; at: number }) =>
      judgeConfirmationCode(context, params.code, params.at) === null
  },
  actions: {
    recordCodeSent: assign(({ context }, params: { code: string; at: number }) => ({
      code: { value: params.code, sentAt: params.at },
      earlierCodes: context.code ? [...context.earlierCodes, context.code.value] : context.earlierCodes,
      lastCodeRefusal: null
    })),
    recordCodeRefused: assign(({ context }, params: { code: string; at: number }) => ({
      lastCodeRefusal: judgeConfirmationCode(context, params.code, params.at)
    })),
    recordConfirmed: assign((_, params: { at: number }) => ({
      // Confirming with an emailed code is what proves the address: email_verified becomes true.
      emailVerified: true,
      confirmedAt: params.at,
      code: null,
      earlierCodes: [],
      lastCodeRefusal: null
    })),
    joinGroup: assign(({ context }, params: { group: string }) => ({
      groups: context.groups.includes(params.group) ? context.groups : [...context.groups, params.group]
    })),
    leaveGroup: assign(({ context }, params: { group: string }) => ({
      groups: context.groups.filter((group) => group !== params.group)
    })),
    recordGlobalSignOut: assign((_, params: { at: number }) => ({ signedOutAt: params.at }))
  }
}).createMachine({
  id: 'userAccount',
  context: ({ input }) => ({
    ...input,
    emailVerified: false,
    groups: [],
    code: null,
    earlierCodes: [],
    lastCodeRefusal: null,
    confirmedAt: null,
    signedOutAt: null
  }),
  initial: 'unconfirmed',
  on: {
    JOIN_GROUP: { actions: { type: 'joinGroup', params: ({ event }) => ({ group: event.group }) } },
    LEAVE_GROUP: { actions: { type: 'leaveGroup', params: ({ event }) => ({ group: event.group }) } }
  },
  states: {
    /** Signed up, waiting for the emailed code. Cannot sign in: "User is not confirmed." */
    unconfirmed: {
      on: {
        CODE_SENT: {
          actions: { type: 'recordCodeSent', params: ({ event }) => ({ code: event.code, at: event.at }) }
        },
        CONFIRM: [
          {
            guard: { type: 'codeAccepted', params: ({ event }) => ({ code: event.code, at: event.at }) },
            target: 'confirmed',
            actions: { type: 'recordConfirmed', params: ({ event }) => ({ at: event.at }) }
          },
          {
            actions: {
              type: 'recordCodeRefused',
              params: ({ event }) => ({ code: event.code, at: event.at })
            }
          }
        ],
        ADMIN_CONFIRM: {
          target: 'confirmed',
          actions: { type: 'recordConfirmed', params: ({ event }) => ({ at: event.at }) }
        }
      }
    },
    /** May sign in. */
    confirmed: {
      on: {
        GLOBAL_SIGN_OUT: {
          actions: { type: 'recordGlobalSignOut', params: ({ event }) => ({ at: event.at }) }
        }
      }
    }
  }
});

// ---------------------------------------------------------------------------------------------
// One SRP sign-in: InitiateAuth(USER_SRP_AUTH) opens it, RespondToAuthChallenge closes it

/** Cognito's default authentication session validity ("AuthSessionValidity"): 3 minutes. */
export const SIGN_IN_CHALLENGE_LIFETIME_MS = 3 * 60 * 1000;

export interface SignInChallengeInput {
  /** The name the client typed (USERNAME). */
  username: string;
  /** USER_ID_FOR_SRP: the name the client hashes into its proof. */
  userIdForSrp: string;
  /** False for a decoy challenge, issued so that an unknown user looks like a known one. */
  accountExists: boolean;
  /** The SRP values of this exchange, all hex; `b` is the pool's secret and never leaves it. */
  A: string;
  B: string;
  b: string;
  salt: string;
  verifier: string;
  secretBlock: string;
  issuedAt: number;
}

export interface SignInChallengeContext extends SignInChallengeInput {
  answeredAt: number | null;
}

export type SignInChallengeEvent =
  /** The client's PASSWORD_VERIFIER answer, with the pool's verdict on its proof. */
  { type: 'CLAIM'; at: number; proofMatches: boolean };

export const signInChallengeMachine = setup({
  types: {
    context: {} as SignInChallengeContext,
    events: {} as SignInChallengeEvent,
    input: {} as SignInChallengeInput
  },
  guards: {
    lapsed: ({ context }, params: { at: number }) =>
      params.at - context.issuedAt > SIGN_IN_CHALLENGE_LIFETIME_MS,
    // A decoy challenge can never succeed, whatever was sent: there is no account behind it.
    proofAccepted: ({ context }, params: { proofMatches: boolean }) =>
      context.accountExists && params.proofMatches
  },
  actions: {
    recordAnswer: assign((_, params: { at: number }) => ({ answeredAt: params.at }))
  }
}).createMachine({
  id: 'signInChallenge',
  context: ({ input }) => ({ ...input, answeredAt: null }),
  initial: 'awaitingPasswordClaim',
  states: {
    /** SRP_B and SECRET_BLOCK have been sent; the client must prove it knows the password. */
    awaitingPasswordClaim: {
      on: {
        CLAIM: [
          {
            guard: { type: 'lapsed', params: ({ event }) => ({ at: event.at }) },
            target: 'lapsed',
            actions: { type: 'recordAnswer', params: ({ event }) => ({ at: event.at }) }
          },
          {
            guard: { type: 'proofAccepted', params: ({ event }) => ({ proofMatches: event.proofMatches }) },
            target: 'authenticated',
            actions: { type: 'recordAnswer', params: ({ event }) => ({ at: event.at }) }
          },
          { target: 'refused', actions: { type: 'recordAnswer', params: ({ event }) => ({ at: event.at }) } }
        ]
      }
    },
    /** The proof matched the stored verifier. A challenge is answered once: replays find it closed. */
    authenticated: { type: 'final' },
    /** Wrong password, or no such user. */
    refused: { type: 'final' },
    /** Answered after the session's validity ran out. */
    lapsed: { type: 'final' }
  }
});

// ---------------------------------------------------------------------------------------------
// One token family: a sign-in's refresh token and every ID and access token minted from it

/** The app client's refresh token validity: 30 days. */
export const REFRESH_TOKEN_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;

export type RevokedBy = 'RevokeToken' | 'GlobalSignOut';

export interface TokenFamilyInput {
  /** The `origin_jti` claim of every token in the family. */
  originJti: string;
  /** The `event_id` of the sign-in that started the family. */
  eventId: string;
  username: string;
  sub: string;
  clientId: string;
  refreshToken: string;
  /** `auth_time` of every token in the family: when the user actually authenticated (epoch s). */
  authTime: number;
  issuedAt: number;
  /**
   * The access tokens' `scope`, when the family began at managed login (the scopes the app asked for and was
   * granted); absent for a sign-in through the user pool API, whose access tokens carry the admin scope only.
   */
  scope?: string;
}

export interface TokenFamilyContext extends TokenFamilyInput {
  refreshedAt: number[];
  revokedAt: number | null;
  revokedBy: RevokedBy | null;
}

export type TokenFamilyEvent =
  /** REFRESH_TOKEN_AUTH with this family's refresh token. */
  { type: 'REFRESH'; at: number } | { type: 'REVOKE'; at: number; by: RevokedBy };

export const tokenFamilyMachine = setup({
  types: {
    context: {} as TokenFamilyContext,
    events: {} as TokenFamilyEvent,
    input: {} as TokenFamilyInput
  },
  guards: {
    refreshTokenExpired: ({ context }, params: { at: number }) =>
      params.at - context.issuedAt >= REFRESH_TOKEN_LIFETIME_MS
  },
  actions: {
    recordRefresh: assign(({ context }, params: { at: number }) => ({
      refreshedAt: [...context.refreshedAt, params.at]
    })),
    recordRevocation: assign((_, params: { at: number; by: RevokedBy }) => ({
      revokedAt: params.at,
      revokedBy: params.by
    }))
  }
}).createMachine({
  id: 'tokenFamily',
  context: ({ input }) => ({ ...input, refreshedAt: [], revokedAt: null, revokedBy: null }),
  initial: 'active',
  states: {
    /** The refresh token works, and the pool accepts the family's access tokens until they expire. */
    active: {
      on: {
        REFRESH: [
          {
            guard: { type: 'refreshTokenExpired', params: ({ event }) => ({ at: event.at }) },
            target: 'expired'
          },
          { actions: { type: 'recordRefresh', params: ({ event }) => ({ at: event.at }) } }
        ],
        REVOKE: {
          target: 'revoked',
          actions: { type: 'recordRevocation', params: ({ event }) => ({ at: event.at, by: event.by }) }
        }
      }
    },
    /** Thirty days passed: the user must sign in again. */
    expired: {
      on: {
        REVOKE: {
          target: 'revoked',
          actions: { type: 'recordRevocation', params: ({ event }) => ({ at: event.at, by: event.by }) }
        }
      }
    },
    /**
     * RevokeToken or GlobalSignOut. "Revoked tokens can't be used with any Amazon Cognito API calls that
     * require a token" (GetUser says so), yet a JWT library that checks only signature and expiry still
     * accepts them: that is the lesson.
     */
    revoked: { type: 'final' }
  }
});
