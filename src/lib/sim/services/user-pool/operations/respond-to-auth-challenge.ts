// RespondToAuthChallenge PASSWORD_VERIFIER: checks the SRP proof against the stored verifier, then signs in.

import { serverVerifyClaim } from '../../../crypto/srp';
import { carryFound, inBody } from '../../../carried';
import { isServiceError, requireString } from '../../../http';
import type { ExchangeContext } from '../../../service';
import { parseSrpTimestamp } from '../encoding';
import { userPoolErrors } from '../errors';
import { stringMap } from '../input';
import { checkClient, findAccount, type UserPoolState } from '../pool-state';
import { completeSignIn } from '../sign-in';
import { sameUsername } from '../username';

/** How far TIMESTAMP may be from the pool's clock. Cognito does not document its window; we allow 5 minutes. */
export const SRP_TIMESTAMP_SKEW_MS = 5 * 60 * 1000;

const REQUIRED = [
  'USERNAME',
  'PASSWORD_CLAIM_SECRET_BLOCK',
  'PASSWORD_CLAIM_SIGNATURE',
  'TIMESTAMP'
] as const;

export async function respondToAuthChallenge(
  pool: UserPoolState,
  input: Record<string, unknown>,
  ctx: ExchangeContext
) {
  const clientId = requireString(input, 'ClientId');
  if (isServiceError(clientId)) return clientId;
  const challengeName = requireString(input, 'ChallengeName');
  if (isServiceError(challengeName)) return challengeName;
  const badClient = checkClient(pool, ctx, clientId);
  if (badClient) return badClient;
  if (!ctx.check('srp.challenge-name', challengeName === 'PASSWORD_VERIFIER', challengeName)) {
    return userPoolErrors.invalidParameter(
      `Invalid challenge name ${challengeName}`,
      `This pool only ever asks for PASSWORD_VERIFIER; no ${challengeName} challenge is open.`
    );
  }
  const responses = stringMap(input, 'ChallengeResponses');
  if (isServiceError(responses)) return responses;
  const proofAt = inBody('ChallengeResponses', 'PASSWORD_CLAIM_SIGNATURE');
  carryFound(ctx, responses.get('PASSWORD_CLAIM_SIGNATURE'), 'srp-proof', proofAt);
  for (const name of REQUIRED) {
    if (!responses.get(name)) return userPoolErrors.missingParameter(name);
  }
  const username = responses.get('USERNAME') ?? '';
  const secretBlock = responses.get('PASSWORD_CLAIM_SECRET_BLOCK') ?? '';
  const signature = responses.get('PASSWORD_CLAIM_SIGNATURE') ?? '';
  const timestamp = responses.get('TIMESTAMP') ?? '';

  const challenge = pool.challenges.get(secretBlock);
  if (!ctx.check('srp.secret-block', challenge !== undefined) || !challenge) {
    return userPoolErrors.invalidSession('No InitiateAuth of this pool issued that SECRET_BLOCK.');
  }
  if (!ctx.check('srp.challenge-open', challenge.getSnapshot().status === 'active')) {
    return userPoolErrors.invalidSession(
      'This challenge was already answered; a SECRET_BLOCK is good for one answer, so a replayed proof is refused.'
    );
  }
  const issued = challenge.getSnapshot().context;
  const now = ctx.clock.now();

  // Work out every reason to refuse before telling the challenge machine, which then decides its state.
  const sameUser = [issued.username, issued.userIdForSrp].some((name) =>
    sameUsername(name, username, pool.usernames)
  );
  ctx.check('srp.username', sameUser, username);
  const signedAt = parseSrpTimestamp(timestamp);
  const timestampOk = ctx.check('srp.timestamp-format', signedAt !== undefined, timestamp);
  const recent =
    signedAt !== undefined &&
    ctx.check(
      'srp.timestamp-skew',
      Math.abs(signedAt - now) <= SRP_TIMESTAMP_SKEW_MS,
      `${Math.round((signedAt - now) / 1000)} s from the pool's time`
    );
  const verdict = await serverVerifyClaim({
    poolName: pool.poolName,
    userIdForSrp: issued.userIdForSrp,
    A: issued.A,
    b: issued.b,
    verifier: issued.verifier,
    salt: issued.salt,
    secretBlock,
    timestamp,
    claimSignature: signature
  });
  const proofMatches = ctx.check(
    'srp.proof',
    verdict.ok && issued.accountExists,
    verdict.ok ? undefined : verdict.reason
  );

  challenge.send({ type: 'CLAIM', at: now, proofMatches: sameUser && timestampOk && recent && proofMatches });
  const outcome = challenge.getSnapshot().value;
  if (outcome === 'lapsed') {
    return userPoolErrors.sessionExpired(
      'The challenge was answered more than 3 minutes after it was issued.'
    );
  }
  if (outcome === 'refused') {
    const reason = !issued.accountExists
      ? `No user named ${issued.username} exists: this was a decoy challenge, which no proof can pass.`
      : !sameUser
        ? `The challenge was issued to ${issued.username}, but the answer names ${username}.`
        : !timestampOk
          ? `TIMESTAMP "${timestamp}" is not of the form "ddd MMM D HH:mm:ss UTC YYYY".`
          : !recent
            ? 'TIMESTAMP is more than 5 minutes away from the pool clock: a stale or replayed proof.'
            : `The password proof did not match the verifier stored for ${issued.username}.`;
    return userPoolErrors.incorrectCredentials(reason);
  }

  const account = findAccount(pool, issued.username);
  if (!account) return userPoolErrors.incorrectCredentials(`${issued.username} no longer exists.`);
  if (!ctx.check('account.confirmed', account.getSnapshot().value === 'confirmed')) {
    return userPoolErrors.notConfirmed(`${issued.username} has not confirmed the emailed code yet.`);
  }
  return completeSignIn(pool, ctx, account);
}
