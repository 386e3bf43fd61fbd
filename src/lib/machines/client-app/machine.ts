// The simulated app as an XState machine: anonymous → awaiting confirmation → (answering SRP's challenge) → signed in → holding AWS credentials.

import { assign, fromPromise, setup } from 'xstate';
import { applyAdminChange, type AdminChange, type Random, type World } from '../../sim';
import * as calls from './calls';
import type {
  AwsCredentials,
  CallResult,
  Logins,
  ManagedLoginSession,
  PasswordVerifierAnswer,
  TokenChoice,
  Tokens
} from './calls';
import { tamperJwt } from './tamper';

export type Provider = 'user-pool' | 'google' | 'guest';

/** The last thing the app did and what came back: the narration and the UI read this. */
export interface LastCall {
  /** The event type of the action (`SIGN_IN`, `CALL_API`, ...). */
  action: string;
  ok: boolean;
  status?: number;
  error?: { code: string; message: string };
  /** Something worth showing from the reply (an order, a note list, an identity id). */
  data?: unknown;
}

export interface ClientContext {
  world: World;
  /** The app's own randomness (SRP's secret `a`), seeded apart from the world's. */
  random: Random;
  username?: string;
  /** Username of a sign-up waiting for its confirmation code. */
  pendingConfirmation?: string;
  /**
   * An SRP sign-in half done: the pool's PASSWORD_VERIFIER challenge and the app's proof for it, computed when
   * the challenge arrived. Not the password, nor SRP's secret `a`: those were dropped once the proof was made.
   */
  passwordVerifier?: PasswordVerifierAnswer;
  tokens?: Tokens;
  googleToken?: string;
  /** Which login the identity pool sees. */
  provider?: Provider;
  identityId?: string;
  openIdToken?: string;
  credentials?: AwsCredentials;
  /** A managed login under way or done: the PKCE verifier and state, the login page, the code once it came back. */
  managedLogin?: ManagedLoginSession;
  last?: LastCall;
}

export type ClientEvent =
  | { type: 'SIGN_UP'; username: string; password: string; email: string }
  | { type: 'CONFIRM_SIGN_UP'; code?: string; email: string }
  | { type: 'SIGN_IN'; username: string; password: string; flow: 'srp' | 'password' }
  /** SRP's first request alone: InitiateAuth (USER_SRP_AUTH); the app then holds the challenge and its proof. */
  | { type: 'START_SRP_SIGN_IN'; username: string; password: string }
  /** SRP's second request: RespondToAuthChallenge with the proof held since START_SRP_SIGN_IN. */
  | { type: 'ANSWER_PASSWORD_VERIFIER' }
  | { type: 'REFRESH' }
  | { type: 'SIGN_OUT' }
  /** GET /orders/{id} with the ID token, or with the access token when `token` says so. */
  | { type: 'CALL_API'; orderId: string; token?: TokenChoice }
  /** GET /me (the method with an OAuth scope) with the token chosen. */
  | { type: 'GET_PROFILE'; token: TokenChoice }
  /** GET /iam/orders/{id} (the AWS_IAM method), signed with the app's AWS credentials for execute-api. */
  | { type: 'CALL_IAM_API'; orderId: string; secretOverride?: string }
  | { type: 'CALL_DYNAMODB_WITH_JWT'; orderId: string }
  | { type: 'SIGN_IN_WITH_GOOGLE'; email: string }
  | { type: 'GET_ID'; provider: Provider }
  /** `withoutLogins`: the request leaves out the Logins map (the app forgot it, or the learner dropped it). */
  | { type: 'GET_CREDENTIALS'; withoutLogins?: boolean }
  | { type: 'GET_OPEN_ID_TOKEN' }
  | { type: 'ASSUME_ROLE'; roleArn: string }
  | { type: 'READ_ORDER'; orderId: string; secretOverride?: string }
  | { type: 'QUERY_NOTES'; identityId?: string }
  | { type: 'PUT_NOTE'; text: string; identityId?: string }
  /** PutItem of an analytics event (`name`) into the Events table, under the app's identity id. */
  | { type: 'RECORD_EVENT'; name: string }
  /** Query of the Events table for the app's own identity id. */
  | { type: 'READ_EVENTS' }
  /** PutObject of the avatar at `private/{identity id}/avatar.png` (another identity's id when given). */
  | { type: 'UPLOAD_AVATAR'; identityId?: string }
  /** ListObjectsV2 of `private/{identity id}/` (the app's own folder, or another identity's). */
  | { type: 'LIST_FOLDER'; identityId?: string }
  /** GetObject of a key (default: the app's own avatar). */
  | { type: 'GET_OBJECT'; key?: string }
  | { type: 'TAMPER'; claim: string; value: unknown }
  | { type: 'ADVANCE_CLOCK'; ms: number }
  /**
   * Not the app's doing: the account's owner changes the world's configuration (guest access, a group, a role
   * mapping, a trust policy) between two of the app's calls. Carried here, like ADVANCE_CLOCK, so a story's steps
   * stay one ordered list; the app's memory is untouched.
   */
  | { type: 'CONFIGURE'; change: AdminChange }
  /**
   * Managed login, authorization code with PKCE: the app makes a verifier and state and sends the browser to
   * /oauth2/authorize (with `redirectUri`, another redirect_uri than the callback); the browser lands on the login page.
   */
  | { type: 'START_MANAGED_LOGIN'; redirectUri?: string }
  /** The user signs in on managed login's page (the browser posts it; the app never sees the password). */
  | { type: 'SUBMIT_MANAGED_LOGIN'; username: string; password: string }
  /** POST /oauth2/token with the code and the verifier (or, `verifierOverride`, another one). */
  | { type: 'REDEEM_CODE'; verifierOverride?: string }
  /** GET /scoped/orders/{id}, the method with the custom scope orders-api/read, with the access token. */
  | { type: 'CALL_SCOPED_API'; orderId: string }
  /** The three at once, as one click of the sandbox: authorize and the page, the user's sign-in, the code traded. */
  | { type: 'SIGN_IN_WITH_MANAGED_LOGIN'; username: string; password: string };

