// What the simulated app sends over the wire: one function per client action, each a real AWS request through world.fetch.

import {
  bucketEndpoint,
  type Carried,
  carriedIn,
  type CarriedKind,
  clientComputeClaim,
  clientStart,
  decodeXmlEntities,
  formatSrpTimestamp,
  header,
  headerRecord,
  inBody,
  inHeader,
  parseJson,
  type Random,
  readAwsError,
  signedRequestCarries,
  signRequest,
  type SigV4Credentials,
  type World,
  xmlElementText
} from '../../sim';

/** What came back, reduced to what the app and the narration need. */
export interface CallResult<T = unknown> {
  ok: boolean;
  status: number;
  /** The parsed body (JSON or, for STS, the XML text). */
  body: T;
  /** For AWS error envelopes (`__type`) and API Gateway's `{message}`. */
  error?: { code: string; message: string };
}

export interface Tokens {
  idToken: string;
  accessToken: string;
  refreshToken?: string;
  /** Epoch ms at which the ID and access tokens expire (ExpiresIn from the clock at issue). */
  expiresAt: number;
}

export interface AwsCredentials {
  accessKeyId: string;
  secretKey: string;
  sessionToken: string;
  /** Epoch ms. */
  expiration: number;
}

const USER_POOL_TARGET = 'AWSCognitoIdentityProviderService.';
const IDENTITY_TARGET = 'AWSCognitoIdentityService.';
const DYNAMODB_TARGET = 'DynamoDB_20120810.';

function hosts(world: World) {
  const region = world.config.region;
  return {
    userPool: `https://cognito-idp.${region}.amazonaws.com/`,
    identity: `https://cognito-identity.${region}.amazonaws.com/`,
    dynamodb: `https://dynamodb.${region}.amazonaws.com/`,
    sts: `https://sts.amazonaws.com/`
  };
}

async function readResult<T>(response: Response): Promise<CallResult<T>> {
  const text = await response.text();
  const json = (header(response.headers, 'content-type') ?? '').includes('json')
    ? parseJson(text)
    : undefined;
  const body: unknown = json?.ok ? json.value : text;
  const result: CallResult<T> = { ok: response.ok, status: response.status, body: body as T };
  if (!response.ok) {
    const wire = { status: response.status, headers: headerRecord(response.headers), body: text };
    const error = readAwsError(wire);
    // API Gateway's `{message}` names no code the app reports; the status stands in for one.
    const code = error?.protocol === 'api-gateway' ? undefined : error?.code;
    result.error = { code: code ?? String(response.status), message: error?.message ?? '' };
  }
  return result;
}

/** Sends a JSON 1.1 request; `carries` says which secrets the app put in it (it knows, the wire does not say). */
async function awsJson<T>(
  world: World,
  url: string,
  target: string,
  input: unknown,
  carries: Carried[] = []
): Promise<CallResult<T>> {
  const response = await world.fetch(
    new Request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target },
      body: JSON.stringify(input)
    }),
    { carries }
  );
  return readResult<T>(response);
}

/** Something the app put in its own request. */
function sent(kind: CarriedKind, where: string): Carried {
  return carriedIn('request', kind, where);
}

// ---- User pool (identity provider) -------------------------------------------------------------

export function signUp(world: World, user: { username: string; password: string; email: string }) {
  return awsJson<{ UserConfirmed: boolean; UserSub: string }>(
    world,
    hosts(world).userPool,
    `${USER_POOL_TARGET}SignUp`,
    {
      ClientId: world.config.userPool.clientId,
      Username: user.username,
      Password: user.password,
      UserAttributes: [{ Name: 'email', Value: user.email }]
    },
    [sent('password', inBody('Password'))]
  );
}

export function confirmSignUp(world: World, username: string, code: string) {
  return awsJson<Record<string, never>>(
    world,
    hosts(world).userPool,
    `${USER_POOL_TARGET}ConfirmSignUp`,
    { ClientId: world.config.userPool.clientId, Username: username, ConfirmationCode: code },
    [sent('confirmation-code', inBody('ConfirmationCode'))]
  );
}

