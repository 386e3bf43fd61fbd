// The minimal DynamoDB: JSON 1.0 wire format, GetItem / Query / PutItem, AWS's errors, and the missing-signature rule.

import { describe, expect, test } from 'vitest';
import { DynamoDBClient, GetItemCommand, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDbAuthorizer } from '../../../../src/lib/sim/services/dynamodb';
import { worldRequestHandler } from '../../../support/sdk';
import { createTestCloud } from '../api-gateway/test-cloud';

const ENDPOINT = 'https://dynamodb.us-east-1.amazonaws.com/';
/** A header that looks like SigV4; this first DynamoDB does not verify signatures yet. */
const LOOKS_SIGNED =
  'AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE/20250115/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=00';

type Cloud = Awaited<ReturnType<typeof createTestCloud>>;

async function call(
  cloud: Cloud,
  operation: string,
  input: unknown,
  authorization: string | null = LOOKS_SIGNED
): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const headers: Record<string, string> = {
    'content-type': 'application/x-amz-json-1.0',
    'x-amz-target': `DynamoDB_20120810.${operation}`
  };
  if (authorization !== null) headers.authorization = authorization;
  const response = await cloud.fetch(
    new Request(ENDPOINT, { method: 'POST', headers, body: JSON.stringify(input) })
  );
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>
  };
}

describe('authentication (the rule this first version enforces)', () => {
  test('a request without Authorization is 400 MissingAuthenticationTokenException', async () => {
    const cloud = await createTestCloud();
    const answer = await call(cloud, 'GetItem', { TableName: 'Orders', Key: { orderId: { S: '42' } } }, null);
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      __type: 'MissingAuthenticationTokenException',
      message: 'Request is missing Authentication Token'
    });
    expect(answer.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException:');
    expect(answer.headers.get('content-type')).toBe('application/x-amz-json-1.0');
  });

  test.each([
    ['a bare JWT', 'jwt'],
    ['a Bearer JWT', 'bearer']
  ])(
    '%s in Authorization is MissingAuthenticationTokenException: a JWT is not an AWS signature',
    async (_label, form) => {
      const cloud = await createTestCloud();
      const token = await cloud.idTokenFor('alice');
      const answer = await call(
        cloud,
        'GetItem',
        { TableName: 'Orders', Key: { orderId: { S: '42' } } },
        form === 'jwt' ? token : `Bearer ${token}`
      );
      expect(answer.status).toBe(400);
      expect(answer.body.__type).toBe('MissingAuthenticationTokenException');
      const [entry] = cloud.trace.entries;
      expect(entry?.reason).toMatch(/A JWT is not an AWS signature/);
      expect(entry?.checks.at(-1)).toMatchObject({ ok: false, detail: 'it holds a JWT' });
    }
  );

  test('the Orders Lambda is let through by the unsigned-hop registry, and says so in the trace', async () => {
    const cloud = await createTestCloud();
    const request = new Request(ENDPOINT, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.GetItem' },
      body: JSON.stringify({ TableName: 'Orders', Key: { orderId: { S: '42' } } })
    });
    const response = await cloud.fetch(cloud.hops.vouch(request, 'lambda'));
    expect(response.status).toBe(200);
    expect(cloud.trace.entries[0]?.checks[0]).toMatchObject({
      name: 'caller is the Orders Lambda function',
      ok: true
    });
  });
});

