// Labels say each exchange in plain words and in wire terms, and badge what it carries (JWT, credentials, SigV4, refresh token).

import { describe, expect, it } from 'vitest';
import { toDiagramEntry } from '../../src/lib/diagram/entry';
import {
  PARTICIPANTS,
  describeExchange as describeSlimExchange,
  describeRequest as describeSlimRequest,
  describeResponse as describeSlimResponse,
  requestBadges,
  responseBadges
} from '../../src/lib/diagram/labels';
import type { Carried, CarriedKind, TraceEntry, WireResponse } from '../../src/lib/sim/trace';
import { byOperation, entry, play } from '../inspect/traces';
import { ACCESS_TOKEN, CLIENT_ID, REFRESH_TOKEN, figure1, figure2, figure3, figure4 } from './fixtures';

// From the wire to the words: each recorded entry is read as the worker reads it (toDiagramEntry), then described.
const describeRequest = (entry: TraceEntry) => describeSlimRequest(toDiagramEntry(entry));
const describeResponse = (entry: TraceEntry) => describeSlimResponse(toDiagramEntry(entry));
const describeExchange = (entry: TraceEntry) => describeSlimExchange(toDiagramEntry(entry));

function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`no item ${index}`);
  return item;
}

function refusedWith(entry: TraceEntry, response: WireResponse, extra: Partial<TraceEntry> = {}): TraceEntry {
  const { error: _error, reason: _reason, ...rest } = entry;
  return { ...rest, response, outcome: 'refused', ...extra };
}