interface AuthenticationResult {
  AuthenticationResult?: { IdToken: string; AccessToken: string; RefreshToken?: string; ExpiresIn: number };
  ChallengeName?: string;
  ChallengeParameters?: Record<string, string>;
  Session?: string;
}

function tokensFrom(
  world: World,
  result: CallResult<AuthenticationResult>,
  refreshToken?: string
): Tokens | undefined {
  const auth = result.ok ? result.body.AuthenticationResult : undefined;
  if (!auth) return undefined;
  return {
    idToken: auth.IdToken,
    accessToken: auth.AccessToken,
    refreshToken: auth.RefreshToken ?? refreshToken,
    expiresAt: world.clock.now() + auth.ExpiresIn * 1000
  };
}

/** USER_PASSWORD_AUTH: the password itself crosses the wire (over TLS), in AuthParameters. */
export async function signInWithPassword(world: World, username: string, password: string) {
  const result = await awsJson<AuthenticationResult>(
    world,
    hosts(world).userPool,
    `${USER_POOL_TARGET}InitiateAuth`,
    {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: world.config.userPool.clientId,
      AuthParameters: { USERNAME: username, PASSWORD: password }
    },
    [sent('password', inBody('AuthParameters', 'PASSWORD'))]
  );
  return { result, tokens: tokensFrom(world, result) };
}

/**
 * What the app keeps between SRP's two requests: its answer to the PASSWORD_VERIFIER challenge, worked out
 * as soon as the challenge arrived (as amazon-cognito-identity-js does), ready to send. It holds neither the
 * password nor SRP's secret `a`: both are dropped once the proof is computed, so they live only as long as
 * the InitiateAuth call. The proof is good for this one challenge (its SECRET_BLOCK) and nothing else.
 */
export interface PasswordVerifierAnswer {
  /** The name the user typed; the app's `username` once the answer is accepted. */
  username: string;
  /** Cognito's Session, when the challenge came with one. */
  session?: string;
  /** RespondToAuthChallenge's ChallengeResponses, in the order they are sent. */
  responses: {
    USERNAME: string;
    PASSWORD_CLAIM_SECRET_BLOCK: string;
    PASSWORD_CLAIM_SIGNATURE: string;
    TIMESTAMP: string;
  };
}

/**
 * USER_SRP_AUTH, first request: the app sends SRP_A (from a secret `a` it just drew), the pool answers with a
 * PASSWORD_VERIFIER challenge (SALT, SRP_B, SECRET_BLOCK, USER_ID_FOR_SRP). The app then proves it knows the
 * password with an HMAC over the pool's secret block, under a key only the password, `a` and the challenge
 * give; it returns that proof, not the password. No password leaves the app.
 */
export async function initiateSrpAuth(world: World, random: Random, username: string, password: string) {
  const { A, a } = clientStart(random.bytes(128));
  const result = await awsJson<AuthenticationResult>(
    world,
    hosts(world).userPool,
    `${USER_POOL_TARGET}InitiateAuth`,
    {
      AuthFlow: 'USER_SRP_AUTH',
      ClientId: world.config.userPool.clientId,
      AuthParameters: { USERNAME: username, SRP_A: A }
    },
    [sent('srp-proof', inBody('AuthParameters', 'SRP_A'))]
  );
  const params = result.body.ChallengeParameters;
  if (!result.ok || result.body.ChallengeName !== 'PASSWORD_VERIFIER' || !params) {
    return { result, answer: undefined };
  }
  const timestamp = formatSrpTimestamp(world.clock.now());
  const userIdForSrp = params.USER_ID_FOR_SRP ?? username;
  const signature = await clientComputeClaim({
    poolName: world.config.userPool.id.split('_')[1] ?? '',
    userIdForSrp,
    password,
    salt: params.SALT ?? '',
    B: params.SRP_B ?? '',
    a,
    secretBlock: params.SECRET_BLOCK ?? '',
    timestamp
  });
  const answer: PasswordVerifierAnswer = {
    username,
    ...(result.body.Session ? { session: result.body.Session } : {}),
    responses: {
      USERNAME: params.USERNAME ?? username,
      PASSWORD_CLAIM_SECRET_BLOCK: params.SECRET_BLOCK ?? '',
      PASSWORD_CLAIM_SIGNATURE: signature,
      TIMESTAMP: timestamp
    }
  };
  return { result, answer };
}

