// SignUp, ConfirmSignUp and ResendConfirmationCode over the wire: AWS codes, messages, mail and the account machine.
import { describe, expect, it } from 'vitest';
import { callPool, lastExchange, poolWorld } from '../../../support/user-pool';
import type { World } from '$lib/sim';

const DAY_MS = 24 * 60 * 60 * 1000;

function signUp(world: World, overrides: Record<string, unknown> = {}) {
  return callPool(world, 'SignUp', {
    ClientId: world.config.userPool.clientId,
    Username: 'carol',
    Password: 'Passw0rd!',
    UserAttributes: [{ Name: 'email', Value: 'carol@example.com' }],
    ...overrides
  });
}

function confirm(world: World, code: string, username = 'carol') {
  return callPool(world, 'ConfirmSignUp', {
    ClientId: world.config.userPool.clientId,
    Username: username,
    ConfirmationCode: code
  });
}

function inboxCode(world: World, email = 'carol@example.com'): string {
  const mail = world.inbox.latest(email);
  if (!mail) throw new Error(`no mail for ${email}`);
  return mail.code;
}

describe('SignUp', () => {
  it('creates an unconfirmed user and emails a 6-digit code', async () => {
    const world = await poolWorld();
    const answer = await signUp(world);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      UserConfirmed: false,
      UserSub: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      CodeDeliveryDetails: { Destination: 'c***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' }
    });
    expect(world.inbox.latest('carol@example.com')).toEqual({
      subject: 'Your verification code',
      code: expect.stringMatching(/^\d{6}$/)
    });
    expect(world.userPool.account('carol')?.state).toBe('unconfirmed');
    expect(answer.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(answer.headers.get('x-amzn-requestid')).toBeTruthy();
  });

  it('keeps a salt and SRP verifier, never the password', async () => {
    const world = await poolWorld();
    await signUp(world);
    const view = world.userPool.account('carol');
    expect(view?.context.salt).toMatch(/^[0-9a-f]+$/);
    expect(view?.context.verifier).toMatch(/^[0-9a-f]{768,770}$/);
    expect(JSON.stringify(view)).not.toContain('Passw0rd!');
    // The demo users too: they start confirmed, from a verifier made at world creation.
    const alice = world.userPool.account('alice');
    expect(alice?.state).toBe('confirmed');
    expect(JSON.stringify(alice)).not.toContain(world.config.demoUsers[0]?.password);
  });

  it.each([
    ['Pa0!', 'Password not long enough'],
    ['passw0rd!', 'Password must have uppercase characters'],
    ['PASSW0RD!', 'Password must have lowercase characters'],
    ['Password!', 'Password must have numeric characters'],
    ['Passw0rdd', 'Password must have symbol characters'],
    [' Passw0rd ', 'Password must have symbol characters']
  ])('refuses %j: %s', async (password, rule) => {
    const world = await poolWorld();
    const answer = await signUp(world, { Password: password });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('x-amzn-errortype')).toBe('InvalidPasswordException:');
    expect(answer.body).toEqual({
      __type: 'InvalidPasswordException',
      message: `Password did not conform with policy: ${rule}`
    });
    expect(world.userPool.account('carol')).toBeUndefined();
  });

  it('accepts an inner space as the symbol', async () => {
    const world = await poolWorld();
    expect((await signUp(world, { Password: 'Pass w0rd' })).status).toBe(200);
  });

  it('refuses a taken username, whatever its case', async () => {
    const world = await poolWorld();
    for (const username of ['alice', 'ALICE']) {
      const answer = await signUp(world, { Username: username });
      expect(answer.body).toEqual({ __type: 'UsernameExistsException', message: 'User already exists' });
    }
  });

  it('requires an email attribute', async () => {
    const world = await poolWorld();
    const answer = await signUp(world, { UserAttributes: [] });
    expect(answer.body).toEqual({
      __type: 'InvalidParameterException',
      message: 'Attributes did not conform to the schema: email: The attribute is required'
    });
    const bad = await signUp(world, { UserAttributes: [{ Name: 'email', Value: 'not-an-email' }] });
    expect(bad.body).toEqual({
      __type: 'InvalidParameterException',
      message: 'Invalid email address format.'
    });
  });

  it('refuses an unknown app client and a missing member', async () => {
    const world = await poolWorld();
    const unknown = await signUp(world, { ClientId: 'abc' });
    expect(unknown.body).toEqual({
      __type: 'ResourceNotFoundException',
      message: 'User pool client abc does not exist.'
    });
    const missing = await signUp(world, { Username: undefined });
    expect(missing.body).toEqual({
      __type: 'InvalidParameterException',
      message:
        "1 validation error detected: Value at 'username' failed to satisfy constraint: Member must not be null"
    });
  });
});

