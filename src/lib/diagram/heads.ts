// The sticky strip's markup: a module of its own, so that only the strip (loaded with the page's first scroll)
// carries it.

import type { DiagramLayout } from './layout';
import { lifelineNode, node, num, serialise } from './markup';

/**
 * The participant headers alone, at the diagram's width and scale, down to a little under them: the strip that
 * stays at the top of the screen while the diagram scrolls. Decoration only (the diagram itself names its
 * participants; the strip's container hides it from assistive technology and carries `tp-diagram` for the styles).
 */
export function renderHeadsMarkup(layout: DiagramLayout): string {
  const header = layout.lifelines[0]?.header;
  const height = header ? header.y + header.height + layout.scale.margin / 2 : 0;
  const size = { width: num(layout.width), height: num(height) };
  return serialise(
    node(
      'svg',
      { viewBox: `0 0 ${size.width} ${size.height}`, ...size },
      layout.lifelines.map((lifeline) => lifelineNode({ ...lifeline, y2: height }))
    ),
    true
  );
}
