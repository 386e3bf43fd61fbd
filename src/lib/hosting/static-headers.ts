// Applies static/_headers (the header file static hosts read) to `vite preview`, so tests see what hosts serve.
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';

export interface HeaderRule {
  pattern: string;
  headers: [name: string, value: string][];
  /** Header names (lower case) this rule removes from broader rules above it: `! Name` lines. */
  detach: string[];
}

/**
 * Parses the `_headers` format: a path pattern on its own line, then indented `Name: value` lines, or
 * `! Name` to detach a header that a broader rule above set.
 */
export function parseHeadersFile(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      rules.push({ pattern: line.trim(), headers: [], detach: [] });
      continue;
    }
    const rule = rules.at(-1);
    const content = line.trim();
    if (rule && content.startsWith('!')) {
      rule.detach.push(content.slice(1).trim().toLowerCase());
      continue;
    }
    const colon = content.indexOf(':');
    if (!rule || colon <= 0)
      throw new Error(`_headers: a header line outside a rule or without a colon: ${content}`);
    rule.headers.push([content.slice(0, colon).trim(), content.slice(colon + 1).trim()]);
  }
  return rules;
}

/** A `*` matches any run of characters; everything else matches itself, case and all. */
export function matchesPattern(pattern: string, path: string): boolean {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`).test(path);
}

/**
 * The headers for `path`, as the strictest of the hosts that read `_headers` combines them: every
 * matching rule applies in file order, a header set twice has its values joined with a comma (for a
 * Content-Security-Policy that means two policies, both enforced), and `! Name` removes what broader
 * rules above set. (A host that instead lets the later rule's value win gives the same result for a
 * file whose narrower rules come after the broader ones.)
 */
export function headersFor(rules: HeaderRule[], path: string): [string, string][] {
  const values = new Map<string, [name: string, value: string]>();
  for (const rule of rules) {
    if (!matchesPattern(rule.pattern, path)) continue;
    for (const name of rule.detach) values.delete(name);
    for (const [name, value] of rule.headers) {
      const key = name.toLowerCase();
      const earlier = values.get(key);
      values.set(key, earlier ? [earlier[0], `${earlier[1]}, ${value}`] : [name, value]);
    }
  }
  return [...values.values()];
}

/** Decodes each well-formed `%XY` escape (any case); a malformed one stays as written. */
function decodeEscapes(path: string): string {
  return path.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run.replace(/%([0-9A-Fa-f]{2})/g, (escape, hex: string) => {
        const code = parseInt(hex, 16);
        return code < 0x80 ? String.fromCharCode(code) : escape;
      });
    }
  });
}

/** Collapses runs of slashes and resolves `.` and `..` segments (never above the root). */
function normaliseSegments(path: string): string {
  const out: string[] = [];
  const segments = path.split('/').slice(1);
  for (const segment of segments) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') out.pop();
    else out.push(segment);
  }
  const last = segments.at(-1);
  const directory = last === '' || last === '.' || last === '..';
  return `/${out.join('/')}${directory && out.length > 0 ? '/' : ''}`;
}

/**
 * The page a request asks for, however its path is spelled: read the way the file server reads it (a
 * leading `//` starts an authority, dot segments resolve, `%2e` included), then every percent-escape
 * decoded, slashes collapsed, dot segments resolved again, and a final `index.html` dropped. So
 * `/%73andbox/`, `/sandbox/index.html`, `/embed/x/..//../sandbox/` and `/sandbox/` are one page.
 */
export function servedPath(url: string): string {
  let pathname: string;
  try {
    pathname = new URL(url, 'http://localhost').pathname;
  } catch {
    pathname = url.split(/[?#]/)[0] ?? '/';
  }
  const path = normaliseSegments(decodeEscapes(pathname).replace(/\\/g, '/'));
  return path.endsWith('/index.html') ? path.slice(0, -'index.html'.length) : path;
}

/** What `vite preview` sends for a request: the rules matched against the page served, not the raw spelling. */
export function headersForRequest(rules: HeaderRule[], url: string): [string, string][] {
  return headersFor(rules, servedPath(url));
}

export function staticHeaders(file = 'static/_headers'): Plugin {
  return {
    name: 'two-pools:static-headers',
    configurePreviewServer(server) {
      const rules = parseHeadersFile(readFileSync(file, 'utf8'));
      server.middlewares.use((req, res, next) => {
        for (const [name, value] of headersForRequest(rules, req.url ?? '/')) res.setHeader(name, value);
        next();
      });
    }
  };
}
