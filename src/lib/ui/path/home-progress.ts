// The home page's view of the learner's progress, loaded after first paint (the path's markup is prerendered; only
// this browser knows how far along it the learner is, so this costs the first load nothing).

import { continueStop, pathCount, type PathSection, type PathStop, type StopMark } from '$lib/path';
import { loadProgress, resetProgress } from './progress';

export interface HomeProgress {
  marks: Readonly<Record<string, StopMark>>;
  count: { done: number; total: number };
  resume?: PathStop;
  /** Set when stored progress could not be read and the path starts afresh. */
  notice: string;
}

function view(path: readonly PathSection[], reset: boolean): HomeProgress {
  const { progress, problem } = reset ? { progress: resetProgress(), problem: undefined } : loadProgress();
  const notice = reset
    ? 'Progress forgotten: the path starts afresh.'
    : problem
      ? 'The progress saved in this browser could not be read, so the path starts afresh.'
      : '';
  return {
    marks: progress.stops,
    count: pathCount(path, progress),
    resume: continueStop(path, progress),
    notice
  };
}

export const readHomeProgress = (path: readonly PathSection[]): HomeProgress => view(path, false);
/** Asks, then forgets all progress; undefined when the learner thinks better of it. */
export function forgetHomeProgress(path: readonly PathSection[]): HomeProgress | undefined {
  const sure = confirm('Forget which figures and exercises you have seen and done in this browser?');
  return sure ? view(path, true) : undefined;
}