/** What an action's actor returns: the call's outcome and what it changes in the app's memory. */
export interface ActionOutcome {
  last: LastCall;
  patch: Partial<Omit<ClientContext, 'world' | 'random' | 'last'>>;
}

type ActionInput = { context: ClientContext; event: ClientEvent };

function lastOf(action: string, result: CallResult, data?: unknown): LastCall {
  return {
    action,
    ok: result.ok,
    status: result.status,
    ...(result.error ? { error: result.error } : {}),
    ...(data === undefined ? {} : { data })
  };
}

function loginsFor(context: ClientContext): Logins | undefined {
  if (context.provider === 'google' && context.googleToken) return calls.googleLogins(context.googleToken);
  if (context.provider === 'user-pool' && context.tokens)
    return calls.userPoolLogins(context.world, context.tokens.idToken);
  return undefined;
}

/** What a successful user-pool sign-in changes: new tokens, and the identity and credentials of before forgotten. */
function signedInAs(username: string, tokens: Tokens): ActionOutcome['patch'] {
  return { tokens, username, provider: 'user-pool', identityId: undefined, credentials: undefined };
}

function orderKey(world: World, orderId: string) {
  return { TableName: world.config.table.name, Key: { [world.config.table.partitionKey]: { S: orderId } } };
}

