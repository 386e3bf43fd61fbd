// The identity pool's state: settings, identities (XState actors), which login belongs to which identity.

import { startIdentity, type IdentityActor } from './identity';
import type { ServiceError } from '../../http';
import type { ServiceEnv, ExchangeContext } from '../../service';
import { identityPoolErrors } from './errors';
import {
  carryLogins,
  configuredProviders,
  readLogins,
  verifyLogins,
  type LoginProvider,
  type VerifiedLogin
} from './logins';
import type { OpenIdTokenIssuer } from './openid-token';
import type { RoleMapping } from './role-mapping';

export interface IdentityPoolSettings {
  /** "Guest access": may GetId be called without Logins? */
  allowUnauthenticated: boolean;
  /** AllowClassicFlow: may GetOpenIdToken be used (the basic flow, where the app itself calls STS)? */
  allowClassicFlow: boolean;
  authenticatedRoleArn: string;
  unauthenticatedRoleArn: string;
  /** Per role-mapping key (`{Logins key}:{appClientId}` for a user pool); a provider without one uses the default authenticated role. */
  roleMappings: Map<string, RoleMapping>;
}

export interface IdentityPoolState {
  readonly env: ServiceEnv;
  readonly settings: IdentityPoolSettings;
  readonly providers: readonly LoginProvider[];
  readonly identities: Map<string, IdentityActor>;
  /** `provider|sub` → identity id: the same login always finds the same identity. */
  readonly owners: Map<string, string>;
  readonly openId: OpenIdTokenIssuer;
}

export function createPoolState(env: ServiceEnv, openId: OpenIdTokenIssuer): IdentityPoolState {
  return {
    env,
    settings: {
      allowUnauthenticated: env.config.identityPool.allowUnauthenticated,
      allowClassicFlow: env.config.identityPool.allowClassicFlow,
      authenticatedRoleArn: env.config.identityPool.authenticatedRoleArn,
      unauthenticatedRoleArn: env.config.identityPool.unauthenticatedRoleArn,
      roleMappings: new Map()
    },
    providers: configuredProviders(env.config),
    identities: new Map(),
    owners: new Map(),
    openId
  };
}

/** A new identity id (`region:uuid`, from the seed) and its machine; its logins now point to it. */
export function createIdentity(
  pool: IdentityPoolState,
  logins: readonly string[],
  now: number
): IdentityActor {
  let identityId = `${pool.env.config.region}:${pool.env.random.uuid()}`;
  while (pool.identities.has(identityId)) identityId = `${pool.env.config.region}:${pool.env.random.uuid()}`;
  const actor = startIdentity({ identityId, createdAt: now, logins: [...logins] });
  pool.identities.set(identityId, actor);
  for (const login of logins) pool.owners.set(login, identityId);
  return actor;
}

export function linkLogin(
  pool: IdentityPoolState,
  identity: IdentityActor,
  login: string,
  now: number
): void {
  identity.send({ type: 'LINK', login, at: now });
  pool.owners.set(login, identity.getSnapshot().context.identityId);
}

const ID_PATTERN = /^[\w-]+:[0-9a-f-]+$/;

/** Checks an IdentityPoolId or IdentityId member as Cognito's validation does. */
export function readId(
  input: Record<string, unknown>,
  member: 'IdentityPoolId' | 'IdentityId'
): string | ServiceError {
  const name = member.charAt(0).toLowerCase() + member.slice(1);
  const value = input[member];
  if (typeof value !== 'string') {
    return identityPoolErrors.validation(
      `Value null at '${name}' failed to satisfy constraint: Member must not be null`,
      `The request has no ${member}.`
    );
  }
  if (value.length < 1 || value.length > 55 || !ID_PATTERN.test(value)) {
    return identityPoolErrors.validation(
      `Value '${value}' at '${name}' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+:[0-9a-f-]+`,
      `${member} must look like us-east-1:1a2b3c4d-...: a region, a colon, and a UUID.`
    );
  }
  return value;
}

/** The `amr` of a token or session for these logins: what trust policies check. */
export function amrOf(pool: IdentityPoolState, logins: readonly VerifiedLogin[]): string[] {
  if (logins.length === 0) return ['unauthenticated'];
  const amr = ['authenticated'];
  for (const login of logins) {
    const provider = pool.providers.find((candidate) => candidate.name === login.provider);
    amr.push(login.provider, provider ? provider.amrEntry(login.sub) : `${login.provider}:${login.sub}`);
  }
  return amr;
}

