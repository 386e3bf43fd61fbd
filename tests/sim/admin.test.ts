// Console changes as data: each applied through the world's admin hands, refused as the console would, never thrown.

import { describe, expect, it } from 'vitest';
import { applyAdminChange, identityPoolTrustPolicy } from '../../src/lib/sim';
import {
  callIdentity,
  getId,
  identityWorld,
  userPoolLogins,
  userPoolMappingKey
} from './services/identity-pool/wire';

describe('applyAdminChange', () => {
  it('switches guest access, and GetId without Logins is refused once it is off', async () => {
    const world = await identityWorld();
    expect(applyAdminChange(world, { set: 'guest-access', allow: false })).toEqual({
      ok: true,
      summary: 'Guest access is off.'
    });
    expect(world.identityPool.describe().allowUnauthenticated).toBe(false);
    const refused = await callIdentity(world, 'GetId', { IdentityPoolId: world.config.identityPool.id });
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({
      __type: 'NotAuthorizedException',
      message: 'Unauthenticated access is not supported for this identity pool.'
    });
    expect(world.trace.entries.at(-1)?.checks).toContainEqual(
      expect.objectContaining({ id: 'identity-pool.guest-enabled', ok: false })
    );
    applyAdminChange(world, { set: 'guest-access', allow: true });
    expect(
      (await callIdentity(world, 'GetId', { IdentityPoolId: world.config.identityPool.id })).status
    ).toBe(200);
  });

  it('creates a group with a role and moves a user in and out; a second group of the name is refused', async () => {
    const world = await identityWorld();
    const roleArn = 'arn:aws:iam::123456789012:role/TwoPools_Managers';
    expect(
      applyAdminChange(world, { set: 'create-group', group: { name: 'managers', roleArn, precedence: 1 } })
    ).toMatchObject({ ok: true });
    expect(applyAdminChange(world, { set: 'create-group', group: { name: 'managers' } })).toEqual({
      ok: false,
      error: { code: 'GroupExistsException', message: 'A group with the name managers already exists.' }
    });
    const join = { set: 'group-membership', username: 'bob', group: 'managers', member: true } as const;
    expect(applyAdminChange(world, join)).toMatchObject({ ok: true });
    expect(world.userPool.account('bob')?.context.groups).toEqual(['managers']);
    expect(applyAdminChange(world, { ...join, member: false })).toMatchObject({ ok: true });
    expect(world.userPool.account('bob')?.context.groups).toEqual([]);
    expect(applyAdminChange(world, { ...join, group: 'nobody' })).toEqual({
      ok: false,
      error: { code: 'ResourceNotFoundException', message: 'Group not found.' }
    });
    expect(applyAdminChange(world, { ...join, username: 'mallory' })).toEqual({
      ok: false,
      error: { code: 'UserNotFoundException', message: 'User does not exist.' }
    });
  });

  it('sets and removes a role mapping; a key that is not a provider is refused', async () => {
    const world = await identityWorld();
    const key = userPoolMappingKey(world);
    const mapping = { Type: 'Token', AmbiguousRoleResolution: 'Deny' } as const;
    expect(applyAdminChange(world, { set: 'role-mapping', key, mapping })).toMatchObject({ ok: true });
    expect(world.identityPool.describe().roleMappings).toEqual({ [key]: mapping });
    expect(applyAdminChange(world, { set: 'role-mapping', key, mapping: null })).toMatchObject({ ok: true });
    expect(world.identityPool.describe().roleMappings).toEqual({});
    const refused = applyAdminChange(world, { set: 'role-mapping', key: 'graph.facebook.com', mapping });
    expect(refused).toMatchObject({ ok: false, error: { code: 'InvalidParameterException' } });
  });

  it('a trust policy naming another pool breaks GetCredentialsForIdentity; STS’s decision shows the failed aud', async () => {
    const world = await identityWorld();
    const poolId = world.config.identityPool.id;
    const wrong = `${poolId.slice(0, -1)}${poolId.endsWith('0') ? '1' : '0'}`;
    const broken = applyAdminChange(world, {
      set: 'trust-policy',
      roleName: 'TwoPools_Authenticated',
      document: JSON.stringify(identityPoolTrustPolicy(wrong, 'authenticated'))
    });
    expect(broken).toEqual({ ok: true, summary: 'Trust policy of TwoPools_Authenticated updated.' });
    const logins = await userPoolLogins(world);
    const identityId = await getId(world, logins);
    const refused = await callIdentity(world, 'GetCredentialsForIdentity', {
      IdentityId: identityId,
      Logins: logins
    });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('x-amzn-errortype')).toBe('InvalidIdentityPoolConfigurationException:');
    expect(refused.body).toEqual({
      __type: 'InvalidIdentityPoolConfigurationException',
      message: 'Invalid identity pool configuration. Check assigned IAM roles for this pool.'
    });
    const sts = world.trace.entries.at(-1);
    expect(sts?.operation).toBe('AssumeRoleWithWebIdentity');
    const decision = sts?.decisions?.find((d) => d.kind === 'trust');
    expect(decision).toMatchObject({
      allowed: false,
      decision: 'ImplicitDeny',
      resource: world.config.identityPool.authenticatedRoleArn
    });
    const conditions = decision?.statements[0]?.conditions ?? [];
    expect(conditions).toContainEqual(
      expect.objectContaining({
        operator: 'StringEquals',
        key: 'cognito-identity.amazonaws.com:aud',
        values: [wrong],
        contextValues: [poolId],
        result: false
      })
    );
    // The amr condition held: only the audience is wrong.
    expect(conditions.find((c) => c.key === 'cognito-identity.amazonaws.com:amr')?.result).toBe(true);

    applyAdminChange(world, {
      set: 'trust-policy',
      roleName: 'TwoPools_Authenticated',
      document: identityPoolTrustPolicy(poolId, 'authenticated')
    });
    const fixed = await callIdentity(world, 'GetCredentialsForIdentity', {
      IdentityId: identityId,
      Logins: logins
    });
    expect(fixed.status).toBe(200);
  });

  it('refuses a trust policy IAM would refuse, and leaves the old one in place', async () => {
    const world = await identityWorld();
    const before = structuredClone(world.roles.byName('TwoPools_Authenticated')?.trustPolicy);
    const edit = (document: string, roleName = 'TwoPools_Authenticated') =>
      applyAdminChange(world, { set: 'trust-policy', roleName, document });
    expect(edit('{"Version": "2012-10-17", "Statement": [')).toEqual({
      ok: false,
      error: {
        code: 'MalformedPolicyDocument',
        message: 'Syntax errors in policy.',
        // Where the text stopped being JSON, for the editor: here, at its end.
        syntax: { line: 1, column: 41, problem: 'unexpected end of text' }
      }
    });
    expect(edit('{"Version": "2012-10-17"}')).toEqual({
      ok: false,
      error: { code: 'MalformedPolicyDocument', message: 'Missing required field Statement' }
    });
    // A trust policy must say who may assume the role.
    const noPrincipal = edit(
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRoleWithWebIdentity' }]
      })
    );
    expect(noPrincipal).toMatchObject({ ok: false, error: { code: 'MalformedPolicyDocument' } });
    expect(edit('{}', 'TwoPools_Nobody')).toEqual({
      ok: false,
      error: { code: 'NoSuchEntity', message: 'The role with name TwoPools_Nobody cannot be found.' }
    });
    expect(world.roles.byName('TwoPools_Authenticated')?.trustPolicy).toEqual(before);
  });
});
