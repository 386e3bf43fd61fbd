// Synthetic traces shaped like the lesson's four figures, for diagram tests that need fixed ids and hand-picked shapes (goldens: scenario-figures.ts).

import { toDiagramEntry, type DiagramEntry } from '../../src/lib/diagram';
import { CHECKS, type CheckId } from '../../src/lib/sim/checks';
import type {
  Carried,
  CarriedKind,
  Check,
  ParticipantId,
  TraceEntry,
  WireRequest,
  WireResponse
} from '../../src/lib/sim/trace';

export const REGION = 'us-east-1';
export const USER_POOL_ID = 'us-east-1_Ab3dE5gH7';
export const CLIENT_ID = '4k2v1q8m3n5b7c9x0z6l1p2o3i';
export const API_BASE = 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod';
export const IDENTITY_POOL_ID = 'us-east-1:2f1e4c7a-9b3d-4e8f-a1c2-5d6e7f8a9b0c';
export const IDENTITY_ID = 'us-east-1:7c3b2a1d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
export const T0 = Date.UTC(2025, 0, 15, 10, 0, 0);

const ISSUER = `https://cognito-idp.${REGION}.amazonaws.com/${USER_POOL_ID}`;

function base64url(text: string): string {
  return Buffer.from(text).toString('base64url');
}

/** A JWT-shaped string with Cognito's header and claims; the signature is filler (nothing here verifies it). */
export function fakeJwt(claims: Record<string, unknown>, kid = 'kid-id-1'): string {
  const signature = Buffer.from(Array.from({ length: 256 }, (_, i) => (i * 37 + 11) % 256)).toString(
    'base64url'
  );
  return `${base64url(JSON.stringify({ kid, alg: 'RS256' }))}.${base64url(JSON.stringify(claims))}.${signature}`;
}

export const ID_TOKEN = fakeJwt({
  sub: '8a5b3c1d-2e4f-4a6b-9c8d-7e6f5a4b3c2d',
  email_verified: true,
  iss: ISSUER,
  'cognito:username': 'alice',
  origin_jti: 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e',
  aud: CLIENT_ID,
  event_id: 'c2d3e4f5-a6b7-4c8d-9e0f-1a2b3c4d5e6f',
  token_use: 'id',
  auth_time: T0 / 1000,
  exp: T0 / 1000 + 3600,
  iat: T0 / 1000,
  jti: 'd3e4f5a6-b7c8-4d9e-8f0a-1b2c3d4e5f6a',
  email: 'alice@example.com'
});

export const ACCESS_TOKEN = fakeJwt(
  {
    sub: '8a5b3c1d-2e4f-4a6b-9c8d-7e6f5a4b3c2d',
    iss: ISSUER,
    client_id: CLIENT_ID,
    origin_jti: 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e',
    event_id: 'c2d3e4f5-a6b7-4c8d-9e0f-1a2b3c4d5e6f',
    token_use: 'access',
    scope: 'aws.cognito.signin.user.admin',
    auth_time: T0 / 1000,
    exp: T0 / 1000 + 3600,
    iat: T0 / 1000,
    jti: 'e4f5a6b7-c8d9-4e0f-9a1b-2c3d4e5f6a7b',
    username: 'alice'
  },
  'kid-access-1'
);

/** Refresh tokens are opaque JWEs in Cognito: five segments. */
export const REFRESH_TOKEN =
  'eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ.c2lt.dWxhdGVk.cmVmcmVzaA.dG9rZW4';

export const CREDENTIALS = {
  AccessKeyId: 'ASIAQ3EGRMVPEXAMPLE7',
  SecretKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY',
  SessionToken: 'IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKENvYXdzEJr//////////wEaCXVzLWVhc3QtMSJGMEQCIExample',
  Expiration: T0 / 1000 + 3600
};

function awsJson(target: string, body: unknown, version = '1.1'): WireRequest {
  const host = target.startsWith('AWSCognitoIdentityProviderService')
    ? `cognito-idp.${REGION}.amazonaws.com`
    : target.startsWith('AWSCognitoIdentityService')
      ? `cognito-identity.${REGION}.amazonaws.com`
      : `dynamodb.${REGION}.amazonaws.com`;
  return {
    method: 'POST',
    url: `https://${host}/`,
    headers: { 'content-type': `application/x-amz-json-${version}`, 'x-amz-target': target },
    body: JSON.stringify(body)
  };
}

