// The simulated S3: one bucket at its virtual-hosted-style endpoint, PutObject, GetObject and ListObjectsV2.

/*
 * `https://{bucket}.s3.{region}.amazonaws.com/{key}` (S3 user guide, "Virtual hosting of buckets"): the bucket
 * is the host's first label, the key the path (percent-decoded once). `PUT /{key}` is PutObject, `GET /{key}`
 * GetObject, `GET /?list-type=2` ListObjectsV2 (Amazon S3 API reference). Every request is authenticated and
 * authorized first (authorize.ts); what each check found is in the trace.
 */

import { signedRequestCarries } from '../../carried';
import { hashPayload } from '../../crypto/sigv4';
import { decodedPathSegment } from '../../edges';
import type { ExchangeContext, Service, ServiceEnv } from '../../service';
import { authenticate, authorizeAction } from './authorize';
import { createBucket, type Bucket } from './objects';
import { listBucketResultXml, s3Error, s3ErrorResponse, s3HostId, s3RequestId, type S3Error } from './wire';

export interface S3Service extends Service {
  readonly id: 's3';
  /** The bucket's objects, for the inspector and tests (reads only; writes go over the wire). */
  readonly bucket: Bucket;
}

/** `arn:aws:s3:::{bucket}`: S3 ARNs name no region or account. */
export function bucketArn(bucket: string): string {
  return `arn:aws:s3:::${bucket}`;
}

/** `arn:aws:s3:::{bucket}/{key}`. */
export function objectArn(bucket: string, key: string): string {
  return `${bucketArn(bucket)}/${key}`;
}

/** The endpoint of the world's bucket. */
export function bucketEndpoint(config: Pick<ServiceEnv['config'], 'region' | 's3'>): string {
  return `https://${config.s3.bucket}.s3.${config.region}.amazonaws.com`;
}

function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

const MAX_KEYS = 1000;

