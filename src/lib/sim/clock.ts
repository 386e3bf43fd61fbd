// The world's simulated clock: the only source of time inside the simulation.

export interface Clock {
  /** Simulated time, epoch milliseconds. */
  now(): number;
  /** Moves simulated time forward (never backward). */
  advance(ms: number): void;
}

export function createClock(start?: number): Clock {
  // The one place that reads the wall clock: so that verifiers outside the world,
  // which use the real clock, accept tokens from a world started without `now`.
  let current = start ?? Date.now();
  if (!Number.isFinite(current)) throw new RangeError(`clock: start must be a finite number, got ${start}`);
  return {
    now: () => current,
    advance(ms: number) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`clock: cannot advance by ${ms} ms`);
      current += ms;
    }
  };
}
