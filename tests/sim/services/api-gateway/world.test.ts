// The whole story in one world: sign in to the real simulated user pool, then GET /orders/42 through API Gateway, Lambda and DynamoDB.

import { describe, expect, test } from 'vitest';
import type { World } from '../../../../src/lib/sim';
import type { ProxyEvent } from '../../../../src/lib/sim/services/api-gateway';
import { passwordSignIn, poolWorld, tokensOf, type Tokens } from '../../../support/user-pool';

async function signIn(world: World, index: number): Promise<Tokens> {
  const user = world.config.demoUsers[index];
  if (!user) throw new Error(`no demo user ${index}`);
  return tokensOf(await passwordSignIn(world, user.username, user.password));
}

function getOrder(world: World, id: string, authorization?: string): Promise<Response> {
  return world.fetch(
    new Request(`${world.config.api.baseUrl}/orders/${id}`, {
      headers: authorization === undefined ? {} : { authorization }
    })
  );
}

/** The trace entries recorded after `mark`, as `from→to operation`. */
function hopsSince(world: World, mark: number): string[] {
  return world.trace.entries.slice(mark).map((entry) => `${entry.from}→${entry.to} ${entry.operation}`);
}

describe('GET /orders/{id} in a world with the real user pool', () => {
  test('the first demo user gets order 42; the JWKS is fetched from the pool only the first time', async () => {
    const world = await poolWorld();
    const { IdToken } = await signIn(world, 0);
    let mark = world.trace.entries.length;
    const response = await getOrder(world, '42', IdToken);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      orderId: '42',
      customer: world.config.demoUsers[0]?.username
    });
    expect(hopsSince(world, mark)).toEqual([
      'app→api-gateway GET /prod/orders/42',
      `api-gateway→user-pool GET /${world.config.userPool.id}/.well-known/jwks.json`,
      'api-gateway→lambda POST /2015-03-31/functions/GetOrder/invocations',
      'lambda→dynamodb GetItem'
    ]);

    mark = world.trace.entries.length;
    expect((await getOrder(world, '42', IdToken)).status).toBe(200);
    expect(hopsSince(world, mark)).toEqual([
      'app→api-gateway GET /prod/orders/42',
      'api-gateway→lambda POST /2015-03-31/functions/GetOrder/invocations',
      'lambda→dynamodb GetItem'
    ]);
  });

  test('the Lambda event carries the pool’s claims, every value a string', async () => {
    const world = await poolWorld();
    const { IdToken } = await signIn(world, 0);
    await getOrder(world, '42', IdToken);
    const invoke = world.trace.entries.find((entry) => entry.to === 'lambda');
    const event = JSON.parse(invoke?.request.body ?? '{}') as ProxyEvent;
    const claims = event.requestContext.authorizer?.claims ?? {};
    expect(claims['cognito:username']).toBe(world.config.demoUsers[0]?.username);
    expect(claims.token_use).toBe('id');
    expect(claims.aud).toBe(world.config.userPool.clientId);
    expect(claims.iss).toBe(world.config.userPool.issuer);
    expect(Object.values(claims).length).toBeGreaterThan(8);
    for (const value of Object.values(claims)) expect(typeof value).toBe('string');
  });

  test('the second demo user is refused order 42 by the function (403)', async () => {
    const world = await poolWorld();
    const { IdToken } = await signIn(world, 1);
    const response = await getOrder(world, '42', IdToken);
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ message: 'This order belongs to another customer' });
  });

  test('no token, garbage, an access token, or a token from another world’s pool: 401 Unauthorized', async () => {
    const world = await poolWorld();
    const { AccessToken } = await signIn(world, 0);
    const elsewhere = await poolWorld({ seed: 'another-world' });
    const { IdToken: foreign } = await signIn(elsewhere, 0);
    for (const authorization of [undefined, 'garbage', AccessToken, foreign]) {
      const mark = world.trace.entries.length;
      const response = await getOrder(world, '42', authorization);
      expect(response.status, String(authorization).slice(0, 20)).toBe(401);
      expect(await response.json()).toEqual({ message: 'Unauthorized' });
      expect(hopsSince(world, mark).some((hop) => hop.includes('→lambda'))).toBe(false);
    }
  });

  test('an hour later the same ID token gets "The incoming token has expired"', async () => {
    const world = await poolWorld();
    const { IdToken } = await signIn(world, 0);
    expect((await getOrder(world, '42', IdToken)).status).toBe(200);
    world.clock.advance(60 * 60 * 1000);
    const response = await getOrder(world, '42', IdToken);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ message: 'The incoming token has expired' });
  });
});
