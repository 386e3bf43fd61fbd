// The account's hand on IAM roles (the console's "Edit trust policy" and inline policies, IAM UpdateAssumeRolePolicy and PutRolePolicy): not a client API.

import { parsePolicyDocument, type PolicyDocument, type PolicyError, type PolicyKind } from './policy';
import type { RoleStore } from './roles';

/**
 * IAM's own refusals (IAM API reference): `NoSuchEntity` when the role does not exist, `MalformedPolicyDocument`
 * when the document is not a policy IAM would accept of that kind, `ValidationError` for a policy name outside
 * PutRolePolicy's pattern `[\w+=,.@-]+` (1–128 characters). The NoSuchEntity text ("The role with name … cannot be
 * found.") is as commonly quoted, not checked against a source; the ValidationError text is ours.
 */
export type IamAdminErrorCode = 'NoSuchEntity' | 'MalformedPolicyDocument' | 'ValidationError';

export type IamAdminResult =
  | { ok: true; roleArn: string }
  | {
      ok: false;
      error: { code: IamAdminErrorCode; message: string } & Pick<PolicyError, 'statementIndex' | 'syntax'>;
    };

export interface IamAdmin {
  /**
   * Replaces a role's trust policy (UpdateAssumeRolePolicy's PolicyDocument: JSON text, as typed, or a document).
   * A document IAM would refuse changes nothing and says why. The next AssumeRole* reads the new policy.
   */
  updateAssumeRolePolicy(roleName: string, policyDocument: string | PolicyDocument): IamAdminResult;
  /**
   * Adds or replaces one inline permissions policy of a role (PutRolePolicy: RoleName, PolicyName,
   * PolicyDocument). The role's other inline policies stay. The next signed request is judged by the new one.
   */
  putRolePolicy(
    roleName: string,
    policyName: string,
    policyDocument: string | PolicyDocument
  ): IamAdminResult;
}

const POLICY_NAME = /^[\w+=,.@-]{1,128}$/;

export function createIamAdmin(roles: RoleStore): IamAdmin {
  const noSuchRole = (roleName: string): IamAdminResult => ({
    ok: false,
    error: { code: 'NoSuchEntity', message: `The role with name ${roleName} cannot be found.` }
  });
  /** The document as IAM stores it, or IAM's refusal. */
  const read = (
    policyDocument: string | PolicyDocument,
    kind: PolicyKind
  ): { ok: true; document: PolicyDocument } | Extract<IamAdminResult, { ok: false }> => {
    const parsed = parsePolicyDocument(policyDocument, kind);
    if (!parsed.ok) return { ok: false, error: { ...parsed.error } };
    return {
      ok: true,
      document:
        typeof policyDocument === 'string'
          ? (JSON.parse(policyDocument) as PolicyDocument)
          : structuredClone(policyDocument)
    };
  };
  return {
    updateAssumeRolePolicy(roleName, policyDocument) {
      const role = roles.byName(roleName);
      if (role === undefined) return noSuchRole(roleName);
      const parsed = read(policyDocument, 'trust');
      if (!parsed.ok) return parsed;
      roles.put({ ...role, trustPolicy: parsed.document });
      return { ok: true, roleArn: role.arn };
    },
    putRolePolicy(roleName, policyName, policyDocument) {
      const role = roles.byName(roleName);
      if (role === undefined) return noSuchRole(roleName);
      if (!POLICY_NAME.test(policyName)) {
        return {
          ok: false,
          error: {
            code: 'ValidationError',
            message: `The policy name ${JSON.stringify(policyName)} must be 1 to 128 letters, digits and +=,.@_-.`
          }
        };
      }
      const parsed = read(policyDocument, 'identity');
      if (!parsed.ok) return parsed;
      const named = { name: policyName, document: parsed.document };
      const at = role.permissionPolicies.findIndex((policy) => policy.name === policyName);
      const permissionPolicies =
        at === -1
          ? [...role.permissionPolicies, named]
          : role.permissionPolicies.map((policy, index) => (index === at ? named : policy));
      roles.put({ ...role, permissionPolicies });
      return { ok: true, roleArn: role.arn };
    }
  };
}
