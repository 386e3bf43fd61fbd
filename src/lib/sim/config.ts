// The world's fixed facts: region, account, resource ids (drawn from the seed) and demo users.

import { DIGITS, LOWER_ALPHANUMERIC, ALPHANUMERIC, type Random } from './random';

export const REGION = 'us-east-1' as const;
/** The account id AWS's own documentation uses in its examples. */
export const ACCOUNT_ID = '123456789012';

export interface DemoUser {
  username: string;
  password: string;
  email: string;
  /** The user's `sub` in the pool, fixed here so that the world's data can name its owner (order 42's). */
  sub: string;
}

/** How a REST API method decides who may call it (the method's `authorizationType`). */
export type ApiAuthorizationType = 'COGNITO_USER_POOLS' | 'AWS_IAM';

/**
 * One method of the REST API, as its configuration says: the resource path (with `{param}` parts), the
 * authorization type, for a Cognito authorizer the method's OAuth scopes (`authorizationScopes`; none means the
 * authorizer wants an ID token, some mean an access token carrying one of them), and the Lambda function of its
 * proxy integration.
 */
export interface ApiMethod {
  httpMethod: 'GET';
  resource: string;
  authorizationType: ApiAuthorizationType;
  authorizationScopes?: readonly string[];
  functionName: string;
}

/** The scope every Cognito access token carries for the user's own profile (GetUser, UpdateUserAttributes, ...). */
export const COGNITO_ADMIN_SCOPE = 'aws.cognito.signin.user.admin';

/**
 * The methods of every world's API: the orders behind the Cognito authorizer without scopes (figure 2), the
 * caller's profile behind the same authorizer with an OAuth scope, and the same Orders function behind
 * `AWS_IAM` authorization, for callers signing with identity-pool credentials.
 */
export const DEFAULT_API_METHODS: readonly ApiMethod[] = [
  {
    httpMethod: 'GET',
    resource: '/orders/{id}',
    authorizationType: 'COGNITO_USER_POOLS',
    functionName: 'GetOrder'
  },
  {
    httpMethod: 'GET',
    resource: '/me',
    authorizationType: 'COGNITO_USER_POOLS',
    authorizationScopes: [COGNITO_ADMIN_SCOPE],
    functionName: 'GetProfile'
  },
  { httpMethod: 'GET', resource: '/iam/orders/{id}', authorizationType: 'AWS_IAM', functionName: 'GetOrder' },
  // The same order behind a custom scope of the resource server `orders-api`: only an access token from managed
  // login (the authorization-code flow) can carry it, since the user pool API's own tokens carry only the admin scope.
  {
    httpMethod: 'GET',
    resource: '/scoped/orders/{id}',
    authorizationType: 'COGNITO_USER_POOLS',
    authorizationScopes: ['orders-api/read'],
    functionName: 'GetOrder'
  }
];

/**
 * The app client's managed login (OAuth 2.0) settings, as the console's "Login pages" tab holds them: the
 * callback URLs `redirect_uri` must equal exactly, the grant types the client may use (`code`; the implicit
 * grant is off), and the scopes it may ask for: OpenID's own, the admin scope, and the resource server's custom
 * scopes, named `{identifier}/{scope}`.
 */
export interface ManagedLoginClient {
  callbackUrls: readonly string[];
  allowedOAuthFlows: readonly ('code' | 'implicit')[];
  allowedOAuthScopes: readonly string[];
}

/** A resource server of the user pool: its identifier and its custom scopes (without the identifier). */
export interface ResourceServer {
  identifier: string;
  name: string;
  scopes: readonly string[];
}

