// The exchange recorder: every request that goes through world.fetch, with what was checked and why it failed.

export type ParticipantId =
  'app' | 'user-pool' | 'api-gateway' | 'lambda' | 'dynamodb' | 'identity-pool' | 'sts' | 'google';

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

/** One verification the receiving service made, in plain words: the UI lists these as ✓ / ✗. */
export interface Check {
  name: string;
  ok: boolean;
  detail?: string;
}

/**
 * An IAM decision a service reached while handling a request: STS on a role's trust policy, DynamoDB on the
 * caller's permission policies. Optional on a trace entry; only services that evaluate IAM record one.
 */
export interface TraceDecision {
  /** What was evaluated, e.g. `trust policy of TwoPools_Authenticated`. */
  label: string;
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

/** Names the wire operation of a request, as the diagram labels it. */
export function operationOf(request: WireRequest): string {
  const target = request.headers['x-amz-target'];
  if (target) return target.slice(target.lastIndexOf('.') + 1);
  const url = new URL(request.url);
  if (
    request.method === 'POST' &&
    request.headers['content-type']?.startsWith('application/x-www-form-urlencoded')
  ) {
    const action = new URLSearchParams(request.body).get('Action');
    if (action) return action;
  }
  const query = url.searchParams.get('Action');
  if (query) return query;
  return `${request.method} ${url.pathname}`;
}

export function headersToRecord(headers: Headers): Record<string, string> {
  const record: Record<string, string> = {};
  headers.forEach((value, name) => {
    record[name] = value;
  });
  return record;
}