function ok(body: unknown, requestId: string, type = 'application/x-amz-json-1.1'): WireResponse {
  return {
    status: 200,
    headers: { 'content-type': type, 'x-amzn-requestid': requestId },
    body: typeof body === 'string' ? body : JSON.stringify(body)
  };
}

function sigV4(service: string, signedHeaders: string, signature: string): Record<string, string> {
  return {
    authorization: `AWS4-HMAC-SHA256 Credential=${CREDENTIALS.AccessKeyId}/20250115/${REGION}/${service}/aws4_request, SignedHeaders=${signedHeaders}, Signature=${signature}`,
    'x-amz-date': '20250115T100005Z',
    'x-amz-security-token': CREDENTIALS.SessionToken
  };
}

interface Hop {
  id: string;
  parentId?: string;
  from: ParticipantId;
  to: ParticipantId;
  operation: string;
  request: WireRequest;
  response: WireResponse;
  start: number;
  end: number;
  checks?: TraceEntry['checks'];
  reason?: string;
  error?: TraceEntry['error'];
  carries?: Carried[];
}

/** What the sender put in a request, and what the receiver put in its answer, as the trace records them. */
const sent = (kind: CarriedKind, where: string): Carried => ({ in: 'request', kind, where });
const got = (kind: CarriedKind, where: string): Carried => ({ in: 'response', kind, where });
const LOGIN = sent(
  'id-token',
  `body Logins[${JSON.stringify(`cognito-idp.${REGION}.amazonaws.com/${USER_POOL_ID}`)}]`
);
const SIGNED: Carried[] = [
  sent('sigv4', 'header Authorization'),
  sent('sigv4', 'header X-Amz-Security-Token')
];

function entry(hop: Hop): TraceEntry {
  return {
    ...hop,
    at: T0 + hop.start * 40,
    checks: hop.checks ?? [],
    outcome: hop.response.status >= 400 ? 'refused' : 'ok',
    carries: hop.carries ?? []
  };
}

/** A check as a service records it: a CHECKS id, its label as the name. */
function check(id: CheckId, ok = true, detail?: string): Check {
  const name = CHECKS[id].label;
  return detail === undefined ? { id, name, ok } : { id, name, ok, detail };
}

export interface Figure {
  name: string;
  participants: ParticipantId[];
  /** The exchanges as recorded. */
  trace: TraceEntry[];
  /** The same, as the diagram reads them (`toDiagramEntry`, as the worker and the build do). */
  entries: DiagramEntry[];
}

/** A figure from its recorded trace. */
export function figureOf(name: string, participants: ParticipantId[], trace: TraceEntry[]): Figure {
  return { name, participants, trace, entries: trace.map(toDiagramEntry) };
}

/** Figure 1: the user pool signs Alice in with SRP and answers with three tokens. */
export const figure1: Figure = figureOf(
  'figure-1-sign-in',
  ['app', 'user-pool'],
  [
    entry({
      id: 't1',
      from: 'app',
      to: 'user-pool',
      operation: 'InitiateAuth',
      request: awsJson('AWSCognitoIdentityProviderService.InitiateAuth', {
        AuthFlow: 'USER_SRP_AUTH',
        ClientId: CLIENT_ID,
        AuthParameters: { USERNAME: 'alice', SRP_A: '5f1c9a0e2b4d6f8a'.repeat(24) }
      }),
      response: ok(
        {
          ChallengeName: 'PASSWORD_VERIFIER',
          ChallengeParameters: {
            SALT: '8d4f1a2b3c5e7f90',
            SRP_B: 'a7c3e1f5b9d2'.repeat(32),
            SECRET_BLOCK: 'AGV1LXdlc3QtMQ'.repeat(20),
            USER_ID_FOR_SRP: 'alice',
            USERNAME: '8a5b3c1d-2e4f-4a6b-9c8d-7e6f5a4b3c2d'
          }
        },
        '0b9d8f3e-1a2c-4e5f-8a7b-6c5d4e3f2a1b'
      ),
      start: 0,
      end: 1,
      carries: [sent('srp-proof', 'body AuthParameters.SRP_A')],
      checks: [check('user-pool.client-exists')]
    }),
    entry({
      id: 't2',
      from: 'app',
      to: 'user-pool',
      operation: 'RespondToAuthChallenge',
      request: awsJson('AWSCognitoIdentityProviderService.RespondToAuthChallenge', {
        ChallengeName: 'PASSWORD_VERIFIER',
        ClientId: CLIENT_ID,
        ChallengeResponses: {
          USERNAME: '8a5b3c1d-2e4f-4a6b-9c8d-7e6f5a4b3c2d',
          PASSWORD_CLAIM_SECRET_BLOCK: 'AGV1LXdlc3QtMQ'.repeat(20),
          PASSWORD_CLAIM_SIGNATURE: 'rU3o6w0n9yT1kq2cV5bX8zA4sD7fG0hJ3kL6mN9pQ2s=',
          TIMESTAMP: 'Wed Jan 15 10:00:01 UTC 2025'
        }
      }),
      response: ok(
        {
          ChallengeParameters: {},
          AuthenticationResult: {
            AccessToken: ACCESS_TOKEN,
            ExpiresIn: 3600,
            TokenType: 'Bearer',
            RefreshToken: REFRESH_TOKEN,
            IdToken: ID_TOKEN
          }
        },
        '1c0e9a4f-2b3d-4f6a-9b8c-7d6e5f4a3b2c'
      ),
      start: 2,
      end: 3,
      carries: [
        sent('srp-proof', 'body ChallengeResponses.PASSWORD_CLAIM_SIGNATURE'),
        got('access-token', 'body AuthenticationResult.AccessToken'),
        got('id-token', 'body AuthenticationResult.IdToken'),
        got('refresh-token', 'body AuthenticationResult.RefreshToken')
      ],
      checks: [check('srp.proof'), check('srp.timestamp-skew')]
    })
  ]
);

