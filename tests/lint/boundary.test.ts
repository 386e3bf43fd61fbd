// The architectural boundary is enforced by lint: the pure core cannot reach for Svelte, SvelteKit, d3's DOM modules or the DOM.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function messages(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

// Type-aware ESLint takes seconds to start on a busy 2-core machine: give each case room.
describe('lint boundary of the pure core', { timeout: 60_000 }, () => {
  it('fails a file under src/lib/sim that imports svelte', async () => {
    const found = await messages(
      "import { tick } from 'svelte';\nexport const t = tick;\n",
      'src/lib/sim/leak.ts'
    );
    expect(found.join('\n')).toMatch(/no-restricted-imports: .*must not import Svelte/);
  });

  it.each([
    [
      'src/lib/machines/leak.ts',
      "import { goto } from '$app/navigation';\nexport const g = goto;\n",
      /SvelteKit/
    ],
    [
      'src/lib/scenarios/leak.ts',
      "import { select } from 'd3-selection';\nexport const s = select;\n",
      /DOM/
    ],
    ['src/lib/inspect/leak.ts', 'export const t = document.title;\n', /DOM global "document"/],
    ['src/lib/diagram/layout.ts', 'export const w = window.innerWidth;\n', /DOM global "window"/],
    ['src/lib/sim/leak.ts', 'export const t = Date.now();\n', /world clock/],
    ['src/lib/sim/leak.ts', 'export const r = Math.random();\n', /seeded source/]
  ])('fails %s when it reaches outside the core', async (file, code, pattern) => {
    expect((await messages(code, file)).join('\n')).toMatch(pattern);
  });

  it('lets the UI import svelte', async () => {
    const found = await messages(
      "import { tick } from 'svelte';\nexport const t = tick;\n",
      'src/lib/ui/ok.ts'
    );
    expect(found).toEqual([]);
  });
});

// The floors (lint/floors.js): sim ← machines/scenarios/sandbox ← diagram/inspect ← ui ← routes, through entries.
describe('lint floors', { timeout: 60_000 }, () => {
  it.each([
    [
      'src/lib/sim/leak.ts',
      "import { playerMachine } from '../machines';\nexport const p = playerMachine;\n"
    ],
    [
      'src/lib/sim/services/leak.ts',
      "import type { Scenario } from '$lib/scenarios';\nexport type S = Scenario;\n"
    ],
    ['src/lib/sim/leak.ts', "import { inspectHttp } from '../inspect';\nexport const i = inspectHttp;\n"],
    [
      'src/lib/machines/leak.ts',
      "import { layoutDiagram } from '../diagram';\nexport const l = layoutDiagram;\n"
    ],
    ['src/lib/diagram/leak.ts', "import type { FigureData } from '../ui';\nexport type F = FigureData;\n"],
    ['src/lib/inspect/leak.ts', "import x from '$lib/ui/Simulator.svelte';\nexport const s = x;\n"]
  ])('fails %s importing from a floor above', async (file, code) => {
    expect((await messages(code, file)).join('\n')).toMatch(/floors\/floors: .*floor above/);
  });

  it.each([
    [
      'src/lib/inspect/leak.ts',
      "import { evaluatePolicies } from '../sim/iam/evaluate';\nexport const e = evaluatePolicies;\n"
    ],
    [
      'src/lib/diagram/leak.ts',
      "import type { TraceEntry } from '../sim/trace';\nexport type T = TraceEntry;\n"
    ],
    [
      'src/lib/ui/leak.ts',
      "import { verifyJwt } from '$lib/sim/crypto/jwt-verify';\nexport const v = verifyJwt;\n"
    ],
    [
      'src/lib/sandbox/leak.ts',
      "import { clientAppMachine } from '../machines/client-app/machine';\nexport const p = clientAppMachine;\n"
    ],
    ['src/routes/leak.ts', "import { loadFigure } from '$lib/server/figure';\nexport const l = loadFigure;\n"]
  ])('fails %s when it skips the index of another module', async (file, code) => {
    expect((await messages(code, file)).join('\n')).toMatch(
      /floors\/floors: Import \w+ through its index\.ts/
    );
  });

  it.each([
    ['src/lib/inspect/ok.ts', "import type { TraceEntry } from '../sim';\nexport type T = TraceEntry;\n"],
    ['src/lib/ui/ok.ts', "import { drawDiagram } from '$lib/diagram/draw';\nexport const d = drawDiagram;\n"],
    ['src/routes/ok.ts', "import x from '$lib/ui/Simulator.svelte';\nexport const s = x;\n"],
    [
      'src/lib/sim/services/ok.ts',
      "import type { ExchangeContext } from '../service';\nexport type C = ExchangeContext;\n"
    ]
  ])('lets %s import down through an entry, or within its own module', async (file, code) => {
    expect((await messages(code, file)).filter((m) => m.startsWith('floors/'))).toEqual([]);
  });

  it('keeps src/lib/sandbox in the pure core', async () => {
    const found = await messages('export const t = document.title;\n', 'src/lib/sandbox/leak.ts');
    expect(found.join('\n')).toMatch(/DOM global "document"/);
  });

  it('finds no import of machines, scenarios, sandbox or ui anywhere under src/lib/sim', () => {
    const files = readdirSync('src/lib/sim', { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.ts')
    );
    expect(files.length).toBeGreaterThan(50);
    const upward = files.filter((file) =>
      /from '(\$lib\/|(\.\.\/)+)(machines|scenarios|sandbox|ui|diagram|inspect)\b/.test(
        readFileSync(join('src/lib/sim', file), 'utf8')
      )
    );
    expect(upward).toEqual([]);
  });

  it('gives the floors above no IAM evaluator: the public face of sim exports none', async () => {
    const sim: Record<string, unknown> = await import('../../src/lib/sim');
    expect(Object.keys(sim)).toContain('createWorld');
    for (const name of ['evaluatePolicies', 'evaluateTrustPolicy', 'evaluateResourcePolicy']) {
      expect(sim[name]).toBeUndefined();
    }
  });
});
