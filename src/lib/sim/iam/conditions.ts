// IAM condition operators: how one `operator → key → values` entry of a Condition block is judged.

import type { BaseOperator, NormalizedCondition } from './policy';
import { expandVariables, wildcardMatch, type ContextView, type ExpandedPattern } from './variables';

export interface ConditionTrace {
  operator: string;
  key: string;
  /** The policy's values after variable substitution. */
  values: string[];
  /** What the request context held for the key (`undefined`: absent). */
  contextValues?: string[];
  result: boolean;
  /** Plain-words account of the outcome, for learners. */
  note: string;
  /** Set when a policy variable in the values could not be resolved. */
  unresolved?: string;
}

/** Negated operators and the positive test they negate. */
const NEGATION: Partial<Record<BaseOperator, BaseOperator>> = {
  StringNotEquals: 'StringEquals',
  StringNotEqualsIgnoreCase: 'StringEqualsIgnoreCase',
  StringNotLike: 'StringLike',
  NumericNotEquals: 'NumericEquals',
  DateNotEquals: 'DateEquals',
  NotIpAddress: 'IpAddress',
  ArnNotEquals: 'ArnEquals',
  ArnNotLike: 'ArnLike'
};

function number(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/** Dates are ISO 8601 or epoch seconds ("DateEquals ... 2020-01-01T00:00:01Z" / "1577836801", IAM guide). */
function date(text: string): number | undefined {
  if (/^-?\d+(\.\d+)?$/.test(text.trim())) return Number(text) * 1000;
  const value = Date.parse(text);
  return Number.isNaN(value) ? undefined : value;
}

function ipv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    value = value * 256 + Number(part);
  }
  return value;
}

/** IPv4 only; an IPv6 address or range never matches here (documented limit of the simulation). */
function inCidr(address: string, range: string): boolean {
  const [base = '', bitsText = '32'] = range.split('/');
  const bits = Number(bitsText);
  const ip = ipv4(address);
  const network = ipv4(base);
  if (ip === undefined || network === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32)
    return false;
  const size = 2 ** (32 - bits);
  return Math.floor(ip / size) === Math.floor(network / size);
}

function compare(
  a: number | undefined,
  b: number | undefined,
  test: (x: number, y: number) => boolean
): boolean {
  return a !== undefined && b !== undefined && test(a, b);
}

/** The positive test of one request value against one policy value. */
function positiveTest(base: BaseOperator, actual: string, expected: ExpandedPattern): boolean {
  const wanted = expected.text;
  switch (base) {
    case 'StringEquals':
    case 'BinaryEquals':
      return actual === wanted;
    case 'StringEqualsIgnoreCase':
      return actual.toLowerCase() === wanted.toLowerCase();
    case 'StringLike':
      return wildcardMatch(expected, actual);
    case 'ArnEquals':
    case 'ArnLike':
      // "ArnEquals and ArnLike behave identically" in IAM: both accept wildcards per ARN component.
      return wildcardMatch(expected, actual, { arnComponents: true });
    case 'Bool':
      return actual.toLowerCase() === wanted.toLowerCase();
    case 'NumericEquals':
      return compare(number(actual), number(wanted), (x, y) => x === y);
    case 'NumericLessThan':
      return compare(number(actual), number(wanted), (x, y) => x < y);
    case 'NumericLessThanEquals':
      return compare(number(actual), number(wanted), (x, y) => x <= y);
    case 'NumericGreaterThan':
      return compare(number(actual), number(wanted), (x, y) => x > y);
    case 'NumericGreaterThanEquals':
      return compare(number(actual), number(wanted), (x, y) => x >= y);
    case 'DateEquals':
      return compare(date(actual), date(wanted), (x, y) => x === y);
    case 'DateLessThan':
      return compare(date(actual), date(wanted), (x, y) => x < y);
    case 'DateLessThanEquals':
      return compare(date(actual), date(wanted), (x, y) => x <= y);
    case 'DateGreaterThan':
      return compare(date(actual), date(wanted), (x, y) => x > y);
    case 'DateGreaterThanEquals':
      return compare(date(actual), date(wanted), (x, y) => x >= y);
    case 'IpAddress':
      return inCidr(actual, wanted);
    default:
      return false;
  }
}

function describeValues(values: string[] | undefined): string {
  if (values === undefined) return 'absent';
  return values.map((value) => JSON.stringify(value)).join(', ');
}

