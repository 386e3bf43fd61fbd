// What the diagram says about each exchange: plain words, the wire operation, the answer, and what each message carries.

import type { ParticipantId, TraceEntry, WireRequest, WireResponse } from '../sim/trace';

/** Something worth noticing that a message carries: the learner should see a JWT go where credentials are needed. */
export type Badge = 'jwt' | 'refresh-token' | 'aws-credentials' | 'sigv4';

/** The order badges are listed in, whatever order they were found in. */
export const BADGES: readonly Badge[] = ['jwt', 'refresh-token', 'aws-credentials', 'sigv4'];

/** The short text inside a badge's chip. */
export const BADGE_TEXT: Readonly<Record<Badge, string>> = {
  jwt: 'JWT',
  'refresh-token': 'refresh',
  'aws-credentials': 'AWS creds',
  sigv4: 'SigV4'
};

/** Badges in words, for the text version. */
export const BADGE_WORDS: Readonly<Record<Badge, string>> = {
  jwt: 'a JWT',
  'refresh-token': 'a refresh token',
  'aws-credentials': 'temporary AWS credentials',
  sigv4: 'a SigV4 signature'
};

export type ParticipantTone = 'app' | 'user-pool' | 'identity-pool' | 'aws' | 'third-party';

export interface ParticipantInfo {
  name: string;
  /** What the participant is, in the lesson's words. */
  role: string;
  /** The same for narrow screens. */
  shortRole: string;
  /** Which colour family the header uses: the two pools are told apart at a glance. */
  tone: ParticipantTone;
}

export const PARTICIPANTS: Readonly<Record<ParticipantId, ParticipantInfo>> = {
  app: { name: 'App', role: "the learner's browser app", shortRole: 'browser app', tone: 'app' },
  'user-pool': { name: 'User pool', role: 'identity provider', shortRole: 'IdP', tone: 'user-pool' },
  'identity-pool': {
    name: 'Identity pool',
    role: 'identity broker',
    shortRole: 'broker',
    tone: 'identity-pool'
  },
  'api-gateway': {
    name: 'API Gateway',
    role: 'REST API + Cognito authorizer',
    shortRole: 'REST API',
    tone: 'aws'
  },
  lambda: { name: 'Lambda', role: 'function', shortRole: 'function', tone: 'aws' },
  dynamodb: { name: 'DynamoDB', role: 'table Orders', shortRole: 'Orders', tone: 'aws' },
  sts: { name: 'STS', role: 'Security Token Service', shortRole: 'tokens', tone: 'aws' },
  google: { name: 'Google', role: 'third-party IdP', shortRole: '3rd-party IdP', tone: 'third-party' }
};

export function participantName(id: ParticipantId): string {
  return PARTICIPANTS[id].name;
}

export interface RequestDescription {
  /** Plain words: "Sign in (SRP)". */
  label: string;
  /** The wire operation: "InitiateAuth · USER_SRP_AUTH", "GET /orders/42 · Authorization: eyJ…". */
  wire: string;
  badges: Badge[];
}

export interface ResponseDescription {
  /** Status and what came back: "200 · ID, access and refresh tokens", "400 MissingAuthenticationTokenException". */
  label: string;
  /** For a refusal: the error message, or the service's plain-words reason when the wire says no more. */
  detail?: string;
  badges: Badge[];
}

export interface ExchangeDescription {
  request: RequestDescription;
  response: ResponseDescription;
}

type Json = Record<string, unknown>;

function parseJson(body: string): Json | undefined {
  if (!body.trim().startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
  } catch {
    return undefined;
  }
}

function field(object: unknown, name: string): unknown {
  return typeof object === 'object' && object !== null ? (object as Json)[name] : undefined;
}

function stringField(object: unknown, name: string): string | undefined {
  const value = field(object, name);
  return typeof value === 'string' ? value : undefined;
}

