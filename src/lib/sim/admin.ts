// A console change as data (guest access, groups, role mappings, trust and inline policies, a method's scopes), applied through the world's admin hands.

/*
 * Scenarios and the sandbox change a world's configuration mid-story ("now turn guest access off"). The change
 * travels as plain data (it crosses the worker boundary inside a client event) and is applied here, through the
 * same hands a test would use: `world.identityPool`, `world.userPool`, `world.iam`, `world.api`. No service knows a
 * scenario.
 */

import type { IamAdminResult } from './iam/admin';
import type { JsonSyntaxError } from './iam/json-position';
import type { PolicyDocument } from './iam/policy';
import type { RoleMapping } from './services/identity-pool';
import type { UserPoolGroup } from './services/user-pool';
import type { World } from './world';

export type AdminChange =
  /** The identity pool's "guest access" (AllowUnauthenticatedIdentities). */
  | { set: 'guest-access'; allow: boolean }
  /** The identity pool's AllowClassicFlow. */
  | { set: 'classic-flow'; allow: boolean }
  /** The user pool's CreateGroup. */
  | { set: 'create-group'; group: UserPoolGroup }
  /** AdminAddUserToGroup / AdminRemoveUserFromGroup: the user's next tokens show it. */
  | { set: 'group-membership'; username: string; group: string; member: boolean }
  /** SetIdentityPoolRoles' RoleMappings for one provider key; null removes it. */
  | { set: 'role-mapping'; key: string; mapping: RoleMapping | null }
  /** IAM UpdateAssumeRolePolicy: the policy as JSON text (what a learner wrote), or already parsed. */
  | { set: 'trust-policy'; roleName: string; document: string | PolicyDocument }
  /** IAM PutRolePolicy: one inline permissions policy of a role, added or replaced, as typed or parsed. */
  | { set: 'permissions-policy'; roleName: string; policyName: string; document: string | PolicyDocument }
  /** API Gateway UpdateMethod's authorizationScopes (deployed at once): none means the authorizer wants an ID token. */
  | { set: 'method-scopes'; httpMethod: 'GET'; resource: string; scopes: string[] };

/** A refusal: the code and message the console shows, and for a policy, where the text broke or which statement. */
export interface AdminError {
  code: string;
  message: string;
  statementIndex?: number;
  syntax?: JsonSyntaxError;
}

export type AdminResult = { ok: true; summary: string } | { ok: false; error: AdminError };

/*
 * The codes are those of the Cognito and IAM API references (GroupExistsException, ResourceNotFoundException,
 * UserNotFoundException, InvalidParameterException). The message texts are not from a source: no public
 * record of them was found, so treat them as plausible wording, not AWS's own. No scene depends on them.
 */
const refusal = (code: string, message: string): AdminResult => ({ ok: false, error: { code, message } });

function iamResult(result: IamAdminResult, summary: string): AdminResult {
  return result.ok ? { ok: true, summary } : { ok: false, error: { ...result.error } };
}

/** Applies one change; a change the console would refuse changes nothing and says why (never throws). */
export function applyAdminChange(world: World, change: AdminChange): AdminResult {
  switch (change.set) {
    case 'guest-access':
      world.identityPool.setAllowUnauthenticated(change.allow);
      return { ok: true, summary: `Guest access is ${change.allow ? 'on' : 'off'}.` };
    case 'classic-flow':
      world.identityPool.setAllowClassicFlow(change.allow);
      return { ok: true, summary: `AllowClassicFlow is ${change.allow}.` };
    case 'create-group': {
      // CreateGroup's refusal of a name in use: GroupExistsException "A group with the name … already exists."
      try {
        world.userPool.createGroup(change.group);
      } catch {
        return refusal('GroupExistsException', `A group with the name ${change.group.name} already exists.`);
      }
      return { ok: true, summary: `Group ${change.group.name} created.` };
    }
    case 'group-membership': {
      if (world.userPool.account(change.username) === undefined) {
        return refusal('UserNotFoundException', 'User does not exist.');
      }
      try {
        if (change.member) world.userPool.addUserToGroup(change.username, change.group);
        else world.userPool.removeUserFromGroup(change.username, change.group);
      } catch {
        return refusal('ResourceNotFoundException', 'Group not found.');
      }
      return {
        ok: true,
        summary: `${change.username} is ${change.member ? 'now in' : 'no longer in'} ${change.group}; the next tokens show it.`
      };
    }
    case 'role-mapping': {
      try {
        world.identityPool.setRoleMapping(change.key, change.mapping ?? undefined);
      } catch (error) {
        return refusal('InvalidParameterException', error instanceof Error ? error.message : String(error));
      }
      return {
        ok: true,
        summary:
          change.mapping === null
            ? `No role mapping for ${change.key}.`
            : `${change.mapping.Type} role mapping for ${change.key}.`
      };
    }
    case 'trust-policy':
      return iamResult(
        world.iam.updateAssumeRolePolicy(change.roleName, change.document),
        `Trust policy of ${change.roleName} updated.`
      );
    case 'method-scopes': {
      const result = world.api.updateMethodScopes(change.httpMethod, change.resource, change.scopes);
      if (!result.ok) return refusal(result.error.code, result.error.message);
      return {
        ok: true,
        summary:
          change.scopes.length === 0
            ? `${change.httpMethod} ${change.resource} has no OAuth scopes: its authorizer wants an ID token.`
            : `${change.httpMethod} ${change.resource} wants an access token with ${change.scopes.join(' or ')}.`
      };
    }
    case 'permissions-policy':
      return iamResult(
        world.iam.putRolePolicy(change.roleName, change.policyName, change.document),
        `Policy ${change.policyName} of ${change.roleName} saved.`
      );
  }
}
