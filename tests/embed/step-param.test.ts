// The `?step=` deep link: only a decimal step number within the figure is followed; anything else starts at the beginning.
import { describe, expect, it } from 'vitest';
import { parseStepParam } from '../../src/lib/embed/step-param';

describe('parseStepParam', () => {
  it('reads a decimal step from 0 to the last step', () => {
    expect(parseStepParam('0', 7)).toBe(0);
    expect(parseStepParam('3', 7)).toBe(3);
    expect(parseStepParam('7', 7)).toBe(7);
    expect(parseStepParam('03', 7)).toBe(3);
  });

  it.each([
    ['absent', null],
    ['empty', ''],
    ['hexadecimal', '0x1'],
    ['octal', '0o1'],
    ['binary', '0b1'],
    ['exponent', '1e0'],
    ['fraction', '1.0'],
    ['signed', '+1'],
    ['negative', '-1'],
    ['negative zero', '-0'],
    ['spaced', ' 1'],
    ['trailing space', '1 '],
    ['Infinity', 'Infinity'],
    ['NaN', 'NaN'],
    ['a word', 'two'],
    ['full-width digits', '１'],
    ['Arabic-Indic digits', '١'],
    ['past the last step', '8'],
    ['huge', '9'.repeat(400)]
  ])('ignores %s', (_name, value) => {
    expect(parseStepParam(value, 7)).toBeUndefined();
  });
});
