// The _headers file static hosts read: embed pages are frameable by anyone, the rest only by the site itself.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { headersFor, matchesPattern, parseHeadersFile } from '../../src/lib/hosting/static-headers';

const rules = parseHeadersFile(readFileSync('static/_headers', 'utf8'));
const frameAncestors = (path: string) =>
  headersFor(rules, path)
    .filter(([name]) => name.toLowerCase() === 'content-security-policy')
    .map(([, value]) => value);

describe('static/_headers', () => {
  it('lets any site frame an embed page, and only an embed page', () => {
    expect(frameAncestors('/embed/identity-pool/')).toEqual(['frame-ancestors *']);
    expect(frameAncestors('/')).toEqual(["frame-ancestors 'self'"]);
    expect(frameAncestors('/scenario/sign-in/')).toEqual(["frame-ancestors 'self'"]);
    expect(frameAncestors('/sandbox/')).toEqual(["frame-ancestors 'self'"]);
  });

  it('matches * as any run of characters and nothing else literally', () => {
    expect(matchesPattern('/embed/*', '/embed/a/b/')).toBe(true);
    expect(matchesPattern('/embed/*', '/embedded/')).toBe(false);
    expect(matchesPattern('/', '/x')).toBe(false);
  });

  it('refuses a header line with no rule above it', () => {
    expect(() => parseHeadersFile('  X-Test: 1')).toThrow(/outside a rule/);
  });
});
