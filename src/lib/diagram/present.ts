// Presenter mode's type: the scale and label measure a classroom screen gets (layoutDiagram's `present` option).
// A module of its own so that only presenter mode, loaded when a teacher asks for it, carries it.

import type { TypeScale } from './layout';

/**
 * Presenter mode (a classroom screen, 1280×720 up to 1920×1080): the whole figure on one screen with
 * every line at 20 px or more, so that at most a few per cent of fitting keeps it above 18 px. Rows are
 * tight; a label may run over the neighbouring lifelines on its plate (a wider measure) rather than wrap.
 */
export const PRESENT_SCALE: TypeScale = {
  name: 'present',
  minWidth: 0,
  label: 22,
  wire: 20,
  detail: 20,
  title: 22,
  role: 20,
  badge: 20,
  lineHeight: 1.15,
  minColumn: 150,
  margin: 12,
  platePadding: 4,
  rowGap: 4,
  headerPadding: 6,
  maxHeaderWidth: 320,
  shortHeaders: false,
  activationWidth: 12,
  arrowHeadLength: 12,
  markRadius: 8
};

/** Presenting, a label keeps to one line where it can (up to this many ems), over its neighbours' lifelines on its plate. */
export const PRESENT_MEASURE = 20;
