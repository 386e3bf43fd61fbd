// How the guide's answers lead to a recommendation: which pools, the architecture to draw, why, and where to see it run.

import type { Architecture, OutsideIdp } from './architecture';
import type { Answers } from './questions';

/** Each verdict the guide can give; its title and summary are in content/guide/answer-<id>.md. */
export const ANSWER_IDS = [
  'user-pool',
  'user-pool-federation',
  'both',
  'both-federation',
  'identity-pool-google',
  'identity-pool-guest',
  'no-pool'
] as const;
export type AnswerId = (typeof ANSWER_IDS)[number];

/** Each reason the guide can give; its words are a section of content/guide/reasons.md. */
export const REASON_IDS = [
  'user-pool-is-your-directory',
  'api-checks-id-token',
  'api-keeps-rows-by-sub',
  'api-own-permissions',
  'aws-wants-sigv4',
  'identity-pool-trades-id-token',
  'rows-by-identity-id',
  'role-decides',
  'federate-google',
  'federate-corporate',
  'authorizer-trusts-user-pools',
  'one-token-for-both',
  'saml-straight-to-identity-pool',
  'identity-pool-trusts-google',
  'no-user-pool-needed',
  'aws-iam-api-alternative',
  'guest-credentials',
  'guest-scope-down',
  'guests-prove-nothing',
  'public-api-needs-no-pool',
  'guests-own-nothing'
] as const;
export type ReasonId = (typeof REASON_IDS)[number];

/** `none` only for an API that nobody signs in to: there is nothing for either pool to do. */
export type Pools = 'user-pool' | 'identity-pool' | 'both' | 'none';

/** Which pools each verdict stands for. */
export const POOLS: Record<AnswerId, Pools> = {
  'user-pool': 'user-pool',
  'user-pool-federation': 'user-pool',
  both: 'both',
  'both-federation': 'both',
  'identity-pool-google': 'identity-pool',
  'identity-pool-guest': 'identity-pool',
  'no-pool': 'none'
};

export interface Recommendation {
  answer: AnswerId;
  pools: Pools;
  architecture: Architecture;
  /** In the order to read them. */
  reasons: ReasonId[];
  /** Scenario ids that show this architecture running, most telling first. */
  scenarios: string[];
}

type Plan = Omit<Recommendation, 'pools'>;

/** Leaves out the `false` entries a condition wrote, and any repeat. */
function list<T>(...items: (T | false)[]): T[] {
  return [...new Set(items.filter((item): item is T => item !== false))];
}

/** Your own user directory: the user pool signs people in; AWS calls add an identity pool that takes its ID token. */
function ownDirectory(api: boolean, aws: boolean, ownData: boolean): Plan {
  if (!aws) {
    return {
      answer: 'user-pool',
      architecture: {
        idp: null,
        userPool: true,
        identityPool: null,
        api: 'cognito-authorizer',
        awsService: false
      },
      reasons: list(
        'user-pool-is-your-directory',
        'api-checks-id-token',
        ownData ? 'api-keeps-rows-by-sub' : 'api-own-permissions'
      ),
      scenarios: ['call-api', 'sign-in', 'which-token', 'managed-login-pkce']
    };
  }
  return {
    answer: 'both',
    architecture: {
      idp: null,
      userPool: true,
      identityPool: 'user-pool',
      api: api ? 'cognito-authorizer' : null,
      awsService: true
    },
    reasons: list(
      'user-pool-is-your-directory',
      'aws-wants-sigv4',
      'identity-pool-trades-id-token',
      ownData ? 'rows-by-identity-id' : 'role-decides',
      api && 'one-token-for-both'
    ),
    scenarios: list(
      ownData && 's3-private-upload',
      ownData && 'own-orders-only',
      'identity-pool',
      'jwt-to-dynamodb',
      !ownData && 'groups-to-roles',
      api && 'call-api'
    )
  };
}

