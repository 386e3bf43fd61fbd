// The exercises' live host: judges a learner's attempt with the real checker and answers with plain data.
// Pure TypeScript with no DOM: the worker hands it the `exercise:` messages, and Node tests drive it directly.

import { toDiagramEntry } from '../diagram';
import { checkExercise, type ExerciseAttempt, type ExerciseId } from '../exercises';
import { memoizedKeys } from '../scenarios';
import type { KeySource } from '../sim';
import type { ExerciseMessage, ExerciseReply } from './exercise-protocol';
import { inTurn } from './in-turn';

export interface ExerciseHostOptions {
  /** Where key pairs come from (default: made with WebCrypto). Either way each is made once per host. */
  keys?: KeySource;
}

export interface ExerciseHost {
  /** Answers one request; requests are answered one at a time, in the order they came. */
  handle(message: ExerciseMessage): Promise<ExerciseReply>;
}

/** The longest text a field takes: a policy many times longer than IAM's quotas, and no more. */
export const MAX_FIELD_LENGTH = 20_000;

/**
 * The attempt from the page, checked for shape before the checker reads it: an object of texts of a sane length.
 * What the texts say (an unknown field, JSON that does not parse, a policy IAM refuses) is the checker's to judge.
 * Errors name the field, never its text.
 */
function checkedAttempt(attempt: unknown): ExerciseAttempt {
  if (typeof attempt !== 'object' || attempt === null || Array.isArray(attempt)) {
    throw new Error('exercise: an attempt is an object of field texts');
  }
  const checked: ExerciseAttempt = {};
  for (const [field, text] of Object.entries(attempt)) {
    if (typeof text !== 'string') throw new Error(`exercise: the field "${field}" is not text`);
    if (text.length > MAX_FIELD_LENGTH) {
      throw new Error(`exercise: the field "${field}" is longer than ${MAX_FIELD_LENGTH} characters`);
    }
    checked[field] = text;
  }
  return checked;
}

export function createExerciseHost(options: ExerciseHostOptions = {}): ExerciseHost {
  const keys = memoizedKeys(options.keys);

  async function answer(message: ExerciseMessage): Promise<ExerciseReply> {
    if (message.type !== 'exercise:check') {
      throw new Error(
        `exercise: there is no request called "${String((message as { type?: unknown }).type)}"`
      );
    }
    if (typeof message.exerciseId !== 'string') throw new Error('exercise: the exercise id is not text');
    if (typeof message.now !== 'number' || !Number.isFinite(message.now)) {
      throw new Error('exercise: the clock’s start is a number of milliseconds');
    }
    const attempt = checkedAttempt(message.attempt);
    // An id that names no exercise gets the checker's own answer (invalid), as a direct call would.
    const verdict = await checkExercise(message.exerciseId as ExerciseId, attempt, {
      keys,
      now: message.now
    });
    const diagramEntries = verdict.kind === 'checked' ? verdict.trace.map(toDiagramEntry) : [];
    return { id: message.id, ok: true, verdict, diagramEntries };
  }

  return {
    handle: inTurn(answer)
  };
}
