// What the diagram says about each exchange: plain words, the wire operation, the answer, and what each message carries.

import {
  formFields,
  header,
  own,
  ownString,
  parseJsonObject,
  parseUrl,
  readAwsError,
  withoutBearer,
  type Carried,
  type CarriedKind,
  type ErrorProtocol,
  type ParticipantId,
  type TraceEntry
} from '../sim';

/** What a message carried, as the diagram reads it: the direction and the kind, never the value or where it sat. */
export type DiagramCarry = Pick<Carried, 'in' | 'kind'>;

/**
 * What the diagram's words need from a request: its method and path, and the few facts its body and headers
 * hold, read once by `toDiagramEntry`. Each fact is kept only for the exchanges whose label reads it; no
 * body, header, query or token is kept.
 */
export interface DiagramRequest {
  method: string;
  /** The URL's path, without the query; absent when the URL does not parse. */
  path?: string;
  /** A DynamoDB request's `TableName`. */
  table?: string;
  /** InitiateAuth's `AuthFlow`. */
  authFlow?: string;
  /** RespondToAuthChallenge's `ChallengeName`. */
  challenge?: string;
  /** The names of the providers in GetId's or GetCredentialsForIdentity's `Logins`, never their tokens. */
  logins?: string[];
  /** AssumeRoleWithWebIdentity: the role's name, from the `RoleArn` of the form body or the query. */
  role?: string;
  /** A Lambda invocation whose event holds the authorizer's claims (`requestContext.authorizer.claims`). */
  claims?: true;
  /** An API Gateway call's Authorization as the diagram prints it: `Authorization: eyJ…` or `no token`. */
  authorization?: string;
}

export interface DiagramResponse {
  status: number;
  /** What a successful answer's body says in a few words (`identity id`, `3 items`), when it says something. */
  summary?: string;
  /** A refusal's AWS error envelope as a client reads it from the wire. */
  envelope?: { protocol: ErrorProtocol; code?: string; message: string };
}

/**
 * The part of a trace entry the diagram reads: its layout, labels, text version and markup need no more. A
 * figure page ships these instead of the whole trace, so no body, token or credential is in its data.
 *
 * A `TraceEntry` is assignable to it: every diagram function that takes one reads a full entry through
 * `toDiagramEntry` first, so the two give the same diagram.
 */
export interface DiagramEntry {
  id: string;
  parentId?: string;
  from: ParticipantId;
  to: ParticipantId;
  operation: string;
  start: number;
  end: number;
  outcome: 'ok' | 'refused';
  reason?: string;
  error?: { code: string; message: string };
  carries: DiagramCarry[];
  request: DiagramRequest;
  response: DiagramResponse;
}

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
  /**
   * The name on a narrow screen's header, where it stands alone (no role line) and sets its column's
   * width: the full name unless that has a word too wide for a phone's column of five.
   */
  shortName: string;
  /** What the participant is, in the lesson's words. */
  role: string;
  /** Which colour family the header uses: the two pools are told apart at a glance. */
  tone: ParticipantTone;
}

export const PARTICIPANTS: Readonly<Record<ParticipantId, ParticipantInfo>> = {
  app: {
    name: 'App',
    shortName: 'App',
    role: "the learner's browser app",
    tone: 'app'
  },
  'user-pool': {
    name: 'User pool',
    shortName: 'User pool',
    role: 'identity provider',
    tone: 'user-pool'
  },
  'identity-pool': {
    name: 'Identity pool',
    shortName: 'Identity pool',
    role: 'identity broker',
    tone: 'identity-pool'
  },
  'api-gateway': {
    name: 'API Gateway',
    shortName: 'API GW',
    role: 'REST API + Cognito authorizer',
    tone: 'aws'
  },
  lambda: { name: 'Lambda', shortName: 'Lambda', role: 'function', tone: 'aws' },
  // Which tables depends on the story: participantInfo names the ones its trace touches.
  dynamodb: {
    name: 'DynamoDB',
    shortName: 'DynamoDB',
    role: 'NoSQL tables',
    tone: 'aws'
  },
  sts: { name: 'STS', shortName: 'STS', role: 'Security Token Service', tone: 'aws' },
  google: {
    name: 'Google',
    shortName: 'Google',
    role: 'third-party IdP',
    tone: 'third-party'
  }
};

