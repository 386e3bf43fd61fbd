// The simulated Cognito identity pool (participant `identity-pool`): the JSON 1.1 endpoint, its OpenID keys, its controls.

import type { IdentityActor } from './identity';
import { dispatchJson, jsonResponse, type Operation } from '../../http';
import type { ExchangeContext, Service, ServiceEnv } from '../../service';
import type { WebIdentityProvider } from '../sts/assume-role-with-web-identity';
import { getCredentialsForIdentity } from './operations/get-credentials-for-identity';
import { getId } from './operations/get-id';
import { getOpenIdToken } from './operations/get-open-id-token';
import { COGNITO_IDENTITY_ISSUER, createOpenIdTokenIssuer, OPENID_TOKEN_ALGORITHM } from './openid-token';
import { createPoolState, type IdentityPoolState } from './pool-state';
import type { RoleMapping } from './role-mapping';

export const IDENTITY_POOL_TARGET_PREFIX = 'AWSCognitoIdentityService.';

/** The lesson's (and the tests') hand on the identity pool: console settings, not a client API. */
export interface IdentityPoolControls {
  readonly id: string;
  /** The Logins keys this pool accepts. */
  readonly providerNames: readonly string[];
  /** The keys its role mappings go under: `{Logins key}:{appClientId}` for the user pool, the name for Google. */
  readonly roleMappingKeys: readonly string[];
  /** Turns guest access on or off (console: "Activate guest access"). */
  setAllowUnauthenticated(allow: boolean): void;
  /** Turns the basic (classic) flow on or off (AllowClassicFlow; off by default, as for new pools). */
  setAllowClassicFlow(allow: boolean): void;
  /** Replaces the default roles (SetIdentityPoolRoles' Roles: authenticated / unauthenticated). */
  setRoles(roles: { authenticated?: string; unauthenticated?: string }): void;
  /**
   * Sets or (with undefined) removes the role mapping of one provider (SetIdentityPoolRoles' RoleMappings),
   * under its role-mapping key (see roleMappingKeys).
   */
  setRoleMapping(key: string, mapping: RoleMapping | undefined): void;
  /** The current settings, as GetIdentityPoolRoles would describe them. */
  describe(): {
    allowUnauthenticated: boolean;
    allowClassicFlow: boolean;
    roles: { authenticated: string; unauthenticated: string };
    roleMappings: Record<string, RoleMapping>;
  };
  /** Every identity the pool has issued, as XState actors (guest → authenticated, or merged). */
  identities(): readonly IdentityActor[];
  identity(identityId: string): IdentityActor | undefined;
}

/** The identity pool as a participant of the world, with its controls and what STS needs to trust it. */
export interface IdentityPool extends Service {
  readonly id: 'identity-pool';
  readonly controls: IdentityPoolControls;
  /** How STS recognises this pool's OpenID tokens: a built-in provider with an internal key handle. */
  readonly webIdentityProvider: WebIdentityProvider;
}

function controlsOf(pool: IdentityPoolState): IdentityPoolControls {
  const { settings } = pool;
  return {
    id: pool.env.config.identityPool.id,
    providerNames: pool.providers.map((provider) => provider.name),
    setAllowUnauthenticated(allow) {
      settings.allowUnauthenticated = allow;
    },
    setAllowClassicFlow(allow) {
      settings.allowClassicFlow = allow;
    },
    setRoles(roles) {
      if (roles.authenticated !== undefined) settings.authenticatedRoleArn = roles.authenticated;
      if (roles.unauthenticated !== undefined) settings.unauthenticatedRoleArn = roles.unauthenticated;
    },
    roleMappingKeys: pool.providers.map((provider) => provider.roleMappingKey),
    setRoleMapping(key, mapping) {
      if (!pool.providers.some((provider) => provider.roleMappingKey === key)) {
        const byLoginsKey = pool.providers.find((provider) => provider.name === key);
        throw new Error(
          byLoginsKey
            ? `identity pool: role mappings of ${key} go under ${byLoginsKey.roleMappingKey} (the user pool and its app client)`
            : `identity pool: ${key} is not a provider of this pool`
        );
      }
      if (mapping === undefined) settings.roleMappings.delete(key);
      else settings.roleMappings.set(key, structuredClone(mapping));
    },
    describe: () => ({
      allowUnauthenticated: settings.allowUnauthenticated,
      allowClassicFlow: settings.allowClassicFlow,
      roles: {
        authenticated: settings.authenticatedRoleArn,
        unauthenticated: settings.unauthenticatedRoleArn
      },
      roleMappings: Object.fromEntries(
        [...settings.roleMappings].map(([name, mapping]) => [name, structuredClone(mapping)])
      )
    }),
    identities: () => [...pool.identities.values()],
    identity: (identityId) => pool.identities.get(identityId)
  };
}

export async function createIdentityPool(env: ServiceEnv): Promise<IdentityPool> {
  const openId = await createOpenIdTokenIssuer(env.config, env.keys);
  const pool = createPoolState(env, openId);
  const apiHost = `cognito-identity.${env.config.region}.amazonaws.com`;
  const issuerHost = new URL(COGNITO_IDENTITY_ISSUER).host;

  const operations: Record<string, Operation<ExchangeContext>> = {
    GetId: (input, ctx) => getId(pool, input, ctx),
    GetCredentialsForIdentity: (input, ctx) => getCredentialsForIdentity(pool, input, ctx),
    GetOpenIdToken: (input, ctx) => getOpenIdToken(pool, input, ctx)
  };

  return {
    id: 'identity-pool',
    handles: (url) => url.host === apiHost || url.host === issuerHost,
    async handle(request, ctx) {
      const url = new URL(request.url);
      if (url.host === issuerHost) {
        // The issuer's public side: anyone (a backend, a test) may check an OpenID token with these keys.
        const json = (body: unknown, status = 200) =>
          jsonResponse(body, { status, contentType: 'application/json', requestId: ctx.requestId });
        if (request.method === 'GET' && url.pathname === '/.well-known/jwks_uri') return json(openId.jwks());
        if (request.method === 'GET' && url.pathname === '/.well-known/openid-configuration') {
          return json({
            issuer: COGNITO_IDENTITY_ISSUER,
            jwks_uri: `${COGNITO_IDENTITY_ISSUER}/.well-known/jwks_uri`,
            response_types_supported: ['code', 'id_token'],
            subject_types_supported: ['public'],
            id_token_signing_alg_values_supported: [OPENID_TOKEN_ALGORITHM]
          });
        }
        ctx.reject({ reason: `Nothing is published at ${url.pathname} on ${issuerHost}.` });
        return json({ message: 'Not Found' }, 404);
      }
      // GetId, GetCredentialsForIdentity and GetOpenIdToken are unsigned: the login token is the proof.
      return dispatchJson(request, ctx, {
        targetPrefix: IDENTITY_POOL_TARGET_PREFIX,
        contentType: 'application/x-amz-json-1.1',
        operations
      });
    },
    controls: controlsOf(pool),
    webIdentityProvider: {
      issuer: COGNITO_IDENTITY_ISSUER,
      name: 'cognito-identity.amazonaws.com',
      algorithm: OPENID_TOKEN_ALGORITHM,
      keys: openId.keys
    }
  };
}

export function isIdentityPool(service: Service): service is IdentityPool {
  return service.id === 'identity-pool' && 'controls' in service;
}
