// The diagram's pure modules (everything but draw.ts) keep the pure-core boundary, so the build can lay out and prerender in Node.

import { readFileSync } from 'node:fs';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const PURE = ['labels.ts', 'layout.ts', 'markup.ts', 'measure.ts', 'text.ts'];

describe('pure diagram modules', () => {
  // eslint.config.js lists only layout.ts of this folder in the pure core; linting the other pure
  // files' text under that path applies exactly the same rules to them.
  it.each(PURE)('%s passes the pure-core lint rules', async (file) => {
    const source = readFileSync(`src/lib/diagram/${file}`, 'utf8');
    const [result] = await new ESLint().lintText(source, { filePath: 'src/lib/diagram/layout.ts' });
    expect((result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`)).toEqual([]);
  });

  it.each(PURE)('%s imports only other pure modules, the trace types and d3-scale', (file) => {
    const source = readFileSync(`src/lib/diagram/${file}`, 'utf8');
    const imports = [...source.matchAll(/from '([^']+)'/g)].map((match) => match[1] ?? '');
    for (const target of imports) {
      expect(
        target === '../sim/trace' ||
          target === 'd3-scale' ||
          PURE.some((pure) => target === `./${pure.replace(/\.ts$/, '')}`)
      ).toBe(true);
    }
  });
});
