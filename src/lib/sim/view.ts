// viewOf(world): what the inspector reads from a world, as plain data that survives structuredClone.

/*
 * The inspector panels never hold the world itself: a world lives in a Web Worker (or, in the sandbox, beside
 * the page) and the page receives this view after each step. It holds no functions, no actors and no class
 * instances — only objects, arrays, strings, numbers and booleans — so `structuredClone(view)` deep-equals it.
 * Reading it changes nothing in the world: the credentials' lifecycles are read as they stand, not brought up
 * to the clock (the store's `lookup` would).
 */

import type { WorldConfig } from './config';
import type { Role } from './iam/roles';
import type { IdentityContext } from './services/identity-pool/identity';
import type { IssuedSession } from './services/sts';
import type { UserPoolAdmin } from './services/user-pool';
import type { World } from './world';

/** A session STS issued, without its lifecycle actor (its state is in `machines`). */
export type SessionView = Omit<IssuedSession, 'lifecycle'>;

/** One identity-pool identity's machine: guest → authenticated, or merged into another. */
export interface IdentityMachineView {
  machine: 'identity';
  /** The identity id (`region:UUID`). */
  id: string;
  /** The machine's state value: `guest`, `authenticated` or `merged`. */
  state: string;
  context: Pick<IdentityContext, 'logins' | 'mergedInto'>;
}

/** One set of temporary credentials' machine: valid → expired. */
export interface CredentialsMachineView {
  machine: 'credentials';
  /** The access key id. */
  id: string;
  /** The machine's state value as it stands (`valid` or `expired`); it moves only when a service looks. */
  state: string;
  context: { roleName: string; expiration: number };
}

export type MachineView = IdentityMachineView | CredentialsMachineView;

export interface WorldView {
  /** The world's fixed facts: region, account, resource ids, demo users. */
  config: WorldConfig;
  /** The simulated clock when the view was taken (epoch ms). */
  now: number;
  /** The JWKS the user pool publishes, read without a request (no trace entry). */
  publishedJwks: ReturnType<UserPoolAdmin['publishedJwks']>;
  /** Every session STS has issued, secrets included (the SigV4 view signs again with one). */
  sessions: SessionView[];
  /** The account's IAM roles with their trust and permission policies (for inspectDecision). */
  roles: Role[];
  /** The pools' machines the inspector lists: identities first, then credentials, each in issue order. */
  machines: MachineView[];
}

/** The state value of a flat machine; '' for a nested one (none of these machines has nested states). */
function stateOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** A plain, cloned view of what the inspector reads from `world` now. */
export function viewOf(world: World): WorldView {
  const sessions = world.credentials.all();
  const machines: MachineView[] = [
    ...world.identityPool.identities().map((identity): MachineView => {
      const snapshot = identity.getSnapshot();
      const { identityId, logins, mergedInto } = snapshot.context;
      return {
        machine: 'identity',
        id: identityId,
        state: stateOf(snapshot.value),
        context: { logins, ...(mergedInto === undefined ? {} : { mergedInto }) }
      };
    }),
    ...sessions.map((session): MachineView => ({
      machine: 'credentials',
      id: session.accessKeyId,
      state: stateOf(session.lifecycle.getSnapshot().value),
      context: { roleName: session.roleName, expiration: session.expiration }
    }))
  ];
  const view: WorldView = {
    config: world.config,
    now: world.clock.now(),
    publishedJwks: world.userPool.publishedJwks(),
    sessions: sessions.map(({ lifecycle: _lifecycle, ...plain }) => plain),
    roles: world.roles.all(),
    machines
  };
  // A copy, not the world's own objects: what the page holds does not change under it, nor the world under the page.
  return structuredClone(view);
}
