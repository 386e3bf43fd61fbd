// inspectSigV4 on the real signed GetItem of figure 4: the verifier's recorded working, explained; a tried secret recomputed.
import { describe, expect, it } from 'vitest';
import {
  firstDifference,
  inspectSigV4,
  type SignedRequestView,
  type SigV4Inspection
} from '../../src/lib/inspect';
import { signRequest } from '../../src/lib/sim/crypto/sigv4';
import { byOperation, entry, play } from './traces';

function signed(view: SigV4Inspection): SignedRequestView {
  if (!view.signed) throw new Error(`not signed: ${view.reason}`);
  return view;
}

/** The canonical request and string to sign of a view that has them. */
function working(view: SignedRequestView) {
  const { canonicalRequest, stringToSign } = view;
  if (canonicalRequest === undefined || stringToSign === undefined)
    throw new Error(`no working (${view.source})`);
  return { canonicalRequest, stringToSign };
}

async function figure4() {
  const { trace, world } = await play('identity-pool');
  const request = entry(trace, byOperation('GetItem', 'dynamodb'));
  const lookupSecret = (id: string) => world.credentials.lookup(id)?.secretAccessKey;
  return { request, lookupSecret, world };
}

describe('inspectSigV4', () => {
  it('shows the verifier’s recorded working for figure 4’s GetItem, and that it matches', async () => {
    const { request, lookupSecret } = await figure4();
    const view = signed(await inspectSigV4(request, { lookupSecret }));
    const { canonicalRequest, stringToSign } = working(view);
    expect(view.source).toBe('recorded');
    expect(canonicalRequest.text).toBe(request.sigv4?.canonicalRequest);
    expect(stringToSign.text).toBe(request.sigv4?.stringToSign);
    expect(view.recomputed).toBe(request.sigv4?.computed);
    const authorization = request.request.headers.authorization ?? '';
    expect(view.authorization.credential).toMatchObject({
      date: '20261128',
      region: 'us-east-1',
      service: 'dynamodb',
      terminator: 'aws4_request'
    });
    expect(view.authorization.credential.accessKeyId).toMatch(/^ASIA/);
    expect(view.authorization.signedHeaders).toEqual([
      'content-type',
      'host',
      'x-amz-date',
      'x-amz-security-token',
      'x-amz-target'
    ]);
    expect(view.authorization.problems).toEqual([]);
    expect(authorization.endsWith(`Signature=${view.provided}`)).toBe(true);
    expect(view.match).toBe(true);
    expect(view.recomputed).toBe(view.provided);
    expect(view.verdict.mark).toBe('pass');
    expect(view.service).toMatchObject({ mark: 'pass' });
    expect(view.amzDate).toBe('20261128T090000Z');
    expect(view.securityToken?.length).toBe(request.request.headers['x-amz-security-token']?.length);

    const lines = canonicalRequest.text.split('\n');
    expect(lines.slice(0, 4)).toEqual(['POST', '/', '', 'content-type:application/x-amz-json-1.0']);
    expect(lines).toContain('host:dynamodb.us-east-1.amazonaws.com');
    expect(lines).toContain('content-type;host;x-amz-date;x-amz-security-token;x-amz-target');
    expect(canonicalRequest.lines.map((line) => line.label)).toEqual([
      'HTTP method',
      'Canonical URI',
      'Canonical query string',
      'Canonical headers',
      'Signed headers',
      'Payload hash'
    ]);
    expect(canonicalRequest.lines.find((line) => line.label === 'Signed headers')?.value).toBe(
      'content-type;host;x-amz-date;x-amz-security-token;x-amz-target'
    );
    expect(canonicalRequest.lines.find((line) => line.label === 'Canonical headers')?.value).toMatch(
      /^content-type:application\/x-amz-json-1\.0\nhost:dynamodb\.us-east-1\.amazonaws\.com\n(.*\n){3}$/
    );
    expect(canonicalRequest.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stringToSign.text.split('\n')).toEqual([
      'AWS4-HMAC-SHA256',
      '20261128T090000Z',
      '20261128/us-east-1/dynamodb/aws4_request',
      canonicalRequest.hash
    ]);
    expect(view.signingKey?.steps.map((step) => step.label)).toEqual([
      'kDate',
      'kRegion',
      'kService',
      'kSigning',
      'Signature'
    ]);
    for (const step of view.signingKey?.steps ?? []) expect(step.value).toMatch(/^[0-9a-f]{64}$/);
    // The chain derived from the service's secret ends in the signature the service recorded.
    expect(view.signingKey?.steps.at(-1)?.value).toBe(request.sigv4?.computed);
    expect(view.rows.find((row) => row.label === 'Signature (recomputed)')?.mark).toBe('pass');
  });

  it('makes match false with a wrong secret tried', async () => {
    const { request } = await figure4();
    const view = signed(
      await inspectSigV4(request, { trySecret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' })
    );
    expect(view.source).toBe('tried');
    expect(view.match).toBe(false);
    expect(view.recomputed).not.toBe(view.provided);
    expect(view.verdict.mark).toBe('fail');
    expect(view.rows.find((row) => row.label === 'Signature (recomputed)')?.mark).toBe('fail');
  });

  it('recomputes with a tried secret: the service’s own secret gives the recorded working again', async () => {
    const { request, lookupSecret } = await figure4();
    const secret = lookupSecret(signed(await inspectSigV4(request)).authorization.credential.accessKeyId);
    if (secret === undefined) throw new Error('no secret');
    const view = signed(await inspectSigV4(request, { trySecret: secret }));
    expect(view.source).toBe('tried');
    expect(view.match).toBe(true);
    expect(view.recomputed).toBe(request.sigv4?.computed);
    expect(working(view).canonicalRequest.text).toBe(request.sigv4?.canonicalRequest);
    expect(view.signingKey?.steps.at(-1)?.value).toBe(request.sigv4?.computed);
  });

  it('without the secret, shows the recorded working and verdict but no signing-key chain', async () => {
    const { request, lookupSecret } = await figure4();
    const known = signed(await inspectSigV4(request, { lookupSecret }));
    const view = signed(await inspectSigV4(request));
    expect(view.secretKnown).toBe(false);
    expect(view.signingKey).toBeUndefined();
    expect(view.match).toBe(true);
    expect(view.recomputed).toBe(known.recomputed);
    expect(view.verdict.mark).toBe('pass');
    expect(working(view).canonicalRequest.text).toBe(working(known).canonicalRequest.text);
    expect(working(view).stringToSign.text).toBe(working(known).stringToSign.text);
  });

  it('shows no working, signature or match where the service recorded none', async () => {
    const { request, lookupSecret } = await figure4();
    const { sigv4: _, ...unrecorded } = request;
    const view = signed(await inspectSigV4(unrecorded, { lookupSecret }));
    expect(view.source).toBe('none');
    expect(view.canonicalRequest).toBeUndefined();
    expect(view.stringToSign).toBeUndefined();
    expect(view.match).toBeUndefined();
    expect(view.recomputed).toBeUndefined();
    expect(view.signingKey).toBeUndefined();
    expect(view.verdict.mark).toBe('not-checked');
    expect(view.provided).toBe(request.sigv4?.provided);
  });

  it('points at the first line where the client’s canonical request differs from the verifier’s', async () => {
    const { request, lookupSecret } = await figure4();
    const verifier = signed(await inspectSigV4(request, { lookupSecret }));
    const { canonicalRequest, stringToSign } = working(verifier);
    const clientText = canonicalRequest.text.replace(
      'x-amz-target:DynamoDB_20120810.GetItem',
      'x-amz-target:DynamoDB_20120810.Query'
    );
    const base = {
      algorithm: 'AWS4-HMAC-SHA256' as const,
      accessKeyId: verifier.authorization.credential.accessKeyId,
      amzDate: verifier.amzDate ?? '',
      scope: '20261128/us-east-1/dynamodb/aws4_request',
      canonicalUri: '/',
      canonicalQuery: '',
      canonicalHeaders: '',
      signedHeaders: '',
      payloadHash: '',
      canonicalRequestHash: canonicalRequest.hash,
      stringToSign: stringToSign.text,
      signingKey: { kDate: '', kRegion: '', kService: '', kSigning: '' },
      signature: verifier.provided,
      authorization: ''
    };
    const same = signed(
      await inspectSigV4(request, {
        lookupSecret,
        client: { ...base, canonicalRequest: canonicalRequest.text }
      })
    );
    expect(same.canonicalDifference).toBeUndefined();
    const view = signed(
      await inspectSigV4(request, { lookupSecret, client: { ...base, canonicalRequest: clientText } })
    );
    const lines = canonicalRequest.text.split('\n');
    const line = lines.findIndex((text) => text.startsWith('x-amz-target:')) + 1;
    expect(view.canonicalDifference).toEqual({
      line,
      a: 'x-amz-target:DynamoDB_20120810.Query',
      b: 'x-amz-target:DynamoDB_20120810.GetItem'
    });
  });

  it('shows what DynamoDB says it expected beside the learner’s own when the signature did not match', async () => {
    const { request, world } = await figure4();
    // The same GetItem, signed again with a secret one character off, sent to the same world.
    const session = world.credentials.lookup(
      /Credential=([A-Z0-9]+)\//.exec(request.request.headers.authorization ?? '')?.[1] ?? ''
    );
    if (!session) throw new Error('no session');
    const { request: wrong, details: client } = await signRequest(
      new Request(request.request.url, {
        method: 'POST',
        headers: {
          'content-type': request.request.headers['content-type'] ?? '',
          'x-amz-target': request.request.headers['x-amz-target'] ?? ''
        },
        body: request.request.body
      }),
      { ...session, secretAccessKey: `${session.secretAccessKey.slice(0, -1)}#` },
      { region: 'us-east-1', service: 'dynamodb', now: world.clock.now() }
    );
    await world.fetch(wrong);
    const refused = world.trace.entries.at(-1);
    if (!refused) throw new Error('no entry');
    expect(refused.error?.code).toBe('InvalidSignatureException');

    const view = signed(await inspectSigV4(refused));
    // Read back from the message DynamoDB sent: the strings it computed, which are the ones it recorded.
    expect(view.expected).toMatchObject({
      canonicalRequest: refused.sigv4?.canonicalRequest,
      stringToSign: refused.sigv4?.stringToSign,
      ownSource: 'request'
    });
    expect(JSON.parse(refused.response.body).message).toContain(
      `should have been\n'${view.expected?.canonicalRequest}'`
    );
    // The learner's strings agree with DynamoDB's: the strings were right, the secret was not.
    const withClient = signed(await inspectSigV4(refused, { client }));
    expect(withClient.expected).toMatchObject({
      own: { canonicalRequest: client.canonicalRequest, stringToSign: client.stringToSign },
      ownSource: 'client'
    });
    expect(withClient.expected?.canonicalDifference).toBeUndefined();
    expect(withClient.expected?.stringToSignDifference).toBeUndefined();
    // A client that signed another target parts from what DynamoDB expected at that line.
    const other = client.canonicalRequest.replace('DynamoDB_20120810.GetItem', 'DynamoDB_20120810.Query');
    const differing = signed(await inspectSigV4(refused, { client: { ...client, canonicalRequest: other } }));
    expect(differing.expected?.canonicalDifference).toMatchObject({
      a: 'x-amz-target:DynamoDB_20120810.Query',
      b: 'x-amz-target:DynamoDB_20120810.GetItem'
    });
    // A signature that matched has nothing DynamoDB "expected" instead.
    expect(signed(await inspectSigV4(request)).expected).toBeUndefined();
  });

  it('says a JWT in Authorization is no signature (jwt-to-dynamodb)', async () => {
    const { trace } = await play('jwt-to-dynamodb');
    const view = await inspectSigV4(entry(trace, byOperation('GetItem', 'dynamodb')));
    expect(view.signed).toBe(false);
    if (!view.signed) expect(view.reason).toMatch(/JWT, not a SigV4 signature/);
  });

  it('says an unsigned Cognito call is unsigned', async () => {
    const { trace } = await play('identity-pool');
    const view = await inspectSigV4(entry(trace, byOperation('GetId')));
    expect(view).toMatchObject({ signed: false });
  });

  it('lists what is wrong with a malformed Authorization instead of failing', async () => {
    const { request, lookupSecret } = await figure4();
    const broken = {
      ...request,
      request: {
        ...request.request,
        headers: {
          ...request.request.headers,
          authorization:
            'AWS4-HMAC-SHA256 Credential=AKID/20261128, SignedHeaders=host;x-missing, Signature=zz'
        }
      }
    };
    const view = signed(await inspectSigV4(broken, { lookupSecret }));
    expect(view.authorization.problems).toEqual([
      'Credential must be access-key-id/date/region/service/aws4_request.',
      'The signature is not 64 lower-case hex digits.',
      'SignedHeaders lists "x-missing", but the request has no such header.'
    ]);
    expect(view.secretKnown).toBe(false);
  });
});

describe('firstDifference', () => {
  it('is undefined for identical texts', () => {
    expect(firstDifference('a\nb', 'a\nb')).toBeUndefined();
    expect(firstDifference('', '')).toBeUndefined();
  });

  it('finds the first differing line, 1-based', () => {
    expect(firstDifference('POST\n/\n\nhost:a', 'POST\n/\n\nhost:b')).toEqual({
      line: 4,
      a: 'host:a',
      b: 'host:b'
    });
    expect(firstDifference('x\ny\nz', 'x\nY\nZ')).toEqual({ line: 2, a: 'y', b: 'Y' });
  });

  it('says which text ran out of lines', () => {
    expect(firstDifference('a\nb', 'a\nb\nc')).toEqual({ line: 3, a: '', b: 'c', missing: 'a' });
    expect(firstDifference('a\nb\n', 'a\nb')).toEqual({ line: 3, a: '', b: '', missing: 'b' });
  });

  it('tells an empty line from trailing whitespace', () => {
    expect(firstDifference('a\n\nb', 'a\n \nb')).toEqual({ line: 2, a: '', b: ' ' });
  });
});
