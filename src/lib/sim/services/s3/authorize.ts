// Who may call S3: SigV4 for the service `s3` (signed-caller.ts, S3's flavour), S3's own answers to each failure,
// the payload hash it checks itself, then IAM on object and bucket ARNs.

/*
 * S3 speaks its own error codes where DynamoDB's front end says `…Exception` (Amazon S3 API reference, "Error
 * responses", list of error codes, for codes, statuses and messages):
 * - no Authorization at all: an anonymous request; no bucket policy here grants anonymous access, so
 *   403 AccessDenied "Access Denied".
 * - an Authorization that is not SigV4 (a JWT, `Bearer …`): 400 InvalidArgument "Unsupported Authorization Type",
 *   with ArgumentName/ArgumentValue (as users report it when they send a token to S3).
 * - a malformed header: 400 AuthorizationHeaderMalformed; a scope for another region: the same code with
 *   "the region 'x' is wrong; expecting 'us-east-1'" (S3 API reference, and what SDK users paste).
 * - an unknown access key: 403 InvalidAccessKeyId "The AWS Access Key Id you provided does not exist in our
 *   records." Temporary credentials (ASIA…) sent without their `x-amz-security-token` are answered the same way:
 *   without the token S3 cannot find the key (reported in ex-aws/ex_aws#37, prolane/samltoawsstskeys#40,
 *   hydraulic-software/conveyor#157, each an S3 upload with the session token left out).
 * - a session token that is not the one issued with the key: 400 InvalidToken "The provided token is malformed
 *   or otherwise invalid."; an expired one: 400 ExpiredToken "The provided token has expired."
 * - a signature that does not match: 403 SignatureDoesNotMatch "The request signature we calculated does not
 *   match the signature you provided. Check your key and signing method." with AWSAccessKeyId, StringToSign,
 *   SignatureProvided, StringToSignBytes, CanonicalRequest and CanonicalRequestBytes.
 * - a request signed more than 15 minutes away from S3's clock: 403 RequestTimeTooSkewed "The difference between
 *   the request time and the current time is too large." with RequestTime, ServerTime, MaxAllowedSkewMilliseconds.
 * - `x-amz-content-sha256` missing: 400 InvalidRequest "Missing required header for this request:
 *   x-amz-content-sha256"; not a hash nor a known keyword: 400 InvalidArgument; a hash that is not the body's:
 *   400 XAmzContentSHA256Mismatch "The provided 'x-amz-content-sha256' header does not match what was computed."
 * - denied by IAM: 403 AccessDenied, worded as S3 words it for callers of its own account (S3 user guide,
 *   "Troubleshoot access denied (403 Forbidden) errors", message examples): `User: <arn> is not authorized to
 *   perform: s3:GetObject on resource: "<resource arn>" because no identity-based policy allows the s3:GetObject
 *   action` ("… because no session policy allows …", "… with an explicit deny in an identity-based policy").
 */

import { parseMismatchMessage } from '../../crypto/sigv4';
import type { Decision } from '../../iam/evaluate';
import type { RequestContext } from '../../iam/variables';
import type { ExchangeContext, ServiceEnv } from '../../service';
import type { Role } from '../../iam/roles';
import { callerContext, judgeAction, signedCaller } from '../signed-caller';
import type { IssuedSession } from '../sts';
import { s3Error, type S3Error } from './wire';

export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
const HEX_SHA256 = /^[0-9a-f]{64}$/;

export interface S3Caller {
  session: IssuedSession;
  role: Role;
  now: number;
}

function hexOf(text: string): string {
  return Array.from(new TextEncoder().encode(text), (byte) => byte.toString(16).padStart(2, '0')).join(' ');
}

