// SignUp: creates an UNCONFIRMED account (salt + SRP verifier, never the password) and emails a code.

import { carryFound, inBody } from '../../../carried';
import { requireString, isServiceError, serviceError } from '../../../http';
import type { ExchangeContext } from '../../../service';
import { sendConfirmationCode, type CodeDeliveryDetails } from '../delivery';
import { userPoolErrors } from '../errors';
import { attributeList } from '../input';
import { passwordPolicyViolation } from '../password-policy';
import { checkClient, createAccount, findAccount, type UserPoolState } from '../pool-state';

/** The botocore model's UsernameType pattern. */
const USERNAME_PATTERN = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u;
const EMAIL_PATTERN = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export interface SignUpOutput {
  UserConfirmed: false;
  UserSub: string;
  CodeDeliveryDetails: CodeDeliveryDetails;
}

export async function signUp(pool: UserPoolState, input: Record<string, unknown>, ctx: ExchangeContext) {
  carryFound(ctx, input.Password, 'password', inBody('Password'));
  const clientId = requireString(input, 'ClientId');
  if (isServiceError(clientId)) return clientId;
  const badClient = checkClient(pool, ctx, clientId);
  if (badClient) return badClient;
  const username = requireString(input, 'Username');
  if (isServiceError(username)) return username;
  if (!ctx.check('sign-up.username-format', USERNAME_PATTERN.test(username))) {
    return serviceError(
      'InvalidParameterException',
      "1 validation error detected: Value at 'username' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+",
      `The username ${JSON.stringify(username)} contains characters a username may not have.`
    );
  }
  const password = requireString(input, 'Password');
  if (isServiceError(password)) return password;

  const violation = passwordPolicyViolation(password);
  if (!ctx.check('sign-up.password-policy', violation === undefined, violation?.explain)) {
    return userPoolErrors.invalidPassword(
      violation?.rule ?? '',
      `The password has ${violation?.explain}: the pool requires 8+ characters with upper and lower case, a digit and a symbol.`
    );
  }

  const attributes = attributeList(input, 'UserAttributes');
  if (isServiceError(attributes)) return attributes;
  const email = attributes.get('email');
  if (!ctx.check('sign-up.email-present', email !== undefined && email !== '') || email === undefined) {
    return userPoolErrors.invalidParameter(
      'Attributes did not conform to the schema: email: The attribute is required',
      'This pool requires an email address: it is where the confirmation code goes.'
    );
  }
  if (!ctx.check('sign-up.email-format', EMAIL_PATTERN.test(email), email)) {
    return userPoolErrors.invalidParameter(
      'Invalid email address format.',
      `${email} is not an email address.`
    );
  }

  const existing = findAccount(pool, username);
  if (!ctx.check('sign-up.username-free', existing === undefined, username)) {
    return userPoolErrors.usernameExists(
      `An account named ${existing?.getSnapshot().context.username} already exists.`
    );
  }

  const account = await createAccount(pool, { username, password, email });
  const output: SignUpOutput = {
    UserConfirmed: false,
    UserSub: account.getSnapshot().context.sub,
    CodeDeliveryDetails: sendConfirmationCode(pool, account)
  };
  return output;
}
