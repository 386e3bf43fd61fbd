// Reads a figure's `?step=` deep link: a plain decimal step number within the figure, or nothing at all.

/** Longest accepted spelling: no figure has anywhere near 10,000 steps, and leading zeros are allowed. */
const MAX_DIGITS = 6;

/**
 * The step a `?step=` value asks for, or `undefined` (start at the beginning) for anything that is not a
 * decimal integer from 0 to `total`: an empty value, `0x1`, `1e1`, `+1`, ` 1`, `1.0`, `-0`, a huge number.
 */
export function parseStepParam(value: string | null | undefined, total: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (!new RegExp(`^[0-9]{1,${MAX_DIGITS}}$`).test(value)) return undefined;
  const step = Number.parseInt(value, 10);
  return step <= total ? step : undefined;
}
