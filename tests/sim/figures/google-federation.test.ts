// Google-only federation, end to end: a Google id_token becomes AWS credentials; no user pool anywhere in the trace.

import { describe, expect, it } from 'vitest';
import { callDynamo, credentialsFor, getId, identityWorld } from '../services/identity-pool/wire';
import { hopsSince } from './hops';

describe('federation with Google, no user pool', () => {
  it('trades the Google token for credentials and writes a note under the identity id', async () => {
    const world = await identityWorld();
    const token = await world.google.signIn('dana@gmail.com');
    const logins = { 'accounts.google.com': token };
    const identityId = await getId(world, logins);
    const { Credentials } = await credentialsFor(world, identityId, logins);
    const put = await callDynamo(world, Credentials, 'PutItem', {
      TableName: 'UserNotes',
      Item: { identityId: { S: identityId }, noteId: { S: 'first' }, text: { S: 'Hello from Google' } }
    });
    expect(put.status).toBe(200);

    expect(hopsSince(world)).toEqual([
      'app→identity-pool GetId 200',
      '  identity-pool→google GET /oauth2/v3/certs 200',
      'app→identity-pool GetCredentialsForIdentity 200',
      '  identity-pool→sts AssumeRoleWithWebIdentity 200',
      'app→dynamodb PutItem 200'
    ]);
    expect(world.trace.entries.some((entry) => entry.from === 'user-pool' || entry.to === 'user-pool')).toBe(
      false
    );
    const session = world.credentials.lookup(Credentials.AccessKeyId);
    expect(session?.variables['cognito-identity.amazonaws.com:amr']).toEqual([
      'authenticated',
      'accounts.google.com',
      expect.stringMatching(/^accounts\.google\.com:\d{21}$/)
    ]);
    expect(world.trace.entries.at(-1)?.decisions?.[0]?.resolvedVariables).toEqual({
      'cognito-identity.amazonaws.com:sub': identityId
    });
  });
});