/**
 * Someone else signs people in. Where only your API is called, or your API as well as AWS, the user pool
 * federates the provider, so the API sees the user pool's tokens. Where only AWS is called, Google's own token
 * goes straight to the identity pool; a corporate IdP still goes through the user pool (the identity pool could
 * take a SAML response itself: the reasons say what that changes).
 */
function outsideIdp(kind: OutsideIdp, api: boolean, aws: boolean, ownData: boolean): Plan {
  const federate = kind === 'google' ? 'federate-google' : 'federate-corporate';
  if (!aws) {
    return {
      answer: 'user-pool-federation',
      architecture: {
        idp: { kind, trustedBy: 'user-pool' },
        userPool: true,
        identityPool: null,
        api: 'cognito-authorizer',
        awsService: false
      },
      reasons: list(
        federate,
        'authorizer-trusts-user-pools',
        'api-checks-id-token',
        ownData ? 'api-keeps-rows-by-sub' : 'api-own-permissions'
      ),
      scenarios: ['managed-login-pkce', 'call-api', 'which-token']
    };
  }
  const perUser = ownData ? 'rows-by-identity-id' : 'role-decides';
  if (kind === 'google' && !api) {
    return {
      answer: 'identity-pool-google',
      architecture: {
        idp: { kind, trustedBy: 'identity-pool' },
        userPool: false,
        identityPool: 'idp',
        api: null,
        awsService: true
      },
      reasons: ['aws-wants-sigv4', 'identity-pool-trusts-google', perUser, 'no-user-pool-needed'],
      scenarios: list(
        'google-federation',
        ownData && 'own-orders-only',
        ownData && 's3-private-upload',
        'identity-pool'
      )
    };
  }
  return {
    answer: 'both-federation',
    architecture: {
      idp: { kind, trustedBy: 'user-pool' },
      userPool: true,
      identityPool: 'user-pool',
      api: api ? 'cognito-authorizer' : null,
      awsService: true
    },
    reasons: list(
      federate,
      'aws-wants-sigv4',
      'identity-pool-trades-id-token',
      perUser,
      api && 'one-token-for-both',
      kind === 'corporate' && 'saml-straight-to-identity-pool',
      kind === 'google' && 'aws-iam-api-alternative'
    ),
    scenarios: list(
      'managed-login-pkce',
      'identity-pool',
      ownData && 'own-orders-only',
      ownData && 's3-private-upload',
      api && 'call-api',
      kind === 'google' && 'google-federation',
      kind === 'google' && 'iam-authorized-api'
    )
  };
}

/**
 * Nobody signs in. Calls to AWS take guest credentials of the identity pool's unauthenticated role. Your API has
 * no token to check and no use for guest credentials (Cognito's scope-down for guests leaves out
 * `execute-api`), so it is simply public.
 */
function guests(api: boolean, aws: boolean, ownData: boolean): Plan {
  return {
    answer: aws ? 'identity-pool-guest' : 'no-pool',
    architecture: {
      idp: null,
      userPool: false,
      identityPool: aws ? 'guest' : null,
      api: api ? 'public' : null,
      awsService: aws
    },
    reasons: list(
      api && 'public-api-needs-no-pool',
      aws && 'aws-wants-sigv4',
      aws && 'guest-credentials',
      aws && 'guest-scope-down',
      'guests-prove-nothing',
      ownData && 'guests-own-nothing'
    ),
    scenarios: list('guest-access', !aws && 'call-api')
  };
}

/** The guide's answer to a complete set of choices. */
export function recommend(answers: Answers): Recommendation {
  const api = answers.requests !== 'aws';
  const aws = answers.requests !== 'own-api';
  const ownData = answers['own-data'] === 'yes';
  const signIn = answers['sign-in'];
  const plan =
    signIn === 'own-directory'
      ? ownDirectory(api, aws, ownData)
      : signIn === 'nobody'
        ? guests(api, aws, ownData)
        : outsideIdp(signIn === 'social' ? 'google' : 'corporate', api, aws, ownData);
  return { ...plan, pools: POOLS[plan.answer] };
}
