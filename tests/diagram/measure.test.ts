// Text is measured without the DOM from a character-width table, and wrapped at spaces only: words never break.

import { describe, expect, it } from 'vitest';
import { textWidth, widestWord, wrapText } from '../../src/lib/diagram/measure';

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
  it('keeps every line of several words within the width', () => {
    const text = 'Trade the ID token for temporary AWS credentials at the identity pool';
    for (const width of [60, 90, 140, 400]) {
      const lines = wrapText(text, width, 13, 'sans-bold');
      expect(lines.join(' ')).toBe(text);
      for (const line of lines) {
        if (line.includes(' ')) expect(textWidth(line, 13, 'sans-bold')).toBeLessThanOrEqual(width);
      }
    }
    expect(wrapText(text, 10_000, 13, 'sans')).toEqual([text]);
  });

  it('never breaks inside a word: an API name too wide for the line gets a line of its own', () => {
    expect(wrapText('MissingAuthenticationTokenException', 100, 13, 'sans-bold')).toEqual([
      'MissingAuthenticationTokenException'
    ]);
    expect(wrapText('200 · PASSWORD_VERIFIER challenge', 60, 13, 'sans')).toEqual([
      '200',
      'PASSWORD_VERIFIER',
      'challenge'
    ]);
    expect(wrapText('RespondToAuthChallenge · PASSWORD_VERIFIER', 20, 11, 'mono')).toEqual([
      'RespondToAuthChallenge',
      'PASSWORD_VERIFIER'
    ]);
  });

  it('keeps a · separator between words on one line and leaves it out at a line break', () => {
    expect(wrapText('GET /orders/42 · Authorization: eyJ…', 1000, 11, 'mono')).toEqual([
      'GET /orders/42 · Authorization: eyJ…'
    ]);
    const lines = wrapText('GET /orders/42 · Authorization: eyJ…', 110, 11, 'mono');
    expect(lines).toEqual(['GET /orders/42', 'Authorization:', 'eyJ…']);
    for (const line of lines) expect(line.startsWith('·') || line.endsWith('·')).toBe(false);
  });

  it('cuts a word wider than the line with … when asked to (an ARN in an error message)', () => {
    const arn = 'arn:aws:sts::123456789012:assumed-role/TwoPools_Authenticated/CognitoIdentityCredentials';
    const lines = wrapText(`User: ${arn} is not authorized`, 150, 13, 'sans', { longWords: 'cut' });
    expect(lines[0]).toBe('User:');
    expect(lines[1]?.endsWith('…')).toBe(true);
    expect(arn.startsWith(lines[1]?.slice(0, -1) ?? 'x')).toBe(true);
    for (const line of lines) expect(textWidth(line, 13, 'sans')).toBeLessThanOrEqual(150);
    expect(lines.at(-1)).toBe('is not authorized');
  });

  it('cuts after maxLines with an ellipsis that still fits', () => {
    const lines = wrapText('one two three four five six seven eight nine ten', 50, 13, 'sans', {
      maxLines: 2
    });
    expect(lines).toHaveLength(2);
    expect(lines[1]?.endsWith('…')).toBe(true);
    expect(textWidth(lines[1] ?? '', 13, 'sans')).toBeLessThanOrEqual(50);
  });

  it('finds the widest word, which no line of the text can be narrower than', () => {
    expect(widestWord('Get CredentialsForIdentity', 10, 'sans')).toBe(
      textWidth('CredentialsForIdentity', 10, 'sans')
    );
    expect(widestWord('', 10, 'sans')).toBe(0);
  });
});
