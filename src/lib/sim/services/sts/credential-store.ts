// The credentials STS has issued, by access key id: what DynamoDB checks signatures against and evaluates IAM with.

/*
 * Shared internal state, not a wire call: in AWS the services that receive a signed request resolve the access
 * key inside AWS. STS writes here when it mints credentials; DynamoDB reads `lookup` (it fits verifySigV4's
 * `lookupCredentials`) and takes the role and the session's policy variables from the same record.
 */

import { startCredentials, type CredentialsActor } from './credentials';
import type { Clock } from '../../clock';
import type { PolicyDocument } from '../../iam/policy';
import type { RequestContext } from '../../iam/variables';
import { UPPER_ALPHANUMERIC, type Random } from '../../random';
import type { StoredCredentials } from '../../crypto/sigv4';

/** The base64 alphabet AWS secret access keys are drawn from. */
const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export interface IssuedSession extends StoredCredentials {
  /** `ASIA` + 16 characters: the `ASIA` prefix marks temporary credentials (long-term keys start `AKIA`). */
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** Epoch ms. */
  expiration: number;
  issuedAt: number;
  roleArn: string;
  roleName: string;
  /** `arn:aws:sts::{account}:assumed-role/{Role}/{session}`: who AccessDenied messages name. */
  assumedRoleArn: string;
  /** `{RoleId}:{session}` */
  assumedRoleId: string;
  sessionName: string;
  /**
   * The policy variables and condition keys of the session, e.g. `cognito-identity.amazonaws.com:sub` (the
   * identity id), `:aud` (the identity pool id) and `:amr`. Policies that say `${cognito-identity.amazonaws.com:sub}`
   * resolve it from here.
   */
  variables: RequestContext;
  /**
   * The session policy passed to STS as `Policy` when the session was created, if any: the session may do only
   * what both the role's policies and this document allow. Cognito passes its scope-down policy for guests.
   */
  sessionPolicy?: PolicyDocument;
  /** The credentials' lifecycle (valid → expired), for the UI. */
  lifecycle: CredentialsActor;
}

export interface IssueRequest {
  roleArn: string;
  roleName: string;
  roleId: string;
  sessionName: string;
  durationSeconds: number;
  variables: RequestContext;
  sessionPolicy?: PolicyDocument;
}

export interface CredentialStore {
  /** Mints and records fresh temporary credentials for a role session. */
  issue(request: IssueRequest): IssuedSession;
  /** The session behind an access key id (Map lookup), with its lifecycle brought up to the world's time. */
  lookup(accessKeyId: string): IssuedSession | undefined;
  /** The session a session token was issued with: AWS reads a token's expiry from the token, before the key. */
  lookupSessionToken(sessionToken: string): IssuedSession | undefined;
  all(): readonly IssuedSession[];
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export function createCredentialStore(deps: {
  random: Random;
  clock: Clock;
  accountId: string;
}): CredentialStore {
  const { random, clock, accountId } = deps;
  const sessions = new Map<string, IssuedSession>();
  const byToken = new Map<string, IssuedSession>();

  return {
    issue(request) {
      let accessKeyId = `ASIA${random.pick(UPPER_ALPHANUMERIC, 16)}`;
      while (sessions.has(accessKeyId)) accessKeyId = `ASIA${random.pick(UPPER_ALPHANUMERIC, 16)}`;
      const issuedAt = clock.now();
      // STS expirations are whole seconds.
      const expiration = Math.floor(issuedAt / 1000) * 1000 + request.durationSeconds * 1000;
      // Real session tokens are long opaque blobs (several hundred base64 characters); this one is, too.
      const sessionToken = `IQoJb3JpZ2luX2VjE${toBase64(random.bytes(624))}`;
      const session: IssuedSession = {
        accessKeyId,
        secretAccessKey: random.pick(SECRET_ALPHABET, 40),
        sessionToken,
        expiration,
        issuedAt,
        roleArn: request.roleArn,
        roleName: request.roleName,
        assumedRoleArn: `arn:aws:sts::${accountId}:assumed-role/${request.roleName}/${request.sessionName}`,
        assumedRoleId: `${request.roleId}:${request.sessionName}`,
        sessionName: request.sessionName,
        variables: { ...request.variables },
        ...(request.sessionPolicy === undefined ? {} : { sessionPolicy: request.sessionPolicy }),
        lifecycle: startCredentials({ accessKeyId, roleArn: request.roleArn, issuedAt, expiration })
      };
      sessions.set(accessKeyId, session);
      byToken.set(sessionToken, session);
      return session;
    },
    lookup(accessKeyId) {
      const session = sessions.get(accessKeyId);
      session?.lifecycle.send({ type: 'CLOCK', now: clock.now() });
      return session;
    },
    // Read-only: the expiry is read from the record; `lookup` brings the lifecycle up to the world's time.
    lookupSessionToken: (sessionToken) => byToken.get(sessionToken),
    all: () => [...sessions.values()]
  };
}
