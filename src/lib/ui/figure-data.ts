// What a figure page receives from the build: the scenario, its complete trace, and its narration.
import type { ScenarioInfo } from '$lib/scenarios';
import type { TraceEntry } from '$lib/sim';

export interface FigureData {
  scenario: ScenarioInfo;
  /** The complete trace of a run at build time: what the page shows before JavaScript runs. */
  entries: TraceEntry[];
  /** How many trace entries exist after each step (index i = after step i + 1). */
  stepEnds: number[];
  narration: {
    title: string;
    lede: string;
    ledeHtml: string;
    introHtml: string;
    steps: Record<string, string>;
  };
}