describe('GetItem', () => {
  test('returns the seeded order 42 in attribute-value format', async () => {
    const cloud = await createTestCloud();
    const answer = await call(cloud, 'GetItem', { TableName: 'Orders', Key: { orderId: { S: '42' } } });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      Item: {
        orderId: { S: '42' },
        customer: { S: 'alice' },
        item: { S: 'Blue ceramic teapot' },
        quantity: { N: '1' },
        total: { N: '34.50' },
        currency: { S: 'USD' },
        status: { S: 'shipped' }
      }
    });
    expect(answer.headers.get('content-type')).toBe('application/x-amz-json-1.0');
    expect(answer.headers.get('x-amzn-requestid')).toBeTruthy();
  });

  test('answers {} for an item that does not exist', async () => {
    const cloud = await createTestCloud();
    const answer = await call(cloud, 'GetItem', { TableName: 'Orders', Key: { orderId: { S: '1' } } });
    expect(answer).toMatchObject({ status: 200, body: {} });
  });

  test('an unknown table is ResourceNotFoundException "Requested resource not found"', async () => {
    const cloud = await createTestCloud();
    const answer = await call(cloud, 'GetItem', { TableName: 'Nope', Key: { orderId: { S: '42' } } });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      __type: 'ResourceNotFoundException',
      message: 'Requested resource not found'
    });
  });

  test.each([
    ['a key of the wrong type', { orderId: { N: '42' } }],
    ['a key naming another attribute', { id: { S: '42' } }],
    ['a key with an extra attribute', { orderId: { S: '42' }, customer: { S: 'alice' } }]
  ])(
    '%s is ValidationException "The provided key element does not match the schema"',
    async (_label, key) => {
      const cloud = await createTestCloud();
      const answer = await call(cloud, 'GetItem', { TableName: 'Orders', Key: key });
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({
        __type: 'ValidationException',
        message: 'The provided key element does not match the schema'
      });
    }
  );

  test('a missing Key and TableName are validation errors', async () => {
    const cloud = await createTestCloud();
    expect((await call(cloud, 'GetItem', { TableName: 'Orders' })).body.message).toBe(
      "1 validation error detected: Value null at 'key' failed to satisfy constraint: Member must not be null"
    );
    expect((await call(cloud, 'GetItem', { Key: {} })).body.message).toBe(
      "1 validation error detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null"
    );
  });

  test('an empty attribute value is refused as DynamoDB refuses it', async () => {
    const cloud = await createTestCloud();
    const answer = await call(cloud, 'GetItem', { TableName: 'Orders', Key: { orderId: {} } });
    expect(answer.body).toEqual({
      __type: 'ValidationException',
      message: 'Supplied AttributeValue is empty, must contain exactly one of the supported datatypes'
    });
  });

  test('an unknown operation is UnknownOperationException', async () => {
    const cloud = await createTestCloud();
    expect((await call(cloud, 'Scan', { TableName: 'Orders' })).body.__type).toBe(
      'UnknownOperationException'
    );
  });
});

