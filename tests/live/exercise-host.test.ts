// The exercises' live host judges an attempt as the checker does when called directly: the same verdict for the broken
// start and the worked solution of every exercise, with its trace as the diagram reads it, all plain data; and it
// refuses, by name, what is not an attempt at an exercise.
import { describe, expect, it } from 'vitest';
import { toDiagramEntry } from '../../src/lib/diagram';
import { checkExercise, exercises, type Exercise, type ExerciseId } from '../../src/lib/exercises';
import {
  createExerciseHost,
  MAX_FIELD_LENGTH,
  type ExerciseMessage,
  type ExerciseReply,
  type ExerciseRequest
} from '../../src/lib/live';
import { inPageTransport } from '../../src/lib/ui/live/session';
import { createExerciseClient } from '../../src/lib/ui/live/exercise-session';
import { testKeys } from '../support/keys';

/** A host asked as a worker would be: every message and reply cloned. */
function asker() {
  const host = createExerciseHost({ keys: testKeys });
  let id = 0;
  return async (request: ExerciseRequest): Promise<ExerciseReply> => {
    const message = structuredClone({ ...request, id: ++id }) as ExerciseMessage;
    const reply = await host.handle(message);
    expect(structuredClone(reply)).toEqual(reply);
    expect(reply.id).toBe(id);
    return structuredClone(reply);
  };
}

const NOW = Date.UTC(2026, 10, 28, 9, 0, 0);

const startOf = (exercise: Exercise) =>
  Object.fromEntries(exercise.fields.map((field) => [field.id, field.start]));

describe('exercise host', () => {
  it.each(exercises.map((exercise) => [exercise.id, exercise] as const))(
    '%s: the broken start and the worked solution get the verdict a direct check gives',
    async (_id, exercise) => {
      const ask = asker();
      for (const [attempt, passes] of [
        [startOf(exercise), false],
        [{ ...startOf(exercise), ...exercise.solution }, true]
      ] as const) {
        const reply = await ask({ type: 'exercise:check', exerciseId: exercise.id, attempt, now: NOW });
        if (!reply.ok) throw new Error(`the host refused: ${reply.error}`);
        const direct = await checkExercise(exercise.id, attempt, { keys: testKeys, now: NOW });
        expect(reply.verdict).toEqual(structuredClone(direct));
        if (reply.verdict.kind !== 'checked') throw new Error('the attempt was not checked');
        expect(reply.verdict.passed).toBe(passes);
        expect(reply.diagramEntries).toEqual(reply.verdict.trace.map(toDiagramEntry));
      }
    }
  );

  it('answers JSON that does not parse with the field and its position, and runs nothing', async () => {
    const ask = asker();
    const exercise = exercises.find((candidate) => candidate.fields.some((field) => field.kind === 'json'));
    if (!exercise) throw new Error('no exercise has a JSON field');
    const field = exercise.fields.find((candidate) => candidate.kind === 'json')!;
    const attempt = {
      ...startOf(exercise),
      [field.id]: '{\n  "Version": "2012-10-17",\n  "Statement": [\n}'
    };
    const reply = await ask({ type: 'exercise:check', exerciseId: exercise.id, attempt, now: NOW });
    if (!reply.ok) throw new Error(`the host refused: ${reply.error}`);
    expect(reply.verdict).toEqual(await checkExercise(exercise.id, attempt, { keys: testKeys, now: NOW }));
    expect(reply.verdict).toMatchObject({ kind: 'invalid', field: field.id });
    expect(reply.verdict).toMatchObject({ line: 4, column: 1 });
    if (reply.verdict.kind === 'invalid') expect(reply.verdict.message).toMatch(/^Line 4, column 1: /);
    expect(reply.diagramEntries).toEqual([]);
  });

  it('gives a direct check’s answer to an unknown exercise or field', async () => {
    const ask = asker();
    const exercise = exercises[0]!;
    for (const [exerciseId, attempt] of [
      ['no-such-exercise', startOf(exercise)],
      [exercise.id, { ...startOf(exercise), extra: 'x' }]
    ] as const) {
      const reply = await ask({ type: 'exercise:check', exerciseId, attempt, now: NOW });
      if (!reply.ok) throw new Error(`the host refused: ${reply.error}`);
      expect(reply.verdict).toMatchObject({ kind: 'invalid' });
      expect(reply.verdict).toEqual(
        await checkExercise(exerciseId as ExerciseId, attempt, { keys: testKeys, now: NOW })
      );
    }
  });

  it('refuses what is not an attempt, naming the field and never echoing its text', async () => {
    const ask = asker();
    const exercise = exercises[0]!;
    const start = startOf(exercise);
    const [first] = exercise.fields;
    const refusals: [unknown, RegExp][] = [
      [{ exerciseId: 42, attempt: start }, /the exercise id is not text/],
      [{ exerciseId: exercise.id, attempt: start, now: 'soon' }, /the clock’s start is a number/],
      [{ exerciseId: exercise.id, attempt: null }, /an attempt is an object/],
      [{ exerciseId: exercise.id, attempt: ['x'] }, /an attempt is an object/],
      [
        { exerciseId: exercise.id, attempt: { ...start, [first!.id]: 42 } },
        new RegExp(`"${first!.id}" is not text`)
      ],
      [
        { exerciseId: exercise.id, attempt: { ...start, [first!.id]: 'secret'.repeat(MAX_FIELD_LENGTH) } },
        new RegExp(`"${first!.id}" is longer than ${MAX_FIELD_LENGTH}`)
      ]
    ];
    for (const [body, error] of refusals) {
      const reply = await ask({ type: 'exercise:check', now: NOW, ...(body as object) } as ExerciseRequest);
      expect(reply.ok).toBe(false);
      if (reply.ok) continue;
      expect(reply.error).toMatch(error);
      expect(reply.error).not.toMatch(/secret/);
    }
    const unknown = await ask({ type: 'exercise:guess' } as unknown as ExerciseRequest);
    expect(unknown).toMatchObject({
      ok: false,
      error: 'exercise: there is no request called "exercise:guess"'
    });
    // A refusal does not stop the host: the next attempt is judged.
    expect(
      await ask({ type: 'exercise:check', exerciseId: exercise.id, attempt: start, now: NOW })
    ).toMatchObject({
      ok: true
    });
  });

  it('answers the page’s client through a transport, one check after another', async () => {
    const host = createExerciseHost({ keys: testKeys });
    const client = createExerciseClient(inPageTransport(host));
    const exercise = exercises.find((candidate) => candidate.id === 'own-orders')!;
    const [broken, fixed] = await Promise.all([
      client.check(exercise.id, startOf(exercise), NOW),
      client.check(exercise.id, { ...startOf(exercise), ...exercise.solution }, NOW)
    ]);
    expect(broken.verdict).toMatchObject({ kind: 'checked', passed: false });
    expect(fixed.verdict).toMatchObject({ kind: 'checked', passed: true });
    await expect(client.check(exercise.id, { [exercise.fields[0]!.id]: 7 } as never, NOW)).rejects.toThrow(
      /is not text/
    );
    client.close();
    await expect(client.check(exercise.id, startOf(exercise), NOW)).rejects.toThrow(/closed/);
  });
});
