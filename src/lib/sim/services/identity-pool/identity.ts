// The lifecycle of one identity-pool identity: a guest until a login is linked, then authenticated (or merged away).

import { assign, createActor, setup, type ActorRefFrom } from 'xstate';

export interface IdentityContext {
  identityId: string;
  /** Linked logins, `provider|sub` (e.g. `accounts.google.com|1043...`), in the order they were linked. */
  logins: string[];
  createdAt: number;
  /** When the identity was last given credentials or a token (epoch ms). */
  lastUsedAt: number;
  /** Set when this guest identity was merged into an identity that already owned the login. */
  mergedInto?: string;
}

export type IdentityEvent =
  /** A login proved with a verified token is linked to this identity. */
  | { type: 'LINK'; login: string; at: number }
  /** A guest presented a login that already belongs to another identity: it is merged into that one. */
  | { type: 'MERGE'; into: string; at: number }
  /** Credentials or an OpenID token were handed out for this identity. */
  | { type: 'USED'; at: number };

export interface IdentityInput {
  identityId: string;
  createdAt: number;
  /** Logins it was created with (GetId with Logins); none for a guest (GetId without Logins). */
  logins: string[];
}

export const identityMachine = setup({
  types: {
    context: {} as IdentityContext,
    events: {} as IdentityEvent,
    input: {} as IdentityInput
  },
  guards: {
    hasLogins: ({ context }) => context.logins.length > 0
  },
  actions: {
    link: assign({
      logins: ({ context, event }) =>
        event.type === 'LINK' && !context.logins.includes(event.login)
          ? [...context.logins, event.login]
          : context.logins,
      lastUsedAt: ({ context, event }) => Math.max(context.lastUsedAt, event.at)
    }),
    merge: assign({
      mergedInto: ({ context, event }) => (event.type === 'MERGE' ? event.into : context.mergedInto),
      lastUsedAt: ({ context, event }) => Math.max(context.lastUsedAt, event.at)
    }),
    use: assign({ lastUsedAt: ({ context, event }) => Math.max(context.lastUsedAt, event.at) })
  }
}).createMachine({
  id: 'identity',
  context: ({ input }) => ({
    identityId: input.identityId,
    logins: [...input.logins],
    createdAt: input.createdAt,
    lastUsedAt: input.createdAt
  }),
  initial: 'created',
  states: {
    // "GetId ... If Logins is not provided, an unauthenticated identity is created" (Cognito API reference).
    created: {
      always: [{ guard: 'hasLogins', target: 'authenticated' }, { target: 'guest' }]
    },
    guest: {
      on: {
        LINK: { target: 'authenticated', actions: 'link' },
        MERGE: { target: 'merged', actions: 'merge' },
        USED: { actions: 'use' }
      }
    },
    // An authenticated identity may gain more logins (say Google as well as the user pool), never lose them.
    authenticated: {
      on: {
        LINK: { actions: 'link' },
        USED: { actions: 'use' }
      }
    },
    merged: { type: 'final' }
  }
});

export type IdentityActor = ActorRefFrom<typeof identityMachine>;

export function startIdentity(input: IdentityInput): IdentityActor {
  return createActor(identityMachine, { input }).start();
}
