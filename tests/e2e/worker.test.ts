// Figure pages run the simulated cloud in a Web Worker: the page's own scripts hold none of the services or SRP
// (the page has only the player's XState, loaded with the first action, and, once the learner reaches "try it"
// or the inspector, JOSE to decode and check tokens on screen); the worker is the only one, same-origin.
import { describe, expect, inject, it } from 'vitest';
import { offOrigin, openSession } from './support/browser';
import { waitForLive } from './support/simulator';

const baseUrl = inject('baseUrl');

/** Markers of the simulation: the user pool's own words, SRP's proof field, STS's error codes. */
const MARKERS = {
  services: 'Password did not conform with policy',
  srp: 'PASSWORD_CLAIM_SIGNATURE',
  sts: 'MalformedPolicyDocument'
};

describe('the live world of a figure', () => {
  it.each([['/scenario/identity-pool/?predict=0'], ['/embed/identity-pool/']])(
    '%s plays figure 4 with the simulated cloud in its worker only',
    async (path) => {
      const session = await openSession({ reducedMotion: 'reduce' });
      try {
        const { page, context } = session;
        const scripts = new Map<string, Promise<string>>();
        page.on('response', (response) => {
          const url = response.url();
          if (new URL(url).pathname.endsWith('.js')) scripts.set(url, response.text());
        });
        const workers: string[] = [];
        page.on('worker', (worker) => workers.push(worker.url()));
        await page.goto(`${baseUrl}${path}`, { waitUntil: 'load' });
        await waitForLive(page);
        await page.locator('h1').click();
        await page.keyboard.press('Space');
        await page.locator('section.simulator[data-player="\\"done\\""]').waitFor({ timeout: 90_000 });

        expect(workers).toHaveLength(1);
        const worker = workers[0] ?? '';
        expect(new URL(worker).origin).toBe(new URL(baseUrl).origin);
        const workerText = await (await context.request.get(worker)).text();
        for (const marker of [...Object.values(MARKERS), 'ERR_JOSE']) expect(workerText).toContain(marker);

        const pageScripts = [...scripts.keys()].filter((url) => url !== worker);
        let read = 0;
        for (const url of pageScripts) {
          const text = (await scripts.get(url)) ?? '';
          read += text.length;
          const found = Object.entries(MARKERS).filter(([, marker]) => text.includes(marker));
          expect(found.map(([name]) => `${url}: ${name}`)).toEqual([]);
        }
        expect(read).toBeGreaterThan(50_000);
        expect(offOrigin(session.requests, baseUrl)).toEqual([]);
      } finally {
        await session.close();
      }
    }
  );
});
