// The sandbox's actions as data: what a learner did, in a form that can be shared and replayed without any secret.

/**
 * What a typed password was, as far as the pool's checks go: the first rule of the password policy it
 * breaks (the pool reports only the first), `empty` (the pool says the parameter is missing), or `valid`.
 * A share link carries this kind, never the password; a replay sends a stand-in of the same kind
 * (`STAND_IN_PASSWORDS`), so the pool answers exactly as it did.
 */
export type PasswordKind = 'valid' | 'empty' | 'short' | 'no-upper' | 'no-lower' | 'no-digit' | 'no-symbol';

export const PASSWORD_KINDS: readonly PasswordKind[] = [
  'valid',
  'empty',
  'short',
  'no-upper',
  'no-lower',
  'no-digit',
  'no-symbol'
];

/**
 * The password a replayed sign-up uses for each kind. `valid` is the one replays of successful sign-ups
 * share; each of the others breaks the same first rule as the learner's own did (checked in tests
 * against the pool's policy).
 */
export const STAND_IN_PASSWORDS: Readonly<Record<PasswordKind, string>> = {
  valid: 'Sandbox-Pass-1',
  empty: '',
  short: 'Sb-1',
  'no-upper': 'sandbox-pass-1',
  'no-lower': 'SANDBOX-PASS-1',
  'no-digit': 'Sandbox-Pass',
  'no-symbol': 'SandboxPass1'
};

/** The password a replay sends for a sign-in the learner made with a wrong password. */
export const WRONG_PASSWORD_STAND_IN = 'Not-The-Password-0';

export type Flow = 'srp' | 'password';
export type IdProvider = 'user-pool' | 'google' | 'guest';
/** The roles whose trust policy the learner may edit: the identity pool's three. */
export type TrustRole = 'TwoPools_Authenticated' | 'TwoPools_Guest' | 'TwoPools_Managers';
export const TRUST_ROLES: readonly TrustRole[] = [
  'TwoPools_Authenticated',
  'TwoPools_Guest',
  'TwoPools_Managers'
];
/** The user pool provider's role mapping: none, Token, or one rule (cognito:groups Contains "managers"). */
export type MappingChoice = 'none' | 'token' | 'rules';
export const MAPPING_CHOICES: readonly MappingChoice[] = ['none', 'token', 'rules'];

/**
 * One action of the sandbox, as shared. Passwords and confirmation codes appear only as what they were
 * (`known`/`wrong`, `inbox`/`wrong`, a `PasswordKind`): enough to replay the same answers, nothing to leak.
 */
export type SandboxAction =
  | { do: 'sign-up'; username: string; email: string; password: PasswordKind }
  /** `inbox`: the code of the latest email to the new user; `wrong`: any other code. */
  | { do: 'confirm-sign-up'; code: 'inbox' | 'wrong' }
  /** `known`: the user's password (a demo user's, or the one chosen at sign-up); `wrong`: anything else. */
  | { do: 'sign-in'; username: string; flow: Flow; password: 'known' | 'wrong' }
  | { do: 'google-sign-in'; email: string }
  | { do: 'get-id'; provider: IdProvider }
  | { do: 'get-credentials' }
  /** GetCredentialsForIdentity without the Logins map: a guest's request, whatever the app holds. */
  | { do: 'get-credentials-without-logins' }
  | { do: 'get-open-id-token' }
  | { do: 'assume-role'; role: 'authenticated' | 'unauthenticated' }
  /** GET /orders/{id}: with the ID token, or (`token: 'access'`) the access token instead. */
  | { do: 'call-api'; orderId: string; token?: 'access' }
  /** GET /me, the method with the OAuth scope aws.cognito.signin.user.admin, with the token chosen. */
  | { do: 'get-profile'; token: 'id' | 'access' }
  /** GET /iam/orders/{id}, the AWS_IAM method, signed with SigV4 for execute-api with the app's credentials. */
  | { do: 'call-iam-api'; orderId: string }
  | { do: 'jwt-to-dynamodb'; orderId: string }
  | { do: 'read-order'; orderId: string }
  | { do: 'put-note'; text: string }
  | { do: 'query-notes'; whose: 'own' | 'other' }
  /** PutObject of an avatar into `private/{identity id}/` of the S3 bucket, signed with the app's credentials. */
  | { do: 'upload-avatar' }
  /** ListObjectsV2 of the app's own folder in the bucket, or another identity's. */
  | { do: 'list-folder'; whose: 'own' | 'other' }
  | { do: 'refresh' }
  | { do: 'sign-out' }
  | { do: 'advance-clock'; minutes: number }
  // The console: the world's configuration, changed between calls (nothing crosses the wire).
  | { do: 'guest-access'; allow: boolean }
  /** The second demo user (bob) in or out of the user pool group "managers" (whose role is TwoPools_Managers). */
  | { do: 'managers'; member: boolean }
  | { do: 'role-mapping'; mapping: MappingChoice }
  /** A role's trust policy as typed: JSON text, at most `LIMITS.trustPolicy` characters. */
  | { do: 'trust-policy'; role: TrustRole; document: string }
  /**
   * Sign in with managed login: the browser at /oauth2/authorize and the login page, the user's credentials
   * posted there (`known` or `wrong`, as for sign-in), the code traded with the PKCE verifier at /oauth2/token.
   */
  | { do: 'managed-login'; username: string; password: 'known' | 'wrong' }
  /** GET /scoped/orders/{id}, the method with the custom scope orders-api/read, with the access token. */
  | { do: 'call-scoped-api'; orderId: string };

export type SandboxActionName = SandboxAction['do'];

