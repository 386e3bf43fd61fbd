// DynamoDB honours only what STS issued: SigV4 against the credential store, then the role's IAM policies.

import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import type { World } from '../../../../src/lib/sim';
import { signRequest } from '../../../../src/lib/sim/crypto/sigv4';
import { createSignedRequestAuthorizer, tableAccesses } from '../../../../src/lib/sim/services/dynamodb';
import { recordingContext } from '../../../support/exchange-context';
import { worldRequestHandler } from '../../../support/sdk';
import {
  callDynamo,
  credentialsFor,
  dynamoRequest,
  getId,
  identityWorld,
  signedInCredentials,
  signIn,
  type Credentials
} from '../identity-pool/wire';

const ORDERS = 'arn:aws:dynamodb:us-east-1:123456789012:table/Orders';
const NOTES = 'arn:aws:dynamodb:us-east-1:123456789012:table/UserNotes';

function note(identityId: string, noteId = 'n1') {
  return {
    TableName: 'UserNotes',
    Item: { identityId: { S: identityId }, noteId: { S: noteId }, text: { S: 'hello' } }
  };
}

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

describe('identity-pool credentials at DynamoDB', () => {
  it('lets the SDK read order 42 with credentials from GetCredentialsForIdentity (signed by the SDK)', async () => {
    // The SDK signs with the wall clock, so this world starts at the real time (DynamoDB allows 15 minutes of skew).
    const world = await identityWorld({ now: Date.now() });
    const { credentials } = await signedInCredentials(world);
    const { Item } = await sdkClient(world, credentials).send(
      new GetItemCommand({ TableName: 'Orders', Key: { orderId: { S: '42' } } })
    );
    expect(Item?.orderId).toEqual({ S: '42' });
    const entry = world.trace.entries.at(-1);
    expect(entry).toMatchObject({ from: 'app', to: 'dynamodb', operation: 'GetItem', outcome: 'ok' });
    expect(entry?.request.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=ASIA/);
    expect(entry?.decisions).toEqual([
      expect.objectContaining({
        label: 'permissions of TwoPools_Authenticated for dynamodb:GetItem on table/Orders',
        decision: 'Allow',
        deciding: [expect.objectContaining({ policy: 'ReadOrders', sid: 'ReadOrders' })]
      })
    ]);
  });

  it('accepts a request signed by @smithy/signature-v4', async () => {
    const world = await identityWorld();
    const { credentials } = await signedInCredentials(world);
    const body = JSON.stringify({ TableName: 'Orders', Key: { orderId: { S: '42' } } });
    const signer = new SignatureV4({
      service: 'dynamodb',
      region: 'us-east-1',
      sha256: Sha256,
      credentials: {
        accessKeyId: credentials.AccessKeyId,
        secretAccessKey: credentials.SecretKey,
        sessionToken: credentials.SessionToken
      }
    });
    const signed = await signer.sign(
      {
        method: 'POST',
        protocol: 'https:',
        hostname: 'dynamodb.us-east-1.amazonaws.com',
        path: '/',
        query: {},
        headers: {
          host: 'dynamodb.us-east-1.amazonaws.com',
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': 'DynamoDB_20120810.GetItem'
        },
        body
      },
      { signingDate: new Date(world.clock.now()) }
    );
    const response = await world.fetch(
      new Request('https://dynamodb.us-east-1.amazonaws.com/', {
        method: 'POST',
        headers: signed.headers,
        body
      })
    );
    expect(response.status).toBe(200);
  });

  it('refuses the guest role with AccessDeniedException and AWS’s exact words', async () => {
    const world = await identityWorld();
    const guest = await getId(world);
    const { Credentials } = await credentialsFor(world, guest);
    const answer = await callDynamo(world, Credentials, 'GetItem', {
      TableName: 'Orders',
      Key: { orderId: { S: '42' } }
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      __type: 'com.amazon.coral.service#AccessDeniedException',
      Message: `User: arn:aws:sts::123456789012:assumed-role/TwoPools_Guest/CognitoIdentityCredentials is not authorized to perform: dynamodb:GetItem on resource: ${ORDERS} because no identity-based policy allows the dynamodb:GetItem action`
    });
    expect(world.trace.entries.at(-1)?.decisions?.[0]).toMatchObject({
      decision: 'ImplicitDeny',
      deciding: []
    });
  });

  it('judges a guest’s request by the role and by Cognito’s scope-down session policy, and records both', async () => {
    const world = await identityWorld();
    const guest = await getId(world);
    const { Credentials } = await credentialsFor(world, guest);
    await callDynamo(world, Credentials, 'GetItem', { TableName: 'Orders', Key: { orderId: { S: '42' } } });
    const entry = world.trace.entries.at(-1);
    expect(entry?.decisions?.map((decision) => [decision.kind, decision.decision])).toEqual([
      ['identity', 'ImplicitDeny'],
      ['session', 'ImplicitDeny']
    ]);
    expect(entry?.decisions?.[1]?.label).toBe(
      'session policy of TwoPools_Guest/CognitoIdentityCredentials for dynamodb:GetItem on table/Orders'
    );
    expect(entry?.checks.find((check) => check.id === 'iam.session-policy')).toMatchObject({ ok: false });
  });

  it('still refuses a guest whose role allows GetItem: no session policy allows it', async () => {
    const world = await identityWorld();
    const role = world.roles.get(world.config.identityPool.unauthenticatedRoleArn);
    if (!role) throw new Error('no guest role');
    world.roles.put({
      ...role,
      permissionPolicies: [
        ...role.permissionPolicies,
        {
          name: 'GuestReadsOrders',
          document: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: ORDERS }]
          }
        }
      ]
    });
    const guest = await getId(world);
    const { Credentials } = await credentialsFor(world, guest);
    const answer = await callDynamo(world, Credentials, 'GetItem', {
      TableName: 'Orders',
      Key: { orderId: { S: '42' } }
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      __type: 'com.amazon.coral.service#AccessDeniedException',
      Message: `User: arn:aws:sts::123456789012:assumed-role/TwoPools_Guest/CognitoIdentityCredentials is not authorized to perform: dynamodb:GetItem on resource: ${ORDERS} because no session policy allows the dynamodb:GetItem action`
    });
    const entry = world.trace.entries.at(-1);
    expect(entry?.decisions?.map((decision) => [decision.kind, decision.allowed])).toEqual([
      ['identity', true],
      ['session', false]
    ]);
    expect(entry?.decisions?.[1]?.explanation).toMatch(/A session policy only narrows the role/);
    expect(entry?.checks.find((check) => check.id === 'iam.permission')).toMatchObject({ ok: true });
    expect(entry?.checks.find((check) => check.id === 'iam.session-policy')).toMatchObject({ ok: false });
  });

  it('holds a signed-in identity to its role alone: no session policy, no session decision', async () => {
    const world = await identityWorld();
    const { credentials } = await signedInCredentials(world);
    const answer = await callDynamo(world, credentials, 'GetItem', {
      TableName: 'Orders',
      Key: { orderId: { S: '42' } }
    });
    expect(answer.status).toBe(200);
    const entry = world.trace.entries.at(-1);
    expect(entry?.decisions?.map((decision) => decision.kind)).toEqual(['identity']);
    expect(entry?.checks.some((check) => check.id === 'iam.session-policy')).toBe(false);
    const session = world.credentials.lookup(credentials.AccessKeyId);
    expect(session?.sessionPolicy).toBeUndefined();
  });

  it('says "with an explicit deny" when a Deny statement decides', async () => {
    const world = await identityWorld();
    const role = world.roles.get(world.config.identityPool.authenticatedRoleArn);
    if (!role) throw new Error('no authenticated role');
    world.roles.put({
      ...role,
      permissionPolicies: [
        ...role.permissionPolicies,
        {
          name: 'NoOrders',
          document: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Deny', Action: 'dynamodb:*', Resource: ORDERS }]
          }
        }
      ]
    });
    const { credentials } = await signedInCredentials(world);
    const answer = await callDynamo(world, credentials, 'GetItem', {
      TableName: 'Orders',
      Key: { orderId: { S: '42' } }
    });
    expect(answer.body.Message).toBe(
      `User: arn:aws:sts::123456789012:assumed-role/TwoPools_Authenticated/CognitoIdentityCredentials is not authorized to perform: dynamodb:GetItem on resource: ${ORDERS} with an explicit deny in an identity-based policy`
    );
  });
});

