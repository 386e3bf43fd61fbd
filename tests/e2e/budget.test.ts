// Byte budgets of the built site (deterministic, so asserted): initial JS + CSS, gzipped, per route.
import { describe, expect, it } from 'vitest';
import { definitions } from '../../src/lib/scenarios/definitions';
import { BUDGETS, measureRoutes } from '../size/measure.js';

describe('initial-load budgets', () => {
  const rows = measureRoutes('build');

  it('measures every scenario and embed page', () => {
    expect(rows.filter((r) => r.route.startsWith('/scenario/'))).toHaveLength(definitions.length);
    expect(rows.filter((r) => r.route.startsWith('/embed/'))).toHaveLength(definitions.length);
  });

  it.each(BUDGETS.map((b) => [String(b.pattern), b] as const))('%s stays within budget', (_name, budget) => {
    for (const row of rows.filter((r) => budget.pattern.test(r.route))) {
      expect(row.total, `${row.route}: ${(row.total / 1024).toFixed(1)} KB gz`).toBeLessThanOrEqual(
        budget.limit
      );
    }
  });
});
