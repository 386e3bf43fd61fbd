// DynamoDB Query: the items of one partition, chosen by a KeyConditionExpression on the partition key (and optionally the sort key).

/*
 * The expression language supported is the part the lesson uses: `pk = :v`, optionally
 * `AND sk = :w` or `AND begins_with(sk, :w)`, with `#names` from ExpressionAttributeNames. Anything
 * else is refused with a ValidationException rather than silently misread.
 */

import { isServiceError, type ServiceError } from '../../http';
import type { ExchangeContext } from '../../service';
import {
  isServiceErrorValue,
  parseItem,
  scalarOf,
  typeOfAttribute,
  validationError,
  type AttributeValue,
  type Item
} from './attribute-value';
import { missingMember, tableOf } from './operation-input';
import { primaryKeyOf, type KeyAttribute, type Tables } from './tables';

interface Condition {
  attribute: string;
  operator: '=' | 'begins_with';
  value: AttributeValue;
}

const NAME = '(#?[A-Za-z_][A-Za-z0-9_.-]*)';
const VALUE = '(:[A-Za-z0-9_]+)';
const EQUALS = new RegExp(`^${NAME}\\s*=\\s*${VALUE}$`);
const BEGINS_WITH = new RegExp(`^begins_with\\s*\\(\\s*${NAME}\\s*,\\s*${VALUE}\\s*\\)$`);

function syntaxError(reason: string): ServiceError {
  return validationError('Invalid KeyConditionExpression: Syntax error; token: "<expression>"', reason);
}

/** Parses the expression, resolving `#names` and `:values`, and reports unused placeholders as DynamoDB does. */
function parseKeyCondition(
  expression: string,
  names: Record<string, unknown>,
  values: Item
): Condition[] | ServiceError {
  const usedNames = new Set<string>();
  const usedValues = new Set<string>();
  const conditions: Condition[] = [];
  const parts = expression.trim().split(/\s+AND\s+/i);
  if (parts.length > 2)
    return syntaxError('Only a partition-key condition and one sort-key condition are supported.');
  for (const part of parts) {
    const equals = EQUALS.exec(part.trim());
    const begins = equals ? null : BEGINS_WITH.exec(part.trim());
    const match = equals ?? begins;
    if (!match) return syntaxError(`"${part.trim()}" is not "name = :value" or "begins_with(name, :value)".`);
    const [, rawName = '', placeholder = ''] = match;
    let attribute = rawName;
    if (rawName.startsWith('#')) {
      const resolved = Object.hasOwn(names, rawName) ? names[rawName] : undefined;
      if (typeof resolved !== 'string') {
        return validationError(
          `Invalid KeyConditionExpression: An expression attribute name used in the document path is not defined; attribute name: ${rawName}`
        );
      }
      usedNames.add(rawName);
      attribute = resolved;
    }
    const value = Object.hasOwn(values, placeholder) ? values[placeholder] : undefined;
    if (!value) {
      return validationError(
        `Invalid KeyConditionExpression: An expression attribute value used in expression is not defined; attribute value: ${placeholder}`
      );
    }
    usedValues.add(placeholder);
    conditions.push({ attribute, operator: equals ? '=' : 'begins_with', value });
  }
  const unusedValues = Object.keys(values).filter((key) => !usedValues.has(key));
  if (unusedValues.length > 0) {
    return validationError(
      `Value provided in ExpressionAttributeValues unused in expressions: keys: {${unusedValues.join(', ')}}`
    );
  }
  const unusedNames = Object.keys(names).filter((key) => !usedNames.has(key));
  if (unusedNames.length > 0) {
    return validationError(
      `Value provided in ExpressionAttributeNames unused in expressions: keys: {${unusedNames.join(', ')}}`
    );
  }
  return conditions;
}

function matchesType(condition: Condition, key: KeyAttribute): ServiceError | undefined {
  const type = typeOfAttribute(condition.value);
  if (condition.operator === 'begins_with' && type === 'N') {
    return validationError(
      'Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N'
    );
  }
  if (type !== key.type) {
    return validationError(
      'One or more parameter values were invalid: Condition parameter type does not match schema type',
      `${key.name} is of type ${key.type}; the condition compares it with a value of type ${type}.`
    );
  }
  return undefined;
}

