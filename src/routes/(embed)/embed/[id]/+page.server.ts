// Prerenders every embed page with the same static figure as its scenario page.
import { figureEntries, loadFigure } from '$lib/server';
import type { EntryGenerator, PageServerLoad } from './$types';

export const entries: EntryGenerator = figureEntries;
export const load: PageServerLoad = ({ params }) => loadFigure(params.id);
