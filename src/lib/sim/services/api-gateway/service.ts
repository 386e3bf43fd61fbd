// The simulated REST API: stage prod, its methods (config.api.methods) behind a Cognito user-pool authorizer or AWS_IAM, each proxied to a Lambda function.

import type { ApiMethod } from '../../config';
import { executeApiArn } from '../../config';
import { serviceError, type ServiceError } from '../../http';
import { ALPHANUMERIC } from '../../random';
import type { ExchangeContext, Service, ServiceEnv } from '../../service';
import { headerRecord, readAwsError } from '../../wire';
import type { JwtClaims } from '../../crypto/jwt-verify';
import { signedRequestCarries } from '../../carried';
import type { IssuedSession } from '../sts';
import { invokeUrl } from '../lambda';
import { createUserPoolAuthorizer, type UserPoolAuthorizer } from './cognito-authorizer';
import { authorizeIam } from './iam-authorizer';
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
  /** The API's execute-api ARN patterns, one per method, any stage: what a Lambda permission's SourceArn names. */
  readonly routeArns: readonly string[];
  /** The ARN patterns of the methods integrated with one function (its permission names these). */
  routeArnsOf(functionName: string): string[];
  /** The account's hand on the API's methods (not a client API). */
  readonly admin: ApiGatewayAdmin;
}

/**
 * API Gateway UpdateMethod's `/authorizationScopes` patch, deployed at once: the method's OAuth scopes. Refused as
 * `NotFoundException` for a method the API lacks ("Invalid Method identifier specified") and `BadRequestException`
 * for a method whose authorizer is not a Cognito user pool's (scopes mean nothing to AWS_IAM). The texts are
 * plausible wording, not checked against a source.
 */
export interface ApiGatewayAdmin {
  updateMethodScopes(
    httpMethod: string,
    resource: string,
    scopes: readonly string[]
  ): { ok: true } | { ok: false; error: { code: string; message: string } };
}

/** A documentation address (RFC 5737) standing in for the learner's browser. */
const SOURCE_IP = '198.51.100.23';

/** A method of the API with its resource path compiled: `/orders/{id}` matches `/orders/42` with `{ id: '42' }`. */
interface Route {
  method: ApiMethod;
  pattern: RegExp;
  params: string[];
}

function compileRoute(method: ApiMethod): Route {
  const params: string[] = [];
  const source = method.resource
    .split('/')
    .map((part) => {
      const param = /^\{([^}]+)\}$/.exec(part);
      if (!param) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      params.push(param[1] ?? '');
      return '([^/]+)';
    })
    .join('/');
  return { method, pattern: new RegExp(`^${source}$`), params };
}

/** `/orders/{id}` → `/orders/*`: a method's resource as a SourceArn or policy pattern. */
function resourcePattern(resource: string): string {
  return resource.replace(/\{[^}]+\}/g, '*');
}

/**
 * API Gateway's own answers carry `{"message": ...}` (a denial of execute-api:Invoke says `"Message"`),
 * x-amzn-RequestId, x-amz-apigw-id and x-amzn-ErrorType.
 */
