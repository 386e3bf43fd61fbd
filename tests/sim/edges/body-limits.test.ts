// Request bodies have a cap per service: one byte over it is refused with 413 before the service reads it; at the cap, the service answers.

import { beforeAll, describe, expect, test } from 'vitest';
import { createWorld, type World } from '../../../src/lib/sim';
import { REQUEST_BODY_LIMITS } from '../../../src/lib/sim/edges';
import { testKeys } from '../../support/keys';

const NOW = Date.UTC(2026, 10, 28, 9, 0, 0);
const MiB = 1024 * 1024;

let world: World;
beforeAll(async () => {
  world = await createWorld({ seed: 'body-limits', now: NOW, keys: testKeys });
}, 30_000);

function urlFor(service: string): string {
  const { region, api } = world.config;
  switch (service) {
    case 'user-pool':
      return `https://cognito-idp.${region}.amazonaws.com/`;
    case 'identity-pool':
      return `https://cognito-identity.${region}.amazonaws.com/`;
    case 'sts':
      return 'https://sts.amazonaws.com/';
    case 'api-gateway':
      return `${api.baseUrl}/orders/42`;
    case 'lambda':
      return `https://lambda.${region}.amazonaws.com/2015-03-31/functions/GetOrder/invocations`;
    case 'dynamodb':
      return `https://dynamodb.${region}.amazonaws.com/`;
    default:
      return 'https://accounts.google.com/.well-known/openid-configuration';
  }
}

const send = (service: string, bytes: number) =>
  world.fetch(new Request(urlFor(service), { method: 'POST', body: new Uint8Array(bytes).fill(0x7b) }));

describe('request body caps', () => {
  test('the caps: API Gateway 10 MB and Lambda 6 MB (AWS’s documented limits), DynamoDB 16 MB, others 1 MB', () => {
    expect(REQUEST_BODY_LIMITS['api-gateway'].bytes).toBe(10 * MiB);
    expect(REQUEST_BODY_LIMITS.lambda.bytes).toBe(6 * MiB);
    expect(REQUEST_BODY_LIMITS.dynamodb.bytes).toBe(16 * MiB);
    for (const id of ['user-pool', 'identity-pool', 'sts', 'google'] as const)
      expect(REQUEST_BODY_LIMITS[id].bytes).toBe(MiB);
  });

  test.each(['user-pool', 'identity-pool', 'sts', 'google', 'api-gateway', 'lambda', 'dynamodb'] as const)(
    '%s: one byte over the cap is 413; at the cap the service itself answers',
    async (service) => {
      const limit = REQUEST_BODY_LIMITS[service].bytes;
      const over = await send(service, limit + 1);
      expect(over.status).toBe(413);
      const entry = world.trace.entries.at(-1);
      expect(entry?.checks).toContainEqual(expect.objectContaining({ id: 'request.body-size', ok: false }));
      const at = await send(service, limit);
      expect(at.status).not.toBe(413);
      expect(at.status).toBeLessThan(500);
    },
    30_000
  );

  test('Lambda and API Gateway answer in their own words', async () => {
    const lambda = await send('lambda', 6 * MiB + 1);
    expect(lambda.headers.get('x-amzn-errortype')).toMatch(/^RequestEntityTooLargeException/);
    expect(((await lambda.json()) as { message: string }).message).toBe(
      'Request must be smaller than 6291456 bytes for the InvokeFunction operation'
    );
    const api = await send('api-gateway', 10 * MiB + 1);
    expect(await api.json()).toEqual({ message: 'Request Too Long' });
  }, 30_000);
});
