// DynamoDB GetItem: one item by its full primary key, or an empty answer when there is none.

import { isServiceError, type ServiceError } from '../../http';
import type { ExchangeContext } from '../../service';
import { isServiceErrorValue, parseItem, type Item } from './attribute-value';
import { missingMember, tableOf } from './operation-input';
import { primaryKeyOf, type Tables } from './tables';

export function getItem(
  input: Record<string, unknown>,
  tables: Tables,
  ctx: ExchangeContext
): { Item?: Item } | ServiceError {
  const table = tableOf(input, tables);
  ctx.check('dynamodb.table-exists', !isServiceError(table), String(input.TableName));
  if (isServiceError(table)) return table;
  if (input.Key === undefined || input.Key === null) return missingMember('Key');
  const key = parseItem(input.Key, 'Key');
  if (isServiceErrorValue(key)) return key;
  const id = primaryKeyOf(table.schema, key, 'key');
  ctx.check('dynamodb.key-schema', typeof id === 'string');
  if (typeof id !== 'string') return id;
  // ProjectionExpression and ConsistentRead change nothing here: every read sees the latest write,
  // and the whole item is returned.
  const item = table.get(key);
  ctx.check(
    'dynamodb.item-found',
    item !== undefined,
    item ? undefined : 'GetItem answers {} (not an error) when there is no such item'
  );
  return item ? { Item: item } : {};
}
