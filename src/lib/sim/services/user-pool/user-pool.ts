// createUserPool(): the simulated Cognito user pool service, its JWKS endpoint and its admin handle.

import { dispatchJson, type Operation } from '../../http';
import type { ExchangeContext, Service, ServiceEnv } from '../../service';
import { serveJwks } from './jwks';
import { createKeyring, type Keyring } from './keyring';
import { createManagedLogin } from './managed-login/managed-login';
import { confirmSignUp } from './operations/confirm-sign-up';
import { getUser } from './operations/get-user';
import { globalSignOut } from './operations/global-sign-out';
import { initiateAuth } from './operations/initiate-auth';
import { resendConfirmationCode } from './operations/resend-confirmation-code';
import { respondToAuthChallenge } from './operations/respond-to-auth-challenge';
import { revokeToken } from './operations/revoke-token';
import { signUp } from './operations/sign-up';
import {
  createAccount,
  createPoolState,
  findAccount,
  viewAccount,
  type AccountView,
  type UserPoolGroup,
  type UserPoolState
} from './pool-state';

/** Things a lesson (not a client) may do to the pool: rotate keys, manage groups, look at accounts. */
export interface UserPoolAdmin {
  readonly poolId: string;
  /** Starts signing with fresh ID and access keys (new kids); the old keys stay in the JWKS until removed. */
  rotateKeys(): Promise<{ idTokenKid: string; accessTokenKid: string }>;
  /** Stops publishing a retired key; false if no such key was published. Refuses a key still in use. */
  removeKey(kid: string): boolean;
  /** The kids signing new tokens now. */
  signingKids(): { idTokenKid: string; accessTokenKid: string };
  /** The JWKS document the pool publishes now, read without a request (no trace entry): for the inspector. */
  publishedJwks(): ReturnType<Keyring['jwks']>;
  /** CreateGroup: a group, optionally with an IAM role (for `cognito:roles` and role mapping). */
  createGroup(group: UserPoolGroup): void;
  /** AdminAddUserToGroup: the user's next tokens carry the group in `cognito:groups`. */
  addUserToGroup(username: string, groupName: string): void;
  /** AdminRemoveUserFromGroup. */
  removeUserFromGroup(username: string, groupName: string): void;
  /** The account machine's state and context (salt and verifier included: that is all the pool keeps). */
  account(username: string): AccountView | undefined;
}

export interface UserPoolService extends Service {
  readonly id: 'user-pool';
  readonly admin: UserPoolAdmin;
}

export const USER_POOL_TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';

export function isUserPoolService(service: Service): service is UserPoolService {
  return service.id === 'user-pool' && 'admin' in service;
}

type UserPoolOperation = (
  pool: UserPoolState,
  input: Record<string, unknown>,
  ctx: ExchangeContext
) => Promise<unknown>;

const OPERATIONS: Record<string, UserPoolOperation> = {
  SignUp: signUp,
  ConfirmSignUp: confirmSignUp,
  ResendConfirmationCode: resendConfirmationCode,
  InitiateAuth: initiateAuth,
  RespondToAuthChallenge: respondToAuthChallenge,
  GetUser: getUser,
  GlobalSignOut: globalSignOut,
  RevokeToken: revokeToken
};

export async function createUserPool(env: ServiceEnv): Promise<UserPoolService> {
  const keyring = await createKeyring(env);
  const pool = createPoolState(env, keyring);

  // The demo users exist and are confirmed from the start (as if an admin had run AdminConfirmSignUp).
  // Like everyone else, they are stored as a salt and an SRP verifier: their passwords are not kept.
  for (const user of env.config.demoUsers) {
    const account = await createAccount(pool, user);
    account.send({ type: 'ADMIN_CONFIRM', at: env.clock.now() });
  }

  const operations: Record<string, Operation<ExchangeContext>> = Object.fromEntries(
    Object.entries(OPERATIONS).map(([name, operation]) => [
      name,
      (input: Record<string, unknown>, ctx: ExchangeContext) => operation(pool, input, ctx)
    ])
  );
  const host = `cognito-idp.${env.config.region}.amazonaws.com`;
  // Managed login answers on the pool's own domain, from the same state: one participant, two hosts.
  const managedLogin = createManagedLogin(pool);
  const discovery = `/${pool.poolId}/.well-known/openid-configuration`;

  const requireAccount = (username: string) => {
    const account = findAccount(pool, username);
    if (!account) throw new Error(`user pool: no user named ${username}`);
    return account;
  };
  const requireGroup = (name: string) => {
    if (!pool.groups.has(name)) throw new Error(`user pool: no group named ${name}`);
  };

  const admin: UserPoolAdmin = {
    poolId: pool.poolId,
    rotateKeys: () => keyring.rotate(),
    removeKey: (kid) => keyring.remove(kid),
    signingKids: () => ({
      idTokenKid: keyring.current('id').kid,
      accessTokenKid: keyring.current('access').kid
    }),
    publishedJwks: () => keyring.jwks(),
    createGroup(group) {
      if (pool.groups.has(group.name)) throw new Error(`user pool: group ${group.name} already exists`);
      pool.groups.set(group.name, { ...group });
    },
    addUserToGroup(username, groupName) {
      requireGroup(groupName);
      requireAccount(username).send({ type: 'JOIN_GROUP', group: groupName });
    },
    removeUserFromGroup(username, groupName) {
      requireGroup(groupName);
      requireAccount(username).send({ type: 'LEAVE_GROUP', group: groupName });
    },
    account(username) {
      const account = findAccount(pool, username);
      return account && viewAccount(account);
    }
  };

  return {
    id: 'user-pool',
    admin,
    handles: (url) => url.host === host || url.host === managedLogin.host,
    async handle(request, ctx) {
      const url = new URL(request.url);
      if (url.host === managedLogin.host) return managedLogin.handle(request, ctx);
      if (request.method === 'GET' && url.pathname === discovery) {
        ctx.check('user-pool.exists', true, pool.poolId);
        return managedLogin.openIdConfiguration(ctx);
      }
      // The JWKS and the discovery document are the GETs this host answers; everything else is the JSON 1.1 API.
      if (request.method === 'GET') return serveJwks(pool, request, ctx);
      return dispatchJson(request, ctx, {
        targetPrefix: USER_POOL_TARGET_PREFIX,
        contentType: 'application/x-amz-json-1.1',
        operations
      });
    }
  };
}
