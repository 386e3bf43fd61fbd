// Build time only: each figure's oEmbed answer (https://oembed.com, type "rich"), so a platform that reads oEmbed
// embeds a figure from a plain link to its page.

import { EMBED_WIDTH, embedHeight } from '$lib/embed';
import type { FigureData } from '$lib/ui';

/**
 * Where the site is served: oEmbed answers must name absolute URLs, and a static build cannot know its host, so it is
 * told (`TWO_POOLS_ORIGIN` when building); the default is where `npm start` serves it.
 */
export function siteOrigin(environment: Record<string, string | undefined>): string {
  const given = environment.TWO_POOLS_ORIGIN?.trim();
  if (!given) return 'http://127.0.0.1:4173';
  const url = new URL(given);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`TWO_POOLS_ORIGIN must be an http(s) origin, not ${given}`);
  }
  return url.origin;
}

export interface OEmbed {
  version: '1.0';
  type: 'rich';
  title: string;
  provider_name: 'Two Pools';
  provider_url: string;
  html: string;
  width: number;
  height: number;
}

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The oEmbed answer for a figure served from `origin` (`base`: the site's path prefix). */
export function oembedFor(figure: FigureData, origin: string, base: string): OEmbed {
  const height = embedHeight({ ...figure, participants: figure.scenario.participants });
  const src = `${origin}${base}/embed/${figure.scenario.id}/`;
  return {
    version: '1.0',
    type: 'rich',
    title: figure.scenario.title,
    provider_name: 'Two Pools',
    provider_url: `${origin}${base}/`,
    html: `<iframe src="${escape(src)}" title="${escape(`${figure.scenario.title} — Two Pools`)}" width="${EMBED_WIDTH}" height="${height}" style="border:0;max-width:100%" loading="lazy"></iframe>`,
    width: EMBED_WIDTH,
    height
  };
}
