// The learner's text for one exercise, kept in this browser's localStorage so a reload loses nothing. Storage that
// is off, full or holding something else is never an error: the page then starts from the broken configuration.
// Nothing here is ever sent anywhere.

import type { ExerciseField } from '$lib/exercises';

/** One key per exercise; the version changes if what is stored ever changes shape. */
export const savedAttemptKey = (exerciseId: string): string => `two-pools:exercise:v1:${exerciseId}`;

const storage = (): Storage | undefined => {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
};

/**
 * The saved text of each field the exercise has, or undefined when nothing usable is stored: a value that is not
 * JSON, not `{ fields: { id: text } }`, or that names a field this exercise does not have, is set aside whole
 * (a half-restored attempt would be neither the learner's nor the start).
 */
export function loadAttempt(
  exerciseId: string,
  fields: readonly Pick<ExerciseField, 'id'>[]
): Record<string, string> | undefined {
  try {
    const raw = storage()?.getItem(savedAttemptKey(exerciseId));
    if (typeof raw !== 'string') return undefined;
    const stored: unknown = JSON.parse(raw);
    if (typeof stored !== 'object' || stored === null) return undefined;
    const saved = (stored as { fields?: unknown }).fields;
    if (typeof saved !== 'object' || saved === null || Array.isArray(saved)) return undefined;
    const known = new Set(fields.map((field) => field.id));
    const entries = Object.entries(saved as Record<string, unknown>);
    if (entries.length === 0 || entries.some(([id, text]) => !known.has(id) || typeof text !== 'string')) {
      return undefined;
    }
    return Object.fromEntries(entries) as Record<string, string>;
  } catch {
    return undefined;
  }
}

/** Keeps the learner's text; when it is the broken start again, forgets it. Never throws. */
export function saveAttempt(
  exerciseId: string,
  attempt: Record<string, string>,
  start: Record<string, string>
): void {
  try {
    const same = Object.keys(start).every((id) => attempt[id] === start[id]);
    if (same) storage()?.removeItem(savedAttemptKey(exerciseId));
    else storage()?.setItem(savedAttemptKey(exerciseId), JSON.stringify({ fields: attempt }));
  } catch {
    // Over quota or disabled: the text stays in the editor as long as the page is open.
  }
}
