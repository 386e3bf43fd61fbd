// inspectHttp on real traces: wire parts, header explanations, pretty bodies and AWS error envelopes named.
import { describe, expect, it } from 'vitest';
import { inspectHttp } from '../../src/lib/inspect';
import { prettyXml } from '../../src/lib/inspect/internal/wire';
import type { TraceEntry } from '../../src/lib/sim';
import { byOperation, entry, play } from './traces';

describe('inspectHttp', () => {
  it('names DynamoDB’s MissingAuthenticationTokenException envelope when a JWT is sent (jwt-to-dynamodb)', async () => {
    const { trace } = await play('jwt-to-dynamodb');
    const view = inspectHttp(entry(trace, byOperation('GetItem', 'dynamodb')));
    expect(view.outcome).toBe('refused');
    expect(view.response.status).toBe(400);
    expect(view.response.statusLine).toBe('HTTP/1.1 400 Bad Request');
    expect(view.response.error).toMatchObject({
      format: 'aws-json',
      code: 'MissingAuthenticationTokenException',
      message: 'Request is missing Authentication Token'
    });
    expect(view.response.error?.explanation).toMatch(/SigV4/);
    // DynamoDB's request ids are 52 upper-case letters and digits, not UUIDs.
    expect(view.response.error?.requestId).toMatch(/^[A-Z0-9]{52}$/);
    const checksum = view.response.headers.find((header) => header.name === 'x-amz-crc32');
    expect(checksum?.value).toMatch(/^\d+$/);
    expect(checksum?.explanation).toMatch(/CRC32/);
    const authorization = view.request.headers.find((header) => header.name === 'authorization');
    expect(authorization?.explanation).toMatch(/JWT/);
    const errorType = view.response.headers.find((header) => header.name === 'x-amzn-errortype');
    expect(errorType?.value).toBe('MissingAuthenticationTokenException:');
    expect(errorType?.explanation).toBeDefined();
    expect(view.reason).toMatch(/AWS4-/);
    expect(view.checks).toEqual([expect.objectContaining({ mark: 'fail' })]);
    expect(view.request.body).toEqual({
      kind: 'json',
      text: JSON.stringify({ TableName: 'Orders', Key: { orderId: { S: '42' } } }, null, 2)
    });
  });

  it('explains the signed DynamoDB request’s headers and URL (identity-pool)', async () => {
    const { trace } = await play('identity-pool');
    const view = inspectHttp(entry(trace, byOperation('GetItem', 'dynamodb')));
    const note = (name: string) => view.request.headers.find((header) => header.name === name)?.explanation;
    expect(note('authorization')).toMatch(/SigV4/);
    expect(note('x-amz-target')).toMatch(/GetItem of DynamoDB_20120810/);
    expect(note('x-amz-date')).toMatch(/2026-11-28 09:00:00 UTC/);
    expect(note('x-amz-security-token')).toMatch(/session token/);
    expect(note('content-type')).toMatch(/JSON protocol 1\.0/);
    expect(view.request.url).toMatchObject({
      valid: true,
      scheme: 'https',
      host: 'dynamodb.us-east-1.amazonaws.com',
      path: '/'
    });
    expect(view.request.requestLine).toBe('POST / HTTP/1.1');
    expect(view.response.error).toBeUndefined();
    expect(view.checks.every((check) => check.mark === 'pass')).toBe(true);
  });

  it('names API Gateway’s {message} envelope (tampered-token) and splits the URL', async () => {
    const { trace } = await play('tampered-token');
    const view = inspectHttp(entry(trace, byOperation(/^GET \/prod\/orders/)));
    expect(view.response.error).toMatchObject({
      format: 'api-gateway',
      code: 'UnauthorizedException',
      message: 'Unauthorized'
    });
    expect(view.response.error?.formatExplanation).toMatch(/API Gateway/);
    expect(view.request.url.path).toBe('/prod/orders/42');
    expect(view.request.url.host).toMatch(/\.execute-api\.us-east-1\.amazonaws\.com$/);
    expect(view.reason).toMatch(/signature/);
  });

  it('shows STS’s form request as fields and its XML answer indented (basic-flow)', async () => {
    const { trace } = await play('basic-flow');
    const view = inspectHttp(entry(trace, byOperation('AssumeRoleWithWebIdentity', 'sts')));
    expect(view.request.body.kind).toBe('form');
    if (view.request.body.kind !== 'form') return;
    const names = view.request.body.fields.map((field) => field.name);
    expect(names).toEqual(['Action', 'Version', 'RoleArn', 'RoleSessionName', 'WebIdentityToken']);
    expect(view.request.body.fields[2]?.value).toBe('arn:aws:iam::123456789012:role/TwoPools_Authenticated');
    expect(view.response.body.kind).toBe('xml');
    if (view.response.body.kind !== 'xml') return;
    expect(view.response.body.text).toContain('\n    <Credentials>\n      <AccessKeyId>ASIA');
    expect(view.response.headers.find((header) => header.name === 'content-type')?.explanation).toMatch(
      /XML/
    );
  });

  it('names STS’s XML <Error><Code> envelope', async () => {
    const { world } = await play('basic-flow');
    await world.fetch(
      new Request('https://sts.amazonaws.com/', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
        body: new URLSearchParams({
          Action: 'AssumeRoleWithWebIdentity',
          Version: '2011-06-15',
          RoleArn: 'arn:aws:iam::123456789012:role/TwoPools_Authenticated',
          RoleSessionName: 'x',
          WebIdentityToken: 'not-a-jwt'
        }).toString()
      })
    );
    const last = world.trace.entries.at(-1);
    expect(last).toBeDefined();
    const view = inspectHttp(last as TraceEntry);
    expect(view.response.error?.format).toBe('sts-xml');
    expect(view.response.error?.code).toBe(last?.error?.code);
    expect(view.response.error?.message).toBe(last?.error?.message);
    expect(view.response.error?.type).toBe('Sender');
    expect(view.response.error?.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('never throws on a broken entry, and shows what it can as text', () => {
    const broken: TraceEntry = {
      id: 't1',
      from: 'app',
      to: 'dynamodb',
      operation: '?',
      request: {
        method: 'POST',
        url: 'not a url',
        headers: { 'Content-Type': 'text/plain' },
        body: '{"half": '
      },
      response: { status: 418, headers: {}, body: '<b>teapot' },
      at: Number.NaN,
      start: 0,
      end: 1,
      checks: [],
      outcome: 'refused',
      carries: []
    };
    const view = inspectHttp(broken);
    expect(view.request.url.valid).toBe(false);
    expect(view.request.body).toEqual({ kind: 'text', text: '{"half": ' });
    expect(view.response.body.kind).toBe('xml');
    expect(view.response.statusLine).toBe('HTTP/1.1 418');
    expect(view.sentAt).toBe('NaN');
  });
});

describe('prettyXml', () => {
  it('indents nested elements and keeps text elements on one line', () => {
    expect(prettyXml('<a><b>1</b><c><d>x &amp; y</d></c><e/></a>')).toBe(
      '<a>\n  <b>1</b>\n  <c>\n    <d>x &amp; y</d>\n  </c>\n  <e/>\n</a>'
    );
  });

  it('lays out unbalanced input without throwing', () => {
    expect(prettyXml('</x></y><z>')).toBe('</x>\n</y>\n<z>');
  });
});
