// Lambda Invoke (who may call it, what it answers) and the Orders function's own decisions.

import { describe, expect, test } from 'vitest';
import { createConfig } from '../../../../src/lib/sim/config';
import { createRandom } from '../../../../src/lib/sim/random';
import { createServiceEnv } from '../../../../src/lib/sim/world';
import { getOrder, invokeUrl, type FunctionRuntime } from '../../../../src/lib/sim/services/lambda';
import { createTestCloud } from '../api-gateway/test-cloud';

type Cloud = Awaited<ReturnType<typeof createTestCloud>>;

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
/** Alice's sub in the test cloud's world (seed api-gateway-tests): order 42's customerSub. */
const ALICE_SUB = createServiceEnv({ seed: 'api-gateway-tests' }).config.demoUsers[0]?.sub ?? '';
const forgedEvent = {
  pathParameters: { id: '42' },
  requestContext: { authorizer: { claims: { sub: ALICE_SUB, 'cognito:username': 'alice' } } }
};

const ACCESS_DENIED_PREFIX = 'is not authorized to perform: lambda:InvokeFunction on resource: ';
const FUNCTION = 'arn:aws:lambda:us-east-1:123456789012:function:GetOrder';

describe('Invoke: who may call it', () => {
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
    expect(cloud.trace.entries[0]?.checks).toEqual([
      expect.objectContaining({ id: 'sigv4.signature', ok: false })
    ]);
  });

  test('a header that merely looks signed is verified, and refused as an incomplete signature', async () => {
    const cloud = await createTestCloud();
    const response = await cloud.fetch(
      invoke(forgedEvent, { headers: { authorization: 'AWS4-HMAC-SHA256 Credential=AKIA.../x' } })
    );
    expect(response.status).toBe(403);
    expect((await response.json()).__type).toBe('IncompleteSignatureException');
    expect(cloud.trace.entries.map((entry) => entry.to)).toEqual(['lambda']);
  });

  test('a role of the account, properly signed, is refused: neither its policies nor the function’s allow it', async () => {
    const cloud = await createTestCloud();
    const response = await cloud.fetch(await cloud.signedAs('TwoPools_Admin', invoke(forgedEvent)));
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      __type: 'AccessDeniedException',
      message: `User: arn:aws:sts::123456789012:assumed-role/TwoPools_Admin/tests ${ACCESS_DENIED_PREFIX}${FUNCTION} because no identity-based policy allows the lambda:InvokeFunction action`
    });
    const [entry] = cloud.trace.entries;
    expect(entry?.checks.map((check) => [check.id, check.ok])).toEqual([
      ['sigv4.signature', true],
      ['lambda.function-name', true],
      ['lambda.function-exists', true],
      ['lambda.invoke-permission', false]
    ]);
    // Lambda records its own SigV4 working, as DynamoDB does.
    expect(entry?.sigv4).toMatchObject({
      match: true,
      credentialScope: expect.stringMatching(/\/lambda\/aws4_request$/)
    });
    expect(
      entry?.decisions?.map((decision) => [decision.label, decision.principal, decision.decision])
    ).toEqual([
      [
        'resource-based policy of GetOrder',
        'arn:aws:sts::123456789012:assumed-role/TwoPools_Admin/tests',
        'ImplicitDeny'
      ],
      [
        'permissions of TwoPools_Admin for lambda:InvokeFunction',
        'arn:aws:sts::123456789012:assumed-role/TwoPools_Admin/tests',
        'ImplicitDeny'
      ]
    ]);
    // The function never ran: no hop to DynamoDB.
    expect(cloud.trace.entries).toHaveLength(1);
  });

  test('a role whose own policy allows lambda:InvokeFunction may invoke it (same account)', async () => {
    const cloud = await createTestCloud();
    const admin = cloud.env.roles.byName('TwoPools_Admin');
    if (!admin) throw new Error('no admin role');
    cloud.env.roles.put({
      ...admin,
      permissionPolicies: [
        ...admin.permissionPolicies,
        {
          name: 'InvokeOrders',
          document: {
            Version: '2012-10-17',
            Statement: [
              { Sid: 'InvokeOrders', Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: FUNCTION }
            ]
          }
        }
      ]
    });
    const response = await cloud.fetch(await cloud.signedAs('TwoPools_Admin', invoke(forgedEvent)));
    expect(response.status).toBe(200);
    const [entry] = cloud.trace.entries;
    expect(entry?.decisions?.map((decision) => decision.decision)).toEqual(['ImplicitDeny', 'Allow']);
    expect(entry?.checks.find((check) => check.id === 'lambda.invoke-permission')?.ok).toBe(true);
  });

  test('a session policy narrows the role: allowed by the role, refused because no session policy allows it', async () => {
    const cloud = await createTestCloud();
    const admin = cloud.env.roles.byName('TwoPools_Admin');
    if (!admin) throw new Error('no admin role');
    cloud.env.roles.put({
      ...admin,
      permissionPolicies: [
        ...admin.permissionPolicies,
        {
          name: 'InvokeOrders',
          document: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: FUNCTION }]
          }
        }
      ]
    });
    // As if STS had been passed Policy: a session policy that allows only Polly.
    cloud.session('TwoPools_Admin').current().sessionPolicy = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'polly:*', Resource: '*' }]
    };
    const response = await cloud.fetch(await cloud.signedAs('TwoPools_Admin', invoke(forgedEvent)));
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      __type: 'AccessDeniedException',
      message: `User: arn:aws:sts::123456789012:assumed-role/TwoPools_Admin/tests ${ACCESS_DENIED_PREFIX}${FUNCTION} because no session policy allows the lambda:InvokeFunction action`
    });
    const [entry] = cloud.trace.entries;
    expect(entry?.decisions?.map((decision) => [decision.kind, decision.decision])).toEqual([
      ['resource', 'ImplicitDeny'],
      ['identity', 'Allow'],
      ['session', 'ImplicitDeny']
    ]);
    expect(cloud.trace.entries).toHaveLength(1);
  });

  test('API Gateway invoking for GET /orders/{id} of this API runs the function, allowed by its resource-based policy', async () => {
    const cloud = await createTestCloud();
    const sourceArn = cloud.sourceArn('GET', '/orders/42');
    const response = await cloud.sendAs('api-gateway', invoke(forgedEvent), { sourceArn });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-amz-executed-version')).toBe('$LATEST');
    const result = (await response.json()) as { statusCode: number; body: string };
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toMatchObject({ orderId: '42', customer: 'alice' });
    expect(cloud.trace.entries.map((entry) => `${entry.from}→${entry.to}`)).toEqual([
      'api-gateway→lambda',
      'lambda→dynamodb'
    ]);
    const [entry] = cloud.trace.entries;
    expect(entry?.checks.find((check) => check.id === 'lambda.invoke-permission')).toMatchObject({
      ok: true
    });
    expect(entry?.decisions).toEqual([
      expect.objectContaining({
        label: 'resource-based policy of GetOrder',
        action: 'lambda:InvokeFunction',
        resource: FUNCTION,
        principal: 'apigateway.amazonaws.com',
        context: expect.objectContaining({ 'aws:SourceArn': sourceArn, 'aws:SourceAccount': '123456789012' }),
        decision: 'Allow',
        deciding: [expect.objectContaining({ sid: 'AllowApiGatewayInvoke', effect: 'Allow' })],
        statements: [expect.objectContaining({ sid: 'AllowApiGatewayInvoke', matched: true })]
      })
    ]);
  });

  test.each([
    ['another method of the API', (cloud: Cloud) => cloud.sourceArn('DELETE', '/orders/42')],
    [
      'another API of the account',
      () => 'arn:aws:execute-api:us-east-1:123456789012:someoneelse/prod/GET/orders/42'
    ],
    ['no source ARN at all', () => undefined]
  ])('API Gateway invoking for %s is refused with AccessDeniedException', async (_label, source) => {
    const cloud = await createTestCloud();
    const sourceArn = source(cloud);
    const response = await cloud.sendAs(
      'api-gateway',
      invoke(forgedEvent),
      sourceArn === undefined ? {} : { sourceArn }
    );
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toBe('AccessDeniedException:');
    expect(await response.json()).toEqual({
      __type: 'AccessDeniedException',
      message: `User: apigateway.amazonaws.com ${ACCESS_DENIED_PREFIX}${FUNCTION} because no resource-based policy allows the lambda:InvokeFunction action`
    });
    const [entry] = cloud.trace.entries;
    expect(entry?.decisions?.[0]).toMatchObject({
      decision: 'ImplicitDeny',
      statements: [{ sid: 'AllowApiGatewayInvoke', matched: false }]
    });
    expect(entry?.checks.find((check) => check.id === 'lambda.invoke-permission')?.ok).toBe(false);
    expect(entry?.reason).toMatch(/AllowApiGatewayInvoke/);
    expect(cloud.trace.entries).toHaveLength(1);
  });

  test('another AWS service is not API Gateway: the policy does not name it', async () => {
    const cloud = await createTestCloud();
    const response = await cloud.sendAs('dynamodb', invoke(forgedEvent), {
      sourceArn: cloud.sourceArn('GET', '/orders/42')
    });
    expect(response.status).toBe(403);
    expect((await response.json()).message).toMatch(/^User: dynamodb\.amazonaws\.com is not authorized/);
  });
});

