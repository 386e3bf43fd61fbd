// GetCredentialsForIdentity (enhanced flow): pick the role, then get credentials from STS on the caller's behalf.

import { carriedIn, inBody } from '../../../carried';
import type { ServiceError } from '../../../http';
import type { ExchangeContext } from '../../../service';
import { headerRecord, readAwsError, xmlElementText } from '../../../wire';
import { identityPoolErrors } from '../errors';
import { GUEST_SESSION_POLICY } from '../guest-session-policy';
import { authorizeIdentity, type IdentityPoolState } from '../pool-state';
import { resolveRole, type MappingWork, type RoleMapping } from '../role-mapping';

/** Enhanced-flow credentials last one hour. */
export const ENHANCED_FLOW_DURATION_SECONDS = 3600;

/** The session name Cognito uses: it appears in `assumed-role/{Role}/CognitoIdentityCredentials`. */
export const COGNITO_SESSION_NAME = 'CognitoIdentityCredentials';

export interface CredentialsOutput {
  IdentityId: string;
  /** JSON 1.1 timestamps are epoch seconds. */
  Credentials: { AccessKeyId: string; SecretKey: string; SessionToken: string; Expiration: number };
}

/**
 * What a configured role mapping looked at, as checks: the mapping itself, then the token's roles (Token) or each
 * rule tried in order (Rules). Recorded only where a mapping exists, so the inspector reads why, never redoes it.
 */
function recordMappingWork(
  ctx: ExchangeContext,
  key: string,
  mapping: RoleMapping,
  work: MappingWork | undefined
): void {
  ctx.check(
    'identity-pool.role-mapping',
    true,
    `${mapping.Type} mapping for ${key}; AmbiguousRoleResolution ${mapping.AmbiguousRoleResolution}`
  );
  if (work?.type === 'Token') {
    const named = work.preferredRole !== undefined || work.roles.length === 1;
    ctx.check(
      'identity-pool.token-role',
      named,
      `cognito:preferred_role ${work.preferredRole ?? '(absent)'}; cognito:roles ${JSON.stringify(work.roles)}`
    );
  } else if (work?.type === 'Rules') {
    for (const { index, rule, values, matched } of work.tried) {
      ctx.check(
        'identity-pool.role-rule',
        matched,
        `rule ${index + 1}: ${rule.Claim} ${rule.MatchType} ${JSON.stringify(rule.Value)} → ${rule.RoleARN} (the token's ${rule.Claim}: ${values.length === 0 ? 'absent' : JSON.stringify(values)})`
      );
    }
  }
}

export async function getCredentialsForIdentity(
  pool: IdentityPoolState,
  input: Record<string, unknown>,
  ctx: ExchangeContext
): Promise<CredentialsOutput | ServiceError> {
  const authorized = await authorizeIdentity(pool, input, ctx);
  if ('kind' in authorized) return authorized;
  const { identity, logins, amr } = authorized;
  const identityId = identity.getSnapshot().context.identityId;

  let roleArn = pool.settings.unauthenticatedRoleArn;
  const first = logins[0];
  if (first !== undefined) {
    // Role mappings are keyed by provider and, for a user pool, the app client: `{Logins key}:{appClientId}`.
    const mappingKey =
      pool.providers.find((provider) => provider.name === first.provider)?.roleMappingKey ?? first.provider;
    const mapping = pool.settings.roleMappings.get(mappingKey);
    const resolution = resolveRole(mapping, first.claims, pool.settings.authenticatedRoleArn);
    if (mapping !== undefined) recordMappingWork(ctx, mappingKey, mapping, resolution.work);
    ctx.check(
      'identity-pool.role-chosen',
      resolution.ok,
      resolution.ok ? `${resolution.roleArn}: ${resolution.how}` : resolution.reason
    );
    if (!resolution.ok) return identityPoolErrors.ambiguousRoleDenied(first.provider, resolution.reason);
    roleArn = resolution.roleArn;
  } else {
    ctx.check('identity-pool.role-chosen', true, `${roleArn}: the unauthenticated (guest) role`);
  }

  // The enhanced flow in full: Cognito mints its own OpenID token for the identity and presents it to STS,
  // exactly as an app would in the basic flow. STS then checks the role's trust policy against its claims.
  const now = ctx.clock.now();
  const { token } = await pool.openId.mint(identityId, amr, now);
  const form = new URLSearchParams({
    Action: 'AssumeRoleWithWebIdentity',
    Version: '2011-06-15',
    RoleArn: roleArn,
    RoleSessionName: COGNITO_SESSION_NAME,
    WebIdentityToken: token,
    DurationSeconds: String(ENHANCED_FLOW_DURATION_SECONDS)
  });
  // A guest's session is scoped down: Cognito passes its managed session policy, so the guest may do only what
  // both the guest role and that policy allow (no DynamoDB at all). Signed-in identities get the role alone.
  if (first === undefined) form.set('Policy', JSON.stringify(GUEST_SESSION_POLICY));
  const answer = await ctx.fetch(
    new Request('https://sts.amazonaws.com/', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: form.toString()
    }),
    { carries: [carriedIn('request', 'openid-token', inBody('WebIdentityToken'))] }
  );
  const xml = await answer.text();
  if (!answer.ok) {
    const refusal = readAwsError({ status: answer.status, headers: headerRecord(answer.headers), body: xml });
    const code = refusal?.code ?? `HTTP ${answer.status}`;
    const message = refusal?.message ?? '';
    ctx.check('identity-pool.sts-credentials', false, `${code}: ${message}`);
    // What AWS answers when it cannot assume the role, whatever STS said (see errors.ts for the source).
    return identityPoolErrors.invalidConfiguration(
      `STS refused to let the identity pool assume ${roleArn} (${code}: ${message}). Usually the role's trust policy does not trust this identity pool, or not for this kind of identity (amr ${JSON.stringify(amr)}).`
    );
  }
  const accessKeyId = xmlElementText(xml, 'AccessKeyId');
  const secretKey = xmlElementText(xml, 'SecretAccessKey');
  const sessionToken = xmlElementText(xml, 'SessionToken');
  const expiration = xmlElementText(xml, 'Expiration');
  if (
    accessKeyId === undefined ||
    secretKey === undefined ||
    sessionToken === undefined ||
    expiration === undefined
  ) {
    throw new Error('STS answered 200 without complete Credentials');
  }
  ctx.check('identity-pool.sts-credentials', true, `${accessKeyId} for ${roleArn}`);
  identity.send({ type: 'USED', at: now });
  ctx.carry(carriedIn('response', 'aws-credentials', inBody('Credentials')));
  return {
    IdentityId: identityId,
    // Note the member name: SecretKey here, SecretAccessKey in STS's answer.
    Credentials: {
      AccessKeyId: accessKeyId,
      SecretKey: secretKey,
      SessionToken: sessionToken,
      Expiration: Math.floor(Date.parse(expiration) / 1000)
    }
  };
}
