// What a figure page receives from the build: the scenario, its trace as the diagram reads it, and its narration.
import type { DiagramEntry } from '$lib/diagram';
import type { ScenarioInfo } from '$lib/scenarios';
import type { TraceEntry } from '$lib/sim';

export interface FigureData {
  scenario: ScenarioInfo;
  /**
   * The complete trace of a run at build time, bodies and tokens included. Going away (issue 12): the page
   * shows `diagramEntries`, and the live world has the full record once it runs.
   */
  entries: TraceEntry[];
  /** The same run as the diagram and its text version read it: no body, header, token or credential. */
  diagramEntries: DiagramEntry[];
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
