// The simulated Google identity provider (a third-party IdP for identity pool federation).
export {
  createGoogle,
  isGoogle,
  GOOGLE_JWKS_URI,
  GOOGLE_DISCOVERY_URI,
  GOOGLE_TOKEN_LIFETIME_SECONDS
} from './google';
export type { GoogleIdp, GoogleIdTokenClaims } from './google';
