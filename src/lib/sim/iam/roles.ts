// The world's IAM roles as real JSON policy documents (trust + permissions), and the role store services read.

/*
 * These are the documents a learner would find in the IAM console for this app: the identity pool's
 * authenticated and guest roles, an admin role for rules-based role mapping, the execution role of the
 * Lambda behind the REST API, and the role of the user pool group "managers" (token-based role mapping). STS reads the trust policies; DynamoDB reads the permission policies.
 */

import { executeApiArn, type WorldConfig } from '../config';
import { UPPER_ALPHANUMERIC, type Random } from '../random';
import type { PolicyDocument } from './policy';

/** The condition key prefix of web identities from a Cognito identity pool (`cognito-identity.amazonaws.com:aud`, ...). */
export const COGNITO_IDENTITY = 'cognito-identity.amazonaws.com';

/** "${cognito-identity.amazonaws.com:sub}": the identity id (`us-east-1:uuid`), not the user pool `sub`. */
export const IDENTITY_ID_VARIABLE = '${cognito-identity.amazonaws.com:sub}';

export const ROLE_NAMES = {
  authenticated: 'TwoPools_Authenticated',
  guest: 'TwoPools_Guest',
  admin: 'TwoPools_Admin',
  ordersFunction: 'TwoPools_OrdersFunction',
  managers: 'TwoPools_Managers'
} as const;

export interface NamedPolicyDocument {
  /** The inline policy's name, as IAM lists it under the role. */
  name: string;
  document: PolicyDocument;
}

export interface Role {
  roleName: string;
  arn: string;
  /** Unique id IAM gives every role: `AROA` + 17 characters. Appears in AssumedRoleId. */
  roleId: string;
  path: '/';
  description: string;
  /** AssumeRolePolicyDocument: who may assume the role, and on what conditions. */
  trustPolicy: PolicyDocument;
  /** Inline permission policies: what the role's sessions may do. */
  permissionPolicies: NamedPolicyDocument[];
  /** Longest session STS grants for this role, in seconds (IAM default: 1 hour). */
  maxSessionDuration: number;
}

/** Read access for every service; `put` lets the lesson (and tests) edit a role's documents. */
export interface RoleStore {
  get(arn: string): Role | undefined;
  byName(roleName: string): Role | undefined;
  all(): Role[];
  put(role: Role): void;
}

export function roleArn(accountId: string, roleName: string): string {
  return `arn:aws:iam::${accountId}:role/${roleName}`;
}

export function tableArn(config: Pick<WorldConfig, 'region' | 'accountId'>, table: string): string {
  return `arn:aws:dynamodb:${config.region}:${config.accountId}:table/${table}`;
}

/**
 * The trust policy the Cognito console writes for an identity pool role (Cognito guide, "Role trust and
 * permissions"): only web identities from *this* pool (`aud`), and only of the given kind (`amr`).
 */
export function identityPoolTrustPolicy(
  identityPoolId: string,
  amr: 'authenticated' | 'unauthenticated'
): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: COGNITO_IDENTITY },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: { [`${COGNITO_IDENTITY}:aud`]: identityPoolId },
          'ForAnyValue:StringLike': { [`${COGNITO_IDENTITY}:amr`]: amr }
        }
      }
    ]
  };
}