describe('dynamodb:LeadingKeys = ${cognito-identity.amazonaws.com:sub}', () => {
  it('allows writing, reading and querying items under the caller’s own identity id', async () => {
    const world = await identityWorld();
    const { identityId, credentials } = await signedInCredentials(world);
    expect((await callDynamo(world, credentials, 'PutItem', note(identityId))).status).toBe(200);
    const got = await callDynamo(world, credentials, 'GetItem', {
      TableName: 'UserNotes',
      Key: { identityId: { S: identityId }, noteId: { S: 'n1' } }
    });
    expect(got.body.Item).toMatchObject({ text: { S: 'hello' } });
    const queried = await callDynamo(world, credentials, 'Query', {
      TableName: 'UserNotes',
      KeyConditionExpression: '#id = :me',
      ExpressionAttributeNames: { '#id': 'identityId' },
      ExpressionAttributeValues: { ':me': { S: identityId } }
    });
    expect(queried.body.Count).toBe(1);
    const decision = world.trace.entries.at(-1)?.decisions?.[0];
    expect(decision).toMatchObject({
      decision: 'Allow',
      deciding: [expect.objectContaining({ sid: 'OwnNotesOnly' })],
      resolvedVariables: { 'cognito-identity.amazonaws.com:sub': identityId }
    });
  });

  it('denies another identity’s partition', async () => {
    const world = await identityWorld();
    const alice = await signedInCredentials(world, 0);
    const bob = await signedInCredentials(world, 1);
    const put = await callDynamo(world, alice.credentials, 'PutItem', note(bob.identityId));
    expect(put.body).toEqual({
      __type: 'com.amazon.coral.service#AccessDeniedException',
      Message: `User: arn:aws:sts::123456789012:assumed-role/TwoPools_Authenticated/CognitoIdentityCredentials is not authorized to perform: dynamodb:PutItem on resource: ${NOTES} because no identity-based policy allows the dynamodb:PutItem action`
    });
    const query = await callDynamo(world, alice.credentials, 'Query', {
      TableName: 'UserNotes',
      KeyConditionExpression: 'identityId = :them',
      ExpressionAttributeValues: { ':them': { S: bob.identityId } }
    });
    expect(query.body.__type).toBe('com.amazon.coral.service#AccessDeniedException');
  });

  it('denies an item keyed by the user pool sub: the variable is the identity id', async () => {
    const world = await identityWorld();
    const { credentials } = await signedInCredentials(world);
    const userPoolSub = String(decodeJwt((await signIn(world)).IdToken).sub);
    const answer = await callDynamo(world, credentials, 'PutItem', note(userPoolSub));
    expect(answer.body.__type).toBe('com.amazon.coral.service#AccessDeniedException');
    expect(world.trace.entries.at(-1)?.reason).toMatch(/condition/);
  });

  it('denies a batch that mixes the caller’s partition with another identity’s', async () => {
    const world = await identityWorld();
    const alice = await signedInCredentials(world, 0);
    const bob = await signedInCredentials(world, 1);
    // The minimal DynamoDB has no BatchGetItem yet, so the authorizer is asked directly, as DynamoDB would ask it.
    const authorize = createSignedRequestAuthorizer(
      { config: world.config, roles: world.roles, credentials: world.credentials },
      { service: 'dynamodb', partitionKeyOf: (table) => (table === 'UserNotes' ? 'identityId' : 'orderId') }
    );
    const batch = (ids: string[]) => ({
      RequestItems: { UserNotes: { Keys: ids.map((id) => ({ identityId: { S: id }, noteId: { S: 'n1' } })) } }
    });
    const decide = async (ids: string[]) => {
      const input = batch(ids);
      const { request } = await signRequest(
        dynamoRequest('BatchGetItem', input),
        {
          accessKeyId: alice.credentials.AccessKeyId,
          secretAccessKey: alice.credentials.SecretKey,
          sessionToken: alice.credentials.SessionToken
        },
        { region: 'us-east-1', service: 'dynamodb', now: world.clock.now() }
      );
      const ctx = recordingContext({ self: 'dynamodb', clock: world.clock });
      return authorize(request, 'BatchGetItem', input, ctx);
    };
    // The authenticated role does not allow BatchGetItem at all; grant it on the notes table under the same condition.
    const role = world.roles.get(world.config.identityPool.authenticatedRoleArn);
    if (!role) throw new Error('no authenticated role');
    world.roles.put({
      ...role,
      permissionPolicies: [
        {
          name: 'OwnNotesBatch',
          document: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Action: 'dynamodb:BatchGetItem',
                Resource: NOTES,
                Condition: {
                  'ForAllValues:StringEquals': {
                    'dynamodb:LeadingKeys': ['${cognito-identity.amazonaws.com:sub}']
                  }
                }
              }
            ]
          }
        }
      ]
    });
    expect(await decide([alice.identityId, alice.identityId])).toMatchObject({ kind: 'authorized' });
    expect(await decide([alice.identityId, bob.identityId])).toMatchObject({
      kind: 'service-error',
      code: 'AccessDeniedException'
    });
  });

  it('reads the partition keys a request touches', () => {
    const key = (table: string) => (table === 'UserNotes' ? 'identityId' : undefined);
    expect(
      tableAccesses(
        'GetItem',
        { TableName: 'UserNotes', Key: { identityId: { S: 'a' }, noteId: { S: 'x' } } },
        key
      )
    ).toEqual([{ table: 'UserNotes', leadingKeys: ['a'] }]);
    expect(
      tableAccesses(
        'Query',
        {
          TableName: 'UserNotes',
          KeyConditions: { identityId: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'b' }] } }
        },
        key
      )
    ).toEqual([{ table: 'UserNotes', leadingKeys: ['b'] }]);
    expect(tableAccesses('Scan', { TableName: 'UserNotes' }, key)).toEqual([{ table: 'UserNotes' }]);
    expect(
      tableAccesses(
        'BatchWriteItem',
        {
          RequestItems: {
            UserNotes: [
              { PutRequest: { Item: { identityId: { S: 'c' } } } },
              { DeleteRequest: { Key: { identityId: { S: 'd' } } } }
            ]
          }
        },
        key
      )
    ).toEqual([{ table: 'UserNotes', leadingKeys: ['c', 'd'] }]);
  });
});

