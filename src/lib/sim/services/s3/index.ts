// The simulated S3: its service factory and the ARNs and endpoint other modules name.
export { bucketArn, bucketEndpoint, createS3, objectArn, type S3Service } from './service';
export { UNSIGNED_PAYLOAD } from './authorize';
export { md5Hex } from './md5';
export type { Bucket, S3Object } from './objects';
