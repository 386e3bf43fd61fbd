// GlobalSignOut: revokes every token family of the user, so refresh tokens and access tokens stop working here.

import { carryFoundToken, inBody } from '../../../carried';
import { isServiceError, requireString } from '../../../http';
import type { ExchangeContext } from '../../../service';
import { sendIfActive, type UserPoolState } from '../pool-state';
import { verifyAccessToken } from '../tokens';

export async function globalSignOut(
  pool: UserPoolState,
  input: Record<string, unknown>,
  ctx: ExchangeContext
) {
  carryFoundToken(ctx, input.AccessToken, 'access-token', inBody('AccessToken'));
  const token = requireString(input, 'AccessToken');
  if (isServiceError(token)) return token;
  const verified = await verifyAccessToken(pool, ctx, token);
  if (isServiceError(verified)) return verified;
  const at = ctx.clock.now();
  const { sub } = verified.account.getSnapshot().context;
  for (const family of pool.families.values()) {
    if (family.getSnapshot().context.sub === sub)
      sendIfActive(family, { type: 'REVOKE', at, by: 'GlobalSignOut' });
  }
  verified.account.send({ type: 'GLOBAL_SIGN_OUT', at });
  return {};
}
