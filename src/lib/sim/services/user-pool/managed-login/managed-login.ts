// The user pool's domain: managed login (the hosted sign-in page) and its OAuth 2.0 endpoints, authorize, token and userInfo.
//
// Written by hand: no library simulates Cognito's domain. The wire follows Amazon Cognito Developer Guide,
// "User pool endpoints reference": "The redirect and authorization endpoint" (authorization-endpoint.html),
// "The login endpoint" (login-endpoint.html), "The token issuer endpoint" (token-endpoint.html) and "The user
// attributes endpoint" (userinfo-endpoint.html). Where a refusal's shape is not in the guide, the source is
// named at the check. The same pool state as the user pool API: the same users, verifiers and token families.

import { createActor, type Actor } from 'xstate';
import { carriedIn, carryFoundToken, inBody, inHeader } from '../../../carried';
import { isServiceError, serviceError } from '../../../http';
import { createVerifier } from '../../../crypto/srp';
import type { ExchangeContext } from '../../../service';
import { withoutBearer } from '../../../wire';
import { hexToBytes } from '../encoding';
import { findAccount, type UserPoolState } from '../pool-state';
import { startTokenFamily } from '../sign-in';
import { TOKEN_LIFETIME_SECONDS, verifyAccessToken } from '../tokens';
import { authorizationCodeMachine } from './authorization-code';
import { CODE_VERIFIER_PATTERN, s256Challenge } from './pkce';

/** The OAuth 2.0 error codes this domain answers with (RFC 6749 §4.1.2.1 and §5.2, and Cognito's own). */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'invalid_scope'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'redirect_mismatch'
  | 'invalid_token';

export type AuthorizationCodeActor = Actor<typeof authorizationCodeMachine>;

/** The authorize request's parameters, as /oauth2/authorize receives them and /login carries them on. */
interface AuthorizeRequest {
  clientId: string;
  redirectUri: string;
  responseType: string;
  scope: string[];
  state?: string;
  codeChallenge?: string;
}

/** Where a refusal sends the browser: Cognito's error page, or the app's callback with `error` (and `state`). */
type AuthorizeRefusal = { to: 'error-page' | 'callback'; error: OAuthErrorCode; reason: string };

/** The OpenID Connect scopes every app client may be allowed; the rest are the admin scope and resource servers'. */
const OIDC_SCOPES = new Set(['openid', 'email', 'phone', 'profile']);

export interface ManagedLogin {
  /** The domain's host: `{prefix}.auth.{region}.amazoncognito.com`. */
  readonly host: string;
  handle(request: Request, ctx: ExchangeContext): Promise<Response>;
  /** `/.well-known/openid-configuration` on the issuer (the user pool API's host). */
  openIdConfiguration(ctx: ExchangeContext): Response;
}

