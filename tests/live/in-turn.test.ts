import { describe, expect, it } from 'vitest';
import { inTurn } from '../../src/lib/live/in-turn';

describe('inTurn', () => {
  it('answers one message at a time, in arrival order, even when a later one would be quicker', async () => {
    const log: string[] = [];
    const handle = inTurn(async (message: { id: number; wait: number }) => {
      log.push(`start ${message.id}`);
      await new Promise((resolve) => setTimeout(resolve, message.wait));
      log.push(`end ${message.id}`);
      return { id: message.id, ok: true as const };
    });
    await Promise.all([handle({ id: 1, wait: 20 }), handle({ id: 2, wait: 0 })]);
    expect(log).toEqual(['start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('turns a failure into an error reply and goes on with the next message', async () => {
    const handle = inTurn(async (message: { id: number }) => {
      if (message.id === 1) throw new Error('no world');
      return { id: message.id, ok: true as const };
    });
    const [failed, next] = await Promise.all([handle({ id: 1 }), handle({ id: 2 })]);
    expect(failed).toEqual({ id: 1, ok: false, error: 'no world' });
    expect(next).toEqual({ id: 2, ok: true });
  });
});
