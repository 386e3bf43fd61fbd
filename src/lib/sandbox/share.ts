// Share links for the sandbox: the seed and the action list in a query string, and a strict decoder for them.

import {
  LIMITS,
  ORDER_ID_PATTERN,
  PASSWORD_KINDS,
  MAPPING_CHOICES,
  TRUST_ROLES,
  type Flow,
  type IdProvider,
  type MappingChoice,
  type TrustRole,
  type PasswordKind,
  type SandboxAction
} from './actions';

/**
 * The format: `?seed=<seed>&a=1.<base64url of a JSON array of tuples>`, one tuple per action, e.g.
 * `["si","alice","srp","known"]`. The leading `1.` is the format's version, so a link from a later
 * format is told apart from a damaged one. Passwords and codes are never in it (see actions.ts).
 */
export const SHARE_FORMAT_VERSION = '1';
export const DEFAULT_SEED = 'sandbox';
/** Longer `a` parameters are refused before any decoding (many servers refuse such URLs anyway); the encoder never makes one. */
export const MAX_PARAM_LENGTH = 8_000;
export const MAX_ACTIONS = 200;
export const SEED_PATTERN = /^[A-Za-z0-9_-]{1,40}$/;

export type ShareErrorCode =
  | 'LinkTooLong'
  | 'UnknownFormat'
  | 'BadBase64'
  | 'BadText'
  | 'BadJson'
  | 'NotAnActionList'
  | 'TooManyActions'
  | 'UnknownAction'
  | 'BadArgument'
  | 'BadSeed';

export interface ShareError {
  code: ShareErrorCode;
  message: string;
}

export type ShareResult<T> = { ok: true; value: T } | { ok: false; error: ShareError };

export interface SharedSandbox {
  seed: string;
  actions: SandboxAction[];
}

const fail = (code: ShareErrorCode, message: string): { ok: false; error: ShareError } => ({
  ok: false,
  error: { code, message }
});

// ---- Tuples: one short code per action, arguments by position ----------------------------------

type Tuple = readonly unknown[];

/** An argument check: the value if it is acceptable, else a description of what was expected. */
type Check<T> = (value: unknown) => { ok: true; value: T } | { ok: false; expected: string };

const text =
  (max: number): Check<string> =>
  (value) =>
    typeof value === 'string' && value.length <= max
      ? { ok: true, value }
      : { ok: false, expected: `a text of at most ${max} characters` };

const oneOf =
  <T extends string>(options: readonly T[]): Check<T> =>
  (value) =>
    typeof value === 'string' && (options as readonly string[]).includes(value)
      ? { ok: true, value: value as T }
      : { ok: false, expected: `one of ${options.map((o) => `"${o}"`).join(', ')}` };

const orderId: Check<string> = (value) =>
  typeof value === 'string' && ORDER_ID_PATTERN.test(value)
    ? { ok: true, value }
    : { ok: false, expected: `an order id (letters, digits, - or _, at most ${LIMITS.orderId})` };

const minutes: Check<number> = (value) =>
  typeof value === 'number' &&
  Number.isInteger(value) &&
  value >= LIMITS.minMinutes &&
  value <= LIMITS.maxMinutes
    ? { ok: true, value }
    : { ok: false, expected: `a whole number of minutes from ${LIMITS.minMinutes} to ${LIMITS.maxMinutes}` };

const FLOWS: readonly Flow[] = ['srp', 'password'];
const PROVIDERS: readonly IdProvider[] = ['user-pool', 'google', 'guest'];

interface Codec<A extends SandboxAction> {
  code: string;
  /** Names of the arguments, for error messages. */
  args: readonly string[];
  /** How many of the last arguments may be left out (a link from before they existed has none of them). */
  optional?: number;
  encode(action: A): Tuple;
  decode(args: readonly unknown[]): { ok: true; value: A } | { ok: false; arg: string; expected: string };
}

