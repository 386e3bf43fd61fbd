// The simulated Cognito identity pool: GetId, GetCredentialsForIdentity, GetOpenIdToken, role mapping, controls.
export { createIdentityPool, isIdentityPool, IDENTITY_POOL_TARGET_PREFIX } from './identity-pool';
export type { IdentityPool, IdentityPoolControls } from './identity-pool';
export type { RoleMapping, MappingRule } from './role-mapping';
export {
  COGNITO_IDENTITY_ISSUER,
  COGNITO_IDENTITY_JWKS_URI,
  OPENID_TOKEN_LIFETIME_SECONDS
} from './openid-token';
export type { OpenIdTokenClaims } from './openid-token';
export {
  COGNITO_SESSION_NAME,
  ENHANCED_FLOW_DURATION_SECONDS
} from './operations/get-credentials-for-identity';
