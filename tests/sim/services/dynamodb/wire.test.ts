// DynamoDB's wire details through world.fetch: namespaced __type, 52-character request ids, x-amz-crc32 of the body,
// and the AWS SDK v3 client still naming each error by its bare code.

import { crc32 as zlibCrc32 } from 'node:zlib';
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import type { World } from '../../../../src/lib/sim';
import { crc32, namespacedErrorType } from '../../../../src/lib/sim/services/dynamodb/wire';
import { worldRequestHandler } from '../../../support/sdk';
import {
  callDynamo,
  DYNAMODB_ENDPOINT,
  identityWorld,
  signedInCredentials,
  type Credentials
} from '../identity-pool/wire';

const REQUEST_ID = /^[A-Z0-9]{52}$/;

function sdkClient(world: World, credentials: Credentials): DynamoDBClient {
  return new DynamoDBClient({
    region: 'us-east-1',
    requestHandler: worldRequestHandler(world),
    maxAttempts: 1,
    credentials: {
      accessKeyId: credentials.AccessKeyId,
      secretAccessKey: credentials.SecretKey,
      sessionToken: credentials.SessionToken
    }
  });
}

async function raw(world: World, request: Request): Promise<{ response: Response; text: string }> {
  const response = await world.fetch(request);
  return { response, text: await response.text() };
}

function expectChecksum(response: Response, text: string): void {
  const header = response.headers.get('x-amz-crc32');
  expect(header).toMatch(/^\d+$/);
  expect(Number(header)).toBe(zlibCrc32(Buffer.from(text, 'utf8')));
}

describe('CRC32', () => {
  it('agrees with zlib on text, bytes above 0x7f and the empty body', () => {
    for (const text of ['', '{}', '{"Item":{"customer":{"S":"alice"}}}', 'é☃𝄞'.repeat(50)]) {
      const bytes = new TextEncoder().encode(text);
      expect(crc32(bytes)).toBe(zlibCrc32(Buffer.from(bytes)));
    }
    // The check value of CRC-32/ISO-HDLC.
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });
});

describe('namespaced __type', () => {
  it.each([
    ['MissingAuthenticationTokenException', 'com.amazon.coral.service'],
    ['UnrecognizedClientException', 'com.amazon.coral.service'],
    ['InvalidSignatureException', 'com.amazon.coral.service'],
    ['IncompleteSignatureException', 'com.amazon.coral.service'],
    ['AccessDeniedException', 'com.amazon.coral.service'],
    ['ExpiredTokenException', 'com.amazon.coral.service'],
    ['ValidationException', 'com.amazon.coral.validate'],
    ['ResourceNotFoundException', 'com.amazonaws.dynamodb.v20120810'],
    ['ConditionalCheckFailedException', 'com.amazonaws.dynamodb.v20120810']
  ])('%s is %s#…', (code, namespace) => {
    expect(namespacedErrorType(code)).toBe(`${namespace}#${code}`);
  });
});

