// The REST API Lambda proxy integration format: the event API Gateway sends a function, and the result it expects back.

import { carriedIn, inBody, tokenKind } from '../../carried';
import type { JwtClaims } from '../../crypto/jwt-verify';
import type { Carried } from '../../trace';

/** What a Lambda proxy integration receives (REST API, payload format 1.0). */
export interface ProxyEvent {
  resource: string;
  path: string;
  httpMethod: string;
  headers: Record<string, string>;
  multiValueHeaders: Record<string, string[]>;
  queryStringParameters: Record<string, string> | null;
  multiValueQueryStringParameters: Record<string, string[]> | null;
  pathParameters: Record<string, string> | null;
  stageVariables: Record<string, string> | null;
  requestContext: {
    resourceId: string;
    resourcePath: string;
    httpMethod: string;
    extendedRequestId: string;
    requestTime: string;
    path: string;
    accountId: string;
    protocol: string;
    stage: string;
    domainPrefix: string;
    requestTimeEpoch: number;
    requestId: string;
    /**
     * Who called. Behind a Cognito authorizer only the source address and user agent; behind AWS_IAM also the
     * signer: access key, assumed role (`userArn`, `caller`, `user`) and, for identity-pool credentials, the
     * Cognito identity (`cognitoIdentityId`, `cognitoIdentityPoolId`, `cognitoAuthenticationType`,
     * `cognitoAuthenticationProvider`).
     */
    identity: {
      sourceIp: string;
      userAgent: string | null;
      cognitoIdentityPoolId?: string | null;
      accountId?: string | null;
      cognitoIdentityId?: string | null;
      caller?: string | null;
      principalOrgId?: string | null;
      accessKey?: string | null;
      cognitoAuthenticationType?: string | null;
      cognitoAuthenticationProvider?: string | null;
      userArn?: string | null;
      user?: string | null;
    };
    domainName: string;
    apiId: string;
    /** Set by a Cognito user-pool authorizer: the token's claims, every value a string. */
    authorizer?: { claims: Record<string, string> };
  };
  body: string | null;
  isBase64Encoded: boolean;
}

/**
 * What an event passes on to the function: the caller's token or signature, in its copies of the request's headers
 * (names lower-case, as the event is built from `Headers`). The claims in `requestContext.authorizer` are
 * not a token: nobody can present them anywhere.
 */
export function proxyEventCarries(event: ProxyEvent): Carried[] {
  const token = event.headers.authorization;
  if (token === undefined) return [];
  // A signed request's copies: its signature and the session token it was signed with.
  if (token.startsWith('AWS4-HMAC-SHA256')) {
    const copies = [
      'authorization',
      ...(event.headers['x-amz-security-token'] === undefined ? [] : ['x-amz-security-token'])
    ];
    return copies.flatMap((name) => [
      carriedIn('request', 'sigv4', inBody('headers', name)),
      carriedIn('request', 'sigv4', inBody('multiValueHeaders', name, 0))
    ]);
  }
  const kind = tokenKind(token, 'id-token');
  return [
    carriedIn('request', kind, inBody('headers', 'authorization')),
    carriedIn('request', kind, inBody('multiValueHeaders', 'authorization', 0))
  ];
}

/** What the function must return for API Gateway to build the HTTP response. */
export interface ProxyResult {
  statusCode: number;
  headers?: Record<string, string>;
  body?: string;
  isBase64Encoded?: boolean;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** `Wed Jan 15 11:00:00 UTC 2025`: how the REST API's Cognito authorizer renders `exp` and `iat` (a Java Date). */
export function javaDateString(epochMs: number): string {
  const d = new Date(epochMs);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(
    d.getUTCMinutes()
  )}:${two(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

/** `15/Jan/2025:10:00:00 +0000`: the proxy event's `requestContext.requestTime`. */
export function requestTimeString(epochMs: number): string {
  const d = new Date(epochMs);
  return `${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${two(d.getUTCHours())}:${two(
    d.getUTCMinutes()
  )}:${two(d.getUTCSeconds())} +0000`;
}

/**
 * The Lambda proxy event carries the claims at requestContext.authorizer.claims, every value a string:
 * the REST API authorizer flattens them. `exp` and `iat` become Java date strings,
 * other numbers their decimal text (`auth_time: "1736935200"`), booleans `"true"`/`"false"`, and
 * arrays are joined with commas (`cognito:groups: "admins,staff"`). A function that needs the array
 * must split it, which is one reason to read claims from the token itself when types matter.
 */
export function flattenClaims(claims: JwtClaims): Record<string, string> {
  // Null prototype: a claim called "__proto__" is copied like any other.
  const flat = Object.create(null) as Record<string, string>;
  for (const [name, value] of Object.entries(claims)) {
    if (typeof value === 'string') flat[name] = value;
    else if (typeof value === 'number')
      flat[name] = name === 'exp' || name === 'iat' ? javaDateString(value * 1000) : String(value);
    else if (typeof value === 'boolean') flat[name] = String(value);
    else if (Array.isArray(value)) flat[name] = value.map(String).join(',');
    else flat[name] = JSON.stringify(value);
  }
  return flat;
}
