// The diagram's d3 half: the transitions that move what has just become current. draw.ts loads it only when
// something is to travel, so resizing, stepping back and reduced motion never fetch d3.

import { easeCubicInOut, easeLinear } from 'd3-ease';
import { select } from 'd3-selection';
import 'd3-transition';
import { num } from './markup';

/** A row about to travel: draw.ts has laid it out final and covered it (see `cover` there). */
export interface TravellingRow {
  group: Element;
  /** The opaque plate under its label (in the plates layer, outside the row's group). */
  plate?: Element;
  /** The arrow's length, covered by as much dash offset at the start. */
  length: number;
  /** Its arrowhead, shown on arrival. */
  marker: string | null;
  delay: number;
}

/** An activation bar growing down its lifeline, from a scale of 0 (set by draw.ts) to its full height. */
export interface GrowingBar {
  bar: Element;
  delay: number;
  duration: number;
}

/** Transition names, so a redraw interrupts exactly the animations this module started. */
const TRAVEL = 'tp-travel';
const REVEAL = 'tp-reveal';

/** What travel waits for: any d3 transition, whatever its element and datum types. */
interface Ending {
  end(): Promise<void>;
}

/** Stops the transitions on `elements` (their end handlers put them in their final state). */
export function interrupt(elements: Iterable<Element>): void {
  for (const element of elements) select(element).interrupt(TRAVEL).interrupt(REVEAL);
}

/** In ms: how long an arrow travels; when, from its start, its label begins to fade in, and for how long. */
export interface Timing {
  travel: number;
  labelAt: number;
  fade: number;
}

/**
 * Uncovers each row's arrow from its sender to its receiver (only the dash offset moves, so its dashes keep
 * their pattern and nothing is laid out again), shows its head and ✕ on arrival, then fades its label, plate
 * and badges in; grows the bars. Each row starts at its own delay (draw.ts staggers them so one arrow is
 * under way at a time). Resolves when all have finished or been interrupted.
 */
export function travel(
  rows: readonly TravellingRow[],
  bars: readonly GrowingBar[],
  timing: Timing
): Promise<void> {
  const transitions: Ending[] = [];
  for (const { group, plate, length, marker, delay } of rows) {
    const arrives = delay + timing.travel;
    const arrow = select(group)
      .select<SVGLineElement>('line.arrow')
      .transition(TRAVEL)
      .delay(delay)
      .duration(timing.travel)
      .ease(easeCubicInOut)
      .styleTween('stroke-dashoffset', () => (t) => num(length * (1 - t)))
      .on('start', function () {
        this.removeAttribute('opacity');
      })
      .on('end interrupt', function () {
        // The final picture carries no style and its marker: the same as the static markup.
        this.removeAttribute('style');
        this.removeAttribute('opacity');
        if (marker !== null) this.setAttribute('marker-end', marker);
      });
    const fade = (selector: string | Element, fadeDelay: number, fadeDuration: number) =>
      (typeof selector === 'string' ? select(group).select<Element>(selector) : select(selector))
        .transition(REVEAL)
        .delay(fadeDelay)
        .duration(fadeDuration)
        .attr('opacity', 1)
        .on('end interrupt', function () {
          this.removeAttribute('opacity');
        });
    const shows = delay + timing.labelAt;
    transitions.push(
      arrow,
      fade('g.refusal-mark', arrives, timing.fade / 2),
      ...(plate ? [fade(plate, shows, timing.fade)] : []),
      fade('text.label', shows, timing.fade),
      fade('g.badges', shows, timing.fade)
    );
  }
  for (const { bar, delay, duration: growing } of bars) {
    const grow = select(bar)
      .transition(TRAVEL)
      .delay(delay)
      .duration(growing)
      .ease(easeLinear)
      .styleTween('transform', () => (t) => `scaleY(${t})`)
      .on('end interrupt', function () {
        this.removeAttribute('style');
      });
    transitions.push(grow);
  }
  // An interrupted transition rejects end(); the drawing that interrupted it owns the final state.
  return Promise.all(transitions.map((t) => t.end().catch(() => undefined))).then(() => undefined);
}