export function participantName(id: ParticipantId): string {
  return PARTICIPANTS[id].name;
}

/** The tables the trace's DynamoDB requests name, in the order first touched. */
export function tablesTouched(entries: readonly DiagramEntry[]): string[] {
  const tables: string[] = [];
  for (const entry of entries) {
    if (entry.to !== 'dynamodb') continue;
    const { table } = diagramEntry(entry).request;
    if (table !== undefined && table !== '' && !tables.includes(table)) tables.push(table);
  }
  return tables;
}

/**
 * A participant as this story shows it: the subtitle comes from the trace where it depends on the story
 * (DynamoDB's lifeline names the tables the story's requests touched: Orders, UserNotes, or both).
 */
export function participantInfo(id: ParticipantId, entries: readonly DiagramEntry[]): ParticipantInfo {
  const info = PARTICIPANTS[id];
  if (id !== 'dynamodb') return info;
  const tables = tablesTouched(entries);
  if (tables.length === 0) return info;
  const list = tables.join(', ');
  return { ...info, role: `${tables.length === 1 ? 'table' : 'tables'} ${list}` };
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

/** Which badge each kind of carried thing earns: a password, SRP values and codes earn none. */
const BADGE_OF: Readonly<Record<CarriedKind, Badge | undefined>> = {
  'id-token': 'jwt',
  'access-token': 'jwt',
  'google-id-token': 'jwt',
  'openid-token': 'jwt',
  'refresh-token': 'refresh-token',
  'aws-credentials': 'aws-credentials',
  sigv4: 'sigv4',
  password: undefined,
  'srp-proof': undefined,
  'confirmation-code': undefined
};

const JWT_KINDS: ReadonlySet<CarriedKind> = new Set<CarriedKind>([
  'id-token',
  'access-token',
  'google-id-token',
  'openid-token'
]);

function carriedIn<C extends DiagramCarry>(entry: { carries: readonly C[] }, direction: Carried['in']): C[] {
  return entry.carries.filter((carry) => carry.in === direction);
}

function badgesOf(carries: readonly DiagramCarry[]): Badge[] {
  const found = new Set(carries.map((carry) => BADGE_OF[carry.kind]));
  return BADGES.filter((badge) => found.has(badge));
}

/** Badges of a request, from what the trace says it carried: a JWT, a refresh token, a SigV4 signature. */
export function requestBadges(entry: Pick<DiagramEntry, 'carries'>): Badge[] {
  return badgesOf(carriedIn(entry, 'request'));
}

/** Badges of a response, from what the trace says it carried: JWTs, a refresh token, AWS credentials. */
export function responseBadges(entry: Pick<DiagramEntry, 'carries'>): Badge[] {
  return badgesOf(carriedIn(entry, 'response'));
}

/** The part of an API Gateway path after the stage: `/prod/orders/42` → `/orders/42`. */
function pathAfterStage(path: string): string {
  const rest = path.split('/').slice(2).join('/');
  return `/${rest}`;
}

/** What the lesson's tables hold, so a label can say "the order" or "a note" rather than "an item". */
const TABLE_NOUNS: Readonly<Record<string, { one: string; many: string }>> = {
  Orders: { one: 'order', many: 'orders' },
  UserNotes: { one: 'note', many: 'notes' }
};

function tableNoun(name: string | undefined): { table: string; noun?: { one: string; many: string } } {
  // Without a TableName (a malformed request) the lesson's table is the best guess.
  const table = name ?? 'Orders';
  const noun = TABLE_NOUNS[table];
  return noun ? { table, noun } : { table };
}

function describeDynamoDb(entry: DiagramEntry): string {
  const { table, noun } = tableNoun(entry.request.table);
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

/** Describes the request of one exchange. */
export function describeRequest(exchange: DiagramEntry): RequestDescription {
  const entry = diagramEntry(exchange);
  const { request } = entry;
  const badges = requestBadges(entry);
  const op = entry.operation;
  const plain = (label: string, wire: string = op): RequestDescription => ({ label, wire, badges });

  switch (op) {
    case 'InitiateAuth':
    case 'AdminInitiateAuth': {
      const flow = request.authFlow;
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
      const challenge = request.challenge;
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
    case 'GetId':
      return plain((request.logins ?? []).length > 0 ? 'Get an identity id' : 'Get a guest identity id');
    case 'GetCredentialsForIdentity': {
      const providers = request.logins ?? [];
      if (providers.length === 0) return plain('Get guest credentials');
      if (providers.some((p) => p.startsWith('cognito-idp.')))
        return plain('Trade the ID token for credentials');
      if (providers.includes('accounts.google.com')) return plain('Trade the Google token for credentials');
      return plain('Trade the token for credentials');
    }
    case 'GetOpenIdToken':
      return plain('Get an OpenID token for the identity');
    case 'AssumeRoleWithWebIdentity':
      return plain('Assume the IAM role with the token', request.role ? `${op} · ${request.role}` : op);
    case 'GetItem':
    case 'Query':
    case 'PutItem':
    case 'Scan':
    case 'UpdateItem':
    case 'DeleteItem':
    case 'BatchGetItem':
      if (entry.to === 'dynamodb') return plain(describeDynamoDb(entry));
      break;
  }

  const { path, method } = request;
  if (path === undefined) return plain(op);
  if (entry.to === 'api-gateway') {
    const after = pathAfterStage(path);
    const wire = `${method} ${after} · ${request.authorization ?? 'no token'}`;
    return plain(describeApiCall(method, after), wire);
  }
  if (entry.to === 'lambda') {
    const name = /\/functions\/([^/]+)\/invocations$/.exec(path)?.[1];
    return plain(
      request.claims ? "Run the function with the token's claims" : 'Run the function',
      name ? `Invoke · ${decodeURIComponent(name)}` : op
    );
  }
  if (path.endsWith('/.well-known/jwks.json')) {
    return plain('Fetch the signing keys', `${method} /…/jwks.json`);
  }
  if (entry.to === 'google' && path === '/oauth2/v3/certs') {
    return plain("Fetch Google's signing keys", `${method} ${path}`);
  }
  return plain(op);
}

/** The error of a refusal, from the trace or whichever of AWS's envelopes the answer came in. */
function errorOf(entry: DiagramEntry): { code?: string; message?: string } {
  const wire = entry.response.envelope;
  // API Gateway answers `{"message":"Unauthorized"}` (its error type only in a header): the message is
  // what a client sees, so it is the headline, as the lesson quotes it.
  if (entry.to === 'api-gateway' && wire?.protocol === 'api-gateway') return { message: wire.message };
  // An empty message says nothing: the service's plain-words reason says more.
  const message = entry.error?.message ?? (wire?.message || undefined);
  const code = entry.error?.code ?? wire?.code;
  return { ...(code === undefined ? {} : { code }), ...(message === undefined ? {} : { message }) };
}

/** The tokens and credentials an answer carried, in a few words, as the trace recorded them. */
function carriedSummary(entry: Pick<DiagramEntry, 'carries'>): string | undefined {
  const kinds = new Set(carriedIn(entry, 'response').map((carry) => carry.kind));
  const names = [
    kinds.has('id-token') ? 'ID' : undefined,
    kinds.has('access-token') ? 'access' : undefined,
    kinds.has('refresh-token') ? 'refresh' : undefined
  ].filter((name): name is string => name !== undefined);
  if (names.length === 1) return `${names[0]} token`;
  if (names.length > 1) return `${names.slice(0, -1).join(', ')} and ${names.at(-1)} tokens`;
  if (kinds.has('aws-credentials')) return 'temporary AWS credentials';
  if (kinds.has('openid-token')) return 'OpenID token';
  return undefined;
}

/** What a successful answer's body says, in a few words, or undefined when it adds nothing to the status. */
function bodySummary(entry: TraceEntry): string | undefined {
  const json = parseJsonObject(entry.response.body);
  if (!json) return undefined;
  const challenge = ownString(json, 'ChallengeName');
  if (challenge) return `${challenge} challenge`;
  if (ownString(json, 'IdentityId') !== undefined) return 'identity id';
  const keys = own(json, 'keys');
  if (Array.isArray(keys)) return `${keys.length} public ${keys.length === 1 ? 'key' : 'keys'}`;
  if (own(json, 'UserConfirmed') === false) return 'account created, unconfirmed';
  if (own(json, 'UserConfirmed') === true) return 'account created';
  if (own(json, 'UserAttributes') !== undefined) return 'profile attributes';
  const { noun } = tableNoun(ownString(parseJsonObject(entry.request.body), 'TableName'));
  if (own(json, 'Item') !== undefined) return noun ? `the ${noun.one}` : 'the item';
  if (entry.operation === 'PutItem' && Object.keys(json).length === 0) return 'saved';
  if (entry.operation === 'GetItem' && Object.keys(json).length === 0) return 'no such item';
  const count = own(json, 'Count');
  if (typeof count === 'number') return `${count} ${count === 1 ? 'item' : 'items'}`;
  if (entry.to === 'lambda' && typeof own(json, 'statusCode') === 'number') {
    return `proxy result, statusCode ${String(own(json, 'statusCode'))}`;
  }
  if (entry.to === 'api-gateway' && ownString(json, 'orderId') !== undefined) return 'the order';
  if (entry.operation === 'ConfirmSignUp') return 'confirmed';
  return undefined;
}

/** Describes the response of one exchange. */
export function describeResponse(exchange: DiagramEntry): ResponseDescription {
  const entry = diagramEntry(exchange);
  const { response } = entry;
  const badges = responseBadges(entry);
  if (entry.outcome === 'refused') {
    const { code, message } = errorOf(entry);
    // With no code, the message is the headline and the service's plain-words reason the detail.
    const headline = code ?? message;
    const label = headline ? `${response.status} ${headline}` : String(response.status);
    const detail = code !== undefined && message !== undefined ? message : entry.reason;
    return { label, ...(detail === undefined || detail === headline ? {} : { detail }), badges };
  }
  const summary = carriedSummary(entry) ?? response.summary;
  return { label: summary ? `${response.status} · ${summary}` : String(response.status), badges };
}

export function describeExchange(exchange: DiagramEntry): ExchangeDescription {
  const entry = diagramEntry(exchange);
  return { request: describeRequest(entry), response: describeResponse(entry) };
}

/** `Authorization: eyJ…` for a token the trace says was sent there; the first characters of anything else. */
function truncatedAuthorization(entry: TraceEntry): string {
  const value = header(entry.request.headers, 'authorization');
  if (value === undefined) return 'no token';
  const token = carriedIn(entry, 'request').some(
    (carry) => JWT_KINDS.has(carry.kind) && carry.where === 'header Authorization'
  );
  if (token) {
    const bare = withoutBearer(value);
    return `Authorization: ${value === bare ? '' : 'Bearer '}${bare.slice(0, 3)}…`;
  }
  return `Authorization: ${value.length > 12 ? `${value.slice(0, 12)}…` : value}`;
}

/** The facts of a request that its exchange's label reads, by operation and receiver (see describeRequest). */
function requestFacts(entry: TraceEntry): DiagramRequest {
  const { request } = entry;
  const facts: DiagramRequest = { method: request.method };
  const url = parseUrl(request.url);
  if (url) facts.path = url.pathname;
  const json = () => parseJsonObject(request.body);
  switch (entry.operation) {
    case 'InitiateAuth':
    case 'AdminInitiateAuth': {
      const flow = ownString(json(), 'AuthFlow');
      if (flow !== undefined) facts.authFlow = flow;
      break;
    }
    case 'RespondToAuthChallenge': {
      const challenge = ownString(json(), 'ChallengeName');
      if (challenge !== undefined) facts.challenge = challenge;
      break;
    }
    case 'GetId':
    case 'GetCredentialsForIdentity': {
      const logins = own(json(), 'Logins');
      if (typeof logins === 'object' && logins !== null) facts.logins = Object.keys(logins);
      break;
    }
    case 'AssumeRoleWithWebIdentity': {
      const roleArn = formFields(request)?.get('RoleArn') ?? url?.searchParams.get('RoleArn') ?? undefined;
      if (roleArn !== undefined) facts.role = roleArn.slice(roleArn.lastIndexOf('/') + 1);
      break;
    }
  }
  if (entry.to === 'dynamodb') {
    const table = ownString(json(), 'TableName');
    if (table !== undefined) facts.table = table;
  }
  if (
    entry.to === 'lambda' &&
    own(own(own(json(), 'requestContext'), 'authorizer'), 'claims') !== undefined
  ) {
    facts.claims = true;
  }
  if (entry.to === 'api-gateway') facts.authorization = truncatedAuthorization(entry);
  return facts;
}

/** The facts of a response its exchange's label reads: a refusal's envelope, or what a success's body says. */
function responseFacts(entry: TraceEntry): DiagramResponse {
  const facts: DiagramResponse = { status: entry.response.status };
  if (entry.outcome === 'refused') {
    const wire = readAwsError(entry.response);
    if (wire) {
      facts.envelope = {
        protocol: wire.protocol,
        ...(wire.code === undefined ? {} : { code: wire.code }),
        message: wire.message
      };
    }
  } else if (carriedSummary(entry) === undefined) {
    // What the answer carried names it first; only otherwise does its body have something to say.
    const summary = bodySummary(entry);
    if (summary !== undefined) facts.summary = summary;
  }
  return facts;
}

/** The distinct (direction, kind) pairs of what an exchange carried, in the order first recorded. */
function carriesOf(entry: TraceEntry): DiagramCarry[] {
  const seen = new Set<string>();
  const carries: DiagramCarry[] = [];
  for (const carry of entry.carries) {
    const key = `${carry.in} ${carry.kind}`;
    if (seen.has(key)) continue;
    seen.add(key);
    carries.push({ in: carry.in, kind: carry.kind });
  }
  return carries;
}

/** The diagram's part of a trace entry: what layout, labels, text and markup read, and nothing else. */
export function toDiagramEntry(entry: TraceEntry): DiagramEntry {
  return {
    id: entry.id,
    ...(entry.parentId === undefined ? {} : { parentId: entry.parentId }),
    from: entry.from,
    to: entry.to,
    operation: entry.operation,
    start: entry.start,
    end: entry.end,
    outcome: entry.outcome,
    ...(entry.reason === undefined ? {} : { reason: entry.reason }),
    ...(entry.error === undefined ? {} : { error: { code: entry.error.code, message: entry.error.message } }),
    carries: carriesOf(entry),
    request: requestFacts(entry),
    response: responseFacts(entry)
  };
}

/** Whether an entry is a full trace entry (its request has its body), not yet read into a DiagramEntry. */
function isTraceEntry(entry: DiagramEntry): entry is DiagramEntry & TraceEntry {
  return typeof (entry.request as { body?: unknown }).body === 'string';
}

/** An entry as the diagram reads it: a full trace entry through toDiagramEntry, a slim one as it is. */
export function diagramEntry(entry: DiagramEntry): DiagramEntry {
  return isTraceEntry(entry) ? toDiagramEntry(entry) : entry;
}