/** Builds a decoder from per-argument checks; the first failing argument is reported. */
function positional<A extends SandboxAction>(
  names: readonly string[],
  checks: readonly Check<unknown>[],
  build: (values: unknown[]) => A
): Codec<A>['decode'] {
  return (args) => {
    const values: unknown[] = [];
    for (const [index, check] of checks.entries()) {
      const result = check(args[index]);
      if (!result.ok) return { ok: false, arg: names[index] ?? `#${index + 1}`, expected: result.expected };
      values.push(result.value);
    }
    return { ok: true, value: build(values) };
  };
}

type ActionOf<N extends SandboxAction['do']> = Extract<SandboxAction, { do: N }>;
type Codecs = { [N in SandboxAction['do']]: Codec<ActionOf<N>> };

const CODECS: Codecs = {
  'sign-up': {
    code: 'su',
    args: ['username', 'email', 'password kind'],
    encode: (a) => ['su', a.username, a.email, a.password],
    decode: positional(
      ['username', 'email', 'password kind'],
      [text(LIMITS.username), text(LIMITS.email), oneOf(PASSWORD_KINDS)],
      ([username, email, password]) => ({
        do: 'sign-up',
        username: username as string,
        email: email as string,
        password: password as PasswordKind
      })
    )
  },
  'confirm-sign-up': {
    code: 'cf',
    args: ['code'],
    encode: (a) => ['cf', a.code],
    decode: positional(['code'], [oneOf(['inbox', 'wrong'] as const)], ([code]) => ({
      do: 'confirm-sign-up',
      code: code as 'inbox' | 'wrong'
    }))
  },
  'sign-in': {
    code: 'si',
    args: ['username', 'flow', 'password'],
    encode: (a) => ['si', a.username, a.flow, a.password],
    decode: positional(
      ['username', 'flow', 'password'],
      [text(LIMITS.username), oneOf(FLOWS), oneOf(['known', 'wrong'] as const)],
      ([username, flow, password]) => ({
        do: 'sign-in',
        username: username as string,
        flow: flow as Flow,
        password: password as 'known' | 'wrong'
      })
    )
  },
  'google-sign-in': {
    code: 'gg',
    args: ['email'],
    encode: (a) => ['gg', a.email],
    decode: positional(['email'], [text(LIMITS.email)], ([email]) => ({
      do: 'google-sign-in',
      email: email as string
    }))
  },
  'get-id': {
    code: 'id',
    args: ['provider'],
    encode: (a) => ['id', a.provider],
    decode: positional(['provider'], [oneOf(PROVIDERS)], ([provider]) => ({
      do: 'get-id',
      provider: provider as IdProvider
    }))
  },
  'get-credentials': {
    code: 'cr',
    args: [],
    encode: () => ['cr'],
    decode: () => ({ ok: true, value: { do: 'get-credentials' } })
  },
  'get-open-id-token': {
    code: 'ot',
    args: [],
    encode: () => ['ot'],
    decode: () => ({ ok: true, value: { do: 'get-open-id-token' } })
  },
  'assume-role': {
    code: 'ar',
    args: ['role'],
    encode: (a) => ['ar', a.role],
    decode: positional(['role'], [oneOf(['authenticated', 'unauthenticated'] as const)], ([role]) => ({
      do: 'assume-role',
      role: role as 'authenticated' | 'unauthenticated'
    }))
  },
  'call-api': {
    code: 'api',
    // The token came later: a link written before it (`["api","42"]`) is the ID token's call, as it was.
    args: ['order id', 'token'],
    optional: 1,
    encode: (a) => (a.token === 'access' ? ['api', a.orderId, 'access'] : ['api', a.orderId]),
    decode: (args) =>
      args.length === 1
        ? positional(['order id'], [orderId], ([id]) => ({ do: 'call-api', orderId: id as string }))(args)
        : positional(['order id', 'token'], [orderId, oneOf(['access'] as const)], ([id]) => ({
            do: 'call-api',
            orderId: id as string,
            token: 'access'
          }))(args)
  },
  'get-profile': {
    code: 'me',
    args: ['token'],
    encode: (a) => ['me', a.token],
    decode: positional(['token'], [oneOf(['id', 'access'] as const)], ([token]) => ({
      do: 'get-profile',
      token: token as 'id' | 'access'
    }))
  },
  'call-iam-api': {
    code: 'iam',
    args: ['order id'],
    encode: (a) => ['iam', a.orderId],
    decode: positional(['order id'], [orderId], ([id]) => ({ do: 'call-iam-api', orderId: id as string }))
  },
  'jwt-to-dynamodb': {
    code: 'jwt',
    args: ['order id'],
    encode: (a) => ['jwt', a.orderId],
    decode: positional(['order id'], [orderId], ([id]) => ({ do: 'jwt-to-dynamodb', orderId: id as string }))
  },
  'read-order': {
    code: 'get',
    args: ['order id'],
    encode: (a) => ['get', a.orderId],
    decode: positional(['order id'], [orderId], ([id]) => ({ do: 'read-order', orderId: id as string }))
  },
  'put-note': {
    code: 'put',
    args: ['text'],
    encode: (a) => ['put', a.text],
    decode: positional(['text'], [text(LIMITS.noteText)], ([note]) => ({
      do: 'put-note',
      text: note as string
    }))
  },
  'query-notes': {
    code: 'qry',
    args: ['whose'],
    encode: (a) => ['qry', a.whose],
    decode: positional(['whose'], [oneOf(['own', 'other'] as const)], ([whose]) => ({
      do: 'query-notes',
      whose: whose as 'own' | 'other'
    }))
  },
  'upload-avatar': {
    code: 's3p',
    args: [],
    encode: () => ['s3p'],
    decode: () => ({ ok: true, value: { do: 'upload-avatar' } })
  },
  'list-folder': {
    code: 's3l',
    args: ['whose'],
    encode: (a) => ['s3l', a.whose],
    decode: positional(['whose'], [oneOf(['own', 'other'] as const)], ([whose]) => ({
      do: 'list-folder',
      whose: whose as 'own' | 'other'
    }))
  },
  refresh: {
    code: 'ref',
    args: [],
    encode: () => ['ref'],
    decode: () => ({ ok: true, value: { do: 'refresh' } })
  },
  'sign-out': {
    code: 'out',
    args: [],
    encode: () => ['out'],
    decode: () => ({ ok: true, value: { do: 'sign-out' } })
  },
  'advance-clock': {
    code: 'clk',
    args: ['minutes'],
    encode: (a) => ['clk', a.minutes],
    decode: positional(['minutes'], [minutes], ([m]) => ({ do: 'advance-clock', minutes: m as number }))
  },
  'get-credentials-without-logins': {
    code: 'crn',
    args: [],
    encode: () => ['crn'],
    decode: () => ({ ok: true, value: { do: 'get-credentials-without-logins' } })
  },
  'guest-access': {
    code: 'ga',
    args: ['on or off'],
    encode: (a) => ['ga', a.allow ? 'on' : 'off'],
    decode: positional(['on or off'], [oneOf(['on', 'off'] as const)], ([allow]) => ({
      do: 'guest-access',
      allow: allow === 'on'
    }))
  },
  managers: {
    code: 'mgr',
    args: ['in or out'],
    encode: (a) => ['mgr', a.member ? 'in' : 'out'],
    decode: positional(['in or out'], [oneOf(['in', 'out'] as const)], ([member]) => ({
      do: 'managers',
      member: member === 'in'
    }))
  },
  'role-mapping': {
    code: 'map',
    args: ['mapping'],
    encode: (a) => ['map', a.mapping],
    decode: positional(['mapping'], [oneOf(MAPPING_CHOICES)], ([mapping]) => ({
      do: 'role-mapping',
      mapping: mapping as MappingChoice
    }))
  },
  'trust-policy': {
    code: 'tp',
    args: ['role', 'policy'],
    encode: (a) => ['tp', a.role, a.document],
    decode: positional(
      ['role', 'policy'],
      [oneOf(TRUST_ROLES), text(LIMITS.trustPolicy)],
      ([role, document]) => ({ do: 'trust-policy', role: role as TrustRole, document: document as string })
    )
  },
  'managed-login': {
    code: 'ml',
    args: ['username', 'password'],
    encode: (a) => ['ml', a.username, a.password],
    decode: positional(
      ['username', 'password'],
      [text(LIMITS.username), oneOf(['known', 'wrong'] as const)],
      ([username, password]) => ({
        do: 'managed-login',
        username: username as string,
        password: password as 'known' | 'wrong'
      })
    )
  },
  'call-scoped-api': {
    code: 'sco',
    args: ['order id'],
    encode: (a) => ['sco', a.orderId],
    decode: positional(['order id'], [orderId], ([id]) => ({ do: 'call-scoped-api', orderId: id as string }))
  }
};

