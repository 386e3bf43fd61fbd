// Measures what each prerendered page loads before it can run: JS and CSS bytes, raw and gzipped.
// Bytes are deterministic, so budgets on them can be asserted; time is never measured here.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

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
    const gzipped = gzipSync(bytes, { level: 9 }).length;
    raw += bytes.length;
    if (file.endsWith('.css')) css += gzipped;
    else js += gzipped;
  }
  return { js, css, total: js + css, raw };
}

/** @param {string} buildDir */
export function measureRoutes(buildDir = 'build') {
  return pages(buildDir).map(([route, file]) => ({ route, ...measurePage(file) }));
}

/** Budgets from the issue: initial JS + CSS, gzipped. */
export const BUDGETS = [
  { pattern: /^\/embed\/[^/]+\/$/, limit: 90 * 1024 },
  { pattern: /^\/scenario\/[^/]+\/$/, limit: 120 * 1024 }
];
