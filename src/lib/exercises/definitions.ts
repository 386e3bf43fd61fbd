// The exercises as data: each one's broken starting configuration, the fields a learner edits, its worked solution and its goal.

import { oneCharacterTypo } from '../scenarios';
import { configForSeed, identityPoolTrustPolicy, type PolicyDocument } from '../sim';
import type { Exercise, GoalRequest } from './types';

/** Every exercise runs in a world of this seed, so the ids its texts name (the identity pool's) are those Check meets. */
export const EXERCISE_SEED = 'two-pools-exercises';

const config = configForSeed(EXERCISE_SEED);
const IDENTITY_ID = '${cognito-identity.amazonaws.com:sub}';
const table = (name: string) => `arn:aws:dynamodb:${config.region}:${config.accountId}:table/${name}`;
const NOTES = table(config.finegrained.table);
const EVENTS = table(config.events.table);
const BUCKET = `arn:aws:s3:::${config.s3.bucket}`;
const USER_POOL_SUB = `\${cognito-idp.${config.region}.amazonaws.com/${config.userPool.id}:sub}`;

/** A policy's Condition block, as written. */
type Condition = Record<string, Record<string, string | string[]>>;

const json = (document: PolicyDocument) => JSON.stringify(document, null, 2);

/** Sign in, GetId and GetCredentialsForIdentity for one demo user: the requests before any signed call. */
function credentialsOf(user: 0 | 1, key: string): GoalRequest[] {
  const name = user === 0 ? 'Alice' : 'Bob';
  return [
    {
      id: `${key}-signs-in`,
      description: `${name} signs in to the user pool`,
      action: { do: 'sign-in', user, flow: 'srp' },
      expect: 'succeed'
    },
    {
      id: `${key}-get-id`,
      description: `GetId with ${name}’s ID token`,
      action: { do: 'get-id', provider: 'user-pool' },
      expect: 'succeed'
    },
    {
      id: `${key}-credentials`,
      description: `GetCredentialsForIdentity for ${name}`,
      action: { do: 'get-credentials' },
      expect: 'succeed'
    }
  ];
}

/** The notes table's statement: every note action, on the table, with or without the condition that confines it. */
function notesPolicy(condition?: Condition): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'OwnNotesOnly',
        Effect: 'Allow',
        Action: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem'],
        Resource: NOTES,
        ...(condition === undefined ? {} : { Condition: condition })
      }
    ]
  };
}

/** Bob keeps a note; Alice keeps one, reads hers, and must be refused Bob's. */
const ownNotesGoals: GoalRequest[] = [
  ...credentialsOf(1, 'bob'),
  {
    id: 'bob-writes-note',
    description: 'Bob writes a note under his own identity id',
    action: { do: 'put-note', text: 'Bob’s note' },
    expect: 'succeed'
  },
  ...credentialsOf(0, 'alice'),
  {
    id: 'alice-writes-note',
    description: 'Alice writes a note under her own identity id',
    action: { do: 'put-note', text: 'Alice’s note' },
    expect: 'succeed'
  },
  {
    id: 'alice-reads-own',
    description: 'Alice reads her own notes',
    action: { do: 'query-notes', whose: 'own' },
    expect: 'succeed'
  },
  {
    id: 'alice-reads-bobs',
    description: 'Alice reads Bob’s notes',
    action: { do: 'query-notes-of', user: 1 },
    expect: 'refused'
  }
];

const OWN_NOTES_CONDITION = { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [IDENTITY_ID] } };

/** A guest in the basic (classic) flow: an identity with no login, its OpenID token, and the guest role from STS. */
const guestCredentials: GoalRequest[] = [
  {
    id: 'guest-get-id',
    description: 'A guest gets an identity id (GetId with no login)',
    action: { do: 'get-id', provider: 'guest' },
    expect: 'succeed'
  },
  {
    id: 'guest-open-id-token',
    description: 'GetOpenIdToken for the guest',
    action: { do: 'get-open-id-token' },
    expect: 'succeed'
  }
];

