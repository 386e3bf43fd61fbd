// The one table of checks a service can record: stable ids (what code matches on) and their human labels.

/*
 * Add a check here before a service records it. Ids are dotted and lower-case, grouped by what is checked
 * (`jwt.*`, `sigv4.*`, `iam.*`, ...); they are part of the trace's public contract, so never rename one.
 * Labels are what the learner reads and may be reworded freely.
 */
export const CHECKS = {
  // JSON Web Tokens, as verifyJwt (crypto/jwt-verify.ts) checks them, in its order.
  'jwt.text': { label: 'token is text' },
  'jwt.size': { label: 'token is within the size limit' },
  'jwt.shape': { label: 'three base64url parts (header.payload.signature)' },
  'jwt.header-json': { label: 'header is a JSON object' },
  'jwt.payload-json': { label: 'payload is a JSON object' },
  'jwt.json': { label: 'header and payload are JSON objects' },
  'jwt.algorithm': { label: 'alg is RS256' },
  'jwt.no-embedded-key': { label: 'no key carried in the header (jwk, jku, x5u, x5c)' },
  'jwt.no-crit': { label: 'no critical extensions (crit)' },
  'jwt.kid': { label: 'kid names a key' },
  'jwt.kid-published': { label: 'kid is in the pool’s JWKS' },
  'jwt.signature': { label: 'signature verifies' },
  'jwt.claim-types': { label: 'claims have the expected types' },
  'jwt.required-claims': { label: 'required claims are present (iss, sub, exp)' },
  'jwt.issuer': { label: 'iss is this user pool' },
  'jwt.token-use': { label: 'token_use is the kind of token needed here' },
  'jwt.audience': { label: 'audience (aud or client_id) is this app client' },
  'jwt.expiry': { label: 'not expired (exp)' },
  'jwt.not-before': { label: 'already valid (nbf)' },
  // A service reading a token's claims before it verifies it.
  'jwt.decodes': { label: 'token is a JWT' },

  // The user pool: its app client, its public keys, sign-up, confirmation and sign-in.
  'user-pool.client-exists': { label: 'app client exists' },
  'user-pool.exists': { label: 'user pool exists' },
  'user-pool.jwks-path': { label: 'path is a JWKS document' },
  'user-pool.auth-flow-enabled': { label: 'flow is enabled for this app client' },
  'sign-up.username-format': { label: 'username is 1–128 characters, no spaces or control characters' },
  'sign-up.password-length': { label: 'password is at most 256 characters' },
  'sign-up.password-policy': { label: 'password meets the policy' },
  'sign-up.email-present': { label: 'email attribute is present' },
  'sign-up.email-format': { label: 'email address is well formed' },
  'sign-up.username-free': { label: 'username is free' },
  'account.exists': { label: 'user exists' },
  'account.unconfirmed': { label: 'account is unconfirmed' },
  'account.confirmed': { label: 'account is confirmed' },
  'account.still-confirmed': { label: 'account still exists and is confirmed' },
  'confirmation-code.match': { label: 'code matches the one sent' },
  'confirmation-code.fresh': { label: 'code is the latest and under 24 hours old' },
  'password.verifier': { label: 'password matches the stored verifier' },
  'srp.a-value': { label: 'SRP_A is a legal value' },
  'srp.challenge-name': { label: 'challenge is PASSWORD_VERIFIER' },
  'srp.secret-block': { label: 'SECRET_BLOCK names a challenge this pool issued' },
  'srp.challenge-open': { label: 'challenge is still open' },
  'srp.username': { label: 'USERNAME is the user the challenge was issued to' },
  'srp.timestamp-format': { label: 'TIMESTAMP is well formed' },
  'srp.timestamp-skew': { label: 'TIMESTAMP is within 5 minutes of the pool clock' },
  'srp.proof': { label: 'password proof matches the stored verifier' },
  'refresh-token.format': { label: 'token is a refresh token' },
  'refresh-token.issued-here': { label: 'refresh token was issued by this pool' },
  'refresh-token.client': { label: 'refresh token belongs to this client' },
  'refresh-token.not-revoked': { label: 'refresh token has not been revoked' },
  'refresh-token.age': { label: 'refresh token is under 30 days old' },

  // The user pool checking an access token it issued (GetUser, GlobalSignOut, ...).
  'access-token.size': { label: 'token is under 8 KiB' },
  'access-token.kid': { label: 'kid names a published access-token key' },
  'access-token.signature': { label: 'signature is valid' },
  'access-token.expiry': { label: 'token has not expired' },
  'access-token.issuer': { label: 'issuer is this pool' },
  'access-token.token-use': { label: 'token_use is access' },
  'access-token.client-id': { label: 'client_id is this app client' },
  'access-token.session': { label: 'token belongs to a sign-in of this pool' },
  'access-token.not-revoked': { label: 'token has not been revoked' },

  // API Gateway: routing and its Cognito authorizer (which then runs the jwt.* checks).
  'api-gateway.route-exists': {
    label: 'the API has a method for this path (GET /orders/{id}, /me, /iam/orders/{id})'
  },
  'api-gateway.token-present': { label: 'Authorization header holds a token' },
  'api-gateway.identity-validation': { label: 'aud matches the authorizer’s identityValidationExpression' },
  // A method with OAuth scopes: the access token's `scope` must name one of them.
  'api-gateway.scope': { label: 'the access token’s scope includes one of the method’s OAuth scopes' },
  // An AWS_IAM method: after the SigV4 check, the caller's role must allow execute-api:Invoke on the method.
  'api-gateway.invoke-permission': { label: 'the caller’s role may invoke this method (execute-api:Invoke)' },

  // Lambda: who may invoke, and what the Orders function itself decides.
  'lambda.invoke-permission': {
    label: 'the function’s resource-based policy (or the caller’s own role) lets the caller invoke it'
  },
  'lambda.function-name': { label: 'FunctionName fits Lambda’s pattern and length' },
  'lambda.function-exists': { label: 'function exists' },
  'get-order.order-id': { label: 'path names an order' },
  'get-order.caller-known': { label: 'the authorizer says who is asking' },
  'get-order.dynamodb-answered': { label: 'DynamoDB answered' },
  'get-order.order-exists': { label: 'order exists' },
  'get-order.owner': { label: 'order belongs to the caller' },
  'get-profile.caller-known': { label: 'the authorizer handed over the caller’s claims' },

  // AWS request signing and IAM.
  'sigv4.signature': { label: 'request is signed with valid AWS credentials (SigV4)' },
  'iam.permission': { label: 'the caller’s role may perform the action on the resource' },
  'iam.session-policy': {
    label: 'the session policy passed when the credentials were issued also allows the action'
  },
  'iam.trust-policy': { label: 'the role’s trust policy allows sts:AssumeRoleWithWebIdentity' },

  // Every endpoint: the router's cap on a request body (edges.ts).
  'request.body-size': { label: 'request body is within the service’s size limit' },

  // DynamoDB.
  'dynamodb.table-exists': { label: 'table exists' },
  'dynamodb.key-schema': { label: 'key matches the table’s key schema' },
  'dynamodb.item-key': { label: 'item has the table’s key attributes' },
  'dynamodb.item-size': { label: 'item is at most 400 KB' },
  'dynamodb.item-found': { label: 'item found' },
  'dynamodb.key-condition': { label: 'key condition names the partition key' },

  // The identity pool: identities, logins, roles and credentials.
  'identity-pool.exists': { label: 'identity pool exists' },
  'identity-pool.guest-enabled': { label: 'guest access is enabled' },
  'identity-pool.classic-flow': { label: 'the pool allows the basic (classic) flow (AllowClassicFlow)' },
  'identity-pool.classic-flow-no-role-mappings': {
    label: 'the pool has no role mappings (the basic flow cannot apply them)'
  },
  'identity-pool.login-known': { label: 'login already has an identity (same login, same identity id)' },
  'identity-pool.identity-created': { label: 'new identity created for this login' },
  'identity-pool.identity-exists': { label: 'identity exists in this pool' },
  'identity-pool.identity-not-merged': { label: 'identity is still in use' },
  'identity-pool.login-required': {
    label: 'a login token proves the caller may use this authenticated identity'
  },
  'identity-pool.guest-merged': { label: 'guest identity merged into the identity that owns the login' },
  'identity-pool.guest-linked': { label: 'guest identity linked to the login (now authenticated)' },
  'identity-pool.logins-match': { label: 'the logins belong to this identity' },
  'identity-pool.login-provider': { label: 'Logins key is a provider of this identity pool' },
  'identity-pool.login-issuer': { label: 'iss matches the provider name' },
  'identity-pool.role-mapping': { label: 'the provider has a role mapping (Token or Rules)' },
  'identity-pool.token-role': {
    label: 'the token names one role (cognito:preferred_role, or a single cognito:roles)'
  },
  'identity-pool.role-rule': { label: 'a role mapping rule matches the token’s claims' },
  'identity-pool.role-chosen': { label: 'a role is chosen for this login' },
  'identity-pool.sts-credentials': { label: 'STS issued credentials for the role' },

  // STS: AssumeRoleWithWebIdentity (then the jwt.* checks and iam.trust-policy).
  'sts.parameters': { label: 'parameters are valid' },
  'sts.trusted-issuer': { label: 'issuer is a provider STS trusts' },
  'sts.audience-present': { label: 'token names an audience (aud)' },
  'sts.role-exists': { label: 'role exists' },
  'sts.duration': { label: 'DurationSeconds within the role’s maximum' },
  'sts.session-policy': { label: 'the session policy (Policy) is a valid policy document' },

  // S3 (then sigv4.signature, iam.permission and iam.session-policy).
  's3.content-sha256-present': { label: 'x-amz-content-sha256 header is present' },
  's3.content-sha256': { label: 'x-amz-content-sha256 is the body’s SHA-256 (or UNSIGNED-PAYLOAD)' },
  's3.object-stored': { label: 'object stored' },
  's3.object-found': { label: 'object exists (key found)' },
  's3.listed': { label: 'keys listed under the prefix' },
  // Managed login (the user pool's domain): /oauth2/authorize, the login page, /oauth2/token, /oauth2/userInfo.
  'managed-login.path': { label: 'path is an endpoint of the user pool domain' },
  'managed-login.client': { label: 'client_id is an app client of this pool' },
  'managed-login.redirect-uri': { label: 'redirect_uri is one of the app client’s callback URLs' },
  'managed-login.response-type': { label: 'response_type is a grant the app client allows' },
  'managed-login.scope': { label: 'every requested scope is allowed for the app client' },
  'managed-login.pkce-method': { label: 'code_challenge_method is S256' },
  'managed-login.credentials': { label: 'username and password match (the page checks them, not the app)' },
  'oauth.grant-type': { label: 'grant_type is authorization_code' },
  'oauth.parameters': { label: 'the required parameters are present' },
  'oauth.code-exists': { label: 'the code was issued by this pool' },
  'oauth.code-unused': { label: 'the code has not been redeemed before (single use)' },
  'oauth.code-unexpired': { label: 'the code is less than 5 minutes old' },
  'oauth.code-client': { label: 'client_id and redirect_uri are those the code was issued for' },
  'oauth.pkce': { label: 'BASE64URL(SHA-256(code_verifier)) equals the code_challenge' },
  'oauth.openid-scope': { label: 'the access token has the openid scope' }
} as const satisfies Record<string, { label: string }>;

export type CheckId = keyof typeof CHECKS;

export function isCheckId(value: string): value is CheckId {
  return Object.hasOwn(CHECKS, value);
}