describe('DynamoDB answers through world.fetch', () => {
  it('a success carries a 52-character request id and the CRC32 of its body', async () => {
    const world = await identityWorld();
    const { credentials } = await signedInCredentials(world);
    const answer = await callDynamo(world, credentials, 'GetItem', {
      TableName: 'Orders',
      Key: { orderId: { S: '42' } }
    });
    expect(answer.status).toBe(200);
    const entry = world.trace.entries.at(-1);
    expect(entry?.response.headers['x-amzn-requestid']).toMatch(REQUEST_ID);
    const body = entry?.response.body ?? '';
    expect(Number(entry?.response.headers['x-amz-crc32'])).toBe(zlibCrc32(Buffer.from(body, 'utf8')));
  });

  it('draws its request ids from the world’s seeded randomness: same seed, same ids; every call a new one', async () => {
    const ids = async () => {
      const world = await identityWorld({ seed: 'request-ids' });
      const { credentials } = await signedInCredentials(world);
      const input = { TableName: 'Orders', Key: { orderId: { S: '42' } } };
      await callDynamo(world, credentials, 'GetItem', input);
      await callDynamo(world, credentials, 'GetItem', input);
      return world.trace.entries
        .filter((entry) => entry.to === 'dynamodb')
        .map((entry) => entry.response.headers['x-amzn-requestid']);
    };
    const first = await ids();
    expect(first).toHaveLength(2);
    expect(first[0]).toMatch(REQUEST_ID);
    expect(first[0]).not.toBe(first[1]);
    expect(await ids()).toEqual(first);
  });

  it('an unsigned request: com.amazon.coral.service#MissingAuthenticationTokenException, checksummed', async () => {
    const world = await identityWorld();
    const { response, text } = await raw(
      world,
      new Request(DYNAMODB_ENDPOINT, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': 'DynamoDB_20120810.GetItem'
        },
        body: JSON.stringify({ TableName: 'Orders', Key: { orderId: { S: '42' } } })
      })
    );
    expect(response.status).toBe(400);
    expect(JSON.parse(text)).toEqual({
      __type: 'com.amazon.coral.service#MissingAuthenticationTokenException',
      message: 'Request is missing Authentication Token'
    });
    expect(response.headers.get('x-amzn-requestid')).toMatch(REQUEST_ID);
    expectChecksum(response, text);
    // The trace keeps the bare code, so the diagram and inspectors name it as the SDK does.
    expect(world.trace.entries.at(-1)?.error?.code).toBe('MissingAuthenticationTokenException');
  });

  it('a denial: com.amazon.coral.service#AccessDeniedException, its text under "Message" as DynamoDB spells it', async () => {
    const world = await identityWorld();
    const { credentials } = await signedInCredentials(world);
    const answer = await callDynamo(world, credentials, 'PutItem', {
      TableName: 'Orders',
      Item: { orderId: { S: '99' } }
    });
    expect(answer.status).toBe(400);
    expect(answer.body.__type).toBe('com.amazon.coral.service#AccessDeniedException');
    expect(answer.body.Message).toMatch(
      /^User: arn:aws:sts::123456789012:assumed-role\/.* is not authorized/
    );
    const entry = world.trace.entries.at(-1);
    expect(entry?.error?.code).toBe('AccessDeniedException');
    expect(entry?.response.headers['x-amzn-requestid']).toMatch(REQUEST_ID);
    expect(Number(entry?.response.headers['x-amz-crc32'])).toBe(
      zlibCrc32(Buffer.from(entry?.response.body ?? '', 'utf8'))
    );
  });

  it('the SDK v3 client names every error by its bare code, and reads the request id', async () => {
    // The SDK signs with the wall clock, so this world starts at the real time.
    const world = await identityWorld({ now: Date.now() });
    const { credentials } = await signedInCredentials(world);
    const client = sdkClient(world, credentials);
    const denied = await client
      .send(new PutItemCommand({ TableName: 'Orders', Item: { orderId: { S: '99' } } }))
      .catch((error: unknown) => error);
    expect(denied).toMatchObject({
      name: 'AccessDeniedException',
      message: expect.stringMatching(/is not authorized to perform: dynamodb:PutItem/),
      $metadata: { httpStatusCode: 400, requestId: expect.stringMatching(REQUEST_ID) }
    });
    const invalid = await client
      .send(new GetItemCommand({ TableName: 'Orders', Key: { orderId: { N: '42' } } }))
      .catch((error: unknown) => error);
    expect(invalid).toMatchObject({
      name: 'ValidationException',
      message: 'The provided key element does not match the schema'
    });
    const wrongSecret = await sdkClient(world, { ...credentials, SecretKey: 'x'.repeat(40) })
      .send(new GetItemCommand({ TableName: 'Orders', Key: { orderId: { S: '42' } } }))
      .catch((error: unknown) => error);
    expect(wrongSecret).toMatchObject({
      name: 'InvalidSignatureException',
      message: expect.stringContaining('The Canonical String for this request should have been')
    });
    expect(world.trace.entries.at(-1)?.response.body).toContain(
      '"__type":"com.amazon.coral.service#InvalidSignatureException"'
    );
  });
});
