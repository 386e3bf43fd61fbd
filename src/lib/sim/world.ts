// createWorld(): wires the simulated services together and routes every request by its URL host.

import { createClock, type Clock } from './clock';
import { createConfig, type ApiMethod, type WorldConfig } from './config';
import { generateKeys, type KeySource } from './crypto/keys';
import { oversizedBody } from './edges';
import { errorResponse, serviceError } from './http';
import { createRandom, type Random } from './random';
import { createRoleStore, ordersFunctionRoleArn, worldRoles, type RoleStore } from './iam/roles';
import type { PolicyDocument } from './iam/policy';
import { createIamAdmin, type IamAdmin } from './iam/admin';
import { createApiGateway, type ApiGatewayAdmin, type ApiGatewayService } from './services/api-gateway';
import { createDynamoDb, createSignedRequestAuthorizer, type DynamoDbService } from './services/dynamodb';
import { createGoogle, isGoogle } from './services/google';
import { createS3 } from './services/s3';
import { createIdentityPool, isIdentityPool, type IdentityPoolControls } from './services/identity-pool';
import {
  apiGatewayInvokePolicy,
  createLambda,
  functionArn,
  GET_ORDER_FUNCTION_NAME,
  GET_PROFILE_FUNCTION_NAME,
  type LambdaFunction,
  type LambdaService
} from './services/lambda';
import { createCredentialStore, createRoleSession, createSts, type CredentialStore } from './services/sts';
import { createUserPool, isUserPoolService, type UserPoolAdmin } from './services/user-pool';
import { CHECKS } from './checks';
import type { ExchangeContext, Inbox, Mail, MailRoom, SendMeta, Service, ServiceEnv } from './service';
import {
  createTrace,
  type Carried,
  type Check,
  type SigV4Record,
  type ParticipantId,
  type Trace,
  type TraceDecision,
  type TraceRecorder
} from './trace';
import { headerRecord, operationOf } from './wire';

export interface WorldOptions {
  /** Same seed, same ids, codes and order of events. Default: `two-pools`. */
  seed?: string;
  /** Epoch ms the clock starts at; default: the current time. */
  now?: number;
  /** Where RSA key pairs come from (default: fresh WebCrypto keys). Tests may reuse pairs. */
  keys?: KeySource;
  /** The REST API's methods, where they differ from every world's (config.ts, DEFAULT_API_METHODS). */
  apiMethods?: readonly ApiMethod[];
}

export type {
  Caller,
  ExchangeContext,
  Inbox,
  Mail,
  MailRoom,
  SendMeta,
  Service,
  ServiceEnv
} from './service';

export interface World {
  /** Every simulated endpoint, routed by URL host. Requests from outside are from `app` (or `meta.from`). */
  fetch(request: Request, meta?: SendMeta): Promise<Response>;
  clock: Clock;
  config: WorldConfig;
  inbox: Inbox;
  trace: Trace;
  /** The lesson's hand on the user pool: key rotation, groups, accounts (not a client API). */
  userPool: UserPoolAdmin;
  /** The third-party IdP: `signIn(email)` returns the id_token Google would hand the app. */
  google: { signIn(email: string): Promise<string> };
  /** The lesson's hand on the identity pool: guest access, roles, role mappings, identities (not a client API). */
  identityPool: IdentityPoolControls;
  /** The account's IAM roles (read-only view for the UI; services share the same store). */
  roles: RoleStore;
  /** The lesson's hand on IAM: a role's trust policy and inline policies, validated as IAM does. */
  iam: IamAdmin;
  /** The lesson's hand on the REST API: a method's OAuth scopes (UpdateMethod), deployed at once. */
  api: ApiGatewayAdmin;
  /** Temporary credentials issued so far (for the inspector and tests). */
  credentials: CredentialStore;
}

function createMailRoom(): MailRoom {
  const mails: Mail[] = [];
  return {
    deliver: (mail) => void mails.push(mail),
    all: () => mails,
    latest(email) {
      const wanted = email.trim().toLowerCase();
      const mail = mails.findLast((m) => m.to.toLowerCase() === wanted);
      return mail && { subject: mail.subject, code: mail.code };
    }
  };
}

