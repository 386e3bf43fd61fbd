// GetId: the identity id for a login (the same one every time), or a fresh guest identity when there is no login.

import type { ServiceError } from '../../../http';
import type { ExchangeContext } from '../../../service';
import { identityPoolErrors } from '../errors';
import { carryLogins, readLogins, verifyLogins } from '../logins';
import { createIdentity, linkLogin, readId, type IdentityPoolState } from '../pool-state';

export async function getId(
  pool: IdentityPoolState,
  input: Record<string, unknown>,
  ctx: ExchangeContext
): Promise<{ IdentityId: string } | ServiceError> {
  const poolId = readId(input, 'IdentityPoolId');
  if (typeof poolId !== 'string') return poolId;
  if (!ctx.check('identity-pool.exists', poolId === pool.env.config.identityPool.id, poolId)) {
    return identityPoolErrors.poolNotFound(poolId);
  }
  const logins = readLogins(input);
  if (!(logins instanceof Map)) return logins;
  carryLogins(logins, ctx);
  const now = ctx.clock.now();

  if (logins.size === 0) {
    if (!ctx.check('identity-pool.guest-enabled', pool.settings.allowUnauthenticated)) {
      return identityPoolErrors.unauthenticatedNotSupported(
        'GetId without Logins asks for a guest identity, and this identity pool does not allow unauthenticated identities.'
      );
    }
    // Every GetId without Logins is a new guest: the app must keep the id it got to keep being that guest.
    const guest = createIdentity(pool, [], now);
    return { IdentityId: guest.getSnapshot().context.identityId };
  }

  const verified = await verifyLogins(logins, pool.providers, ctx);
  if (!Array.isArray(verified)) return verified;
  const owner = verified.map((login) => pool.owners.get(login.key)).find((id) => id !== undefined);
  const existing = owner === undefined ? undefined : pool.identities.get(owner);
  if (existing !== undefined) {
    ctx.check('identity-pool.login-known', true, owner);
    for (const login of verified) if (!pool.owners.has(login.key)) linkLogin(pool, existing, login.key, now);
    return { IdentityId: existing.getSnapshot().context.identityId };
  }
  const created = createIdentity(
    pool,
    verified.map((login) => login.key),
    now
  );
  ctx.check('identity-pool.identity-created', true, created.getSnapshot().context.identityId);
  return { IdentityId: created.getSnapshot().context.identityId };
}
