// SRP_A at InitiateAuth: a number of the 3072-bit group, in hex; anything else is refused with InvalidParameterException.

import { beforeAll, describe, expect, test } from 'vitest';
import { createWorld, type World } from '../../../src/lib/sim';
import { testKeys } from '../../support/keys';

const NOW = Date.UTC(2026, 10, 28, 9, 0, 0);

let world: World;
beforeAll(async () => {
  world = await createWorld({ seed: 'srp-a', now: NOW, keys: testKeys });
}, 30_000);

async function initiate(srpA: string) {
  const response = await world.fetch(
    new Request(`https://cognito-idp.${world.config.region}.amazonaws.com/`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth'
      },
      body: JSON.stringify({
        AuthFlow: 'USER_SRP_AUTH',
        ClientId: world.config.userPool.clientId,
        AuthParameters: { USERNAME: 'alice', SRP_A: srpA }
      })
    })
  );
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const aValue = (hexDigits: number) => '7' + 'a'.repeat(hexDigits - 1);

describe('SRP_A', () => {
  test('768 hex digits (3072 bits), as Cognito’s clients send it, opens a challenge; so does a 00-padded 770', async () => {
    expect((await initiate(aValue(768))).body.ChallengeName).toBe('PASSWORD_VERIFIER');
    expect((await initiate(`00${aValue(768)}`)).body.ChallengeName).toBe('PASSWORD_VERIFIER');
    expect((await initiate('3')).body.ChallengeName).toBe('PASSWORD_VERIFIER');
  });

  test.each([
    ['not hex', 'zz'],
    ['signed', '-1f'],
    ['too long for the group', aValue(771)],
    ['a megabyte of hex', aValue(1_000_000)]
  ])('%s is InvalidParameterException', async (_label, srpA) => {
    const answer = await initiate(srpA);
    expect(answer.status).toBe(400);
    expect(answer.body.__type).toBe('InvalidParameterException');
    const entry = world.trace.entries.at(-1);
    expect(entry?.checks.find((check) => check.id === 'srp.a-value')?.ok).toBe(false);
  });
});