/** The private folders: objects under the caller's own identity id, and listing only that folder. */
function foldersPolicy(objects: string, prefixes: string[]): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'OwnFolderObjects',
        Effect: 'Allow',
        Action: ['s3:PutObject', 's3:GetObject'],
        Resource: `${BUCKET}/${objects}`
      },
      {
        Sid: 'ListOwnFolder',
        Effect: 'Allow',
        Action: 's3:ListBucket',
        Resource: BUCKET,
        Condition: { StringLike: { 's3:prefix': prefixes } }
      }
    ]
  };
}

function guestPolicy(actions: string[], resource: string): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [{ Sid: 'GuestAccess', Effect: 'Allow', Action: actions, Resource: resource }]
  };
}

export const exercises: readonly Exercise[] = [
  {
    id: 'trust-policy',
    title: 'Trust the right identity pool',
    // The basic flow is on, so a guest's own OpenID token can be taken to STS: the amr condition must stop it.
    setup: { allowClassicFlow: true },
    fields: [
      {
        id: 'trust-policy',
        label: 'Trust policy of TwoPools_Authenticated',
        kind: 'json',
        start: json(identityPoolTrustPolicy(oneCharacterTypo(config.identityPool.id), 'authenticated')),
        target: { set: 'trust-policy', role: 'TwoPools_Authenticated' }
      }
    ],
    solution: { 'trust-policy': json(identityPoolTrustPolicy(config.identityPool.id, 'authenticated')) },
    goals: [
      ...credentialsOf(0, 'alice'),
      {
        id: 'alice-reads-order',
        description: 'Alice reads her order 42 with those credentials',
        action: { do: 'read-order', orderId: '42' },
        expect: 'succeed'
      },
      ...guestCredentials,
      {
        id: 'guest-assumes-authenticated',
        description: 'The guest takes its OpenID token to STS for TwoPools_Authenticated',
        action: { do: 'assume-role', role: 'authenticated' },
        expect: 'refused'
      }
    ]
  },
  {
    id: 'own-orders',
    title: 'Only your own items',
    fields: [
      {
        id: 'permissions-policy',
        label: 'Inline policy OwnNotesOnly of TwoPools_Authenticated',
        kind: 'json',
        start: json(notesPolicy()),
        target: { set: 'permissions-policy', role: 'TwoPools_Authenticated', policyName: 'OwnNotesOnly' }
      }
    ],
    solution: { 'permissions-policy': json(notesPolicy(OWN_NOTES_CONDITION)) },
    goals: ownNotesGoals
  },
  {
    id: 'wrong-sub',
    title: 'The wrong sub',
    fields: [
      {
        id: 'permissions-policy',
        label: 'Inline policy OwnNotesOnly of TwoPools_Authenticated',
        kind: 'json',
        start: json(
          notesPolicy({ 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [USER_POOL_SUB] } })
        ),
        target: { set: 'permissions-policy', role: 'TwoPools_Authenticated', policyName: 'OwnNotesOnly' }
      }
    ],
    solution: { 'permissions-policy': json(notesPolicy(OWN_NOTES_CONDITION)) },
    goals: ownNotesGoals
  },
  {
    id: 'which-token',
    title: 'Which token?',
    fields: [
      {
        id: 'token',
        label: 'The token the app sends to GET /orders/{id}',
        kind: 'choice',
        start: 'access',
        choices: [
          { value: 'id', label: 'ID token' },
          { value: 'access', label: 'Access token' }
        ],
        target: { set: 'app-token' }
      },
      {
        id: 'method-scopes',
        label: 'OAuth scopes of GET /orders/{id} (none: the authorizer wants an ID token)',
        kind: 'text',
        start: '',
        target: { set: 'method-scopes', httpMethod: 'GET', resource: '/orders/{id}' }
      }
    ],
    solution: { token: 'id', 'method-scopes': '' },
    goals: [
      {
        id: 'alice-signs-in',
        description: 'Alice signs in to the user pool',
        action: { do: 'sign-in', user: 0, flow: 'srp' },
        expect: 'succeed'
      },
      {
        id: 'alice-gets-order',
        description: 'The app calls GET /orders/42 (Alice’s order) with the token it chose',
        action: { do: 'call-api-with-chosen-token', orderId: '42', field: 'token' },
        expect: 'succeed'
      },
      {
        id: 'alice-gets-bobs-order',
        description: 'The app calls GET /orders/7 (Bob’s order) with the same token',
        action: { do: 'call-api-with-chosen-token', orderId: '7', field: 'token' },
        expect: 'refused'
      }
    ]
  },
  {
    id: 'guest-events',
    title: 'Guests only where intended',
    // Guests take the basic flow: the enhanced flow's scope-down session policy names no DynamoDB action at all.
    setup: { allowClassicFlow: true },
    fields: [
      {
        id: 'permissions-policy',
        label: 'Inline policy GuestAccess of TwoPools_Guest',
        kind: 'json',
        start: json(guestPolicy(['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem'], table('*'))),
        target: { set: 'permissions-policy', role: 'TwoPools_Guest', policyName: 'GuestAccess' }
      },
      {
        id: 'guest-access',
        label: 'Guest access (unauthenticated identities) of the identity pool',
        kind: 'toggle',
        start: 'on',
        target: { set: 'guest-access' }
      }
    ],
    solution: {
      'permissions-policy': json(guestPolicy(['dynamodb:PutItem'], EVENTS)),
      'guest-access': 'on'
    },
    goals: [
      ...guestCredentials,
      {
        id: 'guest-credentials',
        description: 'The guest takes its OpenID token to STS for TwoPools_Guest',
        action: { do: 'assume-role', role: 'unauthenticated' },
        expect: 'succeed'
      },
      {
        id: 'guest-records-event',
        description: 'The guest records an event in the Events table (PutItem)',
        action: { do: 'record-event', name: 'app-opened' },
        expect: 'succeed'
      },
      {
        id: 'guest-reads-events',
        description: 'The guest reads the events back (Query on Events)',
        action: { do: 'read-events' },
        expect: 'refused'
      },
      {
        id: 'guest-reads-order',
        description: 'The guest reads order 42 (GetItem on Orders)',
        action: { do: 'read-order', orderId: '42' },
        expect: 'refused'
      },
      {
        id: 'guest-writes-note',
        description: 'The guest writes a note into UserNotes (PutItem on another table)',
        action: { do: 'put-note', text: 'A guest was here' },
        expect: 'refused'
      }
    ]
  },
  {
    id: 's3-private-folders',
    title: 'S3 private folders',
    fields: [
      {
        id: 'permissions-policy',
        label: 'Inline policy OwnPrivateFolder of TwoPools_Authenticated (S3)',
        kind: 'json',
        start: json(foldersPolicy('private/*', ['private/*'])),
        target: { set: 'permissions-policy', role: 'TwoPools_Authenticated', policyName: 'OwnPrivateFolder' }
      }
    ],
    solution: {
      'permissions-policy': json(
        foldersPolicy(`private/${IDENTITY_ID}/*`, [`private/${IDENTITY_ID}/`, `private/${IDENTITY_ID}/*`])
      )
    },
    goals: [
      ...credentialsOf(1, 'bob'),
      {
        id: 'bob-uploads-avatar',
        description: 'Bob uploads his avatar into his own folder',
        action: { do: 'upload-avatar' },
        expect: 'succeed'
      },
      ...credentialsOf(0, 'alice'),
      {
        id: 'alice-uploads-avatar',
        description: 'Alice uploads her avatar into her own folder',
        action: { do: 'upload-avatar' },
        expect: 'succeed'
      },
      {
        id: 'alice-lists-own',
        description: 'Alice lists her own folder',
        action: { do: 'list-folder', whose: 'own' },
        expect: 'succeed'
      },
      {
        id: 'alice-overwrites-bobs',
        description: 'Alice uploads over Bob’s avatar, in his folder',
        action: { do: 'upload-avatar-to', user: 1 },
        expect: 'refused'
      },
      {
        id: 'alice-lists-bobs',
        description: 'Alice lists Bob’s folder',
        action: { do: 'list-folder-of', user: 1 },
        expect: 'refused'
      }
    ]
  }
];
