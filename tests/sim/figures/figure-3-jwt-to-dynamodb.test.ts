// Figure 3, end to end: a user-pool JWT sent straight to DynamoDB is refused before anything else is looked at.

import { describe, expect, it } from 'vitest';
import { dynamoRequest, identityWorld, signIn } from '../services/identity-pool/wire';
import { hopsSince } from './hops';

describe('figure 3: the JWT straight to DynamoDB', () => {
  it.each([
    ['as a Bearer token', (token: string) => `Bearer ${token}`],
    ['bare', (token: string) => token]
  ])('answers MissingAuthenticationTokenException for the ID token %s', async (_how, header) => {
    const world = await identityWorld();
    const { IdToken } = await signIn(world);
    const response = await world.fetch(
      dynamoRequest(
        'GetItem',
        { TableName: 'Orders', Key: { orderId: { S: '42' } } },
        { authorization: header(IdToken) }
      )
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      __type: 'com.amazon.coral.service#MissingAuthenticationTokenException',
      message: 'Request is missing Authentication Token'
    });
    expect(hopsSince(world)).toEqual(['app→user-pool InitiateAuth 200', 'app→dynamodb GetItem 400']);
    const refused = world.trace.entries.at(-1);
    expect(refused).toMatchObject({
      outcome: 'refused',
      error: { code: 'MissingAuthenticationTokenException' }
    });
    // DynamoDB never asked the user pool anything: it does not know it, and it evaluated no policy.
    expect(refused?.decisions).toBeUndefined();
    expect(refused?.reason).toMatch(/AWS4-|SigV4|signature/);
  });
});
