// GetUser: the account behind an access token (the pool checks revocation, which a JWT library cannot).

import { carryFoundToken, inBody } from '../../../carried';
import { isServiceError, requireString } from '../../../http';
import type { ExchangeContext } from '../../../service';
import type { UserPoolState } from '../pool-state';
import { verifyAccessToken } from '../tokens';

export async function getUser(pool: UserPoolState, input: Record<string, unknown>, ctx: ExchangeContext) {
  carryFoundToken(ctx, input.AccessToken, 'access-token', inBody('AccessToken'));
  const token = requireString(input, 'AccessToken');
  if (isServiceError(token)) return token;
  const verified = await verifyAccessToken(pool, ctx, token);
  if (isServiceError(verified)) return verified;
  const { context } = verified.account.getSnapshot();
  return {
    UserAttributes: [
      { Name: 'email', Value: context.email },
      { Name: 'email_verified', Value: String(context.emailVerified) },
      { Name: 'sub', Value: context.sub }
    ],
    Username: context.username
  };
}
