// Public entry of the simulated IAM: policy types and parsing, policy evaluation, trust policy evaluation, decision records.
export {
  parsePolicyDocument,
  type ConditionBlock,
  type ConditionValue,
  type NormalizedCondition,
  type NormalizedPolicy,
  type NormalizedStatement,
  type ParseResult,
  type PolicyDocument,
  type PolicyError,
  type PolicyErrorCode,
  type PolicyKind,
  type PolicyStatement,
  type PrincipalBlock,
  type StringOrArray
} from './policy';
export {
  COGNITO_IDENTITY_PRINCIPAL,
  evaluatePolicies,
  evaluateResourcePolicy,
  evaluateSessionPolicy,
  evaluateTrustPolicy,
  type Decision,
  type DecidingStatement,
  type Effect,
  type EvaluationRequest,
  type NamedPolicy,
  type ResourcePolicyEvaluationRequest,
  type SessionPolicyEvaluationRequest,
  type StatementTrace,
  type TrustEvaluationRequest,
  type TrustPrincipal,
  type ComparedPart
} from './evaluate';
export { decisionRecord, type EvaluatedRequest } from './record';
export type { ConditionTrace } from './conditions';
export type { RequestContext } from './variables';
