// `npm run bench`: where the app stands — first-load bytes, and per route in Chromium at 1× and 4× CPU the diagram's paint, main-thread quiet, long tasks, CLS and heap; and the scenarios headless in Node.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { preview } from 'vite';
import { measurePage as measureAssets } from '../size/measure.js';
import { launchBrowser, measurePage } from './page.js';
import { timeScenarios } from './scenarios.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '../..');

const USAGE = `Usage: npm run bench -- [options]
  --runs N          cold page loads per route and throttle (default 5; medians are reported)
  --throttle LIST   CPU slow-down rates, comma-separated (default 1,4)
  --node-runs N     timed passes over all scenarios in Node, per key mode (default 3)
  --quiet-window MS calm time (no long task, no request) that ends a load or a playback (default 3000)
  --only WHAT       browser or node (default both)
  --build           build the site first even if build/ exists
  --dir PATH        the project to measure (default this one); it is built there if needed
  --label TEXT      a name for this measurement, kept in the JSON (e.g. before, after)
  --out FILE        where to write the JSON (default bench-results/<label>-<time>.json)`;

/**
 * The routes measured, and the SVG that counts as "the diagram" on each. Figure 4's scenario page is also
 * played to the end.
 */
const ROUTES = [
  { route: '/', diagram: 'main figure.overview [role="img"]', playback: false },
  { route: '/scenario/identity-pool/', diagram: 'svg.tp-diagram', playback: true },
  { route: '/embed/identity-pool/', diagram: 'svg.tp-diagram', playback: false },
  { route: '/sandbox/', diagram: 'svg.tp-diagram', playback: false }
];

/**
 * @typedef {import('./page.js').PageSample} PageSample
 * @typedef {import('./page.js').TaskSummary} TaskSummary
 */

function options() {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '5' },
      throttle: { type: 'string', default: '1,4' },
      'node-runs': { type: 'string', default: '3' },
      'quiet-window': { type: 'string', default: '3000' },
      only: { type: 'string' },
      build: { type: 'boolean', default: false },
      dir: { type: 'string' },
      label: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', default: false }
    }
  });
  const count = (/** @type {string} */ text, /** @type {string} */ name) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} wants a whole number ≥ 1, not "${text}"`);
    return n;
  };
  if (values.only !== undefined && values.only !== 'browser' && values.only !== 'node') {
    throw new Error(`--only wants browser or node, not "${values.only}"`);
  }
  return {
    help: values.help,
    runs: count(values.runs, 'runs'),
    throttles: values.throttle.split(',').map((t) => count(t.trim(), 'throttle')),
    nodeRuns: count(values['node-runs'], 'node-runs'),
    quietWindow: count(values['quiet-window'], 'quiet-window'),
    browser: values.only !== 'node',
    node: values.only !== 'browser',
    build: values.build,
    dir: resolve(values.dir ?? REPO),
    label: values.label ?? 'bench',
    out: values.out
  };
}

/** Builds the site with the project's own `npm run build` when asked to or when its output is missing. */
function buildIfNeeded(/** @type {string} */ dir, /** @type {boolean} */ force) {
  const built =
    existsSync(join(dir, 'build/index.html')) && existsSync(join(dir, '.svelte-kit/output/server/index.js'));
  if (built && !force) return;
  console.error(`bench: building ${dir} (npm run build)…`);
  const result = spawnSync('npm', ['run', 'build'], { cwd: dir, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error(`npm run build failed in ${dir}`);
}

/** @param {number[]} values */
function median(values) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] ?? null)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/**
 * The median of one figure over runs, skipping runs that could not measure it.
 * @param {PageSample[]} samples
 * @param {(s: PageSample) => number | null | undefined} pick
 */
function medianOf(samples, pick) {
  return median(samples.map(pick).filter((v) => typeof v === 'number'));
}

/** Gzipped size of each file a run fetched from the site, by URL path; paths outside build/ count 0. */
function makeGzipSizer(/** @type {string} */ buildDir) {
  /** @type {Map<string, number>} */
  const cache = new Map();
  return (/** @type {string} */ path) => {
    let size = cache.get(path);
    if (size === undefined) {
      const file = join(buildDir, decodeURIComponent(path), path.endsWith('/') ? 'index.html' : '');
      size =
        existsSync(file) && file.startsWith(buildDir) ? gzipSync(readFileSync(file), { level: 9 }).length : 0;
      cache.set(path, size);
    }
    return size;
  };
}

/** First-load bytes of each route: its HTML and what it loads before it can run (tests/size's rule). */
function firstLoadBytes(/** @type {string} */ buildDir) {
  return ROUTES.map(({ route }) => {
    const html = join(buildDir, route, 'index.html');
    if (!existsSync(html)) throw new Error(`${html} is missing`);
    const assets = measureAssets(html);
    const htmlGz = gzipSync(readFileSync(html), { level: 9 }).length;
    return { route, html: htmlGz, js: assets.js, css: assets.css, total: htmlGz + assets.total };
  });
}

/**
 * Serves the built site as `npm start` does (`vite preview` with the project's config), on a free port.
 * SvelteKit's preview serves the build output it wrote under .svelte-kit/output, the same files as build/.
 */
async function serve() {
  const server = await preview({
    logLevel: 'warn',
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false }
  });
  const address = server.httpServer.address();
  if (address === null || typeof address === 'string') throw new Error('preview server has no port');
  return { baseUrl: `http://127.0.0.1:${address.port}`, close: () => server.close() };
}