/** The five roles of the world, drawn from its config. Role ids come from the seed, in this order. */
export function worldRoles(config: WorldConfig, random: Random): Role[] {
  const orders = tableArn(config, config.table.name);
  const notes = tableArn(config, config.finegrained.table);
  // S3 ARNs name no region or account: `arn:aws:s3:::{bucket}` and `arn:aws:s3:::{bucket}/{key}`.
  const bucket = `arn:aws:s3:::${config.s3.bucket}`;
  const role = (
    roleName: string,
    description: string,
    trustPolicy: PolicyDocument,
    permissionPolicies: NamedPolicyDocument[]
  ): Role => ({
    roleName,
    arn: roleArn(config.accountId, roleName),
    roleId: `AROA${random.pick(UPPER_ALPHANUMERIC, 17)}`,
    path: '/',
    description,
    trustPolicy,
    permissionPolicies,
    maxSessionDuration: 3600
  });

  const authenticated = role(
    ROLE_NAMES.authenticated,
    'Signed-in users of the identity pool: read orders; read and write their own notes and their own S3 folder only; call the API’s AWS_IAM method.',
    identityPoolTrustPolicy(config.identityPool.id, 'authenticated'),
    [
      {
        name: 'ReadOrders',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'ReadOrders',
              Effect: 'Allow',
              Action: ['dynamodb:GetItem', 'dynamodb:Query'],
              Resource: orders
            }
          ]
        }
      },
      {
        name: 'OwnNotesOnly',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              // "ForAllValues ... dynamodb:LeadingKeys": every partition key the request touches must be the
              // caller's identity id. No Scan here: ForAllValues is true when the key is absent (a Scan names none).
              Sid: 'OwnNotesOnly',
              Effect: 'Allow',
              Action: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem'],
              Resource: notes,
              Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [IDENTITY_ID_VARIABLE] } }
            }
          ]
        }
      },
      {
        name: 'OwnPrivateFolder',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              // The Amplify convention: each identity's own folder, named by its identity id (the variable), not
              // by the user pool `sub`.
              Sid: 'OwnFolderObjects',
              Effect: 'Allow',
              Action: ['s3:PutObject', 's3:GetObject'],
              Resource: `${bucket}/private/${IDENTITY_ID_VARIABLE}/*`
            },
            {
              // Listing is an action on the bucket, not on objects: s3:prefix says which folder it may list.
              Sid: 'ListOwnFolder',
              Effect: 'Allow',
              Action: 's3:ListBucket',
              Resource: bucket,
              Condition: {
                StringLike: {
                  's3:prefix': [`private/${IDENTITY_ID_VARIABLE}/`, `private/${IDENTITY_ID_VARIABLE}/*`]
                }
              }
            }
          ]
        }
      },
      {
        name: 'InvokeOwnApi',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              // The API's AWS_IAM method: `{apiArn}/{stage}/{METHOD}/{path}`, any stage, any order id.
              Sid: 'InvokeOwnApi',
              Effect: 'Allow',
              Action: 'execute-api:Invoke',
              Resource: `${executeApiArn(config)}/*/GET/iam/orders/*`
            }
          ]
        }
      }
    ]
  );

  const guest = role(
    ROLE_NAMES.guest,
    'Guests (unauthenticated identities): no data access at all, only anonymous analytics events.',
    identityPoolTrustPolicy(config.identityPool.id, 'unauthenticated'),
    [
      {
        name: 'AnalyticsOnly',
        document: {
          Version: '2012-10-17',
          Statement: [
            { Sid: 'AnalyticsOnly', Effect: 'Allow', Action: 'mobileanalytics:PutEvents', Resource: '*' }
          ]
        }
      }
    ]
  );

  const admin = role(
    ROLE_NAMES.admin,
    'Members of the user pool group "admins", chosen by a rules-based role mapping: full access to both tables.',
    identityPoolTrustPolicy(config.identityPool.id, 'authenticated'),
    [
      {
        name: 'ManageTables',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'ManageTables',
              Effect: 'Allow',
              Action: [
                'dynamodb:GetItem',
                'dynamodb:Query',
                'dynamodb:Scan',
                'dynamodb:PutItem',
                'dynamodb:UpdateItem',
                'dynamodb:DeleteItem',
                'dynamodb:BatchGetItem'
              ],
              Resource: [orders, notes]
            }
          ]
        }
      }
    ]
  );

  const ordersFunction = role(
    ROLE_NAMES.ordersFunction,
    'Execution role of the Lambda behind the REST API: it reads the Orders table on the caller’s behalf.',
    {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'lambda.amazonaws.com' },
          Action: 'sts:AssumeRole'
        }
      ]
    },
    [
      {
        name: 'ReadOrders',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'ReadOrders',
              Effect: 'Allow',
              Action: ['dynamodb:GetItem', 'dynamodb:Query'],
              Resource: orders
            },
            {
              Sid: 'WriteLogs',
              Effect: 'Allow',
              Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
              Resource: `arn:aws:logs:${config.region}:${config.accountId}:*`
            }
          ]
        }
      }
    ]
  );

  // Last, so that adding it drew no role id away from the four before it.
  const managers = role(
    ROLE_NAMES.managers,
    'Members of the user pool group "managers" (the group names this role; token or rules role mapping): read every order.',
    identityPoolTrustPolicy(config.identityPool.id, 'authenticated'),
    [
      {
        name: 'ReadEveryOrder',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'ReadEveryOrder',
              Effect: 'Allow',
              Action: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan'],
              Resource: orders
            }
          ]
        }
      }
    ]
  );

  return [authenticated, guest, admin, ordersFunction, managers];
}

export function managersRoleArn(config: Pick<WorldConfig, 'accountId'>): string {
  return roleArn(config.accountId, ROLE_NAMES.managers);
}

export function adminRoleArn(config: Pick<WorldConfig, 'accountId'>): string {
  return roleArn(config.accountId, ROLE_NAMES.admin);
}

export function ordersFunctionRoleArn(config: Pick<WorldConfig, 'accountId'>): string {
  return roleArn(config.accountId, ROLE_NAMES.ordersFunction);
}

/** A role store over `roles`, looked up by ARN or name in Maps. */
export function createRoleStore(roles: Role[]): RoleStore {
  const byArn = new Map<string, Role>();
  const put = (role: Role) => {
    byArn.set(role.arn, role);
  };
  for (const role of roles) put(role);
  return {
    get: (arn) => byArn.get(arn),
    byName: (roleName) => [...byArn.values()].find((role) => role.roleName === roleName),
    all: () => [...byArn.values()],
    put
  };
}
