// Test fixture: real traces from the lesson's scenarios, one world per scenario and test file.

import { runScenario } from '../../src/lib/scenarios';
import { createWorld, type TraceEntry, type World } from '../../src/lib/sim';
import { testKeys } from '../support/keys';

/** The scenarios' start time (scenarios.test.ts uses the same). */
export const NOW = Date.UTC(2026, 10, 28, 9, 0, 0);
export const MINUTE = 60_000;

const played = new Map<string, Promise<{ world: World; trace: TraceEntry[] }>>();

export function play(id: string): Promise<{ world: World; trace: TraceEntry[] }> {
  let run = played.get(id);
  if (run === undefined) {
    run = (async () => {
      const world = await createWorld({ seed: id, now: NOW, keys: testKeys });
      const { trace } = await runScenario(id, { world });
      return { world, trace };
    })();
    played.set(id, run);
  }
  return run;
}

export function entry(trace: TraceEntry[], predicate: (entry: TraceEntry) => boolean, nth = 0): TraceEntry {
  const found = trace.filter(predicate)[nth];
  if (found === undefined) throw new Error('no such trace entry');
  return found;
}

export const byOperation =
  (operation: string | RegExp, to?: string) =>
  (candidate: TraceEntry): boolean =>
    (typeof operation === 'string'
      ? candidate.operation === operation
      : operation.test(candidate.operation)) &&
    (to === undefined || candidate.to === to);

/** The body of the user pool's JWKS hop in a trace, as inspectJwt takes it. */
export function jwksOf(trace: TraceEntry[]): { keys: import('jose').JWK[] } {
  const hop = entry(trace, byOperation(/\/\.well-known\/jwks\.json$/));
  return JSON.parse(hop.response.body) as { keys: import('jose').JWK[] };
}
