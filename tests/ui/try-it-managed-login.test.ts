// "Try it" on managed-login-pkce: a wrong redirect_uri, a replayed code and a wrong verifier, each refused with Cognito's error.
import { describe, expect, it } from 'vitest';
import { createLiveHost } from '../../src/lib/live';
import type { LiveState } from '../../src/lib/live';
import { getScenario } from '../../src/lib/scenarios';
import {
  eventsFor,
  offered,
  resultSummary,
  TRY_ACTIONS,
  type TryActionId
} from '../../src/lib/ui/try-it/actions';
import { testKeys } from '../support/keys';

const NOW = Date.UTC(2026, 10, 28, 9, 0, 0);

async function atEnd() {
  const host = createLiveHost({ keys: testKeys });
  const started = await host.handle({
    id: 1,
    type: 'start',
    scenarioId: 'managed-login-pkce',
    seed: 'managed-login-pkce',
    now: NOW
  });
  if (!started.ok) throw new Error(started.error);
  const steps = getScenario('managed-login-pkce')?.steps.length ?? 0;
  const end = await host.handle({ id: 2, type: 'goTo', step: steps });
  if (!end.ok) throw new Error(end.error);
  let id = 3;
  const perform = async (action: Exclude<TryActionId, 'tamper'>, state: LiveState) => {
    const reply = await host.handle({
      id: id++,
      type: 'perform',
      events: eventsFor(action, state.app.memory, state.world.config)
    });
    if (!reply.ok || reply.result === undefined) throw new Error('perform failed');
    const added = reply.state.entries.slice(reply.result.from, reply.result.to);
    return { state: reply.state, added, last: added.at(-1), summary: resultSummary(added) };
  };
  return { state: end.state, perform };
}

describe('try it on managed-login-pkce', () => {
  it('offers the three managed login actions only once the app has used managed login', async () => {
    const { state } = await atEnd();
    const ids = TRY_ACTIONS.filter((a) => offered(a.id, state.app.memory)).map((a) => a.id);
    expect(ids).toEqual(expect.arrayContaining(['ml-wrong-redirect', 'ml-replay-code', 'ml-wrong-verifier']));
    expect(offered('ml-replay-code', {})).toBe(false);
    expect(offered('call-api', {})).toBe(true);
  });

  it('a redirect_uri with a trailing slash: 302 to the error page, redirect_mismatch', async () => {
    const { state, perform } = await atEnd();
    const { last, summary, added } = await perform('ml-wrong-redirect', state);
    expect(added).toHaveLength(1);
    expect(last?.operation).toBe('GET /oauth2/authorize');
    expect(last?.response.status).toBe(302);
    expect(last?.outcome).toBe('refused');
    expect(last?.error?.code).toBe('redirect_mismatch');
    expect(last?.response.headers.location).toMatch(/\/error\?error=redirect_mismatch&client_id=/);
    expect(summary).toContain('redirect_mismatch');
  });

  it('the same code again: 400 invalid_grant, the code already redeemed', async () => {
    const { state, perform } = await atEnd();
    const { last, summary } = await perform('ml-replay-code', state);
    expect(last?.operation).toBe('POST /oauth2/token');
    expect(last?.response.status).toBe(400);
    expect(JSON.parse(last?.response.body ?? '')).toEqual({ error: 'invalid_grant' });
    expect(last?.checks.find((c) => c.id === 'oauth.code-unused')?.ok).toBe(false);
    expect(summary).toContain('invalid_grant');
  });

  it('a wrong verifier: a fresh code is refused with invalid_grant at the PKCE check', async () => {
    const { state, perform } = await atEnd();
    const { last, added } = await perform('ml-wrong-verifier', state);
    expect(added.map((e) => [e.from, e.operation, e.response.status])).toEqual([
      ['browser', 'GET /oauth2/authorize', 302],
      ['browser', 'GET /login', 200],
      ['browser', 'POST /login', 302],
      ['app', 'POST /oauth2/token', 400]
    ]);
    expect(JSON.parse(last?.response.body ?? '')).toEqual({ error: 'invalid_grant' });
    expect(last?.checks.find((c) => c.id === 'oauth.code-unused')?.ok).toBe(true);
    expect(last?.checks.find((c) => c.id === 'oauth.pkce')?.ok).toBe(false);
  });
});
