// The wire module: header lookup, bodies, the three AWS error envelopes, JWT recognition and operation names.
import { base64url } from 'jose';
import { describe, expect, it } from 'vitest';
import { errorResponse, serviceError } from '../../src/lib/sim/http';
import { queryErrorResponse, queryResponse } from '../../src/lib/sim/services/sts/query';
import {
  bareErrorCode,
  formFields,
  header,
  headerRecord,
  isJwt,
  operationOf,
  ownString,
  parseJson,
  parseJsonObject,
  queryParameters,
  readAwsError,
  withoutBearer,
  xmlElementText,
  type WireResponseLike
} from '../../src/lib/sim/wire';
import { passwordSignIn, poolWorld, tokensOf } from '../support/user-pool';

async function recorded(response: Response): Promise<WireResponseLike> {
  return { status: response.status, headers: headerRecord(response.headers), body: await response.text() };
}

const encode = (value: unknown) => base64url.encode(JSON.stringify(value));

describe('header', () => {
  it('finds a header whatever the case of its recorded name or of the name asked for', () => {
    const headers = { 'Content-Type': 'text/xml', 'x-amz-target': 'A.B' };
    expect(header(headers, 'content-type')).toBe('text/xml');
    expect(header(headers, 'X-Amz-Target')).toBe('A.B');
    expect(header(headers, 'authorization')).toBeUndefined();
  });

  it('reads Headers too, and records them with lower-case names', () => {
    const headers = new Headers({ 'X-Amzn-RequestId': 'r1' });
    expect(header(headers, 'x-amzn-requestid')).toBe('r1');
    expect(headerRecord(headers)).toEqual({ 'x-amzn-requestid': 'r1' });
  });
});

describe('bodies', () => {
  it('parses JSON without throwing, and tells objects from other JSON', () => {
    expect(parseJson('{"a": [[[[')).toEqual({ ok: false });
    expect(parseJson('[1]')).toEqual({ ok: true, value: [1] });
    expect(parseJsonObject('[1]')).toBeUndefined();
    expect(parseJsonObject(' {"a":1}')).toEqual({ a: 1 });
    expect(ownString(JSON.parse('{"__proto__":"x"}'), '__proto__')).toBe('x');
    expect(ownString({}, 'toString')).toBeUndefined();
  });

  it('reads form fields only from a form body', () => {
    const form = {
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: 'A=1&B=x%20y'
    };
    expect(formFields(form)?.get('B')).toBe('x y');
    expect(formFields({ headers: { 'content-type': 'application/json' }, body: 'A=1' })).toBeUndefined();
  });

  it('reads query-protocol parameters: a POST body first, the URL for the rest, only the URL otherwise', () => {
    const url = 'https://sts.amazonaws.com/?Action=FromUrl&Version=2011-06-15';
    const post = queryParameters({ method: 'POST', url, body: 'Action=FromBody&RoleArn=r' });
    expect([...post]).toEqual([
      ['Action', 'FromBody'],
      ['RoleArn', 'r'],
      ['Version', '2011-06-15']
    ]);
    expect([...queryParameters({ method: 'GET', url, body: 'Action=FromBody' })]).toEqual([
      ['Action', 'FromUrl'],
      ['Version', '2011-06-15']
    ]);
  });

  it('reads element text back from a document STS wrote, entities decoded', async () => {
    const response = queryResponse(
      'AssumeRoleWithWebIdentity',
      [['Credentials', [['AccessKeyId', 'ASIA<&>']]]],
      'r1'
    );
    const xml = await response.text();
    expect(xmlElementText(xml, 'AccessKeyId')).toBe('ASIA<&>');
    expect(xmlElementText(xml, 'RequestId')).toBe('r1');
    expect(xmlElementText(xml, 'SecretAccessKey')).toBeUndefined();
  });
});

