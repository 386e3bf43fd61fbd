// IAM JSON policy documents: their types, and parsing/validation into a normalised form the evaluator can trust.

/*
 * Hand-written: the simulated cloud must judge policies learners edit in the browser, and there is no
 * well-kept browser library for IAM evaluation (the simulator we cross-check against in tests,
 * @cloud-copilot/iam-simulate, is AGPL and built for Node tooling). Validation never throws: a malformed
 * document gives a `MalformedPolicyDocument` value, as IAM's CreatePolicy does.
 */

import { jsonSyntaxError, type JsonSyntaxError } from './json-position';

export type StringOrArray = string | string[];

/** Condition values as written in JSON: IAM accepts strings, numbers and booleans, alone or in an array. */
export type ConditionValue = string | number | boolean;

/** `{ "<Operator>": { "<condition key>": value | [values] } }` */
export type ConditionBlock = Record<string, Record<string, ConditionValue | ConditionValue[]>>;

export type PrincipalBlock =
  | '*'
  | {
      AWS?: StringOrArray;
      Federated?: StringOrArray;
      Service?: StringOrArray;
      CanonicalUser?: StringOrArray;
    };

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal?: PrincipalBlock;
  NotPrincipal?: PrincipalBlock;
  Action?: StringOrArray;
  NotAction?: StringOrArray;
  Resource?: StringOrArray;
  NotResource?: StringOrArray;
  Condition?: ConditionBlock;
}

export interface PolicyDocument {
  Version?: '2012-10-17' | '2008-10-17';
  Id?: string;
  Statement: PolicyStatement | PolicyStatement[];
}

/**
 * Identity policies are attached to a role; trust policies say who may assume it; resource-based policies sit on
 * a resource (a Lambda function) and say who may act on it. Trust and resource policies name a Principal.
 * A session policy is passed when a role session is created (STS's `Policy` parameter) and can only narrow
 * what the role's identity policies allow; like an identity policy it names no Principal.
 */
export type PolicyKind = 'identity' | 'trust' | 'resource' | 'session';

export type PolicyErrorCode = 'MalformedPolicyDocument';

export interface PolicyError {
  code: PolicyErrorCode;
  message: string;
  /** Index of the offending statement, when one is to blame. */
  statementIndex?: number;
  /** For text that is not JSON: where it stops being JSON (1-based) and what was wrong there. */
  syntax?: JsonSyntaxError;
}

export type SetOperator = 'ForAllValues' | 'ForAnyValue';

export type BaseOperator =
  | 'StringEquals'
  | 'StringNotEquals'
  | 'StringEqualsIgnoreCase'
  | 'StringNotEqualsIgnoreCase'
  | 'StringLike'
  | 'StringNotLike'
  | 'NumericEquals'
  | 'NumericNotEquals'
  | 'NumericLessThan'
  | 'NumericLessThanEquals'
  | 'NumericGreaterThan'
  | 'NumericGreaterThanEquals'
  | 'DateEquals'
  | 'DateNotEquals'
  | 'DateLessThan'
  | 'DateLessThanEquals'
  | 'DateGreaterThan'
  | 'DateGreaterThanEquals'
  | 'Bool'
  | 'BinaryEquals'
  | 'IpAddress'
  | 'NotIpAddress'
  | 'ArnEquals'
  | 'ArnNotEquals'
  | 'ArnLike'
  | 'ArnNotLike'
  | 'Null';

export const BASE_OPERATORS: readonly BaseOperator[] = [
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'NumericEquals',
  'NumericNotEquals',
  'NumericLessThan',
  'NumericLessThanEquals',
  'NumericGreaterThan',
  'NumericGreaterThanEquals',
  'DateEquals',
  'DateNotEquals',
  'DateLessThan',
  'DateLessThanEquals',
  'DateGreaterThan',
  'DateGreaterThanEquals',
  'Bool',
  'BinaryEquals',
  'IpAddress',
  'NotIpAddress',
  'ArnEquals',
  'ArnNotEquals',
  'ArnLike',
  'ArnNotLike',
  'Null'
];

/** One `operator → key → values` entry of a Condition block, with the operator taken apart. */
export interface NormalizedCondition {
  /** As written, e.g. `ForAllValues:StringEqualsIfExists`. */
  operator: string;
  set?: SetOperator;
  base: BaseOperator;
  ifExists: boolean;
  /** As written; matched against the request context case-insensitively. */
  key: string;
  values: string[];
}

export type NormalizedPrincipal =
  '*' | { type: 'AWS' | 'Federated' | 'Service' | 'CanonicalUser'; ids: string[] }[];

