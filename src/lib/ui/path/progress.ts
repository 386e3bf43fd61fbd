// The learner's progress in this browser's localStorage. Storage that is off, full or throwing never breaks a page:
// progress is then kept for this page only. Nothing here is ever sent anywhere.

import {
  PROGRESS_KEY,
  emptyProgress,
  parseProgress,
  serializeProgress,
  type Progress,
  type ProgressProblem
} from '$lib/path';

const storage = (): Storage | undefined => {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
};

/** What this page knows when storage cannot be read or written. */
let fallback: Progress | undefined;

/** The stored progress, and why it was set aside if it could not be used (the page says so). */
export function loadProgress(): { progress: Progress; problem?: ProgressProblem } {
  try {
    const raw = storage()?.getItem(PROGRESS_KEY);
    if (raw === undefined) return { progress: fallback ?? emptyProgress() };
    const read = parseProgress(raw);
    return raw === null && fallback ? { progress: fallback } : read;
  } catch {
    return { progress: fallback ?? emptyProgress() };
  }
}

/** Read, change, write. Never throws; returns the new progress. */
export function updateProgress(change: (progress: Progress) => Progress): Progress {
  const next = change(loadProgress().progress);
  fallback = next;
  try {
    storage()?.setItem(PROGRESS_KEY, serializeProgress(next));
  } catch {
    // Over quota or disabled: the progress lives as long as this page.
  }
  return next;
}

/** Forgets all progress (the learner asked to start over). */
export function resetProgress(): Progress {
  fallback = undefined;
  try {
    storage()?.removeItem(PROGRESS_KEY);
  } catch {
    // Nothing stored that could be removed.
  }
  return emptyProgress();
}