const ORDER = { orderId: '42', owner: 'alice', item: 'Blue teapot', total: '34.90' };

/** Figure 2: API Gateway's Cognito authorizer checks the ID token (fetching the JWKS), Lambda reads DynamoDB. */
export const figure2: Figure = figureOf(
  'figure-2-api',
  ['app', 'api-gateway', 'user-pool', 'lambda', 'dynamodb'],
  [
    entry({
      id: 't1',
      from: 'app',
      to: 'api-gateway',
      operation: 'GET /prod/orders/42',
      request: {
        method: 'GET',
        url: `${API_BASE}/orders/42`,
        headers: { accept: 'application/json', authorization: ID_TOKEN },
        body: ''
      },
      response: ok(ORDER, 'e5f6a7b8-c9d0-4e1f-8a2b-3c4d5e6f7a8b', 'application/json'),
      start: 0,
      end: 7,
      carries: [sent('id-token', 'header Authorization')],
      checks: [check('jwt.signature'), check('jwt.expiry'), check('jwt.issuer'), check('jwt.audience')]
    }),
    entry({
      id: 't2',
      parentId: 't1',
      from: 'api-gateway',
      to: 'user-pool',
      operation: `GET /${USER_POOL_ID}/.well-known/jwks.json`,
      request: {
        method: 'GET',
        url: `${ISSUER}/.well-known/jwks.json`,
        headers: { accept: 'application/json' },
        body: ''
      },
      response: ok(
        {
          keys: [
            {
              kid: 'kid-id-1',
              alg: 'RS256',
              kty: 'RSA',
              e: 'AQAB',
              n: 'u1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0_IzW7yWR7QkrmBL7jTKEn5u-qKhbwKfBstIs-bMY2Zkp18gnTxKLxoS2tFczGkPLPgizskuemMghRniWaoLcyehkd3qqGElvW_VDL5AaWTg0nLVkjRo9z-40RQzuVaE8AkAFmxZzow3x-VJYKdjykkJ0iT9wCS0DRTXu269V264Vf_3jvredZiKRkgwlL9xNAwxXFg0x_XFw005UWVRIkdgcKWTjpBP2dPwVZ4WWC-9aGVd-Gyn1o0CLelf4rEjGoXbAAEgAqeGUxrcIlbjXfbcmw',
              use: 'sig'
            },
            {
              kid: 'kid-access-1',
              alg: 'RS256',
              kty: 'RSA',
              e: 'AQAB',
              n: 'qJ8s2Jk1eH6vF9cW3aZ0xN7mT4rL5yB2uQ8pD1gK6sA9oE3iU0wR7tY4hV2jC5nM8bX1zL6kP9qS3dF0gH4aJ7',
              use: 'sig'
            }
          ]
        },
        'f6a7b8c9-d0e1-4f2a-9b3c-4d5e6f7a8b9c',
        'application/json'
      ),
      start: 1,
      end: 2
    }),
    entry({
      id: 't3',
      parentId: 't1',
      from: 'api-gateway',
      to: 'lambda',
      operation: 'POST /2015-03-31/functions/get-order/invocations',
      request: {
        method: 'POST',
        url: `https://lambda.${REGION}.amazonaws.com/2015-03-31/functions/get-order/invocations`,
        headers: { 'content-type': 'application/json', 'x-amz-invocation-type': 'RequestResponse' },
        body: JSON.stringify({
          resource: '/orders/{orderId}',
          path: '/orders/42',
          httpMethod: 'GET',
          pathParameters: { orderId: '42' },
          requestContext: {
            stage: 'prod',
            authorizer: {
              claims: {
                sub: '8a5b3c1d-2e4f-4a6b-9c8d-7e6f5a4b3c2d',
                'cognito:username': 'alice',
                token_use: 'id'
              }
            }
          }
        })
      },
      response: ok(
        { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(ORDER) },
        'a7b8c9d0-e1f2-4a3b-8c4d-5e6f7a8b9c0d',
        'application/json'
      ),
      start: 3,
      end: 6
    }),
    entry({
      id: 't4',
      parentId: 't3',
      from: 'lambda',
      to: 'dynamodb',
      operation: 'GetItem',
      request: {
        ...awsJson(
          'DynamoDB_20120810.GetItem',
          { TableName: 'Orders', Key: { orderId: { S: '42' } } },
          '1.0'
        ),
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': 'DynamoDB_20120810.GetItem',
          ...sigV4(
            'dynamodb',
            'content-type;host;x-amz-date;x-amz-security-token;x-amz-target',
            '5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7'
          )
        }
      },
      response: ok(
        {
          Item: {
            orderId: { S: '42' },
            owner: { S: 'alice' },
            item: { S: 'Blue teapot' },
            total: { N: '34.90' }
          }
        },
        'b8c9d0e1-f2a3-4b4c-9d5e-6f7a8b9c0d1e',
        'application/x-amz-json-1.0'
      ),
      start: 4,
      end: 5,
      carries: SIGNED,
      checks: [check('sigv4.signature'), check('iam.permission', true, 'dynamodb:GetItem on table/Orders')]
    })
  ]
);

