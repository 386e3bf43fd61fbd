// Clients no one here wrote, against the simulated pool: the AWS SDK v3, amazon-cognito-identity-js and aws-jwt-verify.
import {
  CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  GetUserCommand,
  InitiateAuthCommand,
  NotAuthorizedException,
  SignUpCommand
} from '@aws-sdk/client-cognito-identity-provider';
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserPool,
  type CognitoUserSession
} from 'amazon-cognito-identity-js';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWorld, type World } from '$lib/sim';
import { testKeys } from '../../../support/keys';
import { worldRequestHandler } from '../../../support/sdk';
import { passwordSignIn, tokensOf } from '../../../support/user-pool';

const ALICE_PASSWORD = 'Correct-Horse-42';

// Verifiers outside the world use the real clock, so these worlds start at the current time (no `now`).
function realTimeWorld(): Promise<World> {
  return createWorld({ seed: 'conformance', keys: testKeys });
}

function sdkClient(world: World) {
  return new CognitoIdentityProviderClient({
    region: 'us-east-1',
    requestHandler: worldRequestHandler(world)
  });
}

/** aws-jwt-verify with a JWKS cache whose fetcher goes through world.fetch: no network. */
function verifiers(world: World) {
  const jwksCache = new SimpleJwksCache({
    fetcher: {
      fetch: async (uri: string) => {
        const response = await world.fetch(new Request(uri));
        if (!response.ok) throw new Error(`JWKS fetch failed: ${response.status}`);
        return response.arrayBuffer();
      }
    }
  });
  const { id: userPoolId, clientId } = world.config.userPool;
  return {
    id: CognitoJwtVerifier.create({ userPoolId, tokenUse: 'id', clientId }, { jwksCache }),
    access: CognitoJwtVerifier.create({ userPoolId, tokenUse: 'access', clientId }, { jwksCache })
  };
}

describe('@aws-sdk/client-cognito-identity-provider', () => {
  it('signs up, confirms with the mailed code and signs in with USER_PASSWORD_AUTH', async () => {
    const world = await realTimeWorld();
    const client = sdkClient(world);
    const ClientId = world.config.userPool.clientId;
    const signedUp = await client.send(
      new SignUpCommand({
        ClientId,
        Username: 'carol',
        Password: 'Passw0rd!',
        UserAttributes: [{ Name: 'email', Value: 'carol@example.com' }]
      })
    );
    expect(signedUp).toMatchObject({
      UserConfirmed: false,
      UserSub: expect.any(String),
      CodeDeliveryDetails: { Destination: 'c***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' }
    });
    const code = world.inbox.latest('carol@example.com')?.code ?? '';
    await client.send(new ConfirmSignUpCommand({ ClientId, Username: 'carol', ConfirmationCode: code }));
    const signedIn = await client.send(
      new InitiateAuthCommand({
        ClientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'carol', PASSWORD: 'Passw0rd!' }
      })
    );
    expect(signedIn.AuthenticationResult).toMatchObject({ ExpiresIn: 3600, TokenType: 'Bearer' });
    const user = await client.send(
      new GetUserCommand({ AccessToken: signedIn.AuthenticationResult?.AccessToken })
    );
    expect(user.Username).toBe('carol');
    expect(user.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('surfaces the pool errors as the SDK error classes', async () => {
    const world = await realTimeWorld();
    const client = sdkClient(world);
    const attempt = client.send(
      new InitiateAuthCommand({
        ClientId: world.config.userPool.clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'alice', PASSWORD: 'Wrong-Horse-42' }
      })
    );
    await expect(attempt).rejects.toBeInstanceOf(NotAuthorizedException);
    await expect(attempt).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
      $metadata: { httpStatusCode: 400 }
    });
  });
});

