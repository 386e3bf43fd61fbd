// ResendConfirmationCode: a new code for an UNCONFIRMED account; the old one stops working.

import { isServiceError, requireString } from '../../../http';
import type { ExchangeContext } from '../../../service';
import { deliveryDetails, sendConfirmationCode } from '../delivery';
import { userPoolErrors } from '../errors';
import { checkClient, findAccount, type UserPoolState } from '../pool-state';
import { memberViolations, validationFailure } from '../username';

export async function resendConfirmationCode(
  pool: UserPoolState,
  input: Record<string, unknown>,
  ctx: ExchangeContext
) {
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

  const account = findAccount(pool, username);
  const exists = account !== undefined;
  if (
    !ctx.check(
      'account.exists',
      exists,
      exists ? username : `${username}: none; the pool pretends it sent a code`
    ) ||
    !account
  ) {
    // AWS: confirmation APIs "return a response indicating a code was sent to a simulated delivery
    // medium" when the user does not exist. Nothing is sent.
    return { CodeDeliveryDetails: deliveryDetails(`${username}@example.com`) };
  }
  if (!ctx.check('account.unconfirmed', account.getSnapshot().value === 'unconfirmed')) {
    return userPoolErrors.resendToConfirmed(
      `${account.getSnapshot().context.username} is already confirmed.`
    );
  }
  return { CodeDeliveryDetails: sendConfirmationCode(pool, account) };
}
