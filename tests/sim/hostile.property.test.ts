// Hostile input at world.fetch: random and malformed requests to every service never get a 5xx, never throw, never hang.

import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type World } from '../../src/lib/sim';
import { testKeys } from '../support/keys';
import { createTestCloud } from './services/api-gateway/test-cloud';

const NOW = Date.UTC(2026, 10, 28, 9, 0, 0);
/** One request may take this long at most (a hang or a runaway loop fails the run). */
const BUDGET_MS = 2_000;

let world: World;
let hosts: string[];
let paths: string[];

beforeAll(async () => {
  world = await createWorld({ seed: 'hostile', now: NOW, keys: testKeys });
  const { config } = world;
  const api = new URL(config.api.baseUrl);
  const pool = new URL(config.userPool.issuer);
  hosts = [
    pool.host,
    `cognito-identity.${config.region}.amazonaws.com`,
    'cognito-identity.amazonaws.com',
    'sts.amazonaws.com',
    `sts.${config.region}.amazonaws.com`,
    api.host,
    `lambda.${config.region}.amazonaws.com`,
    `dynamodb.${config.region}.amazonaws.com`,
    'www.googleapis.com',
    'accounts.google.com'
  ];
  paths = [
    '/',
    '/%',
    '/%ZZ',
    '/%E0%A4%A',
    `${pool.pathname}/.well-known/jwks.json`,
    '/%E0%A4%A/.well-known/jwks.json',
    '/%/.well-known/jwks.json',
    '/us-east-1_%ZZ/.well-known/jwks.json',
    '/2015-03-31/functions/GetOrder/invocations',
    '/2015-03-31/functions/%ZZ/invocations',
    '/2015-03-31/functions/%E0%A4%A/invocations',
    `${api.pathname}/orders/42`,
    `${api.pathname}/orders/%ZZ`,
    `${api.pathname}/orders/%E0%A4%A`,
    '/oauth2/v3/certs',
    '/.well-known/openid-configuration',
    '/.well-known/jwks_uri'
  ];
});

const TARGETS = [
  'AWSCognitoIdentityProviderService.SignUp',
  'AWSCognitoIdentityProviderService.InitiateAuth',
  'AWSCognitoIdentityProviderService.RespondToAuthChallenge',
  'AWSCognitoIdentityProviderService.ConfirmSignUp',
  'AWSCognitoIdentityProviderService.GetUser',
  'AWSCognitoIdentityProviderService.RevokeToken',
  'AWSCognitoIdentityService.GetId',
  'AWSCognitoIdentityService.GetCredentialsForIdentity',
  'AWSCognitoIdentityService.GetOpenIdToken',
  'DynamoDB_20120810.GetItem',
  'DynamoDB_20120810.PutItem',
  'DynamoDB_20120810.Query',
  'DynamoDB_20120810.__proto__',
  'AWSCognitoIdentityProviderService.constructor',
  'AWSCognitoIdentityProviderService.'
];

const CONTENT_TYPES = [
  'application/x-amz-json-1.1',
  'application/x-amz-json-1.0',
  'application/json',
  'application/x-www-form-urlencoded',
  'text/plain',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  ''
];

/** JSON nested `depth` deep, as arrays, objects, or DynamoDB maps and lists. */
function nested(depth: number, kind: 'array' | 'object' | 'M' | 'L'): string {
  switch (kind) {
    case 'array':
      return '['.repeat(depth) + ']'.repeat(depth);
    case 'object':
      return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
    case 'M':
      return '{"M":{"a":'.repeat(depth) + '{"S":"x"}' + '}}'.repeat(depth);
    case 'L':
      return '{"L":['.repeat(depth) + '{"S":"x"}' + ']}'.repeat(depth);
  }
}

const hostileMember = fc.oneof(
  fc.constantFrom('deep-M', 'deep-L', 'huge-string', 'long-name', 'bad-srp').map((kind) => {
    switch (kind) {
      case 'deep-M':
        return nested(2_000, 'M');
      case 'deep-L':
        return nested(2_000, 'L');
      case 'huge-string':
        return JSON.stringify('x'.repeat(500_000));
      case 'long-name':
        return JSON.stringify('n'.repeat(5_000));
      default:
        return JSON.stringify('zz'.repeat(1_000));
    }
  }),
  fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value))
);

/** Bodies that parse as an operation's input, with hostile members where the operations look. */
const structuredBody = hostileMember.map(
  (member) =>
    `{"ClientId":${member},"Username":${member},"Password":${member},"TableName":"Orders","Key":{"id":${member}},` +
    `"Item":{"userId":{"S":"u"},"orderId":{"S":"1"},"doc":${member}},"AuthFlow":"USER_SRP_AUTH",` +
    `"AuthParameters":{"USERNAME":${member},"SRP_A":${member},"PASSWORD":${member}},"IdentityPoolId":${member},` +
    `"Logins":${member},"WebIdentityToken":${member}}`
);

const body = fc.oneof(
  fc.constant(undefined),
  fc.string({ maxLength: 200 }),
  fc.uint8Array({ maxLength: 512 }),
  fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
  fc.constantFrom('array', 'object', 'M', 'L').map((kind) => nested(50_000, kind as 'array')),
  fc.constant('x'.repeat(2_000_000)),
  fc.constant('Action=AssumeRoleWithWebIdentity&RoleArn=%ZZ&WebIdentityToken=%E0%A4%A&Version=2011-06-15'),
  structuredBody
);

