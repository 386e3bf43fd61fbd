// The home page's data, at build time: the introduction from content/ and the scenarios by group.
import { introduction } from '$lib/content';
import { scenarios } from '$lib/scenarios/definitions-info';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => ({
  introduction: { title: introduction.title, html: introduction.html },
  scenarios
});
