// InitiateAuth: USER_PASSWORD_AUTH, USER_SRP_AUTH (opens a PASSWORD_VERIFIER challenge) and REFRESH_TOKEN_AUTH.

import { createActor } from 'xstate';
import { signInChallengeMachine } from '../user-account';
import { checkSrpA, createVerifier, serverStartAuth } from '../../../crypto/srp';
import { carryFound, carryFoundToken, inBody } from '../../../carried';
import { isServiceError, requireString, type ServiceError } from '../../../http';
import type { ExchangeContext } from '../../../service';
import { hexToBytes, toBase64 } from '../encoding';
import { userPoolErrors } from '../errors';
import { stringMap } from '../input';
import { checkClient, decoyFor, findAccount, sendIfActive, type UserPoolState } from '../pool-state';
import { carryAuthenticationResult, completeSignIn } from '../sign-in';
import { TOKEN_LIFETIME_SECONDS, mintTokens } from '../tokens';

/** Every AuthFlow the API knows (botocore's AuthFlowType). */
const KNOWN_FLOWS = [
  'USER_SRP_AUTH',
  'REFRESH_TOKEN_AUTH',
  'REFRESH_TOKEN',
  'CUSTOM_AUTH',
  'ADMIN_NO_SRP_AUTH',
  'USER_PASSWORD_AUTH',
  'ADMIN_USER_PASSWORD_AUTH',
  'USER_AUTH'
];

/** Bytes of the pool's secret SRP exponent b. */
const SRP_SECRET_BYTES = 64;
/** Bytes behind a SECRET_BLOCK. Cognito's is an encrypted blob of about a kilobyte; ours names a session. */
const SECRET_BLOCK_BYTES = 512;

export async function initiateAuth(
  pool: UserPoolState,
  input: Record<string, unknown>,
  ctx: ExchangeContext
) {
  const clientId = requireString(input, 'ClientId');
  if (isServiceError(clientId)) return clientId;
  const flow = requireString(input, 'AuthFlow');
  if (isServiceError(flow)) return flow;
  if (!KNOWN_FLOWS.includes(flow)) {
    return userPoolErrors.invalidParameter(
      `1 validation error detected: Value '${flow}' at 'authFlow' failed to satisfy constraint: Member must satisfy enum value set: [${KNOWN_FLOWS.join(', ')}]`,
      `${flow} is not an authentication flow.`
    );
  }
  const badClient = checkClient(pool, ctx, clientId);
  if (badClient) return badClient;
  const parameters = stringMap(input, 'AuthParameters');
  if (isServiceError(parameters)) return parameters;
  carryAuthParameters(parameters, ctx);

  switch (flow) {
    case 'USER_PASSWORD_AUTH':
      return userPasswordAuth(pool, parameters, ctx);
    case 'USER_SRP_AUTH':
      return userSrpAuth(pool, parameters, ctx);
    case 'REFRESH_TOKEN_AUTH':
    case 'REFRESH_TOKEN':
      return refreshTokenAuth(pool, parameters, ctx);
    default:
      ctx.check('user-pool.auth-flow-enabled', false, flow);
      return userPoolErrors.invalidParameter(
        flow.startsWith('ADMIN_')
          ? 'Initiate Auth method not supported.'
          : `${flow} flow not enabled for this client`,
        `This app client allows USER_PASSWORD_AUTH, USER_SRP_AUTH and REFRESH_TOKEN_AUTH, not ${flow}.`
      );
  }
}

/** Records the secrets AuthParameters brought: a password, SRP's A, a refresh token. */
function carryAuthParameters(parameters: Map<string, string>, ctx: ExchangeContext): void {
  const where = (name: string) => inBody('AuthParameters', name);
  carryFound(ctx, parameters.get('PASSWORD'), 'password', where('PASSWORD'));
  carryFound(ctx, parameters.get('SRP_A'), 'srp-proof', where('SRP_A'));
  carryFoundToken(ctx, parameters.get('REFRESH_TOKEN'), 'refresh-token', where('REFRESH_TOKEN'));
}

function parameter(parameters: Map<string, string>, name: string): string | ServiceError {
  const value = parameters.get(name);
  return value === undefined || value === '' ? userPoolErrors.missingParameter(name) : value;
}

/** The password itself crosses the wire (inside TLS); the pool re-derives the verifier and compares. */
async function userPasswordAuth(pool: UserPoolState, parameters: Map<string, string>, ctx: ExchangeContext) {
  const username = parameter(parameters, 'USERNAME');
  if (isServiceError(username)) return username;
  const password = parameter(parameters, 'PASSWORD');
  if (isServiceError(password)) return password;

  const account = findAccount(pool, username);
  if (!ctx.check('account.exists', account !== undefined, username) || !account) {
    return userPoolErrors.incorrectCredentials(
      `No user named ${username} exists. User-existence errors are prevented, so the pool says the same as for a wrong password.`
    );
  }
  const { context } = account.getSnapshot();
  const { verifier } = await createVerifier({
    poolName: pool.poolName,
    username: context.username,
    password,
    salt: hexToBytes(context.salt)
  });
  if (!ctx.check('password.verifier', sameText(verifier, context.verifier))) {
    return userPoolErrors.incorrectCredentials(
      `The password does not produce the verifier stored for ${context.username}: it is the wrong password.`
    );
  }
  // Only a caller who knows the password learns that the account is unconfirmed.
  if (!ctx.check('account.confirmed', account.getSnapshot().value === 'confirmed')) {
    return userPoolErrors.notConfirmed(`${context.username} has not confirmed the emailed code yet.`);
  }
  return completeSignIn(pool, ctx, account);
}

/** 3072 bits are 768 hex digits; two more for a sign-padding "00". */
const SRP_A_MAX_HEX_DIGITS = 770;

