// Lambda Invoke (who may call it, what it answers) and the Orders function's own decisions.

import { describe, expect, test } from 'vitest';
import { createConfig } from '../../../../src/lib/sim/config';
import { createRandom } from '../../../../src/lib/sim/random';
import { getOrder, invokeUrl, type FunctionRuntime } from '../../../../src/lib/sim/services/lambda';
import { createTestCloud } from '../api-gateway/test-cloud';

function invoke(
  body: unknown,
  init: { functionName?: string; headers?: Record<string, string> } = {}
): Request {
  return new Request(invokeUrl('us-east-1', init.functionName ?? 'GetOrder'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...init.headers },
    body: typeof body === 'string' ? body : JSON.stringify(body)
  });
}

/** An event as API Gateway would build it, with claims an attacker would like to choose. */
const forgedEvent = {
  pathParameters: { id: '42' },
  requestContext: { authorizer: { claims: { 'cognito:username': 'alice' } } }
};

describe('Invoke', () => {
  test('refuses an unsigned invocation from the app: the function is reached through API Gateway only', async () => {
    const cloud = await createTestCloud();
    const response = await cloud.fetch(invoke(forgedEvent));
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException:');
    expect(await response.json()).toEqual({
      __type: 'MissingAuthenticationTokenException',
      message: 'Missing Authentication Token'
    });
    expect(cloud.trace.entries.map((entry) => entry.to)).toEqual(['lambda']);
  });

  test('refuses a request that merely looks signed, when it does not come from API Gateway', async () => {
    const cloud = await createTestCloud();
    const response = await cloud.fetch(
      invoke(forgedEvent, { headers: { authorization: 'AWS4-HMAC-SHA256 Credential=AKIA.../x' } })
    );
    expect(response.status).toBe(403);
    expect((await response.json()).__type).toBe('AccessDeniedException');
  });

  test('runs the function for API Gateway and returns its result as the body', async () => {
    const cloud = await createTestCloud();
    const response = await cloud.fetch(cloud.hops.vouch(invoke(forgedEvent), 'api-gateway'));
    expect(response.status).toBe(200);
    expect(response.headers.get('x-amz-executed-version')).toBe('$LATEST');
    const result = (await response.json()) as { statusCode: number; body: string };
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toMatchObject({ orderId: '42', customer: 'alice' });
    expect(cloud.trace.entries.map((entry) => `${entry.from}→${entry.to}`)).toEqual([
      'app→lambda',
      'lambda→dynamodb'
    ]);
  });

  test('a vouched request is vouched only as that exact object', async () => {
    const cloud = await createTestCloud();
    const vouched = cloud.hops.vouch(invoke(forgedEvent), 'api-gateway');
    // A copy (what anyone replaying the traced request would send) is not vouched for.
    expect((await cloud.fetch(new Request(vouched))).status).toBe(403);
  });

  test('an unknown function is 404 ResourceNotFoundException', async () => {
    const cloud = await createTestCloud();
    const response = await cloud.fetch(cloud.hops.vouch(invoke({}, { functionName: 'Nope' }), 'api-gateway'));
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      __type: 'ResourceNotFoundException',
      message: 'Function not found: arn:aws:lambda:us-east-1:123456789012:function:Nope'
    });
  });

  test('accepts the function ARN as its name', async () => {
    const cloud = await createTestCloud();
    const arn = 'arn:aws:lambda:us-east-1:123456789012:function:GetOrder';
    const response = await cloud.fetch(
      cloud.hops.vouch(invoke(forgedEvent, { functionName: arn }), 'api-gateway')
    );
    expect(response.status).toBe(200);
  });

  test('a payload that is not JSON is InvalidRequestContentException', async () => {
    const cloud = await createTestCloud();
    const response = await cloud.fetch(cloud.hops.vouch(invoke('{not json'), 'api-gateway'));
    expect(response.status).toBe(400);
    expect((await response.json()).__type).toBe('InvalidRequestContentException');
  });

  test('other paths are not Lambda APIs', async () => {
    const cloud = await createTestCloud();
    const response = await cloud.fetch(
      new Request('https://lambda.us-east-1.amazonaws.com/2015-03-31/functions')
    );
    expect(response.status).toBe(404);
  });
});

describe('the Orders function', () => {
  function runtime(answer: () => Response, decisions: string[] = []): FunctionRuntime & { calls: Request[] } {
    const calls: Request[] = [];
    return {
      calls,
      functionName: 'GetOrder',
      awsRequestId: 'test',
      config: createConfig(createRandom('lambda-tests')),
      now: () => 0,
      async callAws(request) {
        calls.push(request);
        return answer();
      },
      check(id, ok) {
        decisions.push(`${ok ? '✓' : '✗'} ${id}`);
        return ok;
      }
    };
  }
  const item = { Item: { orderId: { S: '42' }, customer: { S: 'alice' }, total: { N: '34.50' } } };
  const ok = () => new Response(JSON.stringify(item));

  test('reads the order with GetItem and returns it as plain JSON to its customer', async () => {
    const rt = runtime(ok);
    const result = await getOrder(forgedEvent, rt);
    expect(result).toEqual({
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ orderId: '42', customer: 'alice', total: 34.5 })
    });
    const [call] = rt.calls;
    expect(call?.url).toBe('https://dynamodb.us-east-1.amazonaws.com/');
    expect(call?.headers.get('x-amz-target')).toBe('DynamoDB_20120810.GetItem');
    expect(await call?.json()).toEqual({ TableName: 'Orders', Key: { orderId: { S: '42' } } });
  });

  test('refuses another customer’s order with 403', async () => {
    const decisions: string[] = [];
    const event = {
      ...forgedEvent,
      requestContext: { authorizer: { claims: { 'cognito:username': 'bob' } } }
    };
    const result = (await getOrder(event, runtime(ok, decisions))) as { statusCode: number; body: string };
    expect(result.statusCode).toBe(403);
    expect(JSON.parse(result.body)).toEqual({ message: 'This order belongs to another customer' });
    expect(decisions.at(-1)).toBe('✗ get-order.owner');
  });

  test('answers 404 for an order that does not exist', async () => {
    const result = (await getOrder(
      forgedEvent,
      runtime(() => new Response('{}'))
    )) as { statusCode: number };
    expect(result.statusCode).toBe(404);
  });

  test('answers 500 when DynamoDB refuses', async () => {
    const refused = () => new Response('{"__type":"AccessDeniedException"}', { status: 400 });
    const result = (await getOrder(forgedEvent, runtime(refused))) as { statusCode: number };
    expect(result.statusCode).toBe(500);
  });

  test('answers 403 without claims, and 400 without an id, never calling DynamoDB', async () => {
    const rt = runtime(ok);
    expect(
      ((await getOrder({ pathParameters: { id: '42' } }, rt)) as { statusCode: number }).statusCode
    ).toBe(403);
    expect(((await getOrder(null, rt)) as { statusCode: number }).statusCode).toBe(400);
    expect(rt.calls).toHaveLength(0);
  });
});
