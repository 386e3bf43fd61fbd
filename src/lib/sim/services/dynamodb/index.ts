// The simulated DynamoDB: its service factory and the pieces other services and tests use.
export {
  createDynamoDb,
  DYNAMODB_CONTENT_TYPE,
  DYNAMODB_TARGET_PREFIX,
  type DynamoDbService
} from './service';
export type { Authorized, DynamoDbAuthorizer } from './authorize';
export { itemToPlain, type AttributeValue, type Item } from './attribute-value';
export type { Table, TableSchema, Tables } from './tables';
export { createSignedRequestAuthorizer, tableAccesses, accessDenied } from './authorize-signed-request';
export type { PartitionKeyOf, TableAccess, SignedRequestAuthorizerOptions } from './authorize-signed-request';
