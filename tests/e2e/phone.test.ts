// The four figures on a 360 px phone: every label and badge at least 12 px on screen, no API name split across
// lines, labels inside the drawing and clear of each other, and a scroll hint exactly when the diagram overflows.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openSession, type Session } from './support/browser';
import { waitForLive } from './support/simulator';

const baseUrl = inject('baseUrl');
const SHOTS = 'screenshots';
mkdirSync(SHOTS, { recursive: true });

/** The smallest text a learner must read without zooming, in CSS px on screen. */
const MIN_PX = 12;

/** Each figure, how many exchanges it shows in full, and the API names and identifiers its labels print. */
const FIGURES = [
  {
    id: 'sign-in',
    exchanges: 2,
    identifiers: ['InitiateAuth', 'USER_SRP_AUTH', 'PASSWORD_VERIFIER', 'RespondToAuthChallenge']
  },
  {
    id: 'call-api',
    exchanges: 6,
    identifiers: ['RespondToAuthChallenge', 'PASSWORD_VERIFIER', 'GetOrder', 'GetItem', '/…/jwks.json']
  },
  {
    id: 'jwt-to-dynamodb',
    exchanges: 3,
    identifiers: [
      'RespondToAuthChallenge',
      'PASSWORD_VERIFIER',
      'GetItem',
      'MissingAuthenticationTokenException'
    ]
  },
  {
    id: 'identity-pool',
    exchanges: 7,
    identifiers: [
      'RespondToAuthChallenge',
      'PASSWORD_VERIFIER',
      'GetId',
      'GetCredentialsForIdentity',
      'AssumeRoleWithWebIdentity',
      'TwoPools_Authenticated',
      'GetItem'
    ]
  }
];

interface Measured {
  rows: number;
  /** Every text the learner reads in the svg: each line of an arrow's label, each badge, each header line. */
  texts: { kind: 'label' | 'badge' | 'title'; text: string; px: number }[];
  /** Each row's label lines, in order. */
  labels: string[][];
  /** The text version's sentences. */
  sentences: string[];
  /** Each row's label and badges as boxes in the svg's own units, and the svg's viewBox. */
  boxes: { row: string; x: number; y: number; width: number; height: number }[];
  viewBox: { width: number; height: number };
  overflows: boolean;
  hint: string | null;
}

/** Reads the diagram as drawn: font sizes times the svg's scale, tspans, label boxes, overflow and the hint. */
async function measure(session: Session): Promise<Measured> {
  return session.page.evaluate(() => {
    const svg = document.querySelector<SVGSVGElement>('section.simulator svg.tp-diagram');
    if (!svg) throw new Error('no diagram');
    const scale = svg.clientWidth / svg.viewBox.baseVal.width;
    const px = (element: Element) => Number.parseFloat(getComputedStyle(element).fontSize) * scale;
    const texts: Measured['texts'] = [];
    for (const tspan of svg.querySelectorAll('g.row text.label tspan')) {
      texts.push({ kind: 'label', text: tspan.textContent ?? '', px: px(tspan) });
    }
    for (const text of svg.querySelectorAll('g.row g.badge text')) {
      texts.push({ kind: 'badge', text: text.textContent ?? '', px: px(text) });
    }
    for (const tspan of svg.querySelectorAll('g.lifeline text tspan')) {
      texts.push({ kind: 'title', text: tspan.textContent ?? '', px: px(tspan) });
    }
    const rows = [...svg.querySelectorAll<SVGGElement>('g.rows > g.row')];
    const boxes: Measured['boxes'] = [];
    for (const row of rows) {
      const id = row.getAttribute('data-id') ?? '?';
      for (const part of row.querySelectorAll<SVGGraphicsElement>('text.label, g.badge')) {
        const { x, y, width, height } = part.getBBox();
        if (width > 0) boxes.push({ row: id, x, y, width, height });
      }
    }
    const host = svg.parentElement;
    return {
      rows: rows.length,
      texts,
      labels: rows.map((row) =>
        [...row.querySelectorAll('text.label tspan')].map((t) => t.textContent ?? '')
      ),
      sentences: [...document.querySelectorAll('section.simulator ol.trace-text > li')].map(
        (li) => li.textContent ?? ''
      ),
      boxes,
      viewBox: { width: svg.viewBox.baseVal.width, height: svg.viewBox.baseVal.height },
      overflows: host !== null && host.scrollWidth > host.clientWidth + 1,
      hint: document.querySelector('section.simulator .scroll-hint')?.textContent?.trim() ?? null
    };
  });
}

