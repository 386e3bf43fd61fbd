// Temporary credentials a service holds for a role it runs as (a Lambda's execution role), renewed when they expire.

/*
 * In AWS the Lambda service assumes the function's execution role with STS behind the scenes and hands
 * the function AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN. That exchange is inside
 * AWS and never passes through the app's fetch, so it is not in the trace; the credentials it yields are
 * real entries of the credential store, which DynamoDB checks like any others.
 */

import { signRequest, type SigV4Credentials } from '../../crypto/sigv4';
import type { ServiceEnv } from '../../service';
import type { IssuedSession } from './credential-store';

/** How long an execution-role session lasts here (Lambda renews its credentials well before they expire). */
const SESSION_SECONDS = 3600;

export interface RoleSession {
  /** Valid credentials for the role at the world's current time, renewed when the old ones have expired. */
  current(): IssuedSession;
  /** Signs an AWS request (SigV4) with the current credentials, for the service named by the URL's host. */
  sign(request: Request): Promise<Request>;
}

export function createRoleSession(
  env: Pick<ServiceEnv, 'roles' | 'credentials' | 'clock' | 'config'>,
  options: { roleArn: string; sessionName: string }
): RoleSession {
  let session: IssuedSession | undefined;
  const current = (): IssuedSession => {
    if (session === undefined || env.clock.now() >= session.expiration) {
      const role = env.roles.get(options.roleArn);
      if (!role) throw new Error(`role session: no role ${options.roleArn}`);
      session = env.credentials.issue({
        roleArn: role.arn,
        roleName: role.roleName,
        roleId: role.roleId,
        sessionName: options.sessionName,
        durationSeconds: SESSION_SECONDS,
        variables: {}
      });
    }
    return session;
  };
  return {
    current,
    async sign(request) {
      const { accessKeyId, secretAccessKey, sessionToken } = current();
      const credentials: SigV4Credentials = { accessKeyId, secretAccessKey, sessionToken };
      // `dynamodb.us-east-1.amazonaws.com` → service `dynamodb`: the signing scope names the service.
      const service = new URL(request.url).host.split('.')[0] ?? '';
      const { request: signed } = await signRequest(request, credentials, {
        region: env.config.region,
        service,
        now: env.clock.now()
      });
      return signed;
    }
  };
}
