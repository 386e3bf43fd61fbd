// The public face of the scenarios: their descriptions, and runScenario() to play one headless.

import type { TraceEntry, World } from '../sim';
import { definitions } from './definitions';
import { startRun } from './session';
import type { Scenario } from './types';

export type {
  Scenario,
  ScenarioInfo,
  ScenarioStep,
  ScenarioAction,
  ScenarioGroup,
  ScenarioChange,
  ScenarioRoleMapping,
  ScenarioRoleName
} from './types';
export {
  startRun,
  createStepper,
  memoizedKeys,
  resolveAction,
  resolveChange,
  oneCharacterTypo,
  type ScenarioRun,
  type StepRecord
} from './session';

export { scenarios, describeScenario } from './definitions-info';
export { definitions, MANAGERS } from './definitions';

export function getScenario(id: string): Scenario | undefined {
  return definitions.find((scenario) => scenario.id === id);
}

/** Plays a scenario from its first step to its last against a fresh world (or the one given). */
export async function runScenario(
  id: string,
  options: { seed?: string; world?: World } = {}
): Promise<{ world: World; trace: TraceEntry[]; outcome: 'success' | 'refused' }> {
  const scenario = getScenario(id);
  if (!scenario) throw new Error(`runScenario: no scenario "${id}"`);
  const run = await startRun(scenario, options);
  while (!run.done) await run.next();
  const last = run.steps.at(-1)?.last;
  run.app.stop();
  return { world: run.world, trace: [...run.world.trace.entries], outcome: last?.ok ? 'success' : 'refused' };
}
