// Figure 4, end to end with the official SDK clients: sign in, GetId, GetCredentialsForIdentity, signed GetItem, order 42.

import {
  CognitoIdentityClient,
  GetCredentialsForIdentityCommand,
  GetIdCommand
} from '@aws-sdk/client-cognito-identity';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { worldRequestHandler } from '../../support/sdk';
import { identityWorld, signIn, userPoolProvider } from '../services/identity-pool/wire';
import { hopsSince, jwksPath } from './hops';

describe('figure 4: trade the token for AWS credentials, then read order 42', () => {
  it('runs the whole enhanced flow and the trace shows every hop', async () => {
    // The SDK signs with the wall clock, so the world starts at the real time.
    const world = await identityWorld({ now: Date.now() });
    const handler = worldRequestHandler(world);
    const { IdToken } = await signIn(world);
    const logins = { [userPoolProvider(world)]: IdToken };

    const identity = new CognitoIdentityClient({
      region: 'us-east-1',
      requestHandler: handler,
      maxAttempts: 1
    });
    const { IdentityId } = await identity.send(
      new GetIdCommand({ IdentityPoolId: world.config.identityPool.id, Logins: logins })
    );
    const { Credentials } = await identity.send(
      new GetCredentialsForIdentityCommand({ IdentityId, Logins: logins })
    );
    if (!Credentials?.AccessKeyId || !Credentials.SecretKey) throw new Error('no credentials');

    const dynamodb = new DynamoDBClient({
      region: 'us-east-1',
      requestHandler: handler,
      maxAttempts: 1,
      credentials: {
        accessKeyId: Credentials.AccessKeyId,
        secretAccessKey: Credentials.SecretKey,
        sessionToken: Credentials.SessionToken
      }
    });
    const { Item } = await dynamodb.send(
      new GetItemCommand({ TableName: 'Orders', Key: { orderId: { S: '42' } } })
    );
    expect(Item).toMatchObject({
      orderId: { S: '42' },
      customer: { S: world.config.demoUsers[0]?.username }
    });

    expect(hopsSince(world)).toEqual([
      'app→user-pool InitiateAuth 200',
      'app→identity-pool GetId 200',
      `  identity-pool→user-pool ${jwksPath(world)} 200`,
      'app→identity-pool GetCredentialsForIdentity 200',
      '  identity-pool→sts AssumeRoleWithWebIdentity 200',
      'app→dynamodb GetItem 200'
    ]);

    const [, getId, , getCredentials, assumeRole, getItem] = world.trace.entries;
    expect(assumeRole?.parentId).toBe(getCredentials?.id);
    // What each hop carried: the ID token in, credentials out, a signature with those credentials at DynamoDB.
    expect(getId?.request.body).toContain(IdToken);
    expect(getCredentials?.response.body).toContain(Credentials.AccessKeyId);
    expect(assumeRole?.decisions?.[0]).toMatchObject({
      label: 'trust policy of TwoPools_Authenticated',
      decision: 'Allow'
    });
    expect(getItem?.request.headers.authorization).toContain(`Credential=${Credentials.AccessKeyId}/`);
    expect(getItem?.request.headers['x-amz-security-token']).toBe(Credentials.SessionToken);
    expect(getItem?.decisions?.[0]).toMatchObject({
      decision: 'Allow',
      deciding: [expect.objectContaining({ sid: 'ReadOrders' })]
    });
    expect(world.identityPool.identity(IdentityId ?? '')?.getSnapshot().value).toBe('authenticated');
  });
});
