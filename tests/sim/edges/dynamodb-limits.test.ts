// DynamoDB's limits at the wire: attribute values nested deeper than 32 levels, and items over 400 KB, are ValidationExceptions.

import { beforeAll, describe, expect, test } from 'vitest';
import { createTestCloud } from '../services/api-gateway/test-cloud';

type Cloud = Awaited<ReturnType<typeof createTestCloud>>;

async function call(cloud: Cloud, operation: string, body: string) {
  const request = await cloud.signedAs(
    'TwoPools_Admin',
    new Request(`https://dynamodb.${cloud.config.region}.amazonaws.com/`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': `DynamoDB_20120810.${operation}`
      },
      body
    })
  );
  const response = await cloud.fetch(request);
  return { status: response.status, body: (await response.json()) as { __type?: string; message?: string } };
}

/** A map attribute value wrapped `wraps` times around a string ({"M":{"a":...{"S":"x"}}}). */
function wrapped(wraps: number, kind: 'M' | 'L' = 'M'): string {
  return kind === 'M'
    ? '{"M":{"a":'.repeat(wraps) + '{"S":"x"}' + '}}'.repeat(wraps)
    : '{"L":['.repeat(wraps) + '{"S":"x"}' + ']}'.repeat(wraps);
}

let cloud: Cloud;
beforeAll(async () => {
  cloud = await createTestCloud({ seed: 'dynamodb-limits' });
}, 30_000);

const NESTING =
  'Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit';

describe('nesting', () => {
  // DynamoDB allows 32 levels: an attribute value may be wrapped in at most 31 maps or lists.
  test.each(['M', 'L'] as const)(
    '31 %s wraps are stored; 32 are refused with ValidationException',
    async (kind) => {
      const cloud = await createTestCloud({ seed: `nesting-${kind}` });
      const put = (wraps: number) =>
        call(
          cloud,
          'PutItem',
          `{"TableName":"Orders","Item":{"orderId":{"S":"n"},"doc":${wrapped(wraps, kind)}}}`
        );
      expect((await put(31)).status).toBe(200);
      const refused = await put(32);
      expect(refused.status).toBe(400);
      expect(refused.body.__type).toMatch(/ValidationException$/);
      expect(refused.body.message).toBe(NESTING);
    }
  );

  test('a value nested 50,000 deep is refused, not a crash (no stack overflow, no 500)', async () => {
    for (const kind of ['M', 'L'] as const) {
      const refused = await call(
        cloud,
        'PutItem',
        `{"TableName":"Orders","Item":{"orderId":{"S":"n"},"doc":${wrapped(50_000, kind)}}}`
      );
      expect(refused.status).toBe(400);
      expect(refused.body.message).toBe(NESTING);
    }
    const key = await call(cloud, 'GetItem', `{"TableName":"Orders","Key":{"orderId":${wrapped(50_000)}}}`);
    expect(key.status).toBe(400);
    expect(key.body.__type).toMatch(/ValidationException$/);
  });
});

describe('item size', () => {
  const ITEM_LIMIT = 400 * 1024;

  test('an item just under 400 KB is stored; one over it is refused with ValidationException', async () => {
    // Size = attribute names and values in UTF-8 bytes: "orderId" (7) + "s" (1) + "doc" (3) + the text.
    const put = (text: string) =>
      call(
        cloud,
        'PutItem',
        JSON.stringify({ TableName: 'Orders', Item: { orderId: { S: 's' }, doc: { S: text } } })
      );
    expect((await put('x'.repeat(ITEM_LIMIT - 11))).status).toBe(200);
    const refused = await put('x'.repeat(ITEM_LIMIT - 10));
    expect(refused.status).toBe(400);
    expect(refused.body.__type).toMatch(/ValidationException$/);
    expect(refused.body.message).toBe('Item size has exceeded the maximum allowed size');
  });

  test('size counts UTF-8 bytes, not characters', async () => {
    // "é" is two bytes: 210,000 of them are 420,000 bytes, over the limit in fewer than 400 K characters.
    const refused = await call(
      cloud,
      'PutItem',
      JSON.stringify({ TableName: 'Orders', Item: { orderId: { S: 'u' }, doc: { S: 'é'.repeat(210_000) } } })
    );
    expect(refused.body.message).toBe('Item size has exceeded the maximum allowed size');
  });
});
