// GetCredentialsForIdentity: the enhanced flow through STS, guests and linking, role mapping, and its refusals.

import { describe, expect, it } from 'vitest';
import { adminRoleArn, managersRoleArn } from '../../../../src/lib/sim/iam/roles';
import { GUEST_SESSION_POLICY } from '../../../../src/lib/sim/services/identity-pool/guest-session-policy';
import {
  callIdentity,
  credentialsFor,
  getId,
  identityWorld,
  userPoolLogins,
  userPoolMappingKey,
  userPoolProvider,
  IDENTITY_TEST_NOW
} from './wire';

describe('GetCredentialsForIdentity', () => {
  it('returns one-hour temporary credentials from STS, for the authenticated role', async () => {
    const world = await identityWorld();
    const logins = await userPoolLogins(world);
    const identityId = await getId(world, logins);
    const mark = world.trace.entries.length;
    const { IdentityId, Credentials } = await credentialsFor(world, identityId, logins);
    expect(IdentityId).toBe(identityId);
    expect(Credentials.AccessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
    expect(Credentials.SecretKey).toMatch(/^[A-Za-z0-9+/]{40}$/);
    expect(Credentials.SessionToken.length).toBeGreaterThan(400);
    expect(Credentials.Expiration).toBe(Math.floor(IDENTITY_TEST_NOW / 1000) + 3600);

    const hops = world.trace.entries
      .slice(mark)
      .map((entry) => `${entry.from}→${entry.to} ${entry.operation}`);
    expect(hops).toEqual([
      'app→identity-pool GetCredentialsForIdentity',
      'identity-pool→sts AssumeRoleWithWebIdentity'
    ]);
    const session = world.credentials.lookup(Credentials.AccessKeyId);
    expect(session).toMatchObject({
      roleArn: world.config.identityPool.authenticatedRoleArn,
      assumedRoleArn:
        'arn:aws:sts::123456789012:assumed-role/TwoPools_Authenticated/CognitoIdentityCredentials',
      secretAccessKey: Credentials.SecretKey,
      sessionToken: Credentials.SessionToken
    });
    expect(session?.variables['cognito-identity.amazonaws.com:sub']).toBe(identityId);
    expect(session?.variables['cognito-identity.amazonaws.com:aud']).toBe(world.config.identityPool.id);
    expect(session?.variables['cognito-identity.amazonaws.com:amr']).toEqual([
      'authenticated',
      userPoolProvider(world),
      expect.stringMatching(new RegExp(`^${userPoolProvider(world)}:CognitoSignIn:[0-9a-f-]{36}$`))
    ]);
  });

  it('shows STS’s trust decision on the hop’s trace entry', async () => {
    const world = await identityWorld();
    const logins = await userPoolLogins(world);
    await credentialsFor(world, await getId(world, logins), logins);
    const sts = world.trace.entries.find((entry) => entry.to === 'sts');
    expect(sts?.parentId).toBe(
      world.trace.entries.find((entry) => entry.operation === 'GetCredentialsForIdentity')?.id
    );
    expect(sts?.decisions).toEqual([
      expect.objectContaining({
        label: 'trust policy of TwoPools_Authenticated',
        decision: 'Allow',
        deciding: [expect.objectContaining({ statementIndex: 0, effect: 'Allow' })]
      })
    ]);
  });

  it('gives a guest the guest role without any token', async () => {
    const world = await identityWorld();
    const guest = await getId(world);
    const { Credentials } = await credentialsFor(world, guest);
    expect(world.credentials.lookup(Credentials.AccessKeyId)).toMatchObject({
      roleArn: world.config.identityPool.unauthenticatedRoleArn,
      variables: { 'cognito-identity.amazonaws.com:amr': ['unauthenticated'] }
    });
  });

  it('scopes a guest down: Cognito passes its session policy (Policy) to STS, which keeps it with the session', async () => {
    const world = await identityWorld();
    const guest = await getId(world);
    const { Credentials } = await credentialsFor(world, guest);
    const hop = world.trace.entries.find((entry) => entry.to === 'sts');
    const sent = new URLSearchParams(hop?.request.body ?? '');
    // Form-encoded on the wire, JSON inside: AmazonCognitoUnAuthedIdentitiesSessionPolicy.
    expect(hop?.request.body).toContain('Policy=%7B%22Version%22');
    const policy = JSON.parse(sent.get('Policy') ?? 'null') as typeof GUEST_SESSION_POLICY;
    expect(policy).toEqual(GUEST_SESSION_POLICY);
    const [statement] = Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
    expect(statement).toMatchObject({
      Sid: 'CognitoUnAuthedIdentitiesSessionPolicy',
      Effect: 'Allow',
      Resource: '*'
    });
    expect(statement?.Action).toHaveLength(25);
    expect(statement?.Action).toEqual(
      expect.arrayContaining(['polly:*', 'geo:*DevicePosition*', 'kms:Decrypt'])
    );
    expect(JSON.stringify(statement?.Action)).not.toMatch(/dynamodb|s3:|lambda/);
    expect(world.credentials.lookup(Credentials.AccessKeyId)?.sessionPolicy).toEqual(GUEST_SESSION_POLICY);
  });

  it('passes no session policy for a signed-in identity: its role alone decides', async () => {
    const world = await identityWorld();
    const logins = await userPoolLogins(world);
    const { Credentials } = await credentialsFor(world, await getId(world, logins), logins);
    const hop = world.trace.entries.find((entry) => entry.to === 'sts');
    expect(new URLSearchParams(hop?.request.body ?? '').has('Policy')).toBe(false);
    expect(world.credentials.lookup(Credentials.AccessKeyId)?.sessionPolicy).toBeUndefined();
  });

  it('links a guest to a login: the same identity id becomes authenticated', async () => {
    const world = await identityWorld();
    const guest = await getId(world);
    const logins = await userPoolLogins(world);
    const { IdentityId, Credentials } = await credentialsFor(world, guest, logins);
    expect(IdentityId).toBe(guest);
    expect(world.identityPool.identity(guest)?.getSnapshot().value).toBe('authenticated');
    expect(world.credentials.lookup(Credentials.AccessKeyId)?.roleArn).toBe(
      world.config.identityPool.authenticatedRoleArn
    );
    // From now on the login finds this identity.
    expect(await getId(world, await userPoolLogins(world))).toBe(guest);
  });

  it('merges a guest into the identity that already owns the login', async () => {
    const world = await identityWorld();
    const owner = await getId(world, await userPoolLogins(world));
    const guest = await getId(world);
    const { IdentityId } = await credentialsFor(world, guest, await userPoolLogins(world));
    expect(IdentityId).toBe(owner);
    expect(world.identityPool.identity(guest)?.getSnapshot()).toMatchObject({
      value: 'merged',
      context: { mergedInto: owner }
    });
    const again = await callIdentity(world, 'GetCredentialsForIdentity', { IdentityId: guest });
    expect(again.body.__type).toBe('ResourceNotFoundException');
  });

  it('refuses an authenticated identity without its login token', async () => {
    const world = await identityWorld();
    const identityId = await getId(world, await userPoolLogins(world));
    const answer = await callIdentity(world, 'GetCredentialsForIdentity', { IdentityId: identityId });
    expect(answer.body).toEqual({
      __type: 'NotAuthorizedException',
      message: `Access to Identity '${identityId}' is forbidden.`
    });
  });

  it('refuses someone else’s login for an authenticated identity', async () => {
    const world = await identityWorld();
    const alice = await getId(world, await userPoolLogins(world, 0));
    const answer = await callIdentity(world, 'GetCredentialsForIdentity', {
      IdentityId: alice,
      Logins: await userPoolLogins(world, 1)
    });
    expect(answer.body).toEqual({
      __type: 'NotAuthorizedException',
      message:
        "Logins don't match. Please include at least one valid login for this identity or identity pool."
    });
  });

  it('refuses a guest when unauthenticated access has been turned off', async () => {
    const world = await identityWorld();
    const guest = await getId(world);
    world.identityPool.setAllowUnauthenticated(false);
    const answer = await callIdentity(world, 'GetCredentialsForIdentity', { IdentityId: guest });
    expect(answer.body).toEqual({
      __type: 'NotAuthorizedException',
      message: 'Unauthenticated access is not supported for this identity pool.'
    });
  });

  it('answers ResourceNotFoundException for an identity it never issued', async () => {
    const world = await identityWorld();
    const unknown = 'us-east-1:00000000-0000-4000-8000-000000000000';
    const answer = await callIdentity(world, 'GetCredentialsForIdentity', { IdentityId: unknown });
    expect(answer.body).toEqual({
      __type: 'ResourceNotFoundException',
      message: `Identity '${unknown}' not found.`
    });
  });

  it('says InvalidIdentityPoolConfigurationException when STS refuses the role (a trust policy that does not fit)', async () => {
    const world = await identityWorld();
    // Misconfigure: guests are mapped to the authenticated role, whose trust policy wants amr "authenticated".
    world.identityPool.setRoles({ unauthenticated: world.config.identityPool.authenticatedRoleArn });
    const guest = await getId(world);
    const answer = await callIdentity(world, 'GetCredentialsForIdentity', { IdentityId: guest });
    expect(answer.body).toEqual({
      __type: 'InvalidIdentityPoolConfigurationException',
      message: 'Invalid identity pool configuration. Check assigned IAM roles for this pool.'
    });
    const sts = world.trace.entries.find((entry) => entry.to === 'sts');
    expect(sts?.error).toEqual({
      code: 'AccessDenied',
      message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity'
    });
    expect(sts?.decisions?.[0]).toMatchObject({ decision: 'ImplicitDeny', allowed: false });
  });
});

describe('role mapping', () => {
  async function adminWorld() {
    const world = await identityWorld();
    world.userPool.createGroup({ name: 'admins' });
    world.userPool.addUserToGroup(world.config.demoUsers[0]?.username ?? '', 'admins');
    return world;
  }

  async function roleOf(world: Awaited<ReturnType<typeof identityWorld>>, which: number) {
    const logins = await userPoolLogins(world, which);
    const answer = await callIdentity(world, 'GetCredentialsForIdentity', {
      IdentityId: await getId(world, logins),
      Logins: logins
    });
    if (answer.status !== 200) return answer.body;
    const credentials = answer.body.Credentials as { AccessKeyId: string };
    return world.credentials.lookup(credentials.AccessKeyId)?.roleArn;
  }

  it('gives the admin role to a member of "admins" (cognito:groups Contains admins), the default role to others', async () => {
    const world = await adminWorld();
    world.identityPool.setRoleMapping(userPoolMappingKey(world), {
      Type: 'Rules',
      AmbiguousRoleResolution: 'AuthenticatedRole',
      RulesConfiguration: {
        Rules: [
          {
            Claim: 'cognito:groups',
            MatchType: 'Contains',
            Value: 'admins',
            RoleARN: adminRoleArn(world.config)
          }
        ]
      }
    });
    expect(await roleOf(world, 0)).toBe(adminRoleArn(world.config));
    expect(await roleOf(world, 1)).toBe(world.config.identityPool.authenticatedRoleArn);
    const credentialsHop = world.trace.entries.filter(
      (entry) => entry.operation === 'GetCredentialsForIdentity'
    )[0];
    expect(credentialsHop?.checks).toContainEqual(
      expect.objectContaining({
        id: 'identity-pool.role-chosen',
        ok: true,
        detail: expect.stringContaining('rule 1')
      })
    );
  });

  it('uses the first matching rule', async () => {
    const world = await adminWorld();
    world.identityPool.setRoleMapping(userPoolMappingKey(world), {
      Type: 'Rules',
      AmbiguousRoleResolution: 'AuthenticatedRole',
      RulesConfiguration: {
        Rules: [
          {
            Claim: 'email',
            MatchType: 'StartsWith',
            Value: 'alice',
            RoleARN: world.config.identityPool.authenticatedRoleArn
          },
          {
            Claim: 'cognito:groups',
            MatchType: 'Equals',
            Value: 'admins',
            RoleARN: adminRoleArn(world.config)
          }
        ]
      }
    });
    expect(await roleOf(world, 0)).toBe(world.config.identityPool.authenticatedRoleArn);
  });

  it('denies when no rule matches and AmbiguousRoleResolution is Deny', async () => {
    const world = await adminWorld();
    world.identityPool.setRoleMapping(userPoolMappingKey(world), {
      Type: 'Rules',
      AmbiguousRoleResolution: 'Deny',
      RulesConfiguration: {
        Rules: [
          {
            Claim: 'cognito:groups',
            MatchType: 'Contains',
            Value: 'admins',
            RoleARN: adminRoleArn(world.config)
          }
        ]
      }
    });
    expect(await roleOf(world, 0)).toBe(adminRoleArn(world.config));
    expect(await roleOf(world, 1)).toEqual({
      __type: 'NotAuthorizedException',
      message: `The ambiguous role mapping rules for: ${userPoolProvider(world)} denied this request.`
    });
  });

  it('takes the role from the token with a Token mapping (cognito:preferred_role)', async () => {
    const world = await identityWorld();
    world.userPool.createGroup({ name: 'admins', roleArn: adminRoleArn(world.config), precedence: 1 });
    world.userPool.addUserToGroup(world.config.demoUsers[0]?.username ?? '', 'admins');
    world.identityPool.setRoleMapping(userPoolMappingKey(world), {
      Type: 'Token',
      AmbiguousRoleResolution: 'Deny'
    });
    expect(await roleOf(world, 0)).toBe(adminRoleArn(world.config));
    expect((await roleOf(world, 1)) as { __type: string }).toMatchObject({
      __type: 'NotAuthorizedException'
    });
  });

  it('describes and removes mappings', async () => {
    const world = await identityWorld();
    const mapping = { Type: 'Token', AmbiguousRoleResolution: 'AuthenticatedRole' } as const;
    world.identityPool.setRoleMapping('accounts.google.com', mapping);
    expect(world.identityPool.describe().roleMappings).toEqual({ 'accounts.google.com': mapping });
    world.identityPool.setRoleMapping('accounts.google.com', undefined);
    expect(world.identityPool.describe().roleMappings).toEqual({});
    expect(() => world.identityPool.setRoleMapping('graph.facebook.com', mapping)).toThrow(/not a provider/);
  });

  it('keys a user pool’s role mapping by the pool and its app client, not by the Logins key', async () => {
    const world = await adminWorld();
    const mapping = {
      Type: 'Rules' as const,
      AmbiguousRoleResolution: 'AuthenticatedRole' as const,
      RulesConfiguration: {
        Rules: [
          {
            Claim: 'cognito:groups',
            MatchType: 'Contains' as const,
            Value: 'admins',
            RoleARN: adminRoleArn(world.config)
          }
        ]
      }
    };
    expect(world.identityPool.roleMappingKeys).toEqual([
      `cognito-idp.us-east-1.amazonaws.com/${world.config.userPool.id}:${world.config.userPool.clientId}`,
      'accounts.google.com'
    ]);
    expect(() => world.identityPool.setRoleMapping(userPoolProvider(world), mapping)).toThrow(
      new RegExp(`go under ${userPoolMappingKey(world)}`)
    );
    world.identityPool.setRoleMapping(userPoolMappingKey(world), mapping);
    expect(Object.keys(world.identityPool.describe().roleMappings)).toEqual([userPoolMappingKey(world)]);
    expect(await roleOf(world, 0)).toBe(adminRoleArn(world.config));
  });

  describe('what the pool records about its choice', () => {
    /** A world where bob is in "managers", whose role is TwoPools_Managers, as in `groups-to-roles`. */
    async function managersWorld() {
      const world = await identityWorld();
      world.userPool.createGroup({ name: 'managers', roleArn: managersRoleArn(world.config), precedence: 1 });
      world.userPool.addUserToGroup('bob', 'managers');
      return world;
    }
    const checksOf = (world: Awaited<ReturnType<typeof identityWorld>>) =>
      world.trace.entries
        .filter((entry) => entry.operation === 'GetCredentialsForIdentity')
        .at(-1)
        ?.checks.filter((check) => /^identity-pool\.(role|token)/.test(check.id))
        .map(({ id, ok, detail }) => ({ id, ok, detail }));

    it('records nothing about mappings where there is none: the default authenticated role', async () => {
      const world = await managersWorld();
      expect(await roleOf(world, 1)).toBe(world.config.identityPool.authenticatedRoleArn);
      expect(checksOf(world)).toEqual([
        {
          id: 'identity-pool.role-chosen',
          ok: true,
          detail: `${world.config.identityPool.authenticatedRoleArn}: the default authenticated role (no role mapping for this provider)`
        }
      ]);
    });

    it('Token: the manager gets TwoPools_Managers from cognito:preferred_role; Alice, naming none, the default', async () => {
      const world = await managersWorld();
      world.identityPool.setRoleMapping(userPoolMappingKey(world), {
        Type: 'Token',
        AmbiguousRoleResolution: 'AuthenticatedRole'
      });
      const managers = managersRoleArn(world.config);
      expect(await roleOf(world, 1)).toBe(managers);
      expect(checksOf(world)).toEqual([
        {
          id: 'identity-pool.role-mapping',
          ok: true,
          detail: `Token mapping for ${userPoolMappingKey(world)}; AmbiguousRoleResolution AuthenticatedRole`
        },
        {
          id: 'identity-pool.token-role',
          ok: true,
          detail: `cognito:preferred_role ${managers}; cognito:roles ["${managers}"]`
        },
        {
          id: 'identity-pool.role-chosen',
          ok: true,
          detail: `${managers}: the token’s cognito:preferred_role`
        }
      ]);
      expect(await roleOf(world, 0)).toBe(world.config.identityPool.authenticatedRoleArn);
      expect(checksOf(world)?.slice(1)).toEqual([
        {
          id: 'identity-pool.token-role',
          ok: false,
          detail: 'cognito:preferred_role (absent); cognito:roles []'
        },
        {
          id: 'identity-pool.role-chosen',
          ok: true,
          detail: `${world.config.identityPool.authenticatedRoleArn}: the token names no role (no cognito:roles); AmbiguousRoleResolution is AuthenticatedRole, so the default authenticated role`
        }
      ]);
    });

    it('Token with Deny: a token naming no role gets no credentials, and STS is never asked', async () => {
      const world = await managersWorld();
      world.identityPool.setRoleMapping(userPoolMappingKey(world), {
        Type: 'Token',
        AmbiguousRoleResolution: 'Deny'
      });
      expect(await roleOf(world, 0)).toEqual({
        __type: 'NotAuthorizedException',
        message: `The ambiguous role mapping rules for: ${userPoolProvider(world)} denied this request.`
      });
      expect(checksOf(world)?.at(-1)).toMatchObject({ id: 'identity-pool.role-chosen', ok: false });
      expect(world.trace.entries.at(-1)?.operation).toBe('GetCredentialsForIdentity');
    });

    it('Token with two roles of equal precedence and no preferred role is ambiguous', async () => {
      const world = await managersWorld();
      world.userPool.createGroup({ name: 'admins', roleArn: adminRoleArn(world.config), precedence: 1 });
      world.userPool.addUserToGroup('bob', 'admins');
      world.identityPool.setRoleMapping(userPoolMappingKey(world), {
        Type: 'Token',
        AmbiguousRoleResolution: 'AuthenticatedRole'
      });
      expect(await roleOf(world, 1)).toBe(world.config.identityPool.authenticatedRoleArn);
      expect(checksOf(world)?.find((c) => c.id === 'identity-pool.token-role')).toMatchObject({ ok: false });
      expect(checksOf(world)?.at(-1)?.detail).toMatch(/names 2 roles and no cognito:preferred_role/);
    });

    it('Rules: each rule tried is recorded, in order, up to the first that matches', async () => {
      const world = await managersWorld();
      const managers = managersRoleArn(world.config);
      world.identityPool.setRoleMapping(userPoolMappingKey(world), {
        Type: 'Rules',
        AmbiguousRoleResolution: 'Deny',
        RulesConfiguration: {
          Rules: [
            { Claim: 'email', MatchType: 'StartsWith', Value: 'alice', RoleARN: adminRoleArn(world.config) },
            { Claim: 'cognito:groups', MatchType: 'Contains', Value: 'managers', RoleARN: managers },
            { Claim: 'email', MatchType: 'NotEqual', Value: 'x', RoleARN: adminRoleArn(world.config) }
          ]
        }
      });
      expect(await roleOf(world, 1)).toBe(managers);
      const rules = checksOf(world)?.filter((c) => c.id === 'identity-pool.role-rule');
      expect(rules).toEqual([
        {
          id: 'identity-pool.role-rule',
          ok: false,
          detail: `rule 1: email StartsWith "alice" → ${adminRoleArn(world.config)} (the token's email: ["bob@example.com"])`
        },
        {
          id: 'identity-pool.role-rule',
          ok: true,
          detail: `rule 2: cognito:groups Contains "managers" → ${managers} (the token's cognito:groups: ["managers"])`
        }
      ]);
      // Alice: rule 1 matches first; rule 2 is never tried.
      expect(await roleOf(world, 0)).toBe(adminRoleArn(world.config));
      expect(
        checksOf(world)
          ?.filter((c) => c.id === 'identity-pool.role-rule')
          .map((c) => c.ok)
      ).toEqual([true]);
    });
  });
});
