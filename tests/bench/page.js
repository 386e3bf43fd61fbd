// Measures one cold page load in Chromium (diagram on screen, long tasks, main thread quiet, layout shift, heap) and figure 4's playback.
import { chromium } from 'playwright-core';
import { findChromium } from '../support/find-chromium.js';

/** One browser for the whole bench; every run gets a new context (empty cache, new renderer process). */
export function launchBrowser() {
  return chromium.launch({
    executablePath: findChromium(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync'
    ]
  });
}

/**
 * @typedef {{ start: number, duration: number }} LongTask
 * @typedef {{ count: number, total: number, max: number }} TaskSummary
 * @typedef {{
 *   diagram: number | null,
 *   fcp: number | null,
 *   live: number | null,
 *   quiet: number,
 *   load: TaskSummary,
 *   cls: number,
 *   heap: number,
 *   loadedPaths: string[],
 *   settled: boolean,
 *   playback?: { duration: number, tasks: TaskSummary, heap: number, settled: boolean }
 * }} PageSample
 * @typedef {{
 *   baseUrl: string,
 *   route: string,
 *   diagram: string,
 *   throttle: number,
 *   quietWindow: number,
 *   playback: boolean
 * }} PageCase
 */

/** How long to wait at most for a page (or a playback) to settle before reporting it unsettled. */
const SETTLE_CAP_MS = 60_000;
const POLL_MS = 100;

/**
 * Installed before any page script. It records, in the page's own clock (ms since navigation start):
 * - paint entries (first paint, first contentful paint);
 * - every long task (> 50 ms on the main thread, as Chromium reports them);
 * - layout shifts not caused by recent input (their sum is the CLS reported here);
 * - `diagramSeen`: the first animation frame in which the diagram's SVG is in the DOM, rendered
 *   (`checkVisibility` with opacity and visibility) and of non-zero size. A frame's paint follows its
 *   animation-frame callbacks, so that frame paints the diagram;
 * - `liveAt`: the first animation frame in which the page's live part (`[data-status]`) says it is ready.
 * @param {{ diagram: string }} options
 */
