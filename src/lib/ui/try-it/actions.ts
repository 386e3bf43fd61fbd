// The "try it" actions as data: which client-app events each sends, why one is impossible now, and the claim editor's checks.

import { decodeJwt } from 'jose';
import { participantName } from '$lib/diagram';
import type { AppMemory } from '$lib/live';
import type { ClientEvent, LastCall } from '$lib/machines';
import { MANAGERS, resolveChange, type ScenarioChange } from '$lib/scenarios';
import { isJwt, MAX_TOKEN_LENGTH, readAwsError, type TraceEntry, type WorldConfig } from '$lib/sim';

export type TryActionId =
  | 'tamper'
  | 'clock'
  | 'refresh'
  | 'call-api'
  | 'call-api-access'
  | 'me-id'
  | 'me-access'
  | 'call-iam-api'
  | 'jwt-to-dynamodb'
  | 'wrong-secret'
  | 'other-user'
  | 'credentials'
  | 'credentials-without-logins'
  | 'guest-on'
  | 'guest-off'
  | 'managers-in'
  | 'managers-out'
  | 'ml-wrong-redirect'
  | 'ml-replay-code'
  | 'ml-wrong-verifier';

/** Managed login's actions: shown once the app has used managed login (its scene, or after it). */
export const MANAGED_LOGIN_ACTIONS: ReadonlySet<TryActionId> = new Set([
  'ml-wrong-redirect',
  'ml-replay-code',
  'ml-wrong-verifier'
]);

/** Whether an action is offered at all for the app as it is (possible or not, it is then listed). */
export function offered(id: TryActionId, context: AppMemory): boolean {
  return !MANAGED_LOGIN_ACTIONS.has(id) || context.managedLogin !== undefined;
}

/** The actions that change the world's configuration (the console's, not the app's): nothing crosses the wire. */
export const CONSOLE_ACTIONS: ReadonlySet<TryActionId> = new Set([
  'guest-on',
  'guest-off',
  'managers-in',
  'managers-out'
]);

/** The order the lesson's API and table use throughout. */
export const ORDER_ID = '42';
export const ONE_HOUR_MS = 60 * 60 * 1000;

/** What an action did, for the player to draw and announce. */
export interface TryResult {
  label: string;
  /** Trace length before and after: the exchanges the action added. */
  from: number;
  to: number;
  summary: string;
}

export interface TryAction {
  id: TryActionId;
  /** The button's words. */
  label: string;
  /** What to expect, in one sentence. */
  expect: string;
}

