// The exchange recorder: every request that goes through world.fetch, with what was checked and why it failed.

import type { CheckId } from './checks';

export type ParticipantId =
  | 'app'
  | 'user-pool'
  | 'api-gateway'
  | 'lambda'
  | 'dynamodb'
  | 'identity-pool'
  | 'sts'
  | 'google'
  | 's3'
  /** The user's browser, at managed login: the app sends it there, and it is not the app. */
  | 'browser';

export interface WireRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** One verification the receiving service made: the UI lists these as ✓ / ✗. */
export interface Check {
  /** Stable id from `CHECKS` (checks.ts): match checks by this, never by their words. */
  id: CheckId;
  /** The label `CHECKS[id].label`, copied so a recorded trace reads on its own. */
  name: string;
  ok: boolean;
  detail?: string;
}

/** Kinds of secret or credential a message can carry. */
export type CarriedKind =
  | 'id-token'
  | 'access-token'
  | 'refresh-token'
  | 'google-id-token'
  | 'openid-token'
  | 'aws-credentials'
  | 'sigv4'
  | 'password'
  | 'srp-proof'
  | 'confirmation-code';

/**
 * What a message carried, recorded by the sender or receiver that knew it (never guessed from bytes later).
 * `where` is in words a learner reads: `header Authorization`, `body AuthenticationResult.IdToken`.
 */
export interface Carried {
  in: 'request' | 'response';
  kind: CarriedKind;
  where: string;
}

/** The receiver's own SigV4 working, recorded as it verified a signed request. */
export interface SigV4Record {
  canonicalRequest: string;
  stringToSign: string;
  signedHeaders: string[];
  credentialScope: string;
  /** The signature the request carried. */
  provided: string;
  /** The signature the receiver computed with the secret it holds for the access key. */
  computed: string;
  match: boolean;
}

/** How one condition of a statement was judged against the request context. */
export interface ConditionRecord {
  /** e.g. `ForAllValues:StringEquals` */
  operator: string;
  key: string;
  /** The policy's values, policy variables substituted. */
  values: string[];
  /** What the request context held for the key (absent: the key was not in the request). */
  contextValues?: string[];
  result: boolean;
  /** The outcome in plain words. */
  note: string;
}

/** How one policy statement fared in an IAM decision. */
export interface StatementRecord {
  policy: string;
  index: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
  matched: boolean;
  /** Why it matched or not, in plain words. */
  because: string;
  /** Whether its Action (or NotAction) covers the action; false: the statement is about something else. */
  actionMatched: boolean;
  /** Whether its Resource (or NotResource) covers the resource; false: it is about other resources. */
  resourceMatched?: boolean;
  /** Its conditions as judged, in the statement's order (empty when it has none). */
  conditions: ConditionRecord[];
}

/**
 * An IAM decision a service reached while handling a request: STS on a role's trust policy, DynamoDB on the
 * caller's permission policies, Lambda on its resource-based policy. Recorded in full as the evaluator
 * saw it, so no view needs to evaluate again.
 */
export interface TraceDecision {
  /** What was evaluated, e.g. `trust policy of TwoPools_Authenticated`. */
  label: string;
  /**
   * Which policies: the caller's identity policies, a role's trust policy, a resource's own policy, or the
   * session policy passed when the caller's role session was created (it can only narrow the identity policies).
   */
  kind: 'identity' | 'trust' | 'resource' | 'session';
  /** e.g. `dynamodb:GetItem`, `sts:AssumeRoleWithWebIdentity`. */
  action: string;
  /** The resource ARN evaluated (for a trust policy: the role's ARN). */
  resource: string;
  /** Who asked: an assumed-role ARN, a federated provider, a service principal. */
  principal: string;
  /** The request context keys and values the evaluator saw. */
  context: Record<string, string | string[]>;
  /** Every statement considered, matched or not. */
  statements: StatementRecord[];
  decision: 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';
  allowed: boolean;
  /** The statements that decided: every matching Deny, else every matching Allow; empty for a default deny. */
  deciding: { policy: string; statementIndex: number; sid?: string; effect: 'Allow' | 'Deny' }[];
  /** Policy variables substituted, e.g. `cognito-identity.amazonaws.com:sub` → the identity id. */
  resolvedVariables: Record<string, string>;
  explanation: string;
}

export interface TraceEntry {
  /** `t1`, `t2`, ... in the order requests were sent. */
  id: string;
  /** The exchange during whose handling this one was made (a service-to-service hop). */
  parentId?: string;
  from: ParticipantId;
  to: ParticipantId;
  /** The wire operation: `InitiateAuth`, `GetItem`, `AssumeRoleWithWebIdentity`, `GET /prod/orders/42`. */
  operation: string;
  request: WireRequest;
  response: WireResponse;
  /** Simulated time (epoch ms) at which the request was sent. */
  at: number;
  /** Position of the request and of the response in the world's single sequence of events. */
  start: number;
  end: number;
  /** What the receiver checked, in order. */
  checks: Check[];
  outcome: 'ok' | 'refused';
  /** For a refusal: why, in plain words (never sent on the wire). */
  reason?: string;
  /** For a refusal in AWS's error envelope: the code and message. */
  error?: { code: string; message: string };
  /** IAM decisions made on this request, in order (absent when none was made). */
  decisions?: TraceDecision[];
  /** What the request and response carried (tokens, credentials, signatures, passwords), and where. */
  carries: Carried[];
  /** The receiver's SigV4 working, on every request it verified with SigV4. */
  sigv4?: SigV4Record;
}

export interface Trace {
  readonly entries: TraceEntry[];
  subscribe(listener: (entry: TraceEntry) => void): () => void;
}

export interface TraceRecorder extends Trace {
  /** Reserves an id and a start position for a request being sent. */
  begin(): { id: string; start: number };
  /** Records a finished exchange, keeping `entries` in request order, and notifies listeners. */
  finish(entry: Omit<TraceEntry, 'end'>): TraceEntry;
}

export function createTrace(): TraceRecorder {
  const entries: TraceEntry[] = [];
  const listeners = new Set<(entry: TraceEntry) => void>();
  let sequence = 0;
  let count = 0;
  return {
    entries,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    begin() {
      count += 1;
      return { id: `t${count}`, start: sequence++ };
    },
    finish(partial) {
      const entry: TraceEntry = { ...partial, end: sequence++ };
      // A hop made while handling an outer request finishes first; keep request order.
      let index = entries.length;
      while (index > 0 && (entries[index - 1]?.start ?? -1) > entry.start) index--;
      entries.splice(index, 0, entry);
      for (const listener of listeners) listener(entry);
      return entry;
    }
  };
}
