// Keeping the current step's arrows in sight while the figure plays: loaded with the player (the learner's first
// action), since nothing follows before then.

import type { DiagramLayout } from '$lib/diagram';

export interface FollowView {
  svg: SVGSVGElement;
  layout: DiagramLayout;
  /** What is kept clear at the top of the screen (the sticky bar, the sticky headers), in px. */
  clear: number;
  /** The step's words: on a narrow screen they sit at the bottom of it, and the arrows go above them. */
  words: HTMLElement | undefined;
  reducedMotion: boolean;
}

/**
 * Scrolls the page (and a diagram that scrolls sideways) by the least that shows the current rows below what is
 * kept clear. Geometry comes from the layout, so it does not wait for drawing.
 */
export function followCurrent({ svg, layout, clear, words, reducedMotion }: FollowView): void {
  const rows = layout.rows.filter((row) => row.state === 'current');
  if (rows.length === 0) return;
  const top = Math.min(...rows.map((row) => Math.min(row.labelBox.y, row.y)));
  const bottom = Math.max(...rows.map((row) => Math.max(row.labelBox.y + row.labelBox.height, row.y)));
  const box = svg.getBoundingClientRect();
  const scale = box.width / layout.width || 1;
  const margin = 16;
  // The diagram's sticky header strip (Diagram.svelte) stands under the bar once the real headers scroll away.
  const stage = svg.closest<HTMLElement>('.diagram-stage');
  const strip = stage
    ? parseFloat(getComputedStyle(stage).getPropertyValue('--diagram-header-height')) || 0
    : 0;
  const viewTop = clear + strip + margin;
  const pinned = words !== undefined && getComputedStyle(words).bottom === '0px';
  const wordsBox = pinned ? words.getBoundingClientRect() : undefined;
  const wordsAtBottom =
    wordsBox !== undefined && wordsBox.top > viewTop && wordsBox.bottom >= window.innerHeight - 2;
  const viewBottom = (wordsAtBottom ? wordsBox.top : window.innerHeight) - margin;
  const rowTop = box.top + top * scale;
  const rowBottom = box.top + bottom * scale;
  let delta = 0;
  if (rowBottom > viewBottom) delta = rowBottom - viewBottom;
  if (rowTop - delta < viewTop) delta = rowTop - viewTop;
  const behavior: ScrollBehavior = reducedMotion ? 'instant' : 'smooth';
  if (Math.abs(delta) > 2) window.scrollBy({ top: delta, behavior });
  const scroller = svg.parentElement;
  if (layout.scroll && scroller) {
    const left = Math.min(...rows.map((row) => Math.min(row.x1, row.x2, row.labelBox.x)));
    const right = Math.max(
      ...rows.map((row) => Math.max(row.x1, row.x2, row.labelBox.x + row.labelBox.width))
    );
    const visible = scroller.clientWidth;
    if (left < scroller.scrollLeft || right > scroller.scrollLeft + visible) {
      scroller.scrollTo({
        left: Math.max(0, right - visible > left ? left - margin : right - visible + margin),
        behavior
      });
    }
  }
}