export function query(
  input: Record<string, unknown>,
  tables: Tables,
  ctx: ExchangeContext
): { Items: Item[]; Count: number; ScannedCount: number; LastEvaluatedKey?: Item } | ServiceError {
  const table = tableOf(input, tables);
  ctx.check('dynamodb.table-exists', !isServiceError(table), String(input.TableName));
  if (isServiceError(table)) return table;
  const { partitionKey, sortKey } = table.schema;

  for (const unsupported of ['IndexName', 'FilterExpression', 'KeyConditions', 'QueryFilter'] as const) {
    if (input[unsupported] !== undefined) {
      return validationError(
        `${unsupported} is not supported by this simulation`,
        `This simulated DynamoDB does not support ${unsupported} in Query.`
      );
    }
  }
  const expression = input.KeyConditionExpression;
  if (expression === undefined || expression === null) {
    return validationError(
      'Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.'
    );
  }
  if (typeof expression !== 'string') return missingMember('KeyConditionExpression');
  const values =
    input.ExpressionAttributeValues === undefined
      ? {}
      : parseItem(input.ExpressionAttributeValues, 'ExpressionAttributeValues');
  if (isServiceErrorValue(values)) return values;
  const rawNames = input.ExpressionAttributeNames ?? {};
  if (typeof rawNames !== 'object' || rawNames === null || Array.isArray(rawNames)) {
    return validationError('ExpressionAttributeNames must be a map of strings');
  }
  const conditions = parseKeyCondition(expression, rawNames as Record<string, unknown>, values);
  if (isServiceError(conditions)) return conditions;

  const onPartition = conditions.find((condition) => condition.attribute === partitionKey.name);
  if (!onPartition || onPartition.operator !== '=') {
    return validationError(
      `Query condition missed key schema element: ${partitionKey.name}`,
      `A Query names one partition: the condition must say ${partitionKey.name} = :value.`
    );
  }
  const onSort = conditions.find((condition) => condition !== onPartition);
  if (onSort && (!sortKey || onSort.attribute !== sortKey.name)) {
    return validationError(
      'Query key condition not supported',
      `${onSort.attribute} is not the table's sort key.`
    );
  }
  for (const [condition, key] of [
    [onPartition, partitionKey],
    ...(onSort && sortKey ? [[onSort, sortKey] as const] : [])
  ] as const) {
    const mismatch = matchesType(condition, key);
    if (mismatch) return mismatch;
  }
  ctx.check('dynamodb.key-condition', true, `${partitionKey.name} = ${scalarOf(onPartition.value)}`);

  let items = table.partition(scalarOf(onPartition.value) ?? '');
  if (onSort && sortKey) {
    const wanted = scalarOf(onSort.value) ?? '';
    items = items.filter((item) => {
      const value = item[sortKey.name];
      const scalar = value === undefined ? undefined : scalarOf(value);
      if (scalar === undefined) return false;
      return onSort.operator === '=' ? scalar === wanted : scalar.startsWith(wanted);
    });
  }
  // ScanIndexForward: false reads the partition in descending sort-key order.
  if (input.ScanIndexForward === false) items.reverse();

  // ExclusiveStartKey / Limit / LastEvaluatedKey: pagination, one page per call.
  if (input.ExclusiveStartKey !== undefined) {
    const start = parseItem(input.ExclusiveStartKey, 'ExclusiveStartKey');
    if (isServiceErrorValue(start)) return start;
    const startId = primaryKeyOf(table.schema, start, 'key');
    if (isServiceError(startId))
      return validationError(
        'The provided starting key is invalid: The provided key element does not match the schema'
      );
    const index = items.findIndex((item) => primaryKeyOf(table.schema, item, 'item') === startId);
    items = index === -1 ? items : items.slice(index + 1);
  }
  let lastEvaluatedKey: Item | undefined;
  const limit = input.Limit;
  if (limit !== undefined) {
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) {
      return validationError(
        `1 validation error detected: Value '${String(limit)}' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1`
      );
    }
    if (items.length > limit) {
      items = items.slice(0, limit);
      const last = items.at(-1);
      if (last) {
        lastEvaluatedKey = Object.create(null) as Item;
        for (const key of sortKey ? [partitionKey, sortKey] : [partitionKey]) {
          const value = last[key.name];
          if (value) lastEvaluatedKey[key.name] = value;
        }
      }
    }
  }
  return {
    Items: items,
    Count: items.length,
    ScannedCount: items.length,
    ...(lastEvaluatedKey ? { LastEvaluatedKey: lastEvaluatedKey } : {})
  };
}