/** USER_SRP_AUTH, second request: RespondToAuthChallenge with the proof; the pool checks it and answers with tokens. */
export async function answerPasswordVerifier(world: World, answer: PasswordVerifierAnswer) {
  const result = await awsJson<AuthenticationResult>(
    world,
    hosts(world).userPool,
    `${USER_POOL_TARGET}RespondToAuthChallenge`,
    {
      ChallengeName: 'PASSWORD_VERIFIER',
      ClientId: world.config.userPool.clientId,
      ...(answer.session ? { Session: answer.session } : {}),
      ChallengeResponses: { ...answer.responses }
    },
    [sent('srp-proof', inBody('ChallengeResponses', 'PASSWORD_CLAIM_SIGNATURE'))]
  );
  return { result, tokens: tokensFrom(world, result) };
}

/** USER_SRP_AUTH from start to end: both requests, one after the other (what SIGN_IN with flow 'srp' sends). */
export async function signInWithSrp(world: World, random: Random, username: string, password: string) {
  const { result, answer } = await initiateSrpAuth(world, random, username, password);
  if (!answer) return { result, tokens: undefined };
  return answerPasswordVerifier(world, answer);
}

export async function refreshTokens(world: World, refreshToken: string) {
  const result = await awsJson<AuthenticationResult>(
    world,
    hosts(world).userPool,
    `${USER_POOL_TARGET}InitiateAuth`,
    {
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: world.config.userPool.clientId,
      AuthParameters: { REFRESH_TOKEN: refreshToken }
    },
    [sent('refresh-token', inBody('AuthParameters', 'REFRESH_TOKEN'))]
  );
  return { result, tokens: tokensFrom(world, result, refreshToken) };
}

export function globalSignOut(world: World, accessToken: string) {
  return awsJson<Record<string, never>>(
    world,
    hosts(world).userPool,
    `${USER_POOL_TARGET}GlobalSignOut`,
    { AccessToken: accessToken },
    [sent('access-token', inBody('AccessToken'))]
  );
}

// ---- API Gateway -------------------------------------------------------------------------------

/** Which of its two user-pool tokens the app puts in Authorization. */
export type TokenChoice = 'id' | 'access';

/** A GET to the API with one of the tokens in Authorization (the Cognito authorizer takes it bare or after `Bearer `). */
async function getWithToken(world: World, path: string, token: string | undefined, choice: TokenChoice) {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token !== undefined) headers.authorization = token;
  const response = await world.fetch(new Request(`${world.config.api.baseUrl}${path}`, { headers }), {
    carries:
      token === undefined
        ? []
        : [sent(choice === 'id' ? 'id-token' : 'access-token', inHeader('Authorization'))]
  });
  return readResult<Record<string, unknown>>(response);
}

/** GET /orders/{id} with a token in Authorization: the ID token, unless the app sends its access token instead. */
export function callApi(
  world: World,
  orderId: string,
  token: string | undefined,
  choice: TokenChoice = 'id'
) {
  return getWithToken(world, `/orders/${encodeURIComponent(orderId)}`, token, choice);
}

/** GET /me, the method with the OAuth scope aws.cognito.signin.user.admin, with the token chosen. */
export function getProfile(world: World, token: string | undefined, choice: TokenChoice) {
  return getWithToken(world, '/me', token, choice);
}

/**
 * GET /iam/orders/{id}, the AWS_IAM method: no token at all; the request is signed with SigV4 for the service
 * `execute-api` with the identity pool's temporary credentials (or a deliberately wrong secret).
 */
