// SignUp: creates an UNCONFIRMED account (salt + SRP verifier, never the password) and emails a code.

import { carryFound, inBody } from '../../../carried';
import { requireString, isServiceError } from '../../../http';
import type { ExchangeContext } from '../../../service';
import { sendConfirmationCode, type CodeDeliveryDetails } from '../delivery';
import { userPoolErrors } from '../errors';
import { attributeList } from '../input';
import { passwordPolicyViolation } from '../password-policy';
import { checkClient, createAccount, findAccount, type UserPoolState } from '../pool-state';
import { memberViolations, validationFailure } from '../username';
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
  const password = requireString(input, 'Password');
  if (isServiceError(password)) return password;
  // The model's constraints (username 1–128 letters, marks, symbols, numbers, punctuation; password at most
  // 256 characters), all reported at once, before the pool's own password policy.
  const usernameProblems = memberViolations({ username });
  const passwordProblems = memberViolations({ password });
  ctx.check(
    'sign-up.username-format',
    usernameProblems.length === 0,
    usernameProblems.join('; ') || undefined
  );
  ctx.check('sign-up.password-length', passwordProblems.length === 0);
  if (usernameProblems.length > 0 || passwordProblems.length > 0) {
    return validationFailure(
      [...usernameProblems, ...passwordProblems],
      usernameProblems.length > 0
        ? `The username (${[...username].length} characters) must be 1 to 128 letters, marks, symbols, numbers or punctuation: no spaces or control characters.`
        : `The password has ${[...password].length} characters; Cognito accepts at most 256.`
    );
  }

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
