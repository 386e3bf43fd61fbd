// A learner's progress along the path, as stored in their browser: which stops they have seen or done, and the
// predictions they made. Pure: the UI reads and writes the text (localStorage); this only parses and updates it.

/** A stop on the path: a scenario's page or an exercise's. */
export type StopId = `scenario:${string}` | `exercise:${string}`;
export type StopMark = 'seen' | 'done';
export type StopState = 'not-started' | StopMark;

export interface PredictionRecord {
  /** The choice the learner made (its id in the narration). */
  choice: string;
  right: boolean;
}

export interface Progress {
  stops: Readonly<Record<string, StopMark>>;
  /** `${scenarioId}/${stepId}` → the learner's first answer there. */
  predictions: Readonly<Record<string, PredictionRecord>>;
  /** The stop the learner was last on: where "Continue" goes. */
  last?: StopId;
}

/** The localStorage key. A later, incompatible shape takes a new key; this one is never reinterpreted. */
export const PROGRESS_KEY = 'two-pools:progress:v1';

export const emptyProgress = (): Progress => ({ stops: {}, predictions: {} });

/** Why stored progress was set aside: a learner is told, then starts afresh. */
export type ProgressProblem = 'corrupt' | 'foreign';

const STOP = /^(?:scenario|exercise):[a-z0-9-]{1,64}$/;
const PREDICTION = /^[a-z0-9-]{1,64}\/[a-z0-9-]{1,64}$/;
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
export const isStopId = (value: unknown): value is StopId => typeof value === 'string' && STOP.test(value);

/**
 * Reads stored progress. Nothing stored is a fresh start; text that is not JSON is `corrupt`; JSON of another
 * shape (another app's, or a hand edit) is `foreign`. Entries that do not fit are dropped one by one rather than
 * losing the rest, but a document with none of our fields is foreign.
 */
export function parseProgress(raw: string | null | undefined): {
  progress: Progress;
  problem?: ProgressProblem;
} {
  if (raw === null || raw === undefined || raw === '') return { progress: emptyProgress() };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { progress: emptyProgress(), problem: 'corrupt' };
  }
  if (!isRecord(value) || value.v !== 1 || !isRecord(value.stops) || !isRecord(value.predictions)) {
    return { progress: emptyProgress(), problem: 'foreign' };
  }
  const stops: Record<string, StopMark> = {};
  for (const [id, mark] of Object.entries(value.stops)) {
    if (isStopId(id) && (mark === 'seen' || mark === 'done')) stops[id] = mark;
  }
  const predictions: Record<string, PredictionRecord> = {};
  for (const [key, record] of Object.entries(value.predictions)) {
    if (!PREDICTION.test(key) || !isRecord(record)) continue;
    const { choice, right } = record;
    if (typeof choice === 'string' && choice.length <= 64 && typeof right === 'boolean') {
      predictions[key] = { choice, right };
    }
  }
  const progress: Progress = { stops, predictions };
  return { progress: isStopId(value.last) ? { ...progress, last: value.last } : progress };
}

/** The text to store: versioned with `v`, so a reader can tell ours from anything else under the key. */
export function serializeProgress(progress: Progress): string {
  return JSON.stringify({
    v: 1,
    stops: progress.stops,
    predictions: progress.predictions,
    last: progress.last
  });
}

export function stopState(progress: Progress, stop: StopId): StopState {
  return progress.stops[stop] ?? 'not-started';
}

/** Marks a stop seen or done, and makes it the last one. Done stays done: seeing a finished stop again keeps it. */
export function markStop(progress: Progress, stop: StopId, mark: StopMark): Progress {
  const kept = progress.stops[stop] === 'done' ? 'done' : mark;
  return { ...progress, stops: { ...progress.stops, [stop]: kept }, last: stop };
}

/** Records a prediction (the first answer counts; answering again does not rewrite it) and marks the scenario seen. */
export function recordPrediction(
  progress: Progress,
  scenarioId: string,
  stepId: string,
  choice: string,
  right: boolean
): Progress {
  const key = `${scenarioId}/${stepId}`;
  const seen = markStop(progress, `scenario:${scenarioId}`, 'seen');
  if (progress.predictions[key]) return seen;
  return { ...seen, predictions: { ...progress.predictions, [key]: { choice, right } } };
}
