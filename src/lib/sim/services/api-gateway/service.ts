// The simulated REST API: stage prod, GET /orders/{id} behind a Cognito user-pool authorizer, proxied to the Orders Lambda.

import { serviceError, type ServiceError } from '../../http';
import { ALPHANUMERIC } from '../../random';
import type { ExchangeContext, Service, ServiceEnv } from '../../service';
import { headerRecord, readAwsError } from '../../wire';
import type { JwtClaims } from '../../crypto/jwt-verify';
import { GET_ORDER_FUNCTION_NAME, invokeUrl } from '../lambda';
import { createUserPoolAuthorizer, type UserPoolAuthorizer } from './cognito-authorizer';
import {
  flattenClaims,
  proxyEventCarries,
  requestTimeString,
  type ProxyEvent,
  type ProxyResult
} from './proxy-event';

export interface ApiGatewayService extends Service {
  readonly id: 'api-gateway';
  readonly authorizer: UserPoolAuthorizer;
  /** The API's execute-api ARN patterns, one per route, any stage: what a Lambda permission's SourceArn names. */
  readonly routeArns: readonly string[];
}

/** The one resource of the API, as API Gateway names it. */
const ORDERS_RESOURCE = '/orders/{id}';
const ORDERS_PATH = /^\/orders\/([^/]+)$/;
/** A documentation address (RFC 5737) standing in for the learner's browser. */
const SOURCE_IP = '198.51.100.23';

/** API Gateway's own answers carry `{"message": ...}`, x-amzn-RequestId, x-amz-apigw-id and x-amzn-ErrorType. */
function gatewayResponse(error: ServiceError, ctx: ExchangeContext, apigwId: string): Response {
  ctx.reject(error);
  return new Response(JSON.stringify({ message: error.message }), {
    status: error.status,
    headers: {
      'content-type': 'application/json',
      'x-amzn-requestid': ctx.requestId,
      'x-amz-apigw-id': apigwId,
      'x-amzn-errortype': error.code
    }
  });
}

function isProxyResult(value: unknown): value is ProxyResult {
  if (typeof value !== 'object' || value === null) return false;
  const { statusCode, headers, body } = value as Record<string, unknown>;
  return (
    typeof statusCode === 'number' &&
    Number.isInteger(statusCode) &&
    statusCode >= 100 &&
    statusCode <= 599 &&
    (headers === undefined ||
      (typeof headers === 'object' &&
        headers !== null &&
        Object.values(headers).every((v) => typeof v === 'string'))) &&
    (body === undefined || body === null || typeof body === 'string')
  );
}