/**
 * Every route at every throttle, `runs` times; the loop goes run by run so that slow spells of a busy
 * machine fall on all routes alike rather than on one.
 * @param {ReturnType<typeof options>} opts
 * @param {string} buildDir
 */
async function measureBrowser(opts, buildDir) {
  const server = await serve();
  const browser = await launchBrowser();
  const gzipped = makeGzipSizer(buildDir);
  /** @type {Map<string, PageSample[]>} */
  const samples = new Map();
  try {
    for (let run = 1; run <= opts.runs; run++) {
      for (const throttle of opts.throttles) {
        const line = [];
        for (const r of ROUTES) {
          const sample = await measurePage(browser, {
            baseUrl: server.baseUrl,
            route: r.route,
            diagram: r.diagram,
            throttle,
            quietWindow: opts.quietWindow,
            playback: r.playback
          });
          const key = `${r.route} ${throttle}`;
          samples.set(key, [...(samples.get(key) ?? []), sample]);
          line.push(`${r.route} quiet ${Math.round(sample.quiet)} ms${sample.settled ? '' : ' (unsettled)'}`);
        }
        console.error(`bench: run ${run}/${opts.runs} at ${throttle}×: ${line.join(', ')}`);
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return summarizeBrowser(opts, samples, gzipped);
}

/**
 * @param {ReturnType<typeof options>} opts
 * @param {Map<string, PageSample[]>} samples
 * @param {(path: string) => number} gzipped
 */
function summarizeBrowser(opts, samples, gzipped) {
  const pages = [];
  const playback = [];
  for (const r of ROUTES) {
    for (const throttle of opts.throttles) {
      const runs = samples.get(`${r.route} ${throttle}`) ?? [];
      const fetched = (/** @type {PageSample} */ s) =>
        [...new Set(s.loadedPaths)].reduce((sum, path) => sum + gzipped(path), 0);
      pages.push({
        route: r.route,
        throttle,
        median: {
          diagram: medianOf(runs, (s) => s.diagram),
          fcp: medianOf(runs, (s) => s.fcp),
          live: medianOf(runs, (s) => s.live),
          quiet: medianOf(runs, (s) => s.quiet),
          longTasks: medianOf(runs, (s) => s.load.count),
          longTaskTotal: medianOf(runs, (s) => s.load.total),
          longTaskMax: medianOf(runs, (s) => s.load.max),
          cls: medianOf(runs, (s) => s.cls),
          heap: medianOf(runs, (s) => s.heap),
          fetchedByQuiet: medianOf(runs, fetched)
        },
        unsettled: runs.filter((s) => !s.settled).length,
        runs: runs.map(({ loadedPaths, playback: _p, ...rest }) => ({
          ...rest,
          fetchedByQuiet: fetched({ ...rest, loadedPaths })
        }))
      });
      if (r.playback) {
        playback.push({
          route: r.route,
          throttle,
          median: {
            duration: medianOf(runs, (s) => s.playback?.duration),
            longTasks: medianOf(runs, (s) => s.playback?.tasks.count),
            longTaskTotal: medianOf(runs, (s) => s.playback?.tasks.total),
            longTaskMax: medianOf(runs, (s) => s.playback?.tasks.max),
            heap: medianOf(runs, (s) => s.playback?.heap)
          },
          unsettled: runs.filter((s) => s.playback && !s.playback.settled).length,
          runs: runs.map((s) => s.playback)
        });
      }
    }
  }
  return { pages, playback };
}

const kb = (/** @type {number | null} */ bytes) => (bytes === null ? '—' : `${(bytes / 1024).toFixed(1)} KB`);
const ms = (/** @type {number | null} */ t) => (t === null ? '—' : `${Math.round(t)} ms`);
const sec = (/** @type {number | null} */ t) => (t === null ? '—' : `${(t / 1000).toFixed(2)} s`);
const mb = (/** @type {number | null} */ bytes) =>
  bytes === null ? '—' : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const num = (/** @type {number | null} */ n, digits = 0) => (n === null ? '—' : n.toFixed(digits));

/** Prints rows under a header, each column padded to its widest cell (first column left-aligned). */
function table(/** @type {string[]} */ header, /** @type {string[][]} */ rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (/** @type {string[]} */ cells) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  console.log('');
}

/**
 * @param {ReturnType<typeof options>} opts
 * @param {ReturnType<typeof firstLoadBytes>} bytes
 * @param {Awaited<ReturnType<typeof measureBrowser>> | null} browser
 * @param {{ scenarios: number, fresh: number | null, reused: number | null, firstPass: number } | null} node
 */
function print(opts, bytes, browser, node) {
  const fetched = (/** @type {string} */ route) =>
    browser?.pages.find((p) => p.route === route && p.throttle === opts.throttles[0])?.median
      .fetchedByQuiet ?? null;
  console.log(
    `\nFirst load, gzip (HTML + the JS and CSS it loads before it runs; "by quiet": all fetched until the main thread is quiet)`
  );
  table(
    ['route', 'HTML', 'JS', 'CSS', 'first load', 'by quiet'],
    bytes.map((b) => [b.route, kb(b.html), kb(b.js), kb(b.css), kb(b.total), kb(fetched(b.route))])
  );
  if (browser) {
    console.log(
      `Load in Chromium at 1280×800, medians of ${opts.runs} cold runs (times from navigation start)`
    );
    table(
      ['route', 'CPU', 'diagram', 'quiet', 'live', 'long tasks', 'total', 'max', 'CLS', 'heap'],
      browser.pages.map((p) => [
        p.route,
        `${p.throttle}×`,
        ms(p.median.diagram),
        ms(p.median.quiet),
        ms(p.median.live),
        num(p.median.longTasks),
        ms(p.median.longTaskTotal),
        ms(p.median.longTaskMax),
        num(p.median.cls, 3),
        mb(p.median.heap)
      ])
    );
    console.log('Playback of figure 4 (Space to the end), medians');
    table(
      ['route', 'CPU', 'playback', 'long tasks', 'total', 'max', 'heap at end'],
      browser.playback.map((p) => [
        p.route,
        `${p.throttle}×`,
        ms(p.median.duration),
        num(p.median.longTasks),
        ms(p.median.longTaskTotal),
        ms(p.median.longTaskMax),
        mb(p.median.heap)
      ])
    );
  }
  if (node) {
    console.log(`All ${node.scenarios} scenarios headless in Node, median of ${opts.nodeRuns} passes`);
    table(
      ['keys', 'time'],
      [
        ['fresh (each world makes its own)', sec(node.fresh)],
        ['reused (one shared key source)', sec(node.reused)],
        ['first pass making the shared keys', sec(node.firstPass)]
      ]
    );
  }
}

/** What could not be measured: figures missing from every run, and runs that never settled. */
function problems(/** @type {Awaited<ReturnType<typeof measureBrowser>> | null} */ browser) {
  const missing = [];
  const warnings = [];
  for (const p of browser?.pages ?? []) {
    for (const [name, value] of Object.entries(p.median)) {
      if (value === null && name !== 'live') missing.push(`${p.route} at ${p.throttle}×: no ${name}`);
    }
    if (p.unsettled) warnings.push(`${p.route} at ${p.throttle}×: ${p.unsettled} load(s) never went quiet`);
  }
  for (const p of browser?.playback ?? []) {
    if (p.median.duration === null) missing.push(`${p.route} at ${p.throttle}×: no playback`);
    if (p.unsettled)
      warnings.push(`${p.route} at ${p.throttle}×: ${p.unsettled} playback(s) never went quiet`);
  }
  return { missing, warnings };
}

function gitCommit(/** @type {string} */ dir) {
  const result = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: dir, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

async function main() {
  const opts = options();
  if (opts.help) {
    console.log(USAGE);
    return;
  }
  const buildDir = join(opts.dir, 'build');
  const startedIn = process.cwd();
  const loadBefore = loadavg();
  buildIfNeeded(opts.dir, opts.build);
  // SvelteKit's preview reads svelte.config.js and .svelte-kit from the working directory.
  process.chdir(opts.dir);
  const bytes = firstLoadBytes(buildDir);
  const browser = opts.browser ? await measureBrowser(opts, buildDir) : null;
  let node = null;
  /** @type {import('./scenarios.js').ScenarioTimes | null} */
  let nodeRuns = null;
  if (opts.node) {
    console.error('bench: timing the scenarios in Node…');
    nodeRuns = await timeScenarios(opts.dir, opts.nodeRuns);
    node = {
      scenarios: nodeRuns.scenarios,
      fresh: median(nodeRuns.fresh),
      reused: median(nodeRuns.reused),
      firstPass: nodeRuns.firstPass
    };
  }
  print(opts, bytes, browser, node);
  const { missing, warnings } = problems(browser);
  const loadAfter = loadavg();
  console.log(
    `Load average ${loadBefore[0]?.toFixed(1)} before, ${loadAfter[0]?.toFixed(1)} after: a busy machine makes times noisy; compare medians of runs taken together.`
  );
  for (const warning of warnings) console.log(`warning: ${warning}`);

  const result = {
    label: opts.label,
    date: new Date().toISOString(),
    dir: opts.dir,
    commit: gitCommit(opts.dir),
    options: {
      runs: opts.runs,
      throttles: opts.throttles,
      nodeRuns: opts.nodeRuns,
      quietWindow: opts.quietWindow
    },
    loadAverage: { before: loadBefore, after: loadAfter },
    firstLoad: bytes,
    browser,
    node: node && nodeRuns ? { ...node, runs: nodeRuns } : null,
    missing,
    warnings
  };
  const out = opts.out
    ? resolve(startedIn, opts.out)
    : join(REPO, 'bench-results', `${opts.label}-${result.date.replace(/[:.]/g, '-')}.json`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
  console.log(`JSON: ${out}`);
  if (missing.length > 0) {
    console.error(`bench: could not measure:\n  ${missing.join('\n  ')}`);
    process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(`bench: cannot measure: ${error instanceof Error ? error.stack : error}`);
  process.exitCode = 1;
});
