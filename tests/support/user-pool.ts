// Test helpers for the simulated user pool: raw wire calls, SRP sign-ins with our client side, and a world factory.

import { clientComputeClaim, clientStart, formatSrpTimestamp } from '../../src/lib/sim/crypto/srp';
import { createWorld, type World, type WorldOptions } from '../../src/lib/sim';
import { testKeys } from './keys';

/** A fixed instant (2025-01-15T10:00:00Z) for worlds whose tokens only the world itself checks. */
export const POOL_TEST_NOW = Date.UTC(2025, 0, 15, 10, 0, 0);

export const USER_POOL_ENDPOINT = 'https://cognito-idp.us-east-1.amazonaws.com/';

export function poolWorld(options: WorldOptions = {}): Promise<World> {
  return createWorld({ seed: 'user-pool-tests', now: POOL_TEST_NOW, keys: testKeys, ...options });
}

export interface WireAnswer {
  status: number;
  headers: Headers;
  // The parsed JSON body; tests read the members they expect.
  body: Record<string, unknown> & { __type?: string; message?: string };
}

/** One JSON 1.1 call to the user pool, as any client would send it. */
export async function callPool(world: World, operation: string, input: unknown): Promise<WireAnswer> {
  const response = await world.fetch(
    new Request(USER_POOL_ENDPOINT, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`
      },
      body: JSON.stringify(input)
    })
  );
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as WireAnswer['body']
  };
}

export interface Tokens {
  IdToken: string;
  AccessToken: string;
  RefreshToken?: string;
  ExpiresIn: number;
  TokenType: string;
}

export function tokensOf(answer: WireAnswer): Tokens {
  const result = answer.body.AuthenticationResult as Tokens | undefined;
  if (!result) throw new Error(`no AuthenticationResult: ${JSON.stringify(answer.body)}`);
  return result;
}

export async function passwordSignIn(world: World, username: string, password: string): Promise<WireAnswer> {
  return callPool(world, 'InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: world.config.userPool.clientId,
    AuthParameters: { USERNAME: username, PASSWORD: password }
  });
}

export interface SrpStep {
  challenge: WireAnswer;
  /** Builds the PASSWORD_VERIFIER answer for `password`, signed at `signedAt` (default: the world's time). */
  answer(password: string, signedAt?: number): Promise<Record<string, unknown>>;
}

/** InitiateAuth USER_SRP_AUTH with our own client side of SRP (src/lib/sim/crypto/srp.ts). */
export async function startSrp(world: World, username: string, aSeed = 7): Promise<SrpStep> {
  const aBytes = new Uint8Array(128).map((_, i) => (i * 31 + aSeed) & 0xff);
  const { A, a } = clientStart(aBytes);
  const challenge = await callPool(world, 'InitiateAuth', {
    AuthFlow: 'USER_SRP_AUTH',
    ClientId: world.config.userPool.clientId,
    AuthParameters: { USERNAME: username, SRP_A: A }
  });
  const poolName = world.config.userPool.id.split('_')[1] ?? '';
  return {
    challenge,
    async answer(password, signedAt) {
      const parameters = challenge.body.ChallengeParameters as Record<string, string>;
      const timestamp = formatSrpTimestamp(signedAt ?? world.clock.now());
      const userIdForSrp = parameters.USER_ID_FOR_SRP ?? '';
      const signature = await clientComputeClaim({
        poolName,
        userIdForSrp,
        password,
        salt: parameters.SALT ?? '',
        B: parameters.SRP_B ?? '',
        a,
        secretBlock: parameters.SECRET_BLOCK ?? '',
        timestamp
      });
      return {
        ChallengeName: 'PASSWORD_VERIFIER',
        ClientId: world.config.userPool.clientId,
        ChallengeResponses: {
          USERNAME: userIdForSrp,
          PASSWORD_CLAIM_SECRET_BLOCK: parameters.SECRET_BLOCK,
          PASSWORD_CLAIM_SIGNATURE: signature,
          TIMESTAMP: timestamp
        }
      };
    }
  };
}

/** The newest trace entry: what the pool checked and why it refused. */
export function lastExchange(world: World) {
  const entry = world.trace.entries.at(-1);
  if (!entry) throw new Error('the trace is empty');
  return entry;
}
