// The scenarios' public descriptions without the simulation behind them: for pages that only list them.
import { definitions } from './definitions';
import type { Scenario, ScenarioInfo } from './types';

export function describeScenario(scenario: Scenario): ScenarioInfo {
  return {
    id: scenario.id,
    title: scenario.title,
    ...(scenario.figure ? { figure: scenario.figure } : {}),
    group: scenario.group,
    summary: scenario.summary,
    participants: [...scenario.participants],
    steps: scenario.steps.map(({ id, title }) => ({ id, title })),
    outcome: scenario.outcome
  };
}

export const scenarios: ScenarioInfo[] = definitions.map(describeScenario);
