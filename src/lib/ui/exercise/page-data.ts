// What an exercise page receives from the build: the exercise's fields and worked solution, and its words.
import type { ExerciseField, ExerciseId } from '$lib/exercises';

export interface ExercisePageData {
  id: ExerciseId;
  title: string;
  /** The goal in one sentence (for the page's description and the index). */
  goal: string;
  fields: ExerciseField[];
  /** The worked solution's text for each field, by field id (loaded into the editor when asked). */
  solution: Record<string, string>;
  html: { goal: string; hint: string; solution: string };
}
