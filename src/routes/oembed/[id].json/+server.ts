// Each figure's oEmbed answer as a static JSON file, linked from its page (<link rel="alternate" …>).
import { json } from '@sveltejs/kit';
import { base } from '$app/paths';
import { figureEntries, loadFigure, oembedFor, siteOrigin } from '$lib/server';
import type { EntryGenerator, RequestHandler } from './$types';

export const prerender = true;
export const entries: EntryGenerator = figureEntries;

export const GET: RequestHandler = async ({ params }) =>
  json(oembedFor(await loadFigure(params.id), siteOrigin(process.env), base));
