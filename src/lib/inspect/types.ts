// Shapes every inspector shares: a labelled row with an explanation, and the ✓ / ✗ mark of a check.

/** `pass` ✓, `fail` ✗, `not-checked` — (the check was never reached, or there was nothing to check it against). */
export type Mark = 'pass' | 'fail' | 'not-checked';

/** One line of an inspector panel: what it is, what it held, and what that means. */
export interface Row {
  label: string;
  value: string;
  explanation?: string;
  mark?: Mark;
}

/** A check the receiving service recorded on the trace, as the panels list it. */
export interface CheckRow {
  name: string;
  mark: Mark;
  detail?: string;
}

/** An inclusive range of 1-based line numbers in a block of text, for the UI to highlight. */
export interface LineRange {
  start: number;
  end: number;
}
