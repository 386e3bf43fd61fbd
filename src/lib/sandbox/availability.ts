// Which palette actions the app can take now, and in plain words why not: the machine's guards decide, this explains.

import type { ClientEvent } from '../machines';
import type { ActionKey } from './actions';

/** What the app holds, in the terms the explanations and the "app now" panel need. */
export interface Holdings {
  /** The machine's state as a path: `ready.signedIn`, `working.gettingId`. */
  state: string;
  /** Simulated time (epoch ms). */
  now: number;
  username?: string;
  /** Which login the identity pool is shown. */
  provider?: 'user-pool' | 'google' | 'guest';
  tokens?: { expiresAt: number; refresh: boolean };
  googleToken: boolean;
  identityId?: string;
  openIdToken: boolean;
  credentials?: { expiration: number };
  /** A sign-up waiting for its code, and where the code went. */
  pending?: { username: string; email?: string };
}

/** Each palette action: possible now, or why not. */
export type Availability = Record<ActionKey, { ok: boolean; reason: string }>;

/**
 * An event of each palette action's type, for `snapshot.can(event)`. Only the type and GetId's provider
 * matter to the guards; the other fields are placeholders and are never sent.
 */
export function probeEvent(key: ActionKey): ClientEvent {
  switch (key) {
    case 'sign-up':
      return { type: 'SIGN_UP', username: '', password: '', email: '' };
    case 'confirm-sign-up':
      return { type: 'CONFIRM_SIGN_UP', email: '' };
    case 'sign-in':
      return { type: 'SIGN_IN', username: '', password: '', flow: 'srp' };
    case 'google-sign-in':
      return { type: 'SIGN_IN_WITH_GOOGLE', email: '' };
    case 'get-id:user-pool':
      return { type: 'GET_ID', provider: 'user-pool' };
    case 'get-id:google':
      return { type: 'GET_ID', provider: 'google' };
    case 'get-id:guest':
      return { type: 'GET_ID', provider: 'guest' };
    case 'get-credentials':
      return { type: 'GET_CREDENTIALS' };
    case 'get-credentials-without-logins':
      return { type: 'GET_CREDENTIALS', withoutLogins: true };
    case 'get-open-id-token':
      return { type: 'GET_OPEN_ID_TOKEN' };
    case 'assume-role':
      return { type: 'ASSUME_ROLE', roleArn: '' };
    case 'call-api':
      return { type: 'CALL_API', orderId: '' };
    case 'get-profile':
      return { type: 'GET_PROFILE', token: 'id' };
    case 'call-iam-api':
      return { type: 'CALL_IAM_API', orderId: '' };
    case 'jwt-to-dynamodb':
      return { type: 'CALL_DYNAMODB_WITH_JWT', orderId: '' };
    case 'read-order':
      return { type: 'READ_ORDER', orderId: '' };
    case 'put-note':
      return { type: 'PUT_NOTE', text: '' };
    case 'query-notes':
      return { type: 'QUERY_NOTES' };
    case 'upload-avatar':
      return { type: 'UPLOAD_AVATAR' };
    case 'list-folder':
      return { type: 'LIST_FOLDER' };
    case 'refresh':
      return { type: 'REFRESH' };
    case 'sign-out':
      return { type: 'SIGN_OUT' };
    case 'advance-clock':
      return { type: 'ADVANCE_CLOCK', ms: 0 };
    case 'managed-login':
      return { type: 'SIGN_IN_WITH_MANAGED_LOGIN', username: '', password: '' };
    case 'call-scoped-api':
      return { type: 'CALL_SCOPED_API', orderId: '' };
    case 'guest-access':
    case 'managers':
    case 'role-mapping':
    case 'trust-policy':
      // Console changes: the app's state never stops them (the change itself is a placeholder here).
      return { type: 'CONFIGURE', change: { set: 'guest-access', allow: true } };
  }
}