const headerValue = fc.oneof(
  fc.string({ maxLength: 40 }).filter((value) => /^[\t\x20-\x7e]*$/.test(value)),
  fc.constantFrom('AWS4-HMAC-SHA256 Credential=/, SignedHeaders=, Signature=', 'Bearer ', 'Bearer x.y.z')
);

const request = fc.record({
  method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'),
  host: fc.nat(),
  path: fc.oneof(
    fc.nat().map((index) => ({ index })),
    fc.webPath().map((path) => ({ raw: path }))
  ),
  query: fc.constantFrom('', '?', '?Action=AssumeRoleWithWebIdentity', '?%ZZ=%E0', '?a=1&a=2'),
  contentType: fc.option(fc.constantFrom(...CONTENT_TYPES), { nil: undefined }),
  targets: fc.array(fc.oneof(fc.constantFrom(...TARGETS), headerValue), { maxLength: 2 }),
  authorization: fc.array(headerValue, { maxLength: 2 }),
  body
});

type Spec = typeof request extends fc.Arbitrary<infer T> ? T : never;

function build(spec: Spec): Request {
  const host = hosts[spec.host % hosts.length];
  const path = ('index' in spec.path ? paths[spec.path.index % paths.length] : spec.path.raw) || '/';
  const headers = new Headers();
  if (spec.contentType !== undefined) headers.set('content-type', spec.contentType);
  // Two values for a header arrive joined ("a, b"), as fetch joins them.
  for (const target of spec.targets) headers.append('x-amz-target', target);
  for (const value of spec.authorization) headers.append('authorization', value);
  const bodyAllowed = spec.method !== 'GET' && spec.method !== 'HEAD';
  return new Request(`https://${host}${path.startsWith('/') ? '' : '/'}${path}${spec.query}`, {
    method: spec.method,
    headers,
    ...(bodyAllowed && spec.body !== undefined ? { body: spec.body } : {})
  });
}

async function withinBudget(response: Promise<Response>): Promise<Response> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${BUDGET_MS} ms`)), BUDGET_MS);
  });
  try {
    return await Promise.race([response, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

describe('hostile requests at world.fetch', () => {
  it('never answer 5xx, never throw, and answer in bounded time', async () => {
    await fc.assert(
      fc.asyncProperty(request, async (spec) => {
        const sent = build(spec);
        const response = await withinBudget(world.fetch(sent));
        await response.text();
        expect(response.status, `${sent.method} ${sent.url}: ${response.status}`).toBeLessThan(500);
      }),
      { numRuns: 100, seed: 11 }
    );
  }, 30_000);

  it('every path in the list answers below 500 for every host (bad escapes included)', async () => {
    for (const host of hosts) {
      for (const path of paths) {
        for (const method of ['GET', 'POST']) {
          const response = await withinBudget(
            world.fetch(
              new Request(`https://${host}${path}`, {
                method,
                ...(method === 'POST' ? { body: '{}', headers: { 'content-type': 'application/json' } } : {})
              })
            )
          );
          expect(response.status, `${method} https://${host}${path}`).toBeLessThan(500);
        }
      }
    }
  }, 30_000);

  it('signed DynamoDB calls with hostile items and Lambda invocations with hostile names answer below 500', async () => {
    const cloud = await createTestCloud({ seed: 'hostile-signed' });
    const lambdaPath = fc.oneof(
      fc.constantFrom('%ZZ', '%E0%A4%A', '%', 'GetOrder%', 'a%2', '%F0%9F'),
      fc.string({ maxLength: 20 }).map(encodeURIComponent)
    );
    const item = fc.oneof(
      fc.constantFrom('M', 'L').map((kind) => nested(20_000, kind as 'M')),
      fc.constantFrom('M', 'L').map((kind) => nested(40, kind as 'M')),
      fc.constant(JSON.stringify({ S: 'x'.repeat(500_000) })),
      fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value))
    );
    await fc.assert(
      fc.asyncProperty(item, lambdaPath, async (doc, name) => {
        const put = await cloud.signedAs(
          'TwoPools_Admin',
          new Request(`https://dynamodb.${cloud.config.region}.amazonaws.com/`, {
            method: 'POST',
            headers: {
              'content-type': 'application/x-amz-json-1.0',
              'x-amz-target': 'DynamoDB_20120810.PutItem'
            },
            body: `{"TableName":"Orders","Item":{"userId":{"S":"u"},"orderId":{"S":"1"},"doc":${doc}}}`
          })
        );
        const stored = await withinBudget(cloud.fetch(put));
        expect(stored.status, await stored.text()).toBeLessThan(500);
        const invoked = await withinBudget(
          cloud.sendAs(
            'api-gateway',
            new Request(
              `https://lambda.${cloud.config.region}.amazonaws.com/2015-03-31/functions/${name}/invocations`,
              {
                method: 'POST',
                body: '{}'
              }
            ),
            { sourceArn: cloud.sourceArn('GET', '/orders/42') }
          )
        );
        expect(invoked.status, `${name}: ${await invoked.text()}`).toBeLessThan(500);
      }),
      { numRuns: 25, seed: 11 }
    );
  }, 30_000);
});
