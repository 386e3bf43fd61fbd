// The diagram as a self-contained SVG file: the same element tree the page draws (diagram/markup.ts), with the
// theme's colours resolved into literal values, a background, and a <title> and <desc>, so it opens on its own in
// a browser or an editor.

import {
  DIAGRAM_CSS,
  diagramTree,
  layoutDiagram,
  node,
  num,
  serialise,
  type DiagramEntry,
  type DiagramLayout,
  type SvgNode
} from '../diagram';
import type { ParticipantId } from '../sim';

export type ExportTheme = 'light' | 'dark';

/**
 * The theme's colours (src/lib/ui/theme.css, the two sides of each `light-dark()`), as literal values: an exported
 * file has no stylesheet to read them from. tests/export/svg.test.ts holds them equal to theme.css.
 */
export const THEME_COLOURS: Readonly<Record<ExportTheme, Readonly<Record<string, string>>>> = {
  light: {
    bg: '#ffffff',
    surface: '#f3f5f8',
    text: '#14202b',
    muted: '#4a5866',
    border: '#c5ced8',
    accent: '#0a5c8a',
    'user-pool': '#0b6e99',
    'identity-pool': '#8a4b00',
    refused: '#b3261e'
  },
  dark: {
    bg: '#0f1720',
    surface: '#18232f',
    text: '#e8eef4',
    muted: '#a9b6c3',
    border: '#3a4a5a',
    accent: '#7cc4ff',
    'user-pool': '#6cc6f0',
    'identity-pool': '#ffb45c',
    refused: '#ff8a80'
  }
};

/** The monospace stack of theme.css (`--mono`), for the wire lines. */
export const MONO_STACK = "ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', monospace";

/** The width an exported diagram is laid out at: the full type scale, as on a wide screen. */
export const EXPORT_WIDTH = 1120;

/**
 * The diagram's stylesheet with every `var(--name, fallback)` replaced by the theme's value for it (the fallback
 * where the theme has none), so no rule depends on a custom property.
 */
export function resolveThemeCss(css: string, theme: ExportTheme): string {
  const colours = THEME_COLOURS[theme];
  return css.replace(/var\(--([\w-]+)(?:,([^()]*))?\)/g, (match, name: string, fallback?: string) =>
    name === 'mono' ? MONO_STACK : (colours[name] ?? fallback ?? match)
  );
}

export interface SvgExportInput {
  participants: readonly ParticipantId[];
  /** The trace as the diagram reads it. */
  entries: readonly DiagramEntry[];
  /** How many entries to show: all of them for the complete figure. */
  step: number;
  /** The first entry drawn as current, as on the page (default: the last one shown, as the finished figure). */
  currentFrom?: number;
  theme: ExportTheme;
  /** The file's <title>: the figure's name. */
  title: string;
  /** The file's <desc>; the layout's own summary of what the diagram shows when absent. */
  description?: string;
  width?: number;
}

export interface SvgExport {
  svg: string;
  layout: DiagramLayout;
  width: number;
  height: number;
}

/** The diagram as a standalone SVG document (UTF-8, with its XML declaration). */
export function exportSvg(input: SvgExportInput): SvgExport {
  const step = Math.max(0, Math.min(input.step, input.entries.length));
  const layout = layoutDiagram({
    participants: input.participants,
    entries: input.entries,
    step,
    width: input.width ?? EXPORT_WIDTH,
    options: input.currentFrom === undefined ? {} : { currentFrom: input.currentFrom }
  });
  const tree = diagramTree(layout, { idPrefix: 'tp-export' });
  const description = input.description ?? layout.description;
  const children: SvgNode[] = tree.children.map((child) =>
    child.tag === 'style' ? node('style', {}, [], resolveThemeCss(DIAGRAM_CSS, input.theme)) : child
  );
  const attrs: Record<string, string> = { ...tree.attrs };
  // The accessible name comes from the <title> and <desc> the file carries, which editors show too.
  delete attrs['aria-label'];
  attrs['aria-labelledby'] = 'tp-export-title';
  attrs['aria-describedby'] = 'tp-export-desc';
  const svg: SvgNode = {
    ...tree,
    attrs,
    children: [
      node('title', { id: 'tp-export-title' }, [], input.title),
      node('desc', { id: 'tp-export-desc' }, [], description),
      // An image on its own has no page behind it: the theme's background is part of the picture.
      node('rect', {
        width: num(layout.width),
        height: num(layout.height),
        fill: THEME_COLOURS[input.theme].bg ?? '#ffffff'
      }),
      ...children
    ]
  };
  return {
    svg: `<?xml version="1.0" encoding="UTF-8"?>\n${serialise(svg, true)}\n`,
    layout,
    width: layout.width,
    height: layout.height
  };
}

/** How many arrows a layout draws (rows not yet revealed are not drawn). */
export function drawnArrows(layout: DiagramLayout): number {
  return layout.rows.filter((row) => row.state !== 'future').length;
}
