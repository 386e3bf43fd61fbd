// createWorld(): wires the simulated services together and routes every request by its URL host.

import { createClock, type Clock } from './clock';
import { createConfig, type WorldConfig } from './config';
import { generateKeys, type KeySource } from './crypto/keys';
import { errorResponse, serviceError, type ServiceError } from './http';
import { createRandom, type Random } from './random';
import { createRoleStore, ordersFunctionRoleArn, worldRoles, type RoleStore } from './iam/roles';
import { createApiGateway } from './services/api-gateway';
import { createDynamoDb, type DynamoDbService } from './services/dynamodb';
import { createGoogle, isGoogle } from './services/google';
import { createIdentityPool, isIdentityPool, type IdentityPoolControls } from './services/identity-pool';
import { createLambda, createUnsignedHops, GET_ORDER_FUNCTION_NAME } from './services/lambda';
import {
  createCredentialStore,
  createRoleSession,
  createSignedRequestAuthorizer,
  createSts,
  type CredentialStore
} from './services/sts';
import { createUserPool, isUserPoolService, type UserPoolAdmin } from './services/user-pool';
import {
  createTrace,
  headersToRecord,
  operationOf,
  type Check,
  type ParticipantId,
  type Trace,
  type TraceDecision,
  type TraceRecorder
} from './trace';

export interface WorldOptions {
  /** Same seed, same ids, codes and order of events. Default: `two-pools`. */
  seed?: string;
  /** Epoch ms the clock starts at; default: the current time. */
  now?: number;
  /** Where RSA key pairs come from (default: fresh WebCrypto keys). Tests may reuse pairs. */
  keys?: KeySource;
}

export interface Mail {
  to: string;
  subject: string;
  code: string;
  at: number;
}

export interface Inbox {
  /** The newest message sent to `email`, if any. */
  latest(email: string): { subject: string; code: string } | undefined;
}

export interface MailRoom extends Inbox {
  deliver(mail: Mail): void;
  all(): readonly Mail[];
}

/** What a service sees while it handles one request. */
export interface ExchangeContext {
  readonly self: ParticipantId;
  readonly requestId: string;
  readonly clock: Clock;
  readonly random: Random;
  /** A service-to-service hop from this service, recorded in the trace like any other exchange. */
  fetch(request: Request): Promise<Response>;
  /** Records one verification and returns its outcome, so `if (!ctx.check(...))` reads naturally. */
  check(name: string, ok: boolean, detail?: string): boolean;
  /** Records why the request is being refused (the wire response says less, or nothing). */
  reject(error: ServiceError | { reason: string }): void;
  /** Records an IAM decision on the trace entry (optional so that hand-made contexts in tests need not supply it). */
  recordDecision?(decision: Omit<TraceDecision, 'label'>, label: string): void;
}

export interface Service {
  readonly id: ParticipantId;
  handles(url: URL): boolean;
  handle(request: Request, ctx: ExchangeContext): Promise<Response>;
}

/** What every service factory receives: the world's facts, time, randomness, keys and shared state. */
export interface ServiceEnv {
  config: WorldConfig;
  clock: Clock;
  random: Random;
  keys: KeySource;
  mail: MailRoom;
  /** The IAM roles of the account (trust and permission policies), read by STS and DynamoDB. */
  roles: RoleStore;
  /** Temporary credentials STS issued, by access key id: DynamoDB verifies SigV4 and evaluates IAM with them. */
  credentials: CredentialStore;
}