export interface NormalizedStatement {
  index: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
  /** Exactly one of action/notAction is set. */
  action?: string[];
  notAction?: string[];
  resource?: string[];
  notResource?: string[];
  principal?: NormalizedPrincipal;
  notPrincipal?: NormalizedPrincipal;
  conditions: NormalizedCondition[];
}

export interface NormalizedPolicy {
  /** `${...}` policy variables are only substituted in version 2012-10-17 documents. */
  version: '2012-10-17' | '2008-10-17';
  statements: NormalizedStatement[];
}

export type ParseResult = { ok: true; policy: NormalizedPolicy } | { ok: false; error: PolicyError };

const STATEMENT_FIELDS = new Set([
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition'
]);
const DOCUMENT_FIELDS = new Set(['Version', 'Id', 'Statement']);
const PRINCIPAL_TYPES = ['AWS', 'Federated', 'Service', 'CanonicalUser'] as const;

class Malformed extends Error {
  constructor(
    message: string,
    readonly statementIndex?: number
  ) {
    super(message);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringList(value: unknown, field: string, index: number): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) throw new Malformed(`${field} must not be an empty list.`, index);
  for (const item of list) {
    if (typeof item !== 'string' || item === '') {
      throw new Malformed(`${field} must be a string or a list of strings.`, index);
    }
  }
  return list as string[];
}

function parseOperator(operator: string): Pick<NormalizedCondition, 'set' | 'base' | 'ifExists'> | undefined {
  let rest = operator;
  let set: SetOperator | undefined;
  for (const prefix of ['ForAllValues', 'ForAnyValue'] as const) {
    if (rest.startsWith(prefix + ':')) {
      set = prefix;
      rest = rest.slice(prefix.length + 1);
    }
  }
  let ifExists = false;
  if (rest.endsWith('IfExists')) {
    ifExists = true;
    rest = rest.slice(0, -'IfExists'.length);
  }
  const base = BASE_OPERATORS.find((name) => name === rest);
  // "You can use ...IfExists with any condition operator except the Null condition" (IAM guide).
  if (base === undefined || (base === 'Null' && (ifExists || set !== undefined))) return undefined;
  return { set, base, ifExists };
}

function parseConditions(value: unknown, index: number): NormalizedCondition[] {
  if (!isRecord(value)) throw new Malformed('Condition must be an object of operators.', index);
  const conditions: NormalizedCondition[] = [];
  for (const [operator, block] of Object.entries(value)) {
    const parsed = parseOperator(operator);
    if (parsed === undefined) throw new Malformed(`Invalid Condition type : ${operator}.`, index);
    if (!isRecord(block)) {
      throw new Malformed(`Condition ${operator} must map condition keys to values.`, index);
    }
    for (const [key, raw] of Object.entries(block)) {
      // "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc." (IAM's own message).
      if (!/^[^:\s]+:\S+$/.test(key)) {
        throw new Malformed(
          'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.',
          index
        );
      }
      const list = Array.isArray(raw) ? raw : [raw];
      const values: string[] = [];
      for (const item of list) {
        if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') {
          values.push(String(item));
        } else {
          throw new Malformed(`Condition values for ${key} must be strings, numbers or booleans.`, index);
        }
      }
      if (values.length === 0) throw new Malformed(`Condition ${operator} on ${key} has no values.`, index);
      conditions.push({ operator, ...parsed, key, values });
    }
  }
  return conditions;
}

function parsePrincipal(value: unknown, field: string, index: number): NormalizedPrincipal {
  if (value === '*') return '*';
  if (!isRecord(value))
    throw new Malformed(`Invalid principal in policy: ${field} must be "*" or an object.`, index);
  const entries: { type: (typeof PRINCIPAL_TYPES)[number]; ids: string[] }[] = [];
  for (const [type, ids] of Object.entries(value)) {
    const known = PRINCIPAL_TYPES.find((name) => name === type);
    if (known === undefined) throw new Malformed(`Invalid principal in policy: "${type}"`, index);
    entries.push({ type: known, ids: stringList(ids, `${field}.${type}`, index) });
  }
  if (entries.length === 0) throw new Malformed('Invalid principal in policy', index);
  return entries;
}