export function createManagedLogin(pool: UserPoolState): ManagedLogin {
  const { config } = pool.env;
  const domain = config.userPool.domain;
  const host = new URL(domain).host;
  const client = config.userPool.managedLogin;
  /** Codes issued and not forgotten, by value (a UUID, as Cognito's are). */
  const codes = new Map<string, AuthorizationCodeActor>();
  const knownScopes = new Set([
    ...OIDC_SCOPES,
    'aws.cognito.signin.user.admin',
    ...config.userPool.resourceServers.flatMap((server) =>
      server.scopes.map((scope) => `${server.identifier}/${scope}`)
    )
  ]);

  const json = (body: unknown, status: number, ctx: ExchangeContext, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify(body), {
      status,
      headers: {
        'content-type': 'application/json;charset=UTF-8',
        'x-amzn-requestid': ctx.requestId,
        'cache-control': 'no-cache, no-store, max-age=0, must-revalidate',
        ...headers
      }
    });

  const redirect = (location: string, ctx: ExchangeContext) =>
    new Response(null, { status: 302, headers: { location, 'x-amzn-requestid': ctx.requestId } });

  /**
   * The token endpoint's refusals: HTTP 400, `{"error":"<code>"}` (token-endpoint.html, "Examples of negative
   * responses": `HTTP/1.1 400 Bad Request Content-Type: application/json;charset=UTF-8 {"error":"invalid_request|
   * invalid_client|invalid_grant|unauthorized_client|unsupported_grant_type"}`). No message on the wire: the
   * reason is the learner's.
   */
  const tokenError = (error: OAuthErrorCode, reason: string, ctx: ExchangeContext) => {
    ctx.reject(serviceError(error, '', reason));
    return json({ error }, 400, ctx);
  };

  /** Reads and judges an authorize request, recording each check; the first refusal wins. */
  function judgeAuthorize(
    params: URLSearchParams,
    ctx: ExchangeContext
  ): { ok: AuthorizeRequest } | { refused: AuthorizeRefusal } {
    const clientId = params.get('client_id') ?? '';
    const redirectUri = params.get('redirect_uri') ?? '';
    const responseType = params.get('response_type') ?? '';
    const scope = (params.get('scope') ?? '').split(/[ +]/).filter((item) => item !== '');
    // Without a known client and a registered redirect_uri Cognito cannot trust the callback, so it does not
    // send the browser there: it shows its own error page (RFC 6749 §4.1.2.1: "MUST NOT automatically redirect
    // the user-agent to the invalid redirection URI").
    if (!ctx.check('managed-login.client', clientId === pool.clientId, `client_id ${clientId}`)) {
      return {
        refused: {
          to: 'error-page',
          error: 'invalid_request',
          reason: `No app client of this pool has the id "${clientId}".`
        }
      };
    }
    if (
      !ctx.check(
        'managed-login.redirect-uri',
        client.callbackUrls.includes(redirectUri),
        `redirect_uri ${redirectUri}`
      )
    ) {
      // Cognito's answer to a redirect_uri that is not exactly one of the client's callback URLs: a redirect to
      // `/error?error=redirect_mismatch&client_id=…` on the pool's domain, as countless reports quote it (e.g.
      // Stack Overflow 48310155, "redirect_mismatch error when using Cognito hosted UI").
      return {
        refused: {
          to: 'error-page',
          error: 'redirect_mismatch',
          reason: `redirect_uri "${redirectUri}" is not one of the app client's callback URLs (${client.callbackUrls.join(', ')}); the match is exact, trailing slash and all.`
        }
      };
    }
    const state = params.get('state') ?? undefined;
    // From here on the callback is trusted, so refusals go back to it with `error` (authorization-endpoint.html,
    // "Examples of negative responses": invalid_request, unauthorized_client, invalid_scope).
    const back = (error: OAuthErrorCode, reason: string) => ({
      refused: { to: 'callback' as const, error, reason }
    });
    const grant = responseType === 'code' ? 'code' : responseType === 'token' ? 'implicit' : undefined;
    if (grant === undefined) {
      ctx.check('managed-login.response-type', false, `response_type ${responseType}`);
      return back('invalid_request', `response_type must be "code" or "token", not "${responseType}".`);
    }
    // "If the client requests code or token in response_type, but doesn't have permission for these requests,
    // the Amazon Cognito authorization server returns unauthorized_client" (authorization-endpoint.html).
    if (
      !ctx.check(
        'managed-login.response-type',
        client.allowedOAuthFlows.includes(grant),
        `response_type ${responseType}`
      )
    ) {
      return back(
        'unauthorized_client',
        `The app client does not allow the ${grant === 'code' ? 'authorization code' : 'implicit'} grant (response_type=${responseType}); its OAuth flows are ${client.allowedOAuthFlows.join(', ')}.`
      );
    }
    // "If the client requests scope that is unknown, malformed, or not valid, the Amazon Cognito authorization
    // server returns invalid_scope" (authorization-endpoint.html).
    const refusedScopes = scope.filter(
      (item) => !knownScopes.has(item) || !client.allowedOAuthScopes.includes(item)
    );
    if (!ctx.check('managed-login.scope', refusedScopes.length === 0, `scope ${scope.join(' ')}`)) {
      return back(
        'invalid_scope',
        `The app client may not ask for ${refusedScopes.join(', ')}: its allowed scopes are ${client.allowedOAuthScopes.join(' ')}.`
      );
    }
    const codeChallenge = params.get('code_challenge') ?? undefined;
    const method = params.get('code_challenge_method') ?? undefined;
    // "code_challenge_method: The hash protocol that you used to generate the challenge. ... Amazon Cognito
    // supports only S256"; a challenge needs its method (authorization-endpoint.html, request parameters).
    if (codeChallenge !== undefined || method !== undefined) {
      const ok = method === 'S256' && codeChallenge !== undefined && codeChallenge !== '';
      if (!ctx.check('managed-login.pkce-method', ok, `code_challenge_method ${method ?? '(none)'}`)) {
        return back(
          'invalid_request',
          method === 'S256'
            ? 'code_challenge_method is S256 but there is no code_challenge.'
            : `code_challenge_method must be S256 (plain is not supported), not "${method ?? ''}".`
        );
      }
    }
    return {
      ok: {
        clientId,
        redirectUri,
        responseType,
        scope,
        ...(state === undefined ? {} : { state }),
        ...(codeChallenge === undefined ? {} : { codeChallenge })
      }
    };
  }

  /** Where a refused authorize request sends the browser. */
  function refuse(refusal: AuthorizeRefusal, params: URLSearchParams, ctx: ExchangeContext): Response {
    // A 302, but a refusal: the trace records the OAuth error it names (the wire has it only in Location).
    ctx.reject(serviceError(refusal.error, '', refusal.reason, 302));
    if (refusal.to === 'error-page') {
      const query = new URLSearchParams({ error: refusal.error, client_id: params.get('client_id') ?? '' });
      return redirect(`${domain}/error?${query.toString()}`, ctx);
    }
    const back = new URL(params.get('redirect_uri') ?? '');
    back.searchParams.set('error', refusal.error);
    const state = params.get('state');
    if (state !== null) back.searchParams.set('state', state);
    return redirect(back.toString(), ctx);
  }

  /** The managed login page: a form that posts the user's credentials to the pool, never to the app. */
  function loginPage(url: URL, ctx: ExchangeContext, message?: string): Response {
    const escape = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
    const html = [
      '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Signin</title></head><body>',
      message === undefined ? '' : `<p class="error" role="alert">${escape(message)}</p>`,
      `<form method="post" action="${escape(url.pathname + url.search)}">`,
      '<input name="username" autocomplete="username" required>',
      '<input name="password" type="password" autocomplete="current-password" required>',
      '<button name="signInSubmitButton" type="submit">Sign in</button></form></body></html>'
    ].join('');
    return new Response(html, {
      status: 200,
      headers: { 'content-type': 'text/html;charset=UTF-8', 'x-amzn-requestid': ctx.requestId }
    });
  }

  /** GET /oauth2/authorize: "redirects to the Login endpoint with the same URL parameters" (authorization-endpoint.html). */
  function authorize(url: URL, ctx: ExchangeContext): Response {
    const judged = judgeAuthorize(url.searchParams, ctx);
    if ('refused' in judged) return refuse(judged.refused, url.searchParams, ctx);
    return redirect(`${domain}/login?${url.searchParams.toString()}`, ctx);
  }

  /** POST /login: the browser sends the user's credentials; a code goes back to the app's callback. */
  async function signIn(request: Request, url: URL, ctx: ExchangeContext): Promise<Response> {
    const judged = judgeAuthorize(url.searchParams, ctx);
    if ('refused' in judged) return refuse(judged.refused, url.searchParams, ctx);
    const form = new URLSearchParams(await request.text());
    if (form.has('password')) ctx.carry(carriedIn('request', 'password', inBody('password')));
    const username = form.get('username') ?? '';
    const password = form.get('password') ?? '';
    const account = findAccount(pool, username);
    const snapshot = account?.getSnapshot();
    // The pool keeps a salt and an SRP verifier, not the password: the page derives the verifier from what
    // was typed and compares. An unknown user and a wrong password read alike, as in the API.
    const derived =
      snapshot === undefined
        ? undefined
        : await createVerifier({
            poolName: pool.poolName,
            username: snapshot.context.username,
            password,
            salt: hexToBytes(snapshot.context.salt)
          });
    const matches = derived !== undefined && derived.verifier === snapshot?.context.verifier;
    if (!ctx.check('managed-login.credentials', matches, `username ${username}`) || !account || !snapshot) {
      // The page answers 200 with the API's words for the same refusal; the trace names the API's code for it
      // (NotAuthorizedException), the simulation's choice: the page itself shows no code.
      ctx.reject(
        serviceError(
          'NotAuthorizedException',
          'Incorrect username or password.',
          'The username or password is wrong: the page is shown again and no code is issued.',
          200
        )
      );
      return loginPage(url, ctx, 'Incorrect username or password.');
    }
    if (snapshot.value !== 'confirmed') {
      ctx.reject(
        serviceError(
          'UserNotConfirmedException',
          'User is not confirmed.',
          'The account is not confirmed yet: the page asks for the emailed code first.',
          200
        )
      );
      return loginPage(url, ctx, 'User is not confirmed.');
    }
    const { ok } = judged;
    const code = pool.env.random.uuid();
    const actor = createActor(authorizationCodeMachine, {
      input: {
        code,
        clientId: ok.clientId,
        redirectUri: ok.redirectUri,
        scope: ok.scope.join(' '),
        ...(ok.codeChallenge === undefined ? {} : { codeChallenge: ok.codeChallenge }),
        username: snapshot.context.username,
        issuedAt: ctx.clock.now()
      }
    }).start();
    codes.set(code, actor);
    // login-endpoint.html: after sign-in, "redirects to your app's callback URL with an authorization code".
    const back = new URL(ok.redirectUri);
    back.searchParams.set('code', code);
    if (ok.state !== undefined) back.searchParams.set('state', ok.state);
    return redirect(back.toString(), ctx);
  }

  /** POST /oauth2/token, grant_type=authorization_code: the app trades the code (and the PKCE verifier) for tokens. */
  async function token(request: Request, ctx: ExchangeContext): Promise<Response> {
    const type = request.headers.get('content-type') ?? '';
    // "Content-Type: Must always be 'application/x-www-form-urlencoded'" (token-endpoint.html).
    if (!ctx.check('oauth.parameters', type.startsWith('application/x-www-form-urlencoded'), type)) {
      return tokenError('invalid_request', 'The body must be application/x-www-form-urlencoded.', ctx);
    }
    const form = new URLSearchParams(await request.text());
    const grantType = form.get('grant_type') ?? '';
    const clientId = form.get('client_id') ?? '';
    const code = form.get('code') ?? '';
    const redirectUri = form.get('redirect_uri') ?? '';
    const missing = ['grant_type', 'client_id', 'code', 'redirect_uri'].filter(
      (name) => (form.get(name) ?? '') === ''
    );
    if (grantType !== '' && grantType !== 'authorization_code') {
      ctx.check('oauth.grant-type', false, `grant_type ${grantType}`);
      return tokenError(
        'unsupported_grant_type',
        `This simulation's token endpoint redeems authorization codes only, not grant_type "${grantType}".`,
        ctx
      );
    }
    if (!ctx.check('oauth.parameters', missing.length === 0, missing.join(', ') || undefined)) {
      return tokenError('invalid_request', `The request has no ${missing.join(', ')}.`, ctx);
    }
    ctx.check('oauth.grant-type', true);
    if (!ctx.check('managed-login.client', clientId === pool.clientId, `client_id ${clientId}`)) {
      return tokenError('invalid_client', `No app client of this pool has the id "${clientId}".`, ctx);
    }
    const actor = codes.get(code);
    if (!ctx.check('oauth.code-exists', actor !== undefined) || !actor) {
      return tokenError('invalid_grant', 'This pool never issued that authorization code.', ctx);
    }
    const before = actor.getSnapshot();
    const now = ctx.clock.now();
    // Any attempt consumes the code (re:Post, as above: retrying with the same code answers invalid_grant).
    if (!ctx.check('oauth.code-unused', before.value === 'issued', `code ${before.value}`)) {
      return tokenError(
        'invalid_grant',
        `The code was already redeemed (${new Date(before.context.redeemedAt ?? now).toISOString()}) or tried: a code works once.`,
        ctx
      );
    }
    actor.send({ type: 'REDEEM', at: now });
    const issued = actor.getSnapshot();
    const ageSeconds = Math.floor((now - issued.context.issuedAt) / 1000);
    if (!ctx.check('oauth.code-unexpired', issued.value === 'redeemed', `${ageSeconds} s old`)) {
      return tokenError('invalid_grant', `The code is ${ageSeconds} s old: codes last 5 minutes.`, ctx);
    }
    const record = issued.context;
    if (
      !ctx.check(
        'oauth.code-client',
        record.clientId === clientId && record.redirectUri === redirectUri,
        `redirect_uri ${redirectUri}`
      )
    ) {
      // A redirect_uri that differs from the authorize request's answers unauthorized_client at Cognito's token
      // endpoint (Stack Overflow 50264679, "AWS Cognito unauthorized_client error when hitting /oauth2/token":
      // a missing trailing slash was the cause).
      return tokenError(
        'unauthorized_client',
        `The code was issued for redirect_uri "${record.redirectUri}", not "${redirectUri}".`,
        ctx
      );
    }
    if (record.codeChallenge !== undefined) {
      const verifier = form.get('code_verifier');
      if (!ctx.check('oauth.parameters', verifier !== null && verifier !== '', 'code_verifier')) {
        return tokenError(
          'invalid_request',
          'The code was issued with a code_challenge, so the request needs its code_verifier.',
          ctx
        );
      }
      const computed = CODE_VERIFIER_PATTERN.test(verifier ?? '') ? await s256Challenge(verifier ?? '') : '';
      // The inspector reads the working from the detail: verifier → SHA-256 → base64url, against the challenge.
      const detail = `BASE64URL(SHA256("${verifier ?? ''}")) = ${computed || '(not a valid verifier)'}; code_challenge ${record.codeChallenge}`;
      if (!ctx.check('oauth.pkce', computed === record.codeChallenge, detail)) {
        return tokenError(
          'invalid_grant',
          'The code_verifier does not hash to the code_challenge sent to /oauth2/authorize: whoever holds this code did not start the sign-in.',
          ctx
        );
      }
    }
    const account = findAccount(pool, record.username);
    if (!account) return tokenError('invalid_grant', 'The user of this code no longer exists.', ctx);
    const minted = await startTokenFamily(pool, account, now, {
      scope: record.scope,
      authTime: record.issuedAt
    });
    // An ID token only when openid was asked for (token-endpoint.html: "id_token ... when the openid scope").
    const withIdToken = record.scope.split(' ').includes('openid');
    ctx.carry(
      ...(withIdToken ? [carriedIn('response', 'id-token', inBody('id_token'))] : []),
      carriedIn('response', 'access-token', inBody('access_token')),
      carriedIn('response', 'refresh-token', inBody('refresh_token'))
    );
    return json(
      {
        ...(withIdToken ? { id_token: minted.idToken } : {}),
        access_token: minted.accessToken,
        refresh_token: minted.refreshToken,
        expires_in: TOKEN_LIFETIME_SECONDS,
        token_type: 'Bearer'
      },
      200,
      ctx
    );
  }

  /** GET /oauth2/userInfo: the user's attributes for an access token with the openid scope (userinfo-endpoint.html). */
  async function userInfo(request: Request, ctx: ExchangeContext): Promise<Response> {
    const authorization = request.headers.get('authorization') ?? '';
    carryFoundToken(ctx, authorization || undefined, 'access-token', inHeader('Authorization'));
    // userinfo-endpoint.html, negative response: 401 with `WWW-Authenticate: error="invalid_token",
    // error_description="Access token is expired, disabled, or deleted, or the user has globally signed out."`
    const invalid = (reason: string) => {
      ctx.reject(serviceError('invalid_token', '', reason));
      const description =
        'Access token is expired, disabled, or deleted, or the user has globally signed out.';
      return json({ error: 'invalid_token', error_description: description }, 401, ctx, {
        'www-authenticate': `error="invalid_token", error_description="${description}"`
      });
    };
    const verified = await verifyAccessToken(pool, ctx, withoutBearer(authorization));
    if (isServiceError(verified)) return invalid(verified.reason ?? verified.message);
    const scopes = verified.claims.scope.split(' ');
    if (!ctx.check('oauth.openid-scope', scopes.includes('openid'), `scope ${verified.claims.scope}`)) {
      return invalid('userInfo answers only for an access token whose scope includes openid.');
    }
    const { context } = verified.account.getSnapshot();
    return json(
      {
        sub: context.sub,
        email_verified: String(context.emailVerified),
        email: context.email,
        username: context.username
      },
      200,
      ctx
    );
  }

  return {
    host,
    async handle(request, ctx) {
      const url = new URL(request.url);
      const route = `${request.method} ${url.pathname}`;
      switch (route) {
        case 'GET /oauth2/authorize':
          ctx.check('managed-login.path', true);
          return authorize(url, ctx);
        case 'GET /login': {
          ctx.check('managed-login.path', true);
          const judged = judgeAuthorize(url.searchParams, ctx);
          if ('refused' in judged) return refuse(judged.refused, url.searchParams, ctx);
          return loginPage(url, ctx);
        }
        case 'POST /login':
          ctx.check('managed-login.path', true);
          return signIn(request, url, ctx);
        case 'POST /oauth2/token':
          ctx.check('managed-login.path', true);
          return token(request, ctx);
        case 'GET /oauth2/userInfo':
        case 'POST /oauth2/userInfo':
          ctx.check('managed-login.path', true);
          return userInfo(request, ctx);
        default:
          ctx.check('managed-login.path', false, route);
          ctx.reject({ reason: `The user pool domain serves nothing at ${route}.` });
          return json({ error: 'invalid_request' }, 404, ctx);
      }
    },
    openIdConfiguration(ctx) {
      // The discovery document OIDC libraries read: https://cognito-idp.{region}.amazonaws.com/{poolId}/.well-known/openid-configuration.
      return json(
        {
          authorization_endpoint: `${domain}/oauth2/authorize`,
          end_session_endpoint: `${domain}/logout`,
          id_token_signing_alg_values_supported: ['RS256'],
          issuer: pool.issuer,
          jwks_uri: config.userPool.jwksUri,
          response_types_supported: ['code', 'token'],
          revocation_endpoint: `${domain}/oauth2/revoke`,
          scopes_supported: ['openid', 'email', 'phone', 'profile'],
          subject_types_supported: ['public'],
          token_endpoint: `${domain}/oauth2/token`,
          token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
          userinfo_endpoint: `${domain}/oauth2/userInfo`
        },
        200,
        ctx
      );
    }
  };
}
