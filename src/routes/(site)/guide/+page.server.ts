// The guide's data, at build time: its words from content/guide/, the titles of the scenarios it links to, and
// every architecture it can draw, as static SVG (so the page carries no layout or text-measuring code).
import { guide } from '$lib/content';
import {
  architectureId,
  architectureMarkup,
  architectureSteps,
  drawArchitecture,
  everyAnswers,
  layoutArchitecture,
  recommend
} from '$lib/guide';
import { scenarios } from '$lib/scenarios/definitions-info';
import type { PageServerLoad } from './$types';

/** Widths in CSS px: the narrow drawing fits a 360px phone, the wide one a column beside the questions. */
const WIDTHS = { narrow: 296, wide: 560 } as const;

export interface ArchitectureFigure {
  /** Both drawings, narrow then wide; the page's CSS shows the one that fits. */
  markup: string;
  /** The arrows in words, in order. */
  steps: string[];
}

function architectureFigures(): Record<string, ArchitectureFigure> {
  const figures: Record<string, ArchitectureFigure> = {};
  for (const answers of everyAnswers()) {
    const { architecture } = recommend(answers);
    const id = architectureId(architecture);
    if (figures[id]) continue;
    const drawing = drawArchitecture(architecture);
    const steps = architectureSteps(drawing);
    const markup = (['narrow', 'wide'] as const)
      .map((size) =>
        architectureMarkup(layoutArchitecture(drawing, WIDTHS[size]), {
          id: `architecture-${size}`,
          title: `The architecture: ${steps.join('; ')}.`,
          className: size
        })
      )
      .join('');
    figures[id] = { markup, steps };
  }
  return figures;
}

export const load: PageServerLoad = () => ({
  guide,
  scenarioTitles: Object.fromEntries(scenarios.map((scenario) => [scenario.id, scenario.title])),
  architectures: architectureFigures()
});