describe('SigV4 at DynamoDB', () => {
  const getOrder = { TableName: 'Orders', Key: { orderId: { S: '42' } } };

  it('refuses a request without Authorization, or with a JWT in it', async () => {
    const world = await identityWorld();
    const bare = await world.fetch(dynamoRequest('GetItem', getOrder));
    expect(await bare.json()).toEqual({
      __type: 'com.amazon.coral.service#MissingAuthenticationTokenException',
      message: 'Request is missing Authentication Token'
    });
    const { IdToken } = await signIn(world);
    const jwt = await world.fetch(dynamoRequest('GetItem', getOrder, { authorization: `Bearer ${IdToken}` }));
    expect(((await jwt.json()) as { __type: string }).__type).toBe(
      'com.amazon.coral.service#MissingAuthenticationTokenException'
    );
  });

  it('refuses an unknown access key and an altered session token', async () => {
    const world = await identityWorld();
    const { credentials } = await signedInCredentials(world);
    const unknown = await callDynamo(
      world,
      { ...credentials, AccessKeyId: 'ASIAAAAAAAAAAAAAAAAA' },
      'GetItem',
      getOrder
    );
    expect(unknown.body).toEqual({
      __type: 'com.amazon.coral.service#UnrecognizedClientException',
      message: 'The security token included in the request is invalid.'
    });
    const altered = await callDynamo(
      world,
      { ...credentials, SessionToken: `${credentials.SessionToken}x` },
      'GetItem',
      getOrder
    );
    expect(altered.body.__type).toBe('com.amazon.coral.service#UnrecognizedClientException');
  });

  it('refuses credentials an hour later with ExpiredTokenException', async () => {
    const world = await identityWorld();
    const { credentials } = await signedInCredentials(world);
    world.clock.advance(3600_000);
    const answer = await callDynamo(world, credentials, 'GetItem', getOrder);
    expect(answer.body).toEqual({
      __type: 'com.amazon.coral.service#ExpiredTokenException',
      message: 'The security token included in the request is expired'
    });
    expect(world.credentials.lookup(credentials.AccessKeyId)?.lifecycle.getSnapshot().value).toBe('expired');
  });

  it('refuses a body changed after signing, and a wrong secret', async () => {
    const world = await identityWorld();
    const { credentials } = await signedInCredentials(world);
    const { request } = await signRequest(
      dynamoRequest('GetItem', getOrder),
      {
        accessKeyId: credentials.AccessKeyId,
        secretAccessKey: credentials.SecretKey,
        sessionToken: credentials.SessionToken
      },
      { region: 'us-east-1', service: 'dynamodb', now: world.clock.now() }
    );
    const tampered = new Request(request.url, {
      method: 'POST',
      headers: request.headers,
      body: JSON.stringify({ TableName: 'Orders', Key: { orderId: { S: '7' } } })
    });
    expect(((await (await world.fetch(tampered)).json()) as { __type: string }).__type).toBe(
      'com.amazon.coral.service#InvalidSignatureException'
    );
    const wrongSecret = await callDynamo(
      world,
      { ...credentials, SecretKey: 'x'.repeat(40) },
      'GetItem',
      getOrder
    );
    expect(wrongSecret.body.__type).toBe('com.amazon.coral.service#InvalidSignatureException');
  });
});

describe('the Orders function at DynamoDB', () => {
  it('signs its GetItem with its execution role, which IAM allows', async () => {
    const world = await identityWorld();
    const { IdToken } = await signIn(world);
    const response = await world.fetch(
      new Request(`${world.config.api.baseUrl}/orders/42`, { headers: { authorization: IdToken } })
    );
    expect(response.status).toBe(200);
    const hop = world.trace.entries.find((entry) => entry.from === 'lambda' && entry.to === 'dynamodb');
    expect(hop?.request.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=ASIA[A-Z0-9]{16}\/\d{8}\/us-east-1\/dynamodb\/aws4_request/
    );
    expect(hop?.request.headers['x-amz-security-token']).toBeTruthy();
    expect(hop?.decisions?.[0]).toMatchObject({
      label: 'permissions of TwoPools_OrdersFunction for dynamodb:GetItem on table/Orders',
      decision: 'Allow'
    });
    expect(hop?.checks[0]?.detail).toContain('assumed-role/TwoPools_OrdersFunction/GetOrder');
  });
});
