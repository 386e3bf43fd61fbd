// The lesson's four figures as the scenarios really play them: runScenario traces on a fixed seed, clock and key source.

import { getScenario, runScenario } from '../../src/lib/scenarios';
import { createWorld } from '../../src/lib/sim';
import { testKeys } from '../support/keys';
import { figureOf, type Figure } from './fixtures';

/** The instant every figure's world starts at (2025-01-15T10:00:00Z), so dates and expirations repeat. */
export const FIGURE_NOW = Date.UTC(2025, 0, 15, 10, 0, 0);

/** Each figure's golden name and the scenario that plays it. */
export const FIGURE_SCENARIOS = [
  { name: 'figure-1-sign-in', scenario: 'sign-in' },
  { name: 'figure-2-api', scenario: 'call-api' },
  { name: 'figure-3-jwt-at-dynamodb', scenario: 'jwt-to-dynamodb' },
  { name: 'figure-4-identity-pool', scenario: 'identity-pool' }
] as const;

export type FigureName = (typeof FIGURE_SCENARIOS)[number]['name'];

/** Plays `scenarioId` to its end in a world seeded with its own id, and returns its trace as a figure. */
export async function scenarioFigure(name: string, scenarioId: string): Promise<Figure> {
  const scenario = getScenario(scenarioId);
  if (!scenario) throw new Error(`no scenario ${scenarioId}`);
  const world = await createWorld({ seed: scenarioId, now: FIGURE_NOW, keys: testKeys });
  const { trace } = await runScenario(scenarioId, { world });
  return figureOf(name, [...scenario.participants], trace);
}

/** The four figures, by golden name, played one after the other. */
export async function scenarioFigures(): Promise<Record<FigureName, Figure>> {
  const figures: Partial<Record<FigureName, Figure>> = {};
  for (const { name, scenario } of FIGURE_SCENARIOS) figures[name] = await scenarioFigure(name, scenario);
  return figures as Record<FigureName, Figure>;
}
