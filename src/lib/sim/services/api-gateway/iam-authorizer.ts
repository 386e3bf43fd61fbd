// API Gateway's AWS_IAM authorization: a SigV4 signature for `execute-api`, verified against STS's credentials, then execute-api:Invoke on the method.

/*
 * The same two questions DynamoDB asks (services/dynamodb/authorize-signed-request.ts), with the same verifier
 * (crypto/sigv4.ts): who signed, and may their role invoke this method? The resource is the method's ARN,
 * `arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{path}` (API Gateway guide, "Control access
 * for invoking an API"), and a session created with a session policy (Cognito's guest scope-down) is held to it.
 *
 * API Gateway refuses with 403 and its own JSON, not DynamoDB's envelope. The bodies, as callers have reported
 * them:
 * - no Authorization header: `{"message":"Missing Authentication Token"}` (the MISSING_AUTHENTICATION_TOKEN
 *   gateway response; API Gateway guide, "Gateway response types");
 * - a signature that does not match: `{"message":"The request signature we calculated does not match the
 *   signature you provided. ... The Canonical String for this request should have been\n'...'\n\nThe
 *   String-to-Sign should have been\n'...'\n"}`, error type InvalidSignatureException (mhart/aws4#33,
 *   aws/aws-sdk-js#2372, rpgreen/apigateway-generic-java-sdk#11);
 * - an Authorization that is no SigV4 header at all (a JWT after `Bearer `): IncompleteSignatureException
 *   `{"message":"'<token>' not a valid key=value pair (missing equal-sign) in Authorization header: 'Bearer
 *   <token>'."}`, or for a bare value "Authorization header requires 'Credential' parameter. ..."
 *   (serverless/serverless#3205, apickli/apickli#112);
 * - denied: `{"Message":"User: <principal> is not authorized to perform: execute-api:Invoke on resource:
 *   arn:aws:execute-api:<region>:********<last 4 digits of the account>:<apiId>/<stage>/<METHOD>/<path>"}`, with
 *   a capital M and the account id masked (ASFHyP3/hyp3#2283, guardian/manage-frontend#483), " with an explicit
 *   deny" appended when a Deny statement decided.
 */

import { serviceError, type ServiceError } from '../../http';
import { evaluatePolicies, evaluateSessionPolicy, type Decision } from '../../iam/evaluate';
import { decisionRecord } from '../../iam/record';
import type { RequestContext } from '../../iam/variables';
import type { ExchangeContext, ServiceEnv } from '../../service';
import { callerContext, signedCaller } from '../signed-caller';
import type { IssuedSession } from '../sts';

export const INVOKE_API_ACTION = 'execute-api:Invoke';

export type IamVerdict =
  | { ok: true; session: IssuedSession }
  /** `field`: API Gateway words a denial under "Message", every other refusal under "message". */
  | { ok: false; error: ServiceError; field: 'message' | 'Message' };

/** `********9012`: how API Gateway's denial shows the account id in a method ARN. */
function maskedMethodArn(methodArn: string, accountId: string): string {
  return methodArn.replace(`:${accountId}:`, `:${'*'.repeat(8)}${accountId.slice(-4)}:`);
}

/** API Gateway's words for an Authorization header that is not a SigV4 signature at all. */
function notASignature(header: string): string {
  const space = header.indexOf(' ');
  if (space !== -1) {
    return `'${header.slice(space + 1)}' not a valid key=value pair (missing equal-sign) in Authorization header: '${header}'.`;
  }
  return `Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=${header}`;
}

export async function authorizeIam(
  request: Request,
  ctx: ExchangeContext,
  env: Pick<ServiceEnv, 'config' | 'roles' | 'credentials'>,
  methodArn: string
): Promise<IamVerdict> {
  const refuse = (
    code: string,
    message: string,
    reason: string,
    field: 'message' | 'Message' = 'message'
  ) => ({
    ok: false as const,
    error: serviceError(code, message, reason, 403),
    field
  });
  const header = request.headers.get('authorization')?.trim() ?? '';
  if (header !== '' && !header.startsWith('AWS4-')) {
    ctx.check('sigv4.signature', false, 'Authorization holds no SigV4 signature');
    return refuse(
      'IncompleteSignatureException',
      notASignature(header),
      'This method uses AWS_IAM authorization: it wants a SigV4 signature made with AWS credentials, and the Authorization header holds something else (a JWT means nothing here).'
    );
  }
  const caller = await signedCaller(request, 'execute-api', env, ctx);
  if (!caller.ok) {
    const missing = caller.code === 'MissingAuthenticationTokenException';
    return refuse(
      caller.code,
      missing ? 'Missing Authentication Token' : caller.message,
      missing
        ? 'This method uses AWS_IAM authorization and the request is not signed: there is no Authorization header.'
        : caller.reason
    );
  }
  const { session, role, now } = caller;

  const action = INVOKE_API_ACTION;
  const context: RequestContext = callerContext(session, now);
  const decision = evaluatePolicies({
    policies: role.permissionPolicies,
    action,
    resource: methodArn,
    context
  });
  const record = (d: Decision, label: string) =>
    ctx.recordDecision(
      decisionRecord(d, { label, action, resource: methodArn, principal: session.assumedRoleArn, context })
    );
  record(decision, `permissions of ${role.roleName} for ${action} on ${methodArn}`);
  const permitted = ctx.check(
    'api-gateway.invoke-permission',
    decision.allowed,
    `${role.roleName}, ${action} on ${methodArn}: ${decision.explanation}`
  );
  let scoped: Decision | undefined;
  if (session.sessionPolicy !== undefined) {
    scoped = evaluateSessionPolicy({ policy: session.sessionPolicy, action, resource: methodArn, context });
    record(scoped, `session policy of ${role.roleName}/${session.sessionName} for ${action} on ${methodArn}`);
    ctx.check(
      'iam.session-policy',
      scoped.allowed,
      `session policy of ${session.assumedRoleArn}, ${action} on ${methodArn}: ${scoped.explanation}`
    );
  }
  if (permitted && (scoped === undefined || scoped.allowed)) return { ok: true, session };
  const explicit = [decision, scoped].some((d) => d?.decision === 'ExplicitDeny');
  return refuse(
    'AccessDeniedException',
    `User: ${session.assumedRoleArn} is not authorized to perform: ${action} on resource: ${maskedMethodArn(methodArn, env.config.accountId)}${explicit ? ' with an explicit deny' : ''}`,
    [decision, scoped]
      .filter((d): d is Decision => d !== undefined && !d.allowed)
      .map((d) => (d.kind === 'session' ? `Session policy: ${d.explanation}` : d.explanation))
      .join(' '),
    'Message'
  );
}
