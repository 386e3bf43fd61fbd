// The user pool's AWS errors: one constructor per refusal, with Cognito's own wording and the true reason.

import { serviceError, type ServiceError } from '../../http';

/** The codes this service answers with (a stable union, as tests assert them). */
export type UserPoolErrorCode =
  | 'InvalidParameterException'
  | 'InvalidPasswordException'
  | 'UsernameExistsException'
  | 'CodeMismatchException'
  | 'ExpiredCodeException'
  | 'NotAuthorizedException'
  | 'UserNotConfirmedException'
  | 'ResourceNotFoundException'
  | 'UnsupportedTokenTypeException';

function error(code: UserPoolErrorCode, message: string, reason: string): ServiceError {
  return serviceError(code, message, reason);
}

export const userPoolErrors = {
  /** With user-existence errors prevented, an unknown user and a wrong password read the same. */
  incorrectCredentials: (reason: string) =>
    error('NotAuthorizedException', 'Incorrect username or password.', reason),
  notConfirmed: (reason: string) => error('UserNotConfirmedException', 'User is not confirmed.', reason),
  usernameExists: (reason: string) => error('UsernameExistsException', 'User already exists', reason),
  invalidPassword: (rule: string, reason: string) =>
    error('InvalidPasswordException', `Password did not conform with policy: ${rule}`, reason),
  codeMismatch: (reason: string) =>
    error('CodeMismatchException', 'Invalid verification code provided, please try again.', reason),
  expiredCode: (reason: string) =>
    error('ExpiredCodeException', 'Invalid code provided, please request a code again.', reason),
  alreadyConfirmed: (reason: string) =>
    error('NotAuthorizedException', 'User cannot be confirmed. Current status is CONFIRMED', reason),
  resendToConfirmed: (reason: string) =>
    error('InvalidParameterException', 'User is already confirmed.', reason),
  unknownClient: (clientId: string) =>
    error(
      'ResourceNotFoundException',
      `User pool client ${clientId} does not exist.`,
      `No app client of this user pool has the id ${clientId}.`
    ),
  missingParameter: (name: string) =>
    error('InvalidParameterException', `Missing required parameter ${name}`, `The request has no ${name}.`),
  invalidParameter: (message: string, reason: string) => error('InvalidParameterException', message, reason),
  invalidSession: (reason: string) =>
    error('NotAuthorizedException', 'Invalid session for the user.', reason),
  sessionExpired: (reason: string) =>
    error('NotAuthorizedException', 'Invalid session for the user, session is expired.', reason),
  invalidAccessToken: (reason: string) => error('NotAuthorizedException', 'Invalid Access Token', reason),
  accessTokenExpired: (reason: string) => error('NotAuthorizedException', 'Access Token has expired', reason),
  accessTokenRevoked: (reason: string) =>
    error('NotAuthorizedException', 'Access Token has been revoked', reason),
  invalidRefreshToken: (reason: string) => error('NotAuthorizedException', 'Invalid Refresh Token', reason),
  refreshTokenRevoked: (reason: string) =>
    error('NotAuthorizedException', 'Refresh Token has been revoked', reason),
  refreshTokenExpired: (reason: string) =>
    error('NotAuthorizedException', 'Refresh Token has expired', reason),
  unsupportedTokenType: (reason: string) =>
    error('UnsupportedTokenTypeException', 'Unsupported token type.', reason)
};
