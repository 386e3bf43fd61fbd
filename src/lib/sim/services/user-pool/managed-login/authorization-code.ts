// One authorization code of managed login as an XState machine: issued → redeemed, or expired; single use either way.

import { assign, setup } from 'xstate';

/**
 * Cognito: "The authorization code ... is valid for five minutes" and single-use (a code once redeemed answers
 * `invalid_grant`). Sources: AWS re:Post, "Cognito returns invalid_request and unauthorized_client" (an AWS
 * support answer: "The authorization code once consumed, can't be used again. Also, the authorization code
 * must be consumed by the token endpoint within 5 minutes of being generated").
 */
export const AUTHORIZATION_CODE_LIFETIME_MS = 5 * 60 * 1000;

/** What the code was issued for: the token endpoint holds the redemption to every one of these. */
export interface AuthorizationCodeInput {
  code: string;
  clientId: string;
  redirectUri: string;
  /** The granted scopes, space-separated, in the order requested. */
  scope: string;
  /** PKCE (RFC 7636): the challenge the app sent to /oauth2/authorize, if it sent one (S256 only). */
  codeChallenge?: string;
  username: string;
  /** When the user signed in on the managed login page (epoch ms): the tokens' auth_time. */
  issuedAt: number;
}

export interface AuthorizationCodeContext extends AuthorizationCodeInput {
  redeemedAt: number | null;
}

/** Every redemption attempt consumes the code, whatever the rest of the request holds. */
export type AuthorizationCodeEvent = { type: 'REDEEM'; at: number };

export const authorizationCodeMachine = setup({
  types: {
    context: {} as AuthorizationCodeContext,
    events: {} as AuthorizationCodeEvent,
    input: {} as AuthorizationCodeInput
  },
  guards: {
    lapsed: ({ context }, params: { at: number }) =>
      params.at - context.issuedAt >= AUTHORIZATION_CODE_LIFETIME_MS
  },
  actions: {
    recordRedemption: assign((_, params: { at: number }) => ({ redeemedAt: params.at }))
  }
}).createMachine({
  id: 'authorizationCode',
  context: ({ input }) => ({ ...input, redeemedAt: null }),
  initial: 'issued',
  states: {
    /** Waiting for the app to trade it at /oauth2/token. */
    issued: {
      on: {
        REDEEM: [
          { guard: { type: 'lapsed', params: ({ event }) => ({ at: event.at }) }, target: 'expired' },
          {
            target: 'redeemed',
            actions: { type: 'recordRedemption', params: ({ event }) => ({ at: event.at }) }
          }
        ]
      }
    },
    /** Traded once (or tried once): any later attempt is `invalid_grant`. */
    redeemed: { type: 'final' },
    /** Five minutes passed before the app came. */
    expired: { type: 'final' }
  }
});