export async function callIamApi(
  world: World,
  credentials: AwsCredentials,
  orderId: string,
  options: { secretOverride?: string } = {}
) {
  const { request } = await signRequest(
    new Request(`${world.config.api.baseUrl}/iam/orders/${encodeURIComponent(orderId)}`, {
      headers: { accept: 'application/json' }
    }),
    {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: options.secretOverride ?? credentials.secretKey,
      sessionToken: credentials.sessionToken
    },
    { region: world.config.region, service: 'execute-api', now: world.clock.now() }
  );
  const carries = signedRequestCarries(request.headers);
  return readResult<Record<string, unknown>>(await world.fetch(request, { carries }));
}

// ---- Identity pool (identity broker) and STS ---------------------------------------------------

export type Logins = Record<string, string>;

const GOOGLE_LOGINS_KEY = 'accounts.google.com';

export function userPoolLogins(world: World, idToken: string): Logins {
  return { [`cognito-idp.${world.config.region}.amazonaws.com/${world.config.userPool.id}`]: idToken };
}

export function googleLogins(idToken: string): Logins {
  return { [GOOGLE_LOGINS_KEY]: idToken };
}

/** The tokens in Logins: Google's id_token under Google's key, the user pool's ID token under the pool's. */
function loginCarries(logins: Logins | undefined): Carried[] {
  return Object.keys(logins ?? {}).map((key) =>
    sent(key === GOOGLE_LOGINS_KEY ? 'google-id-token' : 'id-token', inBody('Logins', key))
  );
}

export function getId(world: World, logins: Logins | undefined) {
  return awsJson<{ IdentityId: string }>(
    world,
    hosts(world).identity,
    `${IDENTITY_TARGET}GetId`,
    {
      AccountId: world.config.accountId,
      IdentityPoolId: world.config.identityPool.id,
      ...(logins ? { Logins: logins } : {})
    },
    loginCarries(logins)
  );
}

interface CredentialsOutput {
  IdentityId: string;
  Credentials: { AccessKeyId: string; SecretKey: string; SessionToken: string; Expiration: number };
}

export async function getCredentialsForIdentity(
  world: World,
  identityId: string,
  logins: Logins | undefined
) {
  const result = await awsJson<CredentialsOutput>(
    world,
    hosts(world).identity,
    `${IDENTITY_TARGET}GetCredentialsForIdentity`,
    { IdentityId: identityId, ...(logins ? { Logins: logins } : {}) },
    loginCarries(logins)
  );
  const c = result.ok ? result.body.Credentials : undefined;
  // The JSON protocol sends timestamps as epoch seconds.
  const credentials: AwsCredentials | undefined = c && {
    accessKeyId: c.AccessKeyId,
    secretKey: c.SecretKey,
    sessionToken: c.SessionToken,
    expiration: Number(c.Expiration) * 1000
  };
  return { result, credentials };
}

export async function getOpenIdToken(world: World, identityId: string, logins: Logins | undefined) {
  return awsJson<{ IdentityId: string; Token: string }>(
    world,
    hosts(world).identity,
    `${IDENTITY_TARGET}GetOpenIdToken`,
    {
      IdentityId: identityId,
      ...(logins ? { Logins: logins } : {})
    },
    loginCarries(logins)
  );
}

