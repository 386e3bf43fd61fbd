// An exercise page's side of the checker: opens the live world's worker on the first Check, sends the learner's
// attempt, and keeps what the page shows of the answer (the verdict, its trace for the diagram, the attempt it
// judged, failures). The checker itself runs in the worker (`ui/live/exercise-session.ts`).
import type { DiagramEntry } from '$lib/diagram';
import type { ExerciseAttempt, Verdict } from '$lib/exercises';
import type { ExerciseClient } from '../live/exercise-session';

export type CheckStatus = 'idle' | 'checking' | 'done' | 'failed';

export class ExerciseLive {
  status: CheckStatus = $state('idle');
  /** The last verdict, and the attempt it judged (to tell the learner when the text has changed since). */
  verdict: Verdict | undefined = $state.raw();
  judged: ExerciseAttempt | undefined = $state.raw();
  diagramEntries: readonly DiagramEntry[] = $state.raw([]);
  /** Why the check could not run, in words. */
  failure = $state('');
  /** Counts checks answered, so the page can tell a new verdict from the last one. */
  checks = $state(0);

  #client: Promise<ExerciseClient> | undefined;
  #closed = false;

  constructor(
    private readonly exerciseId: string,
    private readonly open: () => Promise<ExerciseClient>
  ) {}

  /** Starts the worker ahead of the first Check (when the page is idle), so Check answers sooner. */
  warm(): void {
    this.#client ??= this.open();
    this.#client.catch(() => undefined);
  }

  /** Judges the attempt; one check at a time (the button says so while one runs). */
  async check(attempt: ExerciseAttempt): Promise<Verdict | undefined> {
    if (this.status === 'checking' || this.#closed) return undefined;
    this.status = 'checking';
    this.failure = '';
    const sent = { ...attempt };
    try {
      this.#client ??= this.open();
      const { verdict, diagramEntries } = await (await this.#client).check(this.exerciseId, sent, Date.now());
      if (this.#closed) return undefined;
      this.verdict = verdict;
      this.judged = sent;
      this.diagramEntries = diagramEntries;
      this.checks += 1;
      this.status = 'done';
      return verdict;
    } catch (error) {
      if (this.#closed) return undefined;
      // The next Check starts afresh: a new worker, should this one have failed to start or crashed.
      const failed = this.#client;
      this.#client = undefined;
      void failed?.then((client) => client.close()).catch(() => undefined);
      this.failure = error instanceof Error ? error.message : String(error);
      this.status = 'failed';
      return undefined;
    }
  }

  close(): void {
    this.#closed = true;
    void this.#client?.then((client) => client.close()).catch(() => undefined);
  }
}
