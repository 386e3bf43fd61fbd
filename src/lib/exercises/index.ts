// The public face of the exercises: each one as data, and Check, which runs the goal's real requests and judges them.

import { checkAttempt, type CheckOptions } from './check';
import { exercises } from './definitions';
import type { Exercise, ExerciseAttempt, ExerciseId, Verdict } from './types';

export type {
  AllowedBy,
  Exercise,
  ExerciseAttempt,
  ExerciseField,
  ExerciseId,
  FieldTarget,
  GoalAction,
  GoalRequest,
  GoalResult,
  RefusedBy,
  Verdict
} from './types';
export type { CheckOptions } from './check';
export { parseScopes } from './check';
export { exercises, EXERCISE_SEED } from './definitions';

export function getExercise(id: string): Exercise | undefined {
  return exercises.find((exercise) => exercise.id === id);
}

/**
 * Runs `attempt` against a fresh world of the exercise: the starting configuration with the learner's values
 * applied, then every goal request as the client app's own action through `world.fetch`. The verdict is plain
 * data (structured-cloneable), so a worker can post it.
 */
export async function checkExercise(
  id: ExerciseId,
  attempt: ExerciseAttempt,
  options: CheckOptions = {}
): Promise<Verdict> {
  const exercise = getExercise(id);
  if (exercise === undefined)
    return { kind: 'invalid', field: '', message: `There is no exercise ${JSON.stringify(id)}.` };
  return checkAttempt(exercise, attempt, options);
}
