// RevokeToken: revokes one refresh token and every access token minted from it (its token family).

import { carryFoundToken, inBody } from '../../../carried';
import { isServiceError, requireString } from '../../../http';
import type { ExchangeContext } from '../../../service';
import { isJwt } from '../../../wire';
import { userPoolErrors } from '../errors';
import { checkClient, sendIfActive, type UserPoolState } from '../pool-state';

export async function revokeToken(pool: UserPoolState, input: Record<string, unknown>, ctx: ExchangeContext) {
  carryFoundToken(ctx, input.Token, 'refresh-token', inBody('Token'));
  const token = requireString(input, 'Token');
  if (isServiceError(token)) return token;
  const clientId = requireString(input, 'ClientId');
  if (isServiceError(clientId)) return clientId;
  const badClient = checkClient(pool, ctx, clientId);
  if (badClient) return badClient;

  // An ID or access token is a JWT; only refresh tokens can be revoked.
  if (!ctx.check('refresh-token.format', !isJwt(token))) {
    return userPoolErrors.unsupportedTokenType(
      'That is a JWT (an ID or access token). Only a refresh token can be revoked; its access tokens go with it.'
    );
  }
  const originJti = pool.refreshTokens.get(token);
  const family = originJti === undefined ? undefined : pool.families.get(originJti);
  // RFC 7009 §2.2: "invalid tokens do not cause an error response" — revoking an unknown token succeeds.
  if (!ctx.check('refresh-token.issued-here', family !== undefined) || !family) return {};
  if (!ctx.check('refresh-token.client', family.getSnapshot().context.clientId === clientId)) {
    return {};
  }
  sendIfActive(family, { type: 'REVOKE', at: ctx.clock.now(), by: 'RevokeToken' });
  return {};
}
