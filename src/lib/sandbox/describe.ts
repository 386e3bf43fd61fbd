// What an action's outcome was, in one or two plain sentences: the sandbox shows and announces these.

import { mappingWords, type SandboxAction } from './actions';

/** The part of the app's `last` record an outcome sentence needs (the machine's LastCall has this shape). */
export interface Outcome {
  ok: boolean;
  status?: number;
  error?: { code: string; message: string };
  data?: unknown;
}

/** Simulated time as `2026-11-28 09:00:00 UTC`. */
export function formatTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

/** `in 59 min`, `2 h 3 min ago`: a duration from `now` in words. */
export function relativeTime(at: number, now: number): string {
  const minutes = Math.round((at - now) / 60_000);
  const size = Math.abs(minutes);
  const words =
    size >= 60 ? `${Math.floor(size / 60)} h${size % 60 ? ` ${size % 60} min` : ''}` : `${size} min`;
  if (minutes === 0) return 'now';
  return minutes > 0 ? `in ${words}` : `${words} ago`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A DynamoDB attribute value (`{S: "x"}`, `{N: "1"}`, ...) or a plain value, as short text. */
function plain(value: unknown): string {
  if (isRecord(value)) {
    const [type, inner] = Object.entries(value)[0] ?? [];
    if (type === 'S' || type === 'N') return String(inner);
    if (type === 'BOOL') return String(inner);
    if (type === 'NULL') return 'null';
    return '…';
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  return '…';
}

/** `item: Blue ceramic teapot, quantity: 1, …` from an item (attribute values or plain JSON). */
export function summariseItem(item: unknown, maxFields = 8): string {
  if (!isRecord(item)) return '';
  const fields = Object.entries(item).slice(0, maxFields);
  return fields.map(([name, value]) => `${name}: ${plain(value)}`).join(', ');
}

function refusal(outcome: Outcome): string {
  // An answer with no error type (API Gateway's bare 401 {"message":"Unauthorized"}) has its status for a
  // code: say the status once, never "401 401".
  const code = outcome.error?.code;
  const named = code !== undefined && code !== '' && code !== String(outcome.status) ? code : undefined;
  const said = [outcome.status, named].filter((part) => part !== undefined).join(' ') || 'error';
  const message = outcome.error?.message ? `: ${outcome.error.message}` : '';
  return `Refused (${said})${message}`;
}

/**
 * One outcome in words. `now` is the simulated time after the action (for expiry and the clock).
 * `credentialsExpire` is when the app's credentials expire, if it holds any.
 */
export function outcomeSentence(
  action: SandboxAction,
  outcome: Outcome | undefined,
  context: { now: number; credentialsExpire?: number; pendingEmail?: string }
): string {
  if (action.do === 'advance-clock') return `The simulated clock now reads ${formatTime(context.now)}.`;
  if (!outcome) return 'Nothing came back.';
  if (!outcome.ok && action.do === 'trust-policy') return trustPolicyRefusal(outcome);
  if (!outcome.ok) {
    if (action.do === 'sign-out') {
      return `${refusal(outcome)}. The app forgot its tokens, identity id and credentials all the same.`;
    }
    const hint = whichTokenHint(action, outcome);
    return `${refusal(outcome)}.${hint ? ` ${hint}` : ''}`;
  }
  const data = outcome.data;
  switch (action.do) {
    case 'sign-up':
      return `The pool created “${action.username}” as UNCONFIRMED and emailed a code to ${action.email}.`;
    case 'confirm-sign-up':
      return 'The account is CONFIRMED: it can sign in now.';
    case 'sign-in':
      return 'Signed in: the app holds an ID token, an access token and a refresh token.';
    case 'google-sign-in':
      return 'Google handed the app a Google ID token. That sign-in happens in Google’s own window, so no exchange is drawn.';
    case 'get-id': {
      const id = isRecord(data) && typeof data.identityId === 'string' ? data.identityId : '';
      return `The identity pool answered with the identity id ${id}.`;
    }
    case 'get-credentials':
    case 'assume-role':
      return `The app holds temporary AWS credentials${
        context.credentialsExpire === undefined
          ? ''
          : `, valid until ${formatTime(context.credentialsExpire)}`
      }.`;
    case 'get-open-id-token':
      return 'The app holds an OpenID token from the identity pool (for STS AssumeRoleWithWebIdentity).';
    case 'call-api':
    case 'get-profile':
      return `200 OK: ${summariseItem(data) || 'an empty answer'}.`;
    case 'call-iam-api':
      return `200 OK: ${summariseItem(data) || 'an empty answer'}. No token went with it: API Gateway checked the SigV4 signature and the role’s execute-api:Invoke, and the function learnt who called from requestContext.identity.`;
    case 'read-order': {
      const item = isRecord(data) ? data.Item : undefined;
      return item === undefined
        ? `200 OK, but there is no order ${action.orderId}.`
        : `200 OK: order ${action.orderId} — ${summariseItem(item)}.`;
    }
    case 'jwt-to-dynamodb':
      return 'DynamoDB answered.';
    case 'put-note':
      return 'The note is saved under your identity id.';
    case 'query-notes': {
      const items = isRecord(data) && Array.isArray(data.Items) ? data.Items : [];
      const texts = items
        .slice(0, 5)
        .map((item) => (isRecord(item) ? `“${plain(item.text)}”` : ''))
        .filter(Boolean);
      return `${items.length} note${items.length === 1 ? '' : 's'}${texts.length ? `: ${texts.join(', ')}` : ''}.`;
    }
    case 'upload-avatar': {
      const key = isRecord(data) && typeof data.key === 'string' ? data.key : 'the object';
      return `200 OK: S3 stored ${key}. Open the arrow to see the IAM decision and the identity id in the folder's ARN.`;
    }
    case 'list-folder': {
      const keys = isRecord(data) && Array.isArray(data.keys) ? data.keys : [];
      const shown = keys.slice(0, 5).map((key) => String(key));
      return `${keys.length} object${keys.length === 1 ? '' : 's'} in the folder${shown.length ? `: ${shown.join(', ')}` : ''}.`;
    }
    case 'refresh':
      return 'New ID and access tokens (the refresh token stays the same).';
    case 'sign-out':
      return 'Signed out everywhere: the pool revoked the tokens, and the app forgot them, its identity id and credentials.';
    case 'get-credentials-without-logins':
      return `The app holds temporary AWS credentials${
        context.credentialsExpire === undefined
          ? ''
          : `, valid until ${formatTime(context.credentialsExpire)}`
      }: with no Logins the identity pool saw a guest, so they are the guest role’s.`;
    case 'guest-access':
      return action.allow
        ? 'Guest access is on: GetId without Logins makes a new guest identity.'
        : 'Guest access is off: GetId or GetCredentialsForIdentity without Logins is refused (“Unauthenticated access is not supported for this identity pool.”).';
    case 'managers':
      return action.member
        ? 'bob is in “managers”: his next tokens carry cognito:groups, cognito:roles and cognito:preferred_role (sign him in again to see them).'
        : 'bob is no longer in “managers”: his next tokens carry no group claims.';
    case 'role-mapping':
      return action.mapping === 'none'
        ? 'No role mapping: every signed-in user gets the default authenticated role, TwoPools_Authenticated.'
        : `The identity pool now applies a ${mappingWords(action.mapping)} at GetCredentialsForIdentity. (The basic flow refuses pools with role mappings.)`;
    case 'trust-policy':
      return `The trust policy of ${action.role} is replaced; the next AssumeRoleWithWebIdentity for it reads the new one.`;
    case 'managed-login':
      return 'Signed in through managed login: the browser posted the password to the pool’s page, and the app traded the code with its PKCE verifier for ID, access and refresh tokens. The access token’s scope is openid email orders-api/read.';
    case 'call-scoped-api':
      return `200 OK: ${summariseItem(data) || 'an empty answer'}. The method’s OAuth scope orders-api/read is in the access token’s scope.`;
  }
}

/**
 * Which token a Cognito authorizer wants, when it refused the other with 401: without OAuth scopes on the
 * method, an ID token; with scopes, an access token carrying one of them (AWS-FACTS, API Gateway).
 */
function whichTokenHint(action: SandboxAction, outcome: Outcome): string | undefined {
  if (outcome.status !== 401) return undefined;
  if (action.do === 'call-api' && action.token === 'access') {
    return 'GET /orders/{id} has no OAuth scopes, so its Cognito authorizer wants the ID token.';
  }
  if (action.do === 'get-profile' && action.token === 'id') {
    return 'GET /me has the OAuth scope aws.cognito.signin.user.admin, so its Cognito authorizer wants an access token carrying that scope; an ID token has no scope claim.';
  }
  if (action.do === 'call-scoped-api') {
    return 'GET /scoped/orders/{id} has the custom OAuth scope orders-api/read: only an access token from managed login (the OAuth endpoints) carries it; one from the user pool API carries aws.cognito.signin.user.admin only.';
  }
  return undefined;
}

/** Why IAM refused a typed trust policy, and what to look at. */
function trustPolicyRefusal(outcome: Outcome): string {
  const code = outcome.error?.code ?? 'error';
  const message = outcome.error?.message ?? '';
  const hint =
    code === 'NoSuchEntity'
      ? 'There is no role of that name in this account.'
      : /Syntax errors/.test(message)
        ? 'The text is not JSON: look for a missing comma, quote or bracket.'
        : 'IAM reads the JSON but will not take it as a trust policy: a trust policy needs Version "2012-10-17", Statement, and in each statement Effect, a Principal and an Action (sts:AssumeRoleWithWebIdentity for the identity pool’s roles), and no Resource.';
  return `Refused (${code}): ${message} ${hint} Nothing changed: the old trust policy stays.`;
}