/**
 * What the learner asks for, with what they typed. Only the session sees this; it turns the secrets into
 * their kinds before recording the action.
 */
export type SandboxDraft =
  | { do: 'sign-up'; username: string; email: string; password: string }
  | { do: 'confirm-sign-up'; code: string }
  | { do: 'sign-in'; username: string; flow: Flow; password: string }
  | { do: 'managed-login'; username: string; password: string }
  | Exclude<SandboxAction, { do: 'sign-up' | 'confirm-sign-up' | 'sign-in' | 'managed-login' }>;

/** One button of the palette: an action, or GetId with one provider (each has its own precondition). */
export type ActionKey =
  Exclude<SandboxActionName, 'get-id'> | 'get-id:user-pool' | 'get-id:google' | 'get-id:guest';

export function keyOf(action: SandboxAction | SandboxDraft): ActionKey {
  return action.do === 'get-id' ? `get-id:${action.provider}` : action.do;
}

/** Limits a share link enforces; the palette's inputs enforce the same ones. */
export const LIMITS = {
  username: 128,
  email: 254,
  noteText: 200,
  orderId: 32,
  minMinutes: 1,
  /** Sixty days: enough to watch a 30-day refresh token expire. */
  maxMinutes: 60 * 24 * 60,
  /** IAM's default quota for a role trust policy: 2,048 characters. */
  trustPolicy: 2048
} as const;

/** Order ids are path segments and table keys: letters, digits, `-` and `_`. */
export const ORDER_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

/** A short title for an action, as the action log and the announcements say it. */
export function actionTitle(action: SandboxAction): string {
  switch (action.do) {
    case 'sign-up':
      return `Sign up “${action.username}” <${action.email}> (password: ${passwordKindWords(action.password)})`;
    case 'confirm-sign-up':
      return action.code === 'inbox'
        ? 'Confirm the sign-up with the emailed code'
        : 'Confirm the sign-up with a wrong code';
    case 'sign-in':
      return `Sign in as “${action.username}” with ${action.flow === 'srp' ? 'SRP' : 'the password'}${
        action.password === 'wrong' ? ' (wrong password)' : ''
      }`;
    case 'google-sign-in':
      return `Sign in with Google as ${action.email}`;
    case 'get-id':
      return action.provider === 'guest'
        ? 'Continue as guest (GetId with no login)'
        : `GetId with the ${action.provider === 'google' ? 'Google' : 'user-pool ID'} token`;
    case 'get-credentials':
      return 'GetCredentialsForIdentity';
    case 'get-credentials-without-logins':
      return 'GetCredentialsForIdentity without Logins';
    case 'get-open-id-token':
      return 'GetOpenIdToken';
    case 'assume-role':
      return `AssumeRoleWithWebIdentity (${action.role === 'authenticated' ? 'authenticated' : 'guest'} role)`;
    case 'call-api':
      return `Call the API: GET /orders/${action.orderId}${action.token === 'access' ? ' with the access token' : ''}`;
    case 'get-profile':
      return `Call the API: GET /me with the ${action.token === 'access' ? 'access' : 'ID'} token`;
    case 'call-iam-api':
      return `Call the API: GET /iam/orders/${action.orderId} (AWS_IAM, signed with SigV4)`;
    case 'jwt-to-dynamodb':
      return `Send the ID token straight to DynamoDB (GetItem order ${action.orderId})`;
    case 'read-order':
      return `Signed GetItem: order ${action.orderId}`;
    case 'put-note':
      return `Write a note (signed PutItem): “${action.text}”`;
    case 'query-notes':
      return action.whose === 'own'
        ? 'Read your notes (signed Query)'
        : "Read someone else's notes (signed Query)";
    case 'upload-avatar':
      return 'Upload to S3: PutObject private/<identity id>/avatar.png';
    case 'list-folder':
      return action.whose === 'own'
        ? 'List my S3 folder (ListObjectsV2)'
        : "List someone else's S3 folder (ListObjectsV2)";
    case 'refresh':
      return 'Refresh the tokens';
    case 'sign-out':
      return 'Sign out (GlobalSignOut)';
    case 'advance-clock':
      return `Advance the clock ${action.minutes} minute${action.minutes === 1 ? '' : 's'}`;
    case 'guest-access':
      return `Console: guest access ${action.allow ? 'on' : 'off'}`;
    case 'managers':
      return action.member ? 'Console: put bob in “managers”' : 'Console: take bob out of “managers”';
    case 'role-mapping':
      return `Console: ${mappingWords(action.mapping)}`;
    case 'trust-policy':
      return `Console: edit the trust policy of ${action.role}`;
    case 'managed-login':
      return `Sign in with managed login as “${action.username}”${action.password === 'wrong' ? ' (wrong password)' : ''}`;
    case 'call-scoped-api':
      return `Call the API: GET /scoped/orders/${action.orderId} with the access token (scope orders-api/read)`;
  }
}

/** The user pool provider's role mapping in words. */
export function mappingWords(mapping: MappingChoice): string {
  switch (mapping) {
    case 'none':
      return 'no role mapping (the default authenticated role)';
    case 'token':
      return 'Token role mapping (cognito:preferred_role)';
    case 'rules':
      return 'Rules role mapping (cognito:groups Contains “managers”)';
  }
}

export function passwordKindWords(kind: PasswordKind): string {
  switch (kind) {
    case 'valid':
      return 'meets the policy';
    case 'empty':
      return 'empty';
    case 'short':
      return 'too short';
    case 'no-upper':
      return 'no upper-case letter';
    case 'no-lower':
      return 'no lower-case letter';
    case 'no-digit':
      return 'no digit';
    case 'no-symbol':
      return 'no symbol';
  }
}
