// Prerenders every scenario page: the scenario runs at build time and its diagram ships as HTML.
import { figureEntries, loadFigure } from '$lib/server';
import type { EntryGenerator, PageServerLoad } from './$types';

export const entries: EntryGenerator = figureEntries;
export const load: PageServerLoad = ({ params }) => loadFigure(params.id);
