// Who is calling, for any AWS service that takes SigV4-signed requests (DynamoDB, API Gateway's AWS_IAM methods, S3):
// the signature recomputed with the secret STS issued for the access key, and the session and role behind it.

import { verifySigV4 } from '../crypto/sigv4';
import { evaluatePolicies, evaluateSessionPolicy, type Decision } from '../iam/evaluate';
import { decisionRecord } from '../iam/record';
import type { Role } from '../iam/roles';
import type { RequestContext } from '../iam/variables';
import type { ExchangeContext, ServiceEnv } from '../service';
import type { SigV4Record } from '../trace';
import type { IssuedSession } from './sts';

export type SignedCaller =
  | { ok: true; session: IssuedSession; role: Role; now: number }
  /** Refused, with the code and message a client reads and the service's reason in plain words. */
  | { ok: false; code: string; message: string; reason: string; working?: SigV4Record };

/**
 * Verifies the request's signature for `service` (recording the verifier's working and the `sigv4.signature`
 * check) and finds the session and role of its access key.
 */
export async function signedCaller(
  request: Request,
  service: string,
  env: Pick<ServiceEnv, 'config' | 'roles' | 'credentials'>,
  ctx: ExchangeContext,
  /** S3's flavour of SigV4 (path encoded once, payload hash from `x-amz-content-sha256`): see crypto/sigv4.ts. */
  options: { s3?: boolean } = {}
): Promise<SignedCaller> {
  const now = ctx.clock.now();
  const verdict = await verifySigV4(request, {
    now,
    region: env.config.region,
    service,
    lookupCredentials: (accessKeyId) => env.credentials.lookup(accessKeyId),
    lookupSessionToken: (token) => env.credentials.lookupSessionToken(token),
    ...(options.s3 === true ? { s3: true } : {})
  });
  // The verifier's own working, as it verified (absent only when it refused before it held a secret).
  if (verdict.working !== undefined) ctx.recordSigV4(verdict.working);
  if (!verdict.ok) {
    ctx.check('sigv4.signature', false, `${verdict.code}: ${verdict.reason}`);
    return {
      ok: false,
      code: verdict.code,
      message: verdict.message,
      reason: verdict.reason,
      ...(verdict.working === undefined ? {} : { working: verdict.working })
    };
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

/** What one IAM judgement of a signed call concluded: the role's decision and, for a scoped-down session, the session policy's. */
export interface ActionJudgement {
  allowed: boolean;
  decision: Decision;
  session?: Decision;
}

/**
 * Judges one action on one resource for a verified caller, as any AWS service does after SigV4: the role's
 * permission policies, and the session policy when the session has one (both must allow; either's explicit deny
 * denies). Records each decision in full and the `iam.permission` / `iam.session-policy` checks. `what` names
 * the resource in the trace's words (`table/Orders`, `object private/…/avatar.png`).
 */
export function judgeAction(
  caller: { session: IssuedSession; role: Role },
  request: { action: string; resource: string; what: string; context: RequestContext },
  ctx: ExchangeContext
): ActionJudgement {
  const { session, role } = caller;
  const { action, resource, what, context } = request;
  const decision = evaluatePolicies({ policies: role.permissionPolicies, action, resource, context });
  ctx.recordDecision(
    decisionRecord(decision, {
      label: `permissions of ${role.roleName} for ${action} on ${what}`,
      action,
      resource,
      principal: session.assumedRoleArn,
      context
    })
  );
  const permitted = ctx.check(
    'iam.permission',
    decision.allowed,
    `${role.roleName}, ${action} on ${what}: ${decision.explanation}`
  );
  if (session.sessionPolicy === undefined) return { allowed: permitted, decision };
  const scoped = evaluateSessionPolicy({
    policy: session.sessionPolicy,
    name: 'session policy',
    action,
    resource,
    context
  });
  ctx.recordDecision(
    decisionRecord(scoped, {
      label: `session policy of ${role.roleName}/${session.sessionName} for ${action} on ${what}`,
      action,
      resource,
      principal: session.assumedRoleArn,
      context
    })
  );
  ctx.check(
    'iam.session-policy',
    scoped.allowed,
    `session policy of ${session.assumedRoleArn}, ${action} on ${what}: ${scoped.explanation}`
  );
  return { allowed: permitted && scoped.allowed, decision, session: scoped };
}
