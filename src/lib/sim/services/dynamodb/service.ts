// The simulated DynamoDB endpoint: AWS JSON 1.0 over POST, X-Amz-Target DynamoDB_20120810.<Operation>.

import { signedRequestCarries } from '../../carried';
import { dispatchJson, type Operation, type ServiceError } from '../../http';
import type { ExchangeContext, Service, ServiceEnv } from '../../service';
import type { DynamoDbAuthorizer } from './authorize';
import { getItem } from './get-item';
import { putItem } from './put-item';
import { query } from './query';
import { createTables, type Tables } from './tables';
import { DYNAMODB_CONTENT_TYPE, dynamoDbRequestId, dynamoDbResponder } from './wire';

export const DYNAMODB_TARGET_PREFIX = 'DynamoDB_20120810.';
export { DYNAMODB_CONTENT_TYPE };

export interface DynamoDbService extends Service {
  readonly id: 'dynamodb';
  /** The tables, for the lesson's inspector and tests (reads only; writes go over the wire). */
  readonly tables: Tables;
}

type TableOperation = (input: Record<string, unknown>, tables: Tables, ctx: ExchangeContext) => unknown;

const OPERATIONS: Record<string, TableOperation> = { GetItem: getItem, PutItem: putItem, Query: query };

export function createDynamoDb(
  env: Pick<ServiceEnv, 'config'>,
  deps: { authorize: DynamoDbAuthorizer }
): DynamoDbService {
  const host = `dynamodb.${env.config.region}.amazonaws.com`;
  const tables = createTables(env.config);
  const { authorize } = deps;

  return {
    id: 'dynamodb',
    tables,
    handles: (url) => url.host === host,
    requestId: dynamoDbRequestId,
    async handle(request, ctx) {
      ctx.carry(...signedRequestCarries(request.headers));
      // Each operation asks the authorizer first. It gets the original request, body unread (a SigV4
      // verifier must hash the body itself), while the dispatcher parses a copy.
      const operations: Record<string, Operation<ExchangeContext>> = {};
      for (const [name, operation] of Object.entries(OPERATIONS)) {
        operations[name] = async (input) => {
          const verdict = await authorize(request, name, input, ctx);
          if (verdict.kind === 'service-error') return verdict satisfies ServiceError;
          return operation(input, tables, ctx);
        };
      }
      return dispatchJson(request.clone(), ctx, {
        targetPrefix: DYNAMODB_TARGET_PREFIX,
        contentType: DYNAMODB_CONTENT_TYPE,
        operations,
        respond: dynamoDbResponder
      });
    }
  };
}
