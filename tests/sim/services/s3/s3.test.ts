// The simulated S3: the official client round-trips an object; private folders by identity id; S3's own errors.

import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { World } from '../../../../src/lib/sim';
import { signRequest } from '../../../../src/lib/sim/crypto/sigv4';
import { md5Hex } from '../../../../src/lib/sim/services/s3';
import { worldRequestHandler } from '../../../support/sdk';
import {
  credentialsFor,
  getId,
  identityWorld,
  signedInCredentials,
  type Credentials
} from '../identity-pool/wire';

const BUCKET_URL = 'https://two-pools-avatars.s3.us-east-1.amazonaws.com';

function s3Client(world: World, credentials: Credentials): S3Client {
  return new S3Client({
    region: 'us-east-1',
    requestHandler: worldRequestHandler(world, { stream: true }),
    maxAttempts: 1,
    credentials: {
      accessKeyId: credentials.AccessKeyId,
      secretAccessKey: credentials.SecretKey,
      sessionToken: credentials.SessionToken
    }
  });
}

interface Sent {
  status: number;
  body: string;
  headers: Headers;
}

/** Signs (as the app does, for the service s3) and sends one request to the bucket. */
async function send(
  world: World,
  credentials: Credentials,
  path: string,
  init: {
    method?: string;
    body?: string;
    unsignedPayload?: boolean;
    secret?: string;
    token?: string | null;
  } = {}
): Promise<Sent> {
  const { request } = await signRequest(
    new Request(`${BUCKET_URL}${path}`, {
      method: init.method ?? 'GET',
      ...(init.body === undefined ? {} : { body: init.body, headers: { 'content-type': 'image/png' } })
    }),
    {
      accessKeyId: credentials.AccessKeyId,
      secretAccessKey: init.secret ?? credentials.SecretKey,
      ...(init.token === null ? {} : { sessionToken: init.token ?? credentials.SessionToken })
    },
    {
      region: 'us-east-1',
      service: 's3',
      now: world.clock.now(),
      ...(init.unsignedPayload ? { unsignedPayload: true } : {})
    }
  );
  const response = await world.fetch(request);
  return { status: response.status, body: await response.text(), headers: response.headers };
}

function xml(body: string, name: string): string | undefined {
  return new RegExp(`<${name}>([^<]*)</${name}>`).exec(body)?.[1];
}

function folderOf(identityId: string): string {
  return `private/${encodeURIComponent(identityId)}`;
}