export function createS3(env: Pick<ServiceEnv, 'config' | 'roles' | 'credentials'>): S3Service {
  const { bucket: name } = env.config.s3;
  const host = new URL(bucketEndpoint(env.config)).host;
  const bucket = createBucket(name);

  async function handle(request: Request, ctx: ExchangeContext): Promise<Response> {
    const ids = { requestId: ctx.requestId, hostId: s3HostId(ctx.random) };
    const refuse = (error: S3Error): Response => {
      ctx.reject({
        kind: 'service-error',
        code: error.code,
        message: error.message,
        status: error.status,
        ...(error.reason === undefined ? {} : { reason: error.reason })
      });
      return s3ErrorResponse(error, ids);
    };
    ctx.carry(...signedRequestCarries(request.headers));
    const url = new URL(request.url);
    const key = url.pathname
      .slice(1)
      .split('/')
      .map((segment) => decodedPathSegment(segment))
      .join('/');
    const operation =
      key !== '' && request.method === 'PUT'
        ? 'PutObject'
        : key !== '' && request.method === 'GET'
          ? 'GetObject'
          : key === '' && request.method === 'GET' && url.searchParams.get('list-type') === '2'
            ? 'ListObjectsV2'
            : undefined;
    if (operation === undefined) {
      return refuse(
        s3Error(
          'NotImplemented',
          501,
          'A header you provided implies functionality that is not implemented.',
          `This simulated bucket answers PutObject (PUT /key), GetObject (GET /key) and ListObjectsV2 (GET /?list-type=2); not ${request.method} ${url.pathname}${url.search}.`
        )
      );
    }

    const body = new Uint8Array(await request.clone().arrayBuffer());
    const caller = await authenticate(request, env, ctx, await hashPayload(body));
    if ('kind' in caller) return refuse(caller);
    const headers = { 'x-amz-request-id': ids.requestId, 'x-amz-id-2': ids.hostId };

    if (operation === 'PutObject') {
      const denied = authorizeAction(
        caller,
        { action: 's3:PutObject', resource: objectArn(name, key), what: `object ${key}` },
        ctx
      );
      if (denied) return refuse(denied);
      const contentType = request.headers.get('content-type') ?? 'binary/octet-stream';
      const stored = bucket.put(key, body, contentType, ctx.clock.now());
      ctx.check('s3.object-stored', true, `${key}, ${body.byteLength} bytes, ETag ${stored.etag}`);
      // New objects are encrypted at rest with S3-managed keys by default (SSE-S3, since January 2023).
      return new Response(null, {
        status: 200,
        headers: { ...headers, etag: stored.etag, 'x-amz-server-side-encryption': 'AES256' }
      });
    }

    if (operation === 'GetObject') {
      const denied = authorizeAction(
        caller,
        { action: 's3:GetObject', resource: objectArn(name, key), what: `object ${key}` },
        ctx
      );
      if (denied) return refuse(denied);
      const object = bucket.get(key);
      if (!ctx.check('s3.object-found', object !== undefined, key) || object === undefined) {
        /*
         * "If the object you request doesn't exist, the error that Amazon S3 returns depends on whether you also
         * have the s3:ListBucket permission": 404 NoSuchKey with it, 403 AccessDenied without it (GetObject, API
         * reference). Which `s3:prefix` that permission is judged with is not documented; here, the key itself.
         */
        const hidden = authorizeAction(
          caller,
          {
            action: 's3:ListBucket',
            resource: bucketArn(name),
            what: `bucket ${name}`,
            keys: { 's3:prefix': key }
          },
          ctx
        );
        if (hidden) return refuse(hidden);
        return refuse(
          s3Error('NoSuchKey', 404, 'The specified key does not exist.', `No object has the key ${key}.`, [
            ['Key', key]
          ])
        );
      }
      return new Response(object.body.slice(), {
        status: 200,
        headers: {
          ...headers,
          'content-type': object.contentType,
          'content-length': String(object.body.byteLength),
          etag: object.etag,
          'last-modified': httpDate(object.lastModified),
          'accept-ranges': 'bytes',
          'x-amz-server-side-encryption': 'AES256'
        }
      });
    }

    // ListObjectsV2: s3:ListBucket on the bucket, with the prefix as the condition key s3:prefix.
    const prefix = url.searchParams.get('prefix');
    const denied = authorizeAction(
      caller,
      {
        action: 's3:ListBucket',
        resource: bucketArn(name),
        what: `bucket ${name}${prefix === null ? '' : `, prefix ${prefix}`}`,
        ...(prefix === null ? {} : { keys: { 's3:prefix': prefix } })
      },
      ctx
    );
    if (denied) return refuse(denied);
    const maxKeysText = url.searchParams.get('max-keys');
    const maxKeys = maxKeysText === null ? MAX_KEYS : Number(maxKeysText);
    if (!Number.isInteger(maxKeys) || maxKeys < 0) {
      return refuse(
        s3Error(
          'InvalidArgument',
          400,
          'Provided max-keys not an integer or within integer range',
          undefined,
          [
            ['ArgumentName', 'max-keys'],
            ['ArgumentValue', maxKeysText ?? '']
          ]
        )
      );
    }
    const limit = Math.min(maxKeys, MAX_KEYS);
    // The continuation token is opaque to clients; here it is the last key returned, base64-encoded.
    const token = url.searchParams.get('continuation-token');
    const startAfter = url.searchParams.get('start-after');
    let after = startAfter ?? '';
    if (token !== null) {
      try {
        after = new TextDecoder().decode(Uint8Array.from(atob(token), (c) => c.charCodeAt(0)));
      } catch {
        return refuse(
          s3Error('InvalidArgument', 400, 'The continuation token provided is incorrect', undefined, [
            ['ArgumentName', 'continuation-token']
          ])
        );
      }
    }
    const matching = bucket.list(prefix ?? '').filter((object) => after === '' || object.key > after);
    const page = matching.slice(0, limit);
    const last = page.at(-1);
    const truncated = matching.length > page.length && last !== undefined;
    ctx.check('s3.listed', true, `${page.length} of ${matching.length} keys under "${prefix ?? ''}"`);
    const xml = listBucketResultXml({
      bucket: name,
      ...(prefix === null ? {} : { prefix }),
      maxKeys: limit,
      ...(startAfter === null ? {} : { startAfter }),
      ...(token === null ? {} : { continuationToken: token }),
      ...(truncated
        ? { nextContinuationToken: btoa(String.fromCharCode(...new TextEncoder().encode(last.key))) }
        : {}),
      contents: page.map((object) => ({
        key: object.key,
        lastModified: object.lastModified,
        etag: object.etag,
        size: object.body.byteLength
      }))
    });
    return new Response(xml, { status: 200, headers: { ...headers, 'content-type': 'application/xml' } });
  }

  return {
    id: 's3',
    bucket,
    handles: (url) => url.host === host,
    requestId: s3RequestId,
    handle
  };
}