/** Verifies who is calling, as S3 does, and answers each failure with S3's own error. */
export async function authenticate(
  request: Request,
  env: Pick<ServiceEnv, 'config' | 'roles' | 'credentials'>,
  ctx: ExchangeContext,
  payloadHash: string
): Promise<S3Caller | S3Error> {
  const authorization = request.headers.get('authorization');
  if (authorization === null) {
    ctx.check('sigv4.signature', false, 'no Authorization header: an anonymous request');
    return s3Error(
      'AccessDenied',
      403,
      'Access Denied',
      'The request is not signed, so S3 treats it as anonymous, and nothing here grants anonymous access: no bucket policy makes the bucket public. An app must sign its S3 requests with AWS credentials.'
    );
  }
  if (!authorization.startsWith('AWS4-')) {
    ctx.check('sigv4.signature', false, 'the Authorization header is not a SigV4 signature');
    return s3Error(
      'InvalidArgument',
      400,
      'Unsupported Authorization Type',
      'The Authorization header is not an AWS signature (a JWT, perhaps). S3 does not read user-pool tokens: exchange the token for AWS credentials at the identity pool and sign the request with them.',
      [
        ['ArgumentName', 'Authorization'],
        ['ArgumentValue', authorization]
      ]
    );
  }
  // "x-amz-content-sha256 … is required for all AWS Signature Version 4 requests" (S3 API reference).
  const declared = request.headers.get('x-amz-content-sha256');
  if (!ctx.check('s3.content-sha256-present', declared !== null)) {
    return s3Error(
      'InvalidRequest',
      400,
      'Missing required header for this request: x-amz-content-sha256',
      'A SigV4 request to S3 must say what it signed as the payload: the SHA-256 of the body, or UNSIGNED-PAYLOAD.'
    );
  }
  if (declared !== UNSIGNED_PAYLOAD && !HEX_SHA256.test(declared ?? '')) {
    ctx.check('s3.content-sha256', false, `x-amz-content-sha256: ${declared ?? ''}`);
    return s3Error(
      'InvalidArgument',
      400,
      'x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, or a valid sha256 value.',
      'This simulation reads whole bodies: the header must be the body’s SHA-256 in lower-case hex, or UNSIGNED-PAYLOAD (the streaming, chunk-signed forms are not simulated).',
      [
        ['ArgumentName', 'x-amz-content-sha256'],
        ['ArgumentValue', declared ?? '']
      ]
    );
  }

  const caller = await signedCaller(request, 's3', env, ctx, { s3: true });
  if (!caller.ok) return s3Failure(caller, request, env.config.region);

  // The signature covered the declared hash; S3 then hashes the body it received and compares.
  if (declared !== UNSIGNED_PAYLOAD) {
    const ok = ctx.check(
      's3.content-sha256',
      declared === payloadHash,
      declared === payloadHash ? 'the body’s SHA-256' : `declared ${declared ?? ''}, body ${payloadHash}`
    );
    if (!ok) {
      return s3Error(
        'XAmzContentSHA256Mismatch',
        400,
        "The provided 'x-amz-content-sha256' header does not match what was computed.",
        'The body S3 received does not hash to the x-amz-content-sha256 the request signed: the body was changed after signing.',
        [
          ['ClientComputedContentSHA256', declared ?? ''],
          ['S3ComputedContentSHA256', payloadHash]
        ]
      );
    }
  } else {
    ctx.check('s3.content-sha256', true, 'UNSIGNED-PAYLOAD: the body is not covered by the signature');
  }
  return { session: caller.session, role: caller.role, now: caller.now };
}

