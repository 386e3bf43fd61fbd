// Replaying a long share link: slices of work with a turn for the page between them, progress after each action, and a stop that keeps what was replayed.
import { describe, expect, it } from 'vitest';
import type { SandboxAction } from '../../src/lib/sandbox/actions';
import { replaySandbox } from '../../src/lib/sandbox/session';
import { testKeys } from '../support/keys';

const NOW = Date.UTC(2026, 10, 28, 9, 0, 0);
const options = { seed: 'sandbox', now: NOW, keys: testKeys };
/** Actions that send nothing, so the test is about the replay loop, not the cloud. */
const clock = (minutes: number): SandboxAction => ({ do: 'advance-clock', minutes });
const TEN = Array.from({ length: 10 }, (_, i) => clock(i + 1));

describe('a replay in slices', () => {
  it('reports each action and gives the page a turn each time a slice has used its budget', async () => {
    let time = 0;
    const events: string[] = [];
    const result = await replaySandbox(TEN, options, {
      sliceMs: 40,
      now: () => time,
      onProgress: (done, total) => {
        events.push(`${done}/${total}`);
        time += 25; // each action "takes" 25 ms: a 40 ms slice holds two
      },
      yieldToPage: async () => {
        events.push('turn');
      }
    });
    expect(result.ok && result.stopped).toBe(false);
    expect(events).toEqual([
      '1/10',
      '2/10',
      'turn',
      '3/10',
      '4/10',
      'turn',
      '5/10',
      '6/10',
      'turn',
      '7/10',
      '8/10',
      'turn',
      '9/10',
      '10/10'
    ]);
    if (result.ok) {
      expect(result.session.actions()).toEqual(TEN);
      result.session.stop();
    }
  });

  it('lets timers run during a replay by default', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    try {
      const result = await replaySandbox(TEN, options, { sliceMs: 0 });
      expect(ticks).toBeGreaterThanOrEqual(5);
      if (result.ok) result.session.stop();
    } finally {
      clearInterval(timer);
    }
  });
});

describe('stopping a replay', () => {
  it('keeps the actions replayed before the stop, and does no more', async () => {
    const stop = new AbortController();
    const result = await replaySandbox(TEN, options, {
      signal: stop.signal,
      onProgress: (done) => {
        if (done === 3) stop.abort();
      }
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.stopped).toBe(true);
    expect(result.session.actions()).toEqual(TEN.slice(0, 3));
    expect(result.session.performed).toHaveLength(3);
    result.session.stop();
  });

  it('replays nothing when stopped before it starts, and is not stopped when the stop comes after the last action', async () => {
    const early = new AbortController();
    early.abort();
    const none = await replaySandbox(TEN, options, { signal: early.signal });
    expect(none.ok && none.stopped && none.session.performed.length).toBe(0);
    if (none.ok) none.session.stop();

    const late = new AbortController();
    const all = await replaySandbox(TEN, options, {
      signal: late.signal,
      onProgress: (done, total) => done === total && late.abort()
    });
    expect(all.ok && !all.stopped && all.session.performed.length).toBe(10);
    if (all.ok) all.session.stop();
  });
});
