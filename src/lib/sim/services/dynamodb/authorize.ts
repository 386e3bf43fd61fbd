// Who may call DynamoDB: the contract of its authorizer (authorize-signed-request.ts verifies SigV4 and evaluates IAM).

import type { ServiceError } from '../../http';
import type { ExchangeContext } from '../../service';

/** A caller DynamoDB let through, and under what name (the assumed-role ARN its signature resolved to). */
export interface Authorized {
  readonly kind: 'authorized';
  readonly principal: string;
}

/**
 * Decides whether `request` may perform `operation` with `input`. Returns a ServiceError (AWS's code
 * and message) to refuse. Records what it checked with `ctx.check`.
 */
export type DynamoDbAuthorizer = (
  request: Request,
  operation: string,
  input: Record<string, unknown>,
  ctx: ExchangeContext
) => Promise<Authorized | ServiceError>;
