// viewOf(world): what the inspector reads, as plain data that survives structuredClone and holds what the world holds.
import { describe, expect, it } from 'vitest';
import { inspectDecision } from '../../src/lib/inspect';
import { runScenario } from '../../src/lib/scenarios';
import { createWorld, viewOf, type World, type WorldView } from '../../src/lib/sim';
import { testKeys } from '../support/keys';

const NOW = Date.UTC(2026, 10, 28, 9, 0, 0);

async function played(id: string): Promise<World> {
  const world = await createWorld({ seed: id, now: NOW, keys: testKeys });
  await runScenario(id, { world });
  return world;
}

/** Every value reachable from `value` is a primitive, a plain object or an array: nothing structuredClone alters. */
function plainPaths(value: unknown, path = 'view'): string[] {
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return [];
  if (Array.isArray(value)) return value.flatMap((item, index) => plainPaths(item, `${path}[${index}]`));
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)
    return Object.entries(value).flatMap(([key, item]) => plainPaths(item, `${path}.${key}`));
  return [`${path}: ${typeof value}`];
}

describe('viewOf', () => {
  it('is plain data: structuredClone gives it back deep-equal, with nothing but objects, arrays and primitives', async () => {
    const world = await played('identity-pool');
    const view = viewOf(world);
    expect(plainPaths(view)).toEqual([]);
    expect(structuredClone(view)).toStrictEqual(view);
  });

  it('holds the world’s config, clock, published JWKS and roles', async () => {
    const world = await played('identity-pool');
    const view = viewOf(world);
    expect(view.config).toEqual(world.config);
    expect(view.now).toBe(world.clock.now());
    expect(view.publishedJwks).toEqual(world.userPool.publishedJwks());
    expect(view.publishedJwks.keys.length).toBeGreaterThanOrEqual(2);
    for (const key of view.publishedJwks.keys) {
      expect(key).toMatchObject({ kty: 'RSA', use: 'sig' });
      expect(key).not.toHaveProperty('d');
    }
    expect(view.roles).toEqual(world.roles.all());
    expect(view.roles.map((role) => role.roleName)).toEqual([
      'TwoPools_Authenticated',
      'TwoPools_Guest',
      'TwoPools_Admin',
      'TwoPools_OrdersFunction',
      'TwoPools_Managers'
    ]);
  });

  it('holds every session STS issued, secrets included, without the lifecycle actor', async () => {
    const world = await played('identity-pool');
    const view = viewOf(world);
    const issued = world.credentials.all();
    expect(view.sessions).toHaveLength(issued.length);
    for (const [index, session] of view.sessions.entries()) {
      const { lifecycle: _lifecycle, ...expected } = issued[index] ?? ({} as never);
      expect(session).toEqual(expected);
      expect(session).not.toHaveProperty('lifecycle');
    }
    const app = view.sessions.find((session) => session.roleName === 'TwoPools_Authenticated');
    expect(app?.accessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
    expect(app?.secretAccessKey).toHaveLength(40);
    expect(app?.variables['cognito-identity.amazonaws.com:sub']).toMatch(/^us-east-1:/);
  });

  it('lists the identity and the credentials machines with their states and the fields the inspector shows', async () => {
    const world = await played('identity-pool');
    const view = viewOf(world);
    const [identity] = world.identityPool.identities();
    const app = world.credentials.all().find((session) => session.roleName === 'TwoPools_Authenticated');
    expect(view.machines.filter((machine) => machine.machine === 'identity')).toEqual([
      {
        machine: 'identity',
        id: identity?.getSnapshot().context.identityId,
        state: 'authenticated',
        context: {
          logins: [
            `${world.config.userPool.issuer.replace('https://', '')}|${world.config.demoUsers[0]?.sub}`
          ]
        }
      }
    ]);
    expect(view.machines).toContainEqual({
      machine: 'credentials',
      id: app?.accessKeyId,
      state: 'valid',
      context: { roleName: 'TwoPools_Authenticated', expiration: app?.expiration }
    });
    // Identities first, then credentials, each in issue order.
    const kinds = view.machines.map((machine) => machine.machine);
    expect(kinds.indexOf('credentials')).toBeGreaterThan(kinds.lastIndexOf('identity'));
  });

  it('shows a guest identity and the session policy its credentials were issued with', async () => {
    const world = await played('guest-access');
    const view = viewOf(world);
    expect(view.machines.find((machine) => machine.machine === 'identity')?.state).toBe('guest');
    const guest = view.sessions.find((session) => session.roleName === 'TwoPools_Guest');
    expect(guest?.sessionPolicy).toBeDefined();
    expect(structuredClone(view)).toStrictEqual(view);
  });

  it('is a copy taken at one moment: the world moving on, or the view being changed, leaves the other alone', async () => {
    const world = await played('identity-pool');
    const before: WorldView = viewOf(world);
    world.clock.advance(61 * 60 * 1000);
    const after = viewOf(world);
    expect(after.now - before.now).toBe(61 * 60 * 1000);
    // Reading does not bring a lifecycle up to the clock: only a service looking at the credentials does.
    const states = (view: WorldView) =>
      view.machines.filter((machine) => machine.machine === 'credentials').map((machine) => machine.state);
    expect(states(after)).toEqual(states(before));
    expect(states(after)).toContain('valid');
    before.config.userPool.issuer = 'changed';
    before.sessions.length = 0;
    expect(world.config.userPool.issuer).not.toBe('changed');
    expect(world.credentials.all().length).toBeGreaterThan(0);
  });

  it('gives inspectDecision the roles it needs, after a structuredClone as before it', async () => {
    const world = await played('own-orders-only');
    const roles = structuredClone(viewOf(world)).roles;
    const decided = world.trace.entries.filter((entry) => entry.decisions !== undefined);
    expect(decided.length).toBeGreaterThan(0);
    for (const entry of decided)
      expect(inspectDecision(entry, roles)).toEqual(inspectDecision(entry, world.roles));
    const shown = decided.flatMap((entry) => inspectDecision(entry, roles)?.decisions ?? []);
    expect(shown.some((decision) => decision.policies.length > 0)).toBe(true);
  });
});
