// Carries: the `where` words written and read back, and what each service records it found, even on a refusal.
import { SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  carriedValue,
  createWorld,
  inBody,
  inHeader,
  inQuery,
  parsePath,
  parseWhere,
  pathText,
  signedRequestCarries,
  type Carried,
  type TraceEntry,
  type World
} from '../../src/lib/sim';
import { tokenKind } from '../../src/lib/sim/carried';
import { testKeys } from '../support/keys';

const NOW = Date.UTC(2026, 10, 28, 9, 0, 0);

function unsigned(claims: Record<string, unknown>): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .sign(new TextEncoder().encode('a test secret, not a key'));
}

describe('where, written and read back', () => {
  it('names members plainly and quotes the rest, and parses back to the same path', () => {
    const logins = 'cognito-idp.us-east-1.amazonaws.com/us-east-1_Ab3dE5gH7';
    expect(inBody('AuthenticationResult', 'IdToken')).toBe('body AuthenticationResult.IdToken');
    expect(inBody('Logins', logins)).toBe(`body Logins[${JSON.stringify(logins)}]`);
    expect(inBody('multiValueHeaders', 'authorization', 0)).toBe('body multiValueHeaders.authorization[0]');
    expect(inHeader('Authorization')).toBe('header Authorization');
    expect(inQuery('WebIdentityToken')).toBe('query WebIdentityToken');
    for (const path of [['Logins', logins], ['a', 0, 'b'], ['with "quotes"', 'x.y'], ['$ok_1']]) {
      expect(parsePath(pathText(path))).toEqual(path);
    }
    expect(parseWhere(inBody('Logins', logins))).toEqual({ part: 'body', path: ['Logins', logins] });
    expect(parseWhere('header X-Amz-Security-Token')).toEqual({
      part: 'header',
      name: 'X-Amz-Security-Token'
    });
  });

  it('refuses words that are no place', () => {
    for (const where of [
      '',
      'body',
      'body ',
      'cookie session',
      'body .a',
      'body a..b',
      'body a[x]',
      'body ['
    ]) {
      expect(parseWhere(where), where).toBeUndefined();
    }
  });

  it('reads the value a carry names from a header, the query, a JSON, form or XML body', () => {
    const json = {
      method: 'POST',
      url: 'https://x/',
      headers: { Authorization: 'Bearer t' },
      body: '{"a":{"b":["x",{"c":"y"}]}}'
    };
    expect(carriedValue(json, 'header authorization')).toBe('Bearer t');
    expect(carriedValue(json, 'body a.b[1].c')).toBe('y');
    expect(carriedValue(json, 'body a.b[1]')).toBe('{"c":"y"}');
    expect(carriedValue(json, 'body a.missing')).toBeUndefined();
    expect(carriedValue(json, 'body a.b[7]')).toBeUndefined();
    const form = {
      method: 'POST',
      url: 'https://sts.amazonaws.com/?WebIdentityToken=q',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=AssumeRoleWithWebIdentity&WebIdentityToken=f'
    };
    expect(carriedValue(form, 'body WebIdentityToken')).toBe('f');
    expect(carriedValue(form, 'query WebIdentityToken')).toBe('q');
    expect(carriedValue(form, 'body WebIdentityToken.x')).toBeUndefined();
    const xml = {
      status: 200,
      headers: { 'content-type': 'text/xml' },
      body: '<R><Result><Credentials><AccessKeyId>ASIA1</AccessKeyId><SessionToken>a&amp;b</SessionToken></Credentials></Result></R>'
    };
    expect(carriedValue(xml, 'body Result.Credentials')).toContain('<AccessKeyId>ASIA1</AccessKeyId>');
    expect(carriedValue(xml, 'body Result.Credentials.SessionToken')).toBe('a&b');
    expect(carriedValue(xml, 'body Result.Nothing')).toBeUndefined();
    expect(carriedValue(xml, 'query Anything')).toBeUndefined();
  });

  it('says a token is what its claims say, and what the field is for when they say nothing', async () => {
    expect(tokenKind(await unsigned({ token_use: 'access' }), 'id-token')).toBe('access-token');
    expect(tokenKind(`Bearer ${await unsigned({ token_use: 'id' })}`, 'access-token')).toBe('id-token');
    expect(tokenKind(await unsigned({ iss: 'https://accounts.google.com' }), 'id-token')).toBe(
      'google-id-token'
    );
    expect(tokenKind(await unsigned({ iss: 'https://cognito-identity.amazonaws.com' }), 'id-token')).toBe(
      'openid-token'
    );
    expect(tokenKind(await unsigned({ sub: 'x' }), 'id-token')).toBe('id-token');
    expect(tokenKind('eyJ.not.a.jwe.really', 'refresh-token')).toBe('refresh-token');
  });

  it('finds a SigV4 signature and its session token, and nothing in a JWT or no Authorization', () => {
    const signed = new Headers({
      authorization:
        'AWS4-HMAC-SHA256 Credential=ASIA1/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=00',
      'x-amz-security-token': 'token'
    });
    expect(signedRequestCarries(signed).map((carry) => carry.where)).toEqual([
      'header Authorization',
      'header X-Amz-Security-Token'
    ]);
    expect(signedRequestCarries(new Headers({ authorization: 'eyJhbGciOi.x.y' }))).toEqual([]);
    expect(signedRequestCarries(new Headers())).toEqual([]);
  });
});

