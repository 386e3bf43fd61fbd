// The lesson's stories as data. Ids are part of URLs: never rename one.

import type { Scenario } from './types';

const ONE_HOUR_AND_A_MINUTE = 61;

/** A second identity, not the learner's: what fine-grained access must keep them out of. */
export const SOMEONE_ELSES_IDENTITY = 'us-east-1:0f8e3a52-7c1b-4d6e-9a20-5b4c3d2e1f00';

/** The group of the second demo user (bob) in `groups-to-roles` (and the sandbox): it names TwoPools_Managers. */
export const MANAGERS = 'managers';

export const definitions: Scenario[] = [
  {
    id: 'sign-in',
    title: 'Sign in to the user pool',
    figure: 1,
    group: 'figures',
    summary:
      'The user signs in with SRP: the password never leaves the device, and the pool returns ID, access and refresh tokens.',
    participants: ['app', 'user-pool'],
    // SRP's two exchanges as two steps: the learner sees the challenge arrive before the proof goes out.
    steps: [
      {
        id: 'initiate-srp',
        title: 'InitiateAuth (USER_SRP_AUTH) → PASSWORD_VERIFIER challenge',
        action: { do: 'start-srp-sign-in', user: 0 }
      },
      {
        id: 'prove-password',
        title: 'RespondToAuthChallenge (PASSWORD_VERIFIER) → ID, access and refresh tokens',
        action: { do: 'answer-password-verifier' }
      }
    ],
    outcome: 'success'
  },
  {
    id: 'call-api',
    title: 'Call a protected API with the ID token',
    figure: 2,
    group: 'figures',
    summary:
      "API Gateway's Cognito authorizer checks the ID token against the pool's public keys; then a Lambda function reads the order.",
    participants: ['app', 'user-pool', 'api-gateway', 'lambda', 'dynamodb'],
    steps: [
      { id: 'sign-in', title: 'Sign in', action: { do: 'sign-in', user: 0, flow: 'srp' } },
      {
        id: 'get-order',
        title: 'GET /orders/42 with the ID token',
        action: { do: 'call-api', orderId: '42' }
      }
    ],
    outcome: 'success'
  },
  {
    id: 'jwt-to-dynamodb',
    title: 'Send the JWT straight to DynamoDB',
    figure: 3,
    group: 'figures',
    summary:
      'DynamoDB only accepts requests signed with AWS credentials (SigV4). A JWT is not that, so it refuses.',
    participants: ['app', 'user-pool', 'dynamodb'],
    steps: [
      { id: 'sign-in', title: 'Sign in', action: { do: 'sign-in', user: 0, flow: 'srp' } },
      {
        id: 'get-item-with-jwt',
        title: 'GetItem with the JWT',
        action: { do: 'jwt-to-dynamodb', orderId: '42' }
      }
    ],
    outcome: 'refused'
  },
  {
    id: 'identity-pool',
    title: 'Trade the token for AWS credentials',
    figure: 4,
    group: 'figures',
    summary:
      'The identity pool trades the ID token for temporary credentials of an IAM role; the app signs GetItem with them and reads order 42.',
    participants: ['app', 'user-pool', 'identity-pool', 'sts', 'dynamodb'],
    steps: [
      { id: 'sign-in', title: 'Sign in', action: { do: 'sign-in', user: 0, flow: 'srp' } },
      {
        id: 'get-id',
        title: 'GetId: which identity is this?',
        action: { do: 'get-id', provider: 'user-pool' }
      },
      { id: 'get-credentials', title: 'GetCredentialsForIdentity', action: { do: 'get-credentials' } },
      { id: 'signed-get-item', title: 'Signed GetItem', action: { do: 'read-order', orderId: '42' } }
    ],
    outcome: 'success'
  },
  {
    id: 'sign-up',
    title: 'Register a new user',
    group: 'registration',
    summary:
      'SignUp creates an unconfirmed user; a code arrives by email; ConfirmSignUp confirms it; the first sign-in works.',
    participants: ['app', 'user-pool'],
    steps: [
      {
        id: 'sign-up',
        title: 'SignUp',
        action: { do: 'sign-up', username: 'carol', email: 'carol@example.com', password: 'Blue-Giraffe-19' }
      },
      {
        id: 'confirm',
        title: 'ConfirmSignUp with the emailed code',
        action: { do: 'confirm-sign-up', email: 'carol@example.com' }
      },
      {
        id: 'first-sign-in',
        title: 'First sign-in',
        action: { do: 'sign-in-as', username: 'carol', password: 'Blue-Giraffe-19', flow: 'srp' }
      }
    ],
    outcome: 'success'
  },
  {
    id: 'google-federation',
    title: 'Sign in with Google, no user pool',
    group: 'federation',
    summary:
      'The identity pool trusts Google directly: a Google ID token is traded for AWS credentials without any user pool.',
    participants: ['app', 'google', 'identity-pool', 'sts', 'dynamodb'],
    steps: [
      {
        id: 'google-sign-in',
        title: 'Sign in with Google',
        action: { do: 'google-sign-in', email: 'dana@gmail.com' }
      },
      { id: 'get-id', title: 'GetId with the Google token', action: { do: 'get-id', provider: 'google' } },
      { id: 'get-credentials', title: 'GetCredentialsForIdentity', action: { do: 'get-credentials' } },
      {
        id: 'write-note',
        title: 'Write a note (signed PutItem)',
        action: { do: 'put-note', text: 'Hello from Google' }
      }
    ],
    outcome: 'success'
  },
  {
    id: 'guest-access',
    title: 'Guest access',
    group: 'federation',
    summary:
      "An anonymous visitor gets guest credentials of the unauthenticated role, scoped down by Cognito's session policy; reading an order is denied by both the role's policy and the session policy: guests never reach DynamoDB in the enhanced flow.",
    participants: ['app', 'identity-pool', 'sts', 'dynamodb'],
    steps: [
      { id: 'get-guest-id', title: 'GetId with no login', action: { do: 'get-id', provider: 'guest' } },
      { id: 'get-guest-credentials', title: 'Guest credentials', action: { do: 'get-credentials' } },
      { id: 'read-order-denied', title: 'GetItem is denied', action: { do: 'read-order', orderId: '42' } }
    ],
    outcome: 'refused'
  },
  {
    id: 'token-expiry',
    title: 'Tokens expire; the refresh token renews them',
    group: 'failures',
    summary:
      'An hour passes; API Gateway refuses the expired ID token; the refresh token gets new ones and the call works again.',
    participants: ['app', 'user-pool', 'api-gateway', 'lambda', 'dynamodb'],
    steps: [
      { id: 'sign-in', title: 'Sign in', action: { do: 'sign-in', user: 0, flow: 'srp' } },
      { id: 'call-api', title: 'Call the API', action: { do: 'call-api', orderId: '42' } },
      {
        id: 'an-hour-passes',
        title: 'An hour passes',
        action: { do: 'advance-clock', minutes: ONE_HOUR_AND_A_MINUTE }
      },
      {
        id: 'call-api-expired',
        title: 'The expired token is refused',
        action: { do: 'call-api', orderId: '42' }
      },
      { id: 'refresh', title: 'Refresh the tokens', action: { do: 'refresh' } },
      { id: 'call-api-again', title: 'Call the API again', action: { do: 'call-api', orderId: '42' } }
    ],
    outcome: 'success'
  },
  {
    id: 'tampered-token',
    title: 'A tampered token',
    group: 'failures',
    summary:
      'The user edits a claim of the ID token. The signature no longer matches, and API Gateway returns 401.',
    participants: ['app', 'user-pool', 'api-gateway'],
    steps: [
      { id: 'sign-in', title: 'Sign in', action: { do: 'sign-in', user: 0, flow: 'srp' } },
      {
        id: 'tamper',
        title: 'Edit a claim',
        action: { do: 'tamper', claim: 'cognito:username', value: 'bob' }
      },
      { id: 'call-api-tampered', title: 'Call the API with it', action: { do: 'call-api', orderId: '42' } }
    ],
    outcome: 'refused'
  },
  {
    id: 'own-orders-only',
    title: 'Only your own items',
    group: 'fine-grained',
    summary:
      'A policy with dynamodb:LeadingKeys lets each identity read and write only items under its own identity id.',
    participants: ['app', 'user-pool', 'identity-pool', 'sts', 'dynamodb'],
    steps: [
      { id: 'sign-in', title: 'Sign in', action: { do: 'sign-in', user: 0, flow: 'srp' } },
      { id: 'get-id', title: 'GetId', action: { do: 'get-id', provider: 'user-pool' } },
      { id: 'get-credentials', title: 'GetCredentialsForIdentity', action: { do: 'get-credentials' } },
      {
        id: 'write-own-note',
        title: 'Write under your own identity id',
        action: { do: 'put-note', text: 'My note' }
      },
      { id: 'read-own-notes', title: 'Read your own notes', action: { do: 'query-notes', whose: 'own' } },
      {
        id: 'read-other-notes',
        title: "Read someone else's notes",
        action: { do: 'query-notes', whose: 'other' }
      }
    ],
    outcome: 'refused'
  },
  {
    id: 'basic-flow',
    title: 'The classic (basic) flow',
    group: 'federation',
    summary:
      'GetId, then GetOpenIdToken, then the app itself calls STS AssumeRoleWithWebIdentity for credentials.',
    participants: ['app', 'user-pool', 'identity-pool', 'sts'],
    // The basic flow is off for new identity pools; this pool has it switched on (AllowClassicFlow).
    setup: { allowClassicFlow: true },
    steps: [
      { id: 'sign-in', title: 'Sign in', action: { do: 'sign-in', user: 0, flow: 'srp' } },
      { id: 'get-id', title: 'GetId', action: { do: 'get-id', provider: 'user-pool' } },
      { id: 'get-open-id-token', title: 'GetOpenIdToken', action: { do: 'get-open-id-token' } },
      {
        id: 'assume-role',
        title: 'AssumeRoleWithWebIdentity',
        action: { do: 'assume-role', role: 'authenticated' }
      }
    ],
    outcome: 'success'
  },
  {
    id: 'wrong-password',
    title: 'A wrong password',
    group: 'failures',
    summary:
      'A failed sign-in: the pool says only "Incorrect username or password.", whether the user exists or not.',
    participants: ['app', 'user-pool'],
    steps: [
      {
        id: 'wrong-password',
        title: 'Sign in with a wrong password',
        action: { do: 'sign-in', user: 0, flow: 'password', password: 'not-the-password' }
      },
      {
        id: 'unknown-user',
        title: 'Sign in as someone who does not exist',
        action: { do: 'sign-in-as', username: 'mallory', password: 'Whatever-123', flow: 'password' }
      }
    ],
    outcome: 'refused'
  },
  {
    id: 'which-token',
    title: 'ID token or access token?',
    group: 'mix-ups',
    summary:
      'The same GET /orders/42 works with the ID token and gets 401 with the access token: a method without OAuth scopes wants an ID token. GET /me has a scope, so there it is the other way round.',
    participants: ['app', 'user-pool', 'api-gateway', 'lambda', 'dynamodb'],
    steps: [
      { id: 'sign-in', title: 'Sign in', action: { do: 'sign-in', user: 0, flow: 'srp' } },
      {
        id: 'orders-with-id-token',
        title: 'GET /orders/42 with the ID token',
        action: { do: 'call-api', orderId: '42' }
      },
      {
        id: 'orders-with-access-token',
        title: 'GET /orders/42 with the access token',
        action: { do: 'call-api', orderId: '42', token: 'access' }
      },
      {
        id: 'me-with-id-token',
        title: 'GET /me (OAuth scope) with the ID token',
        action: { do: 'get-profile', token: 'id' }
      },
      {
        id: 'me-with-access-token',
        title: 'GET /me (OAuth scope) with the access token',
        action: { do: 'get-profile', token: 'access' }
      }
    ],
    outcome: 'success'
  },
  {
    id: 'iam-authorized-api',
    title: 'Your own API with AWS_IAM authorization',
    group: 'mix-ups',
    summary:
      'The app trades its ID token for identity-pool credentials and signs GET /iam/orders/42 with SigV4: no JWT on the wire. API Gateway checks the signature and execute-api:Invoke; the function learns who called from requestContext.identity, not from claims.',
    participants: ['app', 'user-pool', 'identity-pool', 'sts', 'api-gateway', 'lambda', 'dynamodb'],
    steps: [
      { id: 'sign-in', title: 'Sign in', action: { do: 'sign-in', user: 0, flow: 'srp' } },
      { id: 'get-id', title: 'GetId', action: { do: 'get-id', provider: 'user-pool' } },
      { id: 'get-credentials', title: 'GetCredentialsForIdentity', action: { do: 'get-credentials' } },
      {
        id: 'signed-get-order',
        title: 'GET /iam/orders/42 signed with SigV4',
        action: { do: 'call-iam-api', orderId: '42' }
      }
    ],
    outcome: 'success'
  },
  {
    id: 'groups-to-roles',
    title: 'User pool groups choose the IAM role',
    group: 'mix-ups',
    summary:
      'Bob is in the group "managers", which names a role; his ID token says so, and a Token role mapping gives him TwoPools_Managers while Alice gets the default role. A Rules mapping on cognito:groups does the same from a claim.',
    participants: ['app', 'user-pool', 'identity-pool', 'sts'],
    // The console work before the story: the group with its role and precedence, Bob in it, and a Token
    // role mapping for the user pool provider (a token naming no role falls back to the authenticated role).
    setup: {
      changes: [
        { set: 'create-group', group: MANAGERS, role: 'TwoPools_Managers', precedence: 1 },
        { set: 'group-membership', user: 1, group: MANAGERS, member: true },
        { set: 'user-pool-role-mapping', mapping: { type: 'Token', ambiguous: 'AuthenticatedRole' } }
      ]
    },
    steps: [
      {
        id: 'alice-signs-in',
        title: 'Alice signs in (in no group)',
        action: { do: 'sign-in', user: 0, flow: 'srp' }
      },
      { id: 'alice-get-id', title: 'GetId for Alice', action: { do: 'get-id', provider: 'user-pool' } },
      {
        id: 'alice-credentials',
        title: 'Token mapping: no role in her token → TwoPools_Authenticated',
        action: { do: 'get-credentials' }
      },
      {
        id: 'bob-signs-in',
        title: 'Bob signs in: cognito:groups, cognito:roles, cognito:preferred_role',
        action: { do: 'sign-in', user: 1, flow: 'srp' }
      },
      { id: 'bob-get-id', title: 'GetId for Bob', action: { do: 'get-id', provider: 'user-pool' } },
      {
        id: 'bob-credentials',
        title: 'Token mapping: cognito:preferred_role → TwoPools_Managers',
        action: { do: 'get-credentials' }
      },
      {
        id: 'rules-mapping',
        title: 'Console: a Rules mapping, cognito:groups Contains "managers"',
        action: {
          do: 'configure',
          change: {
            set: 'user-pool-role-mapping',
            mapping: {
              type: 'Rules',
              ambiguous: 'AuthenticatedRole',
              rules: [
                { claim: 'cognito:groups', match: 'Contains', value: MANAGERS, role: 'TwoPools_Managers' }
              ]
            }
          }
        }
      },
      {
        id: 'bob-credentials-by-rule',
        title: 'Rules mapping: rule 1 matches → TwoPools_Managers',
        action: { do: 'get-credentials' }
      }
    ],
    outcome: 'success'
  },
  {
    id: 'forgot-logins',
    title: 'Signed in, yet a guest: the forgotten Logins map',
    group: 'mix-ups',
    summary:
      'The app signs in, then calls GetId and GetCredentialsForIdentity without Logins: it silently gets the guest role, and DynamoDB refuses the order. With guest access off, GetId says so. Sending Logins fixes it.',
    participants: ['app', 'user-pool', 'identity-pool', 'sts', 'dynamodb'],
    steps: [
      { id: 'sign-in', title: 'Sign in', action: { do: 'sign-in', user: 0, flow: 'srp' } },
      {
        id: 'get-id-without-logins',
        title: 'GetId without Logins',
        action: { do: 'get-id', provider: 'guest' }
      },
      {
        id: 'get-credentials-without-logins',
        title: 'GetCredentialsForIdentity without Logins → TwoPools_Guest',
        action: { do: 'get-credentials' }
      },
      { id: 'read-order-denied', title: 'GetItem is denied', action: { do: 'read-order', orderId: '42' } },
      {
        id: 'guest-access-off',
        title: 'Console: guest access off',
        action: { do: 'configure', change: { set: 'guest-access', allow: false } }
      },
      {
        id: 'get-id-refused',
        title: 'GetId without Logins is refused',
        action: { do: 'get-id', provider: 'guest' }
      },
      {
        id: 'get-id-with-logins',
        title: 'GetId with Logins',
        action: { do: 'get-id', provider: 'user-pool' }
      },
      {
        id: 'get-credentials-with-logins',
        title: 'GetCredentialsForIdentity with Logins → TwoPools_Authenticated',
        action: { do: 'get-credentials' }
      },
      { id: 'signed-get-item', title: 'Signed GetItem', action: { do: 'read-order', orderId: '42' } }
    ],
    outcome: 'success'
  },
  {
    id: 'broken-trust',
    title: 'A trust policy that names another pool',
    group: 'mix-ups',
    summary:
      "The authenticated role's trust policy names the identity pool with one character wrong; STS refuses the identity pool, which tells the app its configuration is invalid. Fixing the policy fixes it.",
    participants: ['app', 'user-pool', 'identity-pool', 'sts', 'dynamodb'],
    // The slip is in IAM, not in Cognito: the role's trust policy, edited by hand, names a pool that does not exist.
    setup: {
      changes: [{ set: 'trust-policy', role: 'TwoPools_Authenticated', audience: 'one-character-typo' }]
    },
    steps: [
      { id: 'sign-in', title: 'Sign in', action: { do: 'sign-in', user: 0, flow: 'srp' } },
      { id: 'get-id', title: 'GetId', action: { do: 'get-id', provider: 'user-pool' } },
      {
        id: 'get-credentials-refused',
        title: 'GetCredentialsForIdentity: the role does not trust this pool',
        action: { do: 'get-credentials' }
      },
      {
        id: 'fix-trust-policy',
        title: 'Console: fix the trust policy’s aud',
        action: {
          do: 'configure',
          change: { set: 'trust-policy', role: 'TwoPools_Authenticated', audience: 'this-pool' }
        }
      },
      { id: 'get-credentials', title: 'GetCredentialsForIdentity again', action: { do: 'get-credentials' } },
      { id: 'signed-get-item', title: 'Signed GetItem', action: { do: 'read-order', orderId: '42' } }
    ],
    outcome: 'success'
  },
  {
    id: 's3-private-upload',
    title: 'Upload to your own S3 folder',
    group: 'fine-grained',
    summary:
      'Identity-pool credentials sign S3 requests; ${cognito-identity.amazonaws.com:sub} in the policy gives each identity its own private/ folder. Guests get nothing.',
    participants: ['app', 'user-pool', 'identity-pool', 'sts', 's3'],
    steps: [
      { id: 'sign-in', title: 'Sign in', action: { do: 'sign-in', user: 0, flow: 'srp' } },
      { id: 'get-id', title: 'GetId', action: { do: 'get-id', provider: 'user-pool' } },
      { id: 'get-credentials', title: 'GetCredentialsForIdentity', action: { do: 'get-credentials' } },
      { id: 'upload-avatar', title: 'PutObject into your own folder', action: { do: 'upload-avatar' } },
      { id: 'list-own-folder', title: 'List your own folder', action: { do: 'list-folder', whose: 'own' } },
      {
        id: 'list-other-folder',
        title: "List someone else's folder",
        action: { do: 'list-folder', whose: 'other' }
      },
      { id: 'sign-out', title: 'Sign out', action: { do: 'sign-out' } },
      {
        id: 'get-guest-id',
        title: 'A guest: GetId with no login',
        action: { do: 'get-id', provider: 'guest' }
      },
      { id: 'get-guest-credentials', title: 'Guest credentials', action: { do: 'get-credentials' } },
      { id: 'guest-upload', title: 'The guest tries to upload', action: { do: 'upload-avatar' } }
    ],
    outcome: 'refused'
  },
  {
    id: 'managed-login-pkce',
    title: 'Sign in with managed login (code + PKCE)',
    group: 'managed-login',
    summary:
      "The app sends the browser to the user pool's managed login; the user signs in there, the browser brings a one-time code back, and the app trades it with its PKCE verifier for tokens whose access token carries the custom scope orders-api/read.",
    // The browser stands between the app and the pool: it alone talks to the sign-in page.
    participants: ['app', 'browser', 'user-pool', 'api-gateway', 'lambda', 'dynamodb'],
    steps: [
      {
        id: 'open-managed-login',
        title: 'GET /oauth2/authorize → the login page',
        action: { do: 'open-managed-login' }
      },
      {
        id: 'sign-in-on-page',
        title: 'Sign in on the page → back with a code',
        action: { do: 'managed-login-sign-in', user: 0 }
      },
      {
        id: 'trade-code',
        title: 'POST /oauth2/token: code + verifier → tokens',
        action: { do: 'redeem-code' }
      },
      {
        id: 'call-scoped-method',
        title: 'GET /scoped/orders/42 with the access token',
        action: { do: 'call-scoped-api', orderId: '42' }
      }
    ],
    outcome: 'success'
  }
];
