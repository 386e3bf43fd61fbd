// The identity-pool identity machine: guest → authenticated by a linked login, guest → merged; every state reached.

import { describe, expect, it } from 'vitest';
import { getAdjacencyMap, getShortestPaths } from 'xstate/graph';
import {
  identityMachine,
  startIdentity,
  type IdentityEvent
} from '../../../../src/lib/sim/services/identity-pool/identity';

const GUEST = { identityId: 'us-east-1:00000000-0000-4000-8000-000000000001', createdAt: 0, logins: [] };

describe('identityMachine', () => {
  it('starts as a guest without logins, and authenticated with one', () => {
    expect(startIdentity(GUEST).getSnapshot().value).toBe('guest');
    const signedIn = startIdentity({ ...GUEST, logins: ['accounts.google.com|1'] });
    expect(signedIn.getSnapshot().value).toBe('authenticated');
    expect(signedIn.getSnapshot().context.logins).toEqual(['accounts.google.com|1']);
  });

  it('becomes authenticated when a login is linked, and keeps every login it gains', () => {
    const actor = startIdentity(GUEST);
    actor.send({ type: 'LINK', login: 'accounts.google.com|1', at: 5 });
    expect(actor.getSnapshot().value).toBe('authenticated');
    actor.send({ type: 'LINK', login: 'cognito-idp.us-east-1.amazonaws.com/us-east-1_X|abc', at: 6 });
    actor.send({ type: 'LINK', login: 'accounts.google.com|1', at: 7 });
    expect(actor.getSnapshot().context).toMatchObject({
      logins: ['accounts.google.com|1', 'cognito-idp.us-east-1.amazonaws.com/us-east-1_X|abc'],
      lastUsedAt: 7
    });
  });

  it('merges a guest into the identity that owns its login, and stops there', () => {
    const actor = startIdentity(GUEST);
    actor.send({ type: 'MERGE', into: 'us-east-1:00000000-0000-4000-8000-000000000002', at: 9 });
    expect(actor.getSnapshot().value).toBe('merged');
    expect(actor.getSnapshot().status).toBe('done');
    expect(actor.getSnapshot().context.mergedInto).toBe('us-east-1:00000000-0000-4000-8000-000000000002');
  });

  it('never turns an authenticated identity back into a guest or merges it', () => {
    const actor = startIdentity({ ...GUEST, logins: ['accounts.google.com|1'] });
    actor.send({ type: 'MERGE', into: 'elsewhere', at: 1 });
    expect(actor.getSnapshot().value).toBe('authenticated');
    expect(actor.getSnapshot().context.mergedInto).toBeUndefined();
  });

  it('records use without changing state', () => {
    const actor = startIdentity(GUEST);
    actor.send({ type: 'USED', at: 42 });
    expect(actor.getSnapshot()).toMatchObject({ value: 'guest', context: { lastUsedAt: 42 } });
  });

  const events = [
    { type: 'LINK', login: 'accounts.google.com|1', at: 1 },
    { type: 'MERGE', into: 'us-east-1:other', at: 1 },
    { type: 'USED', at: 1 }
  ] as const;

  it('reaches every state', () => {
    const paths = getShortestPaths(identityMachine, { input: GUEST, events: [...events] });
    const states = new Set(paths.map((path) => String(path.state.value)));
    expect([...states].sort()).toEqual(['authenticated', 'guest', 'merged']);
  });

  it('changes state only by LINK (guest → authenticated) and MERGE (guest → merged)', () => {
    const map = getAdjacencyMap(identityMachine, {
      input: GUEST,
      events: [...events],
      serializeState: (snapshot) => String(snapshot.value)
    });
    const edges = Object.values(map).flatMap((vertex) =>
      (Object.values(vertex.transitions) as { event: IdentityEvent; state: typeof vertex.state }[])
        .filter((next) => next.state.value !== vertex.state.value)
        .map((next) => `${String(vertex.state.value)} -${next.event.type}-> ${String(next.state.value)}`)
    );
    expect(edges.sort()).toEqual(['guest -LINK-> authenticated', 'guest -MERGE-> merged']);
  });
});
