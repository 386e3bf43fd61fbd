// Test helpers for the identity pool, STS and Google: a world, raw JSON 1.1 / query calls, and login tokens.

import { createWorld, type World, type WorldOptions } from '../../../../src/lib/sim';
import { signRequest } from '../../../../src/lib/sim/crypto/sigv4';
import { testKeys } from '../../../support/keys';
import { passwordSignIn, tokensOf, type Tokens } from '../../../support/user-pool';

/** A fixed instant (2025-01-15T10:00:00Z): every token here is checked by the world itself. */
export const IDENTITY_TEST_NOW = Date.UTC(2025, 0, 15, 10, 0, 0);

export const IDENTITY_ENDPOINT = 'https://cognito-identity.us-east-1.amazonaws.com/';
export const STS_ENDPOINT = 'https://sts.amazonaws.com/';

export function identityWorld(options: WorldOptions = {}): Promise<World> {
  return createWorld({ seed: 'identity-pool-tests', now: IDENTITY_TEST_NOW, keys: testKeys, ...options });
}

export interface JsonAnswer {
  status: number;
  headers: Headers;
  // The parsed JSON body; tests read the members they expect.
  body: Record<string, unknown> & { __type?: string; message?: string };
}

/** One JSON 1.1 call to the identity pool, as an app (or the SDK) sends it: unsigned. */
export async function callIdentity(world: World, operation: string, input: unknown): Promise<JsonAnswer> {
  const response = await world.fetch(
    new Request(IDENTITY_ENDPOINT, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `AWSCognitoIdentityService.${operation}`
      },
      body: JSON.stringify(input)
    })
  );
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as JsonAnswer['body']
  };
}

/** One query-protocol call to STS; the answer stays XML text. */
export async function callSts(
  world: World,
  params: Record<string, string>
): Promise<{ status: number; xml: string }> {
  const response = await world.fetch(
    new Request(STS_ENDPOINT, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: new URLSearchParams(params).toString()
    })
  );
  return { status: response.status, xml: await response.text() };
}

/** The text of the first `<name>` element, entities decoded. */
export function xmlField(xml: string, name: string): string | undefined {
  const raw = new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];
  return raw
    ?.replace(/&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The Logins key of the world's user pool. */
export function userPoolProvider(world: World): string {
  return `cognito-idp.us-east-1.amazonaws.com/${world.config.userPool.id}`;
}

/** The role-mapping key of the world's user pool: its Logins key and the app client id. */
export function userPoolMappingKey(world: World): string {
  return `${userPoolProvider(world)}:${world.config.userPool.clientId}`;
}

/** Signs a demo user in at the user pool (USER_PASSWORD_AUTH) and returns the tokens. */
export async function signIn(world: World, which = 0): Promise<Tokens> {
  const user = world.config.demoUsers[which];
  if (!user) throw new Error(`no demo user ${which}`);
  return tokensOf(await passwordSignIn(world, user.username, user.password));
}

export async function userPoolLogins(world: World, which = 0): Promise<Record<string, string>> {
  const { IdToken } = await signIn(world, which);
  return { [userPoolProvider(world)]: IdToken };
}

export async function getId(world: World, logins?: Record<string, string>): Promise<string> {
  const answer = await callIdentity(world, 'GetId', {
    IdentityPoolId: world.config.identityPool.id,
    ...(logins === undefined ? {} : { Logins: logins })
  });
  if (typeof answer.body.IdentityId !== 'string')
    throw new Error(`GetId failed: ${JSON.stringify(answer.body)}`);
  return answer.body.IdentityId;
}

export interface Credentials {
  AccessKeyId: string;
  SecretKey: string;
  SessionToken: string;
  Expiration: number;
}

export async function credentialsFor(
  world: World,
  identityId: string,
  logins?: Record<string, string>
): Promise<{ IdentityId: string; Credentials: Credentials }> {
  const answer = await callIdentity(world, 'GetCredentialsForIdentity', {
    IdentityId: identityId,
    ...(logins === undefined ? {} : { Logins: logins })
  });
  if (answer.status !== 200)
    throw new Error(`GetCredentialsForIdentity failed: ${JSON.stringify(answer.body)}`);
  return answer.body as unknown as { IdentityId: string; Credentials: Credentials };
}

/** Replaces one base64url character in the middle of a segment (keeps the shape, breaks the content). */
export function tamper(token: string, segment: 0 | 1 | 2): string {
  const parts = token.split('.');
  const part = parts[segment] ?? '';
  const at = Math.floor(part.length / 2);
  parts[segment] = part.slice(0, at) + (part[at] === 'A' ? 'B' : 'A') + part.slice(at + 1);
  return parts.join('.');
}

export const DYNAMODB_ENDPOINT = 'https://dynamodb.us-east-1.amazonaws.com/';

/** A DynamoDB JSON 1.0 request, unsigned. */
export function dynamoRequest(
  operation: string,
  input: unknown,
  headers: Record<string, string> = {}
): Request {
  return new Request(DYNAMODB_ENDPOINT, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': `DynamoDB_20120810.${operation}`,
      ...headers
    },
    body: JSON.stringify(input)
  });
}

/** Signs a DynamoDB call with identity-pool credentials (our SigV4 signer) and sends it through the world. */
export async function callDynamo(
  world: World,
  credentials: Credentials,
  operation: string,
  input: unknown
): Promise<JsonAnswer> {
  const { request } = await signRequest(
    dynamoRequest(operation, input),
    {
      accessKeyId: credentials.AccessKeyId,
      secretAccessKey: credentials.SecretKey,
      sessionToken: credentials.SessionToken
    },
    { region: 'us-east-1', service: 'dynamodb', now: world.clock.now() }
  );
  const response = await world.fetch(request);
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as JsonAnswer['body']
  };
}

/** Signs in a demo user, gets an identity and its credentials (the enhanced flow). */
export async function signedInCredentials(
  world: World,
  which = 0
): Promise<{ identityId: string; credentials: Credentials }> {
  const logins = await userPoolLogins(world, which);
  const identityId = await getId(world, logins);
  const { Credentials } = await credentialsFor(world, identityId, logins);
  return { identityId, credentials: Credentials };
}
