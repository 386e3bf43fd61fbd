// The API's other methods, end to end through world.fetch: GET /me behind an OAuth scope, GET /iam/orders/{id} behind AWS_IAM.

import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import type { World } from '../../../../src/lib/sim';
import { DEFAULT_API_METHODS } from '../../../../src/lib/sim/config';
import {
  credentialsFor,
  getId,
  identityWorld,
  signedInCredentials,
  signIn,
  type Credentials
} from '../identity-pool/wire';

const MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

function apiHost(world: World): string {
  return new URL(world.config.api.baseUrl).host;
}

function apiId(world: World): string {
  return apiHost(world).split('.')[0] ?? '';
}

/** GET {baseUrl}{path} signed by @smithy/signature-v4 for execute-api (or with a secret of the caller's choosing). */
async function signedGet(
  world: World,
  path: string,
  credentials: Credentials,
  secret = credentials.SecretKey
) {
  const signer = new SignatureV4({
    service: 'execute-api',
    region: 'us-east-1',
    sha256: Sha256,
    credentials: {
      accessKeyId: credentials.AccessKeyId,
      secretAccessKey: secret,
      sessionToken: credentials.SessionToken
    }
  });
  const signed = await signer.sign(
    {
      method: 'GET',
      protocol: 'https:',
      hostname: apiHost(world),
      path: `/prod${path}`,
      query: {},
      headers: { host: apiHost(world), accept: 'application/json' }
    },
    { signingDate: new Date(world.clock.now()) }
  );
  return world.fetch(
    new Request(`${world.config.api.baseUrl}${path}`, { headers: signed.headers as Record<string, string> })
  );
}

function get(world: World, path: string, authorization?: string) {
  return world.fetch(
    new Request(`${world.config.api.baseUrl}${path}`, {
      headers: authorization === undefined ? {} : { authorization }
    })
  );
}

describe('GET /iam/orders/{id}: AWS_IAM authorization with identity-pool credentials', () => {
  it('gets order 42 for a request signed by @smithy/signature-v4 for execute-api', async () => {
    const world = await identityWorld();
    const { identityId, credentials } = await signedInCredentials(world);
    const response = await signedGet(world, '/iam/orders/42', credentials);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ orderId: '42', customer: 'alice' });

    const call = world.trace.entries.find((entry) => entry.to === 'api-gateway');
    expect(call?.request.headers.authorization).toMatch(
      new RegExp(
        `^AWS4-HMAC-SHA256 Credential=${credentials.AccessKeyId}/\\d{8}/us-east-1/execute-api/aws4_request`
      )
    );
    expect(call?.sigv4?.match).toBe(true);
    expect(call?.decisions?.[0]).toMatchObject({
      action: 'execute-api:Invoke',
      resource: `arn:aws:execute-api:us-east-1:123456789012:${apiId(world)}/prod/GET/iam/orders/42`,
      decision: 'Allow'
    });
    // The function was told who signed, and nothing of a token.
    const event = JSON.parse(
      world.trace.entries.find((entry) => entry.to === 'lambda')?.request.body ?? '{}'
    );
    expect(event.requestContext.authorizer).toBeUndefined();
    expect(event.requestContext.identity.cognitoIdentityId).toBe(identityId);
    expect(event.requestContext.identity.cognitoAuthenticationType).toBe('authenticated');
  });

  it('refuses a wrong signature with 403 and API Gateway’s message, quoting the canonical request', async () => {
    const world = await identityWorld();
    const { credentials } = await signedInCredentials(world);
    const response = await signedGet(world, '/iam/orders/42', credentials, 'not-the-secret-key');
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toBe('InvalidSignatureException');
    const { message } = (await response.json()) as { message: string };
    expect(
      message.startsWith(
        `${MISMATCH}\n\nThe Canonical String for this request should have been\n'GET\n/prod/iam/orders/42\n`
      )
    ).toBe(true);
    expect(message).toMatch(
      /\n\nThe String-to-Sign should have been\n'AWS4-HMAC-SHA256\n\d{8}T\d{6}Z\n\d{8}\/us-east-1\/execute-api\/aws4_request\n[0-9a-f]{64}'\n$/
    );
    expect(world.trace.entries.some((entry) => entry.to === 'lambda')).toBe(false);
  });

  it('refuses an unsigned request with 403 Missing Authentication Token', async () => {
    const world = await identityWorld();
    const response = await get(world, '/iam/orders/42');
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
    expect(await response.json()).toEqual({ message: 'Missing Authentication Token' });
  });

  it('refuses a JWT: an AWS_IAM method wants a signature, not a token', async () => {
    const world = await identityWorld();
    const { IdToken } = await signIn(world);
    const response = await get(world, '/iam/orders/42', `Bearer ${IdToken}`);
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toBe('IncompleteSignatureException');
    expect(await response.json()).toEqual({
      message: `'${IdToken}' not a valid key=value pair (missing equal-sign) in Authorization header: 'Bearer ${IdToken}'.`
    });
    expect(
      world.trace.entries.some(
        (entry) => entry.to === 'lambda' || (entry.to === 'user-pool' && entry.from === 'api-gateway')
      )
    ).toBe(false);
  });

  it('refuses a role without execute-api:Invoke with 403 and the denial, account id masked', async () => {
    const world = await identityWorld();
    const role = world.roles.byName('TwoPools_Authenticated');
    if (!role) throw new Error('no authenticated role');
    world.roles.put({
      ...role,
      permissionPolicies: role.permissionPolicies.filter((policy) => policy.name !== 'InvokeOwnApi')
    });
    const { credentials } = await signedInCredentials(world);
    const response = await signedGet(world, '/iam/orders/42', credentials);
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toBe('AccessDeniedException');
    expect(await response.json()).toEqual({
      Message: `User: arn:aws:sts::123456789012:assumed-role/TwoPools_Authenticated/CognitoIdentityCredentials is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:********9012:${apiId(world)}/prod/GET/iam/orders/42`
    });
    const call = world.trace.entries.find((entry) => entry.to === 'api-gateway');
    expect(call?.checks.find((check) => check.id === 'api-gateway.invoke-permission')?.ok).toBe(false);
    expect(call?.decisions?.[0]?.decision).toBe('ImplicitDeny');
    expect(world.trace.entries.some((entry) => entry.to === 'lambda')).toBe(false);
  });

  it('refuses guest credentials: the guest role has no execute-api:Invoke, nor does Cognito’s scope-down', async () => {
    const world = await identityWorld();
    const identityId = await getId(world);
    const { Credentials } = await credentialsFor(world, identityId);
    const response = await signedGet(world, '/iam/orders/42', Credentials);
    expect(response.status).toBe(403);
    expect(((await response.json()) as { Message: string }).Message).toMatch(
      /^User: arn:aws:sts::123456789012:assumed-role\/TwoPools_Guest\/CognitoIdentityCredentials is not authorized to perform: execute-api:Invoke on resource: /
    );
  });

  it('lets Bob through IAM, and the function still refuses him Alice’s order (by the sub in cognitoAuthenticationProvider)', async () => {
    const world = await identityWorld();
    const { credentials } = await signedInCredentials(world, 1);
    const response = await signedGet(world, '/iam/orders/42', credentials);
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ message: 'This order belongs to another customer' });
    const invoke = world.trace.entries.find((entry) => entry.to === 'lambda');
    expect(invoke?.checks.find((check) => check.id === 'get-order.caller-known')?.detail).toContain(
      `sub ${world.config.demoUsers[1]?.sub} from cognitoAuthenticationProvider`
    );
  });
});