export function createApiGateway(
  env: Pick<ServiceEnv, 'config' | 'random'>,
  deps: { authorizer?: UserPoolAuthorizer } = {}
): ApiGatewayService {
  const { config, random } = env;
  const base = new URL(config.api.baseUrl);
  const stagePath = base.pathname.replace(/\/$/, '');
  const stage = stagePath.slice(1);
  const apiId = base.host.split('.')[0] ?? '';
  // An id like the one API Gateway assigns the resource; derived, not drawn, so that adding this
  // service does not shift the seeded ids other services draw.
  const resourceId = [...apiId].reverse().join('').slice(0, 6);
  // `arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{path}`: the ARN API Gateway invokes on behalf of.
  const apiArn = `arn:aws:execute-api:${config.region}:${config.accountId}:${apiId}`;
  const routeArns = [`${apiArn}/*/GET${ORDERS_RESOURCE.replace(/\{[^}]+\}/g, '*')}`];
  const authorizer = deps.authorizer ?? createUserPoolAuthorizer(config.userPool, undefined, config.api);

  const internalError = (ctx: ExchangeContext, apigwId: string, reason: string) =>
    gatewayResponse(
      serviceError('InternalServerErrorException', 'Internal server error', reason, 502),
      ctx,
      apigwId
    );

  return {
    id: 'api-gateway',
    authorizer,
    routeArns,
    handles: (url) => url.host === base.host,
    async handle(request, ctx) {
      const url = new URL(request.url);
      const apigwId = `${random.pick(ALPHANUMERIC, 15)}=`;

      // An unknown resource or method answers 403 "Missing Authentication Token": API Gateway does not
      // say whether a path exists to a caller it has not authorized.
      const inStage = url.pathname.startsWith(`${stagePath}/`)
        ? url.pathname.slice(stagePath.length)
        : undefined;
      const match = inStage === undefined ? null : ORDERS_PATH.exec(inStage);
      const routed = request.method === 'GET' && match !== null;
      ctx.check('api-gateway.route-exists', routed, `${request.method} ${url.pathname}`);
      if (!routed || !match || inStage === undefined) {
        return gatewayResponse(
          serviceError(
            'MissingAuthenticationTokenException',
            'Missing Authentication Token',
            `The API has no ${request.method} ${inStage ?? url.pathname}; it only has GET ${ORDERS_RESOURCE} in stage ${stage}.`,
            403
          ),
          ctx,
          apigwId
        );
      }
      let orderId: string;
      try {
        orderId = decodeURIComponent(match[1] ?? '');
      } catch {
        orderId = match[1] ?? '';
      }

      const verdict = await authorizer.authorize(request, ctx);
      if (!verdict.ok) {
        return gatewayResponse(
          serviceError('UnauthorizedException', verdict.message, verdict.reason, 401),
          ctx,
          apigwId
        );
      }

      const event = proxyEvent({ request, url, inStage, orderId, claims: verdict.claims, apigwId, ctx });
      let invoked: Response;
      try {
        // API Gateway invokes as its service principal, naming the method it serves (`aws:SourceArn`): the
        // function's resource-based policy decides on both.
        invoked = await ctx.fetch(
          new Request(invokeUrl(config.region, GET_ORDER_FUNCTION_NAME), {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-amz-invocation-type': 'RequestResponse' },
            body: JSON.stringify(event)
          }),
          { carries: proxyEventCarries(event), sourceArn: `${apiArn}/${stage}/${request.method}${inStage}` }
        );
      } catch (thrown) {
        return internalError(
          ctx,
          apigwId,
          `The Lambda integration could not be reached: ${thrown instanceof Error ? thrown.message : String(thrown)}`
        );
      }
      // Lambda refusing the invocation is the API's configuration error: the caller gets 500 "Internal server
      // error", and API Gateway logs "Execution failed due to configuration error: Invalid permissions on Lambda
      // function" (AWS re:Post knowledge center, "Invalid permissions on Lambda function" errors from REST APIs).
      if (
        invoked.status === 403 &&
        invoked.headers.get('x-amzn-errortype')?.startsWith('AccessDeniedException')
      ) {
        return gatewayResponse(
          serviceError(
            'InternalServerErrorException',
            'Internal server error',
            'Execution failed due to configuration error: Invalid permissions on Lambda function. The function’s resource-based policy does not let this API invoke it.',
            500
          ),
          ctx,
          apigwId
        );
      }
      if (!invoked.ok || invoked.headers.has('x-amz-function-error')) {
        return internalError(
          ctx,
          apigwId,
          `The Orders function failed (Invoke answered ${invoked.status}${invoked.headers.has('x-amz-function-error') ? ', function error' : ''}).`
        );
      }
      let result: unknown;
      try {
        result = await invoked.json();
      } catch {
        result = undefined;
      }
      // A proxy integration must return {statusCode, headers?, body?}; anything else is a 502.
      if (!isProxyResult(result)) {
        return internalError(
          ctx,
          apigwId,
          'The function returned something that is not a proxy result ({statusCode, headers, body}).'
        );
      }

      const headers = new Headers(result.headers ?? {});
      if (!headers.has('content-type')) headers.set('content-type', 'application/json');
      headers.set('x-amzn-requestid', ctx.requestId);
      headers.set('x-amz-apigw-id', apigwId);
      if (result.statusCode >= 400) {
        const wire = { status: result.statusCode, headers: headerRecord(headers), body: result.body ?? '' };
        // A body in no error envelope leaves the status to say it alone.
        const message = readAwsError(wire)?.message;
        ctx.reject({
          reason: `The Orders function answered ${result.statusCode}${message ? `: ${message}` : ''}.`
        });
      }
      const body = result.isBase64Encoded
        ? Uint8Array.from(atob(result.body ?? ''), (c) => c.charCodeAt(0))
        : (result.body ?? '');
      return new Response(result.statusCode === 204 || result.statusCode === 304 ? null : body, {
        status: result.statusCode,
        headers
      });
    }
  };

  function proxyEvent(input: {
    request: Request;
    url: URL;
    inStage: string;
    orderId: string;
    claims: JwtClaims;
    apigwId: string;
    ctx: ExchangeContext;
  }): ProxyEvent {
    const { request, url, inStage, orderId, claims, apigwId, ctx } = input;
    const headers = headerRecord(request.headers);
    headers.host ??= url.host;
    headers['x-forwarded-for'] ??= SOURCE_IP;
    headers['x-forwarded-proto'] ??= 'https';
    headers['x-forwarded-port'] ??= '443';
    const multiValueHeaders = Object.fromEntries(
      Object.entries(headers).map(([name, value]) => [name, [value]])
    );
    const query = [...url.searchParams.keys()];
    const now = ctx.clock.now();
    return {
      resource: ORDERS_RESOURCE,
      path: inStage,
      httpMethod: request.method,
      headers,
      multiValueHeaders,
      queryStringParameters: query.length ? Object.fromEntries(url.searchParams) : null,
      multiValueQueryStringParameters: query.length
        ? Object.fromEntries(query.map((key) => [key, url.searchParams.getAll(key)]))
        : null,
      pathParameters: { id: orderId },
      stageVariables: null,
      requestContext: {
        resourceId,
        resourcePath: ORDERS_RESOURCE,
        httpMethod: request.method,
        extendedRequestId: apigwId,
        requestTime: requestTimeString(now),
        path: url.pathname,
        accountId: config.accountId,
        protocol: 'HTTP/1.1',
        stage,
        domainPrefix: apiId,
        requestTimeEpoch: now,
        requestId: ctx.requestId,
        identity: { sourceIp: SOURCE_IP, userAgent: request.headers.get('user-agent') },
        domainName: url.host,
        apiId,
        authorizer: { claims: flattenClaims(claims) }
      },
      body: null,
      isBase64Encoded: false
    };
  }
}