describe('ConfirmSignUp', () => {
  it('confirms with the emailed code, once', async () => {
    const world = await poolWorld();
    await signUp(world);
    const answer = await confirm(world, inboxCode(world));
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({});
    const view = world.userPool.account('carol');
    expect(view?.state).toBe('confirmed');
    expect(view?.context.emailVerified).toBe(true);
    const again = await confirm(world, inboxCode(world));
    expect(again.body).toEqual({
      __type: 'NotAuthorizedException',
      message: 'User cannot be confirmed. Current status is CONFIRMED'
    });
  });

  it('refuses a wrong code with CodeMismatchException', async () => {
    const world = await poolWorld();
    await signUp(world);
    const wrong = inboxCode(world) === '000000' ? '111111' : '000000';
    const answer = await confirm(world, wrong);
    expect(answer.body).toEqual({
      __type: 'CodeMismatchException',
      message: 'Invalid verification code provided, please try again.'
    });
    expect(lastExchange(world).reason).toBe(`${wrong} is not the code sent to carol@example.com.`);
    expect(world.userPool.account('carol')?.state).toBe('unconfirmed');
  });

  it('refuses a code more than 24 hours old, and a resent code works', async () => {
    const world = await poolWorld();
    await signUp(world);
    const first = inboxCode(world);
    world.clock.advance(DAY_MS + 1000);
    const late = await confirm(world, first);
    expect(late.body).toEqual({
      __type: 'ExpiredCodeException',
      message: 'Invalid code provided, please request a code again.'
    });
    const resent = await callPool(world, 'ResendConfirmationCode', {
      ClientId: world.config.userPool.clientId,
      Username: 'carol'
    });
    expect(resent.body).toEqual({
      CodeDeliveryDetails: { Destination: 'c***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' }
    });
    const second = inboxCode(world);
    if (second !== first) {
      // The replaced code no longer works, even though it has not expired by the clock any more than before.
      expect((await confirm(world, first)).body.__type).toBe('ExpiredCodeException');
    }
    expect((await confirm(world, second)).status).toBe(200);
  });

  it('accepts a code just under 24 hours old', async () => {
    const world = await poolWorld();
    await signUp(world);
    world.clock.advance(DAY_MS - 1000);
    expect((await confirm(world, inboxCode(world))).status).toBe(200);
  });

  it('does not reveal whether a user exists', async () => {
    const world = await poolWorld();
    const answer = await confirm(world, '123456', 'nobody');
    expect(answer.body.__type).toBe('CodeMismatchException');
    expect(lastExchange(world).reason).toMatch(/^No user named nobody exists/);
  });
});

describe('ResendConfirmationCode', () => {
  it('refuses a confirmed user', async () => {
    const world = await poolWorld();
    const answer = await callPool(world, 'ResendConfirmationCode', {
      ClientId: world.config.userPool.clientId,
      Username: 'alice'
    });
    expect(answer.body).toEqual({
      __type: 'InvalidParameterException',
      message: 'User is already confirmed.'
    });
  });

  it('pretends to send a code to an unknown user', async () => {
    const world = await poolWorld();
    const answer = await callPool(world, 'ResendConfirmationCode', {
      ClientId: world.config.userPool.clientId,
      Username: 'nobody'
    });
    expect(answer.status).toBe(200);
    expect(answer.body.CodeDeliveryDetails).toMatchObject({
      DeliveryMedium: 'EMAIL',
      AttributeName: 'email'
    });
    expect(lastExchange(world).checks).toContainEqual(
      expect.objectContaining({ id: 'account.exists', ok: false })
    );
  });
});

describe('determinism', () => {
  it('draws the same subs and codes from the same seed', async () => {
    const run = async () => {
      const world = await poolWorld({ seed: 'same' });
      const answer = await signUp(world);
      return [answer.body.UserSub, inboxCode(world), world.userPool.account('alice')?.context.sub];
    };
    const [first, second] = [await run(), await run()];
    expect(first).toEqual(second);
    const other = await poolWorld({ seed: 'other' });
    expect((await signUp(other)).body.UserSub).not.toBe(first[0]);
  });
});

describe('the wire', () => {
  it('answers an unknown operation with UnknownOperationException', async () => {
    const world = await poolWorld();
    const answer = await callPool(world, 'AdminDeleteUser', {});
    expect(answer.status).toBe(400);
    expect(answer.body.__type).toBe('UnknownOperationException');
  });
});
