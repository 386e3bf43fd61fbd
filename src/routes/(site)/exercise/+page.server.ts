// The exercises' index, at build time: each exercise's title and goal sentence from content/.
import { exerciseIndex } from '$lib/server';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => ({ exercises: exerciseIndex() });
