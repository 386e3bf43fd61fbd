// `npm run size`: prints each route's initial JS + CSS (gzip) against its budget.
import { existsSync } from 'node:fs';
import { BUDGETS, measureRoutes } from './measure.js';

if (!existsSync('build/index.html')) {
  console.error('size: build/index.html is missing; run `npm run build` first.');
  process.exit(1);
}
/** @param {number} bytes */
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const rows = measureRoutes('build');
const width = Math.max(...rows.map((r) => r.route.length));
console.log(
  `${'route'.padEnd(width)}  ${'JS gz'.padStart(9)}  ${'CSS gz'.padStart(9)}  ${'total gz'.padStart(9)}  ${'raw'.padStart(9)}  budget`
);
let over = 0;
for (const row of rows) {
  const budget = BUDGETS.find((b) => b.pattern.test(row.route));
  const verdict = budget ? `${kb(budget.limit)} ${row.total <= budget.limit ? 'ok' : 'OVER'}` : '—';
  if (budget && row.total > budget.limit) over += 1;
  console.log(
    `${row.route.padEnd(width)}  ${kb(row.js).padStart(9)}  ${kb(row.css).padStart(9)}  ${kb(row.total).padStart(9)}  ${kb(row.raw).padStart(9)}  ${verdict}`
  );
}
process.exitCode = over > 0 ? 1 : 0;
