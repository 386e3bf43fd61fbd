// A console change as data (guest access, groups, role mappings, a trust policy), applied through the world's admin hands.

/*
 * Scenarios and the sandbox change a world's configuration mid-story ("now turn guest access off"). The change
 * travels as plain data (it crosses the worker boundary inside a client event) and is applied here, through the
 * same hands a test would use: `world.identityPool`, `world.userPool`, `world.iam`. No service knows a scenario.
 */

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
  | { set: 'trust-policy'; roleName: string; document: string | PolicyDocument };

export type AdminResult =
  { ok: true; summary: string } | { ok: false; error: { code: string; message: string } };

/*
 * The codes are those of the Cognito and IAM API references (GroupExistsException, ResourceNotFoundException,
 * UserNotFoundException, InvalidParameterException). The message texts are not from a source: no public
 * record of them was found, so treat them as plausible wording, not AWS's own. No scene depends on them.
 */
const refusal = (code: string, message: string): AdminResult => ({ ok: false, error: { code, message } });

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
    case 'trust-policy': {
      const result = world.iam.updateAssumeRolePolicy(change.roleName, change.document);
      return result.ok
        ? { ok: true, summary: `Trust policy of ${change.roleName} updated.` }
        : refusal(result.error.code, result.error.message);
    }
  }
}
