// The live world's host answers the page with plain data, and a scenario played through it gives the same
// trace as the same scenario played directly; the page's session over it clones every message both ways.
import { describe, expect, it } from 'vitest';
import {
  createLiveHost,
  type LiveMessage,
  type LiveReply,
  type LiveRequest,
  type LiveState
} from '../../src/lib/live';
import { getScenario, runScenario, scenarios, startRun } from '../../src/lib/scenarios';
import { createWorld } from '../../src/lib/sim';
import { createLiveSession } from '../../src/lib/ui/live/session';
import { pageTransport } from '../support/live';
import { testKeys } from '../support/keys';

const NOW = Date.UTC(2026, 10, 28, 9, 0, 0);

function asker() {
  const host = createLiveHost({ keys: testKeys });
  let id = 0;
  return async (request: LiveRequest): Promise<LiveReply> =>
    structuredClone(await host.handle(structuredClone({ ...request, id: ++id }) as LiveMessage));
}

function okState(reply: LiveReply): LiveState {
  if (!reply.ok) throw new Error(`the host refused: ${reply.error}`);
  return reply.state;
}

describe('live host', () => {
  it.each(scenarios.map((scenario) => [scenario.id]))(
    '%s through the host gives the trace of a direct run',
    async (id) => {
      const ask = asker();
      okState(await ask({ type: 'start', scenarioId: id, seed: id, now: NOW }));
      const total = getScenario(id)?.steps.length ?? 0;
      const state = okState(await ask({ type: 'goTo', step: total }));

      const direct = await runScenario(id, {
        world: await createWorld({ seed: id, now: NOW, keys: testKeys })
      });
      expect(state.position).toBe(total);
      expect(state.entries).toEqual(direct.trace);
      expect(state.entries.length).toBeGreaterThan(0);
      expect(state.stepEnds.at(-1)).toBe(direct.trace.length);
    }
  );

  it('sends nothing a thread cannot take: every state survives structuredClone unchanged', async () => {
    const host = createLiveHost({ keys: testKeys });
    await host.handle({ id: 1, type: 'start', scenarioId: 'identity-pool', seed: 's', now: NOW });
    const reply = await host.handle({ id: 2, type: 'goTo', step: 3 });
    expect(structuredClone(reply)).toEqual(reply);
    const state = okState(reply);
    expect(state.app.memory).not.toHaveProperty('world');
    expect(state.app.memory).not.toHaveProperty('random');
    expect(state.app.memory.tokens?.idToken).toMatch(/^eyJ/);
  });

  it('goes back by replaying a fresh world with the same seed and keys', async () => {
    const ask = asker();
    const first = okState(await ask({ type: 'start', scenarioId: 'call-api', seed: 'call-api', now: NOW }));
    const end = okState(await ask({ type: 'goTo', step: 2 }));
    const back = okState(await ask({ type: 'goTo', step: 1 }));
    expect(back.generation).toBe(first.generation + 1);
    expect(back.position).toBe(1);
    expect(back.entries).toEqual(end.entries.slice(0, end.stepEnds[0]));
    // Forward from there is the same story again.
    const again = okState(await ask({ type: 'goTo', step: 2 }));
    expect(again.entries).toEqual(end.entries);
  });

  it('performs the app events it is given and says which one the app could not take', async () => {
    const ask = asker();
    okState(await ask({ type: 'start', scenarioId: 'call-api', seed: 'call-api', now: NOW }));
    const end = okState(await ask({ type: 'goTo', step: 2 }));
    expect(end.app.accepts['CALL_DYNAMODB_WITH_JWT']).toBe(true);
    expect(end.app.accepts['READ_ORDER']).toBe(false);

    const jwt = await ask({ type: 'perform', events: [{ type: 'CALL_DYNAMODB_WITH_JWT', orderId: '42' }] });
    if (!jwt.ok) throw new Error(jwt.error);
    expect(jwt.result).toEqual({ from: end.entries.length, to: end.entries.length + 1 });
    expect(jwt.state.entries.at(-1)?.response.status).toBe(400);

    const stopped = await ask({
      type: 'perform',
      events: [{ type: 'READ_ORDER', orderId: '42' }]
    });
    if (!stopped.ok) throw new Error(stopped.error);
    expect(stopped.result).toEqual({
      from: jwt.state.entries.length,
      to: jwt.state.entries.length,
      stoppedBefore: 'READ_ORDER'
    });
  });

  it('refuses in words, and keeps answering after a refusal', async () => {
    const ask = asker();
    expect(await ask({ type: 'goTo', step: 1 })).toEqual({
      id: 1,
      ok: false,
      error: 'live: no scenario has been started'
    });
    expect(await ask({ type: 'start', scenarioId: 'no-such', seed: 'x', now: NOW })).toMatchObject({
      ok: false,
      error: 'live: there is no scenario called "no-such"'
    });
    const started = await ask({ type: 'start', scenarioId: 'sign-in', seed: 'sign-in', now: NOW });
    expect(started.ok).toBe(true);
  });
});

describe('the page’s live session', () => {
  it('drives the host as the player does, and tells listeners each state before resolving', async () => {
    const session = createLiveSession(pageTransport());
    const seen: number[] = [];
    session.subscribe((state) => seen.push(state.position));
    await session.start('sign-in', 'sign-in', NOW);
    const stepper = session.stepper(2);
    expect(await stepper.goTo(1)).toBe(1);
    expect(seen).toEqual([0, 1]);
    expect(session.state?.entries.map((entry) => entry.operation)).toEqual(['InitiateAuth']);
    expect(await stepper.goTo(2)).toBe(2);
    expect(seen).toEqual([0, 1, 2]);
    expect(session.state?.entries.map((entry) => entry.operation)).toEqual([
      'InitiateAuth',
      'RespondToAuthChallenge'
    ]);
    await expect(session.goTo(Number.NaN)).rejects.toThrow('live: a step is a whole number, not NaN');
    await expect(session.goTo(0)).resolves.toMatchObject({ position: 0 });
    session.close();
    await expect(session.goTo(1)).rejects.toThrow();
  });

  it('the same run through startRun and through the session hold equal states for every step', async () => {
    const scenario = getScenario('own-orders-only');
    if (!scenario) throw new Error('no scenario');
    const run = await startRun(scenario, {
      world: await createWorld({ seed: scenario.id, now: NOW, keys: testKeys })
    });
    const session = createLiveSession(pageTransport());
    await session.start(scenario.id, scenario.id, NOW);
    for (let step = 1; step <= scenario.steps.length; step++) {
      await run.next();
      const state = await session.goTo(step);
      expect(state.entries).toEqual(run.world.trace.entries);
      expect(state.app.value).toEqual(run.app.getSnapshot().value);
    }
    run.app.stop();
    session.close();
  });
});