describe('what the services record they found', () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld({ seed: 'carried', now: NOW, keys: testKeys });
  });

  const userPool = () => `https://cognito-idp.${world.config.region}.amazonaws.com/`;
  const identity = () => `https://cognito-identity.${world.config.region}.amazonaws.com/`;

  async function send(url: string, target: string, input: unknown): Promise<TraceEntry> {
    await world.fetch(
      new Request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target },
        body: JSON.stringify(input)
      })
    );
    const last = world.trace.entries.filter((entry) => entry.from === 'app').at(-1);
    if (last === undefined) throw new Error('nothing was traced');
    return last;
  }

  const carried = (entry: TraceEntry, direction: Carried['in']) =>
    entry.carries.filter((carry) => carry.in === direction).map(({ kind, where }) => ({ kind, where }));

  async function signIn(): Promise<{ IdToken: string; AccessToken: string; RefreshToken: string }> {
    const user = world.config.demoUsers[0];
    if (!user) throw new Error('no demo user');
    const entry = await send(userPool(), 'AWSCognitoIdentityProviderService.InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: world.config.userPool.clientId,
      AuthParameters: { USERNAME: user.username, PASSWORD: user.password }
    });
    expect(carried(entry, 'request')).toEqual([{ kind: 'password', where: 'body AuthParameters.PASSWORD' }]);
    return (JSON.parse(entry.response.body) as { AuthenticationResult: never }).AuthenticationResult;
  }

  it('a refused SignUp still carried the password it sent', async () => {
    const entry = await send(userPool(), 'AWSCognitoIdentityProviderService.SignUp', {
      ClientId: 'no-such-client',
      Username: 'eve',
      Password: 'Hunter-22!'
    });
    expect(entry.outcome).toBe('refused');
    expect(carried(entry, 'request')).toEqual([{ kind: 'password', where: 'body Password' }]);
  });

  it('an access token sent as a login is recorded as the access token it is', async () => {
    const { AccessToken } = await signIn();
    const provider = world.identityPool.providerNames.find((name) => name.startsWith('cognito-idp.')) ?? '';
    const entry = await send(identity(), 'AWSCognitoIdentityService.GetId', {
      IdentityPoolId: world.config.identityPool.id,
      Logins: { [provider]: AccessToken }
    });
    expect(entry.outcome).toBe('refused');
    expect(carried(entry, 'request')).toEqual([{ kind: 'access-token', where: inBody('Logins', provider) }]);
  });

  it('RevokeToken records a refresh token as one, and an ID token sent there as an ID token', async () => {
    const { IdToken, RefreshToken } = await signIn();
    const revoke = (token: string) =>
      send(userPool(), 'AWSCognitoIdentityProviderService.RevokeToken', {
        Token: token,
        ClientId: world.config.userPool.clientId
      });
    expect(carried(await revoke(IdToken), 'request')).toEqual([{ kind: 'id-token', where: 'body Token' }]);
    expect(carried(await revoke(RefreshToken), 'request')).toEqual([
      { kind: 'refresh-token', where: 'body Token' }
    ]);
  });

  it('STS records a web identity token sent in the query string there, and gives no credentials on a refusal', async () => {
    const token = await unsigned({ iss: 'https://cognito-identity.amazonaws.com', sub: 'x', aud: 'y' });
    const query = new URLSearchParams({
      Action: 'AssumeRoleWithWebIdentity',
      Version: '2011-06-15',
      RoleArn: `arn:aws:iam::${world.config.accountId}:role/Nobody`,
      RoleSessionName: 'test',
      WebIdentityToken: token
    });
    await world.fetch(new Request(`https://sts.amazonaws.com/?${query.toString()}`));
    const entry = world.trace.entries.at(-1);
    expect(entry?.outcome).toBe('refused');
    expect(entry && carried(entry, 'request')).toEqual([
      { kind: 'openid-token', where: 'query WebIdentityToken' }
    ]);
    expect(entry && carried(entry, 'response')).toEqual([]);
  });
});
