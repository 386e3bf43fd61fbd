// Who is invoking a Lambda function, and whether the function's resource-based policy (or the caller's role) lets them.

/*
 * Two kinds of caller reach Invoke. An AWS service calling on a resource's behalf (API Gateway for one of its
 * methods) is known to the AWS network as that service's principal, and says which resource with
 * `aws:SourceArn`; only the function's resource-based policy can allow it. Anyone else must sign with SigV4:
 * the signature names a role session, and in the same account either the role's identity policies or the
 * function's policy may allow it (IAM guide, "Policy evaluation logic": an explicit deny in either wins).
 *
 * Refusals use Lambda's words: 403 AccessDeniedException "User: <principal> is not authorized to perform:
 * lambda:InvokeFunction on resource: <function ARN> because no resource-based policy allows the
 * lambda:InvokeFunction action" (or "... no identity-based policy ..." for a role of the account, "with an
 * explicit deny in a resource-based policy" for a Deny), the form Lambda returns to SDK callers (reported with
 * "Status Code: 403; Error Code: AccessDeniedException" in awslabs/aws-deployment-framework#460 and similar).
 * For a service principal Lambda's wording is not published; the same form names the service.
 *
 * A role session created with a session policy (Cognito's scope-down for guests) may use its identity policies
 * only as far as the session policy also allows: then the refusal reads "... because no session policy allows
 * ..." (or "with an explicit deny in a session policy"). A resource-based policy's Allow is not narrowed here:
 * the function policies of this world name service principals or the caller's session itself, which session
 * policies do not limit (IAM guide, session policies).
 */

import { verifySigV4 } from '../../crypto/sigv4';
import { serviceError, type ServiceError } from '../../http';
import {
  evaluatePolicies,
  evaluateResourcePolicy,
  evaluateSessionPolicy,
  type Decision,
  type TrustPrincipal
} from '../../iam/evaluate';
import type { PolicyDocument } from '../../iam/policy';
import { decisionRecord } from '../../iam/record';
import type { RequestContext } from '../../iam/variables';
import type { ExchangeContext, ServiceEnv } from '../../service';
import { SERVICE_PRINCIPALS } from './resource-policy';

export const INVOKE_ACTION = 'lambda:InvokeFunction';

/** The function being invoked, as its policy names it. */
export interface InvokeTarget {
  name: string;
  arn: string;
  /** Its resource-based policy; a function without one can only be invoked by its own account's roles. */
  policy?: PolicyDocument;
}

/** The caller once identified: the principal policies are matched against, and what the evaluator knows of it. */
export interface InvokeCaller {
  principal: TrustPrincipal;
  context: RequestContext;
  /** A role session's identity policies (none for a service principal). */
  identity?: {
    roleName: string;
    policies: { name: string; document: PolicyDocument }[];
    /** The session policy the session was created with, if any. */
    sessionPolicy?: PolicyDocument;
    sessionName?: string;
  };
}

type InvokeEnv = Pick<ServiceEnv, 'config' | 'roles' | 'credentials'>;

function timeContext(now: number): RequestContext {
  return {
    'aws:SecureTransport': 'true',
    'aws:CurrentTime': new Date(now).toISOString(),
    'aws:EpochTime': String(Math.floor(now / 1000))
  };
}

/** A service calling on a resource's behalf: `aws:SourceArn` is that resource, `aws:SourceAccount` its account. */
function serviceCaller(service: string, ctx: ExchangeContext): InvokeCaller {
  const { sourceArn } = ctx.caller;
  const sourceAccount = sourceArn?.split(':')[4];
  return {
    principal: { type: 'Service', id: service },
    context: {
      ...timeContext(ctx.clock.now()),
      ...(sourceArn === undefined ? {} : { 'aws:SourceArn': sourceArn }),
      ...(sourceAccount ? { 'aws:SourceAccount': sourceAccount } : {})
    }
  };
}

/** Anyone else proves who they are with SigV4, verified against the credentials STS issued. */
async function signedCaller(
  request: Request,
  ctx: ExchangeContext,
  env: InvokeEnv
): Promise<InvokeCaller | ServiceError> {
  const now = ctx.clock.now();
  const verdict = await verifySigV4(request, {
    now,
    region: env.config.region,
    service: 'lambda',
    lookupCredentials: (accessKeyId) => env.credentials.lookup(accessKeyId),
    lookupSessionToken: (token) => env.credentials.lookupSessionToken(token)
  });
  // The verifier's own working, as it verified (absent only when it refused before it held a secret).
  if (verdict.working !== undefined) ctx.recordSigV4(verdict.working);
  if (!verdict.ok) {
    ctx.check('sigv4.signature', false, `${verdict.code}: ${verdict.reason}`);
    // Lambda answers an unsigned call as the AWS front door does: 403 "Missing Authentication Token".
    return verdict.code === 'MissingAuthenticationTokenException'
      ? serviceError(verdict.code, 'Missing Authentication Token', verdict.reason, 403)
      : serviceError(verdict.code, verdict.message, verdict.reason, 403);
  }
  const session = env.credentials.lookup(verdict.accessKeyId);
  const role = session === undefined ? undefined : env.roles.get(session.roleArn);
  ctx.check('sigv4.signature', true, `${verdict.accessKeyId} (${session?.assumedRoleArn ?? '?'})`);
  if (session === undefined || role === undefined) {
    return serviceError(
      'UnrecognizedClientException',
      'The security token included in the request is invalid.',
      'The role behind these credentials no longer exists.',
      403
    );
  }
  return {
    principal: { type: 'AWS', id: session.assumedRoleArn },
    context: {
      ...session.variables,
      'aws:userid': session.assumedRoleId,
      'aws:PrincipalArn': session.roleArn,
      'aws:PrincipalType': 'AssumedRole',
      ...timeContext(now)
    },
    identity: {
      roleName: role.roleName,
      policies: role.permissionPolicies,
      sessionName: session.sessionName,
      ...(session.sessionPolicy === undefined ? {} : { sessionPolicy: session.sessionPolicy })
    }
  };
}

