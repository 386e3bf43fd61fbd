// Where an issuer publishes its signing keys (JWKS): user pools, the identity pool's OpenID tokens, Google.

import { COGNITO_IDENTITY_ISSUER, GOOGLE_ISSUER } from './jwt-decode';

const USER_POOL_ISSUER = /^https:\/\/cognito-idp\.[a-z0-9-]+\.amazonaws\.com\/[\w-]+$/;

export function jwksUrlOf(issuer: string | undefined): string | undefined {
  if (issuer === undefined) return undefined;
  // A user pool publishes its keys at https://cognito-idp.{region}.amazonaws.com/{userPoolId}/.well-known/jwks.json.
  if (USER_POOL_ISSUER.test(issuer)) return `${issuer}/.well-known/jwks.json`;
  if (issuer === COGNITO_IDENTITY_ISSUER) return `${COGNITO_IDENTITY_ISSUER}/.well-known/jwks_uri`;
  if (issuer === GOOGLE_ISSUER) return 'https://www.googleapis.com/oauth2/v3/certs';
  return undefined;
}
