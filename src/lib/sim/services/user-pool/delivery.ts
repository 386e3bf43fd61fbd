// Sends a confirmation code by (simulated) email: the world's mail room, where world.inbox can read it.

import { DIGITS } from '../../random';
import { maskEmail } from './encoding';
import type { UserAccountActor, UserPoolState } from './pool-state';

export interface CodeDeliveryDetails {
  Destination: string;
  DeliveryMedium: 'EMAIL';
  AttributeName: 'email';
}

/** Cognito's default verification email subject. */
export const VERIFICATION_SUBJECT = 'Your verification code';

export function deliveryDetails(email: string): CodeDeliveryDetails {
  return { Destination: maskEmail(email), DeliveryMedium: 'EMAIL', AttributeName: 'email' };
}

/** Draws a 6-digit code from the seed, mails it, and tells the account which code is now in force. */
export function sendConfirmationCode(pool: UserPoolState, account: UserAccountActor): CodeDeliveryDetails {
  const { random, clock, mail } = pool.env;
  const { email } = account.getSnapshot().context;
  const code = random.pick(DIGITS, 6);
  const at = clock.now();
  mail.deliver({ to: email, subject: VERIFICATION_SUBJECT, code, at });
  account.send({ type: 'CODE_SENT', code, at });
  return deliveryDetails(email);
}
