// The check ids: every check in every scenario's trace comes from CHECKS with its label, and CHECKS has no dead ids.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario, scenarios } from '../../src/lib/scenarios';
import { CHECKS, createWorld, isCheckId, type CheckId } from '../../src/lib/sim';
import { testKeys } from '../support/keys';

const NOW = Date.UTC(2026, 10, 28, 9, 0, 0);
// Dots between groups, single hyphens inside words, at least two groups: `jwt.token-use`, `user-pool.client-exists`.
const ID_FORMAT = /^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)+$/;
const SIM_DIR = resolve(process.cwd(), 'src/lib/sim');
const ids = Object.keys(CHECKS) as CheckId[];

/** Every TypeScript file under `dir`, recursively. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((item) => {
    const path = join(dir, item.name);
    if (item.isDirectory()) return sourceFiles(path);
    return item.name.endsWith('.ts') ? [path] : [];
  });
}

describe('CHECKS', () => {
  it.each(ids)('%s is a dotted, lower-case id with a label', (id) => {
    expect(id).toMatch(ID_FORMAT);
    expect(CHECKS[id].label.trim()).not.toBe('');
  });

  it('has no dead ids: each is recorded somewhere in src/lib/sim', () => {
    const table = join(SIM_DIR, 'checks.ts');
    const sources = sourceFiles(SIM_DIR)
      .filter((path) => path !== table)
      .map((path) => readFileSync(path, 'utf8'));
    expect(sources.length).toBeGreaterThan(10);
    const unused = ids.filter((id) => !sources.some((text) => text.includes(`'${id}'`)));
    expect(unused).toEqual([]);
  });

  it('knows its own ids and nothing else', () => {
    expect(ids.every(isCheckId)).toBe(true);
    expect(isCheckId('signature verifies')).toBe(false);
    expect(isCheckId('toString')).toBe(false);
  });
});

describe('the checks recorded by every scenario', () => {
  it('are the nineteen scenarios of the lesson', () => {
    expect(scenarios).toHaveLength(19);
  });

  it.each(scenarios.map((scenario) => scenario.id))(
    '%s: every check has an id from CHECKS and its label as name',
    async (id) => {
      const world = await createWorld({ seed: id, now: NOW, keys: testKeys });
      const { trace } = await runScenario(id, { world });
      const checks = trace.flatMap((entry) =>
        entry.checks.map((check) => ({ entry: `${entry.id} ${entry.operation}`, ...check }))
      );
      expect(checks.length).toBeGreaterThan(0);
      for (const check of checks) {
        expect(isCheckId(check.id), `${check.entry}: ${check.id}`).toBe(true);
        expect(check.id, check.entry).toMatch(ID_FORMAT);
        expect(check.name, `${check.entry}: ${check.id}`).toBe(CHECKS[check.id].label);
      }
    },
    60_000
  );
});
