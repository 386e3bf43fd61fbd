// S3's own wire details: its XML error documents, its request ids, and the XML of ListObjectsV2.

/*
 * From the Amazon S3 API reference ("Error responses", "ListObjectsV2") and responses users have pasted:
 * - An error is `<?xml version="1.0" encoding="UTF-8"?>` then `<Error><Code>…</Code><Message>…</Message>`,
 *   extra elements of that error (`<Key>`, `<AWSAccessKeyId>`, `<StringToSign>`, `<CanonicalRequest>`, …), then
 *   `<RequestId>` and `<HostId>`, with `Content-Type: application/xml`.
 * - Every response carries `x-amz-request-id` (16 upper-case hex digits) and `x-amz-id-2` (a base64 host id).
 */

import type { Random } from '../../random';

const HEX_UPPER = '0123456789ABCDEF';
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export const S3_XMLNS = 'http://s3.amazonaws.com/doc/2006-03-01/';
const PROLOG = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** An S3 request id: 16 upper-case hex digits. */
export function s3RequestId(random: Random): string {
  return random.pick(HEX_UPPER, 16);
}

/** `x-amz-id-2`, the id of the host that answered (base64, as S3 sends it). */
export function s3HostId(random: Random): string {
  return random.pick(BASE64, 76);
}

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** One S3 error: its code, HTTP status and message, and the extra elements that error carries. */
export interface S3Error {
  readonly kind: 's3-error';
  readonly code: string;
  readonly status: number;
  readonly message: string;
  readonly extra: readonly (readonly [string, string])[];
  /** Plain words for the learner; never on the wire. */
  readonly reason?: string;
}

export function s3Error(
  code: string,
  status: number,
  message: string,
  reason?: string,
  extra: readonly (readonly [string, string])[] = []
): S3Error {
  return { kind: 's3-error', code, status, message, extra, ...(reason === undefined ? {} : { reason }) };
}

function element(name: string, value: string): string {
  return `<${name}>${escapeXml(value)}</${name}>`;
}

export function s3ErrorResponse(error: S3Error, ids: { requestId: string; hostId: string }): Response {
  const body =
    PROLOG +
    '<Error>' +
    element('Code', error.code) +
    element('Message', error.message) +
    error.extra.map(([name, value]) => element(name, value)).join('') +
    element('RequestId', ids.requestId) +
    element('HostId', ids.hostId) +
    '</Error>';
  return new Response(body, {
    status: error.status,
    headers: {
      'content-type': 'application/xml',
      'x-amz-request-id': ids.requestId,
      'x-amz-id-2': ids.hostId
    }
  });
}

export interface ListedObject {
  key: string;
  lastModified: number;
  etag: string;
  size: number;
}

export interface ListResult {
  bucket: string;
  prefix?: string;
  maxKeys: number;
  startAfter?: string;
  continuationToken?: string;
  nextContinuationToken?: string;
  contents: readonly ListedObject[];
}

/** `<ListBucketResult>` as ListObjectsV2 answers it (Amazon S3 API reference, ListObjectsV2, response syntax). */
export function listBucketResultXml(result: ListResult): string {
  const parts = [
    element('Name', result.bucket),
    element('Prefix', result.prefix ?? ''),
    element('KeyCount', String(result.contents.length)),
    element('MaxKeys', String(result.maxKeys)),
    element('IsTruncated', String(result.nextContinuationToken !== undefined)),
    ...(result.continuationToken === undefined
      ? []
      : [element('ContinuationToken', result.continuationToken)]),
    ...(result.nextContinuationToken === undefined
      ? []
      : [element('NextContinuationToken', result.nextContinuationToken)]),
    ...(result.startAfter === undefined ? [] : [element('StartAfter', result.startAfter)]),
    ...result.contents.map(
      (object) =>
        '<Contents>' +
        element('Key', object.key) +
        element('LastModified', new Date(object.lastModified).toISOString()) +
        element('ETag', object.etag) +
        element('Size', String(object.size)) +
        element('StorageClass', 'STANDARD') +
        '</Contents>'
    )
  ];
  return `${PROLOG}<ListBucketResult xmlns="${S3_XMLNS}">${parts.join('')}</ListBucketResult>`;
}
