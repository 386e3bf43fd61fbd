// GetOpenIdToken (basic flow): a 10-minute OpenID token about the identity, signed by Cognito Identity, for STS.

import { carriedIn, inBody } from '../../../carried';
import type { ServiceError } from '../../../http';
import type { ExchangeContext } from '../../../service';
import { identityPoolErrors } from '../errors';
import { authorizeIdentity, readId, type IdentityPoolState } from '../pool-state';

export async function getOpenIdToken(
  pool: IdentityPoolState,
  input: Record<string, unknown>,
  ctx: ExchangeContext
): Promise<{ IdentityId: string; Token: string } | ServiceError> {
  const requested = readId(input, 'IdentityId');
  if (typeof requested !== 'string') return requested;
  // The basic flow must be switched on for the pool (AllowClassicFlow), and cannot be used with role
  // mappings, which only the enhanced flow applies.
  const { allowClassicFlow, roleMappings } = pool.settings;
  if (!ctx.check('identity-pool.classic-flow', allowClassicFlow, `AllowClassicFlow is ${allowClassicFlow}`)) {
    return identityPoolErrors.classicFlowDisabled();
  }
  if (
    !ctx.check(
      'identity-pool.classic-flow-no-role-mappings',
      roleMappings.size === 0,
      roleMappings.size === 0 ? undefined : `role mappings for ${[...roleMappings.keys()].join(', ')}`
    )
  ) {
    return identityPoolErrors.classicFlowWithRoleMappings();
  }
  const authorized = await authorizeIdentity(pool, input, ctx);
  if ('kind' in authorized) return authorized;
  const { identity, amr } = authorized;
  const identityId = identity.getSnapshot().context.identityId;
  const now = ctx.clock.now();
  const { token } = await pool.openId.mint(identityId, amr, now);
  identity.send({ type: 'USED', at: now });
  ctx.carry(carriedIn('response', 'openid-token', inBody('Token')));
  // In the basic flow the app itself takes this token to STS AssumeRoleWithWebIdentity and picks the role.
  return { IdentityId: identityId, Token: token };
}
