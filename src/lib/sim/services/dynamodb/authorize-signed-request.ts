// How an AWS service (DynamoDB here) decides on a signed request: SigV4 against STS-issued credentials, then IAM.

/*
 * Two questions, in AWS's order. Who is calling? The SigV4 signature is recomputed with the secret the
 * credential store holds for the access key (crypto/sigv4.ts), which also catches unknown, altered or
 * expired session tokens. May they do this? The role's permission policies are evaluated (iam/) for
 * `dynamodb:<Operation>` on the table, with the session's policy variables (the identity id as
 * `cognito-identity.amazonaws.com:sub`) and `dynamodb:LeadingKeys`, the partition keys the request touches.
 * A session created with a session policy (Cognito's scope-down for guests) is also held to that policy: the
 * effective permissions are the intersection, so both must allow and an explicit deny in either denies.
 */

import { serviceError, type ServiceError } from '../../http';
import { evaluatePolicies, evaluateSessionPolicy, type Decision } from '../../iam/evaluate';
import { decisionRecord } from '../../iam/record';
import { tableArn } from '../../iam/roles';
import type { RequestContext } from '../../iam/variables';
import type { ExchangeContext, ServiceEnv } from '../../service';
import { callerContext, signedCaller } from '../signed-caller';
import type { Authorized, DynamoDbAuthorizer } from './authorize';

/** The partition key attribute of a table, or undefined for a table that does not exist. */
export type PartitionKeyOf = (tableName: string) => string | undefined;

