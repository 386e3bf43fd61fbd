// The diagram's pure modules (everything but draw.ts) keep the pure-core boundary, so the build can lay out and prerender in Node.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pureCore } from '../../eslint.config.js';

const PURE = [
  'index.ts',
  'entry.ts',
  'labels.ts',
  'layout.ts',
  'present.ts',
  'heads.ts',
  'markup.ts',
  'measure.ts',
  'text.ts',
  'hold.ts'
];

describe('pure diagram modules', () => {
  // `npm run lint` applies the pure-core rules to every file eslint.config.js lists (tests/lint proves the rules bite).
  it.each(PURE)('%s is listed in the pure core of the lint config', (file) => {
    expect(pureCore).toContain(`src/lib/diagram/${file}`);
  });

  it.each(PURE)('%s imports only other pure modules and the simulation’s public face', (file) => {
    const source = readFileSync(`src/lib/diagram/${file}`, 'utf8');
    const imports = [...source.matchAll(/from '([^']+)'/g)].map((match) => match[1] ?? '');
    for (const target of imports) {
      expect(target === '../sim' || PURE.some((pure) => target === `./${pure.replace(/\.ts$/, '')}`)).toBe(
        true
      );
    }
  });
});
