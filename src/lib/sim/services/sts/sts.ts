// The simulated AWS STS (participant `sts`): the query-protocol endpoint, global and regional.

import { carriedIn, carryFoundToken, inBody, inQuery } from '../../carried';
import { isServiceError } from '../../http';
import type { ExchangeContext, Service, ServiceEnv } from '../../service';
import { assumeRoleWithWebIdentity, type WebIdentityProvider } from './assume-role-with-web-identity';
import { stsErrors } from './errors';
import { queryErrorResponse, queryResponse, readQueryParameters } from './query';

export const STS_ENDPOINT = 'https://sts.amazonaws.com/';

/** Records the web identity token where it came: a POST's form body wins over the URL, as STS reads them. */
async function carryWebIdentityToken(request: Request, ctx: ExchangeContext): Promise<void> {
  const name = 'WebIdentityToken';
  const form = request.method === 'POST' ? new URLSearchParams(await request.clone().text()) : undefined;
  const where = form?.has(name) ? inBody(name) : inQuery(name);
  const token = form?.get(name) ?? new URL(request.url).searchParams.get(name);
  carryFoundToken(ctx, token, 'openid-token', where);
}

export function createSts(env: ServiceEnv, deps: { providers: readonly WebIdentityProvider[] }): Service {
  const hosts = new Set(['sts.amazonaws.com', `sts.${env.config.region}.amazonaws.com`]);
  return {
    id: 'sts',
    handles: (url) => hosts.has(url.host),
    async handle(request, ctx) {
      await carryWebIdentityToken(request, ctx);
      const params = await readQueryParameters(request);
      const action = params.get('Action');
      const fail = (error: ReturnType<typeof stsErrors.missingAction>) => {
        ctx.reject(error);
        return queryErrorResponse(error, ctx.requestId);
      };
      if (action === null || action === '') return fail(stsErrors.missingAction());
      if (action !== 'AssumeRoleWithWebIdentity') return fail(stsErrors.invalidAction(action));
      // AssumeRoleWithWebIdentity is unsigned: the web identity token is the only proof the caller brings.
      const outcome = await assumeRoleWithWebIdentity(params, ctx, {
        roles: env.roles,
        credentials: env.credentials,
        providers: deps.providers
      });
      if (isServiceError(outcome)) return fail(outcome);
      ctx.carry(carriedIn('response', 'aws-credentials', inBody(`${action}Result`, 'Credentials')));
      return queryResponse(action, outcome.result, ctx.requestId);
    }
  };
}
