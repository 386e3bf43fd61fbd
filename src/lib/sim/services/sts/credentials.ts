// The lifecycle of one set of temporary AWS credentials: valid until their expiration, then expired for good.

import { assign, createActor, setup, type ActorRefFrom } from 'xstate';

export interface CredentialsContext {
  accessKeyId: string;
  /** The role whose permissions the credentials carry. */
  roleArn: string;
  /** Epoch ms. */
  issuedAt: number;
  /** Epoch ms; at this instant the credentials stop working (STS: "Expiration"). */
  expiration: number;
  /** The simulated time the machine last heard about. */
  lastSeen: number;
}

export type CredentialsEvent =
  /** The world's clock, reported whenever someone looks at the credentials. */
  { type: 'CLOCK'; now: number };

export interface CredentialsInput {
  accessKeyId: string;
  roleArn: string;
  issuedAt: number;
  expiration: number;
}

/**
 * Time is an event, not a timer: the simulated clock only moves when the lesson moves it, so whoever
 * reads the credentials (DynamoDB checking a signature, the UI) reports the time, and the machine
 * decides. Once expired, credentials never come back: fresh ones are a new machine.
 */
export const credentialsMachine = setup({
  types: {
    context: {} as CredentialsContext,
    events: {} as CredentialsEvent,
    input: {} as CredentialsInput
  },
  guards: {
    // STS: the credentials are valid strictly before Expiration, as a SigV4 check at that instant fails.
    reachedExpiration: ({ context, event }) => event.now >= context.expiration
  },
  actions: {
    noteTime: assign({ lastSeen: ({ context, event }) => Math.max(context.lastSeen, event.now) })
  }
}).createMachine({
  id: 'credentials',
  context: ({ input }) => ({ ...input, lastSeen: input.issuedAt }),
  initial: 'valid',
  states: {
    valid: {
      on: {
        CLOCK: [
          { guard: 'reachedExpiration', target: 'expired', actions: 'noteTime' },
          { actions: 'noteTime' }
        ]
      }
    },
    expired: { type: 'final' }
  }
});

export type CredentialsActor = ActorRefFrom<typeof credentialsMachine>;

export function startCredentials(input: CredentialsInput): CredentialsActor {
  return createActor(credentialsMachine, { input }).start();
}