describe('Invoke: what it answers', () => {
  const asApiGateway = (cloud: Cloud, request: Request) =>
    cloud.sendAs('api-gateway', request, { sourceArn: cloud.sourceArn('GET', '/orders/42') });

  test('an unknown function is 404 ResourceNotFoundException', async () => {
    const cloud = await createTestCloud();
    const response = await asApiGateway(cloud, invoke({}, { functionName: 'Nope' }));
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      __type: 'ResourceNotFoundException',
      message: 'Function not found: arn:aws:lambda:us-east-1:123456789012:function:Nope'
    });
  });

  test('accepts the function ARN as its name', async () => {
    const cloud = await createTestCloud();
    const response = await asApiGateway(cloud, invoke(forgedEvent, { functionName: FUNCTION }));
    expect(response.status).toBe(200);
  });

  test('a payload that is not JSON is InvalidRequestContentException', async () => {
    const cloud = await createTestCloud();
    const response = await asApiGateway(cloud, invoke('{not json'));
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
  const item = {
    Item: {
      orderId: { S: '42' },
      customer: { S: 'alice' },
      customerSub: { S: ALICE_SUB },
      total: { N: '34.50' }
    }
  };
  const ok = () => new Response(JSON.stringify(item));

  test('reads the order with GetItem and returns it as plain JSON to its customer', async () => {
    const rt = runtime(ok);
    const result = await getOrder(forgedEvent, rt);
    expect(result).toEqual({
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ orderId: '42', customer: 'alice', customerSub: ALICE_SUB, total: 34.5 })
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
      requestContext: {
        authorizer: { claims: { sub: 'b0b00000-0000-4000-8000-000000000b0b', 'cognito:username': 'bob' } }
      }
    };
    const result = (await getOrder(event, runtime(ok, decisions))) as { statusCode: number; body: string };
    expect(result.statusCode).toBe(403);
    expect(JSON.parse(result.body)).toEqual({ message: 'This order belongs to another customer' });
    expect(decisions.at(-1)).toBe('✗ get-order.owner');
  });

  test('decides by sub, not by username: the username alone names no owner', async () => {
    const decisions: string[] = [];
    const event = {
      ...forgedEvent,
      requestContext: {
        authorizer: { claims: { sub: 'b0b00000-0000-4000-8000-000000000b0b', 'cognito:username': 'alice' } }
      }
    };
    const result = (await getOrder(event, runtime(ok, decisions))) as { statusCode: number };
    expect(result.statusCode).toBe(403);
    expect(decisions.at(-1)).toBe('✗ get-order.owner');
    const noSub = {
      ...forgedEvent,
      requestContext: { authorizer: { claims: { 'cognito:username': 'alice' } } }
    };
    const refused = (await getOrder(noSub, runtime(ok))) as { statusCode: number };
    expect(refused.statusCode).toBe(403);
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
