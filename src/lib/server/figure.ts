// Build time only: plays a scenario in Node so its page ships the complete diagram and narration as static HTML.

import { error } from '@sveltejs/kit';
import { getNarration } from '$lib/content';
import { toDiagramEntry } from '$lib/diagram';
import { getScenario, scenarios, startRun } from '$lib/scenarios';
import type { FigureData } from '$lib/ui';

export type { FigureData };

export function figureEntries() {
  return scenarios.map((scenario) => ({ id: scenario.id }));
}

export async function loadFigure(id: string): Promise<FigureData> {
  const scenario = getScenario(id);
  const info = scenarios.find((candidate) => candidate.id === id);
  const narration = getNarration(id);
  if (!scenario || !info) error(404, `There is no scenario called "${id}".`);
  if (!narration) error(500, `The scenario "${id}" has no narration in content/.`);
  const run = await startRun(scenario, { seed: scenario.id });
  while (!run.done) await run.next();
  run.app.stop();
  let count = 0;
  const stepEnds = run.steps.map((step) => (count += step.entries.length));
  return {
    scenario: info,
    diagramEntries: run.world.trace.entries.map(toDiagramEntry),
    stepEnds,
    narration: {
      title: narration.title,
      lede: narration.lede,
      ledeHtml: narration.ledeHtml,
      introHtml: narration.introHtml,
      steps: Object.fromEntries(narration.steps),
      predictions: Object.fromEntries(narration.predictions)
    }
  };
}
