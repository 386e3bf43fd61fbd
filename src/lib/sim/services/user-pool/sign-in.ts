// The end of every successful sign-in: open a token family, mint ID and access tokens and a refresh token.

import { createActor } from 'xstate';
import { tokenFamilyMachine } from './user-account';
import { carriedIn, inBody } from '../../carried';
import type { ExchangeContext } from '../../service';
import type { UserAccountActor, UserPoolState } from './pool-state';
import { TOKEN_LIFETIME_SECONDS, mintTokens, newRefreshToken } from './tokens';

export interface AuthenticationResult {
  AccessToken: string;
  ExpiresIn: number;
  IdToken: string;
  RefreshToken?: string;
  TokenType: 'Bearer';
}

export async function completeSignIn(
  pool: UserPoolState,
  ctx: ExchangeContext,
  account: UserAccountActor
): Promise<{ AuthenticationResult: AuthenticationResult; ChallengeParameters: Record<string, string> }> {
  const { random } = pool.env;
  const now = ctx.clock.now();
  const { context } = account.getSnapshot();
  const refreshToken = newRefreshToken(random);
  const family = createActor(tokenFamilyMachine, {
    input: {
      originJti: random.uuid(),
      eventId: random.uuid(),
      username: context.username,
      sub: context.sub,
      clientId: pool.clientId,
      refreshToken,
      authTime: Math.floor(now / 1000),
      issuedAt: now
    }
  }).start();
  const { originJti } = family.getSnapshot().context;
  pool.families.set(originJti, family);
  pool.refreshTokens.set(refreshToken, originJti);
  const { idToken, accessToken } = await mintTokens(pool, account, family.getSnapshot().context, now);
  return carryAuthenticationResult(ctx, {
    AuthenticationResult: {
      AccessToken: accessToken,
      ExpiresIn: TOKEN_LIFETIME_SECONDS,
      IdToken: idToken,
      RefreshToken: refreshToken,
      TokenType: 'Bearer'
    },
    ChallengeParameters: {}
  });
}

/** Records the tokens an answer hands out, where it puts them, and returns the answer. */
export function carryAuthenticationResult<T extends { AuthenticationResult: AuthenticationResult }>(
  ctx: ExchangeContext,
  output: T
): T {
  const result = output.AuthenticationResult;
  const at = (member: keyof AuthenticationResult) => inBody('AuthenticationResult', member);
  ctx.carry(
    carriedIn('response', 'access-token', at('AccessToken')),
    carriedIn('response', 'id-token', at('IdToken'))
  );
  if (result.RefreshToken !== undefined)
    ctx.carry(carriedIn('response', 'refresh-token', at('RefreshToken')));
  return output;
}
