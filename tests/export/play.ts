// Scenarios played to their end on a fixed seed, clock and key source: the full trace and its diagram entries.

import { toDiagramEntry, type DiagramEntry } from '../../src/lib/diagram';
import { getScenario, runScenario } from '../../src/lib/scenarios';
import { createWorld, type ParticipantId, type TraceEntry } from '../../src/lib/sim';
import { testKeys } from '../support/keys';

export const PLAY_NOW = Date.UTC(2025, 0, 15, 10, 0, 0);

export interface Played {
  title: string;
  participants: ParticipantId[];
  trace: TraceEntry[];
  entries: DiagramEntry[];
}

export async function play(scenarioId: string): Promise<Played> {
  const scenario = getScenario(scenarioId);
  if (!scenario) throw new Error(`no scenario ${scenarioId}`);
  const world = await createWorld({ seed: scenarioId, now: PLAY_NOW, keys: testKeys });
  const { trace } = await runScenario(scenarioId, { world });
  return {
    title: scenario.title,
    participants: [...scenario.participants],
    trace: [...trace],
    entries: trace.map(toDiagramEntry)
  };
}
