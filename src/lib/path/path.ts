// The course: "Start here" (the four figures), then each group's scenarios, then the exercises, as stops in order.

import type { ScenarioGroup, ScenarioInfo } from '../scenarios';
import { stopState, type Progress, type StopId } from './progress';

export interface PathStop {
  id: StopId;
  kind: 'scenario' | 'exercise';
  /** The scenario's or exercise's id. */
  slug: string;
  title: string;
  /** A word above the title: "Figure 2" for the four figures. */
  kicker?: string;
  summary: string;
  /** The page, from the site's root (`/scenario/sign-in/`); the UI resolves it against the base path. */
  path: `/scenario/${string}/` | `/exercise/${string}/`;
}

export interface PathSection {
  id: string;
  title: string;
  stops: PathStop[];
}

/** What the path needs to know of an exercise. */
export interface ExerciseOutline {
  id: string;
  title: string;
  /** The goal in one sentence. */
  goal: string;
}

/** The groups after the figures, in the order a learner meets them. */
export const GROUP_TITLES: readonly { id: Exclude<ScenarioGroup, 'figures'>; title: string }[] = [
  { id: 'registration', title: 'Registration' },
  { id: 'federation', title: 'Federation & guests' },
  { id: 'failures', title: 'When things go wrong' },
  { id: 'fine-grained', title: 'Fine-grained access' },
  { id: 'mix-ups', title: 'Common mix-ups' },
  { id: 'managed-login', title: 'Managed login (OAuth 2.0)' }
];

const scenarioStop = (scenario: ScenarioInfo): PathStop => ({
  id: `scenario:${scenario.id}`,
  kind: 'scenario',
  slug: scenario.id,
  title: scenario.title,
  summary: scenario.summary,
  path: `/scenario/${scenario.id}/`
});

/** The whole path. Every scenario appears exactly once; a scenario in no known group is an error, not a gap. */
export function buildPath(
  scenarios: readonly ScenarioInfo[],
  exercises: readonly ExerciseOutline[]
): PathSection[] {
  const known = new Set<ScenarioGroup>(['figures', ...GROUP_TITLES.map((group) => group.id)]);
  const stray = scenarios.find((scenario) => !known.has(scenario.group));
  if (stray)
    throw new Error(
      `buildPath: scenario "${stray.id}" is in group "${stray.group}", which the path does not know`
    );
  const figures = scenarios
    .filter((scenario) => scenario.group === 'figures')
    .sort((a, b) => (a.figure ?? 0) - (b.figure ?? 0));
  const sections: PathSection[] = [
    {
      id: 'start',
      title: 'Start here: the four figures',
      stops: figures.map((scenario) => ({ ...scenarioStop(scenario), kicker: `Figure ${scenario.figure}` }))
    }
  ];
  for (const group of GROUP_TITLES) {
    const stops = scenarios.filter((scenario) => scenario.group === group.id).map(scenarioStop);
    if (stops.length > 0) sections.push({ id: group.id, title: group.title, stops });
  }
  if (exercises.length > 0) {
    sections.push({
      id: 'exercises',
      title: 'Fix what is broken',
      stops: exercises.map((exercise) => ({
        id: `exercise:${exercise.id}`,
        kind: 'exercise',
        slug: exercise.id,
        title: exercise.title,
        summary: exercise.goal,
        path: `/exercise/${exercise.id}/`
      }))
    });
  }
  return sections;
}

const stopsOf = (path: readonly PathSection[]): PathStop[] => path.flatMap((section) => section.stops);

/** The stop after `stop` on the path, or undefined at the end. */
export function nextStop(path: readonly PathSection[], stop: StopId): PathStop | undefined {
  const stops = stopsOf(path);
  const index = stops.findIndex((candidate) => candidate.id === stop);
  return index === -1 ? undefined : stops[index + 1];
}

/**
 * Where "Continue where you left off" goes: the last stop if it is not done yet, else the first stop after it that
 * is not done, else the first not done anywhere. Undefined for a new learner (nothing to continue) and at the end.
 */
export function continueStop(path: readonly PathSection[], progress: Progress): PathStop | undefined {
  if (progress.last === undefined) return undefined;
  const stops = stopsOf(path);
  const lastIndex = stops.findIndex((stop) => stop.id === progress.last);
  const open = (stop: PathStop) => stopState(progress, stop.id) !== 'done';
  if (lastIndex === -1) return stops.find(open);
  return [...stops.slice(lastIndex), ...stops.slice(0, lastIndex)].find(open);
}

/** How many stops are done, of how many. */
export function pathCount(path: readonly PathSection[], progress: Progress): { done: number; total: number } {
  const stops = stopsOf(path);
  return {
    done: stops.filter((stop) => stopState(progress, stop.id) === 'done').length,
    total: stops.length
  };
}
