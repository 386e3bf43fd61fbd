// Build time only: each exercise's page data (its fields, worked solution and words from content/), and the index.

import { error } from '@sveltejs/kit';
import { getExerciseText } from '$lib/content';
import { exercises, getExercise } from '$lib/exercises';
import type { ExercisePageData } from '$lib/ui';

export function exerciseEntries() {
  return exercises.map((exercise) => ({ id: exercise.id }));
}

export function loadExercise(id: string): ExercisePageData {
  const exercise = getExercise(id);
  if (!exercise) error(404, `There is no exercise called "${id}".`);
  const text = getExerciseText(exercise.id);
  if (!text) error(500, `The exercise "${id}" has no words in content/exercises/.`);
  return {
    id: exercise.id,
    title: text.title,
    goal: text.goal,
    fields: exercise.fields,
    solution: exercise.solution,
    html: { goal: text.goalHtml, hint: text.hintHtml, solution: text.solutionHtml }
  };
}

/** Every exercise, in the course's order: its title and its goal in one sentence (rendered inline). */
export function exerciseIndex(): { id: string; title: string; goalHtml: string }[] {
  return exercises.map((exercise) => {
    const text = getExerciseText(exercise.id);
    if (!text) error(500, `The exercise "${exercise.id}" has no words in content/exercises/.`);
    return { id: exercise.id, title: text.title, goalHtml: text.goalLineHtml };
  });
}
