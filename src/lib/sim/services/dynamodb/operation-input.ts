// Reading DynamoDB operation inputs: required members and the table they name, with DynamoDB's validation messages.

import type { ServiceError } from '../../http';
import { validationError } from './attribute-value';
import { resourceNotFound, type Table, type Tables } from './tables';

/** DynamoDB's message for a required member left out (its members are camel-cased in the message). */
export function missingMember(name: string): ServiceError {
  const member = name.charAt(0).toLowerCase() + name.slice(1);
  return validationError(
    `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`,
    `The request has no ${name}.`
  );
}

export function tableOf(input: Record<string, unknown>, tables: Tables): Table | ServiceError {
  const name = input.TableName;
  if (name === undefined || name === null) return missingMember('TableName');
  if (typeof name !== 'string' || name.length < 1) {
    return validationError(
      `1 validation error detected: Value '${String(name)}' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 1`
    );
  }
  return tables.get(name) ?? resourceNotFound(name);
}
