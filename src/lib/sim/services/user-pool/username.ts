// How this user pool reads and compares usernames: the model's constraints, and the one rule for "same user".

import { serviceError, type ServiceError } from '../../http';

/**
 * UsernameConfiguration.CaseSensitive. The API's default is `true`; the console creates new pools with
 * `false` (and AWS recommends it), which is how the simulated pool is set up: `Alice`, `alice` and `ALICE`
 * are one user, and a second sign-up in another case is refused as the same name.
 */
export interface UsernameConfiguration {
  readonly caseSensitive: boolean;
}

export const NEW_POOL_USERNAMES: UsernameConfiguration = { caseSensitive: false };

/**
 * The key two usernames are compared by: the name itself when the pool is case-sensitive, otherwise its
 * lower case (`String.prototype.toLowerCase`: Unicode's default case mapping, independent of any locale,
 * so `İ` and `ß` fold the same for every visitor). No Unicode normalisation: AWS documents none, so a
 * composed `é` (U+00E9) and `e` + U+0301 are two different usernames here; an app that wants them to be one
 * user normalises (NFC) before it calls. Every lookup of an account goes through this function.
 */
export function usernameKey(username: string, config: UsernameConfiguration = NEW_POOL_USERNAMES): string {
  return config.caseSensitive ? username : username.toLowerCase();
}

export function sameUsername(
  a: string,
  b: string,
  config: UsernameConfiguration = NEW_POOL_USERNAMES
): boolean {
  return usernameKey(a, config) === usernameKey(b, config);
}

/** The model's UsernameType: 1 to 128 characters of letters, marks, symbols, numbers and punctuation. */
export const USERNAME_MAX = 128;
export const USERNAME_PATTERN_TEXT = '[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+';
const USERNAME_PATTERN = new RegExp(`^${USERNAME_PATTERN_TEXT}$`, 'u');
/** The model's PasswordType: at most 256 characters. */
export const PASSWORD_MAX = 256;

/** Characters as the model counts length (code points: an emoji is one). */
const lengthOf = (text: string) => [...text].length;

/**
 * The model's constraints on a Username member (and a Password one, when given), as Cognito reports them:
 * an InvalidParameterException "N validation error(s) detected: …" listing each violation. Both members are
 * sensitive, so the message names where, never the value.
 */
export function memberViolations(members: { username?: string; password?: string }): string[] {
  const violations: string[] = [];
  const { username, password } = members;
  if (username !== undefined) {
    if (lengthOf(username) > USERNAME_MAX)
      violations.push(
        `Value at 'username' failed to satisfy constraint: Member must have length less than or equal to ${USERNAME_MAX}`
      );
    if (!USERNAME_PATTERN.test(username))
      violations.push(
        `Value at 'username' failed to satisfy constraint: Member must satisfy regular expression pattern: ${USERNAME_PATTERN_TEXT}`
      );
  }
  if (password !== undefined && lengthOf(password) > PASSWORD_MAX) {
    violations.push(
      `Value at 'password' failed to satisfy constraint: Member must have length less than or equal to ${PASSWORD_MAX}`
    );
  }
  return violations;
}

export function validationFailure(violations: readonly string[], reason: string): ServiceError {
  const count = violations.length;
  return serviceError(
    'InvalidParameterException',
    `${count} validation error${count === 1 ? '' : 's'} detected: ${violations.join('; ')}`,
    reason
  );
}