describe('which token a Cognito authorizer takes depends on the method’s OAuth scopes', () => {
  it('GET /orders/42 (no scopes): the ID token is accepted, the access token refused with 401', async () => {
    const world = await identityWorld();
    const { IdToken, AccessToken } = await signIn(world);
    expect((await get(world, '/orders/42', IdToken)).status).toBe(200);
    const refused = await get(world, '/orders/42', AccessToken);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ message: 'Unauthorized' });
  });

  it('GET /me (scope aws.cognito.signin.user.admin): the access token is accepted, the ID token refused with 401', async () => {
    const world = await identityWorld();
    const { IdToken, AccessToken } = await signIn(world);
    const accepted = await get(world, '/me', `Bearer ${AccessToken}`);
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toMatchObject({
      sub: world.config.demoUsers[0]?.sub,
      username: 'alice',
      scope: 'aws.cognito.signin.user.admin',
      token_use: 'access'
    });
    const refused = await get(world, '/me', IdToken);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ message: 'Unauthorized' });
    const entry = world.trace.entries.at(-1);
    expect(entry?.checks.find((check) => check.id === 'jwt.token-use')).toMatchObject({
      ok: false,
      detail: 'token_use is "id", not "access"'
    });
  });

  it('GET /me configured with another scope refuses the access token with 401, on its scope', async () => {
    const methods = DEFAULT_API_METHODS.map((method) =>
      method.resource === '/me' ? { ...method, authorizationScopes: ['orders/read'] } : method
    );
    const world = await identityWorld({ apiMethods: methods });
    const { AccessToken } = await signIn(world);
    const refused = await get(world, '/me', AccessToken);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ message: 'Unauthorized' });
    const entry = world.trace.entries.find((e) => e.to === 'api-gateway');
    expect(entry?.checks.find((check) => check.id === 'jwt.token-use')?.ok).toBe(true);
    expect(entry?.checks.find((check) => check.id === 'api-gateway.scope')).toMatchObject({
      ok: false,
      detail: 'scope "aws.cognito.signin.user.admin" names none of orders/read'
    });
  });
});
