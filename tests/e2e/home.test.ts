// The home page as a newcomer opens it: it renders, is accessible, its overview picture reads at every width, and nothing leaves the origin.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, describeViolations, offOrigin, openSession, type Session } from './support/browser';

const baseUrl = inject('baseUrl');
const SHOTS = 'screenshots';

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}
interface Overview {
  /** The figure's own box: everything the picture draws stays inside it. */
  figure: Box;
  /** Each box of the picture (its outline), named by its text. */
  boxes: { name: string; rect: Box }[];
  /** Each visible run of text: its line boxes, the box it belongs to (-1: none) and its size in CSS px on screen. */
  labels: { text: string; rects: Box[]; box: number; fontPx: number }[];
  /** The arrows' shafts and heads. */
  arrows: Box[];
  /** How far the page scrolls sideways. */
  overflowX: number;
}

/**
 * Measures the overview picture as Chromium laid it out: every box's outline and every text's own line boxes
 * (a Range's client rects for HTML text; for SVG text its bounding box on screen, and its font size times the
 * drawing's scale, since an SVG shrinks its text with it).
 */
function measureOverview(page: Page): Promise<Overview> {
  return page.evaluate(() => {
    const figure = document.querySelector('figure.overview');
    if (figure === null) throw new Error('no figure.overview on the page');
    const box = (r: DOMRect) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
    const boxElements = [...figure.querySelectorAll('.box')];
    const boxes = boxElements.map((element) => ({
      name: [...element.children]
        .map((child) => child.textContent?.trim() ?? '')
        .filter((text) => text !== '')
        .join(' '),
      rect: box((element.querySelector(':scope > rect') ?? element).getBoundingClientRect())
    }));
    const labels: Overview['labels'] = [];
    const walker = document.createTreeWalker(figure, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      const text = (node.textContent ?? '').trim();
      const parent = node.parentElement;
      if (text === '' || parent === null || parent.closest('title, desc, figcaption, [hidden]') !== null)
        continue;
      let rects: Box[];
      let scale = 1;
      if (parent instanceof SVGGraphicsElement) {
        rects = [box(parent.getBoundingClientRect())];
        scale = parent.getScreenCTM()?.a ?? 1;
      } else {
        const range = document.createRange();
        range.selectNodeContents(node);
        rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0).map(box);
      }
      const owner = parent.closest('.box');
      labels.push({
        text,
        rects,
        box: owner === null ? -1 : boxElements.indexOf(owner),
        fontPx: parseFloat(getComputedStyle(parent).fontSize) * scale
      });
    }
    return {
      figure: box(figure.getBoundingClientRect()),
      boxes,
      labels,
      arrows: [...figure.querySelectorAll('.shaft')].map((element) => box(element.getBoundingClientRect())),
      overflowX: document.documentElement.scrollWidth - document.documentElement.clientWidth
    };
  });
}

/** Overlap deeper than half a pixel both ways; shapes that only touch (an arrowhead on a box's edge) do not count. */
const overlaps = (a: Box, b: Box) =>
  Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 &&
  Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
const inside = (inner: Box, outer: Box) =>
  inner.left >= outer.left - 0.5 &&
  inner.top >= outer.top - 0.5 &&
  inner.right <= outer.right + 0.5 &&
  inner.bottom <= outer.bottom + 0.5;

/** Everything wrong with the picture's layout, in words; empty when it reads well. */
function layoutProblems({ figure, boxes, labels, arrows, overflowX }: Overview): string[] {
  const problems: string[] = [];
  if (overflowX > 0) problems.push(`the page scrolls sideways by ${overflowX}px`);
  if (boxes.length !== 4) problems.push(`expected 4 boxes, found ${boxes.length}`);
  if (arrows.length !== 3) problems.push(`expected 3 arrows, found ${arrows.length}`);
  boxes.forEach((a, i) => {
    if (!inside(a.rect, figure)) problems.push(`box "${a.name}" is clipped by the figure`);
    boxes.slice(i + 1).forEach((b) => {
      if (overlaps(a.rect, b.rect)) problems.push(`boxes "${a.name}" and "${b.name}" overlap`);
    });
  });
  labels.forEach((label, i) => {
    if (label.rects.length === 0) problems.push(`"${label.text}" is not drawn`);
    if (label.fontPx < 12) problems.push(`"${label.text}" is ${label.fontPx.toFixed(1)}px, below 12px`);
    for (const rect of label.rects) {
      if (!inside(rect, figure)) problems.push(`"${label.text}" is clipped by the figure`);
      boxes.forEach((b, j) => {
        if (j === label.box && !inside(rect, b.rect)) problems.push(`"${label.text}" runs out of its box`);
        if (j !== label.box && overlaps(rect, b.rect))
          problems.push(`"${label.text}" runs into box "${b.name}"`);
      });
      labels.slice(i + 1).forEach((other) => {
        if (other.rects.some((r) => overlaps(rect, r)))
          problems.push(`"${label.text}" overlaps "${other.text}"`);
      });
      arrows.forEach((arrow, k) => {
        if (overlaps(rect, arrow)) problems.push(`"${label.text}" is crossed by arrow ${k + 1}`);
      });
    }
  });
  arrows.forEach((arrow, k) => {
    if (!inside(arrow, figure)) problems.push(`arrow ${k + 1} is clipped by the figure`);
    boxes.forEach((b) => {
      if (overlaps(arrow, b.rect)) problems.push(`arrow ${k + 1} runs into box "${b.name}"`);
    });
  });
  return [...new Set(problems)];
}

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

  it('draws the overview picture without overlaps, clipping or small text at every width', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const named = [
      { width: 360, height: 800 },
      { width: 1280, height: 800 },
      { width: 1920, height: 1080 }
    ];
    // Every 8px from the narrowest phone to a projector, in the light theme (the theme changes no geometry).
    const sweep = Array.from({ length: 201 }, (_, i) => ({ width: 320 + 8 * i, height: 900 }));
    for (const colorScheme of ['light', 'dark'] as const) {
      const shots = await openSession({ colorScheme });
      try {
        await shots.page.goto(`${baseUrl}/`, { waitUntil: 'networkidle' });
        const problems: [number, string[]][] = [];
        for (const viewport of colorScheme === 'light' ? [...named, ...sweep] : named) {
          await shots.page.setViewportSize(viewport);
          await shots.page.evaluate(() => new Promise(requestAnimationFrame));
          const overview = await measureOverview(shots.page);
          expect(overview.labels.length, `labels at ${viewport.width}px`).toBeGreaterThanOrEqual(10);
          const found = layoutProblems(overview);
          if (found.length > 0) problems.push([viewport.width, found]);
          if (named.includes(viewport)) {
            await shots.page.screenshot({
              path: `${SHOTS}/home-${viewport.width}-${colorScheme}.png`,
              fullPage: true
            });
          }
        }
        expect(problems, `${colorScheme} theme`).toEqual([]);
      } finally {
        await shots.close();
      }
    }
  });

  it('sends no request off the origin', async () => {
    expect(session.requests.length).toBeGreaterThan(0);
    expect(offOrigin(session.requests, baseUrl)).toEqual([]);
  });
});
