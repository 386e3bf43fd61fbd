// The minimal DynamoDB: JSON 1.0 wire format, GetItem / Query / PutItem, AWS's errors, and who may call it.

import { describe, expect, test } from 'vitest';
import { DynamoDBClient, GetItemCommand, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { worldRequestHandler } from '../../../support/sdk';
import { createTestCloud } from '../api-gateway/test-cloud';

const ENDPOINT = 'https://dynamodb.us-east-1.amazonaws.com/';
/** The role the wire-format tests sign with: its policy allows every operation on both tables. */
const ADMIN = 'TwoPools_Admin';

type Cloud = Awaited<ReturnType<typeof createTestCloud>>;

/**
 * Lets the admin role act on every table of the account, tables that do not exist included: IAM decides
 * before DynamoDB looks for the table, so only then does a missing table answer ResourceNotFoundException.
 */
function allowEveryTable(cloud: Cloud): void {
  const admin = cloud.env.roles.byName(ADMIN);
  if (!admin) throw new Error('no admin role');
  cloud.env.roles.put({
    ...admin,
    permissionPolicies: [
      ...admin.permissionPolicies,
      {
        name: 'EveryTable',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 'dynamodb:*',
              Resource: 'arn:aws:dynamodb:us-east-1:123456789012:table/*'
            }
          ]
        }
      }
    ]
  });
}

/**
 * One DynamoDB call. By default signed (SigV4) by a session of `as`, with credentials from the store STS
 * writes; `authorization` sends that header as it is instead (null: none at all).
 */
async function call(
  cloud: Cloud,
  operation: string,
  input: unknown,
  options: { as?: string; authorization?: string | null } = {}
): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const headers: Record<string, string> = {
    'content-type': 'application/x-amz-json-1.0',
    'x-amz-target': `DynamoDB_20120810.${operation}`
  };
  if (typeof options.authorization === 'string') headers.authorization = options.authorization;
  const request = new Request(ENDPOINT, { method: 'POST', headers, body: JSON.stringify(input) });
  const response = await cloud.fetch(
    options.authorization === undefined ? await cloud.signedAs(options.as ?? ADMIN, request) : request
  );
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>
  };
}

describe('who may call it', () => {
  test('a request without Authorization is 400 MissingAuthenticationTokenException', async () => {
    const cloud = await createTestCloud();
    const answer = await call(
      cloud,
      'GetItem',
      { TableName: 'Orders', Key: { orderId: { S: '42' } } },
      { authorization: null }
    );
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      __type: 'com.amazon.coral.service#MissingAuthenticationTokenException',
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
        { authorization: form === 'jwt' ? token : `Bearer ${token}` }
      );
      expect(answer.status).toBe(400);
      expect(answer.body.__type).toBe('com.amazon.coral.service#MissingAuthenticationTokenException');
      const [entry] = cloud.trace.entries;
      expect(entry?.reason).toMatch(/not a SigV4 signature\. A user-pool token \(JWT\)/);
      expect(entry?.checks.at(-1)).toMatchObject({
        id: 'sigv4.signature',
        ok: false,
        detail: expect.stringMatching(/^MissingAuthenticationTokenException: /)
      });
    }
  );

  test('the Orders function’s execution role may read the Orders table, and nothing else', async () => {
    const cloud = await createTestCloud();
    const read = await call(
      cloud,
      'GetItem',
      { TableName: 'Orders', Key: { orderId: { S: '42' } } },
      { as: 'TwoPools_OrdersFunction' }
    );
    expect(read.status).toBe(200);
    expect(cloud.trace.entries[0]?.checks.map((check) => [check.id, check.ok])).toEqual(
      expect.arrayContaining([
        ['sigv4.signature', true],
        ['iam.permission', true]
      ])
    );
    const write = await call(
      cloud,
      'PutItem',
      { TableName: 'Orders', Item: { orderId: { S: '43' } } },
      { as: 'TwoPools_OrdersFunction' }
    );
    expect(write.status).toBe(400);
    expect(write.body).toEqual({
      __type: 'com.amazon.coral.service#AccessDeniedException',
      Message:
        'User: arn:aws:sts::123456789012:assumed-role/TwoPools_OrdersFunction/tests is not authorized to perform: dynamodb:PutItem on resource: arn:aws:dynamodb:us-east-1:123456789012:table/Orders because no identity-based policy allows the dynamodb:PutItem action'
    });
  });

  test('a header that merely looks signed is verified, and refused', async () => {
    const cloud = await createTestCloud();
    const answer = await call(
      cloud,
      'GetItem',
      { TableName: 'Orders', Key: { orderId: { S: '42' } } },
      {
        authorization:
          'AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE/20250115/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=00'
      }
    );
    expect(answer.status).toBe(400);
    expect(answer.body.__type).toBe('com.amazon.coral.service#IncompleteSignatureException');
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
        // The owner, by the user's sub (what the Orders function compares).
        customerSub: { S: cloud.config.demoUsers[0]?.sub ?? '' },
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
    allowEveryTable(cloud);
    const answer = await call(cloud, 'GetItem', { TableName: 'Nope', Key: { orderId: { S: '42' } } });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      __type: 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException',
      message: 'Requested resource not found'
    });
  });

  test('a caller allowed only on named tables is refused an unknown one before DynamoDB looks for it', async () => {
    const cloud = await createTestCloud();
    const answer = await call(cloud, 'GetItem', { TableName: 'Nope', Key: { orderId: { S: '42' } } });
    expect(answer.body.__type).toBe('com.amazon.coral.service#AccessDeniedException');
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
        __type: 'com.amazon.coral.validate#ValidationException',
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
      __type: 'com.amazon.coral.validate#ValidationException',
      message: 'Supplied AttributeValue is empty, must contain exactly one of the supported datatypes'
    });
  });

  test('an unknown operation is UnknownOperationException', async () => {
    const cloud = await createTestCloud();
    expect((await call(cloud, 'Scan', { TableName: 'Orders' })).body.__type).toBe(
      'com.amazon.coral.service#UnknownOperationException'
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
      __type: 'com.amazon.coral.validate#ValidationException',
      message: 'One or more parameter values were invalid: Missing the key noteId in the item'
    });
    expect(
      (await call(cloud, 'PutItem', { TableName: 'Orders', Item: { orderId: { N: '5' } } })).body
    ).toEqual({
      __type: 'com.amazon.coral.validate#ValidationException',
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
    expect(answer.body).toEqual({ __type: 'com.amazon.coral.validate#ValidationException', message });
  });
});

describe('the AWS SDK v3 DynamoDB client works against it unmodified', () => {
  test('GetItem, PutItem and Query round-trip through @aws-sdk/client-dynamodb', async () => {
    const cloud = await createTestCloud();
    allowEveryTable(cloud);
    const { accessKeyId, secretAccessKey, sessionToken } = cloud.session(ADMIN).current();
    const client = new DynamoDBClient({
      region: 'us-east-1',
      credentials: { accessKeyId, secretAccessKey, sessionToken },
      // The SDK signs with its own clock: set it to the simulated one (DynamoDB allows only 15 minutes of skew).
      systemClockOffset: cloud.clock.now() - Date.now(),
      maxAttempts: 1,
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
    // The SDK really signed, and DynamoDB verified its signature against the session STS issued.
    expect(cloud.trace.entries[0]?.request.headers.authorization).toMatch(
      new RegExp(`^AWS4-HMAC-SHA256 Credential=${accessKeyId}/`)
    );
    expect(
      cloud.trace.entries.every((entry) => entry.checks.some((c) => c.id === 'sigv4.signature' && c.ok))
    ).toBe(true);
  });
});
