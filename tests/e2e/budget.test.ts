// Byte budgets of the built site (deterministic, so asserted): initial JS + CSS, gzipped, per route.
import { describe, expect, it } from 'vitest';
import { scenarios } from '../../src/lib/scenarios/definitions-info';
import { BUDGETS, measureRoutes } from '../size/measure.js';

describe('initial-load budgets', () => {
  const rows = measureRoutes('build');

  it('measures every scenario and embed page', () => {
    // One prerendered page of each kind per scenario of the data.
    const ids = scenarios.map((scenario) => scenario.id).sort();
    const pages = (prefix: string) =>
      rows
        .filter((r) => r.route.startsWith(prefix))
        .map((r) => r.route.slice(prefix.length, -1))
        .sort();
    expect(pages('/scenario/')).toEqual(ids);
    expect(pages('/embed/')).toEqual(ids);
  });

  it.each(BUDGETS.map((b) => [String(b.pattern), b] as const))('%s stays within budget', (_name, budget) => {
    for (const row of rows.filter((r) => budget.pattern.test(r.route))) {
      expect(row.total, `${row.route}: ${(row.total / 1024).toFixed(1)} KB gz`).toBeLessThanOrEqual(
        budget.limit
      );
    }
  });
});