/** The generic verifier's refusal, as S3 answers it. */
function s3Failure(
  failure: Extract<Awaited<ReturnType<typeof signedCaller>>, { ok: false }>,
  request: Request,
  region: string
): S3Error {
  const { code, message, reason } = failure;
  const accessKeyId = /Credential=([^/,\s]*)/.exec(request.headers.get('authorization') ?? '')?.[1] ?? '';
  switch (code) {
    case 'UnrecognizedClientException':
      if (/X-Amz-Security-Token is not the session token|issued without one/.test(reason)) {
        return s3Error('InvalidToken', 400, 'The provided token is malformed or otherwise invalid.', reason, [
          ['Token-0', request.headers.get('x-amz-security-token') ?? '']
        ]);
      }
      return s3Error(
        'InvalidAccessKeyId',
        403,
        'The AWS Access Key Id you provided does not exist in our records.',
        reason,
        [['AWSAccessKeyId', accessKeyId]]
      );
    case 'ExpiredTokenException':
      return s3Error('ExpiredToken', 400, 'The provided token has expired.', reason, [
        ['Token-0', request.headers.get('x-amz-security-token') ?? '']
      ]);
    case 'InvalidSignatureException': {
      const mismatch = parseMismatchMessage(message);
      if (mismatch !== undefined || failure.working !== undefined) {
        const canonicalRequest = mismatch?.canonicalRequest ?? failure.working?.canonicalRequest ?? '';
        const stringToSign = mismatch?.stringToSign ?? failure.working?.stringToSign ?? '';
        return s3Error(
          'SignatureDoesNotMatch',
          403,
          'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
          reason,
          [
            ['AWSAccessKeyId', accessKeyId],
            ['StringToSign', stringToSign],
            ['SignatureProvided', failure.working?.provided ?? ''],
            ['StringToSignBytes', hexOf(stringToSign)],
            ['CanonicalRequest', canonicalRequest],
            ['CanonicalRequestBytes', hexOf(canonicalRequest)]
          ]
        );
      }
      if (/^Signature (expired|not yet current)/.test(message)) {
        return s3Error(
          'RequestTimeTooSkewed',
          403,
          'The difference between the request time and the current time is too large.',
          reason,
          [
            ['RequestTime', request.headers.get('x-amz-date') ?? ''],
            ['MaxAllowedSkewMilliseconds', '900000']
          ]
        );
      }
      const scopeRegion = /^Credential should be scoped to a valid region, not '([^']*)'/.exec(message)?.[1];
      if (scopeRegion !== undefined) {
        return s3Error(
          'AuthorizationHeaderMalformed',
          400,
          `The authorization header is malformed; the region '${scopeRegion}' is wrong; expecting '${region}'`,
          reason,
          [['Region', region]]
        );
      }
      return s3Error(
        'AuthorizationHeaderMalformed',
        400,
        `The authorization header is malformed; ${message}`,
        reason
      );
    }
    default:
      // IncompleteSignatureException and anything else the generic verifier names: a malformed header.
      return s3Error(
        'AuthorizationHeaderMalformed',
        400,
        `The authorization header is malformed; ${message}`,
        reason
      );
  }
}

/** S3's AccessDenied for a caller of its own account, naming the policy type to blame. */
function accessDenied(principal: string, action: string, resource: string, judged: Decision[]): S3Error {
  const typeOf = (d: Decision) => (d.kind === 'session' ? 'a session policy' : 'an identity-based policy');
  const denying = judged.find((d) => d.decision === 'ExplicitDeny');
  const refusing = judged.find((d) => !d.allowed) ?? judged[0];
  const because =
    denying !== undefined
      ? `with an explicit deny in ${typeOf(denying)}`
      : `because no ${refusing?.kind === 'session' ? 'session' : 'identity-based'} policy allows the ${action} action`;
  return s3Error(
    'AccessDenied',
    403,
    `User: ${principal} is not authorized to perform: ${action} on resource: "${resource}" ${because}`,
    judged
      .filter((d) => !d.allowed)
      .map((d) => (d.kind === 'session' ? `Session policy: ${d.explanation}` : d.explanation))
      .join(' ')
  );
}

/**
 * IAM for one S3 action: `s3:PutObject` / `s3:GetObject` on the object's ARN `arn:aws:s3:::{bucket}/{key}`,
 * `s3:ListBucket` on the bucket's ARN `arn:aws:s3:::{bucket}` with the condition key `s3:prefix` (the request's
 * `prefix` parameter; absent when the request names none). Undefined when allowed.
 */
export function authorizeAction(
  caller: S3Caller,
  request: { action: string; resource: string; what: string; keys?: RequestContext },
  ctx: ExchangeContext
): S3Error | undefined {
  const context: RequestContext = { ...callerContext(caller.session, caller.now), ...request.keys };
  const judged = judgeAction(
    caller,
    { action: request.action, resource: request.resource, what: request.what, context },
    ctx
  );
  if (judged.allowed) return undefined;
  const decisions = judged.session === undefined ? [judged.decision] : [judged.decision, judged.session];
  return accessDenied(caller.session.assumedRoleArn, request.action, request.resource, decisions);
}
