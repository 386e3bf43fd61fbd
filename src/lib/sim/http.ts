// AWS wire-protocol helpers shared by the simulated services: JSON 1.0/1.1 dispatch and the error envelope.

import type { Random } from './random';

/** An error as a value: a stable AWS code, AWS's own message, and (for learners) why it happened. */
export interface ServiceError {
  readonly kind: 'service-error';
  readonly code: string;
  readonly message: string;
  readonly status: number;
  /** Plain words for the learner: which check failed. Never sent on the wire. */
  readonly reason?: string;
}

export function serviceError(code: string, message: string, reason?: string, status = 400): ServiceError {
  return { kind: 'service-error', code, message, status, reason };
}

export function isServiceError(value: unknown): value is ServiceError {
  return (
    typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'service-error'
  );
}

/** A request id shaped like AWS's (a UUID), drawn from the world's seeded randomness. */
export function requestId(random: Random): string {
  return random.uuid();
}

export function jsonResponse(
  body: unknown,
  options: { status?: number; contentType?: string; requestId: string; headers?: Record<string, string> }
): Response {
  return new Response(JSON.stringify(body), {
    status: options.status ?? 200,
    headers: {
      'content-type': options.contentType ?? 'application/x-amz-json-1.1',
      'x-amzn-requestid': options.requestId,
      ...options.headers
    }
  });
}

/**
 * A message as an HTTP header value. Header values cannot hold line breaks or characters beyond Latin-1 (a
 * `Headers` object throws on them), so anything outside printable ASCII is percent-encoded; the body keeps
 * the message as it is. (The simulation's choice: AWS's own treatment of such messages is not documented.)
 */
export function headerSafe(text: string): string {
  return text.replace(/[^\x20-\x7e]/gu, (char) => {
    try {
      return encodeURIComponent(char);
    } catch {
      return '%EF%BF%BD'; // a lone surrogate: U+FFFD, as a UTF-8 encoder would write it
    }
  });
}

/**
 * AWS JSON protocol error envelope: HTTP 400 (usually), body `{"__type": code, "message": text}`,
 * header `x-amzn-ErrorType: code:`. With `messageHeader`, the message also goes in `x-amzn-ErrorMessage`,
 * as the Cognito user pool and identity pool send it (the JSON protocol's error headers).
 */
export function errorResponse(
  error: ServiceError,
  requestIdValue: string,
  contentType?: string,
  options: { messageHeader?: boolean } = {}
): Response {
  return jsonResponse(
    { __type: error.code, message: error.message },
    {
      status: error.status,
      contentType: contentType ?? 'application/x-amz-json-1.1',
      requestId: requestIdValue,
      headers: {
        'x-amzn-errortype': `${error.code}:`,
        ...(options.messageHeader ? { 'x-amzn-errormessage': headerSafe(error.message) } : {})
      }
    }
  );
}

/** How a JSON-protocol service writes its answers; the default is the Cognito services' envelope. */
export interface JsonResponder {
  ok(body: unknown, requestId: string): Response;
  error(error: ServiceError, requestId: string): Response;
}

/** A handler for one operation of a JSON-protocol service: input object in, output object or error out. */
export type Operation<Ctx> = (input: Record<string, unknown>, ctx: Ctx, request: Request) => Promise<unknown>;

/**
 * Dispatches a JSON-protocol POST (`X-Amz-Target: Prefix.Operation`) to its operation, and turns
 * thrown or returned ServiceErrors into AWS error envelopes. Unknown operations and malformed bodies
 * get the errors AWS gives them. `respond` writes the answers when a service's envelope differs from the
 * Cognito services' (DynamoDB's namespaced `__type` and checksum).
 */
export async function dispatchJson<Ctx extends { requestId: string; reject(error: ServiceError): void }>(
  request: Request,
  ctx: Ctx,
  spec: {
    targetPrefix: string;
    contentType: string;
    operations: Record<string, Operation<Ctx>>;
    respond?: JsonResponder;
  }
): Promise<Response> {
  const respond: JsonResponder = spec.respond ?? {
    ok: (body, id) => jsonResponse(body, { contentType: spec.contentType, requestId: id }),
    error: (error, id) => errorResponse(error, id, spec.contentType, { messageHeader: true })
  };
  const fail = (error: ServiceError) => {
    ctx.reject(error);
    return respond.error(error, ctx.requestId);
  };
  if (request.method !== 'POST') {
    return fail(
      serviceError('UnknownOperationException', '', `Only POST is accepted, got ${request.method}.`)
    );
  }
  const target = request.headers.get('x-amz-target') ?? '';
  const name = target.startsWith(spec.targetPrefix) ? target.slice(spec.targetPrefix.length) : '';
  const operation = Object.hasOwn(spec.operations, name) ? spec.operations[name] : undefined;
  if (!operation) {
    return fail(
      serviceError(
        'UnknownOperationException',
        '',
        `X-Amz-Target "${target}" names no operation of this service.`
      )
    );
  }
  let input: unknown;
  try {
    const text = await request.text();
    input = text === '' ? {} : JSON.parse(text);
  } catch {
    return fail(
      serviceError(
        'SerializationException',
        'Start of structure or map found where not expected.',
        'The body is not JSON.'
      )
    );
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return fail(
      serviceError(
        'SerializationException',
        'Start of structure or map found where not expected.',
        'The body is not a JSON object.'
      )
    );
  }
  const output = await operation(input as Record<string, unknown>, ctx, request);
  if (isServiceError(output)) return fail(output);
  return respond.ok(output, ctx.requestId);
}

/** Reads a required string member of an operation's input, or says which one is missing (as AWS does). */
export function requireString(input: Record<string, unknown>, name: string): string | ServiceError {
  const value = input[name];
  if (typeof value === 'string' && value !== '') return value;
  return serviceError(
    'InvalidParameterException',
    `1 validation error detected: Value at '${name.charAt(0).toLowerCase()}${name.slice(1)}' failed to satisfy constraint: Member must not be null`,
    `The request has no ${name}.`
  );
}
