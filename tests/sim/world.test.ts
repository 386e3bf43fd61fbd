// The router and trace: requests reach the service for their host, and every exchange (hops too) is recorded; createWorld's wiring.
import { describe, expect, it } from 'vitest';
import { createClock } from '../../src/lib/sim/clock';
import { createRandom } from '../../src/lib/sim/random';
import { createTrace } from '../../src/lib/sim/trace';
import { createRouter, type Service } from '../../src/lib/sim/world';
import { dispatchJson, serviceError } from '../../src/lib/sim/http';
import { passwordSignIn, poolWorld, tokensOf } from '../support/user-pool';

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

describe('createWorld: the API, the function and the table are wired with signatures and IAM', () => {
  it('an order read crosses a resource-based policy and a signed, IAM-checked DynamoDB call', async () => {
    const world = await poolWorld();
    const user = world.config.demoUsers[0];
    if (!user) throw new Error('no demo user');
    const { IdToken } = tokensOf(await passwordSignIn(world, user.username, user.password));
    const response = await world.fetch(
      new Request(`${world.config.api.baseUrl}/orders/42`, { headers: { authorization: IdToken } })
    );
    expect(response.status).toBe(200);
    const invoke = world.trace.entries.find((entry) => entry.to === 'lambda');
    const getItem = world.trace.entries.find((entry) => entry.to === 'dynamodb');
    const apiId = new URL(world.config.api.baseUrl).host.split('.')[0];
    expect(invoke?.decisions).toEqual([
      expect.objectContaining({
        principal: 'apigateway.amazonaws.com',
        context: expect.objectContaining({
          'aws:SourceArn': `arn:aws:execute-api:us-east-1:123456789012:${apiId}/prod/GET/orders/42`
        }),
        decision: 'Allow'
      })
    ]);
    expect(getItem?.request.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=ASIA/);
    expect(getItem?.checks.map((check) => [check.id, check.ok])).toEqual(
      expect.arrayContaining([
        ['sigv4.signature', true],
        ['iam.permission', true]
      ])
    );
    expect(getItem?.decisions).toEqual([
      expect.objectContaining({
        principal: expect.stringMatching(/:assumed-role\/TwoPools_OrdersFunction\/GetOrder$/),
        action: 'dynamodb:GetItem',
        decision: 'Allow'
      })
    ]);
  });
});
