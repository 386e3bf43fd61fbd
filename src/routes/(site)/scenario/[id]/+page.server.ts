// Prerenders every scenario page: the scenario runs at build time and its diagram ships as HTML; the path names the
// stop after it.
import { nextStop } from '$lib/path';
import { coursePath, figureEntries, loadFigure } from '$lib/server';
import type { EntryGenerator, PageServerLoad } from './$types';

export const entries: EntryGenerator = figureEntries;
export const load: PageServerLoad = async ({ params }) => ({
  ...(await loadFigure(params.id)),
  next: nextStop(coursePath(), `scenario:${params.id}`)
});
