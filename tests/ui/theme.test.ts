// The theme choice survives corrupt, foreign, disabled or full localStorage.
import { describe, expect, it } from 'vitest';
import { nextTheme, readTheme, saveTheme, THEME_KEY } from '../../src/lib/ui/theme';

const storage = (value: string | null) => ({ getItem: (key: string) => (key === THEME_KEY ? value : null) });

describe('theme storage', () => {
  it('reads a saved choice', () => {
    expect(readTheme(storage('dark'))).toBe('dark');
  });

  it('falls back to auto on foreign or corrupt values', () => {
    for (const value of [null, '', 'DARK', '{"theme":"dark"}', '\u0000', 'x'.repeat(10_000)]) {
      expect(readTheme(storage(value))).toBe('auto');
    }
  });

  it('falls back to auto when storage throws', () => {
    expect(
      readTheme({
        getItem: () => {
          throw new DOMException('denied', 'SecurityError');
        }
      })
    ).toBe('auto');
  });

  it('reports a failed save instead of throwing when storage is over quota', () => {
    const full = {
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
      removeItem: () => undefined
    };
    expect(saveTheme(full, 'dark')).toBe(false);
  });

  it('cycles system → light → dark → system', () => {
    expect([nextTheme('auto'), nextTheme('light'), nextTheme('dark')]).toEqual(['light', 'dark', 'auto']);
  });
});