/** Header lookup that ignores case: recorded headers are lower-case, fixtures and callers may not be. */
function header(headers: Record<string, string>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

function looksLikeJwt(value: unknown): boolean {
  // Every JOSE header starts with `{"`, which base64url-encodes to `eyJ`; tampered tokens still count.
  return typeof value === 'string' && value.replace(/^Bearer\s+/i, '').startsWith('eyJ');
}

function sortBadges(found: Iterable<Badge>): Badge[] {
  const set = new Set(found);
  return BADGES.filter((badge) => set.has(badge));
}

function formBody(request: WireRequest): URLSearchParams | undefined {
  const type = header(request.headers, 'content-type') ?? '';
  return type.startsWith('application/x-www-form-urlencoded') ? new URLSearchParams(request.body) : undefined;
}

function urlOf(request: WireRequest): URL | undefined {
  try {
    return new URL(request.url);
  } catch {
    return undefined;
  }
}

/** Badges of a request: a JWT in Authorization, Logins, a token field or a web identity token; a refresh token; a SigV4 signature. */
export function requestBadges(request: WireRequest): Badge[] {
  const found: Badge[] = [];
  const authorization = header(request.headers, 'authorization') ?? '';
  if (authorization.startsWith('AWS4-HMAC-SHA256')) found.push('sigv4');
  if (looksLikeJwt(authorization)) found.push('jwt');
  const json = parseJson(request.body);
  if (json) {
    const logins = field(json, 'Logins');
    if (typeof logins === 'object' && logins !== null && Object.values(logins).some(looksLikeJwt)) {
      found.push('jwt');
    }
    if (looksLikeJwt(json.AccessToken) || looksLikeJwt(json.IdToken)) found.push('jwt');
    const parameters = field(json, 'AuthParameters');
    if (stringField(parameters, 'REFRESH_TOKEN') !== undefined) found.push('refresh-token');
    // RevokeToken {Token, ClientId}: the token being revoked is a refresh token.
    const target = header(request.headers, 'x-amz-target') ?? '';
    if (target.endsWith('.RevokeToken') && stringField(json, 'Token') !== undefined)
      found.push('refresh-token');
  }
  const form = formBody(request);
  if (form && looksLikeJwt(form.get('WebIdentityToken'))) found.push('jwt');
  return sortBadges(found);
}

/** Badges of a response: JWTs (IdToken, AccessToken, an OpenID Token), a refresh token, credentials (JSON or STS XML). */
export function responseBadges(response: WireResponse): Badge[] {
  const found: Badge[] = [];
  const json = parseJson(response.body);
  if (json) {
    const result = field(json, 'AuthenticationResult');
    if (looksLikeJwt(field(result, 'IdToken')) || looksLikeJwt(field(result, 'AccessToken')))
      found.push('jwt');
    if (stringField(result, 'RefreshToken') !== undefined) found.push('refresh-token');
    if (looksLikeJwt(json.Token)) found.push('jwt');
    if (field(json, 'Credentials') !== undefined) found.push('aws-credentials');
  } else if (/<AccessKeyId>/.test(response.body)) {
    found.push('aws-credentials');
  }
  return sortBadges(found);
}

/** The part of an API Gateway path after the stage: `/prod/orders/42` → `/orders/42`. */
function pathAfterStage(url: URL): string {
  const rest = url.pathname.split('/').slice(2).join('/');
  return `/${rest}`;
}

/** What the lesson's tables hold, so a label can say "the order" or "a note" rather than "an item". */
const TABLE_NOUNS: Readonly<Record<string, { one: string; many: string }>> = {
  Orders: { one: 'order', many: 'orders' },
  UserNotes: { one: 'note', many: 'notes' }
};

function tableNoun(body: Json | undefined): { table: string; noun?: { one: string; many: string } } {
  // Without a TableName (a malformed request) the lesson's table is the best guess.
  const table = stringField(body, 'TableName') ?? 'Orders';
  const noun = TABLE_NOUNS[table];
  return noun ? { table, noun } : { table };
}

function describeDynamoDb(entry: TraceEntry, json: Json | undefined): string {
  const { table, noun } = tableNoun(json);
  const direct = entry.from === 'app';
  const from = direct ? ' straight from DynamoDB' : '';
  const to = direct ? ' straight to DynamoDB' : '';
  // "the order" (order 42 is the one the lessons fetch), "a note" (notes are many, keyed by identity).
  const one = noun ? (noun.one === 'order' ? 'the order' : `a ${noun.one}`) : undefined;
  switch (entry.operation) {
    case 'GetItem':
      return one ? `Read ${one}${from}` : `Read an item from ${table}${from}`;
    case 'Query':
      return noun ? `Query the ${noun.many}${from}` : `Query ${table}${from}`;
    case 'PutItem':
      return noun
        ? `Save a${noun.one === 'order' ? 'n' : ''} ${noun.one}${to}`
        : `Write an item to ${table}${to}`;
    case 'Scan':
      return `Scan the whole ${table} table`;
    default:
      return `${entry.operation} on ${table}`;
  }
}

function describeApiCall(method: string, path: string): string {
  if (method === 'GET' && /^\/orders\/[^/]+$/.test(path)) return 'Get the order';
  if (method === 'GET' && path === '/orders') return 'List the orders';
  if (method === 'POST' && path === '/orders') return 'Place an order';
  return 'Call the API';
}

function truncatedAuthorization(value: string | undefined): string {
  if (value === undefined) return 'no token';
  if (looksLikeJwt(value)) return `Authorization: ${value.startsWith('Bearer') ? 'Bearer ' : ''}eyJ…`;
  return `Authorization: ${value.length > 12 ? `${value.slice(0, 12)}…` : value}`;
}

/** Describes the request of one exchange. */
export function describeRequest(entry: TraceEntry): RequestDescription {
  const { request } = entry;
  const badges = requestBadges(request);
  const json = parseJson(request.body);
  const url = urlOf(request);
  const op = entry.operation;
  const plain = (label: string, wire: string = op): RequestDescription => ({ label, wire, badges });

  switch (op) {
    case 'InitiateAuth':
    case 'AdminInitiateAuth': {
      const flow = stringField(json, 'AuthFlow');
      const label =
        flow === 'USER_SRP_AUTH'
          ? 'Sign in (SRP)'
          : flow === 'USER_PASSWORD_AUTH'
            ? 'Sign in (password)'
            : flow === 'REFRESH_TOKEN_AUTH' || flow === 'REFRESH_TOKEN'
              ? 'Refresh the tokens'
              : flow === 'CUSTOM_AUTH'
                ? 'Sign in (custom challenge)'
                : 'Start signing in';
      return plain(label, flow ? `${op} · ${flow}` : op);
    }
    case 'RespondToAuthChallenge': {
      const challenge = stringField(json, 'ChallengeName');
      const label =
        challenge === 'PASSWORD_VERIFIER'
          ? 'Prove the password (SRP)'
          : challenge === 'NEW_PASSWORD_REQUIRED'
            ? 'Set a new password'
            : 'Answer the challenge';
      return plain(label, challenge ? `${op} · ${challenge}` : op);
    }
    case 'SignUp':
      return plain('Sign up');
    case 'ConfirmSignUp':
      return plain('Confirm the emailed code');
    case 'ResendConfirmationCode':
      return plain('Send the code again');
    case 'GetUser':
      return plain('Read my profile');
    case 'GlobalSignOut':
      return plain('Sign out everywhere');
    case 'RevokeToken':
      return plain('Revoke the refresh token');
    case 'GetId': {
      const logins = field(json, 'Logins');
      const signedIn = typeof logins === 'object' && logins !== null && Object.keys(logins).length > 0;
      return plain(signedIn ? 'Get an identity id' : 'Get a guest identity id');
    }
    case 'GetCredentialsForIdentity': {
      const logins = field(json, 'Logins');
      const providers = typeof logins === 'object' && logins !== null ? Object.keys(logins) : [];
      if (providers.length === 0) return plain('Get guest credentials');
      if (providers.some((p) => p.startsWith('cognito-idp.')))
        return plain('Trade the ID token for credentials');
      if (providers.includes('accounts.google.com')) return plain('Trade the Google token for credentials');
      return plain('Trade the token for credentials');
    }
    case 'GetOpenIdToken':
      return plain('Get an OpenID token for the identity');
    case 'AssumeRoleWithWebIdentity': {
      const roleArn = formBody(request)?.get('RoleArn') ?? url?.searchParams.get('RoleArn') ?? undefined;
      const role = roleArn?.slice(roleArn.lastIndexOf('/') + 1);
      return plain('Assume the IAM role with the token', role ? `${op} · ${role}` : op);
    }
    case 'GetItem':
    case 'Query':
    case 'PutItem':
    case 'Scan':
    case 'UpdateItem':
    case 'DeleteItem':
    case 'BatchGetItem':
      if (entry.to === 'dynamodb') return plain(describeDynamoDb(entry, json));
      break;
  }

  if (url && entry.to === 'api-gateway') {
    const path = pathAfterStage(url);
    const wire = `${request.method} ${path} · ${truncatedAuthorization(header(request.headers, 'authorization'))}`;
    return plain(describeApiCall(request.method, path), wire);
  }
  if (url && entry.to === 'lambda') {
    const name = /\/functions\/([^/]+)\/invocations$/.exec(url.pathname)?.[1];
    const claims = field(field(field(parseJson(request.body), 'requestContext'), 'authorizer'), 'claims');
    return plain(
      claims === undefined ? 'Run the function' : "Run the function with the token's claims",
      name ? `Invoke · ${decodeURIComponent(name)}` : op
    );
  }
  if (url && url.pathname.endsWith('/.well-known/jwks.json')) {
    return plain('Fetch the signing keys', `${request.method} /…/jwks.json`);
  }
  if (url && entry.to === 'google' && url.pathname === '/oauth2/v3/certs') {
    return plain("Fetch Google's signing keys", `${request.method} ${url.pathname}`);
  }
  return plain(op);
}

/** The error code of a refusal, from the trace, an AWS JSON envelope, an STS XML error, or API Gateway's `{"message"}`. */
function errorOf(entry: TraceEntry, json: Json | undefined): { code?: string; message?: string } {
  // API Gateway answers `{"message":"Unauthorized"}` (its error type only in a header): the message is
  // what a client sees, so it is the headline, as the lesson quotes it.
  const gatewayMessage = stringField(json, '__type') === undefined ? stringField(json, 'message') : undefined;
  if (entry.to === 'api-gateway' && gatewayMessage !== undefined) return { message: gatewayMessage };
  const envelopeType = stringField(json, '__type') ?? header(entry.response.headers, 'x-amzn-errortype');
  const envelopeCode = envelopeType?.slice(envelopeType.lastIndexOf('#') + 1).replace(/:.*$/, '');
  const xmlCode = /<Code>([^<]*)<\/Code>/.exec(entry.response.body)?.[1];
  const xmlMessage = /<Message>([^<]*)<\/Message>/.exec(entry.response.body)?.[1];
  const message =
    entry.error?.message ?? stringField(json, 'message') ?? stringField(json, 'Message') ?? xmlMessage;
  const code = entry.error?.code ?? envelopeCode ?? xmlCode;
  return { ...(code === undefined ? {} : { code }), ...(message === undefined ? {} : { message }) };
}

function tokenList(result: unknown): string | undefined {
  const names = [
    stringField(result, 'IdToken') !== undefined ? 'ID' : undefined,
    stringField(result, 'AccessToken') !== undefined ? 'access' : undefined,
    stringField(result, 'RefreshToken') !== undefined ? 'refresh' : undefined
  ].filter((name): name is string => name !== undefined);
  if (names.length === 0) return undefined;
  if (names.length === 1) return `${names[0]} token`;
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)} tokens`;
}

/** What a successful answer carries, in a few words, or undefined when there is nothing to add to the status. */
function summariseAnswer(entry: TraceEntry, json: Json | undefined): string | undefined {
  const body = entry.response.body;
  if (json) {
    const tokens = tokenList(field(json, 'AuthenticationResult'));
    if (tokens) return tokens;
    const challenge = stringField(json, 'ChallengeName');
    if (challenge) return `${challenge} challenge`;
    if (field(json, 'Credentials') !== undefined) return 'temporary AWS credentials';
    if (stringField(json, 'Token') !== undefined) return 'OpenID token';
    if (stringField(json, 'IdentityId') !== undefined) return 'identity id';
    const keys = field(json, 'keys');
    if (Array.isArray(keys)) return `${keys.length} public ${keys.length === 1 ? 'key' : 'keys'}`;
    if (field(json, 'UserConfirmed') === false) return 'account created, unconfirmed';
    if (field(json, 'UserConfirmed') === true) return 'account created';
    if (field(json, 'UserAttributes') !== undefined) return 'profile attributes';
    const { noun } = tableNoun(parseJson(entry.request.body));
    if (field(json, 'Item') !== undefined) return noun ? `the ${noun.one}` : 'the item';
    if (entry.operation === 'PutItem' && Object.keys(json).length === 0) return 'saved';
    if (entry.operation === 'GetItem' && Object.keys(json).length === 0) return 'no such item';
    const count = field(json, 'Count');
    if (typeof count === 'number') return `${count} ${count === 1 ? 'item' : 'items'}`;
    if (entry.to === 'lambda' && typeof field(json, 'statusCode') === 'number') {
      return `proxy result, statusCode ${String(field(json, 'statusCode'))}`;
    }
    if (entry.to === 'api-gateway' && stringField(json, 'orderId') !== undefined) return 'the order';
    if (entry.operation === 'ConfirmSignUp') return 'confirmed';
    return undefined;
  }
  if (/<AccessKeyId>/.test(body)) return 'temporary AWS credentials';
  return undefined;
}

/** Describes the response of one exchange. */
export function describeResponse(entry: TraceEntry): ResponseDescription {
  const { response } = entry;
  const badges = responseBadges(response);
  const json = parseJson(response.body);
  if (entry.outcome === 'refused') {
    const { code, message } = errorOf(entry, json);
    // With no code, the message is the headline and the service's plain-words reason the detail.
    const headline = code ?? message;
    const label = headline ? `${response.status} ${headline}` : String(response.status);
    const detail = code !== undefined && message !== undefined ? message : entry.reason;
    return { label, ...(detail === undefined || detail === headline ? {} : { detail }), badges };
  }
  const summary = summariseAnswer(entry, json);
  return { label: summary ? `${response.status} · ${summary}` : String(response.status), badges };
}

export function describeExchange(entry: TraceEntry): ExchangeDescription {
  return { request: describeRequest(entry), response: describeResponse(entry) };
}
