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
  const now = ctx.clock.now();
  const { refreshToken, idToken, accessToken } = await startTokenFamily(pool, account, now);
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

/**
 * Opens a token family for a sign-in that just succeeded (through the API, or at managed login with the
 * scopes granted there) and mints its first ID, access and refresh tokens. `authTime` is when the user
 * authenticated (epoch ms), when that was before now (a managed login code redeemed later).
 */
export async function startTokenFamily(
  pool: UserPoolState,
  account: UserAccountActor,
  now: number,
  options: { scope?: string; authTime?: number } = {}
): Promise<{ refreshToken: string; idToken: string; accessToken: string }> {
  const { random } = pool.env;
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
      authTime: Math.floor((options.authTime ?? now) / 1000),
      issuedAt: now,
      ...(options.scope === undefined ? {} : { scope: options.scope })
    }
  }).start();
  const { originJti } = family.getSnapshot().context;
  pool.families.set(originJti, family);
  pool.refreshTokens.set(refreshToken, originJti);
  const { idToken, accessToken } = await mintTokens(pool, account, family.getSnapshot().context, now);
  return { refreshToken, idToken, accessToken };
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
