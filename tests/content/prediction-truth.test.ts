// Every prediction's right answer is what the simulation really answers: each scenario with one is played, the
// asked exchange found in its step, and its status and error read from the wire; no wrong choice matches too.
import { describe, expect, it } from 'vitest';
import { narrations, type PredictionExpect } from '../../src/lib/content';
import { findExchange } from '../../src/lib/diagram';
import { getScenario, startRun } from '../../src/lib/scenarios';
import { readAwsError, type TraceEntry } from '../../src/lib/sim';

/** Whether a recorded answer is the one `expect` names: its status, and its error's code and message if named. */
function answers(entry: TraceEntry, expected: PredictionExpect): boolean {
  if (entry.response.status !== expected.status) return false;
  const error = readAwsError(entry.response);
  if (expected.code !== undefined && error?.code !== expected.code) return false;
  return expected.message === undefined || error?.message === expected.message;
}

const predicted = [...narrations.values()].flatMap((narration) =>
  [...narration.predictions].map(([stepId, prediction]) => ({
    scenarioId: narration.scenario,
    stepId,
    prediction
  }))
);

describe('predictions agree with the simulation', () => {
  it('asks in figures 2, 3 and 4 and in at least three other scenarios', () => {
    const scenarios = new Set(predicted.map((item) => item.scenarioId));
    for (const figure of ['call-api', 'jwt-to-dynamodb', 'identity-pool'])
      expect(scenarios).toContain(figure);
    expect(scenarios.size).toBeGreaterThanOrEqual(6);
  });

  it.each(predicted.map((item) => [`${item.scenarioId}/${item.stepId}`, item] as const))(
    '%s: the marked choice is the real answer, and no other choice is',
    async (_name, { scenarioId, stepId, prediction }) => {
      // startRun rather than runScenario: the question belongs to one step, and only a run keeps the steps apart.
      const scenario = getScenario(scenarioId);
      if (!scenario) throw new Error(`no scenario ${scenarioId}`);
      const run = await startRun(scenario, { seed: scenarioId });
      while (!run.done) await run.next();
      run.app.stop();
      const step = run.steps.find((record) => record.stepId === stepId);
      expect(step, `step ${stepId} ran`).toBeDefined();
      const asked = findExchange(step?.entries ?? [], prediction.exchange);
      expect(asked, `${stepId} has an exchange ${JSON.stringify(prediction.exchange)}`).toBeDefined();
      if (!asked) return;
      const matching = prediction.choices.filter((choice) => answers(asked, choice.expect));
      const error = readAwsError(asked.response);
      expect(
        matching.map((choice) => ({ id: choice.id, right: choice.right })),
        `the wire said ${asked.response.status} ${error?.code ?? ''} ${error?.message ?? ''}`
      ).toEqual([{ id: prediction.choices.find((choice) => choice.right)?.id, right: true }]);
    }
  );
});