/** Judges one condition entry against the request context. */
export function evaluateCondition(
  condition: NormalizedCondition,
  context: ContextView,
  variablesEnabled: boolean,
  resolved: Record<string, string>
): ConditionTrace {
  const { operator, key, base, set, ifExists } = condition;
  const contextValues = context.values(key);
  const trace = (result: boolean, note: string, shown: string[] = condition.values): ConditionTrace => {
    const out: ConditionTrace = { operator, key, values: shown, result, note };
    if (contextValues !== undefined) out.contextValues = contextValues;
    return out;
  };

  // "Null": true means the key must be absent, false that it must be present. Several values are ORed.
  if (base === 'Null') {
    const result = condition.values.some((value) =>
      value.toLowerCase() === 'true'
        ? contextValues === undefined
        : value.toLowerCase() === 'false' && contextValues !== undefined
    );
    return trace(result, `${key} is ${contextValues === undefined ? 'absent' : 'present'} in the request.`);
  }

  // Variables are resolved before anything else: an unresolvable one invalidates the statement even where the
  // key's absence would otherwise decide ("If AWS cannot resolve a variable this might cause the entire
  // statement to be invalid", IAM guide). This fails closed.
  const patterns: ExpandedPattern[] = [];
  for (const value of condition.values) {
    const expansion = expandVariables(value, variablesEnabled, context, resolved);
    if (!expansion.ok) {
      const out = trace(
        false,
        `The policy variable \${${expansion.unresolved}} has no value in this request, so the statement cannot apply.`
      );
      out.unresolved = expansion.unresolved;
      return out;
    }
    patterns.push(expansion.pattern);
  }
  const values = patterns.map((pattern) => pattern.text);
  if (contextValues === undefined) {
    if (ifExists)
      return trace(true, `${key} is absent, and ...IfExists makes an absent key count as a match.`, values);
    // The Scan pitfall: "ForAllValues" is true of an empty set, so a request without the key passes.
    if (set === 'ForAllValues') {
      return trace(
        true,
        `${key} is absent, and ForAllValues is true when there are no values to check ("every one of nothing matches").` +
          (key.toLowerCase() === 'dynamodb:leadingkeys'
            ? ' A DynamoDB Scan sends no LeadingKeys, so this condition lets it read every partition.'
            : ''),
        values
      );
    }
    if (set === 'ForAnyValue')
      return trace(false, `${key} is absent, so ForAnyValue finds no value that matches.`, values);
    // "If the policy condition requires that the key is not matched, such as StringNotLike or ArnNotLike, and
    // the right key is not present, the condition is true" (IAM guide).
    const negated = NEGATION[base] !== undefined;
    return trace(
      negated,
      negated
        ? `${key} is absent, and a negated operator (${base}) counts an absent key as "not equal".`
        : `${key} is absent from the request, so ${base} cannot match.`,
      values
    );
  }

  const positive = NEGATION[base] ?? base;
  const negated = positive !== base;
  // Several policy values are ORed; a negated operator requires that none of them matches.
  const matchOne = (actual: string): boolean => {
    const any = patterns.some((pattern) => positiveTest(positive, actual, pattern));
    return negated ? !any : any;
  };

  let result: boolean;
  let note: string;
  if (set === 'ForAllValues') {
    result = contextValues.every(matchOne);
    note = result
      ? `Every value of ${key} (${describeValues(contextValues)}) satisfies ${base} ${describeValues(values)}.`
      : `Not every value of ${key} (${describeValues(contextValues)}) satisfies ${base} ${describeValues(values)}.`;
  } else if (set === 'ForAnyValue') {
    result = contextValues.some(matchOne);
    note = result
      ? `At least one value of ${key} (${describeValues(contextValues)}) satisfies ${base} ${describeValues(values)}.`
      : `No value of ${key} (${describeValues(contextValues)}) satisfies ${base} ${describeValues(values)}.`;
  } else {
    // A single-valued operator on a multivalued key: we accept if any value matches (positive operators) or
    // if no value matches (negated ones). IAM advises ForAnyValue/ForAllValues for multivalued keys instead.
    result = negated ? contextValues.every(matchOne) : contextValues.some(matchOne);
    note = `${key} is ${describeValues(contextValues)}; ${base} ${describeValues(values)} is ${result}.`;
  }
  return trace(result, note, values);
}
