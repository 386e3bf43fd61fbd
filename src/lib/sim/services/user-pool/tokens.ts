// Minting the pool's ID and access tokens (RS256 JWTs, jose), its opaque refresh tokens, and reading access tokens back.

import { SignJWT, decodeProtectedHeader, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import type { TokenFamilyContext } from './user-account';
import type { ServiceError } from '../../http';
import type { Random } from '../../random';
import type { ExchangeContext } from '../../service';
import { toBase64Url } from './encoding';
import { userPoolErrors } from './errors';
import type { TokenFamilyActor, UserAccountActor, UserPoolState } from './pool-state';
import { usernameKey } from './username';

/** ID and access token validity: 1 hour (Cognito allows 5 minutes to 1 day; 1 hour is the default). */
export const TOKEN_LIFETIME_SECONDS = 3600;

/** The access token's scope when it comes from the user pool API rather than the hosted UI. */
export const ACCESS_TOKEN_SCOPE = 'aws.cognito.signin.user.admin';

/** A token over 8 KiB is refused before anything in it is decoded: size is checked first, parsing costs. */
const MAX_TOKEN_LENGTH = 8 * 1024;

export interface IdTokenClaims extends JWTPayload {
  sub: string;
  'cognito:groups'?: string[];
  'cognito:roles'?: string[];
  'cognito:preferred_role'?: string;
  email_verified: boolean;
  iss: string;
  'cognito:username': string;
  origin_jti: string;
  aud: string;
  event_id: string;
  token_use: 'id';
  auth_time: number;
  exp: number;
  iat: number;
  jti: string;
  email: string;
}

export interface AccessTokenClaims extends JWTPayload {
  sub: string;
  'cognito:groups'?: string[];
  iss: string;
  client_id: string;
  origin_jti: string;
  event_id: string;
  token_use: 'access';
  scope: string;
  auth_time: number;
  exp: number;
  iat: number;
  jti: string;
  username: string;
}

/** The IAM roles of the user's groups, and the preferred one (lowest precedence, if unique). */
function groupRoles(pool: UserPoolState, groups: string[]): { roles: string[]; preferred?: string } {
  const withRoles = groups
    .map((name) => pool.groups.get(name))
    .filter((group) => group?.roleArn !== undefined)
    .map((group) => ({
      roleArn: group?.roleArn ?? '',
      precedence: group?.precedence ?? Number.MAX_SAFE_INTEGER
    }));
  const roles = [...new Set(withRoles.map((group) => group.roleArn))];
  const best = Math.min(...withRoles.map((group) => group.precedence));
  const winners = withRoles.filter((group) => group.precedence === best);
  // Cognito: with equal precedence, "neither role takes precedence" and no preferred role is set.
  const preferred =
    new Set(winners.map((group) => group.roleArn)).size === 1 ? winners[0]?.roleArn : undefined;
  return preferred === undefined ? { roles } : { roles, preferred };
}

/** Signs a fresh ID and access token for one account, in the given token family, at `nowMs`. */
export async function mintTokens(
  pool: UserPoolState,
  account: UserAccountActor,
  family: TokenFamilyContext,
  nowMs: number
): Promise<{ idToken: string; accessToken: string }> {
  const { context } = account.getSnapshot();
  const { random } = pool.env;
  const iat = Math.floor(nowMs / 1000);
  const exp = iat + TOKEN_LIFETIME_SECONDS;
  const groups = context.groups.length > 0 ? { 'cognito:groups': [...context.groups] } : {};
  const { roles, preferred } = groupRoles(pool, context.groups);

  // Claim order follows real Cognito tokens, so the inspector shows them as a learner will meet them.
  const idClaims: IdTokenClaims = {
    sub: context.sub,
    ...groups,
    ...(roles.length > 0 ? { 'cognito:roles': roles } : {}),
    ...(preferred === undefined ? {} : { 'cognito:preferred_role': preferred }),
    email_verified: context.emailVerified,
    iss: pool.issuer,
    'cognito:username': context.username,
    origin_jti: family.originJti,
    aud: pool.clientId,
    event_id: family.eventId,
    token_use: 'id',
    auth_time: family.authTime,
    exp,
    iat,
    jti: random.uuid(),
    email: context.email
  };
  // No `aud` in an access token: its audience is the pool's own API, named by client_id and scope.
  const accessClaims: AccessTokenClaims = {
    sub: context.sub,
    ...groups,
    iss: pool.issuer,
    client_id: pool.clientId,
    origin_jti: family.originJti,
    event_id: family.eventId,
    token_use: 'access',
    scope: family.scope ?? ACCESS_TOKEN_SCOPE,
    auth_time: family.authTime,
    exp,
    iat,
    jti: random.uuid(),
    username: context.username
  };
  const idKey = pool.keyring.current('id');
  const accessKey = pool.keyring.current('access');
  const idToken = await new SignJWT(idClaims)
    .setProtectedHeader({ kid: idKey.kid, alg: 'RS256' })
    .sign(idKey.privateKey);
  const accessToken = await new SignJWT(accessClaims)
    .setProtectedHeader({ kid: accessKey.kid, alg: 'RS256' })
    .sign(accessKey.privateKey);
  return { idToken, accessToken };
}

/**
 * A refresh token: opaque to everyone but the pool. Cognito's are encrypted JWTs (JWE, five segments,
 * header {"cty":"JWT","enc":"A256GCM","alg":"RSA-OAEP"}); ours have that shape, with random segments the
 * pool only looks up. The client cannot read one, and does not need to.
 */
export function newRefreshToken(random: Random): string {
  const header = toBase64Url(new TextEncoder().encode('{"cty":"JWT","enc":"A256GCM","alg":"RSA-OAEP"}'));
  const encryptedKey = toBase64Url(random.bytes(256));
  const iv = toBase64Url(random.bytes(12));
  const ciphertext = toBase64Url(random.bytes(768));
  const tag = toBase64Url(random.bytes(16));
  return [header, encryptedKey, iv, ciphertext, tag].join('.');
}

/** What a verified access token names: its claims, its family and its account. */
export interface VerifiedAccessToken {
  claims: AccessTokenClaims;
  family: TokenFamilyActor;
  account: UserAccountActor;
}

function isAccessClaims(payload: JWTPayload): payload is AccessTokenClaims {
  return (
    typeof payload.sub === 'string' &&
    typeof payload.origin_jti === 'string' &&
    typeof payload.username === 'string' &&
    typeof payload.client_id === 'string' &&
    payload.token_use === 'access'
  );
}

/**
 * Verifies an access token the way the pool's own API does (GetUser, GlobalSignOut): signature by a
 * published access-token key, issuer, expiry, token_use, client, and, unlike a JWT library, revocation.
 */
export async function verifyAccessToken(
  pool: UserPoolState,
  ctx: ExchangeContext,
  token: string
): Promise<VerifiedAccessToken | ServiceError> {
  if (!ctx.check('access-token.size', token.length <= MAX_TOKEN_LENGTH, `${token.length} characters`)) {
    return userPoolErrors.invalidAccessToken('The token is longer than 8 KiB; it was not decoded.');
  }
  let kid: unknown;
  try {
    ({ kid } = decodeProtectedHeader(token));
  } catch {
    ctx.check('jwt.decodes', false);
    return userPoolErrors.invalidAccessToken('The AccessToken is not a JWT (three base64url segments).');
  }
  const key = typeof kid === 'string' ? pool.keyring.find(kid) : undefined;
  if (!ctx.check('access-token.kid', key?.use === 'access', `kid ${String(kid)}`) || !key) {
    return userPoolErrors.invalidAccessToken(
      `The token's kid (${String(kid)}) is not one of this pool's published access-token keys.`
    );
  }
  let payload: JWTPayload;
  try {
    // RFC 7519 §4.1.4: the token "MUST NOT be accepted for processing" on or after exp; jose refuses exp <= now.
    ({ payload } = await jwtVerify(token, key.publicKey, {
      algorithms: ['RS256'],
      currentDate: new Date(ctx.clock.now())
    }));
  } catch (thrown) {
    if (thrown instanceof joseErrors.JWTExpired) {
      ctx.check('access-token.signature', true);
      ctx.check('access-token.expiry', false, `exp ${String(thrown.payload.exp)}`);
      return userPoolErrors.accessTokenExpired(
        `The access token expired at ${new Date(Number(thrown.payload.exp) * 1000).toISOString()}.`
      );
    }
    ctx.check('access-token.signature', false);
    return userPoolErrors.invalidAccessToken(
      `The access token does not verify with key ${key.kid}: ${thrown instanceof Error ? thrown.message : String(thrown)}`
    );
  }
  ctx.check('access-token.signature', true);
  ctx.check('access-token.expiry', true);
  if (!ctx.check('access-token.issuer', payload.iss === pool.issuer, `iss ${String(payload.iss)}`)) {
    return userPoolErrors.invalidAccessToken(
      `The token was issued by ${String(payload.iss)}, not by this pool.`
    );
  }
  if (
    !ctx.check(
      'access-token.token-use',
      payload.token_use === 'access',
      `token_use ${String(payload.token_use)}`
    )
  ) {
    return userPoolErrors.invalidAccessToken(
      `The token's token_use is ${String(payload.token_use)}: only an access token is accepted here.`
    );
  }
  if (!isAccessClaims(payload) || !ctx.check('access-token.client-id', payload.client_id === pool.clientId)) {
    return userPoolErrors.invalidAccessToken("The token's claims do not name this pool's app client.");
  }
  const family = pool.families.get(payload.origin_jti);
  const account = pool.accounts.get(usernameKey(payload.username, pool.usernames));
  if (!family || !account || account.getSnapshot().context.sub !== payload.sub) {
    ctx.check('access-token.session', false);
    return userPoolErrors.invalidAccessToken('No sign-in of this pool minted this token.');
  }
  const revoked = family.getSnapshot().value === 'revoked';
  if (!ctx.check('access-token.not-revoked', !revoked, `origin_jti ${payload.origin_jti}`)) {
    const by = family.getSnapshot().context.revokedBy;
    return userPoolErrors.accessTokenRevoked(
      `The sign-in that minted this token (origin_jti ${payload.origin_jti}) was revoked by ${by ?? 'a sign-out'}; ` +
        'the signature and expiry are still fine, which is why a JWT library alone would accept it.'
    );
  }
  return { claims: payload, family, account };
}