export const TRY_ACTIONS: readonly TryAction[] = [
  {
    id: 'tamper',
    label: 'Edit a claim of the ID token and call the API',
    expect:
      'API Gateway checks the signature over the edited payload: expect 401, with the failed check named.'
  },
  {
    id: 'clock',
    label: 'Jump the clock forward an hour',
    expect:
      'ID and access tokens last an hour, and so do the AWS credentials: after the jump they are expired.'
  },
  {
    id: 'refresh',
    label: 'Refresh the tokens',
    expect: 'The refresh token (valid for 30 days) buys fresh ID and access tokens, without the password.'
  },
  {
    id: 'call-api',
    label: `Call GET /orders/${ORDER_ID} with the ID token`,
    expect: 'API Gateway’s Cognito authorizer verifies the token before the function runs.'
  },
  {
    id: 'call-api-access',
    label: `Call GET /orders/${ORDER_ID} with the access token`,
    expect:
      'The method has no OAuth scopes, so its Cognito authorizer wants an ID token: expect 401 Unauthorized.'
  },
  {
    id: 'me-id',
    label: 'Call GET /me with the ID token',
    expect:
      'GET /me asks for the scope aws.cognito.signin.user.admin; an ID token has no scope claim: expect 401.'
  },
  {
    id: 'me-access',
    label: 'Call GET /me with the access token',
    expect: 'The access token carries that scope: expect 200 with the profile, read from its claims.'
  },
  {
    id: 'jwt-to-dynamodb',
    label: 'Send the JWT straight to DynamoDB',
    expect:
      'DynamoDB only accepts SigV4 signatures made with AWS credentials: expect MissingAuthenticationTokenException.'
  },
  {
    id: 'wrong-secret',
    label: 'Sign the DynamoDB request with a wrong secret',
    expect: 'DynamoDB recomputes the signature with the real secret: expect InvalidSignatureException.'
  },
  {
    id: 'call-iam-api',
    label: `Call the AWS_IAM route GET /iam/orders/${ORDER_ID}, signed`,
    expect:
      'No token: the request is signed with SigV4 for execute-api, and API Gateway evaluates execute-api:Invoke against the role.'
  },
  {
    id: 'other-user',
    label: `Sign in as the second demo user and ask for order ${ORDER_ID}`,
    expect: 'The token is valid, so API Gateway lets it through; the function itself refuses: expect 403.'
  },
  {
    id: 'credentials',
    label: 'GetCredentialsForIdentity (with Logins)',
    expect:
      'The identity pool checks the login and has STS assume the role: the role’s trust policy and the role mapping decide.'
  },
  {
    id: 'credentials-without-logins',
    label: 'GetCredentialsForIdentity without Logins',
    expect:
      'The forgotten map: a guest identity gets the guest role’s credentials; an authenticated one is refused.'
  },
  {
    id: 'guest-off',
    label: 'Turn guest access off',
    expect: 'Console: calls without Logins are then refused (“Unauthenticated access is not supported…”).'
  },
  {
    id: 'guest-on',
    label: 'Turn guest access on',
    expect: 'Console: GetId without Logins makes a guest identity again.'
  },
  {
    id: 'managers-in',
    label: `Put bob in “${MANAGERS}”`,
    expect: `Console: the group (role TwoPools_Managers) is created first where this story has none. Bob’s next tokens carry cognito:groups.`
  },
  {
    id: 'managers-out',
    label: `Take bob out of “${MANAGERS}”`,
    expect: 'Console: bob’s next tokens carry no group claims.'
  },
  {
    id: 'ml-wrong-redirect',
    label: 'Start managed login with a redirect_uri ending in “/”',
    expect:
      'Not exactly a callback URL of the app client: the pool sends the browser to its error page, redirect_mismatch.'
  },
  {
    id: 'ml-replay-code',
    label: 'Trade the same code again',
    expect: 'A code works once: expect 400 {"error":"invalid_grant"}.'
  },
  {
    id: 'ml-wrong-verifier',
    label: 'Sign in again and trade the new code with a wrong code_verifier',
    expect:
      'Its SHA-256 is not the code_challenge the pool holds: expect 400 {"error":"invalid_grant"}, and the code is spent.'
  }
];

/** The second demo user: bob. */
const BOB = 1;

/** A console change in the scenarios' terms, as the CONFIGURE event the app applies, resolved for this world. */
export function configure(change: ScenarioChange, config: WorldConfig): ClientEvent {
  return { type: 'CONFIGURE', change: resolveChange(change, { config }) };
}

/** A secret that is not the credentials' own: the same length, one character changed. */
export function wrongSecret(secret: string): string {
  if (secret === '') return 'not-the-secret';
  const last = secret.at(-1);
  return `${secret.slice(0, -1)}${last === 'A' ? 'B' : 'A'}`;
}

/** The events an action sends, in order, for the app as it is now (the tamper needs its edit separately). */
export function eventsFor(
  id: Exclude<TryActionId, 'tamper'>,
  context: AppMemory,
  config: WorldConfig
): ClientEvent[] {
  switch (id) {
    case 'clock':
      return [{ type: 'ADVANCE_CLOCK', ms: ONE_HOUR_MS }];
    case 'refresh':
      return [{ type: 'REFRESH' }];
    case 'call-api':
      return [{ type: 'CALL_API', orderId: ORDER_ID }];
    case 'call-api-access':
      return [{ type: 'CALL_API', orderId: ORDER_ID, token: 'access' }];
    case 'me-id':
      return [{ type: 'GET_PROFILE', token: 'id' }];
    case 'me-access':
      return [{ type: 'GET_PROFILE', token: 'access' }];
    case 'call-iam-api':
      return [{ type: 'CALL_IAM_API', orderId: ORDER_ID }];
    case 'credentials':
      return [{ type: 'GET_CREDENTIALS' }];
    case 'credentials-without-logins':
      return [{ type: 'GET_CREDENTIALS', withoutLogins: true }];
    case 'guest-on':
    case 'guest-off':
      return [configure({ set: 'guest-access', allow: id === 'guest-on' }, config)];
    case 'managers-in':
      // Most stories have no "managers" group: create it as groups-to-roles does (where it exists, the console
      // refuses the second one and nothing changes), then add bob.
      return [
        configure({ set: 'create-group', group: MANAGERS, role: 'TwoPools_Managers', precedence: 1 }, config),
        configure({ set: 'group-membership', user: BOB, group: MANAGERS, member: true }, config)
      ];
    case 'managers-out':
      return [configure({ set: 'group-membership', user: BOB, group: MANAGERS, member: false }, config)];
    case 'jwt-to-dynamodb':
      return [{ type: 'CALL_DYNAMODB_WITH_JWT', orderId: ORDER_ID }];
    case 'wrong-secret':
      return [
        {
          type: 'READ_ORDER',
          orderId: ORDER_ID,
          secretOverride: wrongSecret(context.credentials?.secretKey ?? '')
        }
      ];
    case 'ml-wrong-redirect':
      return [{ type: 'START_MANAGED_LOGIN', redirectUri: `${config.userPool.callbackUrl}/` }];
    case 'ml-replay-code':
      return [{ type: 'REDEEM_CODE' }];
    case 'ml-wrong-verifier': {
      const user = config.demoUsers[0];
      if (user === undefined) return [];
      // A well-formed verifier (43 characters of the right alphabet) that is not the one the app made.
      return [
        { type: 'START_MANAGED_LOGIN' },
        { type: 'SUBMIT_MANAGED_LOGIN', username: user.username, password: user.password },
        { type: 'REDEEM_CODE', verifierOverride: 'not-the-verifier-the-app-made-0123456789abc' }
      ];
    }
    case 'other-user': {
      const user = config.demoUsers[BOB];
      if (user === undefined) return [];
      return [
        { type: 'SIGN_IN', username: user.username, password: user.password, flow: 'srp' },
        { type: 'CALL_API', orderId: ORDER_ID }
      ];
    }
  }
}

