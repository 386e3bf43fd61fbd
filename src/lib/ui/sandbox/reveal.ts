// Brings the arrows an action has just drawn into view: waits until the diagram holds them, then scrolls the
// window (and the diagram's own sideways scroller) by the least that shows them clear of anything sticky.

export interface RevealRequest {
  /** The element the diagram's svg is drawn in. */
  stage: HTMLElement;
  /** The rows to show (`t3:request`…), top to bottom: the last one, the newest, matters most. */
  rowIds: readonly string[];
  /**
   * Elements that may stick to the top of the window over the diagram (the narrow palette strip, the last
   * result): the rows are placed below them. Those beside the diagram, not over it, are left out.
   */
  sticky: readonly (HTMLElement | undefined)[];
  reducedMotion: boolean;
  /** How long to wait for the drawing to hold the rows before giving up, in ms. */
  timeout?: number;
  /** How long the placement follows the svg's size once the rows are there, in ms. */
  settle?: number;
}

/** Space kept between the rows and the edge of what the learner sees. */
const MARGIN = 12;

/**
 * Waits (without polling) for the stage's svg to hold the last of `rowIds`, then scrolls them into view, and
 * again while the svg settles: the browser may lay out a drawing's new size a few frames after the drawing
 * set it, so the placement follows the svg's size for a moment (`settle` ms) and corrects itself. Nothing
 * takes focus: the keyboard stays where the learner left it. Returns a function that stops a reveal still
 * under way (a later action's reveal replaces it).
 */
export function revealRows(request: RevealRequest): () => void {
  const { stage, rowIds, timeout = 5_000, settle = 1_000 } = request;
  const newest = rowIds.at(-1);
  if (newest === undefined) return () => {};
  let done = false;
  let sizes: ResizeObserver | undefined;
  const find = (id: string) =>
    [...stage.querySelectorAll('svg g.rows > g.row')].find((row) => row.getAttribute('data-id') === id);
  const finish = () => {
    done = true;
    observer.disconnect();
    sizes?.disconnect();
    clearTimeout(timer);
  };
  const place = () => {
    if (!done)
      scrollToRows(
        request,
        rowIds.map(find).filter((row) => row !== undefined)
      );
  };
  const attempt = () => {
    const svg = stage.querySelector('svg');
    if (done || sizes || !svg || find(newest) === undefined) return;
    observer.disconnect();
    clearTimeout(timer);
    timer = setTimeout(finish, settle);
    // A ResizeObserver reports after layout, once on observing and again whenever the svg's size changes.
    sizes = new ResizeObserver(place);
    sizes.observe(svg);
  };
  // The drawing code loads on first use and inserts each new row complete: watch for it rather than poll.
  const observer = new MutationObserver(attempt);
  observer.observe(stage, { childList: true, subtree: true });
  let timer = setTimeout(finish, timeout);
  attempt();
  return finish;
}

/** The top of the window the sticky elements leave free over the diagram, once they are stuck. */
function clearTop(stage: HTMLElement, sticky: readonly (HTMLElement | undefined)[]): number {
  const across = stage.getBoundingClientRect();
  let top = 0;
  for (const element of sticky) {
    if (!element) continue;
    const style = getComputedStyle(element);
    if (style.position !== 'sticky' && style.position !== 'fixed') continue;
    const box = element.getBoundingClientRect();
    if (box.right <= across.left || box.left >= across.right || box.height === 0) continue;
    // Where it sits once stuck (its `top`), whatever the page's scroll is now.
    top = Math.max(top, (Number.parseFloat(style.top) || 0) + box.height);
  }
  return top;
}

function scrollToRows(request: RevealRequest, rows: Element[]) {
  const newest = rows.at(-1);
  if (!newest) return;
  const behavior: ScrollBehavior = request.reducedMotion ? 'instant' : 'smooth';
  const boxes = rows.map((row) => row.getBoundingClientRect());
  const last = newest.getBoundingClientRect();
  const top = Math.min(...boxes.map((box) => box.top));
  const bottom = Math.max(...boxes.map((box) => box.bottom));

  // Down: all the new rows if they fit, else the newest at the bottom; up only if they are above the view.
  const viewTop = clearTop(request.stage, request.sticky) + MARGIN;
  const viewBottom = window.innerHeight - MARGIN;
  let dy = 0;
  if (bottom - top <= viewBottom - viewTop) {
    if (bottom > viewBottom) dy = bottom - viewBottom;
    else if (top < viewTop) dy = top - viewTop;
  } else {
    dy = last.bottom - viewBottom;
  }

  // Sideways, in a diagram wider than its column: the new rows if they fit, else the newest, else its middle.
  const scroller = request.stage.querySelector<HTMLElement>('.diagram');
  if (scroller && scroller.scrollWidth > scroller.clientWidth + 1) {
    const frame = scroller.getBoundingClientRect();
    const at = (x: number) => x - frame.left + scroller.scrollLeft;
    const spans = [
      [at(Math.min(...boxes.map((box) => box.left))), at(Math.max(...boxes.map((box) => box.right)))],
      [at(last.left), at(last.right)]
    ] as const;
    const width = scroller.clientWidth - 2 * MARGIN;
    const fits = spans.find(([from, to]) => to - from <= width);
    let left = scroller.scrollLeft;
    if (fits) {
      const [from, to] = fits;
      if (from - MARGIN < left) left = from - MARGIN;
      else if (to + MARGIN > left + scroller.clientWidth) left = to + MARGIN - scroller.clientWidth;
    } else {
      left = (at(last.left) + at(last.right)) / 2 - scroller.clientWidth / 2;
    }
    if (Math.abs(left - scroller.scrollLeft) >= 1) scroller.scrollTo({ left, behavior });
  }
  if (Math.abs(dy) >= 1) window.scrollBy({ top: dy, behavior });
}