function gatewayResponse(
  error: ServiceError,
  ctx: ExchangeContext,
  apigwId: string,
  field: 'message' | 'Message' = 'message'
): Response {
  ctx.reject(error);
  return new Response(JSON.stringify({ [field]: error.message }), {
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
  env: Pick<ServiceEnv, 'config' | 'random' | 'roles' | 'credentials'>,
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
  const apiArn = executeApiArn(config);
  const routes = config.api.methods.map(compileRoute);
  const arnPatternOf = (method: ApiMethod) =>
    `${apiArn}/*/${method.httpMethod}${resourcePattern(method.resource)}`;
  const routeArns = config.api.methods.map(arnPatternOf);
  const authorizer = deps.authorizer ?? createUserPoolAuthorizer(config.userPool, undefined, config.api);
  const listed = config.api.methods.map((method) => `${method.httpMethod} ${method.resource}`).join(', ');

  const admin: ApiGatewayAdmin = {
    updateMethodScopes(httpMethod, resource, scopes) {
      const index = routes.findIndex(
        (route) => route.method.httpMethod === httpMethod && route.method.resource === resource
      );
      const route = routes[index];
      if (route === undefined) {
        return {
          ok: false,
          error: { code: 'NotFoundException', message: 'Invalid Method identifier specified' }
        };
      }
      if (route.method.authorizationType !== 'COGNITO_USER_POOLS') {
        return {
          ok: false,
          error: {
            code: 'BadRequestException',
            message: 'Authorization scopes apply only to methods with a COGNITO_USER_POOLS authorizer.'
          }
        };
      }
      // An empty list is a method without scopes: the authorizer then wants an ID token again.
      const { authorizationScopes: _dropped, ...rest } = route.method;
      const method: ApiMethod = scopes.length === 0 ? rest : { ...rest, authorizationScopes: [...scopes] };
      routes[index] = { ...route, method };
      config.api.methods = config.api.methods.map((m, i) => (i === index ? method : m));
      return { ok: true };
    }
  };

  const internalError = (ctx: ExchangeContext, apigwId: string, reason: string) =>
    gatewayResponse(
      serviceError('InternalServerErrorException', 'Internal server error', reason, 502),
      ctx,
      apigwId
    );

  return {
    id: 'api-gateway',
    authorizer,
    admin,
    routeArns,
    routeArnsOf: (functionName) =>
      config.api.methods.filter((method) => method.functionName === functionName).map(arnPatternOf),
    handles: (url) => url.host === base.host,
    async handle(request, ctx) {
      const url = new URL(request.url);
      const apigwId = `${random.pick(ALPHANUMERIC, 15)}=`;

      // An unknown resource or method answers 403 "Missing Authentication Token": API Gateway does not
      // say whether a path exists to a caller it has not authorized.
      const inStage = url.pathname.startsWith(`${stagePath}/`)
        ? url.pathname.slice(stagePath.length)
        : undefined;
      let found: { route: Route; values: string[] } | undefined;
      for (const route of routes) {
        if (inStage === undefined || route.method.httpMethod !== request.method) continue;
        const match = route.pattern.exec(inStage);
        if (match) {
          found = { route, values: match.slice(1) };
          break;
        }
      }
      ctx.check('api-gateway.route-exists', found !== undefined, `${request.method} ${url.pathname}`);
      if (!found || inStage === undefined) {
        return gatewayResponse(
          serviceError(
            'MissingAuthenticationTokenException',
            'Missing Authentication Token',
            `The API has no ${request.method} ${inStage ?? url.pathname}; it has ${listed} in stage ${stage}.`,
            403
          ),
          ctx,
          apigwId
        );
      }
      const { route, values } = found;
      const pathParameters: Record<string, string> = {};
      route.params.forEach((name, i) => {
        const raw = values[i] ?? '';
        try {
          pathParameters[name] = decodeURIComponent(raw);
        } catch {
          pathParameters[name] = raw;
        }
      });
      const sourceArn = `${apiArn}/${stage}/${request.method}${inStage}`;

      let caller: { claims: JwtClaims } | { session: IssuedSession };
      if (route.method.authorizationType === 'AWS_IAM') {
        // The app signed the request itself; what it carries is its signature (and session token), not a token.
        ctx.carry(...signedRequestCarries(request.headers));
        const verdict = await authorizeIam(request, ctx, env, sourceArn);
        if (!verdict.ok) return gatewayResponse(verdict.error, ctx, apigwId, verdict.field);
        caller = { session: verdict.session };
      } else {
        const verdict = await authorizer.authorize(request, ctx, {
          ...(route.method.authorizationScopes === undefined
            ? {}
            : { authorizationScopes: route.method.authorizationScopes })
        });
        if (!verdict.ok) {
          return gatewayResponse(
            serviceError('UnauthorizedException', verdict.message, verdict.reason, 401),
            ctx,
            apigwId
          );
        }
        caller = { claims: verdict.claims };
      }

      const event = proxyEvent({ request, url, inStage, route, pathParameters, caller, apigwId, ctx });
      let invoked: Response;
      try {
        // API Gateway invokes as its service principal, naming the method it serves (`aws:SourceArn`): the
        // function's resource-based policy decides on both.
        invoked = await ctx.fetch(
          new Request(invokeUrl(config.region, route.method.functionName), {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-amz-invocation-type': 'RequestResponse' },
            body: JSON.stringify(event)
          }),
          { carries: proxyEventCarries(event), sourceArn }
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
          `The ${route.method.functionName} function failed (Invoke answered ${invoked.status}${invoked.headers.has('x-amz-function-error') ? ', function error' : ''}).`
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
          reason: `The ${route.method.functionName} function answered ${result.statusCode}${message ? `: ${message}` : ''}.`
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
    route: Route;
    pathParameters: Record<string, string>;
    caller: { claims: JwtClaims } | { session: IssuedSession };
    apigwId: string;
    ctx: ExchangeContext;
  }): ProxyEvent {
    const { request, url, inStage, route, pathParameters, caller, apigwId, ctx } = input;
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
    const userAgent = request.headers.get('user-agent');
    const resource = route.method.resource;
    return {
      resource,
      path: inStage,
      httpMethod: request.method,
      headers,
      multiValueHeaders,
      queryStringParameters: query.length ? Object.fromEntries(url.searchParams) : null,
      multiValueQueryStringParameters: query.length
        ? Object.fromEntries(query.map((key) => [key, url.searchParams.getAll(key)]))
        : null,
      pathParameters: route.params.length > 0 ? pathParameters : null,
      stageVariables: null,
      requestContext: {
        resourceId,
        resourcePath: resource,
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
        identity:
          'session' in caller ? iamIdentity(caller.session, userAgent) : { sourceIp: SOURCE_IP, userAgent },
        domainName: url.host,
        apiId,
        // An AWS_IAM method has no authorizer claims: who called is in `identity`, from the signature.
        ...('claims' in caller ? { authorizer: { claims: flattenClaims(caller.claims) } } : {})
      },
      body: null,
      isBase64Encoded: false
    };
  }

  /**
   * Who signed, as a REST API's proxy event tells an AWS_IAM method's function: the access key, the assumed
   * role, and for identity-pool credentials the identity (`cognitoIdentityId`, the pool, authenticated or not,
   * and the login provider with the user pool `sub`), read from the session STS issued for that identity.
   */
  function iamIdentity(
    session: IssuedSession,
    userAgent: string | null
  ): ProxyEvent['requestContext']['identity'] {
    const text = (key: string) => {
      const value = session.variables[key];
      return typeof value === 'string' ? value : null;
    };
    const amr = session.variables['cognito-identity.amazonaws.com:amr'];
    const amrList = Array.isArray(amr) ? amr : typeof amr === 'string' ? [amr] : [];
    const identityId = text('cognito-identity.amazonaws.com:sub');
    return {
      cognitoIdentityPoolId: identityId === null ? null : text('cognito-identity.amazonaws.com:aud'),
      accountId: config.accountId,
      cognitoIdentityId: identityId,
      caller: session.assumedRoleId,
      sourceIp: SOURCE_IP,
      principalOrgId: null,
      accessKey: session.accessKeyId,
      cognitoAuthenticationType: identityId === null ? null : (amrList[0] ?? null),
      // "cognito-idp.{region}.amazonaws.com/{poolId},cognito-idp.{region}.amazonaws.com/{poolId}:CognitoSignIn:{sub}"
      cognitoAuthenticationProvider:
        identityId === null || amrList.length < 2 ? null : amrList.slice(1).join(','),
      userArn: session.assumedRoleArn,
      userAgent,
      user: session.assumedRoleId
    };
  }
}
