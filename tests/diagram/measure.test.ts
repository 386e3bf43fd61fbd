// Text is measured without the DOM from a character-width table, and wrapped to fit between two lifelines.

import { describe, expect, it } from 'vitest';
import { textWidth, widestUnbreakable, wrapText } from '../../src/lib/diagram/measure';

describe('textWidth', () => {
  it("uses Helvetica's advance widths with a small safety margin", () => {
    // H 722 + e 556 + l 222 + l 222 + o 556 = 2278/1000 em.
    expect(textWidth('Hello', 10, 'sans')).toBeCloseTo(2.278 * 10 * 1.06, 5);
    expect(textWidth('Hello', 10, 'sans-bold')).toBeGreaterThan(textWidth('Hello', 10, 'sans'));
  });

  it('gives monospace a fixed advance and wide characters two cells', () => {
    expect(textWidth('iiii', 10, 'mono')).toBe(textWidth('WWWW', 10, 'mono'));
    expect(textWidth('注', 10, 'mono')).toBe(2 * textWidth('a', 10, 'mono'));
  });

  it('over-estimates characters it does not know rather than under-estimating', () => {
    expect(textWidth('✓', 10, 'sans')).toBeGreaterThanOrEqual(textWidth('W', 10, 'sans'));
  });
});

describe('wrapText', () => {
  it('keeps every line within the width', () => {
    const text = 'Trade the ID token for temporary AWS credentials at the identity pool';
    for (const width of [60, 90, 140, 400]) {
      for (const line of wrapText(text, width, 13, 'sans-bold')) {
        expect(textWidth(line, 13, 'sans-bold')).toBeLessThanOrEqual(width);
      }
    }
    expect(wrapText(text, 10_000, 13, 'sans')).toEqual([text]);
  });

  it('breaks long codes at camelCase humps and separators before breaking inside a part', () => {
    expect(wrapText('MissingAuthenticationTokenException', 170, 13, 'sans-bold')).toEqual([
      'MissingAuthentication',
      'TokenException'
    ]);
    expect(wrapText('PASSWORD_VERIFIER', 90, 13, 'sans')).toEqual(['PASSWORD_', 'VERIFIER']);
  });

  it('keeps a · separator with the word before it', () => {
    const lines = wrapText('GET /orders/42 · Authorization: eyJ…', 110, 11, 'mono');
    expect(lines.every((line) => !line.startsWith('·'))).toBe(true);
    expect(lines[0]).toBe('GET /orders/42 ·');
  });

  it('cuts after maxLines with an ellipsis that still fits', () => {
    const lines = wrapText('one two three four five six seven eight nine ten', 50, 13, 'sans', 2);
    expect(lines).toHaveLength(2);
    expect(lines[1]?.endsWith('…')).toBe(true);
    expect(textWidth(lines[1] ?? '', 13, 'sans')).toBeLessThanOrEqual(50);
  });

  it('finds the widest piece wrapping cannot split', () => {
    expect(widestUnbreakable('Get CredentialsForIdentity', 10, 'sans')).toBe(
      textWidth('Credentials', 10, 'sans')
    );
  });
});
