// The simulated DynamoDB tables: key schemas, item storage by primary key, and the world's seed data.

import { serviceError, type ServiceError } from '../../http';
import type { WorldConfig } from '../../config';
import {
  copyItem,
  scalarOf,
  typeOfAttribute,
  validationError,
  type Item,
  type ScalarKeyType
} from './attribute-value';

export interface KeyAttribute {
  name: string;
  type: ScalarKeyType;
}

export interface TableSchema {
  name: string;
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
}

export interface Table {
  readonly schema: TableSchema;
  get(key: Item): Item | undefined;
  /** Stores a copy of `item`; returns the item it replaced, if any. */
  put(item: Item): Item | undefined;
  /** Every item of one partition, in sort-key order (ascending). */
  partition(partitionValue: string): Item[];
}

export type Tables = ReadonlyMap<string, Table>;

export function resourceNotFound(tableName: string): ServiceError {
  return serviceError(
    'ResourceNotFoundException',
    'Requested resource not found',
    `There is no table called ${JSON.stringify(tableName)} in this account and region.`
  );
}

function keyAttributes(schema: TableSchema): KeyAttribute[] {
  return schema.sortKey ? [schema.partitionKey, schema.sortKey] : [schema.partitionKey];
}

/**
 * Checks a `Key` (GetItem) or the key attributes of an `Item` (PutItem) against the table's key
 * schema, with the messages DynamoDB gives, and returns the storage key.
 */
export function primaryKeyOf(schema: TableSchema, value: Item, use: 'key' | 'item'): string | ServiceError {
  const parts: string[] = [];
  for (const attribute of keyAttributes(schema)) {
    const found = Object.hasOwn(value, attribute.name) ? value[attribute.name] : undefined;
    if (found === undefined) {
      return use === 'key'
        ? validationError(
            'The provided key element does not match the schema',
            `The key has no ${attribute.name}.`
          )
        : validationError(
            `One or more parameter values were invalid: Missing the key ${attribute.name} in the item`
          );
    }
    const type = typeOfAttribute(found);
    if (type !== attribute.type) {
      return use === 'key'
        ? validationError(
            'The provided key element does not match the schema',
            `${attribute.name} is of type ${type}; the table's key schema says ${attribute.type}.`
          )
        : validationError(
            `One or more parameter values were invalid: Type mismatch for key ${attribute.name} expected: ${attribute.type} actual: ${type}`
          );
    }
    const scalar = scalarOf(found) ?? '';
    if (scalar === '') {
      return validationError(
        `One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty ${
          type === 'S' ? 'string' : 'binary'
        } value. Key: ${attribute.name}`
      );
    }
    parts.push(scalar);
  }
  if (use === 'key' && Object.keys(value).length !== parts.length) {
    return validationError(
      'The provided key element does not match the schema',
      `The key may name only ${keyAttributes(schema)
        .map((attribute) => attribute.name)
        .join(' and ')}.`
    );
  }
  return JSON.stringify(parts);
}

function compareKeys(type: ScalarKeyType, a: string, b: string): number {
  // DynamoDB orders N numerically and S / B by their bytes; code-unit order matches UTF-8 byte order
  // outside surrogate pairs, which is enough for the simulation's data.
  if (type === 'N') return Number(a) - Number(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

export function createTable(schema: TableSchema, seed: Item[] = []): Table {
  const items = new Map<string, Item>();
  const table: Table = {
    schema,
    get(key) {
      const id = primaryKeyOf(schema, key, 'key');
      if (typeof id !== 'string') return undefined;
      const item = items.get(id);
      return item && copyItem(item);
    },
    put(item) {
      const id = primaryKeyOf(schema, item, 'item');
      if (typeof id !== 'string') throw new Error(`put: ${id.message}`);
      const previous = items.get(id);
      items.set(id, copyItem(item));
      return previous;
    },
    partition(partitionValue) {
      const { partitionKey, sortKey } = schema;
      const found = [...items.values()].filter((item) => {
        const value = item[partitionKey.name];
        return value !== undefined && scalarOf(value) === partitionValue;
      });
      if (sortKey) {
        found.sort((a, b) => {
          const left = a[sortKey.name];
          const right = b[sortKey.name];
          return compareKeys(sortKey.type, (left && scalarOf(left)) ?? '', (right && scalarOf(right)) ?? '');
        });
      }
      return found.map(copyItem);
    }
  };
  for (const item of seed) table.put(item);
  return table;
}

/**
 * The world's tables. `Orders` holds order 42 for the first demo user and order 7 for the second. Each order
 * names its owner by the user's `sub` (`customerSub`), the id the user pool never reuses or reassigns, which
 * the Orders function compares with the token's `sub` claim; `customer` is the name shown on the order.
 * The fine-grained table, keyed by identity id, starts empty: learners fill it through the identity pool. So does
 * the analytics table `Events`, keyed the same way (identity id, then event id), so that a policy can confine
 * each identity, a guest's too, to its own events with `dynamodb:LeadingKeys`.
 */
export function createTables(config: WorldConfig): Map<string, Table> {
  const [first, second] = config.demoUsers;
  const orders: Item[] = [];
  if (first) {
    orders.push({
      orderId: { S: '42' },
      customer: { S: first.username },
      customerSub: { S: first.sub },
      item: { S: 'Blue ceramic teapot' },
      quantity: { N: '1' },
      total: { N: '34.50' },
      currency: { S: 'USD' },
      status: { S: 'shipped' }
    });
  }
  if (second) {
    orders.push({
      orderId: { S: '7' },
      customer: { S: second.username },
      customerSub: { S: second.sub },
      item: { S: 'Box of loose-leaf tea' },
      quantity: { N: '2' },
      total: { N: '18.00' },
      currency: { S: 'USD' },
      status: { S: 'processing' }
    });
  }
  const tables = new Map<string, Table>();
  tables.set(
    config.table.name,
    createTable(
      { name: config.table.name, partitionKey: { name: config.table.partitionKey, type: 'S' } },
      orders
    )
  );
  tables.set(
    config.finegrained.table,
    createTable({
      name: config.finegrained.table,
      partitionKey: { name: 'identityId', type: 'S' },
      sortKey: { name: 'noteId', type: 'S' }
    })
  );
  tables.set(
    config.events.table,
    createTable({
      name: config.events.table,
      partitionKey: { name: 'identityId', type: 'S' },
      sortKey: { name: 'eventId', type: 'S' }
    })
  );
  return tables;
}
