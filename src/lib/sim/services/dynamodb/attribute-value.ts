// DynamoDB's attribute-value wire format ({"S":"42"}, {"N":"3"}, {"M":{...}}): types, validation with AWS's messages, and plain-value conversion.

import { serviceError, type ServiceError } from '../../http';

export type AttributeValue =
  | { S: string }
  | { N: string }
  | { B: string }
  | { BOOL: boolean }
  | { NULL: true }
  | { SS: string[] }
  | { NS: string[] }
  | { BS: string[] }
  | { L: AttributeValue[] }
  | { M: Item };

export type Item = { [attribute: string]: AttributeValue };

export type ScalarKeyType = 'S' | 'N' | 'B';

const TYPES = ['S', 'N', 'B', 'BOOL', 'NULL', 'SS', 'NS', 'BS', 'L', 'M'] as const;

// DynamoDB numbers: up to 38 digits of precision, written as a JSON-style decimal.
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function validationError(message: string, reason?: string): ServiceError {
  return serviceError('ValidationException', message, reason ?? message);
}

function serializationError(reason: string): ServiceError {
  return serviceError('SerializationException', 'Unexpected value type in payload', reason);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * DynamoDB stores 32 levels of nesting: an attribute value may sit inside at most 31 maps or lists. One more
 * is refused up front with this message, for items, keys and expression values alike (measured against real
 * DynamoDB by public conformance suites: 31 wraps accepted, 32 refused). The bound also keeps the recursion
 * below shallow, whatever the body holds.
 */
export const MAX_NESTED_WRAPS = 31;
const NESTING_MESSAGE =
  'Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit';

/** DynamoDB's item size limit: 400 KB of attribute names and values. */
export const MAX_ITEM_BYTES = 400 * 1024;

/**
 * Checks one attribute value as DynamoDB does, recursively. `where` names it in the learner's reason;
 * `depth` is how many maps or lists it already sits in.
 */
export function parseAttributeValue(value: unknown, where: string, depth = 0): AttributeValue | ServiceError {
  if (!isRecord(value))
    return serializationError(`${where} is not an attribute value object like {"S": "..."}.`);
  const present = TYPES.filter((type) => Object.hasOwn(value, type));
  const unknown = Object.keys(value).filter((key) => !(TYPES as readonly string[]).includes(key));
  if (unknown.length > 0)
    return serializationError(`${where} has an unknown data type ${JSON.stringify(unknown[0])}.`);
  const [type] = present;
  if (type === undefined) {
    return validationError(
      'Supplied AttributeValue is empty, must contain exactly one of the supported datatypes',
      `${where} has no data type.`
    );
  }
  if (present.length > 1) {
    return validationError(
      'Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes',
      `${where} has ${present.join(' and ')}.`
    );
  }
  const inner = value[type];
  switch (type) {
    case 'S':
      return typeof inner === 'string' ? { S: inner } : serializationError(`${where}.S is not a string.`);
    case 'N':
      if (typeof inner !== 'string')
        return serializationError(`${where}.N is not a string (DynamoDB numbers travel as strings).`);
      return NUMBER.test(inner)
        ? { N: inner }
        : validationError(
            `The parameter cannot be converted to a numeric value: ${inner}`,
            `${where}.N is not a number.`
          );
    case 'B':
      return typeof inner === 'string' && BASE64.test(inner)
        ? { B: inner }
        : serializationError(`${where}.B is not base64 text.`);
    case 'BOOL':
      return typeof inner === 'boolean'
        ? { BOOL: inner }
        : serializationError(`${where}.BOOL is not true or false.`);
    case 'NULL':
      return inner === true
        ? { NULL: true }
        : validationError(
            'One or more parameter values were invalid: Null attribute value types must have the value of true',
            `${where}.NULL is not true.`
          );
    case 'SS':
    case 'NS':
    case 'BS': {
      if (!Array.isArray(inner) || !inner.every((item) => typeof item === 'string')) {
        return serializationError(`${where}.${type} is not an array of strings.`);
      }
      if (inner.length === 0) {
        const kind = type === 'SS' ? 'string' : type === 'NS' ? 'number' : 'binary';
        return validationError(
          `One or more parameter values were invalid: An ${kind} set  may not be empty`,
          `${where}.${type} is empty.`
        );
      }
      if (new Set(inner).size !== inner.length) {
        return validationError(
          `One or more parameter values were invalid: Input collection ${JSON.stringify(inner)} contains duplicates.`,
          `${where}.${type} has duplicates.`
        );
      }
      if (type === 'NS' && !inner.every((item) => NUMBER.test(item))) {
        return validationError(
          'The parameter cannot be converted to a numeric value',
          `${where}.NS holds a non-number.`
        );
      }
      return { [type]: [...inner] } as AttributeValue;
    }
    case 'L': {
      if (!Array.isArray(inner)) return serializationError(`${where}.L is not an array.`);
      if (depth >= MAX_NESTED_WRAPS) return nestingError(where);
      const list: AttributeValue[] = [];
      for (const [index, item] of inner.entries()) {
        const parsed = parseAttributeValue(item, `${where}.L[${index}]`, depth + 1);
        if (isServiceErrorValue(parsed)) return parsed;
        list.push(parsed);
      }
      return { L: list };
    }
    case 'M': {
      if (depth >= MAX_NESTED_WRAPS && isRecord(inner)) return nestingError(where);
      const map = parseItem(inner, `${where}.M`, depth + 1);
      return isServiceErrorValue(map) ? map : { M: map };
    }
  }
}

function nestingError(where: string): ServiceError {
  return validationError(
    NESTING_MESSAGE,
    `${where} is a map or list inside ${MAX_NESTED_WRAPS} others: DynamoDB stores at most 32 levels of nesting.`
  );
}

/** Checks a map of attribute values (an Item, a Key, ExpressionAttributeValues); `depth` as above. */
export function parseItem(value: unknown, where: string, depth = 0): Item | ServiceError {
  if (!isRecord(value)) return serializationError(`${where} is not a map of attribute values.`);
  // A null-prototype object: an attribute called "__proto__" is just an attribute.
  const item: Item = Object.create(null) as Item;
  for (const [name, attribute] of Object.entries(value)) {
    const parsed = parseAttributeValue(attribute, `${where}.${name}`, depth);
    if (isServiceErrorValue(parsed)) return parsed;
    item[name] = parsed;
  }
  return item;
}

export function isServiceErrorValue(value: Item | AttributeValue | ServiceError): value is ServiceError {
  return (value as { kind?: unknown }).kind === 'service-error';
}

const utf8 = new TextEncoder();
const utf8Bytes = (text: string) => utf8.encode(text).length;

/** A number's stored size as DynamoDB describes it: about one byte per two significant digits, plus one. */
function numberBytes(text: string): number {
  const digits = text
    .replace(/[eE].*$/, '')
    .replace(/[^0-9]/g, '')
    .replace(/^0+/, '')
    .replace(/0+$/, '');
  return Math.ceil(Math.max(digits.length, 1) / 2) + 1;
}

/** Decoded length of base64 text (binary values count their bytes, not their encoding). */
function base64Bytes(text: string): number {
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return Math.floor((text.length * 3) / 4) - padding;
}

/**
 * An attribute value's size as DynamoDB counts it against the 400 KB item limit: strings in UTF-8 bytes,
 * binary in raw bytes, numbers by significant digits, booleans and nulls one byte, and lists and maps 3 bytes
 * plus one per element plus their contents (map keys count as names).
 */
export function attributeSize(value: AttributeValue): number {
  if ('S' in value) return utf8Bytes(value.S);
  if ('N' in value) return numberBytes(value.N);
  if ('B' in value) return base64Bytes(value.B);
  if ('BOOL' in value || 'NULL' in value) return 1;
  if ('SS' in value) return value.SS.reduce((sum, item) => sum + utf8Bytes(item), 0);
  if ('NS' in value) return value.NS.reduce((sum, item) => sum + numberBytes(item), 0);
  if ('BS' in value) return value.BS.reduce((sum, item) => sum + base64Bytes(item), 0);
  if ('L' in value) return value.L.reduce((sum, item) => sum + 1 + attributeSize(item), 3);
  return Object.entries(value.M).reduce(
    (sum, [name, item]) => sum + 1 + utf8Bytes(name) + attributeSize(item),
    3
  );
}

/** An item's size: every attribute name in UTF-8 bytes plus its value's size. */
export function itemSize(item: Item): number {
  return Object.entries(item).reduce((sum, [name, value]) => sum + utf8Bytes(name) + attributeSize(value), 0);
}

/** The one data type of an attribute value (`S`, `N`, ...). */
export function typeOfAttribute(value: AttributeValue): (typeof TYPES)[number] {
  return Object.keys(value)[0] as (typeof TYPES)[number];
}

/** The scalar inside a key attribute, for indexing and ordering. */
export function scalarOf(value: AttributeValue): string | undefined {
  if ('S' in value) return value.S;
  if ('N' in value) return value.N;
  if ('B' in value) return value.B;
  return undefined;
}

/** Deep copy through JSON, into null-prototype maps: what goes in or out of a table shares nothing. */
export function copyItem(item: Item): Item {
  const copy = parseItem(JSON.parse(JSON.stringify(item)), 'item');
  if (isServiceErrorValue(copy)) throw new Error('copyItem: a stored item failed validation');
  return copy;
}

/** An attribute value as a plain JSON value (what a Lambda returns to its caller). */
export function toPlain(value: AttributeValue): unknown {
  if ('S' in value) return value.S;
  if ('N' in value) return Number(value.N);
  if ('B' in value) return value.B;
  if ('BOOL' in value) return value.BOOL;
  if ('NULL' in value) return null;
  if ('SS' in value) return [...value.SS];
  if ('NS' in value) return value.NS.map(Number);
  if ('BS' in value) return [...value.BS];
  if ('L' in value) return value.L.map(toPlain);
  return itemToPlain(value.M);
}

export function itemToPlain(item: Item): Record<string, unknown> {
  const plain: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(item)) plain[name] = toPlain(value);
  return plain;
}
