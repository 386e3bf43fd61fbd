// STS's errors for AssumeRoleWithWebIdentity: AWS's codes, statuses and wording, with the true reason for learners.

import { serviceError, type ServiceError } from '../../http';

export type StsErrorCode =
  | 'AccessDenied'
  | 'InvalidIdentityToken'
  | 'ExpiredTokenException'
  | 'ValidationError'
  | 'MalformedPolicyDocument'
  | 'InvalidAction'
  | 'MissingAction';

function error(code: StsErrorCode, message: string, reason: string, status = 400): ServiceError {
  return serviceError(code, message, reason, status);
}

export const stsErrors = {
  /** STS says the same whether the role is missing or its trust policy refuses: it does not reveal which. */
  accessDenied: (reason: string) =>
    error('AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity', reason, 403),
  /** The message from the STS API reference for InvalidIdentityToken. */
  invalidToken: (reason: string) =>
    error(
      'InvalidIdentityToken',
      'The web identity token that was passed could not be validated by AWS. Get a new identity token from the identity provider and then retry the request.',
      reason
    ),
  notAJwt: (reason: string) =>
    error(
      'InvalidIdentityToken',
      'The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)',
      reason
    ),
  unknownProvider: (issuer: string) =>
    error(
      'InvalidIdentityToken',
      `No OpenIDConnect provider found in your account for ${issuer}`,
      `No identity provider with the issuer ${JSON.stringify(issuer)} is known to STS in this account. The identity pool's own issuer is built in; any other would have to be registered as an IAM OIDC provider.`
    ),
  incorrectAudience: (reason: string) => error('InvalidIdentityToken', 'Incorrect token audience', reason),
  /** Seconds, as STS writes them. */
  expiredToken: (nowSeconds: number, expSeconds: number, reason: string) =>
    error(
      'ExpiredTokenException',
      `Token expired: current date/time ${nowSeconds} must be before the expiration date/time ${expSeconds}`,
      reason
    ),
  validation: (problems: string[], reason: string) =>
    error(
      'ValidationError',
      `${problems.length} validation error${problems.length === 1 ? '' : 's'} detected: ${problems.join('; ')}`,
      reason
    ),
  durationTooLong: (reason: string) =>
    error(
      'ValidationError',
      'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
      reason
    ),
  /**
   * A session policy (`Policy`) STS cannot read as a policy document: `MalformedPolicyDocument`, HTTP 400, with
   * the specific problem in the message (the STS API reference: "The error message describes the specific error").
   */
  malformedPolicy: (problem: string) =>
    error(
      'MalformedPolicyDocument',
      problem,
      `The Policy parameter is not a valid policy document: ${problem} A session policy must be a JSON IAM policy naming no Principal.`
    ),
  missingAction: () =>
    error(
      'MissingAction',
      'Missing Action',
      'The request names no Action: the query protocol needs Action=<operation>.'
    ),
  invalidAction: (action: string) =>
    error(
      'InvalidAction',
      `Could not find operation ${action} for version ${'2011-06-15'}`,
      `This simulated STS only implements AssumeRoleWithWebIdentity, not ${action}.`
    )
};