export const ALL_ACTION_KEYS: readonly ActionKey[] = [
  'sign-up',
  'confirm-sign-up',
  'sign-in',
  'google-sign-in',
  'get-id:user-pool',
  'get-id:google',
  'get-id:guest',
  'get-credentials',
  'get-open-id-token',
  'assume-role',
  'call-api',
  'get-profile',
  'call-iam-api',
  'jwt-to-dynamodb',
  'read-order',
  'put-note',
  'query-notes',
  'refresh',
  'sign-out',
  'advance-clock',
  'get-credentials-without-logins',
  'guest-access',
  'managers',
  'role-mapping',
  'trust-policy',
  'upload-avatar',
  'list-folder',
  'managed-login',
  'call-scoped-api'
];

/**
 * Why the machine refuses `key` now, in words a learner can act on. Called only when `can` said no; the
 * guards decide, this names what is missing.
 */
export function unavailableReason(key: ActionKey, holdings: Holdings): string {
  if (holdings.state.startsWith('working')) return 'Wait: the app is still busy with the last action.';
  switch (key) {
    case 'confirm-sign-up':
      return 'Sign up first: no new account is waiting for a confirmation code.';
    case 'refresh':
      return holdings.tokens
        ? 'There is no refresh token to trade for new tokens.'
        : 'Sign in first: there is no refresh token to trade for new tokens.';
    case 'sign-out':
      return 'Sign in first: there is no access token to sign out with.';
    case 'jwt-to-dynamodb':
      return 'Sign in first: there is no ID token to send.';
    case 'get-id:user-pool':
      return 'Sign in to the user pool first: there is no ID token to show the identity pool.';
    case 'get-id:google':
      return 'Sign in with Google first: there is no Google token to show the identity pool.';
    case 'get-credentials':
    case 'get-credentials-without-logins':
      return 'Get an identity id first (GetId): the identity pool needs to know whose credentials these are.';
    case 'get-open-id-token':
      return 'Get an identity id first (GetId): the OpenID token is issued for an identity.';
    case 'assume-role':
      return 'Get an OpenID token first (GetOpenIdToken): STS needs a token from the identity pool.';
    case 'read-order':
      return 'Get AWS credentials first: there is nothing to sign GetItem with.';
    case 'call-iam-api':
      return holdings.identityId
        ? 'Get AWS credentials first (GetCredentialsForIdentity): the AWS_IAM route takes only requests signed with them.'
        : 'Get an identity id and AWS credentials first (GetId, then GetCredentialsForIdentity): the AWS_IAM route takes only requests signed with them.';
    case 'upload-avatar':
    case 'list-folder':
      return holdings.identityId
        ? 'Get AWS credentials first: S3 takes only requests signed with them.'
        : 'Get an identity id and AWS credentials first: S3 takes only signed requests, and the folder is named by the identity id.';
    case 'put-note':
    case 'query-notes':
      return holdings.identityId
        ? 'Get AWS credentials first: there is nothing to sign the request with.'
        : 'Get an identity id and AWS credentials first: notes are signed with credentials and kept under the identity id.';
    default:
      return `Not possible while the app is ${describeState(holdings.state)}.`;
  }
}

/** The machine's state in plain words. */
export function describeState(state: string): string {
  switch (state) {
    case 'ready.anonymous':
      return 'anonymous: it holds no token and no credentials';
    case 'ready.awaitingConfirmation':
      return 'waiting for the confirmation code of a new account';
    case 'ready.signedIn':
      return 'signed in: it holds user-pool tokens';
    case 'ready.holdingCredentials':
      return 'holding temporary AWS credentials';
    case 'ready.settling':
      return 'settling';
    default:
      return state.startsWith('working.') ? `busy (${state.slice('working.'.length)})` : state;
  }
}

/** A state value such as `{ ready: 'signedIn' }` as a dotted path. */
export function statePath(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null) {
    const [first] = Object.entries(value);
    if (first) {
      const rest = statePath(first[1]);
      return rest ? `${first[0]}.${rest}` : first[0];
    }
  }
  return '';
}