/** The event that decides whether an action is possible now (the first one it sends). */
export function gateEvent(id: TryActionId, context: AppMemory, config: WorldConfig): ClientEvent | undefined {
  if (id === 'tamper') return { type: 'TAMPER', claim: 'email', value: '' };
  return eventsFor(id, context, config)[0];
}

/** Why an action is not possible in the app's state, in words. */
export function whyImpossible(id: TryActionId, context: AppMemory, working: boolean): string {
  if (working) return 'The app is in the middle of a call.';
  switch (id) {
    case 'tamper':
    case 'jwt-to-dynamodb':
      return 'The app holds no user-pool tokens: nobody is signed in in this story.';
    case 'refresh':
      return context.tokens === undefined
        ? 'The app holds no user-pool tokens, so there is no refresh token to use.'
        : 'The app holds no refresh token.';
    case 'credentials':
    case 'credentials-without-logins':
      return 'The app holds no identity id: GetCredentialsForIdentity asks for an identity’s credentials, and only GetId gives the app one (figure 4).';
    case 'call-iam-api':
    case 'wrong-secret':
      return context.tokens === undefined
        ? 'The app holds no AWS credentials: only an identity pool hands those out (figure 4).'
        : 'The app holds no AWS credentials: it has user-pool tokens only. Trading them for credentials is the identity pool’s job (figure 4); signing in again also drops any it had.';
    case 'ml-replay-code':
      return 'The app holds no authorization code: it started a new managed login and the browser has not come back with one.';
    default:
      return 'Not possible in the app’s current state.';
  }
}

/** What a console change did (it sends nothing, so the trace cannot say): the app's record of it, in words. */
export function configureSummary(last: LastCall | undefined): string {
  if (last?.action !== 'CONFIGURE') return 'Nothing changed.';
  if (!last.ok) {
    return `The console refused it (${last.error?.code ?? 'error'}): ${last.error?.message ?? ''} Nothing changed.`;
  }
  const data = last.data as { summary?: unknown } | undefined;
  const said = typeof data?.summary === 'string' ? `${data.summary} ` : '';
  return `${said}Nothing crossed the wire: the next request meets the new setting.`;
}

