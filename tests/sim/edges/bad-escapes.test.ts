// Malformed percent-escapes in a path: the JWKS endpoint answers 404 as for an unknown pool, Lambda a 400 ValidationException.

import { beforeAll, describe, expect, test } from 'vitest';
import { createWorld, type World } from '../../../src/lib/sim';
import { testKeys } from '../../support/keys';
import { createTestCloud } from '../services/api-gateway/test-cloud';

const NOW = Date.UTC(2026, 10, 28, 9, 0, 0);

describe('the user pool JWKS', () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld({ seed: 'bad-escapes', now: NOW, keys: testKeys });
  }, 30_000);

  test.each(['%ZZ', '%E0%A4%A', '%'])('/%s/.well-known/jwks.json is 404, as an unknown pool', async (id) => {
    const response = await world.fetch(
      new Request(`https://cognito-idp.${world.config.region}.amazonaws.com/${id}/.well-known/jwks.json`)
    );
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ message: `User pool ${id} does not exist.` });
  });
});

describe('Lambda Invoke', () => {
  let cloud: Awaited<ReturnType<typeof createTestCloud>>;
  beforeAll(async () => {
    cloud = await createTestCloud({ seed: 'bad-escapes' });
  }, 30_000);

  test.each(['%ZZ', '%E0%A4%A', 'Get%20Order'])(
    'a function name %s is 400 ValidationException naming the pattern',
    async (name) => {
      const response = await cloud.sendAs(
        'api-gateway',
        new Request(
          `https://lambda.${cloud.config.region}.amazonaws.com/2015-03-31/functions/${name}/invocations`,
          { method: 'POST', body: '{}' }
        ),
        { sourceArn: cloud.sourceArn('GET', '/orders/42') }
      );
      expect(response.status).toBe(400);
      const body = (await response.json()) as { message: string };
      expect(response.headers.get('x-amzn-errortype')).toMatch(/^ValidationException/);
      expect(body.message).toMatch(
        /^1 validation error detected: Value '.+' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: \(arn:/
      );
      expect(cloud.trace.entries.at(-1)?.checks.find((c) => c.id === 'lambda.function-name')?.ok).toBe(false);
    }
  );

  test('a name of 171 characters is refused by length', async () => {
    const response = await cloud.sendAs(
      'api-gateway',
      new Request(
        `https://lambda.${cloud.config.region}.amazonaws.com/2015-03-31/functions/${'a'.repeat(171)}/invocations`,
        { method: 'POST', body: '{}' }
      ),
      { sourceArn: cloud.sourceArn('GET', '/orders/42') }
    );
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toMatch(
      /Member must have length less than or equal to 170$/
    );
  });
});