/** STS speaks the query protocol: a form body in, XML out. The token is the identity pool's OpenID token. */
export async function assumeRoleWithWebIdentity(
  world: World,
  roleArn: string,
  openIdToken: string,
  sessionName: string
) {
  const form = new URLSearchParams({
    Action: 'AssumeRoleWithWebIdentity',
    Version: '2011-06-15',
    RoleArn: roleArn,
    RoleSessionName: sessionName,
    WebIdentityToken: openIdToken
  });
  const response = await world.fetch(
    new Request(hosts(world).sts, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: form.toString()
    }),
    { carries: [sent('openid-token', inBody('WebIdentityToken'))] }
  );
  const result = await readResult<string>(response);
  const xml = typeof result.body === 'string' ? result.body : '';
  const field = (name: string) => xmlElementText(xml, name);
  const accessKeyId = field('AccessKeyId');
  const credentials: AwsCredentials | undefined =
    result.ok && accessKeyId
      ? {
          accessKeyId,
          secretKey: field('SecretAccessKey') ?? '',
          sessionToken: field('SessionToken') ?? '',
          expiration: Date.parse(field('Expiration') ?? '')
        }
      : undefined;
  return { result, credentials };
}

// ---- DynamoDB ----------------------------------------------------------------------------------

export type AttributeValue = { S: string } | { N: string } | { BOOL: boolean };

function dynamoRequest(world: World, operation: string, input: unknown): Request {
  return new Request(hosts(world).dynamodb, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': `${DYNAMODB_TARGET}${operation}`
    },
    body: JSON.stringify(input)
  });
}

/**
 * Figure 3: what an app that has only a JWT might try. DynamoDB reads `Authorization`, finds no
 * `AWS4-HMAC-SHA256` signature, and refuses before looking at the token at all.
 */
export async function callDynamoDbWithJwt(
  world: World,
  idToken: string,
  input: unknown,
  operation = 'GetItem'
) {
  const request = dynamoRequest(world, operation, input);
  request.headers.set('authorization', idToken);
  // DynamoDB never reads the token as one; only the app knows that what it sent is its ID token.
  const carries = [sent('id-token', inHeader('Authorization'))];
  return readResult<Record<string, unknown>>(await world.fetch(request, { carries }));
}

/** A DynamoDB call signed with SigV4 using the app's temporary credentials (or a deliberately wrong secret). */
export async function callDynamoDbSigned(
  world: World,
  credentials: AwsCredentials,
  operation: string,
  input: unknown,
  options: { secretOverride?: string } = {}
) {
  const signingCredentials: SigV4Credentials = {
    accessKeyId: credentials.accessKeyId,
    secretAccessKey: options.secretOverride ?? credentials.secretKey,
    sessionToken: credentials.sessionToken
  };
  const { request, details } = await signRequest(dynamoRequest(world, operation, input), signingCredentials, {
    region: world.config.region,
    service: 'dynamodb',
    now: world.clock.now()
  });
  const carries = signedRequestCarries(request.headers);
  const result = await readResult<Record<string, unknown>>(await world.fetch(request, { carries }));
  return { result, signature: details };
}

// ---- S3 ----------------------------------------------------------------------------------------

/** A 1×1 PNG (70 bytes): the avatar the app uploads. */
const AVATAR_PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGPQztnwHwAEVAJHnALJDgAAAABJRU5ErkJggg==';

export function avatarPng(): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(AVATAR_PNG_BASE64), (char) => char.charCodeAt(0));
}

/** `private/{identity id}/`: the folder the authenticated role's policy grants, by the identity id. */
export function privateFolder(identityId: string): string {
  return `private/${identityId}/`;
}