/** Each action is a named actor that talks to the world only through world.fetch. */
const actions = {
  signUp: async ({ context, event }: ActionInput): Promise<ActionOutcome> => {
    if (event.type !== 'SIGN_UP') throw new Error('signUp: wrong event');
    const result = await calls.signUp(context.world, event);
    return {
      last: lastOf(event.type, result, result.ok ? { userSub: result.body.UserSub } : undefined),
      patch: result.ok ? { pendingConfirmation: event.username } : {}
    };
  },
  confirmSignUp: async ({ context, event }: ActionInput): Promise<ActionOutcome> => {
    if (event.type !== 'CONFIRM_SIGN_UP' || !context.pendingConfirmation)
      throw new Error('confirmSignUp: nothing to confirm');
    // The code arrives by email; the learner (or the scenario) copies it from the inbox.
    const code = event.code ?? context.world.inbox.latest(event.email)?.code ?? '';
    const result = await calls.confirmSignUp(context.world, context.pendingConfirmation, code);
    return { last: lastOf(event.type, result), patch: result.ok ? { pendingConfirmation: undefined } : {} };
  },
  signIn: async ({ context, event }: ActionInput): Promise<ActionOutcome> => {
    if (event.type !== 'SIGN_IN') throw new Error('signIn: wrong event');
    const { result, tokens } =
      event.flow === 'srp'
        ? await calls.signInWithSrp(context.world, context.random, event.username, event.password)
        : await calls.signInWithPassword(context.world, event.username, event.password);
    return {
      last: lastOf(event.type, result),
      // A new sign-in abandons any SRP challenge the app was still to answer.
      patch: { passwordVerifier: undefined, ...(tokens ? signedInAs(event.username, tokens) : {}) }
    };
  },
  startSrpSignIn: async ({ context, event }: ActionInput): Promise<ActionOutcome> => {
    if (event.type !== 'START_SRP_SIGN_IN') throw new Error('startSrpSignIn: wrong event');
    // The password lives only in this call: what the app keeps is the proof it computes from it.
    const { result, answer } = await calls.initiateSrpAuth(
      context.world,
      context.random,
      event.username,
      event.password
    );
    if (result.ok && !answer) throw new Error('InitiateAuth answered without a PASSWORD_VERIFIER challenge');
    return {
      last: lastOf(event.type, result, answer ? { challengeName: 'PASSWORD_VERIFIER' } : undefined),
      // A refused start leaves no challenge to answer, not even an earlier one: the app started over.
      patch: { passwordVerifier: answer }
    };
  },
  answerPasswordVerifier: async ({ context, event }: ActionInput): Promise<ActionOutcome> => {
    const answer = context.passwordVerifier;
    if (!answer) throw new Error('answerPasswordVerifier: no challenge to answer');
    const { result, tokens } = await calls.answerPasswordVerifier(context.world, answer);
    return {
      last: lastOf(event.type, result),
      // A SECRET_BLOCK takes one answer: whatever the pool said, this challenge is closed.
      patch: { passwordVerifier: undefined, ...(tokens ? signedInAs(answer.username, tokens) : {}) }
    };
  },
  refresh: async ({ context, event }: ActionInput): Promise<ActionOutcome> => {
    const refreshToken = context.tokens?.refreshToken;
    if (!refreshToken) throw new Error('refresh: no refresh token');
    const { result, tokens } = await calls.refreshTokens(context.world, refreshToken);
    return { last: lastOf(event.type, result), patch: tokens ? { tokens } : {} };
  },
  signOut: async ({ context, event }: ActionInput): Promise<ActionOutcome> => {
    const accessToken = context.tokens?.accessToken;
    if (!accessToken) throw new Error('signOut: not signed in');
    const result = await calls.globalSignOut(context.world, accessToken);
    return {
      last: lastOf(event.type, result),
      // Signing out forgets everything the session held, whatever the pool answered.
      patch: {
        tokens: undefined,
        username: undefined,
        provider: undefined,
        identityId: undefined,
        credentials: undefined,
        passwordVerifier: undefined
      }
    };
  },
  callApi: async ({ context, event }: ActionInput): Promise<ActionOutcome> => {
    if (event.type !== 'CALL_API') throw new Error('callApi: wrong event');
    const choice = event.token ?? 'id';
    const token = choice === 'access' ? context.tokens?.accessToken : context.tokens?.idToken;
    const result = await calls.callApi(context.world, event.orderId, token, choice);
    return { last: lastOf(event.type, result, result.ok ? result.body : undefined), patch: {} };
  },
  getProfile: async ({ context, event }: ActionInput): Promise<ActionOutcome> => {
    if (event.type !== 'GET_PROFILE') throw new Error('getProfile: wrong event');
    const token = event.token === 'access' ? context.tokens?.accessToken : context.tokens?.idToken;
    const result = await calls.getProfile(context.world, token, event.token);
    return { last: lastOf(event.type, result, result.ok ? result.body : undefined), patch: {} };
  },
  callIamApi: async ({ context, event }: ActionInput): Promise<ActionOutcome> => {
    if (event.type !== 'CALL_IAM_API' || !context.credentials) throw new Error('callIamApi: no credentials');
    const result = await calls.callIamApi(
      context.world,
      context.credentials,
      event.orderId,
      event.secretOverride === undefined ? {} : { secretOverride: event.secretOverride }
    );
    return { last: lastOf(event.type, result, result.ok ? result.body : undefined), patch: {} };
  },
  callDynamoDbWithJwt: async ({ context, event }: ActionInput): Promise<ActionOutcome> => {
    if (event.type !== 'CALL_DYNAMODB_WITH_JWT' || !context.tokens)
      throw new Error('callDynamoDbWithJwt: no token');
    const result = await calls.callDynamoDbWithJwt(
      context.world,
      context.tokens.idToken,
      orderKey(context.world, event.orderId)
    );
    return { last: lastOf(event.type, result), patch: {} };
  },
  signInWithGoogle: async ({ context, event }: ActionInput): Promise<ActionOutcome> => {
    if (event.type !== 'SIGN_IN_WITH_GOOGLE') throw new Error('signInWithGoogle: wrong event');
    const googleToken = await context.world.google.signIn(event.email);
    return {
      last: { action: event.type, ok: true },
      patch: {
        googleToken,
        provider: 'google',
        identityId: undefined,
        credentials: undefined,
        passwordVerifier: undefined
      }
    };
  },
  getId: async ({ context, event }: ActionInput): Promise<ActionOutcome> => {
    if (event.type !== 'GET_ID') throw new Error('getId: wrong event');
    const provider = event.provider;
    const logins = loginsFor({ ...context, provider });
    const result = await calls.getId(context.world, logins);
    return {
      last: lastOf(event.type, result, result.ok ? { identityId: result.body.IdentityId } : undefined),
      patch: result.ok ? { identityId: result.body.IdentityId, provider } : {}
    };
  },
  getCredentials: async ({ context, event }: ActionInput): Promise<ActionOutcome> => {
    if (!context.identityId) throw new Error('getCredentials: no identity id');
    const withoutLogins = event.type === 'GET_CREDENTIALS' && event.withoutLogins === true;
    const { result, credentials } = await calls.getCredentialsForIdentity(
      context.world,
      context.identityId,
      withoutLogins ? undefined : loginsFor(context)
    );
    return { last: lastOf(event.type, result), patch: credentials ? { credentials } : {} };
  },
  getOpenIdToken: async ({ context, event }: ActionInput): Promise<ActionOutcome> => {
    if (!context.identityId) throw new Error('getOpenIdToken: no identity id');
    const result = await calls.getOpenIdToken(context.world, context.identityId, loginsFor(context));
    return { last: lastOf(event.type, result), patch: result.ok ? { openIdToken: result.body.Token } : {} };
  },
  assumeRole: async ({ context, event }: ActionInput): Promise<ActionOutcome> => {
    if (event.type !== 'ASSUME_ROLE' || !context.openIdToken) throw new Error('assumeRole: no OpenID token');
    const { result, credentials } = await calls.assumeRoleWithWebIdentity(
      context.world,
      event.roleArn,
      context.openIdToken,
      'two-pools-app'
    );
    return { last: lastOf(event.type, result), patch: credentials ? { credentials } : {} };
  },
  readOrder: async ({ context, event }: ActionInput): Promise<ActionOutcome> => {
    if (event.type !== 'READ_ORDER' || !context.credentials) throw new Error('readOrder: no credentials');
    const { result } = await calls.callDynamoDbSigned(
      context.world,
      context.credentials,
      'GetItem',
      orderKey(context.world, event.orderId),
      event.secretOverride === undefined ? {} : { secretOverride: event.secretOverride }
    );
    return { last: lastOf(event.type, result, result.ok ? result.body : undefined), patch: {} };
  },
  queryNotes: async ({ context, event }: ActionInput): Promise<ActionOutcome> => {
    if (event.type !== 'QUERY_NOTES' || !context.credentials || !context.identityId)
      throw new Error('queryNotes: no credentials');
    const { result } = await calls.callDynamoDbSigned(context.world, context.credentials, 'Query', {
      TableName: context.world.config.finegrained.table,
      KeyConditionExpression: 'identityId = :id',
      ExpressionAttributeValues: { ':id': { S: event.identityId ?? context.identityId } }
    });
    return { last: lastOf(event.type, result, result.ok ? result.body : undefined), patch: {} };
  },
  putNote: async ({ context, event }: ActionInput): Promise<ActionOutcome> => {
    if (event.type !== 'PUT_NOTE' || !context.credentials || !context.identityId)
      throw new Error('putNote: no credentials');
    const { result } = await calls.callDynamoDbSigned(context.world, context.credentials, 'PutItem', {
      TableName: context.world.config.finegrained.table,
      Item: {
        identityId: { S: event.identityId ?? context.identityId },
        noteId: { S: `note-${context.world.trace.entries.length}` },
        text: { S: event.text }
      }
    });
    return { last: lastOf(event.type, result), patch: {} };
  },
  recordEvent: async ({ context, event }: ActionInput): Promise<ActionOutcome> => {
    if (event.type !== 'RECORD_EVENT' || !context.credentials || !context.identityId)
      throw new Error('recordEvent: no credentials');
    const { result } = await calls.callDynamoDbSigned(context.world, context.credentials, 'PutItem', {
      TableName: context.world.config.events.table,
      Item: {
        identityId: { S: context.identityId },
        eventId: { S: `event-${context.world.trace.entries.length}` },
        name: { S: event.name },
        at: { S: new Date(context.world.clock.now()).toISOString() }
      }
    });
    return { last: lastOf(event.type, result), patch: {} };
  },
  readEvents: async ({ context, event }: ActionInput): Promise<ActionOutcome> => {
    if (event.type !== 'READ_EVENTS' || !context.credentials || !context.identityId)
      throw new Error('readEvents: no credentials');
    const { result } = await calls.callDynamoDbSigned(context.world, context.credentials, 'Query', {
      TableName: context.world.config.events.table,
      KeyConditionExpression: 'identityId = :id',
      ExpressionAttributeValues: { ':id': { S: context.identityId } }
    });
    return { last: lastOf(event.type, result, result.ok ? result.body : undefined), patch: {} };
  },
  uploadAvatar: async ({ context, event }: ActionInput): Promise<ActionOutcome> => {
    if (event.type !== 'UPLOAD_AVATAR' || !context.credentials || !context.identityId)
      throw new Error('uploadAvatar: no credentials');
    const key = `${calls.privateFolder(event.identityId ?? context.identityId)}avatar.png`;
    const result = await calls.putObject(
      context.world,
      context.credentials,
      key,
      calls.avatarPng(),
      'image/png'
    );
    return {
      last: lastOf(event.type, result, result.ok ? { key, etag: result.etag } : undefined),
      patch: {}
    };
  },
  listFolder: async ({ context, event }: ActionInput): Promise<ActionOutcome> => {
    if (event.type !== 'LIST_FOLDER' || !context.credentials || !context.identityId)
      throw new Error('listFolder: no credentials');
    const prefix = calls.privateFolder(event.identityId ?? context.identityId);
    const { result, keys } = await calls.listObjects(context.world, context.credentials, prefix);
    return { last: lastOf(event.type, result, keys === undefined ? undefined : { prefix, keys }), patch: {} };
  },
  getObject: async ({ context, event }: ActionInput): Promise<ActionOutcome> => {
    if (event.type !== 'GET_OBJECT' || !context.credentials || !context.identityId)
      throw new Error('getObject: no credentials');
    const key = event.key ?? `${calls.privateFolder(context.identityId)}avatar.png`;
    const result = await calls.getObject(context.world, context.credentials, key);
    return { last: lastOf(event.type, result, result.ok ? result.body : undefined), patch: {} };
  },
  startManagedLogin: async ({ context, event }: ActionInput): Promise<ActionOutcome> => {
    if (event.type !== 'START_MANAGED_LOGIN') throw new Error('startManagedLogin: wrong event');
    const session = await calls.newManagedLoginSession(context.world, context.random, event.redirectUri);
    const { result, loginUrl } = await calls.openManagedLogin(context.world, session);
    return {
      last: lastOf(event.type, result),
      // A new sign-in forgets the code of any earlier one; the page is where the browser now is.
      patch: { managedLogin: { ...session, ...(loginUrl === undefined ? {} : { loginUrl }) } }
    };
  },
  submitManagedLogin: async ({ context, event }: ActionInput): Promise<ActionOutcome> => {
    const session = context.managedLogin;
    if (event.type !== 'SUBMIT_MANAGED_LOGIN' || session?.loginUrl === undefined)
      throw new Error('submitManagedLogin: the browser is not on the login page');
    const { result, code, state } = await calls.submitManagedLogin(context.world, session.loginUrl, {
      username: event.username,
      password: event.password
    });
    // RFC 6749 §10.12: the callback takes the code only with the state the app sent (CSRF).
    if (code !== undefined && state !== session.state) {
      return {
        last: { action: event.type, ok: false, error: { code: 'state_mismatch', message: 'state' } },
        patch: {}
      };
    }
    return {
      last: lastOf(event.type, result, code === undefined ? undefined : { code }),
      patch: code === undefined ? {} : { managedLogin: { ...session, code }, username: event.username }
    };
  },
  redeemCode: async ({ context, event }: ActionInput): Promise<ActionOutcome> => {
    const session = context.managedLogin;
    if (event.type !== 'REDEEM_CODE' || session?.code === undefined)
      throw new Error('redeemCode: no authorization code');
    const { result, tokens } = await calls.redeemCode(
      context.world,
      { ...session, code: session.code },
      event.verifierOverride
    );
    return {
      last: lastOf(event.type, result),
      patch: tokens ? signedInAs(context.username ?? '', tokens) : {}
    };
  },
  signInWithManagedLogin: async ({ context, event }: ActionInput): Promise<ActionOutcome> => {
    if (event.type !== 'SIGN_IN_WITH_MANAGED_LOGIN') throw new Error('signInWithManagedLogin: wrong event');
    const { world, random } = context;
    const session = await calls.newManagedLoginSession(world, random);
    const opened = await calls.openManagedLogin(world, session);
    if (opened.loginUrl === undefined) {
      return { last: lastOf(event.type, opened.result), patch: { managedLogin: session } };
    }
    const page = { ...session, loginUrl: opened.loginUrl };
    const back = await calls.submitManagedLogin(world, opened.loginUrl, event);
    if (back.code === undefined || back.state !== session.state) {
      return { last: lastOf(event.type, back.result), patch: { managedLogin: page } };
    }
    const withCode = { ...page, code: back.code };
    const { result, tokens } = await calls.redeemCode(world, withCode);
    return {
      last: lastOf(event.type, result),
      patch: { managedLogin: withCode, ...(tokens ? signedInAs(event.username, tokens) : {}) }
    };
  },
  callScopedApi: async ({ context, event }: ActionInput): Promise<ActionOutcome> => {
    if (event.type !== 'CALL_SCOPED_API') throw new Error('callScopedApi: wrong event');
    const result = await calls.callScopedApi(context.world, event.orderId, context.tokens?.accessToken);
    return { last: lastOf(event.type, result, result.ok ? result.body : undefined), patch: {} };
  }
};

