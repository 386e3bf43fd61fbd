// Guest access, end to end: an anonymous identity gets guest-role credentials, and DynamoDB denies it the order.

import { describe, expect, it } from 'vitest';
import { callDynamo, credentialsFor, getId, identityWorld } from '../services/identity-pool/wire';
import { hopsSince } from './hops';

describe('guest access', () => {
  it('gives guest credentials that DynamoDB refuses with AccessDeniedException', async () => {
    const world = await identityWorld();
    const guest = await getId(world);
    const { Credentials } = await credentialsFor(world, guest);
    const answer = await callDynamo(world, Credentials, 'GetItem', {
      TableName: 'Orders',
      Key: { orderId: { S: '42' } }
    });
    expect(answer.body).toEqual({
      __type: 'com.amazon.coral.service#AccessDeniedException',
      Message:
        'User: arn:aws:sts::123456789012:assumed-role/TwoPools_Guest/CognitoIdentityCredentials is not authorized to perform: dynamodb:GetItem on resource: arn:aws:dynamodb:us-east-1:123456789012:table/Orders because no identity-based policy allows the dynamodb:GetItem action'
    });
    expect(hopsSince(world)).toEqual([
      'app→identity-pool GetId 200',
      'app→identity-pool GetCredentialsForIdentity 200',
      '  identity-pool→sts AssumeRoleWithWebIdentity 200',
      'app→dynamodb GetItem 400'
    ]);
    const [, , assumeRole, getItem] = world.trace.entries;
    expect(assumeRole?.decisions?.[0]).toMatchObject({
      label: 'trust policy of TwoPools_Guest',
      decision: 'Allow'
    });
    expect(getItem?.decisions?.[0]).toMatchObject({ decision: 'ImplicitDeny', allowed: false });
    expect(world.identityPool.identity(guest)?.getSnapshot().value).toBe('guest');
  });

  it('cannot start at all when guest access is off', async () => {
    const world = await identityWorld();
    world.identityPool.setAllowUnauthenticated(false);
    const refused = await world.fetch(
      new Request('https://cognito-identity.us-east-1.amazonaws.com/', {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': 'AWSCognitoIdentityService.GetId'
        },
        body: JSON.stringify({ IdentityPoolId: world.config.identityPool.id })
      })
    );
    expect(await refused.json()).toEqual({
      __type: 'NotAuthorizedException',
      message: 'Unauthenticated access is not supported for this identity pool.'
    });
    expect(hopsSince(world)).toEqual(['app→identity-pool GetId 400']);
  });
});