export interface WorldConfig {
  region: typeof REGION;
  accountId: string;
  userPool: {
    id: string;
    clientId: string;
    issuer: string;
    jwksUri: string;
    /** The user pool's domain (managed login and the OAuth 2.0 endpoints): `https://{prefix}.auth.{region}.amazoncognito.com`. */
    domain: string;
    /** The app client's callback URL: where managed login sends the browser back with `code` and `state`. */
    callbackUrl: string;
    /** The app client's managed login settings. */
    managedLogin: ManagedLoginClient;
    resourceServers: readonly ResourceServer[];
  };
  api: {
    baseUrl: string;
    /**
     * The Cognito authorizer's optional regular expression for the ID token's `aud` (the app client).
     * Unset by default: the authorizer then accepts an ID token of the pool issued to any of its clients.
     */
    identityValidationExpression?: string;
    /** The API's methods: what API Gateway routes, how each is authorized, and which function it invokes. */
    methods: readonly ApiMethod[];
  };
  table: { name: 'Orders'; partitionKey: 'orderId' };
  /** Confirmed users; order 42 belongs to the first. */
  demoUsers: DemoUser[];
  identityPool: {
    id: string;
    authenticatedRoleArn: string;
    unauthenticatedRoleArn: string;
    allowUnauthenticated: true;
    /** Basic (classic) flow: off, as for every new identity pool, until switched on (AllowClassicFlow). */
    allowClassicFlow: boolean;
  };
  google: { issuer: 'https://accounts.google.com'; clientId: string };
  /** The table guarded by `dynamodb:LeadingKeys`: items keyed by identity id. */
  finegrained: { table: string };
  /** The app's analytics events (what guests may write): keyed by identity id, then event id. */
  events: { table: string };
  /** The app's S3 bucket (users' private folders), at `https://{bucket}.s3.{region}.amazonaws.com/{key}`. */
  s3: { bucket: string };
}

/** The app's callback page, where managed login sends the browser back. */
export const APP_CALLBACK_URL = 'https://app.two-pools.example/callback';

/**
 * `subs` draws the demo users' `sub`s; the world gives it a stream of its own, so that they do not shift
 * the ids drawn from `random`.
 */
export function createConfig(random: Random, subs: Random = random): WorldConfig {
  // user pool id: region + '_' + 9 alphanumerics; app client id: 26 lower-case alphanumerics.
  const userPoolId = `${REGION}_${random.pick(ALPHANUMERIC, 9)}`;
  const issuer = `https://cognito-idp.${REGION}.amazonaws.com/${userPoolId}`;
  const apiId = random.pick(LOWER_ALPHANUMERIC, 10);
  return {
    region: REGION,
    accountId: ACCOUNT_ID,
    userPool: {
      id: userPoolId,
      clientId: random.pick(LOWER_ALPHANUMERIC, 26),
      issuer,
      jwksUri: `${issuer}/.well-known/jwks.json`,
      // A fixed prefix: drawing one would shift every id drawn after it.
      domain: `https://two-pools.auth.${REGION}.amazoncognito.com`,
      callbackUrl: APP_CALLBACK_URL,
      managedLogin: {
        callbackUrls: [APP_CALLBACK_URL],
        allowedOAuthFlows: ['code'],
        allowedOAuthScopes: ['openid', 'email', 'profile', COGNITO_ADMIN_SCOPE, 'orders-api/read']
      },
      resourceServers: [{ identifier: 'orders-api', name: 'Orders API', scopes: ['read'] }]
    },
    api: {
      baseUrl: `https://${apiId}.execute-api.${REGION}.amazonaws.com/prod`,
      methods: DEFAULT_API_METHODS.map((method) => ({ ...method }))
    },
    table: { name: 'Orders', partitionKey: 'orderId' },
    demoUsers: [
      { username: 'alice', password: 'Correct-Horse-42', email: 'alice@example.com', sub: subs.uuid() },
      { username: 'bob', password: 'Battery-Staple-7', email: 'bob@example.com', sub: subs.uuid() }
    ],
    identityPool: {
      id: `${REGION}:${random.uuid()}`,
      authenticatedRoleArn: `arn:aws:iam::${ACCOUNT_ID}:role/TwoPools_Authenticated`,
      unauthenticatedRoleArn: `arn:aws:iam::${ACCOUNT_ID}:role/TwoPools_Guest`,
      allowUnauthenticated: true,
      allowClassicFlow: false
    },
    google: {
      issuer: 'https://accounts.google.com',
      clientId: `${random.pick(DIGITS, 12)}-${random.pick(LOWER_ALPHANUMERIC, 32)}.apps.googleusercontent.com`
    },
    finegrained: { table: 'UserNotes' },
    events: { table: 'Events' },
    s3: { bucket: 'two-pools-avatars' }
  };
}

/** `arn:aws:execute-api:{region}:{account}:{apiId}`: the prefix of every ARN of the API's methods. */
export function executeApiArn(config: Pick<WorldConfig, 'region' | 'accountId' | 'api'>): string {
  const apiId = new URL(config.api.baseUrl).host.split('.')[0] ?? '';
  return `arn:aws:execute-api:${config.region}:${config.accountId}:${apiId}`;
}
