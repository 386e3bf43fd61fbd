// The Cognito services' JSON error envelope: the code in x-amzn-ErrorType, the message in x-amzn-ErrorMessage too.

import { describe, expect, it } from 'vitest';
import { headerSafe } from '../../../src/lib/sim/http';
import { passwordSignIn, poolWorld } from '../../support/user-pool';
import { callIdentity, identityWorld } from './identity-pool/wire';

describe('Cognito error headers', () => {
  it('the user pool sends its message in x-amzn-ErrorMessage as well as in the body', async () => {
    const world = await poolWorld();
    const answer = await passwordSignIn(world, 'alice', 'not-her-password');
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      __type: 'NotAuthorizedException',
      message: 'Incorrect username or password.'
    });
    expect(answer.headers.get('x-amzn-errortype')).toBe('NotAuthorizedException:');
    expect(answer.headers.get('x-amzn-errormessage')).toBe('Incorrect username or password.');
  });

  it('the identity pool does too', async () => {
    const world = await identityWorld();
    const answer = await callIdentity(world, 'GetId', {
      IdentityPoolId: 'us-east-1:00000000-0000-4000-8000-000000000000'
    });
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(typeof answer.body.message).toBe('string');
    expect(answer.headers.get('x-amzn-errormessage')).toBe(answer.body.message);
  });

  it('a message a header cannot hold is percent-encoded there, never a thrown TypeError', () => {
    expect(headerSafe('plain words.')).toBe('plain words.');
    expect(headerSafe('line\nbreak é')).toBe('line%0Abreak %C3%A9');
    expect(headerSafe('lone \ud800')).toBe('lone %EF%BF%BD');
    expect(() => new Headers({ 'x-amzn-errormessage': headerSafe('a\r\nb ☃ \ud800') })).not.toThrow();
  });
});
