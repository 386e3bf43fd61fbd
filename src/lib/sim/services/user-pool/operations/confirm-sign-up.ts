// ConfirmSignUp: the emailed code moves the account from UNCONFIRMED to CONFIRMED (the account machine decides).

import { carryFound, inBody } from '../../../carried';
import { isServiceError, requireString } from '../../../http';
import type { ExchangeContext } from '../../../service';
import { userPoolErrors } from '../errors';
import { checkClient, findAccount, type UserPoolState } from '../pool-state';
import { memberViolations, validationFailure } from '../username';

export async function confirmSignUp(
  pool: UserPoolState,
  input: Record<string, unknown>,
  ctx: ExchangeContext
) {
  carryFound(ctx, input.ConfirmationCode, 'confirmation-code', inBody('ConfirmationCode'));
  const clientId = requireString(input, 'ClientId');
  if (isServiceError(clientId)) return clientId;
  const badClient = checkClient(pool, ctx, clientId);
  if (badClient) return badClient;
  const username = requireString(input, 'Username');
  if (isServiceError(username)) return username;
  const usernameProblems = memberViolations({ username });
  if (usernameProblems.length > 0) {
    return validationFailure(
      usernameProblems,
      'Usernames are 1 to 128 letters, marks, symbols, numbers or punctuation: no account can have this one.'
    );
  }
  const code = requireString(input, 'ConfirmationCode');
  if (isServiceError(code)) return code;

  const account = findAccount(pool, username);
  if (!ctx.check('account.exists', account !== undefined, username) || !account) {
    // With user-existence errors prevented, an unknown name must not say so. Cognito documents only
    // "a response indicating a code was sent" for these APIs; we answer as for a wrong code.
    return userPoolErrors.codeMismatch(
      `No user named ${username} exists; the pool answers as if the code were wrong, so the name's existence is not revealed.`
    );
  }
  const before = account.getSnapshot();
  if (!ctx.check('account.unconfirmed', before.value === 'unconfirmed')) {
    return userPoolErrors.alreadyConfirmed(`${before.context.username} is already confirmed.`);
  }

  account.send({ type: 'CONFIRM', code, at: ctx.clock.now() });
  const after = account.getSnapshot();
  const refusal = after.value === 'confirmed' ? null : after.context.lastCodeRefusal;
  ctx.check('confirmation-code.match', refusal !== 'mismatch');
  if (refusal === 'mismatch') {
    return userPoolErrors.codeMismatch(`${code} is not the code sent to ${after.context.email}.`);
  }
  ctx.check('confirmation-code.fresh', refusal === null);
  if (refusal === 'expired') {
    return userPoolErrors.expiredCode(
      `The code was sent more than 24 hours ago (world clock); request a new one.`
    );
  }
  if (refusal === 'superseded') {
    return userPoolErrors.expiredCode('A newer code was sent since this one; only the latest code works.');
  }
  return {};
}
