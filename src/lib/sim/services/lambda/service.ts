// The simulated Lambda endpoint: Invoke (POST /2015-03-31/functions/{name}/invocations) runs a function and returns its result.

import { signedRequestCarries } from '../../carried';
import { errorResponse, serviceError, type ServiceError } from '../../http';
import type { PolicyDocument } from '../../iam/policy';
import { decodedPathSegment } from '../../edges';
import type { Service, ServiceEnv } from '../../service';
import { authorizeInvoke, identifyCaller } from './authorize-invoke';
import { getOrder, GET_ORDER_FUNCTION_NAME } from './get-order';
import { getProfile, GET_PROFILE_FUNCTION_NAME } from './get-profile';
import { functionArn } from './resource-policy';
import type { FunctionRuntime, LambdaFunction } from './runtime';

const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;
/** Invoke's FunctionName (a name, a partial or full ARN, perhaps qualified), as Lambda's model constrains it. */
const FUNCTION_NAME_PATTERN_TEXT =
  '(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso(b?)))?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?';
const FUNCTION_NAME_PATTERN = new RegExp(`^(?:${FUNCTION_NAME_PATTERN_TEXT})$`);
const FUNCTION_NAME_MAX = 170;
const CONTENT_TYPE = 'application/json';

export interface LambdaService extends Service {
  readonly id: 'lambda';
}

/** The Invoke URL of a function, as API Gateway's Lambda integration calls it. */
export function invokeUrl(region: string, functionName: string): string {
  return `https://lambda.${region}.amazonaws.com/2015-03-31/functions/${encodeURIComponent(functionName)}/invocations`;
}

export function createLambda(
  env: Pick<ServiceEnv, 'config' | 'roles' | 'credentials'>,
  deps: {
    functions?: ReadonlyMap<string, LambdaFunction>;
    /** Each function's resource-based policy, by function name: which AWS services may invoke it. */
    policies: ReadonlyMap<string, PolicyDocument>;
    /** Signs a function's AWS calls (SigV4) with its execution role's credentials. */
    sign: (request: Request, functionName: string) => Promise<Request>;
  }
): LambdaService {
  const { config } = env;
  const host = `lambda.${config.region}.amazonaws.com`;
  const functions =
    deps.functions ??
    new Map<string, LambdaFunction>([
      [GET_ORDER_FUNCTION_NAME, getOrder],
      [GET_PROFILE_FUNCTION_NAME, getProfile]
    ]);
  const arnPrefix = `arn:aws:lambda:${config.region}:${config.accountId}:function:`;

  return {
    id: 'lambda',
    handles: (url) => url.host === host,
    async handle(request, ctx) {
      ctx.carry(...signedRequestCarries(request.headers));
      const fail = (error: ServiceError) => {
        ctx.reject(error);
        return errorResponse(error, ctx.requestId, CONTENT_TYPE);
      };
      const match = INVOKE_PATH.exec(new URL(request.url).pathname);
      if (request.method !== 'POST' || !match) {
        return fail(
          serviceError(
            'UnknownOperationException',
            'Unknown operation',
            `${request.method} ${new URL(request.url).pathname} is not a Lambda API.`,
            404
          )
        );
      }

      // Who is calling comes first: an unsigned or badly signed request is refused before anything is looked up.
      const caller = await identifyCaller(request, ctx, env);
      if ('kind' in caller) return fail(caller);

      // A name Invoke's model would refuse (a malformed escape like `%ZZ` among them, kept as sent) is a 400
      // ValidationException naming the model's pattern, before any function is looked up.
      let name = decodedPathSegment(match[1] ?? '');
      const nameOk = FUNCTION_NAME_PATTERN.test(name) && name.length <= FUNCTION_NAME_MAX;
      if (!ctx.check('lambda.function-name', nameOk, name)) {
        return fail(
          serviceError(
            'ValidationException',
            name.length > FUNCTION_NAME_MAX
              ? `1 validation error detected: Value '${name}' at 'functionName' failed to satisfy constraint: Member must have length less than or equal to ${FUNCTION_NAME_MAX}`
              : `1 validation error detected: Value '${name}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: ${FUNCTION_NAME_PATTERN_TEXT}`,
            `${JSON.stringify(name)} cannot be a function name or ARN.`
          )
        );
      }
      if (name.startsWith(arnPrefix)) name = name.slice(arnPrefix.length);
      const run = functions.get(name);
      ctx.check('lambda.function-exists', run !== undefined, name);
      if (!run) {
        return fail(
          serviceError(
            'ResourceNotFoundException',
            `Function not found: ${arnPrefix}${name}`,
            `No function is called ${name}.`,
            404
          )
        );
      }
      const refusal = authorizeInvoke(
        caller,
        { name, arn: functionArn(config, name), policy: deps.policies.get(name) },
        ctx
      );
      if (refusal) return fail(refusal);
      const invocationType = request.headers.get('x-amz-invocation-type') ?? 'RequestResponse';
      if (invocationType !== 'RequestResponse') {
        return fail(
          serviceError(
            'InvalidParameterValueException',
            `Unsupported invocation type: ${invocationType}`,
            'This simulation runs functions synchronously only (RequestResponse).'
          )
        );
      }

      let event: unknown;
      try {
        const text = await request.text();
        event = text === '' ? {} : JSON.parse(text);
      } catch (thrown) {
        return fail(
          serviceError(
            'InvalidRequestContentException',
            `Could not parse request body into json: ${thrown instanceof Error ? thrown.message : String(thrown)}`,
            'The invocation payload is not JSON.'
          )
        );
      }

      const runtime: FunctionRuntime = {
        functionName: name,
        awsRequestId: ctx.requestId,
        config,
        now: () => ctx.clock.now(),
        // The SDK in a function signs with the execution role's temporary credentials (AWS_ACCESS_KEY_ID, ...).
        callAws: async (hop) => {
          const sent = await deps.sign(hop, name);
          return ctx.fetch(sent, { carries: signedRequestCarries(sent.headers) });
        },
        check: (id, ok, detail) => ctx.check(id, ok, detail)
      };
      const headers: Record<string, string> = {
        'content-type': CONTENT_TYPE,
        'x-amzn-requestid': ctx.requestId,
        'x-amz-executed-version': '$LATEST'
      };
      try {
        const result = await run(event, runtime);
        return new Response(JSON.stringify(result ?? null), { status: 200, headers });
      } catch (thrown) {
        // A function that throws still makes Invoke succeed (200): the failure is in the payload and
        // the X-Amz-Function-Error header, which API Gateway turns into a 502.
        const error = thrown instanceof Error ? thrown : new Error(String(thrown));
        ctx.reject({ reason: `The function threw: ${error.message}` });
        return new Response(
          JSON.stringify({ errorType: error.name, errorMessage: error.message, trace: [] }),
          {
            status: 200,
            headers: { ...headers, 'x-amz-function-error': 'Unhandled' }
          }
        );
      }
    }
  };
}
