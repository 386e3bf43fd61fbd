// DynamoDB's own wire details: namespaced error types, its request ids, and the CRC32 of every response body.

/*
 * What real DynamoDB answers, as SDK users have pasted it from responses:
 * - `__type` names the error with the namespace of the layer that raised it: the AWS front end
 *   (`com.amazon.coral.service#…`) for authentication and permission errors, the request validator
 *   (`com.amazon.coral.validate#ValidationException`), and DynamoDB itself (`com.amazonaws.dynamodb.v20120810#…`)
 *   for table errors. SDKs keep what follows the `#` (the bare code), as `bareErrorCode` in sim/wire.ts does.
 * - AccessDeniedException from the front end spells its text `Message` (capital M); every other error `message`.
 * - `x-amzn-ErrorType` keeps naming the bare code (`AccessDeniedException:`) as before; unlike the Cognito
 *   services, DynamoDB sends no `x-amzn-ErrorMessage` (its mismatch messages span several lines).
 * - `x-amzn-RequestId` is 52 upper-case letters and digits (not a UUID), and `x-amz-crc32` carries the CRC32 of
 *   the body in decimal, on successes and errors alike (SDKs may check it).
 */

import type { JsonResponder, ServiceError } from '../../http';
import { UPPER_ALPHANUMERIC, type Random } from '../../random';

export const DYNAMODB_CONTENT_TYPE = 'application/x-amz-json-1.0';

const CORAL_SERVICE = 'com.amazon.coral.service';
const CORAL_VALIDATE = 'com.amazon.coral.validate';
const DYNAMODB = 'com.amazonaws.dynamodb.v20120810';

/** Errors the AWS front end raises before DynamoDB sees the request: who is calling, may they, is it readable. */
const FRONT_END_ERRORS = new Set([
  'MissingAuthenticationTokenException',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'IncompleteSignatureException',
  'AccessDeniedException',
  'ExpiredTokenException',
  'UnknownOperationException',
  'SerializationException',
  'ThrottlingException',
  'RequestExpired',
  'InternalFailure'
]);

/** `AccessDeniedException` → `com.amazon.coral.service#AccessDeniedException`, and so on. */
export function namespacedErrorType(code: string): string {
  if (code === 'ValidationException') return `${CORAL_VALIDATE}#${code}`;
  if (FRONT_END_ERRORS.has(code)) return `${CORAL_SERVICE}#${code}`;
  return `${DYNAMODB}#${code}`;
}

/** A DynamoDB request id: 52 upper-case alphanumerics from the world's seeded randomness. */
export function dynamoDbRequestId(random: Random): string {
  return random.pick(UPPER_ALPHANUMERIC, 52);
}

let table: Uint32Array | undefined;

/** CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320): the checksum zlib, gzip and DynamoDB use. */
export function crc32(bytes: Uint8Array): number {
  if (table === undefined) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (table[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function answer(body: unknown, status: number, requestId: string, errorCode?: string): Response {
  const text = JSON.stringify(body);
  return new Response(text, {
    status,
    headers: {
      'content-type': DYNAMODB_CONTENT_TYPE,
      'x-amzn-requestid': requestId,
      'x-amz-crc32': String(crc32(new TextEncoder().encode(text))),
      ...(errorCode === undefined ? {} : { 'x-amzn-errortype': `${errorCode}:` })
    }
  });
}

/** DynamoDB's answers, for dispatchJson. The ServiceError keeps the bare code; only the wire is namespaced. */
export const dynamoDbResponder: JsonResponder = {
  ok: (body, requestId) => answer(body, 200, requestId),
  error: (error: ServiceError, requestId) =>
    answer(
      {
        __type: namespacedErrorType(error.code),
        [error.code === 'AccessDeniedException' ? 'Message' : 'message']: error.message
      },
      error.status,
      requestId,
      error.code
    )
};
