// The home page as a newcomer opens it: it renders, is accessible, and nothing leaves the origin.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, describeViolations, offOrigin, openSession, type Session } from './support/browser';

const baseUrl = inject('baseUrl');

describe('home page', () => {
  let session: Session;
  beforeAll(async () => {
    session = await openSession();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('says what the simulator is', async () => {
    const response = await session.page.goto(`${baseUrl}/`, { waitUntil: 'networkidle' });
    expect(response?.status()).toBe(200);
    await expect(session.page.title()).resolves.toMatch(/Two Pools/);
    const heading = await session.page.getByRole('heading', { level: 1 }).textContent();
    expect(heading).toContain('Two pools');
    const text = await session.page.locator('main').innerText();
    expect(text).toMatch(/user pool/i);
    expect(text).toMatch(/identity pool/i);
  });

  it('ships a Content-Security-Policy that keeps connections on the origin', async () => {
    const csp = await session.page
      .locator('meta[http-equiv="content-security-policy"]')
      .getAttribute('content');
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("default-src 'self'");
  });

  it('is framed only by its own origin (the header static hosts send)', async () => {
    const response = await fetch(`${baseUrl}/`);
    expect(response.headers.get('content-security-policy')).toBe("frame-ancestors 'self'");
  });

  it('has no axe violations (WCAG 2.2 AA)', async () => {
    const violations = await axeViolations(session.page);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  it('has no axe violations in the dark theme either', async () => {
    const dark = await openSession({ colorScheme: 'dark' });
    try {
      await dark.page.goto(`${baseUrl}/`, { waitUntil: 'networkidle' });
      const violations = await axeViolations(dark.page);
      expect(violations, describeViolations(violations)).toEqual([]);
    } finally {
      await dark.close();
    }
  });

  it('survives corrupt, foreign and throwing localStorage', async () => {
    const broken = await openSession();
    try {
      await broken.page.addInitScript(() => {
        try {
          localStorage.setItem('two-pools:theme', '{"not":"a theme"');
          localStorage.setItem('two-pools:unknown', '\u0000'.repeat(1000));
        } catch {
          // Storage may be unavailable; the page must cope with that too.
        }
        Storage.prototype.setItem = () => {
          throw new DOMException('full', 'QuotaExceededError');
        };
      });
      const errors: string[] = [];
      broken.page.on('pageerror', (error) => errors.push(error.message));
      await broken.page.goto(`${baseUrl}/`, { waitUntil: 'networkidle' });
      await broken.page.getByRole('button', { name: /Theme/ }).click();
      await expect(broken.page.getByRole('button', { name: /Theme/ }).textContent()).resolves.toBe(
        'Theme: light'
      );
      await expect(broken.page.evaluate(() => document.documentElement.dataset.theme)).resolves.toBe('light');
      expect(errors).toEqual([]);
    } finally {
      await broken.close();
    }
  });

  it('sends no request off the origin', async () => {
    expect(session.requests.length).toBeGreaterThan(0);
    expect(offOrigin(session.requests, baseUrl)).toEqual([]);
  });
});
