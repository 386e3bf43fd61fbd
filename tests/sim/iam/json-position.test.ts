// jsonSyntaxError: agrees with JSON.parse on what is JSON, and points at the first character that is not.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonSyntaxError } from '../../../src/lib/sim';

const parses = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

describe('jsonSyntaxError', () => {
  it('accepts exactly what JSON.parse accepts', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        expect(jsonSyntaxError(text)).toBeUndefined();
      }),
      { numRuns: 300 }
    );
    const pieces = [
      '{',
      '}',
      '[',
      ']',
      ',',
      ':',
      '"a"',
      '"',
      '1',
      '-',
      '.5',
      'e',
      'true',
      'nul',
      ' ',
      '\n',
      "'x'",
      '\\u12'
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        expect(jsonSyntaxError(text) === undefined).toBe(parses(text));
      }),
      { numRuns: 2000 }
    );
  });

  it.each([
    ['{"a": 1,}', 1, 9, 'a comma before } (JSON allows no trailing comma)'],
    ['{\n  "a": \n}', 3, 1, 'expected a value'],
    ['[1 2]', 1, 4, 'expected , or ]'],
    ["{'a': 1}", 1, 2, 'strings take double quotes, not single'],
    ['{"a": "b', 1, 9, 'unexpected end of text'],
    ['{"a": 1} x', 1, 10, 'more text after the end of the JSON value'],
    ['"\\x"', 1, 3, 'unknown escape after a backslash']
  ])('%j stops at line %i, column %i: %s', (text, line, column, problem) => {
    expect(jsonSyntaxError(text)).toEqual({ line, column, problem });
  });
});
