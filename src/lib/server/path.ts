// The course as the build knows it: every scenario and exercise, in the order a learner meets them.
import { error } from '@sveltejs/kit';
import { getExerciseText } from '$lib/content';
import { exercises } from '$lib/exercises';
import { buildPath, type PathSection } from '$lib/path';
import { scenarios } from '$lib/scenarios/definitions-info';

export function coursePath(): PathSection[] {
  const outlines = exercises.map((exercise) => {
    const text = getExerciseText(exercise.id);
    if (!text) error(500, `The exercise "${exercise.id}" has no words in content/exercises/.`);
    return { id: exercise.id, title: text.title, goal: text.goal };
  });
  return buildPath(scenarios, outlines);
}
