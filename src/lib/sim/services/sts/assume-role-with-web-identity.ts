// STS AssumeRoleWithWebIdentity: verify a web identity token, check the role's trust policy, mint temporary credentials.

import { decodeJwt } from 'jose';
import { verifyJwt, type KeyResolver } from '../../crypto/jwt-verify';
import type { ServiceError } from '../../http';
import { evaluateTrustPolicy } from '../../iam/evaluate';
import { parsePolicyDocument, type PolicyDocument } from '../../iam/policy';
import { decisionRecord } from '../../iam/record';
import type { RoleStore } from '../../iam/roles';
import type { RequestContext } from '../../iam/variables';
import type { ExchangeContext } from '../../service';
import type { CredentialStore } from './credential-store';
import { stsErrors } from './errors';
import type { XmlNode } from './query';

/**
 * An identity provider STS trusts without an IAM OIDC provider being registered: the Cognito identity
 * pool (`cognito-identity.amazonaws.com`) is built in, so STS checks its tokens with AWS's own key (an
 * internal key handle) instead of fetching a JWKS over the Internet. That is also why the enhanced flow's
 * trace shows identity-pool → sts and nothing further.
 */
export interface WebIdentityProvider {
  /** The `iss` of the provider's tokens. */
  issuer: string;
  /** The name trust policies use: `Principal: {Federated: name}` and condition keys `name:aud`, `name:sub`, ... */
  name: string;
  /** The algorithm its tokens are signed with (Cognito Identity: RS512); RS256 when not stated. */
  algorithm?: 'RS256' | 'RS512';
  keys: KeyResolver;
}

export interface AssumeRoleDeps {
  roles: RoleStore;
  credentials: CredentialStore;
  providers: readonly WebIdentityProvider[];
}

export interface AssumedRole {
  result: XmlNode[];
}

const SESSION_NAME = /^[\w+=,.@-]*$/;

/** One character a session policy may hold: tab, line feed, carriage return, or U+0020 through U+00FF. */
const POLICY_CHARACTER = /^[ -\u00FF]$|^[\t\n\r]$/;

