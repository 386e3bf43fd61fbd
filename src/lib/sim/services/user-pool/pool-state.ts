// What the user pool holds: accounts, open SRP challenges, token families, groups and signing keys.

import { createActor, type Actor } from 'xstate';
import {
  signInChallengeMachine,
  tokenFamilyMachine,
  userAccountMachine,
  type UserAccountContext
} from './user-account';
import { createVerifier } from '../../crypto/srp';
import type { ExchangeContext, ServiceEnv } from '../../service';
import { userPoolErrors } from './errors';
import type { Keyring } from './keyring';
import type { ServiceError } from '../../http';
import { NEW_POOL_USERNAMES, usernameKey, type UsernameConfiguration } from './username';

export type UserAccountActor = Actor<typeof userAccountMachine>;
export type SignInChallengeActor = Actor<typeof signInChallengeMachine>;
export type TokenFamilyActor = Actor<typeof tokenFamilyMachine>;

export interface UserPoolGroup {
  name: string;
  /** An IAM role for the group's members: goes into `cognito:roles` (and maybe `cognito:preferred_role`). */
  roleArn?: string;
  /** Lower wins when choosing `cognito:preferred_role`. */
  precedence?: number;
  description?: string;
}

/** Salt length for new verifiers, in bytes. */
const SALT_BYTES = 16;

export interface UserPoolState {
  readonly env: ServiceEnv;
  readonly poolId: string;
  /** The part of the pool id after "_": SRP hashes it into every verifier and proof. */
  readonly poolName: string;
  readonly issuer: string;
  readonly clientId: string;
  readonly keyring: Keyring;
  /** How usernames compare (case-insensitive, as new pools are); see `usernameKey`. */
  readonly usernames: UsernameConfiguration;
  /** Keyed by `usernameKey(username, usernames)`. */
  readonly accounts: Map<string, UserAccountActor>;
  /** Open and closed SRP challenges, keyed by the SECRET_BLOCK that names them. */
  readonly challenges: Map<string, SignInChallengeActor>;
  /** Token families keyed by origin_jti. */
  readonly families: Map<string, TokenFamilyActor>;
  /** Refresh token → origin_jti of its family. */
  readonly refreshTokens: Map<string, string>;
  /** Fake salt and USER_ID_FOR_SRP per unknown username, so probing one name twice answers alike. */
  readonly decoys: Map<string, { userIdForSrp: string; salt: string; verifier: string }>;
  readonly groups: Map<string, UserPoolGroup>;
}

export function createPoolState(env: ServiceEnv, keyring: Keyring): UserPoolState {
  const poolId = env.config.userPool.id;
  return {
    env,
    poolId,
    poolName: poolId.slice(poolId.indexOf('_') + 1),
    issuer: env.config.userPool.issuer,
    clientId: env.config.userPool.clientId,
    keyring,
    usernames: NEW_POOL_USERNAMES,
    accounts: new Map(),
    challenges: new Map(),
    families: new Map(),
    refreshTokens: new Map(),
    decoys: new Map(),
    groups: new Map()
  };
}

export function findAccount(pool: UserPoolState, username: string): UserAccountActor | undefined {
  return pool.accounts.get(usernameKey(username, pool.usernames));
}

/** Creates an UNCONFIRMED account. The password is turned into a salt and SRP verifier and then forgotten. */
export async function createAccount(
  pool: UserPoolState,
  details: { username: string; password: string; email: string; sub?: string }
): Promise<UserAccountActor> {
  const { random, clock } = pool.env;
  // A new user's sub is drawn; the demo users bring theirs from the world's config (the Orders table names
  // them). The draw is made either way, so that the salts and ids drawn after it stay the same.
  const drawn = random.uuid();
  const sub = details.sub ?? drawn;
  const { salt, verifier } = await createVerifier({
    poolName: pool.poolName,
    // USER_ID_FOR_SRP: this pool signs users in by username, so the internal name is the username.
    username: details.username,
    password: details.password,
    salt: random.bytes(SALT_BYTES)
  });
  const actor = createActor(userAccountMachine, {
    input: { username: details.username, sub, email: details.email, salt, verifier, createdAt: clock.now() }
  }).start();
  pool.accounts.set(usernameKey(details.username, pool.usernames), actor);
  return actor;
}

/** A stand-in for an unknown user, made once per name (AWS: "the same 'salt' and internal user id"). */
export async function decoyFor(
  pool: UserPoolState,
  username: string
): Promise<{ userIdForSrp: string; salt: string; verifier: string }> {
  const key = usernameKey(username, pool.usernames);
  const known = pool.decoys.get(key);
  if (known) return known;
  const { random } = pool.env;
  const userIdForSrp = random.uuid();
  // A verifier for a password nobody knows: the proof that follows can never match it.
  const secret = random.hex(32);
  const { salt, verifier } = await createVerifier({
    poolName: pool.poolName,
    username: userIdForSrp,
    password: secret,
    salt: random.bytes(SALT_BYTES)
  });
  const decoy = { userIdForSrp, salt, verifier };
  pool.decoys.set(key, decoy);
  return decoy;
}

/** Checks the request's ClientId against the pool's one app client. */
export function checkClient(
  pool: UserPoolState,
  ctx: ExchangeContext,
  clientId: string
): ServiceError | undefined {
  if (ctx.check('user-pool.client-exists', clientId === pool.clientId, `ClientId ${clientId}`))
    return undefined;
  return userPoolErrors.unknownClient(clientId);
}

/**
 * Sends an event to a machine unless it has reached a final state: a closed challenge or a revoked token
 * family ignores everything, and XState warns about events sent to a stopped actor.
 */
export function sendIfActive<TEvent>(
  actor: { getSnapshot(): { status: string }; send(event: TEvent): void },
  event: TEvent
): void {
  if (actor.getSnapshot().status === 'active') actor.send(event);
}

export type AccountView = { state: 'unconfirmed' | 'confirmed'; context: Readonly<UserAccountContext> };

export function viewAccount(actor: UserAccountActor): AccountView {
  const snapshot = actor.getSnapshot();
  return { state: snapshot.value, context: snapshot.context };
}