/** A word as the text version and a label both print it, without the punctuation around it. */
const bare = (word: string) => word.replace(/^[(“"]+/, '').replace(/[)”",;:]+$/, '');

const intersect = (a: Measured['boxes'][number], b: Measured['boxes'][number]) =>
  a.x < b.x + b.width - 0.5 &&
  b.x < a.x + a.width - 0.5 &&
  a.y < b.y + b.height - 0.5 &&
  b.y < a.y + a.height - 0.5;

describe('the figures on a 360 px phone', () => {
  let session: Session;
  beforeAll(async () => {
    session = await openSession({ viewport: { width: 360, height: 800 }, reducedMotion: 'reduce' });
  });
  afterAll(async () => {
    await session?.close();
  });

  it.each(FIGURES)('$id: labels of 12 px or more, API names whole, nothing overlapping', async (figure) => {
    const { page } = session;
    await page.goto(`${baseUrl}/scenario/${figure.id}/`, { waitUntil: 'networkidle' });
    await waitForLive(page);
    const drawn = await measure(session);
    expect(drawn.rows).toBe(2 * figure.exchanges);
    await page.screenshot({ path: `${SHOTS}/phone-${figure.id}-360.png`, fullPage: true });

    // Every label line, badge and header line at least 12 CSS px as drawn (the svg's scale included).
    const small = drawn.texts.filter((text) => text.px < MIN_PX - 0.01);
    expect(
      small.map((t) => `${t.kind} "${t.text}" ${t.px.toFixed(2)} px`),
      'text below 12 px'
    ).toEqual([]);
    expect(drawn.texts.filter((t) => t.kind === 'badge').length).toBeGreaterThan(0);

    // Each API name the figure prints sits whole inside one line.
    const lines = drawn.labels.flat();
    for (const identifier of figure.identifiers) {
      expect(
        lines.some((line) => line.split(' ').includes(identifier)),
        `${identifier} whole in one line of ${JSON.stringify(lines)}`
      ).toBe(true);
    }
    // No line starts or ends inside a word: every word of every line is a word of the text version.
    const words = new Set(drawn.sentences.flatMap((sentence) => sentence.split(/\s+/).map(bare)));
    const fragments = lines
      .flatMap((line) => line.split(' '))
      .filter((word) => word !== '·' && !word.endsWith('…'))
      .filter((word) => !words.has(bare(word)));
    expect(fragments, 'pieces of words').toEqual([]);

    // Labels and badges stay inside the drawing and clear of other rows' labels and badges.
    const { width, height } = drawn.viewBox;
    for (const box of drawn.boxes) {
      expect(box.x, `${box.row} left`).toBeGreaterThanOrEqual(-0.5);
      expect(box.x + box.width, `${box.row} right`).toBeLessThanOrEqual(width + 0.5);
      expect(box.y + box.height, `${box.row} bottom`).toBeLessThanOrEqual(height + 0.5);
    }
    const clashes = drawn.boxes.flatMap((a, i) =>
      drawn.boxes
        .slice(i + 1)
        .filter((b) => b.row !== a.row && intersect(a, b))
        .map((b) => `${a.row} ⨯ ${b.row}`)
    );
    expect(clashes).toEqual([]);

    // A diagram wider than the screen says so; one that fits does not.
    if (drawn.overflows) expect(drawn.hint).toMatch(/Scroll sideways to see all of the diagram/);
    else expect(drawn.hint).toBeNull();
  });
});
