// `npm run size`: prints each route's initial JS + CSS (gzip) against its budget, with its HTML beside; then, for a
// few routes, which chunks load first and later and what is in them (from the build's chunk report).
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
  BUDGETS,
  CHUNK_REPORT,
  groupedModules,
  gzipSize,
  initialAssets,
  laterAssets,
  measureRoutes,
  pages,
  readChunkReport
} from './measure.js';

if (!existsSync('build/index.html')) {
  console.error('size: build/index.html is missing; run `npm run build` first.');
  process.exit(1);
}
/** @param {number} bytes */
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const rows = measureRoutes('build');
const width = Math.max(...rows.map((r) => r.route.length));
console.log(
  `${'route'.padEnd(width)}  ${'JS gz'.padStart(9)}  ${'CSS gz'.padStart(9)}  ${'total gz'.padStart(9)}  ${'raw'.padStart(9)}  ${'HTML gz'.padStart(9)}  budget`
);
let over = 0;
for (const row of rows) {
  const budget = BUDGETS.find((b) => b.pattern.test(row.route));
  const verdict = budget ? `${kb(budget.limit)} ${row.total <= budget.limit ? 'ok' : 'OVER'}` : '—';
  if (budget && row.total > budget.limit) over += 1;
  console.log(
    `${row.route.padEnd(width)}  ${kb(row.js).padStart(9)}  ${kb(row.css).padStart(9)}  ${kb(row.total).padStart(9)}  ${kb(row.raw).padStart(9)}  ${kb(row.html).padStart(9)}  ${verdict}`
  );
}
console.log('HTML gz (prerendered markup and inline hydration data) is not part of the budget total.');

/** Routes whose chunks are listed: the home page, a figure embed, a figure page, the sandbox. */
const DETAILED = ['/', '/embed/call-api/', '/scenario/call-api/', '/sandbox/'];
/** How many groups (packages or src folders) are named per chunk. */
const GROUPS_PER_CHUNK = 4;

const report = readChunkReport('build');
if (!report) {
  console.log(`\n${CHUNK_REPORT} is missing: run \`npm run build\` to list chunks and their modules.`);
} else {
  const htmlOf = new Map(pages('build'));
  /**
   * One line per chunk, largest first: its gzipped size, then its biggest groups (≈ their share of it).
   * @param {string[]} files
   */
  const listChunks = (files) => {
    const sized = files
      .filter((file) => file.endsWith('.js'))
      .map((file) => ({ file, gzipped: gzipSize(readFileSync(file)) }))
      .sort((a, b) => b.gzipped - a.gzipped);
    for (const { file, gzipped } of sized) {
      const groups = groupedModules(report.get(file), gzipped)
        .slice(0, GROUPS_PER_CHUNK)
        .map(({ group, gzipped: share }) => `${group} ~${kb(share)}`)
        .join(', ');
      console.log(`    ${kb(gzipped).padStart(9)}  ${basename(file)}${groups ? `  (${groups})` : ''}`);
    }
    return sized.reduce((sum, chunk) => sum + chunk.gzipped, 0);
  };
  /** @param {string[]} files */
  const gzippedJs = (files) =>
    files.filter((file) => file.endsWith('.js')).reduce((sum, file) => sum + gzipSize(readFileSync(file)), 0);

  console.log(
    '\nChunks by route, gzipped; groups are ~ their share of the chunk (from the rendered, unminified code).'
  );
  for (const route of DETAILED) {
    const html = htmlOf.get(route);
    if (!html) continue;
    const initial = initialAssets(html);
    console.log(`\n${route}`);
    console.log(`  initial (before it runs): ${kb(gzippedJs(initial))} JS`);
    listChunks(initial);
    const { lazy, workers } = laterAssets(initial, report, 'build');
    for (const { entry, files } of lazy) {
      console.log(`  lazy: import(${basename(entry)}) brings ${kb(gzippedJs(files))}`);
      listChunks(files);
    }
    for (const { entry, files } of workers) {
      console.log(`  worker: ${basename(entry)}, ${kb(gzippedJs(files))}`);
      listChunks(files);
    }
  }
}
process.exitCode = over > 0 ? 1 : 0;
