// The router and trace: requests reach the service for their host, and every exchange (hops too) is recorded.
import { describe, expect, it } from 'vitest';
import { createClock } from '../../src/lib/sim/clock';
import { createRandom } from '../../src/lib/sim/random';
import { createTrace } from '../../src/lib/sim/trace';
import { createRouter, type Service } from '../../src/lib/sim/world';
import { dispatchJson, serviceError } from '../../src/lib/sim/http';

function services(): Service[] {
  const front: Service = {
    id: 'api-gateway',
    handles: (url) => url.host === 'front.example',
    async handle(_request, ctx) {
      const inner = await ctx.fetch(new Request('https://back.example/data'));
      ctx.check('get-order.dynamodb-answered', inner.ok);
      return new Response(`front saw ${await inner.text()}`);
    }
  };
  const back: Service = {
    id: 'lambda',
    handles: (url) => url.host === 'back.example',
    handle: async () => new Response('42')
  };
  const json: Service = {
    id: 'user-pool',
    handles: (url) => url.host === 'json.example',
    handle: (request, ctx) =>
      dispatchJson(request, ctx, {
        targetPrefix: 'Svc.',
        contentType: 'application/x-amz-json-1.1',
        operations: {
          Refuse: async () =>
            serviceError('NotAuthorizedException', 'Incorrect username or password.', 'wrong password')
        }
      })
  };
  return [front, back, json];
}

describe('createRouter', () => {
  it('records a hop inside the exchange that caused it, in request order', async () => {
    const trace = createTrace();
    const exchange = createRouter(services(), { clock: createClock(0), random: createRandom('t'), trace });
    const response = await exchange('app', new Request('https://front.example/'));
    expect(await response.text()).toBe('front saw 42');
    expect(trace.entries.map((e) => [e.id, e.from, e.to, e.parentId])).toEqual([
      ['t1', 'app', 'api-gateway', undefined],
      ['t2', 'api-gateway', 'lambda', 't1']
    ]);
    const [outer, inner] = trace.entries;
    expect(outer!.start).toBeLessThan(inner!.start);
    expect(inner!.end).toBeLessThan(outer!.end);
    // The router fills the check's name from the CHECKS table.
    expect(outer!.checks).toEqual([
      { id: 'get-order.dynamodb-answered', name: 'DynamoDB answered', ok: true }
    ]);
  });

  it('answers in the AWS error envelope and records why', async () => {
    const trace = createTrace();
    const exchange = createRouter(services(), { clock: createClock(0), random: createRandom('t'), trace });
    const response = await exchange(
      'app',
      new Request('https://json.example/', {
        method: 'POST',
        headers: { 'x-amz-target': 'Svc.Refuse' },
        body: '{}'
      })
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toBe('NotAuthorizedException:');
    expect(response.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await response.json()).toEqual({
      __type: 'NotAuthorizedException',
      message: 'Incorrect username or password.'
    });
    const [entry] = trace.entries;
    expect(entry).toMatchObject({
      operation: 'Refuse',
      outcome: 'refused',
      reason: 'wrong password',
      error: { code: 'NotAuthorizedException', message: 'Incorrect username or password.' }
    });
  });

  it('fails like a real fetch for a host nobody serves', async () => {
    const exchange = createRouter(services(), {
      clock: createClock(0),
      random: createRandom('t'),
      trace: createTrace()
    });
    await expect(exchange('app', new Request('https://nowhere.example/'))).rejects.toThrow(TypeError);
  });

  it('rejects a body that is not JSON with SerializationException', async () => {
    const trace = createTrace();
    const exchange = createRouter(services(), { clock: createClock(0), random: createRandom('t'), trace });
    const response = await exchange(
      'app',
      new Request('https://json.example/', {
        method: 'POST',
        headers: { 'x-amz-target': 'Svc.Refuse' },
        body: '{nope'
      })
    );
    expect(await response.json()).toMatchObject({ __type: 'SerializationException' });
  });
});
