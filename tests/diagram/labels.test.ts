// Labels say each exchange in plain words and in wire terms, and badge what it carries (JWT, credentials, SigV4, refresh token).

import { describe, expect, it } from 'vitest';
import {
  PARTICIPANTS,
  describeExchange,
  describeRequest,
  describeResponse,
  requestBadges,
  responseBadges
} from '../../src/lib/diagram/labels';
import type { TraceEntry, WireResponse } from '../../src/lib/sim/trace';
import {
  ACCESS_TOKEN,
  API_BASE,
  CLIENT_ID,
  ID_TOKEN,
  REFRESH_TOKEN,
  USER_POOL_ID,
  figure1,
  figure2,
  figure3,
  figure4,
  fakeJwt
} from './fixtures';

function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`no item ${index}`);
  return item;
}

function refusedWith(entry: TraceEntry, response: WireResponse, extra: Partial<TraceEntry> = {}): TraceEntry {
  const { error: _error, reason: _reason, ...rest } = entry;
  return { ...rest, response, outcome: 'refused', ...extra };
}

const apiCall = at(figure2.entries, 0);
const cognito = (target: string, body: unknown): TraceEntry => ({
  ...at(figure1.entries, 0),
  operation: target,
  request: {
    method: 'POST',
    url: 'https://cognito-idp.us-east-1.amazonaws.com/',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSCognitoIdentityProviderService.${target}`
    },
    body: JSON.stringify(body)
  }
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
      dynamodb: 'DynamoDB — table Orders',
      sts: 'STS — Security Token Service',
      google: 'Google — third-party IdP'
    });
  });

  it('has a short role for narrow screens that is never longer than the full one', () => {
    for (const p of Object.values(PARTICIPANTS))
      expect(p.shortRole.length).toBeLessThanOrEqual(p.role.length);
  });
});

describe('requests', () => {
  it('reads the auth flow from the InitiateAuth body', () => {
    expect(describeRequest(at(figure1.entries, 0))).toEqual({
      label: 'Sign in (SRP)',
      wire: 'InitiateAuth · USER_SRP_AUTH',
      badges: []
    });
    expect(describeRequest(cognito('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH' })).label).toBe(
      'Sign in (password)'
    );
  });

  it('labels the SRP proof with its challenge name', () => {
    expect(describeRequest(at(figure1.entries, 1))).toMatchObject({
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
    const anonymous = { ...apiCall, request: { ...apiCall.request, headers: {} } };
    expect(describeRequest(anonymous).wire).toBe('GET /orders/42 · no token');
    expect(describeRequest(anonymous).badges).toEqual([]);
  });

  it('says the app reads DynamoDB directly, and keeps the wire operation plain', () => {
    expect(describeRequest(at(figure3.entries, 0))).toEqual({
      label: 'Read the order straight from DynamoDB',
      wire: 'GetItem',
      badges: ['jwt']
    });
    expect(describeRequest(at(figure2.entries, 3))).toEqual({
      label: 'Read the order',
      wire: 'GetItem',
      badges: ['sigv4']
    });
  });

  it('names what the lesson tables hold, and says which way a direct call goes', () => {
    const dynamo = (operation: string, table: string, from: 'app' | 'lambda' = 'app'): TraceEntry => {
      const base = at(figure3.entries, 0);
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
    expect(describeRequest(at(figure4.entries, 0)).label).toBe('Get an identity id');
    expect(describeRequest(at(figure4.entries, 1))).toEqual({
      label: 'Trade the ID token for credentials',
      wire: 'GetCredentialsForIdentity',
      badges: ['jwt']
    });
    expect(describeRequest(at(figure4.entries, 2))).toEqual({
      label: 'Assume the IAM role with the token',
      wire: 'AssumeRoleWithWebIdentity · TwoPools_Authenticated',
      badges: ['jwt']
    });
    const guest = {
      ...at(figure4.entries, 1),
      request: { ...at(figure4.entries, 1).request, body: JSON.stringify({ IdentityId: 'us-east-1:x' }) }
    };
    expect(describeRequest(guest)).toMatchObject({ label: 'Get guest credentials', badges: [] });
  });

  it('describes the service-to-service hops behind the API', () => {
    expect(describeRequest(at(figure2.entries, 1))).toEqual({
      label: 'Fetch the signing keys',
      wire: 'GET /…/jwks.json',
      badges: []
    });
    expect(describeRequest(at(figure2.entries, 2))).toEqual({
      label: "Run the function with the token's claims",
      wire: 'Invoke · get-order',
      badges: []
    });
  });

  it("describes Google's JWKS", () => {
    const certs: TraceEntry = {
      ...at(figure2.entries, 1),
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
    expect(describeRequest(cognito('GetUser', { AccessToken: ACCESS_TOKEN }))).toEqual({
      label: 'Read my profile',
      wire: 'GetUser',
      badges: ['jwt']
    });
  });

  it('falls back to the operation name for anything unknown', () => {
    expect(
      describeRequest({ ...at(figure4.entries, 0), to: 'sts', operation: 'GetCallerIdentity' })
    ).toMatchObject({ label: 'GetCallerIdentity', wire: 'GetCallerIdentity' });
  });
});

describe('badges', () => {
  it('finds a JWT in Authorization (with or without Bearer), in Logins, and in a web identity token', () => {
    const request = (headers: Record<string, string>, body = '') => ({
      method: 'POST',
      url: API_BASE,
      headers,
      body
    });
    expect(requestBadges(request({ Authorization: ID_TOKEN }))).toEqual(['jwt']);
    expect(requestBadges(request({ authorization: `Bearer ${ID_TOKEN}` }))).toEqual(['jwt']);
    expect(
      requestBadges(
        request(
          {},
          JSON.stringify({ Logins: { [`cognito-idp.us-east-1.amazonaws.com/${USER_POOL_ID}`]: ID_TOKEN } })
        )
      )
    ).toEqual(['jwt']);
    expect(requestBadges(at(figure4.entries, 2).request)).toEqual(['jwt']);
  });

  it('finds a SigV4 signature, and nothing in an unsigned request', () => {
    expect(requestBadges(at(figure4.entries, 3).request)).toEqual(['sigv4']);
    expect(requestBadges(at(figure1.entries, 0).request)).toEqual([]);
  });

  it('finds a refresh token going out and coming back', () => {
    const refresh = cognito('InitiateAuth', {
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: CLIENT_ID,
      AuthParameters: { REFRESH_TOKEN }
    });
    expect(describeRequest(refresh)).toEqual({
      label: 'Refresh the tokens',
      wire: 'InitiateAuth · REFRESH_TOKEN_AUTH',
      badges: ['refresh-token']
    });
    expect(responseBadges(at(figure1.entries, 1).response)).toEqual(['jwt', 'refresh-token']);
  });

  it('finds credentials in JSON and in STS XML', () => {
    expect(responseBadges(at(figure4.entries, 1).response)).toEqual(['aws-credentials']);
    expect(responseBadges(at(figure4.entries, 2).response)).toEqual(['aws-credentials']);
  });

  it('finds the OpenID token GetOpenIdToken answers with', () => {
    const body = JSON.stringify({ IdentityId: 'us-east-1:x', Token: fakeJwt({ sub: 'us-east-1:x' }) });
    expect(responseBadges({ status: 200, headers: {}, body })).toEqual(['jwt']);
  });
});

describe('responses', () => {
  it('says what a successful answer carries', () => {
    expect(describeResponse(at(figure1.entries, 0)).label).toBe('200 · PASSWORD_VERIFIER challenge');
    expect(describeResponse(at(figure1.entries, 1))).toEqual({
      label: '200 · ID, access and refresh tokens',
      badges: ['jwt', 'refresh-token']
    });
    expect(describeResponse(at(figure2.entries, 0)).label).toBe('200 · the order');
    expect(describeResponse(at(figure2.entries, 1)).label).toBe('200 · 2 public keys');
    expect(describeResponse(at(figure4.entries, 0)).label).toBe('200 · identity id');
    expect(describeResponse(at(figure4.entries, 1)).label).toBe('200 · temporary AWS credentials');
    expect(describeResponse(at(figure4.entries, 2)).label).toBe('200 · temporary AWS credentials');
  });

  it('gives a refusal its status and AWS error code, with the message as detail', () => {
    expect(describeResponse(at(figure3.entries, 0))).toEqual({
      label: '400 MissingAuthenticationTokenException',
      detail: 'Request is missing Authentication Token',
      badges: []
    });
  });

  it('reads the code from the error envelope when the trace has none', () => {
    const entry = refusedWith(at(figure3.entries, 0), {
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
    const entry = refusedWith(at(figure4.entries, 2), {
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
    expect(describeExchange(at(figure3.entries, 0)).request.label).toBe(
      'Read the order straight from DynamoDB'
    );
  });
});