/** Routes requests to services and records every exchange. */
export function createRouter(
  services: Service[],
  deps: { clock: Clock; random: Random; trace: TraceRecorder }
): (from: ParticipantId, request: Request, meta?: SendMeta, parentId?: string) => Promise<Response> {
  const { clock, random, trace } = deps;
  const exchange = async (
    from: ParticipantId,
    request: Request,
    meta: SendMeta = {},
    parentId?: string
  ): Promise<Response> => {
    const url = new URL(request.url);
    const service = services.find((candidate) => candidate.handles(url));
    // A real fetch to a host that does not answer fails with a TypeError, not an HTTP status.
    if (!service) throw new TypeError(`Failed to fetch: no simulated service answers at ${url.host}`);
    const { id, start } = trace.begin();
    const at = clock.now();
    const bodyBytes = new Uint8Array(await request.clone().arrayBuffer());
    const wireRequest = {
      method: request.method,
      url: request.url,
      headers: headerRecord(request.headers),
      body: new TextDecoder().decode(bodyBytes)
    };
    const checks: Check[] = [];
    let reason: string | undefined;
    let error: { code: string; message: string } | undefined;
    const decisions: TraceDecision[] = [];
    const carries: Carried[] = [];
    const carry = (...items: Carried[]) => {
      for (const item of items) {
        const known = carries.some((c) => c.in === item.in && c.kind === item.kind && c.where === item.where);
        if (!known) carries.push({ ...item });
      }
    };
    carry(...(meta.carries ?? []));
    let sigv4: SigV4Record | undefined;
    const ctx: ExchangeContext = {
      self: service.id,
      requestId: service.requestId?.(random) ?? random.uuid(),
      clock,
      random,
      caller: meta.sourceArn === undefined ? { from } : { from, sourceArn: meta.sourceArn },
      fetch: (hop, hopMeta) => exchange(service.id, hop, hopMeta, id),
      check(checkId, ok, detail) {
        const name = CHECKS[checkId].label;
        checks.push(detail === undefined ? { id: checkId, name, ok } : { id: checkId, name, ok, detail });
        return ok;
      },
      reject(value) {
        reason ??= value.reason;
        if ('code' in value) error ??= { code: value.code, message: value.message };
      },
      carry,
      recordSigV4(record) {
        sigv4 = { ...record, signedHeaders: [...record.signedHeaders] };
      },
      recordDecision(decision) {
        decisions.push(structuredClone(decision));
      }
    };
    let response: Response;
    // A body over the service's cap is refused before the service reads it (see edges.ts for each cap).
    const oversized = oversizedBody(service.id, bodyBytes.byteLength, ctx.requestId);
    try {
      if (oversized) {
        ctx.check('request.body-size', false, `${bodyBytes.byteLength} bytes`);
        ctx.reject(oversized);
        response = oversized.response;
      } else {
        response = await service.handle(request, ctx);
      }
    } catch (thrown) {
      // A bug in a simulated service must not look like an AWS answer the learner should trust.
      const failure = serviceError(
        'InternalErrorException',
        'An internal error occurred in the simulation.',
        `The simulated ${service.id} failed: ${thrown instanceof Error ? thrown.message : String(thrown)}`,
        500
      );
      ctx.reject(failure);
      response = errorResponse(failure, ctx.requestId);
    }
    const responseBody = await response.clone().text();
    trace.finish({
      id,
      ...(parentId === undefined ? {} : { parentId }),
      from,
      to: service.id,
      operation: operationOf(wireRequest),
      request: wireRequest,
      response: { status: response.status, headers: headerRecord(response.headers), body: responseBody },
      at,
      start,
      checks,
      // A refusal is an error status, or a redirect (managed login's 302 to its error page or to the callback
      // with `error`) or page (its "Incorrect username or password.") that the service recorded as one.
      outcome: response.status >= 400 || error !== undefined ? 'refused' : 'ok',
      ...(reason === undefined ? {} : { reason }),
      ...(error === undefined ? {} : { error }),
      ...(decisions.length === 0 ? {} : { decisions }),
      carries,
      ...(sigv4 === undefined ? {} : { sigv4 })
    });
    return response;
  };
  return exchange;
}

const DEFAULT_SEED = 'two-pools';

/**
 * The fixed facts (ids, users) of the world a seed makes, without making it: what a page or an exercise shows
 * before any world runs. Draws exactly as `createServiceEnv` does, so the two always agree.
 */
export function configForSeed(seed: string = DEFAULT_SEED): WorldConfig {
  return createConfig(createRandom(seed), createRandom(`${seed}/demo-users`));
}