describe('readAwsError', () => {
  it('reads the AWS JSON protocol envelope the services write', async () => {
    const response = await recorded(
      errorResponse(serviceError('NotAuthorizedException', 'Incorrect username or password.'), 'r1')
    );
    expect(readAwsError(response)).toEqual({
      protocol: 'aws-json',
      code: 'NotAuthorizedException',
      message: 'Incorrect username or password.'
    });
  });

  it('strips a namespace from __type and takes "Message" when "message" is absent', () => {
    const body = JSON.stringify({
      __type: 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException',
      Message: 'Requested resource not found'
    });
    expect(readAwsError({ status: 400, headers: {}, body })).toEqual({
      protocol: 'aws-json',
      code: 'ResourceNotFoundException',
      message: 'Requested resource not found'
    });
    expect(readAwsError({ status: 400, headers: {}, body: '{"__type":"Throttling"}' })?.message).toBe('');
  });

  it("reads API Gateway's {message} with the code from x-amzn-ErrorType, when there is one", () => {
    const body = '{"message":"Unauthorized"}';
    expect(
      readAwsError({ status: 401, headers: { 'X-Amzn-ErrorType': 'UnauthorizedException:http://x/' }, body })
    ).toEqual({ protocol: 'api-gateway', code: 'UnauthorizedException', message: 'Unauthorized' });
    expect(readAwsError({ status: 401, headers: {}, body })).toEqual({
      protocol: 'api-gateway',
      message: 'Unauthorized'
    });
  });

  it("reads the query protocol's XML envelope STS writes", async () => {
    const response = await recorded(
      queryErrorResponse(
        serviceError(
          'AccessDenied',
          'Not authorized to perform sts:AssumeRoleWithWebIdentity',
          undefined,
          403
        ),
        'r2'
      )
    );
    expect(readAwsError(response)).toEqual({
      protocol: 'query-xml',
      code: 'AccessDenied',
      message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity',
      type: 'Sender',
      requestId: 'r2'
    });
  });

  it('finds nothing in a success, or in a refusal in none of the envelopes', () => {
    expect(readAwsError({ status: 200, headers: {}, body: '{"message":"Order placed"}' })).toBeUndefined();
    expect(readAwsError({ status: 500, headers: {}, body: 'Internal error' })).toBeUndefined();
    expect(readAwsError({ status: 502, headers: {}, body: '{"error":"boom"}' })).toBeUndefined();
    expect(
      readAwsError({ status: 400, headers: {}, body: '<Orders><Code>1</Code></Orders>' })
    ).toBeUndefined();
  });

  it('keeps only the code of a header value or a namespaced type', () => {
    expect(bareErrorCode('NotAuthorizedException:')).toBe('NotAuthorizedException');
    expect(bareErrorCode('a.b#C:http://internal')).toBe('C');
  });
});

describe('isJwt', () => {
  it('recognises the tokens the user pool issues, and not its refresh token', async () => {
    const world = await poolWorld();
    const [alice] = world.config.demoUsers;
    const tokens = tokensOf(await passwordSignIn(world, alice!.username, alice!.password));
    expect(isJwt(tokens.IdToken)).toBe(true);
    expect(isJwt(tokens.AccessToken)).toBe(true);
    expect(isJwt(withoutBearer(`Bearer ${tokens.IdToken}`))).toBe(true);
    expect(isJwt(tokens.RefreshToken)).toBe(false);
  });

  it('recognises a tampered or unsigned token: only the header is read', () => {
    const header = encode({ alg: 'none' });
    expect(isJwt(`${header}.${encode({ sub: 'x' })}.`)).toBe(true);
    expect(isJwt(`${header}.not-the-claims.c2ln`)).toBe(true);
  });

  it('refuses what only looks like one', () => {
    expect(isJwt(undefined)).toBe(false);
    expect(isJwt('eyJ.not.a.real.token')).toBe(false);
    expect(isJwt('eyJhbGciOi.e30.c2ln')).toBe(false);
    expect(isJwt(`${encode({ typ: 'JWT' })}.e30.c2ln`)).toBe(false);
    expect(isJwt(`${encode({ alg: 1 })}.e30.c2ln`)).toBe(false);
    expect(isJwt(`${encode(['alg'])}.e30.c2ln`)).toBe(false);
    expect(isJwt(`${encode({ alg: 'RS256' })}.e+0.c2ln`)).toBe(false);
    expect(isJwt(`eyJ${'A'.repeat(10_000)}.e30.c2ln`)).toBe(false);
    expect(isJwt('Bearer ' + `${encode({ alg: 'RS256' })}.e30.c2ln`)).toBe(false);
  });
});

describe('operationOf', () => {
  const request = (method: string, url: string, headers: Record<string, string> = {}, body = '') => ({
    method,
    url,
    headers,
    body
  });

  it('names a JSON-protocol call by its X-Amz-Target', () => {
    expect(
      operationOf(
        request('POST', 'https://dynamodb.us-east-1.amazonaws.com/', {
          'X-Amz-Target': 'DynamoDB_20120810.GetItem'
        })
      )
    ).toBe('GetItem');
  });

  it('names a query-protocol call by its Action, from a form body first, then the URL', () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    expect(
      operationOf(request('POST', 'https://sts.amazonaws.com/?Action=B', form, 'Action=A&Version=1'))
    ).toBe('A');
    expect(operationOf(request('POST', 'https://sts.amazonaws.com/?Action=B', {}, 'Action=A'))).toBe('B');
    expect(operationOf(request('GET', 'https://sts.amazonaws.com/?Action=B', form, 'Action=A'))).toBe('B');
  });

  it('names any other call by its method and path', () => {
    expect(operationOf(request('GET', 'https://api.example/prod/orders/42?x=1'))).toBe('GET /prod/orders/42');
    expect(operationOf(request('GET', 'not a url'))).toBe('GET not a url');
  });

  it('names a real sign-in as it was recorded', async () => {
    const world = await poolWorld();
    const [alice] = world.config.demoUsers;
    await passwordSignIn(world, alice!.username, alice!.password);
    expect(world.trace.entries.map((entry) => operationOf(entry.request))).toEqual(['InitiateAuth']);
  });
});
