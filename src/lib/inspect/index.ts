// Public entry of the inspectors: pure explanations of what each traced message carried, for the UI to render.
export { inspectHttp } from './inspect-http';
export type {
  BodyView,
  ErrorEnvelope,
  HeaderView,
  HttpInspection,
  HttpRequestView,
  HttpResponseView,
  UrlView
} from './inspect-http';
export { findTokens, type FoundToken } from './find-tokens';
export { findJwks, type FoundJwks } from './find-jwks';
export { inspectJwt } from './inspect-jwt';
export type {
  ChecklistItem,
  ChecklistItemId,
  ClaimView,
  DecodedJwtInspection,
  JwtExpectation,
  JwtInspection,
  JwtInspectionContext,
  JwtVerificationView,
  TokenKind,
  UndecodedJwtInspection
} from './inspect-jwt';
export { compareTokens, type TokenComparison, type TokenComparisonRow } from './compare-tokens';
export { inspectCredentials } from './inspect-credentials';
export type {
  AccessKeyKind,
  CredentialsInspection,
  CredentialsInspectionOptions,
  CredentialsRecord,
  RoleChoice,
  RoleEvidence,
  RoleWhy
} from './inspect-credentials';
export { inspectSigV4 } from './inspect-sigv4';
export type {
  LabelledLine,
  ParsedAuthorizationView,
  SignedRequestView,
  SigV4Inspection,
  SigV4InspectionOptions,
  UnsignedRequestView
} from './inspect-sigv4';
export { firstDifference, type LineDifference } from './first-difference';
export { inspectDecision } from './inspect-decision';
export type {
  ConditionView,
  DecisionInspection,
  DecisionView,
  PolicyView,
  RoleSource,
  StatementRole,
  StatementView,
  VariableView
} from './inspect-decision';
export type { CheckRow, LineRange, Mark, Row } from './types';
