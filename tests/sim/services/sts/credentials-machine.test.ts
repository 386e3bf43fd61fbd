// The credentials machine: valid strictly before Expiration, expired from that instant on, for good.

import { describe, expect, it } from 'vitest';
import { getShortestPaths } from 'xstate/graph';
import { credentialsMachine, startCredentials } from '../../../../src/lib/sim/services/sts/credentials';

const INPUT = {
  accessKeyId: 'ASIAEXAMPLE000000000',
  roleArn: 'arn:aws:iam::123456789012:role/R',
  issuedAt: 1000,
  expiration: 3_601_000
};

describe('credentialsMachine', () => {
  it('is valid until the clock reaches the expiration', () => {
    const actor = startCredentials(INPUT);
    actor.send({ type: 'CLOCK', now: 3_600_999 });
    expect(actor.getSnapshot()).toMatchObject({ value: 'valid', context: { lastSeen: 3_600_999 } });
    actor.send({ type: 'CLOCK', now: 3_601_000 });
    expect(actor.getSnapshot().value).toBe('expired');
    expect(actor.getSnapshot().status).toBe('done');
  });

  it('ignores a clock reading from the past', () => {
    const actor = startCredentials(INPUT);
    actor.send({ type: 'CLOCK', now: 5000 });
    actor.send({ type: 'CLOCK', now: 2000 });
    expect(actor.getSnapshot().context.lastSeen).toBe(5000);
  });

  it('reaches every state', () => {
    const paths = getShortestPaths(credentialsMachine, {
      input: INPUT,
      events: [
        { type: 'CLOCK', now: 2000 },
        { type: 'CLOCK', now: 3_601_000 }
      ]
    });
    expect([...new Set(paths.map((path) => String(path.state.value)))].sort()).toEqual(['expired', 'valid']);
  });
});
