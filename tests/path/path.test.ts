import { describe, expect, it } from 'vitest';
import { buildPath, continueStop, emptyProgress, markStop, nextStop, pathCount } from '../../src/lib/path';
import { scenarios } from '../../src/lib/scenarios/definitions-info';

const exercises = [
  { id: 'trust-policy', title: 'Fix the trust policy', goal: 'Make sign-in reach credentials.' },
  { id: 'own-orders', title: 'Only your own orders', goal: 'Alice reads hers, not Bob’s.' }
];

describe('the path', () => {
  const path = buildPath(scenarios, exercises);
  const stops = path.flatMap((section) => section.stops);

  it('starts with the four figures in order, then every other scenario once, then the exercises', () => {
    expect(path[0]?.stops.map((stop) => stop.slug)).toEqual([
      'sign-in',
      'call-api',
      'jwt-to-dynamodb',
      'identity-pool'
    ]);
    expect(path[0]?.stops.map((stop) => stop.kicker)).toEqual([
      'Figure 1',
      'Figure 2',
      'Figure 3',
      'Figure 4'
    ]);
    const scenarioStops = stops.filter((stop) => stop.kind === 'scenario').map((stop) => stop.slug);
    expect([...scenarioStops].sort()).toEqual(scenarios.map((scenario) => scenario.id).sort());
    expect(path.at(-1)?.stops.map((stop) => stop.path)).toEqual([
      '/exercise/trust-policy/',
      '/exercise/own-orders/'
    ]);
  });

  it('refuses a scenario in a group it does not know', () => {
    const stray = { ...scenarios[0]!, id: 'stray', group: 'elsewhere' as never };
    expect(() => buildPath([...scenarios, stray], [])).toThrow(/stray.*elsewhere/);
  });

  it('names the next stop, across sections, and none after the last', () => {
    expect(nextStop(path, 'scenario:sign-in')?.slug).toBe('call-api');
    expect(nextStop(path, 'scenario:identity-pool')?.slug).toBe(path[1]?.stops[0]?.slug);
    expect(nextStop(path, 'exercise:own-orders')).toBeUndefined();
  });

  it('continues at the last stop until it is done, then at the next open one', () => {
    expect(continueStop(path, emptyProgress())).toBeUndefined();
    let progress = markStop(emptyProgress(), 'scenario:call-api', 'seen');
    expect(continueStop(path, progress)?.slug).toBe('call-api');
    progress = markStop(progress, 'scenario:jwt-to-dynamodb', 'done');
    progress = markStop(progress, 'scenario:call-api', 'done');
    expect(continueStop(path, progress)?.slug).toBe('identity-pool');
    expect(pathCount(path, progress)).toEqual({ done: 2, total: stops.length });
  });
});
