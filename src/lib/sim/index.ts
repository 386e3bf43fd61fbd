// The public face of the simulated cloud: the UI, scenarios and outside tests use only this.
export { createWorld, configForSeed } from './world';
export type { World, WorldOptions, Inbox } from './world';
export type { WorldConfig, DemoUser } from './config';
export type {
  TraceEntry,
  TraceDecision,
  Trace,
  ParticipantId,
  Check,
  WireRequest,
  WireResponse
} from './trace';
export type { UserPoolAdmin, UserPoolGroup, AccountView } from './services/user-pool';
export type { IdentityPoolControls, RoleMapping, MappingRule } from './services/identity-pool';
export type { CredentialStore, IssuedSession } from './services/sts';
export type { Role, RoleStore } from './iam/roles';
export { ROLE_NAMES, identityPoolTrustPolicy, roleArn } from './iam/roles';
export type { IamAdmin, IamAdminResult } from './iam/admin';
// Console changes as data, applied through the world's admin hands (scenario steps, sandbox actions).
export { applyAdminChange } from './admin';
export type { AdminChange, AdminError, AdminResult } from './admin';
// What the inspector reads from a world, as plain data that survives structuredClone (a worker posts it).
export { viewOf } from './view';
export type {
  CredentialsMachineView,
  IdentityMachineView,
  MachineView,
  SessionView,
  WorldView
} from './view';
// The one table of check ids and their labels: match a recorded check by `id`, never by its words.
export { CHECKS, isCheckId } from './checks';
export type { CheckId } from './checks';
// Reading recorded wire messages: one module for the services, the machines, the diagram and the inspector.
export {
  bareErrorCode,
  decodeXmlEntities,
  formFields,
  header,
  headerRecord,
  isFormBody,
  isJwt,
  isRecord,
  looksLikeXml,
  operationOf,
  own,
  ownString,
  parseJson,
  parseJsonObject,
  parseUrl,
  queryParameters,
  readAwsError,
  withoutBearer,
  xmlElementText
} from './wire';
export type {
  AwsError,
  ErrorProtocol,
  JsonObject,
  WireMessage,
  WireRequestLike,
  WireResponseLike
} from './wire';
// What a verifier and the IAM evaluator recorded, and the SigV4 steps an inspector may show or try again.
export type { SigV4Record, StatementRecord, ConditionRecord } from './trace';
export {
  computeSigV4,
  deriveSigningKey,
  mismatchMessage,
  parseMismatchMessage,
  SIGV4_ALGORITHM
} from './crypto/sigv4';
export type { SigningKeyChain, SigV4Details } from './crypto/sigv4';
export type { PolicyDocument, PolicyError } from './iam';
// Reading a policy as IAM would (what a learner typed), and where JSON text stops being JSON.
export { parsePolicyDocument } from './iam';
export { jsonSyntaxError, type JsonSyntaxError } from './iam/json-position';
// What each message carried and where: the trace's words for it, read back to the value it names.
export type { Carried, CarriedKind } from './trace';
export {
  carriedIn,
  carriedValue,
  inBody,
  inHeader,
  inQuery,
  parsePath,
  parseWhere,
  pathText,
  signedRequestCarries
} from './carried';
export type { PathStep, Place } from './carried';
// For the floors above: the client app signs, runs SRP and draws from the world's seeded randomness; the
// inspectors verify JWTs with the same code the services use; scenarios and the sandbox reuse key pairs.
export type { KeySource } from './crypto/keys';
export { generateKeys } from './crypto/keys';
export type { Random } from './random';
export { createRandom } from './random';
export { signRequest } from './crypto/sigv4';
export type { SigV4Credentials } from './crypto/sigv4';
export { clientComputeClaim, clientStart, formatSrpTimestamp } from './crypto/srp';
export { createJwksCache } from './crypto/jwks-cache';
export { verifyJwt, MAX_TOKEN_LENGTH } from './crypto/jwt-verify';
export type { JwtFailure, KeyResolver } from './crypto/jwt-verify';
export { passwordPolicyViolation } from './services/user-pool';
// The S3 bucket's endpoint and ARNs, for the client app and the lesson.
export { bucketArn, bucketEndpoint, objectArn } from './services/s3';
