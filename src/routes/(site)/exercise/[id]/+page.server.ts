// Prerenders every exercise page: its broken configuration, goal, hint and worked solution ship as HTML.
import { exerciseEntries, loadExercise } from '$lib/server';
import type { EntryGenerator, PageServerLoad } from './$types';

export const entries: EntryGenerator = exerciseEntries;
export const load: PageServerLoad = ({ params }) => ({ exercise: loadExercise(params.id) });
