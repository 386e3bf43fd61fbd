// Test harness: API Gateway, Lambda and DynamoDB behind a router, with the test issuer standing in for the user pool's JWKS endpoint.

import { createClock } from '../../../../src/lib/sim/clock';
import { createConfig } from '../../../../src/lib/sim/config';
import { createRandom } from '../../../../src/lib/sim/random';
import { createTrace, type TraceEntry } from '../../../../src/lib/sim/trace';
import { createRouter, type Service } from '../../../../src/lib/sim/world';
import { createApiGateway } from '../../../../src/lib/sim/services/api-gateway';
import { createDynamoDb, type DynamoDbAuthorizer } from '../../../../src/lib/sim/services/dynamodb';
import {
  createLambda,
  createUnsignedHops,
  type LambdaFunction
} from '../../../../src/lib/sim/services/lambda';
import { createTestIssuer, TEST_NOW } from '../../../support/jwt-fixtures';

export interface TestCloudOptions {
  seed?: string;
  /** Replace the Lambda functions (by name). */
  functions?: ReadonlyMap<string, LambdaFunction>;
  dynamoAuthorize?: DynamoDbAuthorizer;
}

export async function createTestCloud(options: TestCloudOptions = {}) {
  const clock = createClock(TEST_NOW);
  const random = createRandom(options.seed ?? 'api-gateway-tests');
  const config = createConfig(random);
  const issuer = await createTestIssuer({
    userPoolId: config.userPool.id,
    clientId: config.userPool.clientId,
    now: TEST_NOW
  });
  const hops = createUnsignedHops();
  const env = { config, clock, random };
  const apiGateway = createApiGateway(env, { hops });
  const lambda = createLambda(env, { hops, ...(options.functions ? { functions: options.functions } : {}) });
  const dynamodb = createDynamoDb(env, {
    hops,
    ...(options.dynamoAuthorize ? { authorize: options.dynamoAuthorize } : {})
  });
  let jwksRequests = 0;
  // Only the JWKS endpoint of the user pool: the authorizer's one dependency on it.
  const userPool: Service = {
    id: 'user-pool',
    handles: (url) => url.host === 'cognito-idp.us-east-1.amazonaws.com',
    async handle(request) {
      if (request.method === 'GET' && request.url === config.userPool.jwksUri) {
        jwksRequests += 1;
        return new Response(JSON.stringify(issuer.jwks()), {
          headers: { 'content-type': 'application/json' }
        });
      }
      return new Response(JSON.stringify({ message: 'not simulated here' }), { status: 400 });
    }
  };
  const trace = createTrace();
  const exchange = createRouter([userPool, apiGateway, lambda, dynamodb], { clock, random, trace });

  return {
    fetch: (request: Request) => exchange('app', request),
    clock,
    config,
    issuer,
    trace,
    hops,
    apiGateway,
    dynamodb,
    get jwksRequests() {
      return jwksRequests;
    },
    /** A genuine ID token for `username`, issued at the cloud's current time. */
    async idTokenFor(username: string, overrides: Record<string, unknown> = {}) {
      issuer.now = clock.now();
      return issuer.signId({ 'cognito:username': username, ...overrides });
    },
    async accessTokenFor(username: string) {
      issuer.now = clock.now();
      return issuer.signAccess({ username });
    },
    getOrder(id: string, authorization?: string) {
      return exchange(
        'app',
        new Request(`${config.api.baseUrl}/orders/${id}`, {
          headers: authorization === undefined ? {} : { authorization }
        })
      );
    }
  };
}

/** The hops of the trace as `from→to operation`, in request order. */
export function hopsOf(entries: readonly TraceEntry[]): string[] {
  return entries.map((entry) => `${entry.from}→${entry.to} ${entry.operation}`);
}
