// What crosses between an exercise page and the live world's worker: the learner's attempt going in, the
// checker's verdict coming back. Plain, structured-cloneable data, nothing else.

import type { DiagramEntry } from '../diagram';
import type { ExerciseAttempt, Verdict } from '../exercises';

/** What an exercise page asks of the live world. Every type starts with `exercise:` (the worker routes on it). */
export type ExerciseRequest = {
  /** Runs the exercise's goal requests against a world configured with the attempt, and judges them. */
  type: 'exercise:check';
  exerciseId: string;
  /** The learner's text for each field, by field id: used for this check only, kept nowhere. */
  attempt: ExerciseAttempt;
  /** Epoch ms the check's world starts its clock at (the page's clock: tokens and signatures carry real times). */
  now: number;
};

/** A request as it travels: numbered, so replies find their caller. */
export type ExerciseMessage = ExerciseRequest & { id: number };

/** The verdict, and its trace as the diagram reads it (`toDiagramEntry`, in the worker) when the checker ran. */
export interface ExerciseChecked {
  verdict: Verdict;
  diagramEntries: DiagramEntry[];
}

export type ExerciseReply =
  ({ id: number; ok: true } & ExerciseChecked) | { id: number; ok: false; error: string };

/** Whether a message is an exercise page's (the worker hands those to the exercise host). */
export function isExerciseMessage(message: { type: string }): message is ExerciseMessage {
  return message.type.startsWith('exercise:');
}
