// Measures what each prerendered page loads before it can run: JS and CSS bytes, raw and gzipped; and, from the
// build's chunk report, what those chunks and the ones loaded later hold.
// Bytes are deterministic, so budgets on them can be asserted; time is never measured here.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

/** @param {string | Buffer} bytes */
export const gzipSize = (bytes) => gzipSync(bytes, { level: 9 }).length;

/** @param {string[]} files */
const sizeOf = (files) => files.reduce((sum, file) => sum + statSync(file).size, 0);

/**
 * Every index.html under the build folder, as [route, file].
 * @param {string} buildDir
 * @returns {[string, string][]}
 */
export function pages(buildDir = 'build') {
  /** @type {[string, string][]} */
  const found = [];
  /** @param {string} dir */
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (name !== '_app') walk(path);
      } else if (name === 'index.html') {
        const route = '/' + relative(buildDir, dir).split('\\').join('/');
        found.push([route === '/' ? '/' : `${route}/`, path]);
      }
    }
  };
  walk(buildDir);
  return found.sort(([a], [b]) => a.localeCompare(b));
}

/**
 * The JS and CSS files a page loads at start: its preloads and stylesheets, and every static import of those.
 * @param {string} htmlFile
 * @returns {string[]}
 */
export function initialAssets(htmlFile) {
  const html = readFileSync(htmlFile, 'utf8');
  const base = dirname(htmlFile);
  /** @type {Set<string>} */
  const files = new Set();
  /** @type {string[]} */
  const queue = [];
  /** @param {string} path */
  const add = (path) => {
    if (!files.has(path)) {
      files.add(path);
      if (path.endsWith('.js')) queue.push(path);
    }
  };
  for (const match of html.matchAll(/<link\b[^>]*>/g)) {
    const tag = match[0];
    const href = /href="([^"]+)"/.exec(tag)?.[1];
    if (!href || /^(https?:)?\/\//.test(href)) continue;
    if (/rel="(modulepreload|stylesheet)"/.test(tag)) add(resolve(base, href));
  }
  for (const match of html.matchAll(/import\("([^"]+)"\)/g)) add(resolve(base, match[1] ?? ''));
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    const source = readFileSync(file, 'utf8');
    // Static imports only: `import ... from "./x.js"` and `import "./x.js"`; dynamic ones load later.
    for (const match of source.matchAll(
      /(?:^|[;\s}])(?:import|export)\s*(?:[\w*{}\s,$]*?from\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g
    )) {
      add(resolve(dirname(file), match[1] ?? ''));
    }
  }
  return [...files];
}

/** @param {string} htmlFile */
export function measurePage(htmlFile) {
  let js = 0;
  let css = 0;
  let raw = 0;
  for (const file of initialAssets(htmlFile)) {
    const bytes = readFileSync(file);
    const gzipped = gzipSize(bytes);
    raw += bytes.length;
    if (file.endsWith('.css')) css += gzipped;
    else js += gzipped;
  }
  return { js, css, total: js + css, raw };
}

/**
 * Each page's initial JS and CSS, and its HTML gzipped (`html`: the prerendered markup and the hydration data
 * inlined in it; reported, not part of `total`).
 * @param {string} buildDir
 */
export function measureRoutes(buildDir = 'build') {
  return pages(buildDir).map(([route, file]) => ({
    route,
    ...measurePage(file),
    html: gzipSize(readFileSync(file))
  }));
}

/**
 * @typedef {{ id: string, length: number }} ModuleShare
 * @typedef {{ file: string, worker: boolean, imports: string[], dynamicImports: string[], modules: ModuleShare[] }} ChunkRecord
 */

/** Where the build's chunk report is written (vite.config.ts, `chunkReport`): beside the build, not in it. */
export const CHUNK_REPORT = '.svelte-kit/size/chunks.json';

/**
 * The chunk report of the last client build, by absolute file under `buildDir`, or undefined when there is none.
 * @param {string} buildDir
 * @returns {Map<string, ChunkRecord> | undefined}
 */
export function readChunkReport(buildDir = 'build', report = CHUNK_REPORT) {
  if (!existsSync(report)) return undefined;
  /** @type {{ chunks: ChunkRecord[] }} */
  const { chunks } = JSON.parse(readFileSync(report, 'utf8'));
  return new Map(chunks.map((chunk) => [resolve(buildDir, chunk.file), chunk]));
}

/**
 * What a module is part of: its package (`node_modules/<pkg>`, scoped packages whole), else its folder under
 * src (`src/lib/diagram`, `src/routes/(site)`), else its first folder.
 * @param {string} id
 */
