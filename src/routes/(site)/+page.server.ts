// The home page's data, at build time: the introduction from content/ and the path (figures, groups, exercises).
import { introduction } from '$lib/content';
import { coursePath } from '$lib/server';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => ({
  introduction: {
    title: introduction.title,
    description: introduction.description,
    leadHtml: introduction.leadHtml,
    html: introduction.html
  },
  path: coursePath()
});
