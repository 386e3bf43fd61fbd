// Usernames and passwords at the user pool: the model's length limits with Cognito's validation message, and one rule for "same user".

import { beforeAll, describe, expect, test } from 'vitest';
import { createWorld, type World } from '../../../src/lib/sim';
import { sameUsername, usernameKey } from '../../../src/lib/sim/services/user-pool/username';
import { testKeys } from '../../support/keys';

const NOW = Date.UTC(2026, 10, 28, 9, 0, 0);
const PASSWORD = 'Correct-horse-1';

let world: World;
beforeAll(async () => {
  world = await createWorld({ seed: 'usernames', now: NOW, keys: testKeys });
}, 30_000);

async function call(operation: string, input: Record<string, unknown>) {
  const response = await world.fetch(
    new Request(`https://cognito-idp.${world.config.region}.amazonaws.com/`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`
      },
      body: JSON.stringify(input)
    })
  );
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const signUp = (username: string, password = PASSWORD) =>
  call('SignUp', {
    ClientId: world.config.userPool.clientId,
    Username: username,
    Password: password,
    UserAttributes: [{ Name: 'email', Value: `${username.length}@example.com` }]
  });

describe('limits', () => {
  test('a 128-character username signs up; 129 is refused with the model’s length message', async () => {
    expect((await signUp('a'.repeat(128))).status).toBe(200);
    const refused = await signUp('b'.repeat(129));
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({
      __type: 'InvalidParameterException',
      message:
        "1 validation error detected: Value at 'username' failed to satisfy constraint: Member must have length less than or equal to 128"
    });
  });

  test('length counts characters, not UTF-16 units: 128 emoji are a valid username', async () => {
    expect((await signUp('😀'.repeat(128))).status).toBe(200);
  });

  test('a password over 256 characters is refused before the password policy', async () => {
    const refused = await signUp('longpass', `Aa1-${'x'.repeat(253)}`);
    expect(refused.body).toEqual({
      __type: 'InvalidParameterException',
      message:
        "1 validation error detected: Value at 'password' failed to satisfy constraint: Member must have length less than or equal to 256"
    });
  });

  test('two violations are listed together, as Cognito does', async () => {
    const refused = await signUp('c'.repeat(200), `Aa1-${'x'.repeat(300)}`);
    expect(refused.body.message).toBe(
      "2 validation errors detected: Value at 'username' failed to satisfy constraint: Member must have length less than or equal to 128; " +
        "Value at 'password' failed to satisfy constraint: Member must have length less than or equal to 256"
    );
  });

  test('ConfirmSignUp and ResendConfirmationCode hold Username to the same limit', async () => {
    for (const operation of ['ConfirmSignUp', 'ResendConfirmationCode']) {
      const refused = await call(operation, {
        ClientId: world.config.userPool.clientId,
        Username: 'd'.repeat(129),
        ConfirmationCode: '123456'
      });
      expect(refused.body.__type).toBe('InvalidParameterException');
      expect(refused.body.message).toMatch(/Member must have length less than or equal to 128$/);
    }
  });

  test('InitiateAuth’s USERNAME is a map value without a length limit: a long one is just an unknown user', async () => {
    const answer = await call('InitiateAuth', {
      ClientId: world.config.userPool.clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'e'.repeat(5_000), PASSWORD: 'p'.repeat(5_000) }
    });
    expect(answer.status).toBe(400);
    expect(answer.body.__type).not.toBe('InternalErrorException');
  });
});

describe('comparing usernames', () => {
  test('the pool is case-insensitive (as the console creates new pools): one rule, in one function', () => {
    expect(usernameKey('Alice')).toBe('alice');
    expect(sameUsername('ALICE', 'alice')).toBe(true);
    expect(sameUsername('Alice', 'alice', { caseSensitive: true })).toBe(false);
    expect(usernameKey('Alice', { caseSensitive: true })).toBe('Alice');
    // Locale-independent folding: the same for every visitor.
    expect(usernameKey('İSTANBUL')).toBe('i̇stanbul');
    // No Unicode normalisation: composed and decomposed é are different names.
    expect(sameUsername('caf\u00e9', 'cafe\u0301')).toBe(false);
  });

  test('on the wire: another case of a taken name is taken; composed and decomposed é are two users', async () => {
    expect((await signUp('Zoë')).status).toBe(200);
    const again = await signUp('ZOË');
    expect(again.body).toEqual({ __type: 'UsernameExistsException', message: 'User already exists' });
    expect((await signUp('cafe\u0301')).status).toBe(200);
    expect((await signUp('caf\u00e9')).status).toBe(200);
  });
});