/** SRP step 1: take A, answer with B, the salt and a SECRET_BLOCK naming this challenge. */
async function userSrpAuth(pool: UserPoolState, parameters: Map<string, string>, ctx: ExchangeContext) {
  const username = parameter(parameters, 'USERNAME');
  if (isServiceError(username)) return username;
  const A = parameter(parameters, 'SRP_A');
  if (isServiceError(A)) return A;

  // SRP_A is a number of the 3072-bit group in hex: Cognito's clients send at most 768 digits (some pad a
  // leading "00"). Text that is not hex, or longer than the group allows, is refused as a bad parameter
  // (InvalidParameterException is what Cognito answers for a tampered SRP_A, as reported publicly; its
  // wording is not published, so the message below is the simulation's own).
  const shapeProblem = !/^[0-9a-fA-F]+$/.test(A)
    ? 'SRP_A is not a hexadecimal number.'
    : A.length > SRP_A_MAX_HEX_DIGITS
      ? `SRP_A has ${A.length} hex digits; a number of the 3072-bit group has at most 768 (770 with a 00 pad).`
      : undefined;
  const problem = shapeProblem === undefined ? checkSrpA(A) : 'MalformedInput';
  if (!ctx.check('srp.a-value', problem === undefined, problem)) {
    if (shapeProblem !== undefined)
      return userPoolErrors.invalidParameter('Invalid SRP_A value.', shapeProblem);
    // RFC 5054 §2.5.4: "The host MUST abort the authentication attempt if A % N is zero." Cognito's
    // exact answer is not documented; we refuse the way every other failed sign-in is refused.
    return userPoolErrors.incorrectCredentials(
      'SRP_A is a multiple of N: accepting it would make the shared secret 0 and let anyone in.'
    );
  }

  const account = findAccount(pool, username);
  ctx.check(
    'account.exists',
    account !== undefined,
    account ? username : `${username}: none; a decoy challenge is sent`
  );
  const known = account?.getSnapshot().context;
  // AWS: for an unknown user "Amazon Cognito returns a simulated response in the first step as described
  // in RFC 5054", with "the same 'salt' and internal user id in UUID format for the same user name".
  const secrets = known
    ? { userIdForSrp: known.username, salt: known.salt, verifier: known.verifier }
    : await decoyFor(pool, username);

  const { B, b } = await serverStartAuth({
    verifier: secrets.verifier,
    bBytes: pool.env.random.bytes(SRP_SECRET_BYTES)
  });
  let secretBlock = toBase64(pool.env.random.bytes(SECRET_BLOCK_BYTES));
  while (pool.challenges.has(secretBlock)) secretBlock = toBase64(pool.env.random.bytes(SECRET_BLOCK_BYTES));

  const challenge = createActor(signInChallengeMachine, {
    input: {
      username: known?.username ?? username,
      userIdForSrp: secrets.userIdForSrp,
      accountExists: known !== undefined,
      A,
      B,
      b,
      salt: secrets.salt,
      verifier: secrets.verifier,
      secretBlock,
      issuedAt: ctx.clock.now()
    }
  }).start();
  pool.challenges.set(secretBlock, challenge);

  return {
    ChallengeName: 'PASSWORD_VERIFIER',
    ChallengeParameters: {
      SALT: secrets.salt,
      SECRET_BLOCK: secretBlock,
      SRP_B: B,
      USERNAME: secrets.userIdForSrp,
      USER_ID_FOR_SRP: secrets.userIdForSrp
    }
  };
}

/** New ID and access tokens from a refresh token; the refresh token itself is not replaced. */
async function refreshTokenAuth(pool: UserPoolState, parameters: Map<string, string>, ctx: ExchangeContext) {
  const refreshToken = parameter(parameters, 'REFRESH_TOKEN');
  if (isServiceError(refreshToken)) return refreshToken;

  const originJti = pool.refreshTokens.get(refreshToken);
  const family = originJti === undefined ? undefined : pool.families.get(originJti);
  if (!ctx.check('refresh-token.issued-here', family !== undefined) || !family) {
    return userPoolErrors.invalidRefreshToken('This pool never issued that refresh token.');
  }
  const now = ctx.clock.now();
  sendIfActive(family, { type: 'REFRESH', at: now });
  const snapshot = family.getSnapshot();
  if (!ctx.check('refresh-token.not-revoked', snapshot.value !== 'revoked')) {
    return userPoolErrors.refreshTokenRevoked(
      `The refresh token was revoked by ${snapshot.context.revokedBy ?? 'a sign-out'} at ${new Date(snapshot.context.revokedAt ?? 0).toISOString()}.`
    );
  }
  if (!ctx.check('refresh-token.age', snapshot.value === 'active')) {
    return userPoolErrors.refreshTokenExpired(
      'The refresh token is more than 30 days old: the user must sign in again.'
    );
  }
  const account = findAccount(pool, snapshot.context.username);
  if (!ctx.check('account.still-confirmed', account?.getSnapshot().value === 'confirmed') || !account) {
    return userPoolErrors.invalidRefreshToken(
      `The account ${snapshot.context.username} can no longer sign in.`
    );
  }
  const { idToken, accessToken } = await mintTokens(pool, account, snapshot.context, now);
  return carryAuthenticationResult(ctx, {
    AuthenticationResult: {
      AccessToken: accessToken,
      ExpiresIn: TOKEN_LIFETIME_SECONDS,
      IdToken: idToken,
      TokenType: 'Bearer'
    },
    ChallengeParameters: {}
  });
}

/** Compares two strings without stopping at the first difference. */
export function sameText(a: string, b: string): boolean {
  let difference = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++)
    difference |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return difference === 0;
}