/** The evaluations IAM makes for this caller: the function's policy, and a role's own policies. */
function evaluateInvoke(caller: InvokeCaller, target: InvokeTarget, ctx: ExchangeContext): Decision[] {
  const asked = { action: INVOKE_ACTION, resource: target.arn, principal: caller.principal.id };
  const decisions: Decision[] = [];
  if (target.policy !== undefined) {
    const label = `resource-based policy of ${target.name}`;
    const decision = evaluateResourcePolicy({
      ...asked,
      policy: target.policy,
      name: label,
      principal: caller.principal,
      context: caller.context
    });
    ctx.recordDecision(decisionRecord(decision, { ...asked, label, context: caller.context }));
    decisions.push(decision);
  }
  if (caller.identity !== undefined) {
    const label = `permissions of ${caller.identity.roleName} for ${INVOKE_ACTION}`;
    const decision = evaluatePolicies({
      ...asked,
      policies: caller.identity.policies,
      context: caller.context
    });
    ctx.recordDecision(decisionRecord(decision, { ...asked, label, context: caller.context }));
    decisions.push(decision);
    const { sessionPolicy, sessionName, roleName } = caller.identity;
    if (sessionPolicy !== undefined) {
      const sessionLabel = `session policy of ${roleName}/${sessionName ?? '?'} for ${INVOKE_ACTION}`;
      const scoped = evaluateSessionPolicy({
        ...asked,
        policy: sessionPolicy,
        name: 'session policy',
        context: caller.context
      });
      ctx.recordDecision(decisionRecord(scoped, { ...asked, label: sessionLabel, context: caller.context }));
      decisions.push(scoped);
    }
  }
  return decisions;
}

/** Lambda's AccessDeniedException for `decisions`, none of which allowed the call (or one of which denied it). */
function accessDenied(
  caller: InvokeCaller,
  target: InvokeTarget,
  decisions: Decision[],
  resourceDeny: boolean
): ServiceError {
  const explicit = decisions.find((decision) => decision.decision === 'ExplicitDeny');
  const identity = decisions.find((decision) => decision.kind === 'identity');
  const scoped = decisions.find((decision) => decision.kind === 'session');
  const denyIn = resourceDeny
    ? 'a resource-based'
    : explicit?.kind === 'session'
      ? 'a session'
      : 'an identity-based';
  const missing =
    caller.identity === undefined
      ? 'resource-based'
      : identity?.allowed === true && scoped?.allowed === false
        ? 'session'
        : 'identity-based';
  const because =
    explicit !== undefined
      ? `with an explicit deny in ${denyIn} policy`
      : `because no ${missing} policy allows the ${INVOKE_ACTION} action`;
  const reason =
    decisions.length === 0
      ? `${target.name} has no resource-based policy, so no AWS service may invoke it.`
      : decisions.map((decision) => decision.explanation).join(' ');
  return serviceError(
    'AccessDeniedException',
    `User: ${caller.principal.id} is not authorized to perform: ${INVOKE_ACTION} on resource: ${target.arn} ${because}`,
    reason,
    403
  );
}

/** The caller, when the request proves who it is (an AWS service, or a valid SigV4 signature); else the refusal. */
export async function identifyCaller(
  request: Request,
  ctx: ExchangeContext,
  env: InvokeEnv
): Promise<InvokeCaller | ServiceError> {
  const service = SERVICE_PRINCIPALS[ctx.caller.from];
  return service === undefined ? signedCaller(request, ctx, env) : serviceCaller(service, ctx);
}

/** Whether `caller` may invoke `target`: records the decisions and the check, returns the refusal if not. */
export function authorizeInvoke(
  caller: InvokeCaller,
  target: InvokeTarget,
  ctx: ExchangeContext
): ServiceError | undefined {
  const decisions = evaluateInvoke(caller, target, ctx);
  const resourceDecision = target.policy === undefined ? undefined : decisions[0];
  const denied = decisions.some((decision) => decision.decision === 'ExplicitDeny');
  // The role's own policies count only as far as the session policy (if any) also allows.
  const identityAllowed =
    decisions.some((decision) => decision.kind === 'identity' && decision.allowed) &&
    decisions.every((decision) => decision.kind !== 'session' || decision.allowed);
  const allowed = !denied && (resourceDecision?.allowed === true || identityAllowed);
  const who = caller.principal.type === 'Service' ? `service ${caller.principal.id}` : caller.principal.id;
  const source = caller.context['aws:SourceArn'];
  ctx.check(
    'lambda.invoke-permission',
    allowed,
    `${who}${typeof source === 'string' ? ` for ${source}` : ''}: ${
      decisions.length === 0
        ? 'the function has no resource-based policy'
        : decisions.map((d) => d.explanation).join(' ')
    }`
  );
  if (allowed) return undefined;
  return accessDenied(caller, target, decisions, resourceDecision?.decision === 'ExplicitDeny');
}