describe('S3 with identity-pool credentials', () => {
  it('round-trips an object with the official @aws-sdk/client-s3, its signature accepted', async () => {
    // The SDK signs with the wall clock: the world starts at the real time (S3 allows 15 minutes of skew).
    const world = await identityWorld({ now: Date.now() });
    const { identityId, credentials } = await signedInCredentials(world);
    const client = s3Client(world, credentials);
    const key = `private/${identityId}/avatar.png`;
    const put = await client.send(
      new PutObjectCommand({
        Bucket: 'two-pools-avatars',
        Key: key,
        Body: 'png bytes',
        ContentType: 'image/png'
      })
    );
    expect(put.ETag).toBe(`"${createHash('md5').update('png bytes').digest('hex')}"`);
    const got = await client.send(new GetObjectCommand({ Bucket: 'two-pools-avatars', Key: key }));
    expect(await got.Body?.transformToString()).toBe('png bytes');
    expect(got.ContentType).toBe('image/png');
    const listed = await client.send(
      new ListObjectsV2Command({ Bucket: 'two-pools-avatars', Prefix: `private/${identityId}/` })
    );
    expect(listed.Contents?.map((object) => object.Key)).toEqual([key]);
    expect(listed.KeyCount).toBe(1);
    const entries = world.trace.entries.filter((entry) => entry.to === 's3');
    expect(entries.map((entry) => [entry.operation, entry.outcome])).toEqual([
      ['PutObject', 'ok'],
      ['GetObject', 'ok'],
      ['ListObjectsV2', 'ok']
    ]);
    for (const entry of entries) {
      expect(entry.checks.find((check) => check.id === 'sigv4.signature')?.ok).toBe(true);
      expect(entry.sigv4?.match).toBe(true);
      expect(entry.sigv4?.credentialScope).toMatch(/\/us-east-1\/s3\/aws4_request$/);
    }
  });

  it('resolves ${cognito-identity.amazonaws.com:sub} in the object ARN to the identity id, not the user pool sub', async () => {
    const world = await identityWorld();
    const { identityId, credentials } = await signedInCredentials(world);
    const answer = await send(world, credentials, `/${folderOf(identityId)}/avatar.png`, {
      method: 'PUT',
      body: 'png'
    });
    expect(answer.status).toBe(200);
    const decision = world.trace.entries.at(-1)?.decisions?.[0];
    expect(decision).toMatchObject({
      label: `permissions of TwoPools_Authenticated for s3:PutObject on object private/${identityId}/avatar.png`,
      action: 's3:PutObject',
      resource: `arn:aws:s3:::two-pools-avatars/private/${identityId}/avatar.png`,
      decision: 'Allow',
      deciding: [expect.objectContaining({ policy: 'OwnPrivateFolder', sid: 'OwnFolderObjects' })],
      resolvedVariables: { 'cognito-identity.amazonaws.com:sub': identityId }
    });
    const sub = world.config.demoUsers[0]?.sub ?? '';
    expect(identityId).not.toBe(sub);
    // A folder named by the user pool sub is another folder: denied.
    const bySub = await send(world, credentials, `/private/${sub}/avatar.png`, {
      method: 'PUT',
      body: 'png'
    });
    expect(bySub.status).toBe(403);
    expect(xml(bySub.body, 'Code')).toBe('AccessDenied');
  });

  it('lists the own folder (s3:prefix) and refuses another identity’s folder or the whole bucket with AccessDenied', async () => {
    const world = await identityWorld();
    const { identityId, credentials } = await signedInCredentials(world);
    const own = await send(world, credentials, `/?list-type=2&prefix=${folderOf(identityId)}%2F`);
    expect(own.status).toBe(200);
    expect(own.body).toContain('<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">');
    expect(xml(own.body, 'Prefix')).toBe(`private/${identityId}/`);
    expect(world.trace.entries.at(-1)?.decisions?.[0]).toMatchObject({
      action: 's3:ListBucket',
      resource: 'arn:aws:s3:::two-pools-avatars',
      decision: 'Allow',
      deciding: [expect.objectContaining({ sid: 'ListOwnFolder' })]
    });

    const other = 'us-east-1:0f8e3a52-7c1b-4d6e-9a20-5b4c3d2e1f00';
    const theirs = await send(world, credentials, `/?list-type=2&prefix=${folderOf(other)}%2F`);
    expect(theirs.status).toBe(403);
    expect(xml(theirs.body, 'Code')).toBe('AccessDenied');
    const role = `arn:aws:sts::123456789012:assumed-role/TwoPools_Authenticated/CognitoIdentityCredentials`;
    expect(xml(theirs.body, 'Message')).toBe(
      `User: ${role} is not authorized to perform: s3:ListBucket on resource: &quot;arn:aws:s3:::two-pools-avatars&quot; because no identity-based policy allows the s3:ListBucket action`
    );
    expect(xml(theirs.body, 'RequestId')).toMatch(/^[0-9A-F]{16}$/);
    expect(theirs.headers.get('content-type')).toBe('application/xml');

    const everything = await send(world, credentials, '/?list-type=2');
    expect(everything.status).toBe(403);
    expect(xml(everything.body, 'Code')).toBe('AccessDenied');
  });

  it('refuses a guest: the guest role grants nothing on S3, nor does the scope-down session policy', async () => {
    const world = await identityWorld();
    const guestId = await getId(world);
    const { Credentials } = await credentialsFor(world, guestId);
    const answer = await send(world, Credentials, `/${folderOf(guestId)}/avatar.png`, {
      method: 'PUT',
      body: 'png'
    });
    expect(answer.status).toBe(403);
    expect(xml(answer.body, 'Code')).toBe('AccessDenied');
    expect(xml(answer.body, 'Message')).toMatch(
      /^User: arn:aws:sts::123456789012:assumed-role\/TwoPools_Guest\/CognitoIdentityCredentials is not authorized to perform: s3:PutObject on resource: &quot;arn:aws:s3:::two-pools-avatars\/private\/.*&quot; because no identity-based policy allows the s3:PutObject action$/
    );
    expect(world.trace.entries.at(-1)?.decisions?.map((d) => d.decision)).toEqual([
      'ImplicitDeny',
      'ImplicitDeny'
    ]);
  });

  it('answers NoSuchKey for a missing key the caller may list, with UNSIGNED-PAYLOAD accepted', async () => {
    const world = await identityWorld();
    const { identityId, credentials } = await signedInCredentials(world);
    const answer = await send(world, credentials, `/${folderOf(identityId)}/nothing.png`, {
      unsignedPayload: true
    });
    expect(answer.status).toBe(404);
    expect(xml(answer.body, 'Code')).toBe('NoSuchKey');
    expect(xml(answer.body, 'Message')).toBe('The specified key does not exist.');
    expect(xml(answer.body, 'Key')).toBe(`private/${identityId}/nothing.png`);
  });

  it('answers SignatureDoesNotMatch with the StringToSign and CanonicalRequest it computed', async () => {
    const world = await identityWorld();
    const { identityId, credentials } = await signedInCredentials(world);
    const answer = await send(world, credentials, `/${folderOf(identityId)}/a.png`, {
      secret: 'not-the-secret'
    });
    expect(answer.status).toBe(403);
    expect(xml(answer.body, 'Code')).toBe('SignatureDoesNotMatch');
    expect(xml(answer.body, 'Message')).toBe(
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.'
    );
    const sigv4 = world.trace.entries.at(-1)?.sigv4;
    expect(sigv4?.match).toBe(false);
    expect(answer.body).toContain('<StringToSign>AWS4-HMAC-SHA256\n');
    expect(xml(answer.body, 'CanonicalRequest')).toBe(sigv4?.canonicalRequest);
    // S3's canonical URI encodes the key once: the identity id's colon is %3A, not %253A.
    expect(sigv4?.canonicalRequest.split('\n')[1]).toBe(`/private/${identityId.replace(':', '%3A')}/a.png`);
    expect(xml(answer.body, 'AWSAccessKeyId')).toBe(credentials.AccessKeyId);
  });

  it('answers InvalidAccessKeyId for an unknown key and for temporary credentials sent without their session token', async () => {
    const world = await identityWorld();
    const { identityId, credentials } = await signedInCredentials(world);
    const unknown = await send(
      world,
      { ...credentials, AccessKeyId: 'ASIAUNKNOWNKEY000000' },
      `/${folderOf(identityId)}/a`
    );
    expect(unknown.status).toBe(403);
    expect(xml(unknown.body, 'Code')).toBe('InvalidAccessKeyId');
    expect(xml(unknown.body, 'Message')).toBe(
      'The AWS Access Key Id you provided does not exist in our records.'
    );
    const tokenless = await send(world, credentials, `/${folderOf(identityId)}/a`, { token: null });
    expect(tokenless.status).toBe(403);
    expect(xml(tokenless.body, 'Code')).toBe('InvalidAccessKeyId');
  });

  it('answers InvalidToken for an altered session token and ExpiredToken after an hour', async () => {
    const world = await identityWorld();
    const { identityId, credentials } = await signedInCredentials(world);
    const altered = await send(world, credentials, `/${folderOf(identityId)}/a`, {
      token: `${credentials.SessionToken.slice(0, -2)}xx`
    });
    expect(altered.status).toBe(400);
    expect(xml(altered.body, 'Code')).toBe('InvalidToken');
    expect(xml(altered.body, 'Message')).toBe('The provided token is malformed or otherwise invalid.');
    world.clock.advance(61 * 60 * 1000);
    const expired = await send(world, credentials, `/${folderOf(identityId)}/a`);
    expect(expired.status).toBe(400);
    expect(xml(expired.body, 'Code')).toBe('ExpiredToken');
    expect(xml(expired.body, 'Message')).toBe('The provided token has expired.');
  });

  it('answers an unsigned request with AccessDenied and a JWT in Authorization with InvalidArgument', async () => {
    const world = await identityWorld();
    const anonymous = await world.fetch(new Request(`${BUCKET_URL}/private/x/avatar.png`));
    expect(anonymous.status).toBe(403);
    const body = await anonymous.text();
    expect(xml(body, 'Code')).toBe('AccessDenied');
    expect(xml(body, 'Message')).toBe('Access Denied');
    const jwt = await world.fetch(
      new Request(`${BUCKET_URL}/private/x/avatar.png`, { headers: { authorization: 'Bearer eyJ.a.b' } })
    );
    expect(jwt.status).toBe(400);
    const jwtBody = await jwt.text();
    expect(xml(jwtBody, 'Code')).toBe('InvalidArgument');
    expect(xml(jwtBody, 'Message')).toBe('Unsupported Authorization Type');
  });

  it('requires x-amz-content-sha256 and refuses a body changed after signing (XAmzContentSHA256Mismatch)', async () => {
    const world = await identityWorld();
    const { identityId, credentials } = await signedInCredentials(world);
    const { request } = await signRequest(
      new Request(`${BUCKET_URL}/${folderOf(identityId)}/avatar.png`, { method: 'PUT', body: 'original' }),
      {
        accessKeyId: credentials.AccessKeyId,
        secretAccessKey: credentials.SecretKey,
        sessionToken: credentials.SessionToken
      },
      { region: 'us-east-1', service: 's3', now: world.clock.now() }
    );
    const tampered = new Request(request.url, { method: 'PUT', headers: request.headers, body: 'tampered' });
    const answer = await world.fetch(tampered);
    expect(answer.status).toBe(400);
    const body = await answer.text();
    expect(xml(body, 'Code')).toBe('XAmzContentSHA256Mismatch');
    expect(xml(body, 'Message')).toBe(
      'The provided &apos;x-amz-content-sha256&apos; header does not match what was computed.'
    );
    expect(world.config.s3.bucket).toBe('two-pools-avatars');

    const headers = new Headers(request.headers);
    headers.delete('x-amz-content-sha256');
    const missing = await world.fetch(new Request(request.url, { method: 'PUT', headers, body: 'original' }));
    expect(missing.status).toBe(400);
    const missingBody = await missing.text();
    expect(xml(missingBody, 'Code')).toBe('InvalidRequest');
    expect(xml(missingBody, 'Message')).toBe(
      'Missing required header for this request: x-amz-content-sha256'
    );
  });
});

describe('md5Hex', () => {
  it('agrees with Node’s crypto (the ETag of a single PUT)', () => {
    for (const text of ['', 'a', 'abc', 'x'.repeat(55), 'y'.repeat(56), 'z'.repeat(64), 'é'.repeat(300)]) {
      const bytes = new TextEncoder().encode(text);
      expect(md5Hex(bytes)).toBe(createHash('md5').update(bytes).digest('hex'));
    }
  });
});
