// The hard edges of the simulated endpoints: what bad input gets instead of a crash (bad escapes, oversized bodies).

/**
 * One path segment, percent-decoded; a malformed escape (`%ZZ`, a cut-off UTF-8 sequence) is kept as sent.
 * `decodeURIComponent` throws on those, and a throw would become a 500 the real endpoint never gives; each
 * caller then refuses the raw text the way its endpoint refuses a name that does not exist or is invalid.
 */
export function decodedPathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** How one service refuses a body over its cap: the wire answer, and the error for the trace. */
interface BodyLimit {
  readonly bytes: number;
  readonly code: string;
  readonly message: string;
  /** Where the cap and the answer come from, for the learner. */
  readonly why: string;
  /** Send `x-amzn-ErrorType: {code}` (the services whose SDKs name errors by it). */
  readonly errorTypeHeader: boolean;
}

const MiB = 1024 * 1024;

// Services without a published limit get the simulation's own 1 MiB guard: far above anything their APIs
// carry (a user pool or identity pool request is a few KB; STS's largest member, WebIdentityToken, is at most
// 20,000 characters), with a plain 413 whose wording is ours, since AWS publishes none.
const GUARD: BodyLimit = {
  bytes: MiB,
  code: 'RequestEntityTooLarge',
  message: 'Request Entity Too Large',
  why: 'AWS documents no body limit for this API; the simulation refuses bodies over 1 MiB (its own guard, its own wording).',
  errorTypeHeader: false
};

/**
 * The cap on a request body, per service, checked by the router before the service reads a byte:
 * - API Gateway (REST): 10 MB payloads, a fixed quota; beyond it the REQUEST_TOO_LARGE gateway response, 413
 *   "Request Too Long" (one gateway response that cannot be customised).
 * - Lambda Invoke (synchronous): 6 MB (6,291,456 bytes); beyond it 413 RequestEntityTooLargeException.
 * - DynamoDB: 16 MB, the largest request it accepts (a batch); an item alone is capped at 400 KB by PutItem.
 *   AWS publishes no wording for an oversized request, so the answer is the guard's.
 * - The Cognito pools, STS and Google: the guard.
 */
export const REQUEST_BODY_LIMITS = {
  'user-pool': GUARD,
  'identity-pool': GUARD,
  sts: GUARD,
  google: GUARD,
  'api-gateway': {
    bytes: 10 * MiB,
    code: 'REQUEST_TOO_LARGE',
    message: 'Request Too Long',
    why: 'API Gateway REST APIs accept payloads up to 10 MB, a quota that cannot be raised.',
    errorTypeHeader: false
  },
  lambda: {
    bytes: 6 * MiB,
    code: 'RequestEntityTooLargeException',
    message: `Request must be smaller than ${6 * MiB} bytes for the InvokeFunction operation`,
    why: 'A synchronous Lambda invocation carries at most 6 MB of payload.',
    errorTypeHeader: true
  },
  dynamodb: {
    ...GUARD,
    bytes: 16 * MiB,
    why: 'DynamoDB accepts requests up to 16 MB (a batch); AWS publishes no wording for a larger one, so it is the simulation’s.'
  },
  s3: {
    ...GUARD,
    why: 'S3 takes up to 5 GB in one PutObject; the simulated bucket lives in memory, so it refuses bodies over 1 MiB (its own guard, its own wording).'
  }
} as const satisfies Record<string, BodyLimit>;

/**
 * The refusal for a body of `size` bytes sent to `serviceId`, or undefined when it fits. The trace's error and
 * reason come with it.
 */
export function oversizedBody(
  serviceId: string,
  size: number,
  requestId: string
): { response: Response; code: string; message: string; reason: string } | undefined {
  const limit: BodyLimit | undefined = Object.hasOwn(REQUEST_BODY_LIMITS, serviceId)
    ? REQUEST_BODY_LIMITS[serviceId as keyof typeof REQUEST_BODY_LIMITS]
    : undefined;
  if (!limit || size <= limit.bytes) return undefined;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-amzn-requestid': requestId,
    ...(limit.errorTypeHeader ? { 'x-amzn-errortype': `${limit.code}:` } : {})
  };
  return {
    response: new Response(JSON.stringify({ message: limit.message }), { status: 413, headers }),
    code: limit.code,
    message: limit.message,
    reason: `The body is ${size} bytes; ${serviceId} takes at most ${limit.bytes}. ${limit.why}`
  };
}
