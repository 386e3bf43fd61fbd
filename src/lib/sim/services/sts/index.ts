// The simulated AWS STS: AssumeRoleWithWebIdentity, and the store of the temporary credentials it issues.
export { createSts, STS_ENDPOINT } from './sts';
export type { WebIdentityProvider } from './assume-role-with-web-identity';
export { createCredentialStore } from './credential-store';
export type { CredentialStore, IssuedSession, IssueRequest } from './credential-store';
export { escapeXml, STS_XMLNS, STS_VERSION } from './query';
export { createRoleSession } from './role-sessions';
export type { RoleSession } from './role-sessions';
