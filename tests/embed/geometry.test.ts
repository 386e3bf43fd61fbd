// The compact embed's height comes from the finished diagram's layout: the whole story, a range of steps, wider
// and narrower frames. (That the page really stands this tall is checked in Chromium: tests/e2e/embed.test.ts.)
import { describe, expect, it } from 'vitest';
import { toDiagramEntry } from '../../src/lib/diagram';
import { EMBED_CHROME_HEIGHT, EMBED_WIDTH, embedHeight, rangeEntries } from '../../src/lib/embed';
import { getScenario, startRun } from '../../src/lib/scenarios';

async function figure(id: string) {
  const scenario = getScenario(id)!;
  const run = await startRun(scenario, { seed: id });
  while (!run.done) await run.next();
  run.app.stop();
  let count = 0;
  return {
    participants: scenario.participants,
    diagramEntries: run.world.trace.entries.map(toDiagramEntry),
    stepEnds: run.steps.map((step) => (count += step.entries.length))
  };
}

describe('embedHeight', () => {
  it('is the chrome plus the finished diagram at a 700 px frame, and a range is shorter than the whole', async () => {
    const figure4 = await figure('identity-pool');
    const whole = embedHeight(figure4);
    expect(whole).toBeGreaterThan(EMBED_CHROME_HEIGHT + 400);
    expect(embedHeight(figure4, undefined, EMBED_WIDTH)).toBe(whole);
    const third = embedHeight(figure4, { from: 3, to: 3 });
    expect(third).toBeGreaterThan(EMBED_CHROME_HEIGHT);
    expect(third).toBeLessThan(whole);
    // A narrow frame lays the figure out compact and taller.
    expect(embedHeight(figure4, undefined, 360)).not.toBe(whole);
    console.log('identity-pool', whole, 'step 3', third);
  });

  it('takes a range’s exchanges only', async () => {
    const figure3 = await figure('jwt-to-dynamodb');
    const [first, second] = figure3.stepEnds;
    expect(rangeEntries(figure3, { from: 2, to: 2 })).toEqual(figure3.diagramEntries.slice(first, second));
    expect(rangeEntries(figure3)).toBe(figure3.diagramEntries);
    console.log('jwt-to-dynamodb 2-2', embedHeight(figure3, { from: 2, to: 2 }));
  });
});
