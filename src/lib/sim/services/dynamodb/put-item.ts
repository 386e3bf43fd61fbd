// DynamoDB PutItem: creates or replaces one whole item, keyed by the table's primary key.

import { isServiceError, type ServiceError } from '../../http';
import type { ExchangeContext } from '../../service';
import {
  isServiceErrorValue,
  itemSize,
  MAX_ITEM_BYTES,
  parseItem,
  validationError,
  type Item
} from './attribute-value';
import { missingMember, tableOf } from './operation-input';
import { primaryKeyOf, type Tables } from './tables';

export function putItem(
  input: Record<string, unknown>,
  tables: Tables,
  ctx: ExchangeContext
): { Attributes?: Item } | ServiceError {
  const table = tableOf(input, tables);
  ctx.check('dynamodb.table-exists', !isServiceError(table), String(input.TableName));
  if (isServiceError(table)) return table;
  if (input.Item === undefined || input.Item === null) return missingMember('Item');
  const item = parseItem(input.Item, 'Item');
  if (isServiceErrorValue(item)) return item;
  const size = itemSize(item);
  if (!ctx.check('dynamodb.item-size', size <= MAX_ITEM_BYTES, `${size} bytes`)) {
    return validationError(
      'Item size has exceeded the maximum allowed size',
      `The item is ${size} bytes; DynamoDB stores items of at most ${MAX_ITEM_BYTES} bytes (400 KB), names included.`
    );
  }
  const id = primaryKeyOf(table.schema, item, 'item');
  ctx.check('dynamodb.item-key', typeof id === 'string');
  if (typeof id !== 'string') return id;
  const returnValues = input.ReturnValues ?? 'NONE';
  if (returnValues !== 'NONE' && returnValues !== 'ALL_OLD') {
    return validationError(
      'ReturnValues can only be ALL_OLD or NONE',
      `PutItem accepts ReturnValues NONE or ALL_OLD, not ${JSON.stringify(returnValues)}.`
    );
  }
  if (input.ConditionExpression !== undefined) {
    // Said plainly rather than ignored: an ignored condition would let a write through that AWS refuses.
    return validationError(
      'ConditionExpression is not supported by this simulation',
      'This simulated DynamoDB does not evaluate condition expressions.'
    );
  }
  const previous = table.put(item);
  return returnValues === 'ALL_OLD' && previous ? { Attributes: previous } : {};
}
