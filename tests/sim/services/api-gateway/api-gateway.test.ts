// API Gateway's REST API and Cognito authorizer, end to end through Lambda and DynamoDB, with the test issuer as the pool.

import { describe, expect, test } from 'vitest';
import type { ProxyEvent } from '../../../../src/lib/sim/services/api-gateway';
import type { LambdaFunction } from '../../../../src/lib/sim/services/lambda';
import { createTestIssuer } from '../../../support/jwt-fixtures';
import { createTestCloud, hopsOf } from './test-cloud';

async function json(response: Response): Promise<Record<string, unknown>> {
  return (await response.json()) as Record<string, unknown>;
}

function lambdaEvent(cloud: Awaited<ReturnType<typeof createTestCloud>>): ProxyEvent {
  const hop = cloud.trace.entries.find((entry) => entry.to === 'lambda');
  if (!hop) throw new Error('no hop to lambda');
  return JSON.parse(hop.request.body) as ProxyEvent;
}

describe('GET /orders/{id} with a valid ID token', () => {
  test('returns the order to its customer, through the authorizer, Lambda and DynamoDB', async () => {
    const cloud = await createTestCloud();
    const response = await cloud.getOrder('42', await cloud.idTokenFor('alice'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get('x-amz-apigw-id')).toMatch(/^[A-Za-z0-9]{15}=$/);
    expect(await json(response)).toMatchObject({
      orderId: '42',
      customer: 'alice',
      status: 'shipped',
      quantity: 1
    });

    const { entries } = cloud.trace;
    expect(hopsOf(entries)).toEqual([
      'app→api-gateway GET /prod/orders/42',
      `api-gateway→user-pool GET /${cloud.config.userPool.id}/.well-known/jwks.json`,
      'api-gateway→lambda POST /2015-03-31/functions/GetOrder/invocations',
      'lambda→dynamodb GetItem'
    ]);
    const [outer, jwks, invoke, getItem] = entries;
    expect(jwks?.parentId).toBe(outer?.id);
    expect(invoke?.parentId).toBe(outer?.id);
    expect(getItem?.parentId).toBe(invoke?.id);
    expect(outer?.outcome).toBe('ok');
    expect(outer?.checks.every((check) => check.ok)).toBe(true);
    expect(outer?.checks.map((check) => check.id)).toEqual(
      expect.arrayContaining(['jwt.signature', 'jwt.issuer', 'jwt.token-use', 'jwt.expiry'])
    );
    // The authorizer names a pool, not an app client: with no identityValidationExpression, aud is not compared.
    expect(outer?.checks.map((check) => check.id)).not.toContain('jwt.audience');
    expect(outer?.checks.find((check) => check.id === 'jwt.token-use')?.detail).toBe('token_use is "id"');
    // DynamoDB got the real wire format.
    expect(getItem?.request.headers['content-type']).toBe('application/x-amz-json-1.0');
    expect(getItem?.request.headers['x-amz-target']).toBe('DynamoDB_20120810.GetItem');
    expect(JSON.parse(getItem?.request.body ?? '')).toEqual({
      TableName: 'Orders',
      Key: { orderId: { S: '42' } }
    });
    expect(JSON.parse(getItem?.response.body ?? '').Item.customer).toEqual({ S: 'alice' });
  });

  test('fetches the JWKS only the first time', async () => {
    const cloud = await createTestCloud();
    const token = await cloud.idTokenFor('alice');
    expect((await cloud.getOrder('42', token)).status).toBe(200);
    expect((await cloud.getOrder('42', token)).status).toBe(200);
    expect((await cloud.getOrder('7', await cloud.idTokenFor('bob'))).status).toBe(200);
    expect(cloud.jwksRequests).toBe(1);
    expect(cloud.trace.entries.filter((entry) => entry.to === 'user-pool')).toHaveLength(1);
  });

  test('passes the claims to the function as strings, as API Gateway flattens them', async () => {
    const cloud = await createTestCloud();
    await cloud.getOrder('42', await cloud.idTokenFor('alice', { 'cognito:groups': ['admins', 'staff'] }));
    const event = lambdaEvent(cloud);
    const claims = event.requestContext.authorizer?.claims ?? {};
    expect(Object.keys(claims).length).toBeGreaterThan(8);
    for (const value of Object.values(claims)) expect(typeof value).toBe('string');
    expect(claims['cognito:username']).toBe('alice');
    expect(claims.email_verified).toBe('true');
    expect(claims['cognito:groups']).toBe('admins,staff');
    expect(claims.exp).toBe('Wed Jan 15 11:00:00 UTC 2025');
    expect(claims.iat).toBe('Wed Jan 15 10:00:00 UTC 2025');
    expect(claims.auth_time).toBe(String(Math.floor(cloud.clock.now() / 1000)));
    expect(event).toMatchObject({
      resource: '/orders/{id}',
      path: '/orders/42',
      httpMethod: 'GET',
      pathParameters: { id: '42' },
      queryStringParameters: null,
      body: null,
      isBase64Encoded: false,
      requestContext: {
        stage: 'prod',
        resourcePath: '/orders/{id}',
        path: '/prod/orders/42',
        accountId: '123456789012',
        requestTime: '15/Jan/2025:10:00:00 +0000',
        requestTimeEpoch: cloud.clock.now()
      }
    });
    expect(event.headers.authorization).toMatch(/^eyJ/);
  });
});

describe('what the REST authorizer accepts', () => {
  test('"Bearer <token>" is accepted like the bare token (the REST Cognito authorizer drops the prefix)', async () => {
    const cloud = await createTestCloud();
    const response = await cloud.getOrder('42', `Bearer ${await cloud.idTokenFor('alice')}`);
    expect(response.status).toBe(200);
    const [outer] = cloud.trace.entries;
    expect(outer?.checks.every((check) => check.ok)).toBe(true);
    expect(outer?.checks.map((check) => check.id)).toContain('jwt.signature');
    // The proxy event still carries the header as the client sent it.
    expect(lambdaEvent(cloud).headers.authorization).toMatch(/^Bearer eyJ/);
  });

  test('an ID token of this pool issued to another app client is accepted: the authorizer pins the pool, not a client', async () => {
    const cloud = await createTestCloud();
    const token = await cloud.idTokenFor('alice', { aud: 'anotherclient0123456789abc' });
    expect((await cloud.getOrder('42', token)).status).toBe(200);
    expect(cloud.trace.entries[0]?.checks.map((check) => check.id)).not.toContain('jwt.audience');
  });

  test('with an identityValidationExpression, aud must match it: otherwise 401 Unauthorized, before Lambda', async () => {
    const cloud = await createTestCloud();
    cloud.config.api.identityValidationExpression = cloud.config.userPool.clientId;
    const other = await cloud.idTokenFor('alice', { aud: 'anotherclient0123456789abc' });
    const refused = await cloud.getOrder('42', other);
    expect(refused.status).toBe(401);
    expect(await json(refused)).toEqual({ message: 'Unauthorized' });
    const [entry] = cloud.trace.entries;
    expect(entry?.checks.at(-1)).toMatchObject({ id: 'api-gateway.identity-validation', ok: false });
    expect(entry?.checks.at(-1)?.detail).toMatch(/anotherclient0123456789abc/);
    expect(cloud.trace.entries.some((e) => e.to === 'lambda')).toBe(false);

    const accepted = await cloud.getOrder('42', await cloud.idTokenFor('alice'));
    expect(accepted.status).toBe(200);
    const last = cloud.trace.entries.filter((e) => e.from === 'app').at(-1);
    expect(last?.checks.find((check) => check.id === 'api-gateway.identity-validation')).toMatchObject({
      ok: true
    });
  });

  test('the expression must match the whole aud, not a part of it', async () => {
    const cloud = await createTestCloud();
    cloud.config.api.identityValidationExpression = 'testclient';
    expect(
      (await cloud.getOrder('42', await cloud.idTokenFor('alice', { aud: 'testclient-other' }))).status
    ).toBe(401);
  });
});

describe('the function decides whose order it is', () => {
  test('another customer gets 403 from the function', async () => {
    const cloud = await createTestCloud();
    const response = await cloud.getOrder('42', await cloud.idTokenFor('bob'));
    expect(response.status).toBe(403);
    expect(await json(response)).toEqual({ message: 'This order belongs to another customer' });
    const invoke = cloud.trace.entries.find((entry) => entry.to === 'lambda');
    expect(invoke?.response.status).toBe(200);
    expect(invoke?.checks.find((check) => check.id === 'get-order.owner')?.ok).toBe(false);
    expect(cloud.trace.entries[0]?.reason).toMatch(/403: This order belongs to another customer/);
  });

  test('ownership is decided by sub: a token with Bob’s sub is refused even when its username says alice', async () => {
    const cloud = await createTestCloud();
    const [alice, bob] = cloud.config.demoUsers;
    const token = await cloud.idTokenFor('alice', { sub: bob?.sub });
    const response = await cloud.getOrder('42', token);
    expect(response.status).toBe(403);
    const owner = cloud.trace.entries
      .find((entry) => entry.to === 'lambda')
      ?.checks.find((c) => c.id === 'get-order.owner');
    expect(owner).toMatchObject({ ok: false });
    expect(owner?.detail).toContain(`customerSub ${alice?.sub}`);
    expect(owner?.detail).toContain(`caller sub ${bob?.sub}`);
  });

  test('ownership is decided by sub: Alice’s sub under another username still gets her order', async () => {
    const cloud = await createTestCloud();
    const alice = cloud.config.demoUsers[0];
    const response = await cloud.getOrder(
      '42',
      await cloud.idTokenFor('alice', { 'cognito:username': 'alice-renamed' })
    );
    expect(response.status).toBe(200);
    expect(alice?.sub).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('an unknown order is 404', async () => {
    const cloud = await createTestCloud();
    const response = await cloud.getOrder('999', await cloud.idTokenFor('alice'));
    expect(response.status).toBe(404);
    expect(await json(response)).toEqual({ message: 'Order 999 not found' });
  });
});

describe('the authorizer refuses', () => {
  async function expectRefused(response: Response, message = 'Unauthorized') {
    expect(response.status).toBe(401);
    expect(await json(response)).toEqual({ message });
    expect(response.headers.get('x-amzn-errortype')).toBe('UnauthorizedException');
    expect(response.headers.get('x-amz-apigw-id')).toBeTruthy();
    expect(response.headers.get('x-amzn-requestid')).toBeTruthy();
  }

  test('no token: 401 Unauthorized, and Lambda is never called', async () => {
    const cloud = await createTestCloud();
    await expectRefused(await cloud.getOrder('42'));
    expect(hopsOf(cloud.trace.entries)).toEqual(['app→api-gateway GET /prod/orders/42']);
    const [entry] = cloud.trace.entries;
    expect(entry?.outcome).toBe('refused');
    expect(entry?.error).toEqual({ code: 'UnauthorizedException', message: 'Unauthorized' });
    expect(entry?.reason).toMatch(/no Authorization header/);
  });

  test('garbage: 401 Unauthorized, without even fetching the JWKS', async () => {
    const cloud = await createTestCloud();
    await expectRefused(await cloud.getOrder('42', 'not-a-jwt'));
    expect(cloud.jwksRequests).toBe(0);
    expect(cloud.trace.entries[0]?.checks.at(-1)).toMatchObject({ id: 'jwt.shape', ok: false });
  });

  test('an access token instead of an ID token after "Bearer ": still 401 (the prefix is dropped, the token checked)', async () => {
    const cloud = await createTestCloud();
    await expectRefused(await cloud.getOrder('42', `Bearer ${await cloud.accessTokenFor('alice')}`));
    expect(cloud.trace.entries[0]?.checks.at(-1)).toMatchObject({ id: 'jwt.token-use', ok: false });
  });

  test('an access token instead of an ID token: 401 Unauthorized', async () => {
    const cloud = await createTestCloud();
    await expectRefused(await cloud.getOrder('42', await cloud.accessTokenFor('alice')));
    expect(cloud.trace.entries[0]?.checks.at(-1)).toMatchObject({
      id: 'jwt.token-use',
      ok: false,
      detail: 'token_use is "access", not "id"'
    });
  });

  test('a token from another pool: 401 Unauthorized', async () => {
    const cloud = await createTestCloud();
    const other = await createTestIssuer({
      userPoolId: 'us-east-1_ElseWhere',
      clientId: cloud.config.userPool.clientId
    });
    other.now = cloud.clock.now();
    await expectRefused(await cloud.getOrder('42', await other.signId()));
  });

  test('a token signed by another key under the pool’s kid: 401 Unauthorized', async () => {
    const cloud = await createTestCloud();
    const token = await cloud.idTokenFor('alice');
    const [h, p, s = ''] = token.split('.');
    const tampered = `${h}.${p}.${s.slice(0, 20)}${s[20] === 'A' ? 'B' : 'A'}${s.slice(21)}`;
    await expectRefused(await cloud.getOrder('42', tampered));
  });

  test('an hour later: 401 "The incoming token has expired"', async () => {
    const cloud = await createTestCloud();
    const token = await cloud.idTokenFor('alice');
    expect((await cloud.getOrder('42', token)).status).toBe(200);
    cloud.clock.advance(3600_000);
    await expectRefused(await cloud.getOrder('42', token), 'The incoming token has expired');
    const last = cloud.trace.entries.filter((entry) => entry.from === 'app').at(-1);
    expect(last?.error).toEqual({ code: 'UnauthorizedException', message: 'The incoming token has expired' });
    expect(last?.checks.at(-1)).toMatchObject({ id: 'jwt.expiry', ok: false });
  });

  test('100 tokens with forged kids cost at most one extra JWKS fetch', async () => {
    const cloud = await createTestCloud();
    const original = await cloud.idTokenFor('alice');
    expect((await cloud.getOrder('42', original)).status).toBe(200);
    for (let i = 0; i < 100; i++) {
      const forged = await cloud.issuer.signId({}, { kid: `forged-${i}` });
      expect((await cloud.getOrder('42', forged)).status).toBe(401);
    }
    expect(cloud.jwksRequests).toBeLessThanOrEqual(2);
    expect((await cloud.getOrder('42', original)).status).toBe(200);
  });
});

describe('routing', () => {
  test.each([
    ['GET', '/prod/orders'],
    ['GET', '/prod/orders/'],
    ['GET', '/prod/orders/42/items'],
    ['POST', '/prod/orders/42'],
    ['DELETE', '/prod/orders/42'],
    ['GET', '/prod/nothing-here'],
    ['GET', '/orders/42'],
    ['GET', '/test/orders/42']
  ])('%s %s is 403 Missing Authentication Token, before any token check', async (method, path) => {
    const cloud = await createTestCloud();
    const url = new URL(cloud.config.api.baseUrl);
    const response = await cloud.fetch(
      new Request(`${url.origin}${path}`, {
        method,
        headers: { authorization: await cloud.idTokenFor('alice') }
      })
    );
    expect(response.status).toBe(403);
    expect(await json(response)).toEqual({ message: 'Missing Authentication Token' });
    expect(response.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
    expect(cloud.trace.entries).toHaveLength(1);
  });
});

describe('the Lambda integration', () => {
  test('a function that throws becomes 502 Internal server error', async () => {
    const broken: LambdaFunction = async () => {
      throw new Error('boom');
    };
    const cloud = await createTestCloud({ functions: new Map([['GetOrder', broken]]) });
    const response = await cloud.getOrder('42', await cloud.idTokenFor('alice'));
    expect(response.status).toBe(502);
    expect(await json(response)).toEqual({ message: 'Internal server error' });
    const invoke = cloud.trace.entries.find((entry) => entry.to === 'lambda');
    expect(invoke?.response.headers['x-amz-function-error']).toBe('Unhandled');
  });

  test('a function that returns something other than a proxy result becomes 502', async () => {
    const odd: LambdaFunction = async () => ({ status: 200, body: { not: 'a string' } });
    const cloud = await createTestCloud({ functions: new Map([['GetOrder', odd]]) });
    expect((await cloud.getOrder('42', await cloud.idTokenFor('alice'))).status).toBe(502);
  });

  test('the function’s status, headers and body become the HTTP response', async () => {
    const teapot: LambdaFunction = async () => ({
      statusCode: 418,
      headers: { 'x-brew': 'earl grey', 'content-type': 'text/plain' },
      body: 'short and stout'
    });
    const cloud = await createTestCloud({ functions: new Map([['GetOrder', teapot]]) });
    const response = await cloud.getOrder('42', await cloud.idTokenFor('alice'));
    expect(response.status).toBe(418);
    expect(response.headers.get('x-brew')).toBe('earl grey');
    expect(response.headers.get('content-type')).toBe('text/plain');
    expect(await response.text()).toBe('short and stout');
  });
});

describe('the Lambda permission', () => {
  test('API Gateway invokes as its service principal for the method it serves; the function’s policy allows it', async () => {
    const cloud = await createTestCloud();
    expect((await cloud.getOrder('42', await cloud.idTokenFor('alice'))).status).toBe(200);
    const invoke = cloud.trace.entries.find((entry) => entry.to === 'lambda');
    const sourceArn = cloud.sourceArn('GET', '/orders/42');
    // The function's permission names the methods integrated with it: the Cognito one, the AWS_IAM one and the
    // one with the custom scope orders-api/read (managed login's access tokens).
    expect(cloud.apiGateway.routeArnsOf('GetOrder')).toEqual([
      sourceArn.replace('/prod/GET/orders/42', '/*/GET/orders/*'),
      sourceArn.replace('/prod/GET/orders/42', '/*/GET/iam/orders/*'),
      sourceArn.replace('/prod/GET/orders/42', '/*/GET/scoped/orders/*')
    ]);
    expect(invoke?.request.headers.authorization).toBeUndefined();
    expect(invoke?.checks.find((check) => check.id === 'lambda.invoke-permission')).toMatchObject({
      ok: true,
      detail: expect.stringContaining(`service apigateway.amazonaws.com for ${sourceArn}`)
    });
    expect(invoke?.decisions).toEqual([
      expect.objectContaining({
        principal: 'apigateway.amazonaws.com',
        context: expect.objectContaining({ 'aws:SourceArn': sourceArn }),
        decision: 'Allow'
      })
    ]);
  });

  test('a policy that misses the route: Lambda refuses, and the caller gets 500 Internal server error', async () => {
    const cloud = await createTestCloud({
      policies: new Map([
        [
          'GetOrder',
          {
            Version: '2012-10-17',
            Statement: [
              {
                Sid: 'OnlyPost',
                Effect: 'Allow',
                Principal: { Service: 'apigateway.amazonaws.com' },
                Action: 'lambda:InvokeFunction',
                Resource: 'arn:aws:lambda:us-east-1:123456789012:function:GetOrder',
                Condition: {
                  ArnLike: { 'AWS:SourceArn': 'arn:aws:execute-api:us-east-1:123456789012:*/*/POST/*' }
                }
              }
            ]
          }
        ]
      ])
    });
    const response = await cloud.getOrder('42', await cloud.idTokenFor('alice'));
    expect(response.status).toBe(500);
    expect(await json(response)).toEqual({ message: 'Internal server error' });
    expect(hopsOf(cloud.trace.entries)).toEqual([
      'app→api-gateway GET /prod/orders/42',
      `api-gateway→user-pool GET /${cloud.config.userPool.id}/.well-known/jwks.json`,
      'api-gateway→lambda POST /2015-03-31/functions/GetOrder/invocations'
    ]);
    const [outer, , invoke] = cloud.trace.entries;
    expect(invoke?.response.status).toBe(403);
    expect(invoke?.error?.code).toBe('AccessDeniedException');
    expect(invoke?.decisions?.[0]).toMatchObject({
      decision: 'ImplicitDeny',
      statements: [{ sid: 'OnlyPost', matched: false }]
    });
    expect(outer?.reason).toMatch(/Invalid permissions on Lambda function/);
  });
});