/** A key as the SDK puts it in the path: each segment percent-encoded (the identity id's `:` becomes `%3A`). */
function keyPath(key: string): string {
  return key
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

/** One S3 request signed with SigV4 for `s3` (x-amz-content-sha256: the body's hash) with the app's credentials. */
async function callS3(world: World, credentials: AwsCredentials, request: Request) {
  const { request: signed } = await signRequest(
    request,
    {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretKey,
      sessionToken: credentials.sessionToken
    },
    { region: world.config.region, service: 's3', now: world.clock.now() }
  );
  const carries = signedRequestCarries(signed.headers);
  return world.fetch(signed, { carries });
}

/** PutObject: `PUT https://{bucket}.s3.{region}.amazonaws.com/{key}` with the bytes. */
export async function putObject(
  world: World,
  credentials: AwsCredentials,
  key: string,
  body: Uint8Array<ArrayBuffer>,
  contentType: string
) {
  const response = await callS3(
    world,
    credentials,
    new Request(`${bucketEndpoint(world.config)}/${keyPath(key)}`, {
      method: 'PUT',
      headers: { 'content-type': contentType },
      body
    })
  );
  const result = await readResult<string>(response);
  return { ...result, etag: response.headers.get('etag') ?? undefined };
}

/** GetObject: `GET /{key}`; the body's size and type, not its bytes, are what the app reports. */
export async function getObject(world: World, credentials: AwsCredentials, key: string) {
  const response = await callS3(
    world,
    credentials,
    new Request(`${bucketEndpoint(world.config)}/${keyPath(key)}`)
  );
  if (!response.ok) return readResult<string>(response);
  const bytes = await response.arrayBuffer();
  return {
    ok: true,
    status: response.status,
    body: { key, size: bytes.byteLength, contentType: response.headers.get('content-type') ?? '' }
  } satisfies CallResult<{ key: string; size: number; contentType: string }>;
}

/** ListObjectsV2: `GET /?list-type=2&prefix=…`; the keys listed. */
export async function listObjects(world: World, credentials: AwsCredentials, prefix: string) {
  const query = `list-type=2&prefix=${encodeURIComponent(prefix)}`;
  const response = await callS3(world, credentials, new Request(`${bucketEndpoint(world.config)}/?${query}`));
  const result = await readResult<string>(response);
  if (!result.ok) return { result, keys: undefined };
  const keys = [...result.body.matchAll(/<Key>([^<]*)<\/Key>/g)].map((match) =>
    decodeXmlEntities(match[1] ?? '')
  );
  return { result, keys };
}

// ---- Managed login (the user pool's domain): authorization code with PKCE ---------------------

/**
 * What the app keeps while the browser is at managed login: the PKCE verifier (never sent until the token
 * request), its S256 challenge (sent to /oauth2/authorize), the `state` it will expect back, the redirect_uri it
 * asked for, the login page's address once the browser is there, and the code once the browser is back.
 */
export interface ManagedLoginSession {
  verifier: string;
  challenge: string;
  state: string;
  redirectUri: string;
  scope: string;
  loginUrl?: string;
  code?: string;
}

/** The scopes the app asks for: OpenID's, and the custom scope of the resource server orders-api. */
export const MANAGED_LOGIN_SCOPE = 'openid email orders-api/read';

function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** RFC 7636 §4.2, S256: BASE64URL(SHA256(ASCII(verifier))), as any PKCE client computes it. */
export async function pkceChallenge(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64Url(new Uint8Array(digest));
}

/** A new PKCE pair and state from the app's randomness: 32 bytes give the 43-character verifier RFC 7636 recommends. */
export async function newManagedLoginSession(
  world: World,
  random: Random,
  redirectUri: string = world.config.userPool.callbackUrl
): Promise<ManagedLoginSession> {
  const verifier = base64Url(random.bytes(32));
  const state = base64Url(random.bytes(16));
  return {
    verifier,
    challenge: await pkceChallenge(verifier),
    state,
    redirectUri,
    scope: MANAGED_LOGIN_SCOPE
  };
}

/** An OAuth endpoint's answer read as the app reads it: the status, the JSON body and `{"error"}` as the code. */
async function readOAuth<T>(response: Response): Promise<CallResult<T>> {
  const text = await response.text();
  const json = parseJson(text);
  const body = (json?.ok ? json.value : text) as T;
  if (response.ok) return { ok: true, status: response.status, body };
  const error =
    json?.ok && typeof json.value === 'object' && json.value !== null
      ? (json.value as { error?: unknown }).error
      : undefined;
  return {
    ok: false,
    status: response.status,
    body,
    error: { code: typeof error === 'string' ? error : String(response.status), message: '' }
  };
}

/** Where a 302 sends the browser, and the OAuth `error` it names, if any. */
function redirectOf(response: Response): { location?: URL; error?: string } {
  const raw = response.headers.get('location');
  if (response.status !== 302 || raw === null) return {};
  const location = new URL(raw);
  const error = location.searchParams.get('error') ?? undefined;
  return error === undefined ? { location } : { location, error };
}

/**
 * The app sends the browser to /oauth2/authorize (a redirect from the app's page); the pool answers 302 to its
 * login page, which the browser follows and shows. Refused (redirect_mismatch, invalid_scope, ...), the 302 goes
 * to Cognito's error page or back to the callback with `error`, and the browser stops there.
 */
export async function openManagedLogin(world: World, session: ManagedLoginSession) {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: world.config.userPool.clientId,
    redirect_uri: session.redirectUri,
    scope: session.scope,
    state: session.state,
    code_challenge: session.challenge,
    code_challenge_method: 'S256'
  });
  const authorize = await world.fetch(
    new Request(`${world.config.userPool.domain}/oauth2/authorize?${query.toString()}`),
    { from: 'browser' }
  );
  const { location, error } = redirectOf(authorize);
  if (error !== undefined || location === undefined || location.pathname !== '/login') {
    const code = error ?? String(authorize.status);
    return {
      result: {
        ok: false,
        status: authorize.status,
        body: location?.toString(),
        error: { code, message: '' }
      },
      loginUrl: undefined
    };
  }
  const page = await world.fetch(new Request(location.toString()), { from: 'browser' });
  return {
    result: { ok: page.ok, status: page.status, body: undefined },
    loginUrl: page.ok ? location.toString() : undefined
  };
}