function parseStatement(value: unknown, index: number, kind: PolicyKind): NormalizedStatement {
  if (!isRecord(value)) throw new Malformed('Each Statement must be an object.', index);
  for (const field of Object.keys(value)) {
    if (!STATEMENT_FIELDS.has(field)) throw new Malformed(`Unknown field ${field}`, index);
  }
  const { Sid, Effect } = value;
  if (Effect === undefined) throw new Malformed('Missing required field Effect', index);
  // "The Effect value is case sensitive" (IAM guide): only Allow or Deny.
  if (Effect !== 'Allow' && Effect !== 'Deny')
    throw new Malformed(`Invalid effect: ${String(Effect)}`, index);
  if (Sid !== undefined && (typeof Sid !== 'string' || !/^[A-Za-z0-9]*$/.test(Sid))) {
    throw new Malformed(
      'Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*',
      index
    );
  }
  const statement: NormalizedStatement = { index, effect: Effect, conditions: [] };
  if (typeof Sid === 'string') statement.sid = Sid;

  if (value.Action !== undefined && value.NotAction !== undefined) {
    throw new Malformed('A statement cannot contain both Action and NotAction.', index);
  }
  if (value.Action === undefined && value.NotAction === undefined) {
    throw new Malformed('Policy statement must contain actions.', index);
  }
  const actions = stringList(value.Action ?? value.NotAction, value.Action ? 'Action' : 'NotAction', index);
  for (const action of actions) {
    if (action !== '*' && !/^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$/.test(action)) {
      throw new Malformed(
        'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.',
        index
      );
    }
  }
  if (value.Action !== undefined) statement.action = actions;
  else statement.notAction = actions;

  if (value.Resource !== undefined && value.NotResource !== undefined) {
    throw new Malformed('A statement cannot contain both Resource and NotResource.', index);
  }
  if (value.Resource !== undefined) statement.resource = stringList(value.Resource, 'Resource', index);
  else if (value.NotResource !== undefined) {
    statement.notResource = stringList(value.NotResource, 'NotResource', index);
  } else if (kind !== 'trust') {
    // A trust policy's resource is the role itself; every other policy names what it governs.
    throw new Malformed('Policy statement must contain resources.', index);
  }

  if (value.Principal !== undefined && value.NotPrincipal !== undefined) {
    throw new Malformed('A statement cannot contain both Principal and NotPrincipal.', index);
  }
  const hasPrincipal = value.Principal !== undefined || value.NotPrincipal !== undefined;
  // An identity policy's principal is whoever it is attached to; naming one is an error in IAM.
  const principalless = kind === 'identity' || kind === 'session';
  if (principalless && hasPrincipal) {
    throw new Malformed('Policy document should not specify a principal.', index);
  }
  if (!principalless && !hasPrincipal) throw new Malformed('Missing required field Principal', index);
  if (value.Principal !== undefined)
    statement.principal = parsePrincipal(value.Principal, 'Principal', index);
  if (value.NotPrincipal !== undefined) {
    statement.notPrincipal = parsePrincipal(value.NotPrincipal, 'NotPrincipal', index);
  }

  if (value.Condition !== undefined) statement.conditions = parseConditions(value.Condition, index);
  return statement;
}

/**
 * Parses a policy document (an object, or JSON text as typed by a learner) and checks it the way IAM does
 * before accepting it. Never throws.
 */
export function parsePolicyDocument(input: unknown, kind: PolicyKind = 'identity'): ParseResult {
  try {
    let document = input;
    if (typeof input === 'string') {
      try {
        document = JSON.parse(input);
      } catch {
        // IAM's own words say only that; where the text broke is ours, for the learner's editor.
        const syntax = jsonSyntaxError(input);
        return {
          ok: false,
          error: {
            code: 'MalformedPolicyDocument',
            message: 'Syntax errors in policy.',
            ...(syntax === undefined ? {} : { syntax })
          }
        };
      }
    }
    if (!isRecord(document)) throw new Malformed('Syntax errors in policy.');
    for (const field of Object.keys(document)) {
      if (!DOCUMENT_FIELDS.has(field)) throw new Malformed(`Unknown field ${field}`);
    }
    const { Version, Statement } = document;
    let version: NormalizedPolicy['version'];
    // Without a Version, IAM uses 2008-10-17, where `${...}` is literal text.
    if (Version === undefined || Version === '2008-10-17') version = '2008-10-17';
    else if (Version === '2012-10-17') version = Version;
    else throw new Malformed(`The policy failed legacy parsing: unknown Version "${String(Version)}".`);
    if (Statement === undefined) throw new Malformed('Missing required field Statement');
    const list = Array.isArray(Statement) ? Statement : [Statement];
    if (list.length === 0) throw new Malformed('Policy must contain at least one statement.');
    const statements = list.map((statement, index) => parseStatement(statement, index, kind));
    return { ok: true, policy: { version, statements } };
  } catch (error) {
    if (error instanceof Malformed) {
      const result: PolicyError = { code: 'MalformedPolicyDocument', message: error.message };
      if (error.statementIndex !== undefined) result.statementIndex = error.statementIndex;
      return { ok: false, error: result };
    }
    // Anything else is a bug in this file; still report it as a value rather than crash the page.
    return {
      ok: false,
      error: { code: 'MalformedPolicyDocument', message: `The policy could not be read: ${String(error)}` }
    };
  }
}
