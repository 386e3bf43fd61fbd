// The exercises as data: each one's broken starting configuration, the fields a learner edits, its worked solution and its goal.

import { configForSeed, type PolicyDocument } from '../sim';
import type { Exercise, GoalRequest } from './types';

/** Every exercise runs in a world of this seed, so the ids its texts name (the identity pool's) are those Check meets. */
export const EXERCISE_SEED = 'two-pools-exercises';

const config = configForSeed(EXERCISE_SEED);
const IDENTITY_ID = '${cognito-identity.amazonaws.com:sub}';
const table = (name: string) => `arn:aws:dynamodb:${config.region}:${config.accountId}:table/${name}`;
const NOTES = table(config.finegrained.table);

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

export const exercises: readonly Exercise[] = [
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
  }
];