/** Figure 3: the app sends its ID token straight to DynamoDB, which wants a SigV4 signature and refuses. */
export const figure3: Figure = figureOf(
  'figure-3-jwt-at-dynamodb',
  ['app', 'dynamodb'],
  [
    entry({
      id: 't1',
      from: 'app',
      to: 'dynamodb',
      operation: 'GetItem',
      request: {
        ...awsJson(
          'DynamoDB_20120810.GetItem',
          { TableName: 'Orders', Key: { orderId: { S: '42' } } },
          '1.0'
        ),
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': 'DynamoDB_20120810.GetItem',
          authorization: ID_TOKEN
        }
      },
      response: {
        status: 400,
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amzn-errortype': 'MissingAuthenticationTokenException:',
          'x-amzn-requestid': 'c9d0e1f2-a3b4-4c5d-8e6f-7a8b9c0d1e2f'
        },
        body: JSON.stringify({
          __type: 'com.amazon.coral.service#MissingAuthenticationTokenException',
          message: 'Request is missing Authentication Token'
        })
      },
      start: 0,
      end: 1,
      carries: [sent('id-token', 'header Authorization')],
      checks: [check('sigv4.signature', false, 'found a JWT')],
      reason: 'DynamoDB only accepts requests signed with AWS credentials (SigV4); a JWT is not a signature.',
      error: {
        code: 'MissingAuthenticationTokenException',
        message: 'Request is missing Authentication Token'
      }
    })
  ]
);

