// What each AWS error code the simulation returns means for a learner, in one or two sentences.

const NOTES: ReadonlyMap<string, string> = new Map([
  [
    'MissingAuthenticationTokenException',
    'The request carries no AWS signature. AWS APIs only accept requests signed with AWS credentials (SigV4); a user-pool JWT in Authorization does not count — trade it for credentials at the identity pool first.'
  ],
  [
    'AccessDeniedException',
    'The signature was fine (AWS knows who is calling), but the role’s IAM policies do not allow this action on this resource.'
  ],
  [
    'UnrecognizedClientException',
    'AWS does not know this access key, or its session token does not belong to it.'
  ],
  [
    'InvalidSignatureException',
    'AWS recomputed the signature over the request it received, with the secret it holds for the access key, and got a different value (or the signature is too old).'
  ],
  ['IncompleteSignatureException', 'The Authorization header is not a complete SigV4 signature.'],
  ['ExpiredTokenException', 'The temporary credentials have expired. Get fresh ones from the identity pool.'],
  ['ExpiredToken', 'The web identity token has expired. Get a fresh one and try again.'],
  [
    'InvalidIdentityToken',
    'STS could not validate the web identity token (its signature, issuer or format).'
  ],
  ['IDPRejectedClaim', 'The identity provider’s token was rejected (expired, or not trusted).'],
  [
    'AccessDenied',
    'STS refused to assume the role: usually its trust policy does not trust this identity (wrong identity pool in aud, or wrong amr).'
  ],
  ['ValidationError', 'A parameter of the request is missing or malformed.'],
  [
    'NotAuthorizedException',
    'Cognito refused the credentials or token: a wrong password, an invalid or expired token, or a login the pool does not accept.'
  ],
  ['UserNotConfirmedException', 'The account exists but was never confirmed with its verification code.'],
  ['UsernameExistsException', 'An account with this username already exists.'],
  ['CodeMismatchException', 'The verification code is wrong.'],
  ['ExpiredCodeException', 'The verification code has expired; ask for a new one.'],
  ['InvalidPasswordException', 'The password does not meet the pool’s password policy.'],
  ['UserNotFoundException', 'No such user in the pool.'],
  ['InvalidParameterException', 'A parameter is missing or has an invalid value.'],
  ['ResourceNotFoundException', 'The named resource (table, pool, identity) does not exist.'],
  ['ResourceConflictException', 'The request conflicts with the current state of the resource.'],
  ['UnauthorizedException', 'API Gateway’s authorizer refused the token; the function was never called.'],
  ['InternalErrorException', 'The simulation itself failed; this is a bug, not AWS behaviour.']
]);

export function explainErrorCode(code: string): string | undefined {
  return NOTES.get(code);
}
