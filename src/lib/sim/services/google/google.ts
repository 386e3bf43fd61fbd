// The simulated Google identity provider: signs Google-style id_tokens for an email and serves its JWKS.

import { SignJWT } from 'jose';
import { createSigningKey, jwks, type SigningKey } from '../../crypto/keys';
import { jsonResponse } from '../../http';
import { DIGITS } from '../../random';
import type { Service, ServiceEnv } from '../../service';

/** Where Google publishes its signing keys (the `jwks_uri` of its discovery document). */
export const GOOGLE_JWKS_URI = 'https://www.googleapis.com/oauth2/v3/certs';
export const GOOGLE_DISCOVERY_URI = 'https://accounts.google.com/.well-known/openid-configuration';

/** Google's id_tokens are valid for one hour. */
export const GOOGLE_TOKEN_LIFETIME_SECONDS = 3600;

export interface GoogleIdTokenClaims {
  iss: string;
  azp: string;
  aud: string;
  sub: string;
  email: string;
  email_verified: boolean;
  iat: number;
  exp: number;
  jti: string;
}

/** Google as a participant of the world: its public endpoints, and the sign-in the learner does on Google's own page. */
export interface GoogleIdp extends Service {
  readonly id: 'google';
  /**
   * Signs `email` in at Google and returns the id_token Google hands the app. The sign-in itself
   * happens in Google's own window (a popup or redirect), not through the app's fetch, so it is not
   * an exchange of the trace; only what the app does with the token is.
   */
  signIn(email: string): Promise<string>;
  /** The stable numeric `sub` Google uses for this email (drawn once, from the seed). */
  subjectOf(email: string): string;
  /** The key that signs new tokens (tests forge with other keys). */
  readonly signingKey: SigningKey;
}

export async function createGoogle(env: ServiceEnv): Promise<GoogleIdp> {
  const { config, clock, random } = env;
  // Google's kids are 40 hex digits (a SHA-1 of the key); ours come from the seed.
  const signingKey = await createSigningKey(random.hex(20), env.keys, 'google/id-token');
  const subjects = new Map<string, string>();

  const subjectOf = (email: string): string => {
    const normalised = email.trim().toLowerCase();
    let sub = subjects.get(normalised);
    if (sub === undefined) {
      // Google's sub is a decimal string of 21 digits, unique per account and never reused.
      sub = `1${random.pick(DIGITS, 20)}`;
      subjects.set(normalised, sub);
    }
    return sub;
  };

  const signIn = async (email: string): Promise<string> => {
    const iat = Math.floor(clock.now() / 1000);
    const claims: GoogleIdTokenClaims = {
      iss: config.google.issuer,
      // azp: the client that asked for the token; aud: the client it is for. For a web app, the same.
      azp: config.google.clientId,
      aud: config.google.clientId,
      sub: subjectOf(email),
      email: email.trim().toLowerCase(),
      email_verified: true,
      iat,
      exp: iat + GOOGLE_TOKEN_LIFETIME_SECONDS,
      jti: random.hex(20)
    };
    return new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: signingKey.kid, typ: 'JWT' })
      .sign(signingKey.privateKey);
  };

  return {
    id: 'google',
    handles: (url) => url.host === 'www.googleapis.com' || url.host === 'accounts.google.com',
    async handle(request, ctx) {
      const url = new URL(request.url);
      const json = (body: unknown, status = 200) =>
        // Google's key and discovery documents are plain JSON that clients may cache for hours.
        jsonResponse(body, {
          status,
          contentType: 'application/json; charset=UTF-8',
          requestId: ctx.requestId,
          headers: status === 200 ? { 'cache-control': 'public, max-age=21600' } : {}
        });
      if (request.method !== 'GET') {
        ctx.reject({
          reason: `Google's key and discovery documents only answer GET, not ${request.method}.`
        });
        return json({ error: 'method_not_allowed' }, 405);
      }
      if (url.host === 'www.googleapis.com' && url.pathname === '/oauth2/v3/certs') {
        return json(jwks([signingKey]));
      }
      if (url.host === 'accounts.google.com' && url.pathname === '/.well-known/openid-configuration') {
        return json({
          issuer: config.google.issuer,
          authorization_endpoint: 'https://accounts.google.com/o/oauth2/v2/auth',
          token_endpoint: 'https://oauth2.googleapis.com/token',
          jwks_uri: GOOGLE_JWKS_URI,
          response_types_supported: ['code', 'token', 'id_token', 'code id_token'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256']
        });
      }
      ctx.reject({ reason: `Nothing is published at ${url.host}${url.pathname} in this simulation.` });
      return json({ error: 'not_found' }, 404);
    },
    signIn,
    subjectOf,
    signingKey
  };
}

export function isGoogle(service: Service): service is GoogleIdp {
  return service.id === 'google' && 'signIn' in service;
}