function recorder({ diagram }) {
  const bench = {
    /** @type {{ start: number, duration: number }[]} */
    longTasks: [],
    /** @type {Record<string, number>} */
    paints: {},
    cls: 0,
    /** @type {number | null} */
    diagramSeen: null,
    /** @type {number | null} */
    liveAt: null,
    hasStatus: false
  };
  /** @type {{ __bench?: typeof bench }} */ (/** @type {unknown} */ (window)).__bench = bench;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      bench.longTasks.push({ start: entry.startTime, duration: entry.duration });
    }
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) bench.paints[entry.name] = entry.startTime;
  }).observe({ type: 'paint', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const shift = /** @type {PerformanceEntry & { value: number, hadRecentInput: boolean }} */ (entry);
      if (!shift.hadRecentInput) bench.cls += shift.value;
    }
  }).observe({ type: 'layout-shift', buffered: true });
  const visible = () => {
    const svg = document.querySelector(diagram);
    if (!svg || !svg.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false;
    const box = svg.getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  };
  const frame = () => {
    const now = performance.now();
    if (bench.diagramSeen === null && visible()) bench.diagramSeen = now;
    const status = document.querySelector('[data-status]');
    if (status) bench.hasStatus = true;
    if (bench.liveAt === null && status?.getAttribute('data-status') === 'ready') bench.liveAt = now;
    const waiting =
      bench.diagramSeen === null || (bench.liveAt === null && (bench.hasStatus || !document.body));
    if (waiting && now < 120_000) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

/** @param {LongTask[]} tasks @returns {TaskSummary} */
function summarize(tasks) {
  return {
    count: tasks.length,
    total: tasks.reduce((sum, t) => sum + t.duration, 0),
    max: tasks.reduce((max, t) => Math.max(max, t.duration), 0)
  };
}

/**
 * @param {import('playwright-core').Page} page
 * @returns {Promise<{ longTasks: LongTask[], paints: Record<string, number>, cls: number,
 *   diagramSeen: number | null, liveAt: number | null, hasStatus: boolean, now: number, doneAt?: number | null }>}
 */
function readRecorder(page) {
  return page.evaluate(() => {
    const bench = /** @type {any} */ (window).__bench;
    return { ...bench, longTasks: [...bench.longTasks], now: performance.now() };
  });
}

/**
 * Waits until the page is calm: `quietWindow` ms in a row with no new long task, no request in flight and,
 * if the page has a live part (`[data-status]`), that part ready. Gives up after SETTLE_CAP_MS.
 * @param {import('playwright-core').Page} page
 * @param {{ inFlight: number }} network
 * @param {number} quietWindow
 * @param {() => Promise<boolean>} [ready]
 * @returns {Promise<boolean>} whether it settled before the cap
 */
async function settle(page, network, quietWindow, ready) {
  const started = Date.now();
  let calmSince = Date.now();
  let tasksSeen = -1;
  while (Date.now() - started < SETTLE_CAP_MS) {
    await page.waitForTimeout(POLL_MS);
    const state = await readRecorder(page);
    const waitingForLive = state.hasStatus && state.liveAt === null;
    const notReady = ready ? !(await ready()) : false;
    if (state.longTasks.length !== tasksSeen || network.inFlight > 0 || waitingForLive || notReady) {
      tasksSeen = state.longTasks.length;
      calmSince = Date.now();
    } else if (Date.now() - calmSince >= quietWindow) {
      return true;
    }
  }
  return false;
}

/**
 * Main-thread JS heap in bytes after a full garbage collection: what the page keeps, not what it has yet
 * to collect. Workers have heaps of their own and are not counted.
 * @param {import('playwright-core').CDPSession} cdp
 */
async function heapAfterGc(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize;
}

/**
 * One cold load of a route in a new browser context at the given CPU throttle.
 * @param {import('playwright-core').Browser} browser
 * @param {PageCase} c
 * @returns {Promise<PageSample>}
 */
export async function measurePage(browser, c) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    colorScheme: 'light',
    reducedMotion: 'no-preference'
  });
  try {
    const page = await context.newPage();
    const network = { inFlight: 0 };
    /** @type {string[]} */
    const loadedPaths = [];
    const origin = new URL(c.baseUrl).origin;
    context.on('request', (request) => {
      network.inFlight += 1;
      const url = new URL(request.url());
      if (url.origin === origin) loadedPaths.push(url.pathname);
    });
    const finished = () => {
      network.inFlight = Math.max(0, network.inFlight - 1);
    };
    context.on('requestfinished', finished);
    context.on('requestfailed', finished);
    await page.addInitScript(recorder, { diagram: c.diagram });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: c.throttle });

    // A page that is played through is loaded with its questions off (`?predict=0`): the player would otherwise stop
    // before figure 4's answer and wait for a learner's choice.
    const url = `${c.baseUrl}${c.route}${c.playback ? '?predict=0' : ''}`;
    const response = await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
    if (!response?.ok()) throw new Error(`${c.route}: HTTP ${response?.status()}`);
    const settled = await settle(page, network, c.quietWindow);
    const loaded = await readRecorder(page);
    const fcp = loaded.paints['first-contentful-paint'] ?? null;
    const lastTaskEnd = loaded.longTasks.reduce((end, t) => Math.max(end, t.start + t.duration), 0);
    /** @type {PageSample} */
    const sample = {
      // The diagram is on screen at the first contentful paint if it was already rendered by then,
      // otherwise in the frame in which it was first seen rendered.
      diagram: loaded.diagramSeen === null ? null : Math.max(fcp ?? 0, loaded.diagramSeen),
      fcp,
      live: loaded.liveAt,
      // Quiet: the end of the last long task of the load, or the first contentful paint if it had none.
      quiet: Math.max(fcp ?? 0, lastTaskEnd),
      load: summarize(loaded.longTasks),
      cls: loaded.cls,
      heap: await heapAfterGc(cdp),
      loadedPaths: [...loadedPaths],
      settled
    };
    if (c.playback) sample.playback = await measurePlayback(page, cdp, network, c.quietWindow);
    return sample;
  } finally {
    await context.close();
  }
}

/**
 * Figure 4 played to the end with Space, as a learner does: long tasks from the key press until the page is
 * calm again after the player, having played, says "done" (its `data-player` attribute, JSON-encoded).
 * @param {import('playwright-core').Page} page
 * @param {import('playwright-core').CDPSession} cdp
 * @param {{ inFlight: number }} network
 * @param {number} quietWindow
 */
async function measurePlayback(page, cdp, network, quietWindow) {
  await page.locator('h1').click(); // focus inside the page, on nothing interactive
  const started = await page.evaluate(() => {
    const w = /** @type {any} */ (window);
    const section = document.querySelector('section.simulator');
    if (!section) throw new Error('no section.simulator on the page');
    w.__bench.doneAt = null;
    // The end counts only after playing began: the player, loaded with the key press, may first report the
    // position the page was already at (the end of the figure) before Space restarts it.
    let played = false;
    new MutationObserver(() => {
      const state = section.getAttribute('data-player') ?? '';
      if (state.includes('playing') || state.includes('restarting')) played = true;
      if (played && w.__bench.doneAt === null && state === '"done"') {
        w.__bench.doneAt = performance.now();
      }
    }).observe(section, { attributes: true, attributeFilter: ['data-player'] });
    return performance.now();
  });
  await page.keyboard.press('Space');
  const done = async () => (await page.evaluate(() => /** @type {any} */ (window).__bench.doneAt)) !== null;
  const settled = await settle(page, network, quietWindow, done);
  const state = await readRecorder(page);
  if (state.doneAt === null || state.doneAt === undefined) throw new Error('figure 4 never reached the end');
  return {
    duration: state.doneAt - started,
    tasks: summarize(state.longTasks.filter((t) => t.start >= started)),
    heap: await heapAfterGc(cdp),
    settled
  };
}