/** What every world's services share: its seeded config, clock and randomness, keys, mail, IAM roles and credentials. */
export function createServiceEnv(options: WorldOptions = {}): ServiceEnv {
  const clock = createClock(options.now);
  const seed = options.seed ?? DEFAULT_SEED;
  const random = createRandom(seed);
  const config = createConfig(random, createRandom(`${seed}/demo-users`));
  if (options.apiMethods !== undefined) {
    config.api.methods = options.apiMethods.map((method) => ({ ...method }));
  }
  // Role ids come from a stream of their own, so adding a role never shifts the ids the services draw.
  const roles = createRoleStore(worldRoles(config, createRandom(`${seed}/iam-roles`)));
  const credentials = createCredentialStore({ random, clock, accountId: config.accountId });
  return {
    config,
    clock,
    random,
    keys: options.keys ?? generateKeys,
    mail: createMailRoom(),
    roles,
    credentials
  };
}

export async function createWorld(options: WorldOptions = {}): Promise<World> {
  const env = createServiceEnv(options);
  const { clock, random, config, mail, roles, credentials } = env;
  const trace = createTrace();

  // The simulated services, one per participant. Each factory lives in services/<name>/.
  const services: Service[] = await buildServices(env);
  const userPool = services.find(isUserPoolService);
  if (!userPool) throw new Error('createWorld: the user pool service is missing');
  const google = services.find(isGoogle);
  const identityPool = services.find(isIdentityPool);
  const apiGateway = services.find((service): service is ApiGatewayService => service.id === 'api-gateway');
  if (!google || !identityPool || !apiGateway)
    throw new Error('createWorld: the Google, identity pool or API Gateway service is missing');

  const exchange = createRouter(services, { clock, random, trace });
  return {
    fetch: (request, meta) => exchange(meta?.from ?? 'app', request, meta),
    clock,
    config,
    inbox: { latest: (email) => mail.latest(email) },
    trace,
    userPool: userPool.admin,
    google: { signIn: (email) => google.signIn(email) },
    identityPool: identityPool.controls,
    roles,
    iam: createIamAdmin(roles),
    api: apiGateway.admin,
    credentials
  };
}

async function buildServices(env: ServiceEnv): Promise<Service[]> {
  const userPool = await createUserPool(env);
  const google = await createGoogle(env);
  const identityPool = await createIdentityPool(env);
  // STS trusts the identity pool's tokens as a built-in provider (see services/sts).
  const sts = createSts(env, { providers: [identityPool.webIdentityProvider] });
  const { apiGateway, lambda, dynamodb } = createOrdersBackend(env);
  return [userPool, google, identityPool, sts, apiGateway, lambda, dynamodb, createS3(env)];
}

export interface OrdersBackendOptions {
  /** Other function code under the same names (each keeps the resource-based policy of its name). */
  functions?: ReadonlyMap<string, LambdaFunction>;
  /** Other resource-based policies for the functions, by name (a permission that misses a route, say). */
  policies?: ReadonlyMap<string, PolicyDocument>;
}

/**
 * The REST API and what stands behind it, wired as in every world: API Gateway invokes the Orders function as
 * `apigateway.amazonaws.com` for the method it serves, and the function's resource-based policy decides; the
 * function signs its DynamoDB calls with its execution role's credentials, like the SDK in Lambda; DynamoDB
 * verifies every signature against the credentials STS issued and evaluates the caller's IAM role.
 */
export function createOrdersBackend(
  env: ServiceEnv,
  options: OrdersBackendOptions = {}
): { apiGateway: ApiGatewayService; lambda: LambdaService; dynamodb: DynamoDbService } {
  const apiGateway = createApiGateway(env);
  const executionRole = createRoleSession(env, {
    roleArn: ordersFunctionRoleArn(env.config),
    sessionName: GET_ORDER_FUNCTION_NAME
  });
  // The permission API Gateway's Lambda integration adds: the API's methods integrated with a function may invoke it.
  const policies =
    options.policies ??
    new Map(
      [GET_ORDER_FUNCTION_NAME, GET_PROFILE_FUNCTION_NAME].map((name) => [
        name,
        apiGatewayInvokePolicy(functionArn(env.config, name), apiGateway.routeArnsOf(name))
      ])
    );
  const lambda = createLambda(env, {
    ...(options.functions === undefined ? {} : { functions: options.functions }),
    policies,
    sign: (request) => executionRole.sign(request)
  });
  const dynamodb: DynamoDbService = createDynamoDb(env, {
    authorize: createSignedRequestAuthorizer(env, {
      service: 'dynamodb',
      partitionKeyOf: (table) => dynamodb.tables.get(table)?.schema.partitionKey.name
    })
  });
  return { apiGateway, lambda, dynamodb };
}
