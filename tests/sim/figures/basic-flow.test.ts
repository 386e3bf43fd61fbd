// The basic (classic) flow, end to end: GetId → GetOpenIdToken → the app itself calls STS → signed GetItem.

import { describe, expect, it } from 'vitest';
import {
  callDynamo,
  callIdentity,
  callSts,
  getId,
  identityWorld,
  userPoolLogins,
  xmlField
} from '../services/identity-pool/wire';
import { hopsSince, jwksPath } from './hops';

describe('the basic flow', () => {
  it('lets the app take the OpenID token to STS, choose the role, and read order 42', async () => {
    const world = await identityWorld();
    // The basic flow is off for new pools (AllowClassicFlow); this story's pool has it on.
    world.identityPool.setAllowClassicFlow(true);
    const logins = await userPoolLogins(world);
    const identityId = await getId(world, logins);
    const token = String(
      (await callIdentity(world, 'GetOpenIdToken', { IdentityId: identityId, Logins: logins })).body.Token
    );
    const { status, xml } = await callSts(world, {
      Action: 'AssumeRoleWithWebIdentity',
      Version: '2011-06-15',
      RoleArn: world.config.identityPool.authenticatedRoleArn,
      RoleSessionName: 'basic-flow',
      WebIdentityToken: token,
      DurationSeconds: '900'
    });
    expect(status).toBe(200);
    const credentials = {
      AccessKeyId: xmlField(xml, 'AccessKeyId') ?? '',
      SecretKey: xmlField(xml, 'SecretAccessKey') ?? '',
      SessionToken: xmlField(xml, 'SessionToken') ?? '',
      Expiration: 0
    };
    const answer = await callDynamo(world, credentials, 'GetItem', {
      TableName: 'Orders',
      Key: { orderId: { S: '42' } }
    });
    expect(answer.status).toBe(200);
    expect(answer.body.Item).toMatchObject({ orderId: { S: '42' } });

    expect(hopsSince(world)).toEqual([
      'app→user-pool InitiateAuth 200',
      'app→identity-pool GetId 200',
      `  identity-pool→user-pool ${jwksPath(world)} 200`,
      'app→identity-pool GetOpenIdToken 200',
      'app→sts AssumeRoleWithWebIdentity 200',
      'app→dynamodb GetItem 200'
    ]);
    // In the basic flow the session is named by the app, and lasts as long as it asked (here 15 minutes).
    expect(world.credentials.lookup(credentials.AccessKeyId)?.assumedRoleArn).toBe(
      'arn:aws:sts::123456789012:assumed-role/TwoPools_Authenticated/basic-flow'
    );
  });

  it('lets the app ask for any role, and STS’s trust policy check is what stops it', async () => {
    const world = await identityWorld();
    // The basic flow is off for new pools (AllowClassicFlow); this story's pool has it on.
    world.identityPool.setAllowClassicFlow(true);
    const guest = await getId(world);
    const token = String((await callIdentity(world, 'GetOpenIdToken', { IdentityId: guest })).body.Token);
    const { status, xml } = await callSts(world, {
      Action: 'AssumeRoleWithWebIdentity',
      Version: '2011-06-15',
      RoleArn: world.config.identityPool.authenticatedRoleArn,
      RoleSessionName: 'sneaky-guest',
      WebIdentityToken: token
    });
    expect(status).toBe(403);
    expect(xmlField(xml, 'Code')).toBe('AccessDenied');
    expect(hopsSince(world)).toEqual([
      'app→identity-pool GetId 200',
      'app→identity-pool GetOpenIdToken 200',
      'app→sts AssumeRoleWithWebIdentity 403'
    ]);
  });
});
