// What the diagram says about each exchange: plain words, the wire operation, the answer, and what each message carries.

import type { Carried, CarriedKind, ErrorProtocol, ParticipantId } from '../sim';

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
  /** Never here: a full trace entry's request has a body, so one cannot be passed where a DiagramEntry goes. */
  body?: never;
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
 * A full `TraceEntry` becomes one through `toDiagramEntry` (`diagram/entry.ts`), in the worker or at build
 * time; the page's first load never reads a wire message.
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
  },
  s3: { name: 'S3', shortName: 'S3', role: 'bucket', tone: 'aws' },
  browser: { name: 'Browser', shortName: 'Browser', role: 'page loads, redirects', tone: 'app' }
};

export function participantName(id: ParticipantId): string {
  return PARTICIPANTS[id].name;
}

/** How a lesson names an exchange: by its two ends, and its operation when the ends alone are ambiguous. */
export interface ExchangeName {
  from: string;
  to: string;
  operation?: string;
}

/** The first of `entries` that `name` names, or undefined. */
export function findExchange<E extends Pick<DiagramEntry, 'from' | 'to' | 'operation'>>(
  entries: readonly E[],
  name: ExchangeName
): E | undefined {
  return entries.find(
    (entry) =>
      entry.from === name.from &&
      entry.to === name.to &&
      (name.operation === undefined || entry.operation === name.operation)
  );
}

/** The tables the trace's DynamoDB requests name, in the order first touched. */
export function tablesTouched(entries: readonly DiagramEntry[]): string[] {
  const tables: string[] = [];
  for (const entry of entries) {
    if (entry.to !== 'dynamodb') continue;
    const { table } = entry.request;
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

export const JWT_KINDS: ReadonlySet<CarriedKind> = new Set<CarriedKind>([
  'id-token',
  'access-token',
  'google-id-token',
  'openid-token'
]);

export function carriedIn<C extends DiagramCarry>(
  entry: { carries: readonly C[] },
  direction: Carried['in']
): C[] {
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

export function tableNoun(name: string | undefined): { table: string; noun?: { one: string; many: string } } {
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
  return `Call the API: ${method} ${path}`;
}

/** Describes the request of one exchange. */
export function describeRequest(entry: DiagramEntry): RequestDescription {
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
export function carriedSummary(entry: Pick<DiagramEntry, 'carries'>): string | undefined {
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

/** Describes the response of one exchange. */
export function describeResponse(entry: DiagramEntry): ResponseDescription {
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

export function describeExchange(entry: DiagramEntry): ExchangeDescription {
  return { request: describeRequest(entry), response: describeResponse(entry) };
}
