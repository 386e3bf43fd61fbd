// One line per HTTP header the simulated services use: what it is for, in the lesson's words.

import { isJwt, withoutBearer } from '../../sim';
import { formatDuration } from './time';

const FIXED: ReadonlyMap<string, string> = new Map([
  [
    'x-amzn-requestid',
    'The id AWS gave this request. It is what you quote to AWS Support and what CloudTrail and service logs are searched by.'
  ],
  [
    'x-amzn-errortype',
    'The error code again, in a header, so a client can classify the failure without reading the body.'
  ],
  ['x-amzn-errormessage', 'The error message again, in a header (the Cognito services send it).'],
  [
    'x-amz-crc32',
    'DynamoDB’s checksum of the response body (CRC32, in decimal). An SDK may recompute it to catch a body damaged on the way.'
  ],
  [
    'x-amz-apigw-id',
    'API Gateway’s own id for the request (its “extended request id”), for API Gateway logs.'
  ],
  [
    'x-amz-invocation-type',
    'How Lambda is invoked. RequestResponse: synchronously — API Gateway waits for the function’s answer.'
  ],
  ['x-amz-executed-version', 'Which version of the function ran. $LATEST is the current, unpublished code.'],
  [
    'x-amz-function-error',
    'Set when the function itself failed (Unhandled): the invoke worked, the code did not.'
  ],
  [
    'x-amz-content-sha256',
    'The SHA-256 of the body as the signer computed it. The service hashes the body itself and compares, so the body cannot be swapped after signing.'
  ],
  [
    'host',
    'The endpoint the request is for. SigV4 always signs it, so a signature made for one endpoint cannot be replayed against another.'
  ],
  ['accept', 'The kind of answer the client wants back.'],
  [
    'cache-control',
    'How long the answer may be cached. Key documents (JWKS) are cached for hours by verifiers.'
  ],
  ['content-length', 'The size of the body in bytes.'],
  ['user-agent', 'The client software making the request.'],
  ['x-amz-user-agent', 'The AWS SDK and version making the request.'],
  ['amz-sdk-invocation-id', 'A random id the AWS SDK gives one call, the same on every retry of it.'],
  ['amz-sdk-request', 'The SDK’s retry bookkeeping: which attempt this is, out of how many allowed.'],
  [
    'x-forwarded-for',
    'The address of the original caller, added by API Gateway before it calls the function.'
  ],
  ['x-forwarded-proto', 'The protocol the original caller used (https).'],
  ['x-forwarded-port', 'The port the original caller connected to.']
]);

function contentTypeNote(value: string): string {
  const type = value.split(';')[0]?.trim().toLowerCase() ?? '';
  switch (type) {
    case 'application/x-amz-json-1.1':
      return 'AWS JSON protocol 1.1 (Cognito user pools and identity pools): a JSON body, the operation named by X-Amz-Target.';
    case 'application/x-amz-json-1.0':
      return 'AWS JSON protocol 1.0 (DynamoDB): a JSON body, the operation named by X-Amz-Target.';
    case 'application/x-www-form-urlencoded':
      return 'A form body: the AWS query protocol (STS) sends Action=…&Version=…&parameters as name=value pairs.';
    case 'text/xml':
    case 'application/xml':
      return 'An XML body: STS (query protocol) answers in XML, not JSON.';
    case 'application/json':
      return 'A plain JSON body.';
    default:
      return 'The format of the body.';
  }
}

function authorizationNote(value: string): string {
  if (value.startsWith('AWS4-HMAC-SHA256')) {
    return 'A SigV4 signature: which access key signed, for which date, region and service (the scope), which headers are covered, and an HMAC of the whole request made with the secret key. It proves the caller holds AWS credentials without sending the secret.';
  }
  // Only the token's header is read, so a tampered token still counts as a JWT.
  if (isJwt(withoutBearer(value))) {
    return 'A JWT (a user-pool token) used as the credential. API Gateway’s Cognito authorizer accepts one here; AWS service APIs such as DynamoDB do not — they need a SigV4 signature made with AWS credentials.';
  }
  return 'The credential for the request. AWS APIs expect a SigV4 signature (AWS4-HMAC-SHA256 …).';
}

function amzDateNote(value: string): string {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  const when = match ? ` (${match[1]}-${match[2]}-${match[3]} ${match[4]}:${match[5]}:${match[6]} UTC)` : '';
  return `When the request was signed${when}, in ISO 8601 basic format. It is part of the signature; DynamoDB refuses signatures more than 15 minutes away from its clock, so a captured request cannot be replayed later.`;
}

function targetNote(value: string): string {
  const dot = value.lastIndexOf('.');
  if (dot === -1) return 'Which API operation to run.';
  return `Which API operation to run: ${value.slice(dot + 1)} of ${value.slice(0, dot)}. JSON-protocol services have one URL and dispatch on this header.`;
}

/** A one-line explanation of a header, or undefined for headers the lesson does not describe. */
export function explainHeader(name: string, value: string): string | undefined {
  const key = name.toLowerCase();
  switch (key) {
    case 'authorization':
      return authorizationNote(value);
    case 'x-amz-target':
      return targetNote(value);
    case 'x-amz-date':
      return amzDateNote(value);
    case 'x-amz-security-token':
      return `The session token of temporary credentials (${value.length} characters). It travels with every request signed by an ASIA… access key; the service checks that it belongs to that key and has not expired.`;
    case 'content-type':
      return contentTypeNote(value);
    default:
      break;
  }
  const fixed = FIXED.get(key);
  if (fixed !== undefined) return fixed;
  if (key === 'retry-after') return `Wait ${formatDuration(Number(value) * 1000)} before trying again.`;
  return undefined;
}
