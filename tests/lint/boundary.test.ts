// The architectural boundary is enforced by lint: the pure core cannot reach for Svelte, SvelteKit, d3's DOM modules or the DOM.
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
