// The account's hand on IAM roles (the console's "Edit trust policy", IAM UpdateAssumeRolePolicy): not a client API.

import { parsePolicyDocument, type PolicyDocument } from './policy';
import type { RoleStore } from './roles';

/**
 * IAM's own refusals of UpdateAssumeRolePolicy (IAM API reference): `NoSuchEntity` when the role does not exist,
 * `MalformedPolicyDocument` when the document is not a policy IAM would accept as a trust policy. The
 * NoSuchEntity text ("The role with name … cannot be found.") is as commonly quoted, not checked against a source.
 */
export type IamAdminErrorCode = 'NoSuchEntity' | 'MalformedPolicyDocument';

export type IamAdminResult =
  | { ok: true; roleArn: string }
  | { ok: false; error: { code: IamAdminErrorCode; message: string; statementIndex?: number } };

export interface IamAdmin {
  /**
   * Replaces a role's trust policy (UpdateAssumeRolePolicy's PolicyDocument: JSON text, as typed, or a document).
   * A document IAM would refuse changes nothing and says why. The next AssumeRole* reads the new policy.
   */
  updateAssumeRolePolicy(roleName: string, policyDocument: string | PolicyDocument): IamAdminResult;
}

export function createIamAdmin(roles: RoleStore): IamAdmin {
  return {
    updateAssumeRolePolicy(roleName, policyDocument) {
      const role = roles.byName(roleName);
      if (role === undefined) {
        return {
          ok: false,
          error: { code: 'NoSuchEntity', message: `The role with name ${roleName} cannot be found.` }
        };
      }
      const parsed = parsePolicyDocument(policyDocument, 'trust');
      if (!parsed.ok) return { ok: false, error: { ...parsed.error } };
      const document: PolicyDocument =
        typeof policyDocument === 'string'
          ? (JSON.parse(policyDocument) as PolicyDocument)
          : structuredClone(policyDocument);
      roles.put({ ...role, trustPolicy: document });
      return { ok: true, roleArn: role.arn };
    }
  };
}