/** Looked up in a Map, so a code such as `__proto__` or `constructor` finds nothing. */
const BY_CODE = new Map<string, { name: SandboxAction['do']; codec: Codec<SandboxAction> }>(
  (Object.keys(CODECS) as SandboxAction['do'][]).map((name) => {
    const codec = CODECS[name] as unknown as Codec<SandboxAction>;
    return [codec.code, { name, codec }];
  })
);

// ---- base64url over UTF-8 (btoa/atob exist in browsers and in Node) -----------------------------

function toBase64Url(json: string): string {
  const bytes = new TextEncoder().encode(json);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(encoded: string): ShareResult<string> {
  // base64url without padding: a length of 4n + 1 cannot come from any byte string.
  if (!/^[A-Za-z0-9_-]*$/.test(encoded) || encoded.length % 4 === 1) {
    return fail(
      'BadBase64',
      'The link’s action list is damaged: it is not valid base64url (was the link cut short or edited?).'
    );
  }
  let binary: string;
  try {
    binary = atob(encoded.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    return fail('BadBase64', 'The link’s action list is damaged: it is not valid base64url.');
  }
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  try {
    return { ok: true, value: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return fail('BadText', 'The link’s action list is damaged: it does not decode to text.');
  }
}

// ---- Public API ---------------------------------------------------------------------------------

/** Checks one action against the same rules the decoder applies (so we never make a link we would refuse). */
export function validateAction(action: SandboxAction, position = 1): ShareResult<SandboxAction> {
  const entry = Object.hasOwn(CODECS, action.do) ? (CODECS[action.do] as Codec<SandboxAction>) : undefined;
  if (!entry) return fail('UnknownAction', `Action ${position} is of an unknown kind.`);
  const tuple = entry.encode(action);
  return decodeTuple(tuple, position);
}

function decodeTuple(tuple: unknown, position: number): ShareResult<SandboxAction> {
  if (!Array.isArray(tuple) || tuple.length === 0 || typeof tuple[0] !== 'string') {
    return fail('NotAnActionList', `Action ${position} is not in the sandbox’s format.`);
  }
  const [code, ...args] = tuple as [string, ...unknown[]];
  const found = BY_CODE.get(code);
  if (!found) {
    return fail(
      'UnknownAction',
      `Action ${position} (“${code.slice(0, 20)}”) is not an action this sandbox knows.`
    );
  }
  const { name, codec } = found;
  const most = codec.args.length;
  const least = most - (codec.optional ?? 0);
  if (args.length < least || args.length > most) {
    const count = least === most ? `${most}` : `${least} or ${most}`;
    return fail(
      'BadArgument',
      `Action ${position} (${name}) needs ${count} argument${most === 1 ? '' : 's'}${
        most ? ` (${codec.args.join(', ')})` : ''
      }, not ${args.length}.`
    );
  }
  const decoded = codec.decode(args);
  if (!decoded.ok) {
    return fail(
      'BadArgument',
      `Action ${position} (${name}): the ${decoded.arg} must be ${decoded.expected}.`
    );
  }
  return { ok: true, value: decoded.value };
}

/** The `a` parameter for a list of actions. */
export function encodeActions(actions: readonly SandboxAction[]): ShareResult<string> {
  if (actions.length > MAX_ACTIONS) {
    return fail(
      'TooManyActions',
      `A link holds at most ${MAX_ACTIONS} actions; this sandbox has ${actions.length}.`
    );
  }
  const tuples: Tuple[] = [];
  for (const [index, action] of actions.entries()) {
    const valid = validateAction(action, index + 1);
    if (!valid.ok) return valid;
    tuples.push((CODECS[valid.value.do] as Codec<SandboxAction>).encode(valid.value));
  }
  const param = `${SHARE_FORMAT_VERSION}.${toBase64Url(JSON.stringify(tuples))}`;
  if (param.length > MAX_PARAM_LENGTH) {
    return fail(
      'LinkTooLong',
      'These actions make a link too long to share; reset and tell a shorter story.'
    );
  }
  return { ok: true, value: param };
}

/** Decodes an `a` parameter: every action, or a clear error and none. */
export function decodeActions(param: string): ShareResult<SandboxAction[]> {
  if (param.length > MAX_PARAM_LENGTH) {
    return fail('LinkTooLong', `The link’s action list is too long (over ${MAX_PARAM_LENGTH} characters).`);
  }
  const dot = param.indexOf('.');
  if (dot < 0 || param.slice(0, dot) !== SHARE_FORMAT_VERSION) {
    return fail(
      'UnknownFormat',
      'The link’s action list is not in a format this sandbox knows (it may come from another site or a newer version).'
    );
  }
  const json = fromBase64Url(param.slice(dot + 1));
  if (!json.ok) return json;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json.value);
  } catch {
    return fail('BadJson', 'The link’s action list is damaged: it is not a list.');
  }
  if (!Array.isArray(parsed))
    return fail('NotAnActionList', 'The link’s action list is not a list of actions.');
  if (parsed.length > MAX_ACTIONS) {
    return fail(
      'TooManyActions',
      `The link has ${parsed.length} actions; the sandbox replays at most ${MAX_ACTIONS}.`
    );
  }
  const actions: SandboxAction[] = [];
  for (const [index, tuple] of parsed.entries()) {
    const decoded = decodeTuple(tuple, index + 1);
    if (!decoded.ok) return decoded;
    actions.push(decoded.value);
  }
  return { ok: true, value: actions };
}

/** Why a link's replay stopped: its action at `position` (counted from 1) was not possible at its turn. */
export function replayRefusal(position: number, reason: string): string {
  return `Action ${position} of the link could not be done at that point: ${reason}`;
}

/** The query string (without `?`) of a share link. */
export function encodeShare(shared: SharedSandbox): ShareResult<string> {
  if (!SEED_PATTERN.test(shared.seed)) {
    return fail('BadSeed', 'The seed must be 1–40 letters, digits, - or _.');
  }
  const actions = encodeActions(shared.actions);
  if (!actions.ok) return actions;
  const params = new URLSearchParams({ seed: shared.seed });
  if (shared.actions.length > 0) params.set('a', actions.value);
  return { ok: true, value: params.toString() };
}

/**
 * Reads a share link's query (`location.search`). No `a` means an empty sandbox (not an error); a
 * present but unusable `seed` or `a` is an error, and nothing of it is used.
 */
export function decodeShare(search: string | URLSearchParams): ShareResult<SharedSandbox> {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const seeds = params.getAll('seed');
  const lists = params.getAll('a');
  if (seeds.length > 1 || lists.length > 1) {
    return fail('NotAnActionList', 'The link repeats its seed or its action list; it was probably edited.');
  }
  const seed = seeds[0] ?? DEFAULT_SEED;
  if (!SEED_PATTERN.test(seed)) {
    return fail('BadSeed', 'The link’s seed is not valid: it must be 1–40 letters, digits, - or _.');
  }
  const list = lists[0];
  if (list === undefined) return { ok: true, value: { seed, actions: [] } };
  const actions = decodeActions(list);
  if (!actions.ok) return actions;
  return { ok: true, value: { seed, actions: actions.value } };
}