export interface AuthorizedIdentity {
  identity: IdentityActor;
  logins: VerifiedLogin[];
  amr: string[];
}

/**
 * What GetCredentialsForIdentity and GetOpenIdToken share: the identity must exist, and the caller must prove
 * it may act as it. A guest needs no token (if guests are allowed); an authenticated identity needs a
 * login it owns, every time. A guest that brings a new login is linked to it (guest → authenticated); a guest
 * that brings a login owned by another identity is merged into that identity.
 */
export async function authorizeIdentity(
  pool: IdentityPoolState,
  input: Record<string, unknown>,
  ctx: ExchangeContext
): Promise<AuthorizedIdentity | ServiceError> {
  const identityId = readId(input, 'IdentityId');
  if (typeof identityId !== 'string') return identityId;
  const logins = readLogins(input);
  if (!(logins instanceof Map)) return logins;
  carryLogins(logins, ctx);

  const identity = pool.identities.get(identityId);
  if (!ctx.check('identity-pool.identity-exists', identity !== undefined, identityId) || !identity) {
    return identityPoolErrors.identityNotFound(identityId);
  }
  const snapshot = identity.getSnapshot();
  if (snapshot.value === 'merged') {
    ctx.check(
      'identity-pool.identity-not-merged',
      false,
      `merged into ${snapshot.context.mergedInto ?? '?'}`
    );
    return identityPoolErrors.identityNotFound(
      identityId,
      `This guest identity was merged into ${snapshot.context.mergedInto ?? 'another identity'} when it signed in with a login that identity already owned; use that identity id.`
    );
  }
  const now = ctx.clock.now();

  if (logins.size === 0) {
    if (snapshot.value === 'authenticated') {
      ctx.check('identity-pool.login-required', false);
      return identityPoolErrors.forbidden(
        identityId,
        'This identity is linked to a login, so every request for it must carry a valid token of that login in Logins. Without one, anyone who learned the identity id could get its credentials.'
      );
    }
    if (!ctx.check('identity-pool.guest-enabled', pool.settings.allowUnauthenticated)) {
      return identityPoolErrors.unauthenticatedNotSupported(
        'This identity pool does not allow unauthenticated (guest) identities; a login token is required.'
      );
    }
    return { identity, logins: [], amr: amrOf(pool, []) };
  }

  const verified = await verifyLogins(logins, pool.providers, ctx);
  if (!Array.isArray(verified)) return verified;
  const ownerOf = (login: VerifiedLogin) => pool.owners.get(login.key);

  if (snapshot.value === 'guest') {
    const other = verified.map(ownerOf).find((owner) => owner !== undefined && owner !== identityId);
    const target = other === undefined ? undefined : pool.identities.get(other);
    if (target !== undefined && other !== undefined) {
      identity.send({ type: 'MERGE', into: other, at: now });
      ctx.check('identity-pool.guest-merged', true, `${identityId} → ${other}`);
      for (const login of verified) if (ownerOf(login) === undefined) linkLogin(pool, target, login.key, now);
      return { identity: target, logins: verified, amr: amrOf(pool, verified) };
    }
    for (const login of verified) linkLogin(pool, identity, login.key, now);
    ctx.check('identity-pool.guest-linked', true, verified.map((l) => l.key).join(', '));
    return { identity, logins: verified, amr: amrOf(pool, verified) };
  }

  // Authenticated: at least one login must be one this identity owns, and none may belong to another.
  const owns = verified.some((login) => ownerOf(login) === identityId);
  const foreign = verified.some((login) => ownerOf(login) !== undefined && ownerOf(login) !== identityId);
  if (!ctx.check('identity-pool.logins-match', owns && !foreign)) {
    return identityPoolErrors.loginsDontMatch(
      foreign
        ? 'A login in the request belongs to a different identity of this pool.'
        : 'None of the logins in the request is linked to this identity: the token proves someone signed in, but not that they are this identity.'
    );
  }
  for (const login of verified) if (ownerOf(login) === undefined) linkLogin(pool, identity, login.key, now);
  return { identity, logins: verified, amr: amrOf(pool, verified) };
}
