// InitiateAuth (USER_PASSWORD_AUTH, USER_SRP_AUTH, REFRESH_TOKEN_AUTH) and RespondToAuthChallenge over the wire.
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { SRP_N } from '$lib/sim/crypto/srp';
import type { World } from '$lib/sim';
import {
  callPool,
  lastExchange,
  passwordSignIn,
  poolWorld,
  startSrp,
  tokensOf
} from '../../../support/user-pool';

const ALICE_PASSWORD = 'Correct-Horse-42';
const NOT_AUTHORIZED = { __type: 'NotAuthorizedException', message: 'Incorrect username or password.' };
const MINUTE = 60 * 1000;

async function signUpCarol(world: World) {
  await callPool(world, 'SignUp', {
    ClientId: world.config.userPool.clientId,
    Username: 'carol',
    Password: 'Passw0rd!',
    UserAttributes: [{ Name: 'email', Value: 'carol@example.com' }]
  });
}

function refresh(world: World, token: string) {
  return callPool(world, 'InitiateAuth', {
    AuthFlow: 'REFRESH_TOKEN_AUTH',
    ClientId: world.config.userPool.clientId,
    AuthParameters: { REFRESH_TOKEN: token }
  });
}

describe('InitiateAuth USER_PASSWORD_AUTH', () => {
  it('signs a demo user in', async () => {
    const world = await poolWorld();
    const answer = await passwordSignIn(world, 'alice', ALICE_PASSWORD);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      AuthenticationResult: {
        AccessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
        ExpiresIn: 3600,
        IdToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
        RefreshToken: expect.stringMatching(/^[\w-]+(\.[\w-]+){4}$/),
        TokenType: 'Bearer'
      },
      ChallengeParameters: {}
    });
  });

  it('says the same for a wrong password and an unknown user, and records the truth', async () => {
    const world = await poolWorld();
    const wrong = await passwordSignIn(world, 'alice', 'Wrong-Horse-42');
    expect(wrong.status).toBe(400);
    expect(wrong.body).toEqual(NOT_AUTHORIZED);
    expect(lastExchange(world).reason).toBe(
      'The password does not produce the verifier stored for alice: it is the wrong password.'
    );
    const unknown = await passwordSignIn(world, 'mallory', 'Wrong-Horse-42');
    expect(unknown.body).toEqual(NOT_AUTHORIZED);
    expect(lastExchange(world).reason).toMatch(/^No user named mallory exists/);
    expect(lastExchange(world).error).toEqual({
      code: 'NotAuthorizedException',
      message: 'Incorrect username or password.'
    });
  });

  it('tells an unconfirmed user so only after the right password', async () => {
    const world = await poolWorld();
    await signUpCarol(world);
    expect((await passwordSignIn(world, 'carol', 'Wrong0rd!')).body).toEqual(NOT_AUTHORIZED);
    expect((await passwordSignIn(world, 'carol', 'Passw0rd!')).body).toEqual({
      __type: 'UserNotConfirmedException',
      message: 'User is not confirmed.'
    });
  });

  it('names a missing parameter', async () => {
    const world = await poolWorld();
    const answer = await callPool(world, 'InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: world.config.userPool.clientId,
      AuthParameters: { USERNAME: 'alice' }
    });
    expect(answer.body).toEqual({
      __type: 'InvalidParameterException',
      message: 'Missing required parameter PASSWORD'
    });
  });

  it('refuses unknown and disabled flows', async () => {
    const world = await poolWorld();
    const base = { ClientId: world.config.userPool.clientId, AuthParameters: {} };
    const unknown = await callPool(world, 'InitiateAuth', { ...base, AuthFlow: 'MAGIC' });
    expect(unknown.body.__type).toBe('InvalidParameterException');
    expect(unknown.body.message).toMatch(/^1 validation error detected: Value 'MAGIC' at 'authFlow'/);
    const custom = await callPool(world, 'InitiateAuth', { ...base, AuthFlow: 'CUSTOM_AUTH' });
    expect(custom.body).toEqual({
      __type: 'InvalidParameterException',
      message: 'CUSTOM_AUTH flow not enabled for this client'
    });
  });
});

