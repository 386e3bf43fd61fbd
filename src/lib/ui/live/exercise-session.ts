// An exercise page's side of the live world: the learner's attempt goes to the Web Worker, the checker's verdict
// comes back. Nothing of the simulation is imported here but types: the checker, its world and its keys stay
// with the host.
import type { ExerciseAttempt } from '$lib/exercises';
import type { ExerciseChecked, ExerciseMessage, ExerciseReply } from '$lib/live';
import { workerTransport, type Transport } from './session';

export type ExerciseTransport = Transport<ExerciseMessage, ExerciseReply>;

export interface ExerciseClient {
  /** Judges an attempt in a world whose clock starts at `now`: the verdict, with its trace as the diagram reads it. */
  check(exerciseId: string, attempt: ExerciseAttempt, now: number): Promise<ExerciseChecked>;
  close(): void;
}

export function createExerciseClient(transport: ExerciseTransport): ExerciseClient {
  let nextId = 1;
  const pending = new Map<
    number,
    { resolve: (checked: ExerciseChecked) => void; reject: (e: Error) => void }
  >();
  let failure: Error | undefined;

  function fail(error: Error) {
    failure = error;
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  }

  transport.listen((reply) => {
    if (reply instanceof Error) {
      fail(reply);
      return;
    }
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    if (reply.ok) waiting.resolve({ verdict: reply.verdict, diagramEntries: reply.diagramEntries });
    else waiting.reject(new Error(reply.error));
  });

  return {
    check(exerciseId, attempt, now) {
      if (failure) return Promise.reject(failure);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        transport.send({ type: 'exercise:check', exerciseId, attempt, now, id });
      });
    },
    close() {
      transport.close();
      fail(new Error('the exercise’s live world was closed'));
    }
  };
}

/** Why the page cannot check an attempt in this browser, in words. */
export const NO_WORKER =
  'this browser cannot start Web Workers, which the simulated cloud runs in, so nothing can be checked here. Your text stays in the editor.';

/** A client on the live world's worker (the checker never runs on the page's thread). */
export async function openExerciseClient(): Promise<ExerciseClient> {
  if (typeof Worker !== 'function') throw new Error(NO_WORKER);
  return createExerciseClient(workerTransport<ExerciseMessage, ExerciseReply>());
}
