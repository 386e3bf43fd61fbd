// What a figure page receives from the build: the scenario, its trace as the diagram reads it, and its narration.
import type { Prediction } from '$lib/content';
import type { DiagramEntry } from '$lib/diagram';
import type { ScenarioInfo } from '$lib/scenarios';

export interface FigureData {
  scenario: ScenarioInfo;
  /**
   * A run at build time as the diagram and its text version read it: no body, header, token or credential
   * (the live world, once it runs, has the full record).
   */
  diagramEntries: DiagramEntry[];
  /** How many trace entries exist after each step (index i = after step i + 1). */
  stepEnds: number[];
  narration: {
    title: string;
    lede: string;
    ledeHtml: string;
    introHtml: string;
    steps: Record<string, string>;
    /** Step id → the question asked before that step's answer is shown (`ui/stage/Prediction.svelte`). */
    predictions: Record<string, Prediction>;
  };
}