describe('InitiateAuth USER_SRP_AUTH + RespondToAuthChallenge PASSWORD_VERIFIER', () => {
  it('sends a PASSWORD_VERIFIER challenge and accepts the right proof', async () => {
    const world = await poolWorld();
    const srp = await startSrp(world, 'alice');
    expect(srp.challenge.body).toEqual({
      ChallengeName: 'PASSWORD_VERIFIER',
      ChallengeParameters: {
        SALT: expect.stringMatching(/^[0-9a-f]+$/),
        SECRET_BLOCK: expect.stringMatching(/^[A-Za-z0-9+/]+=*$/),
        SRP_B: expect.stringMatching(/^[0-9a-f]+$/),
        USERNAME: 'alice',
        USER_ID_FOR_SRP: 'alice'
      }
    });
    const answer = await callPool(world, 'RespondToAuthChallenge', await srp.answer(ALICE_PASSWORD));
    expect(answer.status).toBe(200);
    expect(decodeJwt(tokensOf(answer).IdToken)['cognito:username']).toBe('alice');
    // The password never crossed the wire.
    expect(JSON.stringify(world.trace.entries)).not.toContain(ALICE_PASSWORD);
  });

  it('refuses a wrong password and records why', async () => {
    const world = await poolWorld();
    const srp = await startSrp(world, 'alice');
    const answer = await callPool(world, 'RespondToAuthChallenge', await srp.answer('Wrong-Horse-42'));
    expect(answer.body).toEqual(NOT_AUTHORIZED);
    expect(lastExchange(world).reason).toBe(
      'The password proof did not match the verifier stored for alice.'
    );
    expect(lastExchange(world).checks).toContainEqual({
      id: 'srp.proof',
      name: 'password proof matches the stored verifier',
      ok: false,
      detail: 'SignatureMismatch'
    });
  });

  it('closes a challenge after one answer, so a replayed proof fails', async () => {
    const world = await poolWorld();
    const srp = await startSrp(world, 'alice');
    const answer = await srp.answer(ALICE_PASSWORD);
    expect((await callPool(world, 'RespondToAuthChallenge', answer)).status).toBe(200);
    const replay = await callPool(world, 'RespondToAuthChallenge', answer);
    expect(replay.body).toEqual({
      __type: 'NotAuthorizedException',
      message: 'Invalid session for the user.'
    });
  });

  it('lets a challenge lapse after 3 minutes', async () => {
    const world = await poolWorld();
    const srp = await startSrp(world, 'alice');
    world.clock.advance(3 * MINUTE + 1000);
    const answer = await callPool(world, 'RespondToAuthChallenge', await srp.answer(ALICE_PASSWORD));
    expect(answer.body).toEqual({
      __type: 'NotAuthorizedException',
      message: 'Invalid session for the user, session is expired.'
    });
  });

  it('refuses a proof signed at a TIMESTAMP far from the pool clock', async () => {
    const world = await poolWorld();
    const srp = await startSrp(world, 'alice');
    const stale = await srp.answer(ALICE_PASSWORD, world.clock.now() - 10 * MINUTE);
    expect((await callPool(world, 'RespondToAuthChallenge', stale)).body).toEqual(NOT_AUTHORIZED);
    expect(lastExchange(world).reason).toMatch(/TIMESTAMP is more than 5 minutes away/);
  });

  it('refuses a malformed TIMESTAMP', async () => {
    const world = await poolWorld();
    const srp = await startSrp(world, 'alice');
    const answer = await srp.answer(ALICE_PASSWORD);
    const responses = answer.ChallengeResponses as Record<string, string>;
    responses.TIMESTAMP = new Date(world.clock.now()).toISOString();
    expect((await callPool(world, 'RespondToAuthChallenge', answer)).body).toEqual(NOT_AUTHORIZED);
    expect(lastExchange(world).checks).toContainEqual(
      expect.objectContaining({ id: 'srp.timestamp-format', ok: false })
    );
  });

  it('refuses a SECRET_BLOCK it never issued', async () => {
    const world = await poolWorld();
    const srp = await startSrp(world, 'alice');
    const answer = await srp.answer(ALICE_PASSWORD);
    (answer.ChallengeResponses as Record<string, string>).PASSWORD_CLAIM_SECRET_BLOCK = 'AAAA';
    expect((await callPool(world, 'RespondToAuthChallenge', answer)).body).toEqual({
      __type: 'NotAuthorizedException',
      message: 'Invalid session for the user.'
    });
  });

  it('answers an unknown user with a stable decoy challenge that no proof passes', async () => {
    const world = await poolWorld();
    const first = await startSrp(world, 'mallory');
    const second = await startSrp(world, 'mallory', 9);
    const parameters = first.challenge.body.ChallengeParameters as Record<string, string>;
    const again = second.challenge.body.ChallengeParameters as Record<string, string>;
    expect(first.challenge.status).toBe(200);
    expect(parameters.USER_ID_FOR_SRP).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4/);
    expect([again.SALT, again.USER_ID_FOR_SRP]).toEqual([parameters.SALT, parameters.USER_ID_FOR_SRP]);
    const answer = await callPool(world, 'RespondToAuthChallenge', await first.answer('Anything-1'));
    expect(answer.body).toEqual(NOT_AUTHORIZED);
    expect(lastExchange(world).reason).toMatch(/^No user named mallory exists: this was a decoy challenge/);
  });

  it('refuses an SRP_A that is a multiple of N', async () => {
    const world = await poolWorld();
    const answer = await callPool(world, 'InitiateAuth', {
      AuthFlow: 'USER_SRP_AUTH',
      ClientId: world.config.userPool.clientId,
      AuthParameters: { USERNAME: 'alice', SRP_A: SRP_N.toString(16) }
    });
    expect(answer.body).toEqual(NOT_AUTHORIZED);
    expect(lastExchange(world).checks).toContainEqual({
      id: 'srp.a-value',
      name: 'SRP_A is a legal value',
      ok: false,
      detail: 'IllegalSrpA'
    });
  });

  it('tells an unconfirmed user so after a good proof', async () => {
    const world = await poolWorld();
    await signUpCarol(world);
    const srp = await startSrp(world, 'carol');
    const answer = await callPool(world, 'RespondToAuthChallenge', await srp.answer('Passw0rd!'));
    expect(answer.body).toEqual({ __type: 'UserNotConfirmedException', message: 'User is not confirmed.' });
  });

  it('names a missing challenge response', async () => {
    const world = await poolWorld();
    const answer = await callPool(world, 'RespondToAuthChallenge', {
      ChallengeName: 'PASSWORD_VERIFIER',
      ClientId: world.config.userPool.clientId,
      ChallengeResponses: { USERNAME: 'alice' }
    });
    expect(answer.body).toEqual({
      __type: 'InvalidParameterException',
      message: 'Missing required parameter PASSWORD_CLAIM_SECRET_BLOCK'
    });
  });
});

