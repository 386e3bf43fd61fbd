// The SVG export: well-formed XML that stands on its own (namespace, viewBox, title and desc, no custom property),
// in the page's theme, with the same arrows as the layout; complete or up to a step.

import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { drawnArrows, exportSvg, MONO_STACK, THEME_COLOURS } from '../../src/lib/export';
import { play, type Played } from './play';

function parse(svg: string): Document {
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
  const error = doc.getElementsByTagName('parsererror')[0];
  if (error) throw new Error(`not well-formed: ${error.textContent}`);
  return doc;
}

describe('exportSvg', () => {
  const played: Record<string, Played> = {};
  beforeAll(async () => {
    for (const id of ['identity-pool', 'jwt-to-dynamodb', 'tampered-token']) played[id] = await play(id);
  }, 120_000);

  it('is a well-formed, self-contained SVG document with the layout’s arrows', () => {
    for (const [id, run] of Object.entries(played)) {
      const { svg, layout } = exportSvg({
        participants: run.participants,
        entries: run.entries,
        step: run.entries.length,
        theme: 'light',
        title: run.title
      });
      expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
      const doc = parse(svg);
      const root = doc.documentElement;
      expect(root.tagName).toBe('svg');
      expect(root.namespaceURI).toBe('http://www.w3.org/2000/svg');
      expect(root.getAttribute('viewBox')).toBe(`0 0 ${layout.width} ${layout.height}`);
      expect(root.firstElementChild?.tagName).toBe('title');
      expect(root.firstElementChild?.textContent).toBe(run.title);
      expect(root.children[1]?.tagName).toBe('desc');
      expect(root.children[1]?.textContent).toBe(layout.description);
      const arrows = root.querySelectorAll('line.arrow');
      expect(arrows.length, id).toBe(layout.rows.length);
      expect(arrows.length).toBe(2 * run.entries.length);
      expect(drawnArrows(layout)).toBe(arrows.length);
      // Complete, as the finished figure on the page: the last exchange's two arrows are the current ones.
      expect(root.querySelectorAll('.row.current')).toHaveLength(2);
      expect(root.querySelectorAll('.row.future')).toHaveLength(0);
      // Self-contained: no custom property, no external reference (markers are the file's own).
      expect(svg).not.toContain('var(');
      for (const use of svg.matchAll(/url\(([^)]*)\)/g)) expect(use[1]?.startsWith('#tp-export-')).toBe(true);
      expect(svg).not.toMatch(/href=/);
    }
  });

  it('draws up to a step with that step’s arrows current', () => {
    const run = played['identity-pool'] as Played;
    const { svg, layout } = exportSvg({
      participants: run.participants,
      entries: run.entries,
      step: 3,
      currentFrom: 2,
      theme: 'light',
      title: run.title
    });
    const root = parse(svg).documentElement;
    expect(root.querySelectorAll('line.arrow')).toHaveLength(6);
    expect(drawnArrows(layout)).toBe(6);
    expect(root.querySelectorAll('.row.current')).toHaveLength(2);
  });

  it('resolves the theme’s colours, light or dark, into literal values', () => {
    const run = played['jwt-to-dynamodb'] as Played;
    const input = {
      participants: run.participants,
      entries: run.entries,
      step: run.entries.length,
      title: run.title
    };
    const light = exportSvg({ ...input, theme: 'light' }).svg;
    const dark = exportSvg({ ...input, theme: 'dark' }).svg;
    expect(light).toContain(`fill="${THEME_COLOURS.light.bg}"`);
    expect(dark).toContain(`fill="${THEME_COLOURS.dark.bg}"`);
    expect(light).toContain(`stroke:${THEME_COLOURS.light.refused}`);
    expect(dark).toContain(`stroke:${THEME_COLOURS.dark.refused}`);
    expect(dark).not.toContain(THEME_COLOURS.light.refused);
    expect(light).toContain(MONO_STACK);
  });

  it('keeps its colours and mono stack equal to theme.css', () => {
    const css = readFileSync('src/lib/ui/theme.css', 'utf8');
    for (const [name, light] of Object.entries(THEME_COLOURS.light)) {
      const match = new RegExp(`--${name}: light-dark\\((#[0-9a-f]+), (#[0-9a-f]+)\\)`).exec(css);
      expect(match, name).not.toBeNull();
      expect(light, name).toBe(match?.[1]);
      expect(THEME_COLOURS.dark[name], name).toBe(match?.[2]);
    }
    expect(css).toContain(`--mono: ${MONO_STACK};`);
  });
});
