// The seeded randomness: same seed, same values; different seed, different values; shapes AWS expects.
import { describe, expect, it } from 'vitest';
import { ALPHANUMERIC, createRandom } from '../../src/lib/sim/random';

describe('createRandom', () => {
  it('gives the same sequence for the same seed', () => {
    const a = createRandom('lesson');
    const b = createRandom('lesson');
    expect([a.hex(16), a.uuid(), a.pick(ALPHANUMERIC, 9), a.int(1000)]).toEqual([
      b.hex(16),
      b.uuid(),
      b.pick(ALPHANUMERIC, 9),
      b.int(1000)
    ]);
  });

  it('gives a different sequence for another seed', () => {
    expect(createRandom('one').hex(16)).not.toBe(createRandom('two').hex(16));
  });

  it('makes version-4-shaped UUIDs', () => {
    const random = createRandom('uuids');
    for (let i = 0; i < 50; i++) {
      expect(random.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });

  it('draws integers within range and rejects a bad range', () => {
    const random = createRandom('ints');
    const seen = new Set<number>();
    for (let i = 0; i < 500; i++) seen.add(random.int(6));
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(() => random.int(0)).toThrow(RangeError);
  });
});
