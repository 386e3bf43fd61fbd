// The _headers file static hosts read: embed pages are frameable by anyone, the rest only by the site itself, however the path is spelled.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  headersFor,
  headersForRequest,
  matchesPattern,
  parseHeadersFile,
  servedPath
} from '../../src/lib/hosting/static-headers';

const rules = parseHeadersFile(readFileSync('static/_headers', 'utf8'));
const policies = (headers: [string, string][]) =>
  headers.filter(([name]) => name.toLowerCase() === 'content-security-policy').map(([, value]) => value);
/** As a host that matches the request path, as a browser sends it, reads the file. */
const frameAncestors = (spelling: string) =>
  policies(headersFor(rules, new URL(`https://two-pools.example${spelling}`).pathname));
/** As `vite preview` sends it: matched against the page the file server serves. */
const previewFrameAncestors = (url: string) => policies(headersForRequest(rules, url));

const SELF = ["frame-ancestors 'self'"];
const ANYONE = ['frame-ancestors *'];

/** Spellings of non-embed pages a browser can request; each is served as the page on its right. */
const NON_EMBED_SPELLINGS: [spelling: string, page: string][] = [
  ['/', '/'],
  ['/index.html', '/'],
  ['/%69ndex.html', '/'],
  ['//', '/'],
  ['/sandbox/', '/sandbox/'],
  ['/sandbox', '/sandbox'],
  ['/sandbox/index.html', '/sandbox/'],
  ['/%73andbox/', '/sandbox/'],
  ['/%73andbox/%69ndex%2Ehtml', '/sandbox/'],
  ['/sandbox%2F', '/sandbox/'],
  ['/sandbox%2f', '/sandbox/'],
  ['/sandbox//', '/sandbox/'],
  ['/sandbox/./', '/sandbox/'],
  ['/embed/../sandbox/', '/sandbox/'],
  ['/embed/%2e%2e/sandbox/', '/sandbox/'],
  ['/embed/%2E%2E/sandbox/', '/sandbox/'],
  ['/embed/sign-in/../../sandbox/index.html', '/sandbox/'],
  ['/scenario/sign-in/', '/scenario/sign-in/'],
  ['/scenario//sign-in/', '/scenario/sign-in/'],
  ['/%73cenario/sign-in/index.html', '/scenario/sign-in/'],
  ['/scenario/sign-in/?step=2', '/scenario/sign-in/'],
  ['/scenario/sign-in/#x', '/scenario/sign-in/'],
  ['/%zz/', '/%zz/'],
  ['/%E0%A4%A/', '/%E0%A4%A/']
];

describe('static/_headers', () => {
  it('lets any site frame an embed page, with one policy only', () => {
    expect(frameAncestors('/embed/identity-pool/')).toEqual(ANYONE);
    expect(frameAncestors('/embed/identity-pool/index.html')).toEqual(ANYONE);
    expect(previewFrameAncestors('/embed/identity-pool/')).toEqual(ANYONE);
    expect(previewFrameAncestors('/%65mbed/identity-pool/index.html')).toEqual(ANYONE);
  });

  it.each(NON_EMBED_SPELLINGS)(
    'lets only this origin frame %s, as a host or as vite preview reads it',
    (spelling) => {
      expect(frameAncestors(spelling)).toEqual(SELF);
      expect(previewFrameAncestors(spelling)).toEqual(SELF);
    }
  );

  it('never lets an embed rule reach a page that is not under /embed/', () => {
    // A browser sends these as written; vite preview's file server would not find them, and a host that
    // decoded %2F into a separator would serve /sandbox/: the preview reads them as that page.
    expect(previewFrameAncestors('/embed/..%2Fsandbox/')).toEqual(SELF);
    expect(previewFrameAncestors('/embed%2F..%2Fsandbox/')).toEqual(SELF);
    expect(servedPath('/embed/..%2Fsandbox/')).toBe('/sandbox/');
    // A leading `//` starts an authority: the server reads `//embed/sandbox/` as /sandbox/.
    expect(previewFrameAncestors('//embed/sandbox/')).toEqual(SELF);
    expect(previewFrameAncestors('/EMBED/x/')).toEqual(SELF);
    expect(previewFrameAncestors('/embedded/')).toEqual(SELF);
  });

  it('keeps the other headers on every page', () => {
    for (const path of ['/', '/sandbox/', '/embed/sign-in/']) {
      const names = headersFor(rules, path).map(([name]) => name.toLowerCase());
      expect(names).toContain('x-content-type-options');
    }
  });
});

describe('servedPath', () => {
  it.each(NON_EMBED_SPELLINGS)('reads %s as %s', (spelling, page) => {
    expect(servedPath(spelling)).toBe(page);
  });

  it('never climbs above the root', () => {
    expect(servedPath('/../../etc/passwd')).toBe('/etc/passwd');
    expect(servedPath('/%2e%2e/%2e%2e/')).toBe('/');
  });
});

describe('the _headers format', () => {
  it('matches * as any run of characters and nothing else literally', () => {
    expect(matchesPattern('/embed/*', '/embed/a/b/')).toBe(true);
    expect(matchesPattern('/embed/*', '/embedded/')).toBe(false);
    expect(matchesPattern('/', '/x')).toBe(false);
    expect(matchesPattern('/a.b', '/aXb')).toBe(false);
  });

  it('joins a header two matching rules set, unless the later one detaches it first', () => {
    const joined = parseHeadersFile('/*\n  X-Test: a\n/b/*\n  X-Test: b\n');
    expect(headersFor(joined, '/b/c')).toEqual([['X-Test', 'a, b']]);
    const detached = parseHeadersFile('/*\n  X-Test: a\n  X-Other: 1\n/b/*\n  ! x-test\n  X-Test: b\n');
    expect(Object.fromEntries(headersFor(detached, '/b/c'))).toEqual({ 'X-Test': 'b', 'X-Other': '1' });
    expect(Object.fromEntries(headersFor(detached, '/c'))).toEqual({ 'X-Test': 'a', 'X-Other': '1' });
  });

  it('refuses a header line with no rule above it', () => {
    expect(() => parseHeadersFile('  X-Test: 1')).toThrow(/outside a rule/);
  });
});