/** The ID token's claims, decoded without verifying (for the claim editor's choices). */
export function idTokenClaims(context: AppMemory): Record<string, unknown> | undefined {
  const token = context.tokens?.idToken;
  if (token === undefined) return undefined;
  try {
    return decodeJwt(token) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

export type ClaimValueKind = 'text' | 'number' | 'json';

export interface ClaimEdit {
  claim: string;
  kind: ClaimValueKind;
  raw: string;
}

export type ClaimEditCheck =
  | { ok: true; claim: string; value: unknown; notes: string[] }
  | { ok: false; errors: { claim?: string; value?: string } };

/** How a claim's current value is offered for editing. */
export function editableValue(value: unknown): { kind: ClaimValueKind; raw: string } {
  if (typeof value === 'string') return { kind: 'text', raw: value };
  if (typeof value === 'number') return { kind: 'number', raw: String(value) };
  return { kind: 'json', raw: JSON.stringify(value) ?? '' };
}

/** Names `tamperJwt` must never write: on a plain object they would change its prototype, not add a claim. */
const FORBIDDEN_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Checks a claim edit before anything is sent. Size is looked at first, so a pasted megabyte is refused
 * before it is parsed; a whole JWT pasted as a value is pointed to the inspector's paste box instead.
 */
export function checkClaimEdit(edit: ClaimEdit, claims: Record<string, unknown> | undefined): ClaimEditCheck {
  const errors: { claim?: string; value?: string } = {};
  if (claims === undefined) errors.claim = 'The app holds no ID token to edit.';
  else if (edit.claim === '' || FORBIDDEN_NAMES.has(edit.claim) || !Object.hasOwn(claims, edit.claim)) {
    errors.claim = 'Choose one of the token’s claims.';
  }
  const raw = edit.raw;
  let value: unknown;
  const notes: string[] = [];
  if (raw.length > MAX_TOKEN_LENGTH) {
    errors.value = `The value is ${raw.length.toLocaleString('en')} characters: with it the token would be over 8 KiB, and verifiers refuse such a token before decoding it. Shorten it; nothing was sent.`;
  } else if (isJwt(raw.trim())) {
    errors.value =
      'That looks like a whole JWT, not a claim value. This editor changes one claim of the app’s own token; to take a pasted token apart, use “Paste a token to inspect” in the inspector’s JWT tab.';
  } else if (edit.kind === 'number') {
    const number = Number(raw.trim());
    if (raw.trim() === '' || !Number.isFinite(number)) {
      errors.value = `“${raw}” is not a number. Time claims (exp, iat, auth_time) are seconds since 1970, such as 1795860000.`;
    } else value = number;
  } else if (edit.kind === 'json') {
    try {
      value = JSON.parse(raw);
    } catch (error) {
      errors.value = `Not JSON: ${error instanceof Error ? error.message : String(error)}. Strings need double quotes, e.g. "admin"; or choose “text”.`;
    }
  } else {
    value = raw;
    if (/<\s*\/?\s*[a-zA-Z!?]/.test(raw)) {
      notes.push(
        'The value holds HTML-like markup: it is sent as plain text, and shown as text, never rendered.'
      );
    }
  }
  if (errors.claim !== undefined || errors.value !== undefined) return { ok: false, errors };
  return { ok: true, claim: edit.claim, value, notes };
}

function timeWords(expiresAt: number, now: number): string {
  const minutes = Math.round((expiresAt - now) / 60_000);
  if (expiresAt > now) return `expire${minutes <= 1 ? 's in under a minute' : `s in ${minutes} min`}`;
  return minutes >= -1 ? 'expired just now' : `expired ${-minutes} min ago`;
}

/** What the clock jump did to what the app holds, in words. */
export function clockSummary(context: AppMemory, now: number): string {
  const parts = [`The simulation clock now reads ${new Date(now).toISOString().replace('.000Z', 'Z')}.`];
  if (context.tokens) parts.push(`The ID and access tokens ${timeWords(context.tokens.expiresAt, now)}.`);
  if (context.credentials)
    parts.push(`The AWS credentials ${timeWords(context.credentials.expiration, now)}.`);
  if (!context.tokens && !context.credentials) parts.push('The app holds nothing that expires.');
  return parts.join(' ');
}

/** What really happened in the new exchanges, in one or two sentences: the answer, and the check that failed. */
export function resultSummary(entries: readonly TraceEntry[]): string {
  const top = entries.filter((entry) => entry.parentId === undefined);
  const last = top.at(-1);
  if (last === undefined) return 'Nothing was sent.';
  const who = participantName(last.to);
  const code = last.error?.code;
  const message = last.error?.message ?? readAwsError(last.response)?.message;
  let text =
    last.outcome === 'ok'
      ? `${who} answered ${last.response.status}: it worked.`
      : `${who} answered ${last.response.status}${code && code !== String(last.response.status) ? ` ${code}` : ''}${message ? `: ${message}` : ''}.`;
  if (last.outcome === 'refused') {
    const related = entries.filter((entry) => entry.id === last.id || entry.start > last.start);
    const failed = related
      .flatMap((entry) => entry.checks.map((check) => ({ check, entry })))
      .find(({ check }) => !check.ok);
    if (failed) {
      text += ` Failed check at ${participantName(failed.entry.to)}: “${failed.check.name}”${failed.check.detail ? ` (${failed.check.detail})` : ''}.`;
    }
    if (last.reason) text += ` ${last.reason}`;
  }
  return text;
}
