// Reading the user pool's request members: string maps (AuthParameters, ChallengeResponses) and attribute lists.

import { serviceError, type ServiceError } from '../../http';

/**
 * A map-of-strings member as a Map (so a key such as "__proto__" is just a key). An absent member is an
 * empty map: the operation then says which entry it is missing, as Cognito does.
 */
export function stringMap(input: Record<string, unknown>, name: string): Map<string, string> | ServiceError {
  const value = input[name];
  if (value === undefined || value === null) return new Map();
  if (typeof value !== 'object' || Array.isArray(value)) {
    return serviceError(
      'SerializationException',
      `Start of structure or map found where not expected.`,
      `${name} is not a map.`
    );
  }
  const entries = new Map<string, string>();
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry !== 'string') {
      return serviceError(
        'SerializationException',
        'STRING_VALUE can not be converted to a map value',
        `${name}.${key} is not a string.`
      );
    }
    entries.set(key, entry);
  }
  return entries;
}

/** UserAttributes: [{Name, Value}] as a Map. */
export function attributeList(
  input: Record<string, unknown>,
  name: string
): Map<string, string> | ServiceError {
  const value = input[name];
  const attributes = new Map<string, string>();
  if (value === undefined || value === null) return attributes;
  if (!Array.isArray(value)) {
    return serviceError(
      'SerializationException',
      'Start of list found where not expected',
      `${name} is not a list.`
    );
  }
  for (const item of value) {
    const attribute = item as { Name?: unknown; Value?: unknown } | null;
    if (typeof attribute !== 'object' || attribute === null || typeof attribute.Name !== 'string') {
      return serviceError(
        'InvalidParameterException',
        `1 validation error detected: Value at 'userAttributes' failed to satisfy constraint: Member must not be null`,
        `An entry of ${name} has no Name.`
      );
    }
    attributes.set(attribute.Name, typeof attribute.Value === 'string' ? attribute.Value : '');
  }
  return attributes;
}
