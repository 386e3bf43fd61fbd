// The contract between the world and its services: what a service is, what it sees while handling one
// request, and what its factory receives. Services import this module, never world.ts.

import type { Clock } from './clock';
import type { WorldConfig } from './config';
import type { KeySource } from './crypto/keys';
import type { ServiceError } from './http';
import type { Random } from './random';
import type { RoleStore } from './iam/roles';
import type { CredentialStore } from './services/sts/credential-store';
import type { CheckId } from './checks';
import type { Carried, ParticipantId, SigV4Record, TraceDecision } from './trace';

export interface Mail {
  to: string;
  subject: string;
  code: string;
  at: number;
}

export interface Inbox {
  /** The newest message sent to `email`, if any. */
  latest(email: string): { subject: string; code: string } | undefined;
}

export interface MailRoom extends Inbox {
  deliver(mail: Mail): void;
  all(): readonly Mail[];
}

/**
 * What a sender may say about a request beyond its bytes: what it carries (the app knows it put its ID token
 * in `Authorization`, even where the receiver cannot tell), and, for a hop between AWS services, the ARN of
 * the resource on whose behalf it is sent (AWS passes it to resource-based policies as `aws:SourceArn`).
 * Plain data: it crosses a thread as it is.
 */
export interface SendMeta {
  carries?: Carried[];
  sourceArn?: string;
  /**
   * Who outside the cloud sends it: the app (the default), or the user's browser, which the app sends to
   * managed login and which alone talks to the sign-in page.
   */
  from?: 'app' | 'browser';
}

/** Who sent the request a service is handling, as the (simulated) AWS network knows it. */
export interface Caller {
  /** `app` for anything from outside the cloud; otherwise the sending service. */
  readonly from: ParticipantId;
  readonly sourceArn?: string;
}

/** What a service sees while it handles one request. */
export interface ExchangeContext {
  readonly self: ParticipantId;
  readonly requestId: string;
  readonly clock: Clock;
  readonly random: Random;
  readonly caller: Caller;
  /** A service-to-service hop from this service, recorded in the trace like any other exchange. */
  fetch(request: Request, meta?: SendMeta): Promise<Response>;
  /** Records one verification (an id from CHECKS) and returns its outcome: `if (!ctx.check(...))`. */
  check(id: CheckId, ok: boolean, detail?: string): boolean;
  /** Records why the request is being refused (the wire response says less, or nothing). */
  reject(error: ServiceError | { reason: string }): void;
  /** Records what the request or response carries, where this service found or put it. */
  carry(...carried: Carried[]): void;
  /** Records the SigV4 working of a signature this service verified. */
  recordSigV4(record: SigV4Record): void;
  /** Records an IAM decision on the trace entry, in full. */
  recordDecision(decision: TraceDecision): void;
}

export interface Service {
  readonly id: ParticipantId;
  handles(url: URL): boolean;
  /** The service's own shape of request id (DynamoDB's 52 characters); a UUID when absent. */
  requestId?(random: Random): string;
  handle(request: Request, ctx: ExchangeContext): Promise<Response>;
}

/** What every service factory receives: the world's facts, time, randomness, keys and shared state. */
export interface ServiceEnv {
  config: WorldConfig;
  clock: Clock;
  random: Random;
  keys: KeySource;
  mail: MailRoom;
  /** The IAM roles of the account (trust and permission policies), read by STS and DynamoDB. */
  roles: RoleStore;
  /** Temporary credentials STS issued, by access key id: DynamoDB verifies SigV4 and evaluates IAM with them. */
  credentials: CredentialStore;
}