export interface World {
  /** Every simulated endpoint, routed by URL host. Requests from outside are from `app`. */
  fetch(request: Request): Promise<Response>;
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
): (from: ParticipantId, request: Request, parentId?: string) => Promise<Response> {
  const { clock, random, trace } = deps;
  const exchange = async (from: ParticipantId, request: Request, parentId?: string): Promise<Response> => {
    const url = new URL(request.url);
    const service = services.find((candidate) => candidate.handles(url));
    // A real fetch to a host that does not answer fails with a TypeError, not an HTTP status.
    if (!service) throw new TypeError(`Failed to fetch: no simulated service answers at ${url.host}`);
    const { id, start } = trace.begin();
    const at = clock.now();
    const wireRequest = {
      method: request.method,
      url: request.url,
      headers: headersToRecord(request.headers),
      body: await request.clone().text()
    };
    const checks: Check[] = [];
    let reason: string | undefined;
    let error: { code: string; message: string } | undefined;
    const decisions: TraceDecision[] = [];
    const ctx: ExchangeContext = {
      self: service.id,
      requestId: random.uuid(),
      clock,
      random,
      fetch: (hop) => exchange(service.id, hop, id),
      check(name, ok, detail) {
        checks.push(detail === undefined ? { name, ok } : { name, ok, detail });
        return ok;
      },
      reject(value) {
        reason ??= value.reason;
        if ('code' in value) error ??= { code: value.code, message: value.message };
      },
      recordDecision(decision, label) {
        // Copy only what the trace documents: the evaluator's full statement trace stays with the caller.
        const { decision: verdict, allowed, deciding, resolvedVariables, explanation } = decision;
        decisions.push({
          label,
          decision: verdict,
          allowed,
          deciding: deciding.map((statement) => ({ ...statement })),
          resolvedVariables: { ...resolvedVariables },
          explanation
        });
      }
    };
    let response: Response;
    try {
      response = await service.handle(request, ctx);
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
      response: { status: response.status, headers: headersToRecord(response.headers), body: responseBody },
      at,
      start,
      checks,
      outcome: response.status >= 400 ? 'refused' : 'ok',
      ...(reason === undefined ? {} : { reason }),
      ...(error === undefined ? {} : { error }),
      ...(decisions.length === 0 ? {} : { decisions })
    });
    return response;
  };
  return exchange;
}

export async function createWorld(options: WorldOptions = {}): Promise<World> {
  const clock = createClock(options.now);
  const seed = options.seed ?? 'two-pools';
  const random = createRandom(seed);
  const config = createConfig(random);
  const mail = createMailRoom();
  const trace = createTrace();
  // Role ids come from a stream of their own, so adding a role never shifts the ids the services draw.
  const roles = createRoleStore(worldRoles(config, createRandom(`${seed}/iam-roles`)));
  const credentials = createCredentialStore({ random, clock, accountId: config.accountId });
  const env: ServiceEnv = {
    config,
    clock,
    random,
    keys: options.keys ?? generateKeys,
    mail,
    roles,
    credentials
  };

  // The simulated services, one per participant. Each factory lives in services/<name>/.
  const services: Service[] = await buildServices(env);
  const userPool = services.find(isUserPoolService);
  if (!userPool) throw new Error('createWorld: the user pool service is missing');
  const google = services.find(isGoogle);
  const identityPool = services.find(isIdentityPool);
  if (!google || !identityPool)
    throw new Error('createWorld: the Google or identity pool service is missing');

  const exchange = createRouter(services, { clock, random, trace });
  return {
    fetch: (request) => exchange('app', request),
    clock,
    config,
    inbox: { latest: (email) => mail.latest(email) },
    trace,
    userPool: userPool.admin,
    google: { signIn: (email) => google.signIn(email) },
    identityPool: identityPool.controls,
    roles,
    credentials
  };
}

async function buildServices(env: ServiceEnv): Promise<Service[]> {
  const userPool = await createUserPool(env);
  const google = await createGoogle(env);
  const identityPool = await createIdentityPool(env);
  // STS trusts the identity pool's tokens as a built-in provider (see services/sts).
  const sts = createSts(env, { providers: [identityPool.webIdentityProvider] });
  // API Gateway → Lambda is not signed yet: Lambda knows its caller through this registry.
  const hops = createUnsignedHops();
  const apiGateway = createApiGateway(env, { hops });
  // The function signs its DynamoDB calls with its execution role's credentials, like the SDK in Lambda.
  const executionRole = createRoleSession(env, {
    roleArn: ordersFunctionRoleArn(env.config),
    sessionName: GET_ORDER_FUNCTION_NAME
  });
  const lambda = createLambda(env, { hops, sign: (request) => executionRole.sign(request) });
  // DynamoDB verifies every signature against the credentials STS issued and evaluates the caller's IAM role.
  const dynamodb: DynamoDbService = createDynamoDb(env, {
    hops,
    authorize: createSignedRequestAuthorizer(env, {
      service: 'dynamodb',
      partitionKeyOf: (table) => dynamodb.tables.get(table)?.schema.partitionKey.name
    })
  });
  return [userPool, google, identityPool, sts, apiGateway, lambda, dynamodb];
}
