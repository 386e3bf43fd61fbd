// The bucket's objects: what PutObject stored, in memory, by key.

import { md5Hex } from './md5';

export interface S3Object {
  key: string;
  body: Uint8Array;
  contentType: string;
  /** `"<md5 hex>"`, quotes included, as S3 sends it for an object uploaded in one PUT. */
  etag: string;
  lastModified: number;
}

export interface Bucket {
  readonly name: string;
  get(key: string): S3Object | undefined;
  put(key: string, body: Uint8Array, contentType: string, now: number): S3Object;
  /** Keys in UTF-8 binary order ("returned in ascending order based on the key name", ListObjectsV2). */
  list(prefix: string): S3Object[];
}

function utf8Compare(a: string, b: string): number {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const diff = (x[i] ?? 0) - (y[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return x.length - y.length;
}

export function createBucket(name: string): Bucket {
  const objects = new Map<string, S3Object>();
  return {
    name,
    get: (key) => objects.get(key),
    put(key, body, contentType, now) {
      const object = { key, body, contentType, etag: `"${md5Hex(body)}"`, lastModified: now };
      objects.set(key, object);
      return object;
    },
    list: (prefix) =>
      [...objects.values()].filter((o) => o.key.startsWith(prefix)).sort((a, b) => utf8Compare(a.key, b.key))
  };
}
