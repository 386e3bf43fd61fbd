// Test fixture: an ExchangeContext that records what a service part did, for tests that call it outside a world.

import { CHECKS, type CheckId } from '../../src/lib/sim/checks';
import { createClock, type Clock } from '../../src/lib/sim/clock';
import type { ServiceError } from '../../src/lib/sim/http';
import { createRandom, type Random } from '../../src/lib/sim/random';
import type { Caller, ExchangeContext, SendMeta } from '../../src/lib/sim/service';
import type { Carried, Check, ParticipantId, SigV4Record, TraceDecision } from '../../src/lib/sim/trace';

/** What a service part recorded through the context, as the world's router would have put it on the entry. */
export interface RecordingContext extends ExchangeContext {
  readonly checks: Check[];
  readonly carries: Carried[];
  readonly decisions: TraceDecision[];
  readonly rejections: (ServiceError | { reason: string })[];
  /** The last SigV4 working recorded, if any. */
  readonly sigv4: SigV4Record | undefined;
}

export interface RecordingContextOptions {
  self: ParticipantId;
  clock?: Clock;
  random?: Random;
  caller?: Caller;
  requestId?: string;
  /** Answers the part's hops; without it a hop fails, so a test notices one it did not expect. */
  fetch?: (request: Request, meta?: SendMeta) => Promise<Response>;
}

/** A recording context: checks get their label from CHECKS exactly as the router fills them. */
export function recordingContext(options: RecordingContextOptions): RecordingContext {
  const checks: Check[] = [];
  const carries: Carried[] = [];
  const decisions: TraceDecision[] = [];
  const rejections: (ServiceError | { reason: string })[] = [];
  let sigv4: SigV4Record | undefined;
  return {
    self: options.self,
    requestId: options.requestId ?? 'test-request',
    clock: options.clock ?? createClock(0),
    random: options.random ?? createRandom('recording-context'),
    caller: options.caller ?? { from: 'app' },
    checks,
    carries,
    decisions,
    rejections,
    get sigv4() {
      return sigv4;
    },
    fetch:
      options.fetch ??
      (async (request) => {
        throw new Error(`unexpected hop from ${options.self} to ${request.url}`);
      }),
    check(id: CheckId, ok: boolean, detail?: string) {
      const name = CHECKS[id].label;
      checks.push(detail === undefined ? { id, name, ok } : { id, name, ok, detail });
      return ok;
    },
    reject(error) {
      rejections.push(error);
    },
    carry(...carried) {
      carries.push(...carried);
    },
    recordSigV4(record) {
      sigv4 = record;
    },
    recordDecision(decision) {
      decisions.push(decision);
    }
  };
}