const apiCall = at(figure2.trace, 0);
const sent = (kind: CarriedKind, where: string): Carried => ({ in: 'request', kind, where });
const got = (kind: CarriedKind, where: string): Carried => ({ in: 'response', kind, where });
const cognito = (target: string, body: unknown, carries: Carried[] = []): TraceEntry => ({
  ...at(figure1.trace, 0),
  operation: target,
  request: {
    method: 'POST',
    url: 'https://cognito-idp.us-east-1.amazonaws.com/',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSCognitoIdentityProviderService.${target}`
    },
    body: JSON.stringify(body)
  },
  carries
});

describe('participants', () => {
  it('names each service and says what it is', () => {
    expect(
      Object.fromEntries(Object.entries(PARTICIPANTS).map(([id, p]) => [id, `${p.name} — ${p.role}`]))
    ).toEqual({
      app: "App — the learner's browser app",
      'user-pool': 'User pool — identity provider',
      'identity-pool': 'Identity pool — identity broker',
      'api-gateway': 'API Gateway — REST API + Cognito authorizer',
      lambda: 'Lambda — function',
      // Which tables is the story's to say (participantInfo), never a constant Orders.
      dynamodb: 'DynamoDB — NoSQL tables',
      sts: 'STS — Security Token Service',
      google: 'Google — third-party IdP',
      s3: 'S3 — bucket',
      // The user's browser at managed login: top-level page loads and redirects, not the app's own calls.
      browser: 'Browser — page loads, redirects'
    });
  });

  it('has a short name for narrow screens that is never longer than the full one', () => {
    for (const p of Object.values(PARTICIPANTS)) {
      expect(p.shortName.length).toBeLessThanOrEqual(p.name.length);
      expect(p.shortName).not.toBe('');
    }
    // The two pools keep their names: telling them apart is the lesson.
    expect(PARTICIPANTS['user-pool'].shortName).toBe('User pool');
    expect(PARTICIPANTS['identity-pool'].shortName).toBe('Identity pool');
  });
});

describe('requests', () => {
  it('reads the auth flow from the InitiateAuth body', () => {
    expect(describeRequest(at(figure1.trace, 0))).toEqual({
      label: 'Sign in (SRP)',
      wire: 'InitiateAuth · USER_SRP_AUTH',
      badges: []
    });
    expect(describeRequest(cognito('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH' })).label).toBe(
      'Sign in (password)'
    );
  });

  it('labels the SRP proof with its challenge name', () => {
    expect(describeRequest(at(figure1.trace, 1))).toMatchObject({
      label: 'Prove the password (SRP)',
      wire: 'RespondToAuthChallenge · PASSWORD_VERIFIER'
    });
  });

  it('shows an API call by its path after the stage, with the token truncated', () => {
    expect(describeRequest(apiCall)).toEqual({
      label: 'Get the order',
      wire: 'GET /orders/42 · Authorization: eyJ…',
      badges: ['jwt']
    });
    const anonymous = { ...apiCall, request: { ...apiCall.request, headers: {} }, carries: [] };
    expect(describeRequest(anonymous).wire).toBe('GET /orders/42 · no token');
    expect(describeRequest(anonymous).badges).toEqual([]);
  });

  it('names the route of any other API call: GET /me, and the AWS_IAM route with its signature in the wire line', async () => {
    const toApi = (trace: TraceEntry[], path: string) =>
      entry(trace, (e) => e.from === 'app' && e.to === 'api-gateway' && e.request.url.endsWith(path));
    const which = (await play('which-token')).trace;
    expect(describeRequest(toApi(which, '/me'))).toEqual({
      label: 'Call the API: GET /me',
      wire: 'GET /me · Authorization: eyJ…',
      badges: ['jwt']
    });
    const signed = describeRequest(toApi((await play('iam-authorized-api')).trace, '/iam/orders/42'));
    expect(signed).toMatchObject({ label: 'Call the API: GET /iam/orders/42', badges: ['sigv4'] });
    expect(signed.wire).toMatch(/^GET \/iam\/orders\/42 · Authorization: AWS4-HMAC-S/);
    // The order itself keeps its plain words.
    expect(describeRequest(toApi(which, '/orders/42')).label).toBe('Get the order');
  });

  it('says the app reads DynamoDB directly, and keeps the wire operation plain', () => {
    expect(describeRequest(at(figure3.trace, 0))).toEqual({
      label: 'Read the order straight from DynamoDB',
      wire: 'GetItem',
      badges: ['jwt']
    });
    expect(describeRequest(at(figure2.trace, 3))).toEqual({
      label: 'Read the order',
      wire: 'GetItem',
      badges: ['sigv4']
    });
  });

  it('names what the lesson tables hold, and says which way a direct call goes', () => {
    const dynamo = (operation: string, table: string, from: 'app' | 'lambda' = 'app'): TraceEntry => {
      const base = at(figure3.trace, 0);
      return {
        ...base,
        from,
        operation,
        request: { ...base.request, body: JSON.stringify({ TableName: table }) }
      };
    };
    expect(describeRequest(dynamo('PutItem', 'UserNotes')).label).toBe('Save a note straight to DynamoDB');
    expect(describeRequest(dynamo('Query', 'UserNotes')).label).toBe(
      'Query the notes straight from DynamoDB'
    );
    expect(describeRequest(dynamo('GetItem', 'UserNotes', 'lambda')).label).toBe('Read a note');
    expect(describeRequest(dynamo('PutItem', 'Orders', 'lambda')).label).toBe('Save an order');
    expect(describeRequest(dynamo('GetItem', 'Invoices')).label).toBe(
      'Read an item from Invoices straight from DynamoDB'
    );
    const saved = {
      ...dynamo('PutItem', 'UserNotes'),
      response: { status: 200, headers: {}, body: '{}' },
      outcome: 'ok' as const
    };
    expect(describeResponse(saved).label).toBe('200 · saved');
  });

  it('describes the identity pool trade and the STS hop', () => {
    expect(describeRequest(at(figure4.trace, 0)).label).toBe('Get an identity id');
    expect(describeRequest(at(figure4.trace, 1))).toEqual({
      label: 'Trade the ID token for credentials',
      wire: 'GetCredentialsForIdentity',
      badges: ['jwt']
    });
    expect(describeRequest(at(figure4.trace, 2))).toEqual({
      label: 'Assume the IAM role with the token',
      wire: 'AssumeRoleWithWebIdentity · TwoPools_Authenticated',
      badges: ['jwt']
    });
    const guest = {
      ...at(figure4.trace, 1),
      request: { ...at(figure4.trace, 1).request, body: JSON.stringify({ IdentityId: 'us-east-1:x' }) },
      carries: []
    };
    expect(describeRequest(guest)).toMatchObject({ label: 'Get guest credentials', badges: [] });
  });

  it('describes the service-to-service hops behind the API', () => {
    expect(describeRequest(at(figure2.trace, 1))).toEqual({
      label: 'Fetch the signing keys',
      wire: 'GET /…/jwks.json',
      badges: []
    });
    expect(describeRequest(at(figure2.trace, 2))).toEqual({
      label: "Run the function with the token's claims",
      wire: 'Invoke · get-order',
      badges: []
    });
  });

  it("describes Google's JWKS", () => {
    const certs: TraceEntry = {
      ...at(figure2.trace, 1),
      from: 'identity-pool',
      to: 'google',
      operation: 'GET /oauth2/v3/certs',
      request: { method: 'GET', url: 'https://www.googleapis.com/oauth2/v3/certs', headers: {}, body: '' }
    };
    expect(describeRequest(certs)).toMatchObject({
      label: "Fetch Google's signing keys",
      wire: 'GET /oauth2/v3/certs'
    });
  });

  it('names user pool operations in plain words', () => {
    expect(describeRequest(cognito('SignUp', { ClientId: CLIENT_ID, Username: 'alice' })).label).toBe(
      'Sign up'
    );
    expect(describeRequest(cognito('ConfirmSignUp', {})).label).toBe('Confirm the emailed code');
    const getUser = cognito('GetUser', { AccessToken: ACCESS_TOKEN }, [
      sent('access-token', 'body AccessToken')
    ]);
    expect(describeRequest(getUser)).toEqual({
      label: 'Read my profile',
      wire: 'GetUser',
      badges: ['jwt']
    });
  });

  it('falls back to the operation name for anything unknown', () => {
    expect(
      describeRequest({ ...at(figure4.trace, 0), to: 'sts', operation: 'GetCallerIdentity' })
    ).toMatchObject({ label: 'GetCallerIdentity', wire: 'GetCallerIdentity' });
  });
});

describe('badges', () => {
  const carrying = (...carries: Carried[]) => ({ carries });

  it('come from what the trace says a message carried, never from its bytes', () => {
    // The same bytes: a JWT in Authorization. Only the record decides.
    expect(describeRequest({ ...apiCall, carries: [] }).badges).toEqual([]);
    const unsigned = at(figure1.trace, 0);
    expect(describeRequest({ ...unsigned, carries: [sent('sigv4', 'header Authorization')] }).badges).toEqual(
      ['sigv4']
    );
  });

  it('give every kind of token a JWT badge, and passwords, SRP values and codes none', () => {
    for (const kind of ['id-token', 'access-token', 'google-id-token', 'openid-token'] as const) {
      expect(requestBadges(carrying(sent(kind, 'header Authorization')))).toEqual(['jwt']);
      expect(responseBadges(carrying(got(kind, 'body Token')))).toEqual(['jwt']);
    }
    expect(requestBadges(carrying(sent('refresh-token', 'body Token')))).toEqual(['refresh-token']);
    expect(responseBadges(carrying(got('aws-credentials', 'body Credentials')))).toEqual(['aws-credentials']);
    const secrets = carrying(
      sent('password', 'body Password'),
      sent('srp-proof', 'body AuthParameters.SRP_A'),
      sent('confirmation-code', 'body ConfirmationCode')
    );
    expect(requestBadges(secrets)).toEqual([]);
  });

  it('keep requests and answers apart, list each badge once, in a fixed order', () => {
    const both = carrying(
      sent('sigv4', 'header Authorization'),
      sent('sigv4', 'header X-Amz-Security-Token'),
      sent('refresh-token', 'body AuthParameters.REFRESH_TOKEN'),
      sent('id-token', 'body Logins["accounts.google.com"]'),
      got('aws-credentials', 'body Credentials')
    );
    expect(requestBadges(both)).toEqual(['jwt', 'refresh-token', 'sigv4']);
    expect(responseBadges(both)).toEqual(['aws-credentials']);
  });

  it('badge the lesson figures as their exchanges carried them', () => {
    expect(requestBadges(at(figure4.trace, 1))).toEqual(['jwt']);
    expect(requestBadges(at(figure4.trace, 2))).toEqual(['jwt']);
    expect(requestBadges(at(figure4.trace, 3))).toEqual(['sigv4']);
    expect(requestBadges(at(figure1.trace, 0))).toEqual([]);
    expect(responseBadges(at(figure1.trace, 1))).toEqual(['jwt', 'refresh-token']);
    expect(responseBadges(at(figure4.trace, 1))).toEqual(['aws-credentials']);
    expect(responseBadges(at(figure4.trace, 2))).toEqual(['aws-credentials']);
  });

  it('badge a refresh going out', () => {
    const refresh = cognito(
      'InitiateAuth',
      { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: CLIENT_ID, AuthParameters: { REFRESH_TOKEN } },
      [sent('refresh-token', 'body AuthParameters.REFRESH_TOKEN')]
    );
    expect(describeRequest(refresh)).toEqual({
      label: 'Refresh the tokens',
      wire: 'InitiateAuth · REFRESH_TOKEN_AUTH',
      badges: ['refresh-token']
    });
  });

  // Plays three scenarios (keys, SRP): seconds on a busy machine.
  it('match the carries of real traces: figure 3’s JWT, the proxy event’s token, credentials, SigV4', async () => {
    const figure3Trace = (await play('jwt-to-dynamodb')).trace;
    expect(describeExchange(entry(figure3Trace, byOperation('GetItem', 'dynamodb')))).toMatchObject({
      request: { badges: ['jwt'] },
      response: { badges: [] }
    });
    const api = (await play('call-api')).trace;
    expect(requestBadges(entry(api, (candidate) => candidate.to === 'lambda'))).toEqual(['jwt']);
    const pool = (await play('identity-pool')).trace;
    expect(describeExchange(entry(pool, byOperation('GetCredentialsForIdentity')))).toMatchObject({
      request: { badges: ['jwt'] },
      response: { label: '200 · temporary AWS credentials', badges: ['aws-credentials'] }
    });
    expect(requestBadges(entry(pool, byOperation('GetItem', 'dynamodb')))).toEqual(['sigv4']);
    for (const exchange of pool) {
      const description = describeExchange(exchange);
      expect(description.request.badges).toEqual(requestBadges(exchange));
      expect(description.response.badges).toEqual(responseBadges(exchange));
    }
  }, 30_000);
});

describe('responses', () => {
  it('says what a successful answer carries', () => {
    expect(describeResponse(at(figure1.trace, 0)).label).toBe('200 · PASSWORD_VERIFIER challenge');
    expect(describeResponse(at(figure1.trace, 1))).toEqual({
      label: '200 · ID, access and refresh tokens',
      badges: ['jwt', 'refresh-token']
    });
    expect(describeResponse(at(figure2.trace, 0)).label).toBe('200 · the order');
    expect(describeResponse(at(figure2.trace, 1)).label).toBe('200 · 2 public keys');
    expect(describeResponse(at(figure4.trace, 0)).label).toBe('200 · identity id');
    expect(describeResponse(at(figure4.trace, 1)).label).toBe('200 · temporary AWS credentials');
    expect(describeResponse(at(figure4.trace, 2)).label).toBe('200 · temporary AWS credentials');
  });

  it('gives a refusal its status and AWS error code, with the message as detail', () => {
    expect(describeResponse(at(figure3.trace, 0))).toEqual({
      label: '400 MissingAuthenticationTokenException',
      detail: 'Request is missing Authentication Token',
      badges: []
    });
  });

  it('reads the code from the error envelope when the trace has none', () => {
    const entry = refusedWith(at(figure3.trace, 0), {
      status: 400,
      headers: {},
      body: JSON.stringify({
        __type: 'com.amazon.coral.service#AccessDeniedException',
        message: 'User: … is not authorized'
      })
    });
    expect(describeResponse(entry)).toMatchObject({
      label: '400 AccessDeniedException',
      detail: 'User: … is not authorized'
    });
  });

  it("shows API Gateway's 401 and 403 messages", () => {
    const gateway = (status: number, message: string, reason?: string) =>
      describeResponse(
        refusedWith(
          apiCall,
          { status, headers: {}, body: JSON.stringify({ message }) },
          reason === undefined ? {} : { reason }
        )
      );
    expect(gateway(401, 'Unauthorized')).toEqual({ label: '401 Unauthorized', badges: [] });
    expect(gateway(401, 'The incoming token has expired').label).toBe('401 The incoming token has expired');
    expect(gateway(403, 'Forbidden').label).toBe('403 Forbidden');
    // As the simulated API Gateway records it: the error type in a header and in the trace, not in the body.
    const recorded = refusedWith(
      apiCall,
      {
        status: 401,
        headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'UnauthorizedException' },
        body: JSON.stringify({ message: 'The incoming token has expired' })
      },
      {
        error: { code: 'UnauthorizedException', message: 'The incoming token has expired' },
        reason: 'The token expired at 2025-01-15T11:00:00.000Z; it is now 2025-01-15T11:01:00.000Z.'
      }
    );
    expect(describeResponse(recorded)).toEqual({
      label: '401 The incoming token has expired',
      detail: 'The token expired at 2025-01-15T11:00:00.000Z; it is now 2025-01-15T11:01:00.000Z.',
      badges: []
    });
    // The service's plain-words reason fills in what the wire does not say.
    expect(gateway(401, 'Unauthorized', 'The token was signed by another key.').detail).toBe(
      'The token was signed by another key.'
    );
  });

  it('reads an STS XML error', () => {
    const entry = refusedWith(at(figure4.trace, 2), {
      status: 403,
      headers: { 'content-type': 'text/xml' },
      body: '<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>Not authorized to perform sts:AssumeRoleWithWebIdentity</Message></Error></ErrorResponse>'
    });
    expect(describeResponse(entry)).toMatchObject({
      label: '403 AccessDenied',
      detail: 'Not authorized to perform sts:AssumeRoleWithWebIdentity'
    });
  });

  it('describes both halves of an exchange at once', () => {
    expect(describeExchange(at(figure3.trace, 0)).request.label).toBe(
      'Read the order straight from DynamoDB'
    );
  });
});