export function groupOf(id) {
  const path = (id.split('?')[0] ?? id).split('\\').join('/');
  // Bundler helpers are virtual modules: `\0rolldown/runtime.js` → `(rolldown)`.
  if (path.startsWith('\0')) return `(${path.slice(1).split('/')[0]})`;
  const inPackage = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*\/node_modules\/)/.exec(path);
  if (inPackage) return inPackage[1] ?? path;
  const parts = path.split('/');
  if (parts[0] === 'src')
    return parts.slice(0, parts[1] === 'lib' || parts[1] === 'routes' ? 3 : 2).join('/');
  return parts.length > 1 ? (parts[0] ?? path) : path;
}

/**
 * A chunk's modules grouped by package or folder, each group's share of the chunk's gzipped size estimated
 * from its share of the rendered (unminified) code, largest first.
 * @param {ChunkRecord | undefined} chunk
 * @param {number} gzipped
 * @returns {{ group: string, gzipped: number }[]}
 */
export function groupedModules(chunk, gzipped) {
  if (!chunk) return [];
  const rendered = chunk.modules.reduce((sum, module) => sum + module.length, 0);
  /** @type {Map<string, number>} */
  const groups = new Map();
  for (const module of chunk.modules) {
    const group = groupOf(module.id);
    groups.set(group, (groups.get(group) ?? 0) + module.length);
  }
  return [...groups]
    .map(([group, length]) => ({ group, gzipped: rendered === 0 ? 0 : (gzipped * length) / rendered }))
    .sort((a, b) => b.gzipped - a.gzipped);
}

/**
 * What a page loads later, by dynamic import from its initial chunks (and from those, and so on): each
 * dynamically imported chunk with the chunks it brings that were not loaded yet, largest first; and the workers
 * the page's chunks start (a worker's file named in their code). Other routes' nodes, which the router imports
 * on navigation, are left out.
 * @param {string[]} initial absolute files, as initialAssets returns them
 * @param {Map<string, ChunkRecord>} report
 * @param {string} buildDir
 * @returns {{ lazy: { entry: string, files: string[] }[], workers: { entry: string, files: string[] }[] }}
 */
export function laterAssets(initial, report, buildDir = 'build') {
  const loaded = new Set(initial);
  /** @type {{ entry: string, files: string[] }[]} */
  const lazy = [];
  /** @type {string[]} */
  const queue = initial.filter((file) => file.endsWith('.js'));
  /** @type {Set<string>} */
  const asked = new Set();
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    for (const target of report.get(file)?.dynamicImports ?? []) {
      const entry = resolve(buildDir, target);
      if (asked.has(entry) || loaded.has(entry) || target.startsWith('_app/immutable/nodes/')) continue;
      asked.add(entry);
      /** @type {string[]} */
      const files = [];
      const stack = [entry];
      for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
        if (loaded.has(next)) continue;
        loaded.add(next);
        files.push(next);
        queue.push(next);
        for (const imported of report.get(next)?.imports ?? []) stack.push(resolve(buildDir, imported));
      }
      lazy.push({ entry, files });
    }
  }
  lazy.sort((a, b) => sizeOf(b.files) - sizeOf(a.files));
  const code = [...loaded].filter((file) => file.endsWith('.js')).map((file) => readFileSync(file, 'utf8'));
  const workers = [...report.values()]
    .filter((chunk) => chunk.worker && code.some((source) => source.includes(basename(chunk.file))))
    .map((chunk) => {
      // A worker's own chunks, in the worker's bundle.
      /** @type {Set<string>} */
      const files = new Set();
      const stack = [resolve(buildDir, chunk.file)];
      for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
        if (files.has(next)) continue;
        files.add(next);
        const record = report.get(next);
        for (const imported of [...(record?.imports ?? []), ...(record?.dynamicImports ?? [])]) {
          stack.push(resolve(buildDir, imported));
        }
      }
      return { entry: resolve(buildDir, chunk.file), files: [...files] };
    });
  return { lazy, workers };
}

/** First-load budgets (issue 12): initial JS + CSS, gzipped; the HTML is reported beside them. */
export const BUDGETS = [
  { pattern: /^\/embed\/[^/]+\/$/, limit: 55 * 1024 },
  { pattern: /^\/scenario\/[^/]+\/$/, limit: 70 * 1024 },
  { pattern: /^\/$/, limit: 40 * 1024 }
];