describe('amazon-cognito-identity-js', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  /** The library calls the global fetch itself; in this test only, that fetch is the world's. */
  function routeFetchToWorld(world: World) {
    vi.stubGlobal('fetch', (input: string | URL | Request, init?: RequestInit) =>
      world.fetch(new Request(input, init))
    );
  }

  function authenticate(world: World, username: string, password: string): Promise<CognitoUserSession> {
    const pool = new CognitoUserPool({
      UserPoolId: world.config.userPool.id,
      ClientId: world.config.userPool.clientId
    });
    const user = new CognitoUser({ Username: username, Pool: pool });
    return new Promise((resolve, reject) =>
      user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), {
        onSuccess: resolve,
        onFailure: reject
      })
    );
  }

  it('completes an SRP sign-in (USER_SRP_AUTH + PASSWORD_VERIFIER)', async () => {
    const world = await realTimeWorld();
    routeFetchToWorld(world);
    const session = await authenticate(world, 'alice', ALICE_PASSWORD);
    expect(session.isValid()).toBe(true);
    expect(session.getIdToken().payload['cognito:username']).toBe('alice');
    expect(world.trace.entries.map((entry) => [entry.operation, entry.outcome])).toEqual([
      ['InitiateAuth', 'ok'],
      ['RespondToAuthChallenge', 'ok']
    ]);
    expect(JSON.parse(world.trace.entries[0]?.request.body ?? '{}')).toMatchObject({
      AuthFlow: 'USER_SRP_AUTH'
    });
    expect(JSON.stringify(world.trace.entries)).not.toContain(ALICE_PASSWORD);
  });

  it('is refused with NotAuthorizedException for a wrong password', async () => {
    const world = await realTimeWorld();
    routeFetchToWorld(world);
    await expect(authenticate(world, 'alice', 'Wrong-Horse-42')).rejects.toMatchObject({
      code: 'NotAuthorizedException',
      message: 'Incorrect username or password.'
    });
    expect(world.trace.entries.at(-1)?.reason).toBe(
      'The password proof did not match the verifier stored for alice.'
    );
  });
});

describe('aws-jwt-verify', () => {
  it('accepts the pool’s ID and access tokens, fetching the JWKS through the world', async () => {
    const world = await realTimeWorld();
    const tokens = tokensOf(await passwordSignIn(world, 'alice', ALICE_PASSWORD));
    const { id, access } = verifiers(world);
    await expect(id.verify(tokens.IdToken)).resolves.toMatchObject({
      token_use: 'id',
      'cognito:username': 'alice'
    });
    await expect(access.verify(tokens.AccessToken)).resolves.toMatchObject({
      token_use: 'access',
      username: 'alice'
    });
    await expect(id.verify(tokens.AccessToken)).rejects.toThrow();
    await expect(access.verify(tokens.IdToken)).rejects.toThrow();
    expect(world.trace.entries.some((entry) => entry.operation.endsWith('/.well-known/jwks.json'))).toBe(
      true
    );
  });

  it('accepts the new kid after rotation and rejects tokens of a removed kid', async () => {
    const world = await realTimeWorld();
    const before = tokensOf(await passwordSignIn(world, 'alice', ALICE_PASSWORD));
    const old = world.userPool.signingKids();
    await verifiers(world).id.verify(before.IdToken);

    await world.userPool.rotateKeys();
    const after = tokensOf(await passwordSignIn(world, 'alice', ALICE_PASSWORD));
    const fresh = verifiers(world);
    await expect(fresh.id.verify(after.IdToken)).resolves.toBeTruthy();
    await expect(fresh.access.verify(after.AccessToken)).resolves.toBeTruthy();
    await expect(fresh.id.verify(before.IdToken)).resolves.toBeTruthy();

    world.userPool.removeKey(old.idTokenKid);
    world.userPool.removeKey(old.accessTokenKid);
    // A fresh verifier per case: aws-jwt-verify puts a JWKS URI in a 10 s penalty box after a miss.
    await expect(verifiers(world).id.verify(before.IdToken)).rejects.toThrow(/kid/i);
    await expect(verifiers(world).access.verify(before.AccessToken)).rejects.toThrow(/kid/i);
    await expect(verifiers(world).id.verify(after.IdToken)).resolves.toBeTruthy();
  });
});
