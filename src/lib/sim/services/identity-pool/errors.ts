// The identity pool's AWS errors: one constructor per refusal, Cognito Identity's own wording, and the true reason.

import { serviceError, type ServiceError } from '../../http';

export type IdentityPoolErrorCode =
  | 'NotAuthorizedException'
  | 'ResourceNotFoundException'
  | 'InvalidParameterException'
  | 'InvalidIdentityPoolConfigurationException';

function error(code: IdentityPoolErrorCode, message: string, reason: string): ServiceError {
  return serviceError(code, message, reason);
}

export const identityPoolErrors = {
  /**
   * Seconds, now first: AWS writes "Token expired: 1667365798 >= 1667235770", i.e. the current time is at or
   * past the expiry (as seen in real responses quoted in public bug reports).
   */
  tokenExpired: (nowSeconds: number, expSeconds: number, reason: string) =>
    error(
      'NotAuthorizedException',
      `Invalid login token. Token expired: ${nowSeconds} >= ${expSeconds}`,
      reason
    ),
  issuerMismatch: (reason: string) =>
    error('NotAuthorizedException', "Invalid login token. Issuer doesn't match providerName", reason),
  missingClaim: (claim: string, reason: string) =>
    error('NotAuthorizedException', `Invalid login token. Missing a required claim: ${claim}`, reason),
  couldNotVerify: (reason: string) =>
    error('NotAuthorizedException', "Invalid login token. Couldn't verify signed token.", reason),
  notOpenIdToken: (reason: string) =>
    error(
      'NotAuthorizedException',
      'Invalid login token. Not a valid OpenId Connect identity token.',
      reason
    ),
  unsupportedProvider: (reason: string) =>
    error('NotAuthorizedException', 'Token is not from a supported provider of this identity pool.', reason),
  unauthenticatedNotSupported: (reason: string) =>
    error(
      'NotAuthorizedException',
      'Unauthenticated access is not supported for this identity pool.',
      reason
    ),
  forbidden: (identityId: string, reason: string) =>
    error('NotAuthorizedException', `Access to Identity '${identityId}' is forbidden.`, reason),
  loginsDontMatch: (reason: string) =>
    error(
      'NotAuthorizedException',
      "Logins don't match. Please include at least one valid login for this identity or identity pool.",
      reason
    ),
  ambiguousRoleDenied: (provider: string, reason: string) =>
    error(
      'NotAuthorizedException',
      `The ambiguous role mapping rules for: ${provider} denied this request.`,
      reason
    ),
  poolNotFound: (identityPoolId: string) =>
    error(
      'ResourceNotFoundException',
      `IdentityPool '${identityPoolId}' not found.`,
      `This account has no identity pool with the id ${identityPoolId}.`
    ),
  identityNotFound: (identityId: string, reason?: string) =>
    error(
      'ResourceNotFoundException',
      `Identity '${identityId}' not found.`,
      reason ?? `The identity pool has never issued the identity id ${identityId}.`
    ),
  /**
   * GetCredentialsForIdentity when Cognito cannot assume the chosen role, most often because the role's trust
   * policy does not name this identity pool in `cognito-identity.amazonaws.com:aud`. Code and message as real
   * responses show them (HTTP 400, `x-amzn-ErrorType: InvalidIdentityPoolConfigurationException:`): aws/aws-sdk-js
   * issue #4112, aws-amplify/amplify-swift issue #3124 (headers quoted in full), amazon-archives/amazon-cognito-auth-js
   * issue #196 (a trust policy with the wrong pool id). The cause, in a Cognito engineer's words quoted in
   * amazon-archives/amazon-cognito-identity-js pull request #296: the roles "aren't set up to trust your identity
   * pool. You should confirm that the identity pool id listed in your trust relationships matches".
   */
  invalidConfiguration: (reason: string) =>
    error(
      'InvalidIdentityPoolConfigurationException',
      'Invalid identity pool configuration. Check assigned IAM roles for this pool.',
      reason
    ),
  /** GetOpenIdToken on a pool whose AllowClassicFlow is false (the default for new pools). */
  classicFlowDisabled: () =>
    error(
      'InvalidParameterException',
      'Basic (classic) flow is not enabled, please use enhanced flow.',
      'This identity pool does not allow the basic (classic) flow (AllowClassicFlow is false), so it hands out no OpenID token for the app to take to STS; GetCredentialsForIdentity (the enhanced flow) gets credentials instead.'
    ),
  /** GetOpenIdToken on a classic-flow pool that has role mappings, which only the enhanced flow applies. */
  classicFlowWithRoleMappings: () =>
    error(
      'InvalidParameterException',
      'Basic (classic) flow is not supported with RoleMappings, please use enhanced flow.',
      'This identity pool has role mappings. Only the enhanced flow applies them (the pool picks the role), so the basic flow, where the app picks the role itself, is refused.'
    ),
  validation: (problem: string, reason: string) =>
    error('InvalidParameterException', `1 validation error detected: ${problem}`, reason)
};
