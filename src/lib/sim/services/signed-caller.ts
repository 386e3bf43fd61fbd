// Who is calling, for any AWS service that takes SigV4-signed requests (DynamoDB, API Gateway's AWS_IAM methods):
// the signature recomputed with the secret STS issued for the access key, and the session and role behind it.

import { verifySigV4 } from '../crypto/sigv4';
import type { Role } from '../iam/roles';
import type { RequestContext } from '../iam/variables';
import type { ExchangeContext, ServiceEnv } from '../service';
import type { IssuedSession } from './sts';

export type SignedCaller =
  | { ok: true; session: IssuedSession; role: Role; now: number }
  /** Refused, with the code and message a client reads and the service's reason in plain words. */
  | { ok: false; code: string; message: string; reason: string };

/**
 * Verifies the request's signature for `service` (recording the verifier's working and the `sigv4.signature`
 * check) and finds the session and role of its access key.
 */
export async function signedCaller(
  request: Request,
  service: string,
  env: Pick<ServiceEnv, 'config' | 'roles' | 'credentials'>,
  ctx: ExchangeContext
): Promise<SignedCaller> {
  const now = ctx.clock.now();
  const verdict = await verifySigV4(request, {
    now,
    region: env.config.region,
    service,
    lookupCredentials: (accessKeyId) => env.credentials.lookup(accessKeyId),
    lookupSessionToken: (token) => env.credentials.lookupSessionToken(token)
  });
  // The verifier's own working, as it verified (absent only when it refused before it held a secret).
  if (verdict.working !== undefined) ctx.recordSigV4(verdict.working);
  if (!verdict.ok) {
    ctx.check('sigv4.signature', false, `${verdict.code}: ${verdict.reason}`);
    return { ok: false, code: verdict.code, message: verdict.message, reason: verdict.reason };
  }
  const session = env.credentials.lookup(verdict.accessKeyId);
  const role = session === undefined ? undefined : env.roles.get(session.roleArn);
  ctx.check('sigv4.signature', true, `${verdict.accessKeyId} (${session?.assumedRoleArn ?? '?'})`);
  if (session === undefined || role === undefined) {
    // verifySigV4 found the key, so the session exists; a missing role means it was deleted since.
    return {
      ok: false,
      code: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
      reason: 'The role behind these credentials no longer exists.'
    };
  }
  return { ok: true, session, role, now };
}

/** The request context IAM evaluates a signed call in: the session's variables and the global keys. */
export function callerContext(session: IssuedSession, now: number): RequestContext {
  return {
    ...session.variables,
    'aws:userid': session.assumedRoleId,
    'aws:PrincipalArn': session.roleArn,
    'aws:PrincipalType': 'AssumedRole',
    'aws:SecureTransport': 'true',
    'aws:CurrentTime': new Date(now).toISOString(),
    'aws:EpochTime': String(Math.floor(now / 1000))
  };
}