/** Figure 4: the identity pool trades the ID token for credentials (via STS), and the signed GetItem succeeds. */
export const figure4: Figure = figureOf(
  'figure-4-identity-pool',
  ['app', 'identity-pool', 'sts', 'dynamodb'],
  [
    entry({
      id: 't1',
      from: 'app',
      to: 'identity-pool',
      operation: 'GetId',
      request: awsJson('AWSCognitoIdentityService.GetId', {
        IdentityPoolId: IDENTITY_POOL_ID,
        Logins: { [`cognito-idp.${REGION}.amazonaws.com/${USER_POOL_ID}`]: ID_TOKEN }
      }),
      response: ok({ IdentityId: IDENTITY_ID }, 'd0e1f2a3-b4c5-4d6e-9f7a-8b9c0d1e2f3a'),
      start: 0,
      end: 1,
      carries: [LOGIN],
      checks: [check('jwt.signature')]
    }),
    entry({
      id: 't2',
      from: 'app',
      to: 'identity-pool',
      operation: 'GetCredentialsForIdentity',
      request: awsJson('AWSCognitoIdentityService.GetCredentialsForIdentity', {
        IdentityId: IDENTITY_ID,
        Logins: { [`cognito-idp.${REGION}.amazonaws.com/${USER_POOL_ID}`]: ID_TOKEN }
      }),
      response: ok(
        { IdentityId: IDENTITY_ID, Credentials: CREDENTIALS },
        'e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b'
      ),
      start: 2,
      end: 5,
      carries: [LOGIN, got('aws-credentials', 'body Credentials')],
      checks: [check('jwt.signature'), check('identity-pool.role-chosen')]
    }),
    entry({
      id: 't3',
      parentId: 't2',
      from: 'identity-pool',
      to: 'sts',
      operation: 'AssumeRoleWithWebIdentity',
      request: {
        method: 'POST',
        url: 'https://sts.amazonaws.com/',
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
        body: new URLSearchParams({
          Action: 'AssumeRoleWithWebIdentity',
          Version: '2011-06-15',
          RoleArn: 'arn:aws:iam::123456789012:role/TwoPools_Authenticated',
          RoleSessionName: 'CognitoIdentityCredentials',
          WebIdentityToken: fakeJwt(
            {
              iss: 'https://cognito-identity.amazonaws.com',
              sub: IDENTITY_ID,
              aud: IDENTITY_POOL_ID,
              amr: ['authenticated']
            },
            'us-east-11'
          )
        }).toString()
      },
      response: ok(
        `<AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleWithWebIdentityResult><Credentials><AccessKeyId>${CREDENTIALS.AccessKeyId}</AccessKeyId><SecretAccessKey>${CREDENTIALS.SecretKey}</SecretAccessKey><SessionToken>${CREDENTIALS.SessionToken}</SessionToken><Expiration>2025-01-15T11:00:00Z</Expiration></Credentials><SubjectFromWebIdentityToken>${IDENTITY_ID}</SubjectFromWebIdentityToken></AssumeRoleWithWebIdentityResult></AssumeRoleWithWebIdentityResponse>`,
        'f2a3b4c5-d6e7-4f8a-9b0c-1d2e3f4a5b6c',
        'text/xml'
      ),
      start: 3,
      end: 4,
      carries: [
        sent('openid-token', 'body WebIdentityToken'),
        got('aws-credentials', 'body AssumeRoleWithWebIdentityResult.Credentials')
      ],
      checks: [check('iam.trust-policy')]
    }),
    entry({
      id: 't4',
      from: 'app',
      to: 'dynamodb',
      operation: 'GetItem',
      request: {
        ...awsJson(
          'DynamoDB_20120810.GetItem',
          { TableName: 'Orders', Key: { orderId: { S: '42' } } },
          '1.0'
        ),
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': 'DynamoDB_20120810.GetItem',
          ...sigV4(
            'dynamodb',
            'content-type;host;x-amz-date;x-amz-security-token;x-amz-target',
            '9b2f4e7d1c3a5b8e0f6d2c4a7e9b1d3f5a8c0e2b4d6f8a1c3e5b7d9f2a4c6e8b'
          )
        }
      },
      response: ok(
        {
          Item: {
            orderId: { S: '42' },
            owner: { S: 'alice' },
            item: { S: 'Blue teapot' },
            total: { N: '34.90' }
          }
        },
        'a3b4c5d6-e7f8-4a9b-8c0d-2e3f4a5b6c7d',
        'application/x-amz-json-1.0'
      ),
      start: 6,
      end: 7,
      carries: SIGNED,
      checks: [
        check('sigv4.signature'),
        check('sigv4.signature', true, 'session token is valid and not expired'),
        check('iam.permission', true, 'dynamodb:GetItem on table/Orders')
      ]
    })
  ]
);

export const FIGURES: readonly Figure[] = [figure1, figure2, figure3, figure4];
