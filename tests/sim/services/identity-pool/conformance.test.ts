// Conformance: the official AWS SDK v3 Cognito Identity client (and the SDK's own STS client) work against world.fetch unmodified.

import {
  CognitoIdentityClient,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  GetOpenIdTokenCommand,
  InvalidParameterException,
  NotAuthorizedException,
  ResourceNotFoundException
} from '@aws-sdk/client-cognito-identity';
// The SDK's STS client ships inside the SDK (it is what credential providers use); no separate package needed.
import { AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/nested-clients/sts';
import { describe, expect, it } from 'vitest';
import type { World } from '../../../../src/lib/sim';
import { worldRequestHandler } from '../../../support/sdk';
import { identityWorld, userPoolLogins, IDENTITY_TEST_NOW } from './wire';

function identityClient(world: World): CognitoIdentityClient {
  // No credentials: GetId, GetCredentialsForIdentity and GetOpenIdToken are unsigned operations.
  return new CognitoIdentityClient({
    region: 'us-east-1',
    requestHandler: worldRequestHandler(world),
    maxAttempts: 1
  });
}

describe('@aws-sdk/client-cognito-identity against the simulated identity pool', () => {
  it('GetId then GetCredentialsForIdentity yields credentials the SDK parses (Expiration as a Date)', async () => {
    const world = await identityWorld();
    const client = identityClient(world);
    const logins = await userPoolLogins(world);
    const { IdentityId } = await client.send(
      new GetIdCommand({ IdentityPoolId: world.config.identityPool.id, Logins: logins })
    );
    expect(IdentityId).toMatch(/^us-east-1:/);
    const { Credentials, IdentityId: same } = await client.send(
      new GetCredentialsForIdentityCommand({ IdentityId, Logins: logins })
    );
    expect(same).toBe(IdentityId);
    expect(Credentials?.AccessKeyId).toMatch(/^ASIA/);
    expect(Credentials?.SecretKey).toHaveLength(40);
    expect(Credentials?.Expiration).toEqual(new Date(IDENTITY_TEST_NOW + 3600_000));
    // The SDK sent no signature: these operations need none.
    const getId = world.trace.entries.find((entry) => entry.operation === 'GetId');
    expect(getId?.request.headers.authorization).toBeUndefined();
  });

  it('GetOpenIdToken returns the token once the basic flow is on, and is InvalidParameterException before', async () => {
    const world = await identityWorld();
    const client = identityClient(world);
    const { IdentityId } = await client.send(
      new GetIdCommand({ IdentityPoolId: world.config.identityPool.id })
    );
    const off = client.send(new GetOpenIdTokenCommand({ IdentityId }));
    await expect(off).rejects.toBeInstanceOf(InvalidParameterException);
    await expect(off).rejects.toThrow('Basic (classic) flow is not enabled, please use enhanced flow.');
    world.identityPool.setAllowClassicFlow(true);
    const { Token } = await client.send(new GetOpenIdTokenCommand({ IdentityId }));
    expect(Token?.split('.')).toHaveLength(3);
  });

  it('surfaces refusals as the SDK’s modelled exceptions with AWS’s messages', async () => {
    const world = await identityWorld();
    world.identityPool.setAllowUnauthenticated(false);
    const client = identityClient(world);
    const guest = client.send(new GetIdCommand({ IdentityPoolId: world.config.identityPool.id }));
    await expect(guest).rejects.toBeInstanceOf(NotAuthorizedException);
    await expect(guest).rejects.toThrow('Unauthenticated access is not supported for this identity pool.');
    const unknown = client.send(
      new GetCredentialsForIdentityCommand({ IdentityId: 'us-east-1:00000000-0000-4000-8000-000000000000' })
    );
    await expect(unknown).rejects.toBeInstanceOf(ResourceNotFoundException);
  });
});

describe('the SDK’s STS client against the simulated STS', () => {
  it('parses the XML answer of AssumeRoleWithWebIdentity and its AccessDenied error', async () => {
    const world = await identityWorld();
    const identity = identityClient(world);
    const logins = await userPoolLogins(world);
    const { IdentityId } = await identity.send(
      new GetIdCommand({ IdentityPoolId: world.config.identityPool.id, Logins: logins })
    );
    world.identityPool.setAllowClassicFlow(true);
    const { Token } = await identity.send(new GetOpenIdTokenCommand({ IdentityId, Logins: logins }));
    const sts = new STSClient({
      region: 'us-east-1',
      requestHandler: worldRequestHandler(world),
      maxAttempts: 1
    });
    const answer = await sts.send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: world.config.identityPool.authenticatedRoleArn,
        RoleSessionName: 'sdk',
        WebIdentityToken: Token,
        DurationSeconds: 900
      })
    );
    expect(answer.Credentials?.AccessKeyId).toMatch(/^ASIA/);
    expect(answer.Credentials?.Expiration).toEqual(new Date(IDENTITY_TEST_NOW + 900_000));
    expect(answer.AssumedRoleUser?.Arn).toBe(
      'arn:aws:sts::123456789012:assumed-role/TwoPools_Authenticated/sdk'
    );
    expect(answer.SubjectFromWebIdentityToken).toBe(IdentityId);
    expect(answer.Provider).toBe('cognito-identity.amazonaws.com');
    expect(answer.Audience).toBe(world.config.identityPool.id);

    const denied = sts.send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: world.config.identityPool.unauthenticatedRoleArn,
        RoleSessionName: 'sdk',
        WebIdentityToken: Token
      })
    );
    await expect(denied).rejects.toMatchObject({
      name: 'AccessDenied',
      message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity',
      $metadata: { httpStatusCode: 403 }
    });
  });
});