describe('PutItem and Query on the fine-grained table', () => {
  const identity = 'us-east-1:0a1b2c3d-0000-4000-8000-000000000001';
  const note = (noteId: string, text: string, owner = identity) => ({
    TableName: 'UserNotes',
    Item: { identityId: { S: owner }, noteId: { S: noteId }, text: { S: text } }
  });

  test('starts empty, stores items, and returns one partition in sort-key order', async () => {
    const cloud = await createTestCloud();
    const query = {
      TableName: 'UserNotes',
      KeyConditionExpression: 'identityId = :id',
      ExpressionAttributeValues: { ':id': { S: identity } }
    };
    expect((await call(cloud, 'Query', query)).body).toEqual({ Items: [], Count: 0, ScannedCount: 0 });
    for (const [id, text] of [
      ['note-2', 'second'],
      ['note-1', 'first'],
      ['other', 'x']
    ] as const) {
      expect((await call(cloud, 'PutItem', note(id, text))).body).toEqual({});
    }
    await call(
      cloud,
      'PutItem',
      note('note-9', 'someone else', 'us-east-1:ffffffff-0000-4000-8000-000000000009')
    );
    const answer = await call(cloud, 'Query', query);
    expect(answer.body.Count).toBe(3);
    expect((answer.body.Items as { noteId: { S: string } }[]).map((item) => item.noteId.S)).toEqual([
      'note-1',
      'note-2',
      'other'
    ]);

    const prefixed = await call(cloud, 'Query', {
      TableName: 'UserNotes',
      KeyConditionExpression: '#owner = :id AND begins_with(noteId, :prefix)',
      ExpressionAttributeNames: { '#owner': 'identityId' },
      ExpressionAttributeValues: { ':id': { S: identity }, ':prefix': { S: 'note-' } },
      ScanIndexForward: false
    });
    expect((prefixed.body.Items as { noteId: { S: string } }[]).map((item) => item.noteId.S)).toEqual([
      'note-2',
      'note-1'
    ]);
  });

  test('PutItem replaces an item, and ReturnValues ALL_OLD returns the previous one', async () => {
    const cloud = await createTestCloud();
    await call(cloud, 'PutItem', note('n', 'old'));
    const answer = await call(cloud, 'PutItem', { ...note('n', 'new'), ReturnValues: 'ALL_OLD' });
    expect(answer.body).toEqual({ Attributes: note('n', 'old').Item });
    const read = await call(cloud, 'GetItem', {
      TableName: 'UserNotes',
      Key: { identityId: { S: identity }, noteId: { S: 'n' } }
    });
    expect(read.body.Item).toEqual(note('n', 'new').Item);
  });

  test('PutItem refuses an item without its key, or with a key of the wrong type', async () => {
    const cloud = await createTestCloud();
    expect(
      (await call(cloud, 'PutItem', { TableName: 'UserNotes', Item: { identityId: { S: identity } } })).body
    ).toEqual({
      __type: 'ValidationException',
      message: 'One or more parameter values were invalid: Missing the key noteId in the item'
    });
    expect(
      (await call(cloud, 'PutItem', { TableName: 'Orders', Item: { orderId: { N: '5' } } })).body
    ).toEqual({
      __type: 'ValidationException',
      message:
        'One or more parameter values were invalid: Type mismatch for key orderId expected: S actual: N'
    });
  });

  test('Query on the partition key of Orders', async () => {
    const cloud = await createTestCloud();
    const answer = await call(cloud, 'Query', {
      TableName: 'Orders',
      KeyConditionExpression: 'orderId = :id',
      ExpressionAttributeValues: { ':id': { S: '42' } }
    });
    expect(answer.body.Count).toBe(1);
  });

  test.each([
    [
      'a condition on another attribute',
      { KeyConditionExpression: 'customer = :c', ExpressionAttributeValues: { ':c': { S: 'alice' } } },
      'Query condition missed key schema element: orderId'
    ],
    [
      'an undefined value',
      { KeyConditionExpression: 'orderId = :id', ExpressionAttributeValues: {} },
      'Invalid KeyConditionExpression: An expression attribute value used in expression is not defined; attribute value: :id'
    ],
    [
      'an unused value',
      {
        KeyConditionExpression: 'orderId = :id',
        ExpressionAttributeValues: { ':id': { S: '42' }, ':x': { S: '1' } }
      },
      'Value provided in ExpressionAttributeValues unused in expressions: keys: {:x}'
    ],
    [
      'a value of the wrong type',
      { KeyConditionExpression: 'orderId = :id', ExpressionAttributeValues: { ':id': { N: '42' } } },
      'One or more parameter values were invalid: Condition parameter type does not match schema type'
    ],
    [
      'no condition at all',
      {},
      'Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.'
    ]
  ])('Query with %s is a ValidationException', async (_label, input, message) => {
    const cloud = await createTestCloud();
    const answer = await call(cloud, 'Query', { TableName: 'Orders', ...input });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ __type: 'ValidationException', message });
  });
});

describe('the AWS SDK v3 DynamoDB client works against it unmodified', () => {
  // Authentication is not what this test is about: let every request through.
  const allowAll: DynamoDbAuthorizer = async () => ({ kind: 'authorized', principal: 'test' });

  test('GetItem, PutItem and Query round-trip through @aws-sdk/client-dynamodb', async () => {
    const cloud = await createTestCloud({ dynamoAuthorize: allowAll });
    const client = new DynamoDBClient({
      region: 'us-east-1',
      credentials: {
        accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
        secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
      },
      requestHandler: worldRequestHandler(cloud)
    });
    const order = await client.send(
      new GetItemCommand({ TableName: 'Orders', Key: { orderId: { S: '42' } } })
    );
    expect(order.Item?.customer).toEqual({ S: 'alice' });
    await client.send(
      new PutItemCommand({
        TableName: 'UserNotes',
        Item: { identityId: { S: 'us-east-1:x' }, noteId: { S: 'a' }, n: { N: '1' } }
      })
    );
    const notes = await client.send(
      new QueryCommand({
        TableName: 'UserNotes',
        KeyConditionExpression: 'identityId = :id',
        ExpressionAttributeValues: { ':id': { S: 'us-east-1:x' } }
      })
    );
    expect(notes.Count).toBe(1);
    expect(notes.Items?.[0]?.n).toEqual({ N: '1' });
    await expect(
      client.send(new GetItemCommand({ TableName: 'Missing', Key: { orderId: { S: '1' } } }))
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Requested resource not found'
    });
    // The SDK really signed: the authorization header is SigV4.
    expect(cloud.trace.entries[0]?.request.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\//
    );
  });
});