/**
 * The user types the username and password into managed login's page, and the browser posts them to the pool:
 * the app is not part of this exchange. A 302 to the callback brings the code (and the state) to the app.
 */
export async function submitManagedLogin(
  world: World,
  loginUrl: string,
  credentials: { username: string; password: string }
) {
  const response = await world.fetch(
    new Request(loginUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(credentials).toString()
    }),
    { from: 'browser', carries: [sent('password', inBody('password'))] }
  );
  const { location, error } = redirectOf(response);
  const code = location?.searchParams.get('code') ?? undefined;
  const state = location?.searchParams.get('state') ?? undefined;
  if (code === undefined) {
    // The page came back (200) with "Incorrect username or password.", or the pool refused the request.
    const reason = error ?? (response.status === 200 ? 'NotAuthorizedException' : String(response.status));
    return {
      result: { ok: false, status: response.status, body: undefined, error: { code: reason, message: '' } },
      code: undefined,
      state
    };
  }
  return { result: { ok: true, status: response.status, body: undefined }, code, state };
}

export interface OAuthTokens {
  id_token?: string;
  access_token: string;
  refresh_token?: string;
  expires_in: number;
  token_type: 'Bearer';
}

/** POST /oauth2/token: the app trades the code and its PKCE verifier for ID, access and refresh tokens. */
export async function redeemCode(
  world: World,
  session: ManagedLoginSession & { code: string },
  verifier: string = session.verifier
) {
  const response = await world.fetch(
    new Request(`${world.config.userPool.domain}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: world.config.userPool.clientId,
        code: session.code,
        redirect_uri: session.redirectUri,
        code_verifier: verifier
      }).toString()
    })
  );
  const result = await readOAuth<OAuthTokens>(response);
  const tokens: Tokens | undefined =
    result.ok && result.body.id_token !== undefined
      ? {
          idToken: result.body.id_token,
          accessToken: result.body.access_token,
          ...(result.body.refresh_token === undefined ? {} : { refreshToken: result.body.refresh_token }),
          expiresAt: world.clock.now() + result.body.expires_in * 1000
        }
      : undefined;
  return { result, tokens };
}

/** GET /scoped/orders/{id}, the method with the custom scope orders-api/read, with the access token. */
export function callScopedApi(world: World, orderId: string, accessToken: string | undefined) {
  return getWithToken(world, `/scoped/orders/${encodeURIComponent(orderId)}`, accessToken, 'access');
}
