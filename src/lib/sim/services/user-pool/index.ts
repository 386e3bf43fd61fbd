// The user pool service's public surface: the factory, its admin handle and the shapes it speaks.
export { createUserPool, isUserPoolService, USER_POOL_TARGET_PREFIX } from './user-pool';
export type { UserPoolAdmin, UserPoolService } from './user-pool';
export type { UserPoolGroup, AccountView } from './pool-state';
export type { AuthenticationResult } from './sign-in';
export type { CodeDeliveryDetails } from './delivery';
export type { IdTokenClaims, AccessTokenClaims } from './tokens';
export { TOKEN_LIFETIME_SECONDS, ACCESS_TOKEN_SCOPE } from './tokens';
export type { UserPoolErrorCode } from './errors';
export type { TokenUse } from './keyring';
export { passwordPolicyViolation, PASSWORD_MINIMUM_LENGTH } from './password-policy';
export { SRP_TIMESTAMP_SKEW_MS } from './operations/respond-to-auth-challenge';
