// Test harness: API Gateway, Lambda and DynamoDB wired as in every world (createOrdersBackend), with the test issuer standing in for the user pool's JWKS endpoint.

import { roleArn } from '../../../../src/lib/sim/iam/roles';
import { createTrace, type ParticipantId, type TraceEntry } from '../../../../src/lib/sim/trace';
import {
  createOrdersBackend,
  createRouter,
  createServiceEnv,
  type OrdersBackendOptions,
  type SendMeta,
  type Service
} from '../../../../src/lib/sim/world';
import { createRoleSession, type RoleSession } from '../../../../src/lib/sim/services/sts';
import { createTestIssuer, TEST_NOW } from '../../../support/jwt-fixtures';
import { testKeys } from '../../../support/keys';

export interface TestCloudOptions extends OrdersBackendOptions {
  seed?: string;
}

export async function createTestCloud(options: TestCloudOptions = {}) {
  const env = createServiceEnv({ seed: options.seed ?? 'api-gateway-tests', now: TEST_NOW, keys: testKeys });
  const { clock, config } = env;
  const issuer = await createTestIssuer({
    userPoolId: config.userPool.id,
    clientId: config.userPool.clientId,
    now: TEST_NOW
  });
  const { apiGateway, lambda, dynamodb } = createOrdersBackend(env, options);
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
  const exchange = createRouter([userPool, apiGateway, lambda, dynamodb], {
    clock,
    random: env.random,
    trace
  });
  const sessions = new Map<string, RoleSession>();

  const cloud = {
    fetch: (request: Request) => exchange('app', request),
    /**
     * Sends as another simulated service would, as the AWS network knows it (`from`, and `aws:SourceArn` in
     * `meta`): what API Gateway's Lambda integration does, without a user behind it.
     */
    sendAs: (from: ParticipantId, request: Request, meta?: SendMeta) => exchange(from, request, meta),
    clock,
    config,
    env,
    issuer,
    trace,
    apiGateway,
    lambda,
    dynamodb,
    get jwksRequests() {
      return jwksRequests;
    },
    /** A session of one of the world's roles (`TwoPools_Admin`, ...), with credentials in the credential store STS writes. */
    session(roleName: string): RoleSession {
      let session = sessions.get(roleName);
      if (!session) {
        session = createRoleSession(env, {
          roleArn: roleArn(config.accountId, roleName),
          sessionName: 'tests'
        });
        sessions.set(roleName, session);
      }
      return session;
    },
    /** `request` signed (SigV4) by a session of `roleName`, for the service its host names. */
    signedAs(roleName: string, request: Request): Promise<Request> {
      return cloud.session(roleName).sign(request);
    },
    /** The execute-api ARN API Gateway names when it invokes for `method path` of stage prod. */
    sourceArn(method: string, path: string): string {
      const apiId = new URL(config.api.baseUrl).host.split('.')[0] ?? '';
      return `arn:aws:execute-api:${config.region}:${config.accountId}:${apiId}/prod/${method}${path}`;
    },
    /** A genuine ID token for `username` (with the demo user's sub), issued at the cloud's current time. */
    async idTokenFor(username: string, overrides: Record<string, unknown> = {}) {
      issuer.now = clock.now();
      const sub = config.demoUsers.find((user) => user.username === username)?.sub;
      return issuer.signId({ 'cognito:username': username, ...(sub ? { sub } : {}), ...overrides });
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
  return cloud;
}

/** The hops of the trace as `from→to operation`, in request order. */
export function hopsOf(entries: readonly TraceEntry[]): string[] {
  return entries.map((entry) => `${entry.from}→${entry.to} ${entry.operation}`);
}
