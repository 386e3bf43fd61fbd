// The world's IAM roles: real policy documents IAM would accept, tied to the world's identity pool and tables.

import { describe, expect, it } from 'vitest';
import { createConfig } from '../../../src/lib/sim/config';
import { parsePolicyDocument } from '../../../src/lib/sim/iam';
import { evaluatePolicies, evaluateTrustPolicy } from '../../../src/lib/sim/iam/evaluate';
import {
  createRoleStore,
  IDENTITY_ID_VARIABLE,
  ROLE_NAMES,
  worldRoles
} from '../../../src/lib/sim/iam/roles';
import { createRandom } from '../../../src/lib/sim/random';

const config = createConfig(createRandom('roles'));
const roles = worldRoles(config, createRandom('roles/iam'));
const store = createRoleStore(roles);

describe('worldRoles', () => {
  it('are the five roles of ROLE_NAMES, whose documents IAM would accept', () => {
    expect(roles.map((role) => role.roleName)).toEqual(Object.values(ROLE_NAMES));
    for (const role of roles) {
      expect(parsePolicyDocument(role.trustPolicy, 'trust').ok).toBe(true);
      for (const policy of role.permissionPolicies)
        expect(parsePolicyDocument(policy.document, 'identity').ok).toBe(true);
      expect(role.roleId).toMatch(/^AROA[A-Z0-9]{17}$/);
      expect(role.arn).toBe(`arn:aws:iam::123456789012:role/${role.roleName}`);
    }
  });

  it('are the identity pool’s configured roles', () => {
    expect(store.get(config.identityPool.authenticatedRoleArn)?.roleName).toBe(ROLE_NAMES.authenticated);
    expect(store.get(config.identityPool.unauthenticatedRoleArn)?.roleName).toBe(ROLE_NAMES.guest);
    expect(store.byName(ROLE_NAMES.admin)?.arn).toMatch(/role\/TwoPools_Admin$/);
  });

  it('trust only this identity pool, and only the right kind of identity', () => {
    const trust = (name: string, aud: string, amr: string[]) =>
      evaluateTrustPolicy({
        policy: store.byName(name)?.trustPolicy ?? { Statement: [] },
        context: { 'cognito-identity.amazonaws.com:aud': aud, 'cognito-identity.amazonaws.com:amr': amr }
      }).allowed;
    const pool = config.identityPool.id;
    expect(trust(ROLE_NAMES.authenticated, pool, ['authenticated', 'accounts.google.com'])).toBe(true);
    expect(trust(ROLE_NAMES.authenticated, pool, ['unauthenticated'])).toBe(false);
    expect(trust(ROLE_NAMES.authenticated, 'us-east-1:another-pool', ['authenticated'])).toBe(false);
    expect(trust(ROLE_NAMES.guest, pool, ['unauthenticated'])).toBe(true);
    expect(trust(ROLE_NAMES.guest, pool, ['authenticated'])).toBe(false);
    expect(trust(ROLE_NAMES.ordersFunction, pool, ['authenticated'])).toBe(false);
    // The managers' role is given out by the same pool, so it trusts it like the authenticated role.
    expect(trust(ROLE_NAMES.managers, pool, ['authenticated', 'cognito-idp.us-east-1.amazonaws.com/x'])).toBe(
      true
    );
    expect(trust(ROLE_NAMES.managers, pool, ['unauthenticated'])).toBe(false);
    expect(trust(ROLE_NAMES.managers, 'us-east-1:another-pool', ['authenticated'])).toBe(false);
  });

  it('give the guest role no DynamoDB access at all', () => {
    const guest = store.byName(ROLE_NAMES.guest);
    for (const action of ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:Scan']) {
      const decision = evaluatePolicies({
        policies: guest?.permissionPolicies ?? [],
        action,
        resource: `arn:aws:dynamodb:us-east-1:123456789012:table/${config.finegrained.table}`,
        context: { 'cognito-identity.amazonaws.com:sub': 'us-east-1:x' }
      });
      expect(decision.allowed).toBe(false);
    }
  });

  it('key the authenticated role’s notes on the identity id variable, and never allow Scan there', () => {
    const authenticated = store.byName(ROLE_NAMES.authenticated);
    expect(JSON.stringify(authenticated?.permissionPolicies)).toContain(IDENTITY_ID_VARIABLE);
    const scan = evaluatePolicies({
      policies: authenticated?.permissionPolicies ?? [],
      action: 'dynamodb:Scan',
      resource: `arn:aws:dynamodb:us-east-1:123456789012:table/${config.finegrained.table}`,
      context: { 'cognito-identity.amazonaws.com:sub': 'us-east-1:x' }
    });
    expect(scan.allowed).toBe(false);
  });
});
