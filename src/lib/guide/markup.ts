// An architecture layout as static SVG markup: pure, so the page shows it with {@html} and needs no SVG template code.

import { node, num, serialise, type SvgNode } from '../diagram';
import { ARCHITECTURE_FONT, TYPE, type ArchitectureLayout, type TextLine } from './layout';

/** Room around the drawing for the outlines' stroke. */
const MARGIN = 2;

function texts(lines: readonly TextLine[]): SvgNode[] {
  return lines.map((line) =>
    node(
      'text',
      {
        class: line.kind,
        x: num(line.x),
        y: num(line.y),
        'text-anchor': line.anchor,
        'font-size': num(TYPE[line.kind].size)
      },
      [],
      line.text
    )
  );
}

/**
 * The drawing as an `<svg>` at its own size (never scaled below it by its width attribute), named for assistive
 * technology by `title` through an id made from `id`. Its look comes from classes: `box`, `tone-<tone>`, `name`,
 * `detail`, `arrow`, `label`.
 */
export function architectureMarkup(
  layout: ArchitectureLayout,
  options: { id: string; title: string; className: string }
): string {
  const width = layout.width + 2 * MARGIN;
  const height = layout.height + 2 * MARGIN;
  const tree = node(
    'svg',
    {
      class: options.className,
      viewBox: `${-MARGIN} ${-MARGIN} ${num(width)} ${num(height)}`,
      width: num(width),
      height: num(height),
      'font-family': ARCHITECTURE_FONT,
      role: 'img',
      'aria-labelledby': `${options.id}-title`
    },
    [
      node('title', { id: `${options.id}-title` }, [], options.title),
      ...layout.boxes.map((box) =>
        node('g', { class: `box tone-${box.tone}` }, [
          node('rect', {
            x: num(box.x),
            y: num(box.y),
            width: num(box.width),
            height: num(box.height),
            rx: '6'
          }),
          ...texts(box.lines)
        ])
      ),
      ...layout.arrows.map((arrow) =>
        node('g', { class: 'arrow' }, [
          node('line', { x1: num(arrow.x1), y1: num(arrow.y1), x2: num(arrow.x2), y2: num(arrow.y2) }),
          node('polygon', { points: arrow.head }),
          ...texts(arrow.lines)
        ])
      )
    ]
  );
  return serialise(tree, true);
}