function iso(ms: number): string {
  // STS writes Expiration as ISO 8601 without milliseconds: 2014-10-24T23:00:23Z.
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function validate(params: URLSearchParams): string[] {
  const problems: string[] = [];
  const required = (name: string, member: string) => {
    if (!params.has(name))
      problems.push(`Value null at '${member}' failed to satisfy constraint: Member must not be null`);
  };
  required('RoleArn', 'roleArn');
  required('RoleSessionName', 'roleSessionName');
  required('WebIdentityToken', 'webIdentityToken');
  const session = params.get('RoleSessionName');
  if (session !== null) {
    if (session.length < 2 || session.length > 64) {
      problems.push(
        `Value '${session}' at 'roleSessionName' failed to satisfy constraint: Member must have length ${session.length < 2 ? 'greater than or equal to 2' : 'less than or equal to 64'}`
      );
    } else if (!SESSION_NAME.test(session)) {
      problems.push(
        `Value '${session}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`
      );
    }
  }
  const token = params.get('WebIdentityToken');
  if (token !== null && (token.length < 4 || token.length > 20000)) {
    problems.push(
      `Value at 'webIdentityToken' failed to satisfy constraint: Member must have length ${token.length < 4 ? 'greater than or equal to 4' : 'less than or equal to 20000'}`
    );
  }
  // The session policy: 1 to 2048 characters of tab, newline, carriage return or U+0020..U+00FF (STS API reference).
  const policy = params.get('Policy');
  if (policy !== null) {
    if (policy.length < 1 || policy.length > 2048) {
      problems.push(
        `Value at 'policy' failed to satisfy constraint: Member must have length ${policy.length < 1 ? 'greater than or equal to 1' : 'less than or equal to 2048'}`
      );
    } else if ([...policy].some((char) => !POLICY_CHARACTER.test(char))) {
      problems.push(
        `Value at 'policy' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u00FF]+`
      );
    }
  }
  const duration = params.get('DurationSeconds');
  if (duration !== null) {
    const seconds = Number(duration);
    if (!Number.isInteger(seconds) || seconds < 900) {
      problems.push(
        `Value '${duration}' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900`
      );
    } else if (seconds > 43200) {
      problems.push(
        `Value '${duration}' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200`
      );
    }
  }
  return problems;
}

/** The token's claims as STS exposes them to trust policies: `name:aud`, `name:sub`, `name:amr`. */
function trustContext(name: string, claims: Record<string, unknown>): RequestContext {
  const context: RequestContext = {};
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  context[`${name}:aud`] = text(claims.aud);
  context[`${name}:sub`] = text(claims.sub);
  if (Array.isArray(claims.amr)) {
    context[`${name}:amr`] = claims.amr.filter((item): item is string => typeof item === 'string');
  }
  return context;
}

export async function assumeRoleWithWebIdentity(
  params: URLSearchParams,
  ctx: ExchangeContext,
  deps: AssumeRoleDeps
): Promise<AssumedRole | ServiceError> {
  const problems = validate(params);
  if (!ctx.check('sts.parameters', problems.length === 0, problems.join('; ') || undefined)) {
    return stsErrors.validation(problems, `The request is not well formed: ${problems.join('; ')}.`);
  }
  const roleArn = params.get('RoleArn') ?? '';
  const sessionName = params.get('RoleSessionName') ?? '';
  const token = params.get('WebIdentityToken') ?? '';
  const durationSeconds = Number(params.get('DurationSeconds') ?? '3600');

  // A session policy is read before the token is: a document STS cannot parse is refused outright.
  const policyText = params.get('Policy');
  let sessionPolicy: PolicyDocument | undefined;
  if (policyText !== null) {
    const parsed = parsePolicyDocument(policyText, 'session');
    if (!ctx.check('sts.session-policy', parsed.ok, parsed.ok ? undefined : parsed.error.message)) {
      return stsErrors.malformedPolicy(parsed.ok ? '' : parsed.error.message);
    }
    sessionPolicy = JSON.parse(policyText) as PolicyDocument;
  }

  // Which provider issued the token decides which key checks it; the claim is only read here to pick it,
  // and the signature check below is what makes it believable.
  let unverified: Record<string, unknown>;
  try {
    unverified = decodeJwt(token);
  } catch {
    ctx.check('jwt.decodes', false);
    return stsErrors.notAJwt('The WebIdentityToken is not a JWT (three base64url parts with JSON inside).');
  }
  const issuer = typeof unverified.iss === 'string' ? unverified.iss : '';
  const provider = deps.providers.find((candidate) => candidate.issuer === issuer);
  if (
    !ctx.check('sts.trusted-issuer', provider !== undefined, `iss ${JSON.stringify(issuer)}`) ||
    !provider
  ) {
    return stsErrors.unknownProvider(issuer);
  }
  // STS does not fix the audience: the role's trust policy does (`cognito-identity.amazonaws.com:aud`).
  const audience = unverified.aud;
  if (
    !ctx.check('sts.audience-present', typeof audience === 'string' && audience !== '') ||
    typeof audience !== 'string'
  ) {
    return stsErrors.incorrectAudience(
      'The token has no single aud claim, so no trust policy condition can match it.'
    );
  }
  const now = ctx.clock.now();
  const verification = await verifyJwt(token, {
    issuer: provider.issuer,
    audience,
    ...(provider.algorithm === undefined ? {} : { algorithm: provider.algorithm }),
    now,
    keys: provider.keys
  });
  for (const check of verification.checks) ctx.check(check.id, check.ok, check.detail);
  if (!verification.ok) {
    if (verification.failure === 'expired') {
      const exp = typeof unverified.exp === 'number' ? unverified.exp : 0;
      return stsErrors.expiredToken(Math.floor(now / 1000), exp, verification.reason);
    }
    return stsErrors.invalidToken(verification.reason);
  }
  const claims = verification.claims;

  const role = deps.roles.get(roleArn);
  if (!ctx.check('sts.role-exists', role !== undefined, roleArn) || !role) {
    return stsErrors.accessDenied(
      `No role ${roleArn} exists in this account. STS answers AccessDenied rather than say so.`
    );
  }
  const context = trustContext(provider.name, claims);
  const label = `trust policy of ${role.roleName}`;
  const action = 'sts:AssumeRoleWithWebIdentity';
  const decision = evaluateTrustPolicy({
    policy: role.trustPolicy,
    name: label,
    principal: { type: 'Federated', id: provider.name },
    action,
    roleArn: role.arn,
    context
  });
  ctx.recordDecision(
    decisionRecord(decision, { label, action, resource: role.arn, principal: provider.name, context })
  );
  if (
    !ctx.check(
      'iam.trust-policy',
      decision.allowed,
      `trust policy of ${role.roleName}: ${decision.explanation}`
    )
  ) {
    return stsErrors.accessDenied(decision.explanation);
  }
  if (
    !ctx.check(
      'sts.duration',
      durationSeconds <= role.maxSessionDuration,
      `${durationSeconds} s of at most ${role.maxSessionDuration} s`
    )
  ) {
    return stsErrors.durationTooLong(
      `${durationSeconds} seconds were asked for; the role ${role.roleName} allows sessions of at most ${role.maxSessionDuration} seconds.`
    );
  }

  const session = deps.credentials.issue({
    roleArn: role.arn,
    roleName: role.roleName,
    roleId: role.roleId,
    sessionName,
    durationSeconds,
    // What IAM policies of this session may refer to: ${cognito-identity.amazonaws.com:sub} is the identity id.
    variables: context,
    ...(sessionPolicy === undefined ? {} : { sessionPolicy })
  });
  return {
    result: [
      [
        'Credentials',
        [
          ['AccessKeyId', session.accessKeyId],
          ['SecretAccessKey', session.secretAccessKey],
          ['SessionToken', session.sessionToken],
          ['Expiration', iso(session.expiration)]
        ]
      ],
      ['SubjectFromWebIdentityToken', claims.sub],
      [
        'AssumedRoleUser',
        [
          ['Arn', session.assumedRoleArn],
          ['AssumedRoleId', session.assumedRoleId]
        ]
      ],
      ['Provider', provider.name],
      ['Audience', audience]
    ]
  };
}
