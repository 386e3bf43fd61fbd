// The simulated clock: starts where told, only moves forward.
import { describe, expect, it } from 'vitest';
import { createClock } from '../../src/lib/sim/clock';

describe('createClock', () => {
  it('starts at the given time and advances', () => {
    const clock = createClock(1_000);
    clock.advance(3_600_000);
    expect(clock.now()).toBe(3_601_000);
  });

  it('refuses to go backwards or by a non-number', () => {
    const clock = createClock(0);
    expect(() => clock.advance(-1)).toThrow(/cannot advance/);
    expect(() => clock.advance(Number.NaN)).toThrow(/cannot advance/);
  });
});