export type ClientActionName = keyof typeof actions;

function act<N extends ClientActionName>(name: N) {
  return {
    invoke: {
      // The actor's id is its action's name, so its done event is `xstate.done.actor.<name>` (tests send these).
      id: name,
      src: name,
      input: ({ context, event }: { context: ClientContext; event: ClientEvent }) => ({ context, event }),
      onDone: { target: '#clientApp.ready', actions: 'applyOutcome' as const },
      onError: {
        target: '#clientApp.ready',
        actions: { type: 'recordFailure' as const, params: { action: name } }
      }
    }
  };
}

export const clientAppMachine = setup({
  types: {
    context: {} as ClientContext,
    events: {} as ClientEvent,
    input: {} as { world: World; random: Random }
  },
  actors: Object.fromEntries(
    Object.entries(actions).map(([name, run]) => [
      name,
      fromPromise<ActionOutcome, ActionInput>(({ input }) => run(input))
    ])
  ) as { [K in ClientActionName]: ReturnType<typeof fromPromise<ActionOutcome, ActionInput>> },
  guards: {
    hasCredentials: ({ context }) => context.credentials !== undefined,
    hasTokens: ({ context }) => context.tokens !== undefined,
    hasRefreshToken: ({ context }) => context.tokens?.refreshToken !== undefined,
    awaitingCode: ({ context }) => context.pendingConfirmation !== undefined,
    hasOpenChallenge: ({ context }) => context.passwordVerifier !== undefined,
    hasIdentityId: ({ context }) => context.identityId !== undefined,
    hasOpenIdToken: ({ context }) => context.openIdToken !== undefined,
    canGetId: ({ context, event }) =>
      event.type === 'GET_ID' &&
      (event.provider === 'guest' ||
        (event.provider === 'user-pool' && context.tokens !== undefined) ||
        (event.provider === 'google' && context.googleToken !== undefined)),
    hasIdentityAndCredentials: ({ context }) =>
      context.identityId !== undefined && context.credentials !== undefined,
    onLoginPage: ({ context }) => context.managedLogin?.loginUrl !== undefined,
    holdsCode: ({ context }) => context.managedLogin?.code !== undefined
  },
  actions: {
    applyOutcome: assign(({ context, event }) => {
      const outcome = (event as unknown as { output: ActionOutcome }).output;
      return { ...context, ...outcome.patch, last: outcome.last };
    }),
    // An action that could not even be sent (a bug, or input the app cannot use) is recorded, never thrown.
    recordFailure: assign(({ event }, params: { action: ClientActionName }) => {
      const error = (event as unknown as { error: unknown }).error;
      return {
        last: {
          action: params.action,
          ok: false,
          error: { code: 'ClientError', message: error instanceof Error ? error.message : String(error) }
        }
      };
    }),
    tamper: assign(({ context, event }) => {
      if (event.type !== 'TAMPER' || !context.tokens) return {};
      return {
        tokens: { ...context.tokens, idToken: tamperJwt(context.tokens.idToken, event.claim, event.value) },
        last: { action: event.type, ok: true }
      };
    }),
    advanceClock: assign(({ context, event }) => {
      if (event.type === 'ADVANCE_CLOCK') context.world.clock.advance(event.ms);
      return { last: { action: 'ADVANCE_CLOCK' as const, ok: true } };
    }),
    configure: assign(({ context, event }) => {
      if (event.type !== 'CONFIGURE') return {};
      const result = applyAdminChange(context.world, event.change);
      return {
        last: result.ok
          ? { action: 'CONFIGURE', ok: true, data: { summary: result.summary } }
          : { action: 'CONFIGURE', ok: false, error: result.error }
      };
    })
  }
}).createMachine({
  id: 'clientApp',
  context: ({ input }) => ({ world: input.world, random: input.random }),
  initial: 'ready',
  states: {
    ready: {
      initial: 'settling',
      states: {
        settling: {
          always: [
            // Half way through an SRP sign-in, whatever the app held before: the next thing to do is answer.
            { guard: 'hasOpenChallenge', target: 'awaitingPasswordVerifier' },
            { guard: 'hasCredentials', target: 'holdingCredentials' },
            { guard: 'hasTokens', target: 'signedIn' },
            { guard: 'awaitingCode', target: 'awaitingConfirmation' },
            { target: 'anonymous' }
          ]
        },
        anonymous: {},
        awaitingConfirmation: {},
        awaitingPasswordVerifier: {
          on: { ANSWER_PASSWORD_VERIFIER: '#clientApp.working.answeringPasswordVerifier' }
        },
        signedIn: {},
        holdingCredentials: {}
      },
      on: {
        SIGN_UP: '#clientApp.working.signingUp',
        CONFIRM_SIGN_UP: { guard: 'awaitingCode', target: '#clientApp.working.confirming' },
        SIGN_IN: '#clientApp.working.signingIn',
        START_SRP_SIGN_IN: '#clientApp.working.startingSrpSignIn',
        REFRESH: { guard: 'hasRefreshToken', target: '#clientApp.working.refreshing' },
        SIGN_OUT: { guard: 'hasTokens', target: '#clientApp.working.signingOut' },
        CALL_API: '#clientApp.working.callingApi',
        GET_PROFILE: '#clientApp.working.gettingProfile',
        CALL_IAM_API: { guard: 'hasCredentials', target: '#clientApp.working.callingIamApi' },
        CALL_DYNAMODB_WITH_JWT: { guard: 'hasTokens', target: '#clientApp.working.callingDynamoDbWithJwt' },
        SIGN_IN_WITH_GOOGLE: '#clientApp.working.signingInWithGoogle',
        GET_ID: { guard: 'canGetId', target: '#clientApp.working.gettingId' },
        GET_CREDENTIALS: { guard: 'hasIdentityId', target: '#clientApp.working.gettingCredentials' },
        GET_OPEN_ID_TOKEN: { guard: 'hasIdentityId', target: '#clientApp.working.gettingOpenIdToken' },
        ASSUME_ROLE: { guard: 'hasOpenIdToken', target: '#clientApp.working.assumingRole' },
        READ_ORDER: { guard: 'hasCredentials', target: '#clientApp.working.readingOrder' },
        QUERY_NOTES: { guard: 'hasIdentityAndCredentials', target: '#clientApp.working.queryingNotes' },
        PUT_NOTE: { guard: 'hasIdentityAndCredentials', target: '#clientApp.working.puttingNote' },
        RECORD_EVENT: { guard: 'hasIdentityAndCredentials', target: '#clientApp.working.recordingEvent' },
        READ_EVENTS: { guard: 'hasIdentityAndCredentials', target: '#clientApp.working.readingEvents' },
        UPLOAD_AVATAR: { guard: 'hasIdentityAndCredentials', target: '#clientApp.working.uploadingAvatar' },
        LIST_FOLDER: { guard: 'hasIdentityAndCredentials', target: '#clientApp.working.listingFolder' },
        GET_OBJECT: { guard: 'hasIdentityAndCredentials', target: '#clientApp.working.gettingObject' },
        TAMPER: { guard: 'hasTokens', target: '.settling', actions: 'tamper' },
        ADVANCE_CLOCK: { target: '.settling', actions: 'advanceClock' },
        CONFIGURE: { target: '.settling', actions: 'configure' },
        START_MANAGED_LOGIN: '#clientApp.working.startingManagedLogin',
        SUBMIT_MANAGED_LOGIN: { guard: 'onLoginPage', target: '#clientApp.working.submittingManagedLogin' },
        REDEEM_CODE: { guard: 'holdsCode', target: '#clientApp.working.redeemingCode' },
        CALL_SCOPED_API: '#clientApp.working.callingScopedApi',
        SIGN_IN_WITH_MANAGED_LOGIN: '#clientApp.working.signingInWithManagedLogin'
      }
    },
    working: {
      // Always entered at a named child; `initial` only satisfies XState's rule for compound states.
      initial: 'signingUp',
      states: {
        signingUp: act('signUp'),
        confirming: act('confirmSignUp'),
        signingIn: act('signIn'),
        startingSrpSignIn: act('startSrpSignIn'),
        answeringPasswordVerifier: act('answerPasswordVerifier'),
        refreshing: act('refresh'),
        signingOut: act('signOut'),
        callingApi: act('callApi'),
        gettingProfile: act('getProfile'),
        callingIamApi: act('callIamApi'),
        callingDynamoDbWithJwt: act('callDynamoDbWithJwt'),
        signingInWithGoogle: act('signInWithGoogle'),
        gettingId: act('getId'),
        gettingCredentials: act('getCredentials'),
        gettingOpenIdToken: act('getOpenIdToken'),
        assumingRole: act('assumeRole'),
        readingOrder: act('readOrder'),
        queryingNotes: act('queryNotes'),
        puttingNote: act('putNote'),
        recordingEvent: act('recordEvent'),
        readingEvents: act('readEvents'),
        uploadingAvatar: act('uploadAvatar'),
        listingFolder: act('listFolder'),
        gettingObject: act('getObject'),
        startingManagedLogin: act('startManagedLogin'),
        submittingManagedLogin: act('submitManagedLogin'),
        redeemingCode: act('redeemCode'),
        callingScopedApi: act('callScopedApi'),
        signingInWithManagedLogin: act('signInWithManagedLogin')
      }
    }
  }
});