/** One table a request touches, and the partition key values it names there (undefined: none, as in a Scan). */
export interface TableAccess {
  table: string;
  leadingKeys?: string[];
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The scalar of an AttributeValue (`{S}`, `{N}` or `{B}`), the form `dynamodb:LeadingKeys` compares. */
function scalar(value: unknown): string | undefined {
  if (!isObject(value)) return undefined;
  for (const type of ['S', 'N', 'B'] as const) {
    const inner = value[type];
    if (typeof inner === 'string') return inner;
  }
  return undefined;
}

function keyValue(item: unknown, partitionKey: string | undefined): string | undefined {
  if (!isObject(item) || partitionKey === undefined || !Object.hasOwn(item, partitionKey)) return undefined;
  return scalar(item[partitionKey]);
}

/** The partition key value a Query's key condition fixes: `pk = :v` (names and values resolved), or KeyConditions. */
function queryKey(input: Json, partitionKey: string | undefined): string | undefined {
  if (partitionKey === undefined) return undefined;
  const names = isObject(input.ExpressionAttributeNames) ? input.ExpressionAttributeNames : {};
  const values = isObject(input.ExpressionAttributeValues) ? input.ExpressionAttributeValues : {};
  if (typeof input.KeyConditionExpression === 'string') {
    for (const part of input.KeyConditionExpression.split(/\s+AND\s+/i)) {
      const match = /^\s*(#?[A-Za-z_][\w.-]*)\s*=\s*(:\w+)\s*$/.exec(part);
      if (!match) continue;
      const [, rawName = '', placeholder = ''] = match;
      const name = rawName.startsWith('#') && Object.hasOwn(names, rawName) ? names[rawName] : rawName;
      if (name === partitionKey && Object.hasOwn(values, placeholder)) return scalar(values[placeholder]);
    }
    return undefined;
  }
  const conditions = isObject(input.KeyConditions) ? input.KeyConditions : {};
  const condition = Object.hasOwn(conditions, partitionKey) ? conditions[partitionKey] : undefined;
  if (
    isObject(condition) &&
    condition.ComparisonOperator === 'EQ' &&
    Array.isArray(condition.AttributeValueList)
  ) {
    return scalar(condition.AttributeValueList[0]);
  }
  return undefined;
}

function present(values: (string | undefined)[]): string[] {
  return values.filter((value): value is string => value !== undefined);
}

/**
 * Which tables a DynamoDB request touches and with which partition keys: the inputs of the IAM check.
 * "dynamodb:LeadingKeys: the partition key values" of the items the request reads or writes (DynamoDB guide,
 * fine-grained access control). A Scan names none, so the key is absent.
 */
export function tableAccesses(operation: string, input: Json, partitionKeyOf: PartitionKeyOf): TableAccess[] {
  const table = typeof input.TableName === 'string' ? input.TableName : undefined;
  const single = (keys: (string | undefined)[] | undefined): TableAccess[] =>
    table === undefined ? [] : [keys === undefined ? { table } : { table, leadingKeys: present(keys) }];
  const partitionKey = table === undefined ? undefined : partitionKeyOf(table);
  switch (operation) {
    case 'GetItem':
    case 'DeleteItem':
    case 'UpdateItem':
      return single([keyValue(input.Key, partitionKey)]);
    case 'PutItem':
      return single([keyValue(input.Item, partitionKey)]);
    case 'Query':
      return single([queryKey(input, partitionKey)]);
    case 'BatchGetItem':
    case 'BatchWriteItem': {
      const requests = isObject(input.RequestItems) ? input.RequestItems : {};
      return Object.entries(requests).map(([name, request]) => {
        const key = partitionKeyOf(name);
        const items: unknown[] =
          operation === 'BatchGetItem'
            ? isObject(request) && Array.isArray(request.Keys)
              ? request.Keys
              : []
            : Array.isArray(request)
              ? request.map((write) =>
                  isObject(write) && isObject(write.PutRequest)
                    ? write.PutRequest.Item
                    : isObject(write) && isObject(write.DeleteRequest)
                      ? write.DeleteRequest.Key
                      : undefined
                )
              : [];
        return { table: name, leadingKeys: present(items.map((item) => keyValue(item, key))) };
      });
    }
    default:
      return single(undefined);
  }
}

/**
 * AWS's AccessDeniedException, worded as DynamoDB words it for an implicit and an explicit deny. The reason names
 * the policy type to blame: "because no identity-based policy allows the <action> action", "... no session policy
 * allows ...", "with an explicit deny in an identity-based policy" (or "in a session policy"). Identity policies
 * are named first when both refuse.
 */
export function accessDenied(
  principalArn: string,
  action: string,
  resource: string,
  decision: Decision,
  session?: Decision
): ServiceError {
  const decisions = session === undefined ? [decision] : [decision, session];
  const typeOf = (d: Decision) => (d.kind === 'session' ? 'a session policy' : 'an identity-based policy');
  const denying = decisions.find((d) => d.decision === 'ExplicitDeny');
  const refusing = decisions.find((d) => !d.allowed) ?? decision;
  const because =
    denying !== undefined
      ? `with an explicit deny in ${typeOf(denying)}`
      : `because no ${refusing.kind === 'session' ? 'session' : 'identity-based'} policy allows the ${action} action`;
  return serviceError(
    'AccessDeniedException',
    `User: ${principalArn} is not authorized to perform: ${action} on resource: ${resource} ${because}`,
    decisions
      .filter((d) => !d.allowed)
      .map((d) => (d.kind === 'session' ? `Session policy: ${d.explanation}` : d.explanation))
      .join(' ')
  );
}

export interface SignedRequestAuthorizerOptions {
  /** The signing name of the service (the credential scope's service). */
  service: string;
  partitionKeyOf: PartitionKeyOf;
}

/** A DynamoDB authorizer that verifies SigV4 against the credential store and evaluates the role's IAM policies. */
export function createSignedRequestAuthorizer(
  env: Pick<ServiceEnv, 'config' | 'roles' | 'credentials'>,
  options: SignedRequestAuthorizerOptions
): DynamoDbAuthorizer {
  return async (
    request: Request,
    operation: string,
    input: Json,
    ctx: ExchangeContext
  ): Promise<Authorized | ServiceError> => {
    const caller = await signedCaller(request, options.service, env, ctx);
    if (!caller.ok) return serviceError(caller.code, caller.message, caller.reason);
    const { session, role, now } = caller;

    const action = `${options.service}:${operation}`;
    for (const access of tableAccesses(operation, input, options.partitionKeyOf)) {
      const resource = tableArn(env.config, access.table);
      const context: RequestContext = {
        ...callerContext(session, now),
        ...(access.leadingKeys === undefined ? {} : { 'dynamodb:LeadingKeys': access.leadingKeys })
      };
      const decision = evaluatePolicies({ policies: role.permissionPolicies, action, resource, context });
      ctx.recordDecision(
        decisionRecord(decision, {
          label: `permissions of ${role.roleName} for ${action} on table/${access.table}`,
          action,
          resource,
          principal: session.assumedRoleArn,
          context
        })
      );
      const keys =
        access.leadingKeys === undefined
          ? 'no partition keys'
          : `partition keys ${JSON.stringify(access.leadingKeys)}`;
      const permitted = ctx.check(
        'iam.permission',
        decision.allowed,
        `${role.roleName}, ${action} on table/${access.table}, ${keys}: ${decision.explanation}`
      );
      // The session policy is judged too, even when the role already refused: the trace shows both answers.
      let scoped: Decision | undefined;
      if (session.sessionPolicy !== undefined) {
        const label = `session policy of ${role.roleName}/${session.sessionName} for ${action} on table/${access.table}`;
        scoped = evaluateSessionPolicy({
          policy: session.sessionPolicy,
          name: 'session policy',
          action,
          resource,
          context
        });
        ctx.recordDecision(
          decisionRecord(scoped, { label, action, resource, principal: session.assumedRoleArn, context })
        );
        ctx.check(
          'iam.session-policy',
          scoped.allowed,
          `session policy of ${session.assumedRoleArn}, ${action} on table/${access.table}: ${scoped.explanation}`
        );
      }
      if (!permitted || (scoped !== undefined && !scoped.allowed)) {
        return accessDenied(session.assumedRoleArn, action, resource, decision, scoped);
      }
    }
    return { kind: 'authorized', principal: session.assumedRoleArn };
  };
}
