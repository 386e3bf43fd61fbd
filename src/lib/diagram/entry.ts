// A trace entry read into the diagram's part of it (`DiagramEntry`): the one place the diagram reads wire
// messages. It runs where the trace is (the worker, the build); the page's diagram code reads only its result.

import {
  formFields,
  header,
  own,
  ownString,
  parseJsonObject,
  parseUrl,
  readAwsError,
  withoutBearer,
  type TraceEntry
} from '../sim';
import {
  carriedIn,
  carriedSummary,
  JWT_KINDS,
  tableNoun,
  type DiagramCarry,
  type DiagramEntry,
  type DiagramRequest,
  type DiagramResponse
} from './labels';

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