describe('InitiateAuth REFRESH_TOKEN_AUTH', () => {
  it('mints new ID and access tokens in the same family, without a new refresh token', async () => {
    const world = await poolWorld();
    const first = tokensOf(await passwordSignIn(world, 'alice', ALICE_PASSWORD));
    world.clock.advance(50 * MINUTE);
    const answer = await refresh(world, first.RefreshToken ?? '');
    expect(answer.status).toBe(200);
    const second = tokensOf(answer);
    expect(second.RefreshToken).toBeUndefined();
    expect(second).toMatchObject({ ExpiresIn: 3600, TokenType: 'Bearer' });
    const [before, after] = [decodeJwt(first.IdToken), decodeJwt(second.IdToken)];
    expect(after.origin_jti).toBe(before.origin_jti);
    expect(after.auth_time).toBe(before.auth_time);
    expect(after.iat).toBe(Number(before.iat) + 50 * 60);
    expect(after.jti).not.toBe(before.jti);
  });

  it('refuses a refresh token it never issued', async () => {
    const world = await poolWorld();
    expect((await refresh(world, 'eyJ.not.a.real.token')).body).toEqual({
      __type: 'NotAuthorizedException',
      message: 'Invalid Refresh Token'
    });
  });

  it('refuses a refresh token older than 30 days', async () => {
    const world = await poolWorld();
    const tokens = tokensOf(await passwordSignIn(world, 'alice', ALICE_PASSWORD));
    world.clock.advance(30 * 24 * 60 * MINUTE);
    expect((await refresh(world, tokens.RefreshToken ?? '')).body).toEqual({
      __type: 'NotAuthorizedException',
      message: 'Refresh Token has expired'
    });
  });
});
