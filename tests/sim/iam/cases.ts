// Shared IAM fixtures: the Cognito identity-pool policies and the request cases both IAM test files run.
import type { Decision, PolicyDocument, RequestContext } from '../../../src/lib/sim/iam';

export const ACCOUNT = '123456789012';
export const TABLE = `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/Orders`;
export const POOL_ID = 'us-east-1:6d0f2c34-1b7e-4a55-9c2d-0e8f5b1a7c9d';
export const USER_POOL = 'cognito-idp.us-east-1.amazonaws.com/us-east-1_Ab12Cd34E';
/** The identity id the identity pool gave this user: what `${cognito-identity.amazonaws.com:sub}` means. */
export const IDENTITY_ID = 'us-east-1:0d6c3a58-7a2e-4e3b-9a57-5c1f7f1b2c3d';
export const OTHER_IDENTITY_ID = 'us-east-1:9b1e4f70-2c3d-4e5f-8a9b-0c1d2e3f4a5b';
/** The user pool's `sub` claim for the same person: a different identifier altogether. */
export const USER_POOL_SUB = '5f3c2a1b-8d7e-4c6b-9a0f-1e2d3c4b5a69';
export const AUTHENTICATED_AMR = ['authenticated', USER_POOL, `${USER_POOL}:CognitoSignIn:${USER_POOL_SUB}`];
export const ROLE_SESSION_ARN = `arn:aws:sts::${ACCOUNT}:assumed-role/Cognito_OrdersAuth_Role/CognitoIdentityCredentials`;

const SUB_VARIABLE = '${cognito-identity.amazonaws.com:sub}';

let counter = 0;
/** Wraps one statement as a named 2012-10-17 policy. */
function policy(statement: PolicyDocument['Statement']): { name: string; document: PolicyDocument } {
  counter += 1;
  return { name: `inline-${counter}`, document: { Version: '2012-10-17', Statement: statement } };
}

/** AWS's documented fine-grained access policy: each identity reads and writes only its own partition. */
export const OWN_ITEMS_POLICY: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'OwnItemsOnly',
      Effect: 'Allow',
      Action: [
        'dynamodb:GetItem',
        'dynamodb:BatchGetItem',
        'dynamodb:Query',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
        'dynamodb:BatchWriteItem'
      ],
      Resource: TABLE,
      Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [SUB_VARIABLE] } }
    }
  ]
};

/** The same idea written carelessly with `dynamodb:*`: Scan sends no LeadingKeys, and ForAllValues passes. */
export const SLOPPY_OWN_ITEMS_POLICY: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'OwnItemsButScanToo',
      Effect: 'Allow',
      Action: 'dynamodb:*',
      Resource: TABLE,
      Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [SUB_VARIABLE] } }
    }
  ]
};

/** The pitfall closed: also require that LeadingKeys be present. */
export const GUARDED_OWN_ITEMS_POLICY: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'OwnItemsAndNoScan',
      Effect: 'Allow',
      Action: 'dynamodb:*',
      Resource: TABLE,
      Condition: {
        'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [SUB_VARIABLE] },
        Null: { 'dynamodb:LeadingKeys': 'false' }
      }
    }
  ]
};

/** The own-items policy without a Version: IAM then reads `${...}` as literal text. */
export const UNVERSIONED_OWN_ITEMS_POLICY: PolicyDocument = {
  Statement: [
    {
      Effect: 'Allow',
      Action: 'dynamodb:GetItem',
      Resource: TABLE,
      Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [SUB_VARIABLE] } }
    }
  ]
};

export const ALLOW_ALL_DYNAMODB: PolicyDocument = {
  Version: '2012-10-17',
  Statement: { Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' }
};

export const DENY_DELETE: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'NeverDelete', Effect: 'Deny', Action: 'dynamodb:DeleteItem', Resource: TABLE }]
};

/** An identity after sign-in, calling with the credentials of the authenticated role. */
export function authenticatedContext(leadingKeys?: string[]): RequestContext {
  return {
    'cognito-identity.amazonaws.com:sub': IDENTITY_ID,
    'cognito-identity.amazonaws.com:aud': POOL_ID,
    'cognito-identity.amazonaws.com:amr': AUTHENTICATED_AMR,
    'aws:SecureTransport': 'true',
    'dynamodb:LeadingKeys': leadingKeys
  };
}

export interface IamCase {
  name: string;
  policies: { name: string; document: PolicyDocument }[];
  action: string;
  resource: string;
  context: RequestContext;
  expected: Decision['decision'];
}

/** Identity-policy-only cases; both our evaluator and @cloud-copilot/iam-simulate must agree on each. */
export const IAM_CASES: IamCase[] = [
  {
    name: 'default deny: no policy at all',
    policies: [],
    action: 'dynamodb:GetItem',
    resource: TABLE,
    context: authenticatedContext([IDENTITY_ID]),
    expected: 'ImplicitDeny'
  },
  {
    name: 'default deny: a policy for another action',
    policies: [{ name: 'deny-delete-only', document: DENY_DELETE }],
    action: 'dynamodb:GetItem',
    resource: TABLE,
    context: authenticatedContext([IDENTITY_ID]),
    expected: 'ImplicitDeny'
  },
  {
    name: 'LeadingKeys: own partition key is allowed',
    policies: [{ name: 'own-items', document: OWN_ITEMS_POLICY }],
    action: 'dynamodb:GetItem',
    resource: TABLE,
    context: authenticatedContext([IDENTITY_ID]),
    expected: 'Allow'
  },
  {
    name: "LeadingKeys: another identity's partition key is denied",
    policies: [{ name: 'own-items', document: OWN_ITEMS_POLICY }],
    action: 'dynamodb:GetItem',
    resource: TABLE,
    context: authenticatedContext([OTHER_IDENTITY_ID]),
    expected: 'ImplicitDeny'
  },
  {
    name: 'LeadingKeys: a batch mixing own and foreign keys is denied',
    policies: [{ name: 'own-items', document: OWN_ITEMS_POLICY }],
    action: 'dynamodb:BatchGetItem',
    resource: TABLE,
    context: authenticatedContext([IDENTITY_ID, OTHER_IDENTITY_ID]),
    expected: 'ImplicitDeny'
  },
  {
    name: 'LeadingKeys: a batch of only own keys is allowed',
    policies: [{ name: 'own-items', document: OWN_ITEMS_POLICY }],
    action: 'dynamodb:BatchGetItem',
    resource: TABLE,
    context: authenticatedContext([IDENTITY_ID, IDENTITY_ID]),
    expected: 'Allow'
  },
  {
    name: 'LeadingKeys: an item keyed by the user-pool sub is denied (the variable is the identity id)',
    policies: [{ name: 'own-items', document: OWN_ITEMS_POLICY }],
    action: 'dynamodb:GetItem',
    resource: TABLE,
    context: authenticatedContext([USER_POOL_SUB]),
    expected: 'ImplicitDeny'
  },
  {
    name: 'LeadingKeys: without a sub in the context the variable is unresolvable and the statement does not match',
    policies: [{ name: 'own-items', document: OWN_ITEMS_POLICY }],
    action: 'dynamodb:GetItem',
    resource: TABLE,
    context: { 'dynamodb:LeadingKeys': [IDENTITY_ID] },
    expected: 'ImplicitDeny'
  },
  {
    name: 'LeadingKeys: condition keys are case-insensitive',
    policies: [{ name: 'own-items', document: OWN_ITEMS_POLICY }],
    action: 'dynamodb:GetItem',
    resource: TABLE,
    context: { 'Cognito-Identity.amazonaws.com:SUB': IDENTITY_ID, 'DynamoDB:leadingkeys': [IDENTITY_ID] },
    expected: 'Allow'
  },
  {
    name: 'Scan pitfall: dynamodb:* with ForAllValues allows a Scan (no LeadingKeys)',
    policies: [{ name: 'sloppy-own-items', document: SLOPPY_OWN_ITEMS_POLICY }],
    action: 'dynamodb:Scan',
    resource: TABLE,
    context: authenticatedContext(),
    expected: 'Allow'
  },
  {
    name: 'Scan pitfall avoided: the documented policy does not list Scan',
    policies: [{ name: 'own-items', document: OWN_ITEMS_POLICY }],
    action: 'dynamodb:Scan',
    resource: TABLE,
    context: authenticatedContext(),
    expected: 'ImplicitDeny'
  },
  {
    name: 'Scan pitfall closed: Null "false" on LeadingKeys refuses a Scan',
    policies: [{ name: 'guarded-own-items', document: GUARDED_OWN_ITEMS_POLICY }],
    action: 'dynamodb:Scan',
    resource: TABLE,
    context: authenticatedContext(),
    expected: 'ImplicitDeny'
  },
  {
    name: 'Scan pitfall closed: the guarded policy still allows own keys',
    policies: [{ name: 'guarded-own-items', document: GUARDED_OWN_ITEMS_POLICY }],
    action: 'dynamodb:Query',
    resource: TABLE,
    context: authenticatedContext([IDENTITY_ID]),
    expected: 'Allow'
  },
  {
    name: 'explicit Deny beats Allow (Allow policy first)',
    policies: [
      { name: 'allow-all', document: ALLOW_ALL_DYNAMODB },
      { name: 'deny-delete', document: DENY_DELETE }
    ],
    action: 'dynamodb:DeleteItem',
    resource: TABLE,
    context: authenticatedContext([IDENTITY_ID]),
    expected: 'ExplicitDeny'
  },
  {
    name: 'explicit Deny beats Allow (Deny policy first)',
    policies: [
      { name: 'deny-delete', document: DENY_DELETE },
      { name: 'allow-all', document: ALLOW_ALL_DYNAMODB }
    ],
    action: 'dynamodb:DeleteItem',
    resource: TABLE,
    context: authenticatedContext([IDENTITY_ID]),
    expected: 'ExplicitDeny'
  },
  {
    name: 'explicit Deny beats Allow within one policy, Deny statement last',
    policies: [
      {
        name: 'mixed',
        document: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: '*', Resource: '*' },
            { Effect: 'Deny', Action: 'dynamodb:Delete*', Resource: '*' }
          ]
        }
      }
    ],
    action: 'dynamodb:DeleteItem',
    resource: TABLE,
    context: {},
    expected: 'ExplicitDeny'
  },
  {
    name: 'a Deny for another action leaves the Allow in force',
    policies: [
      { name: 'deny-delete', document: DENY_DELETE },
      { name: 'allow-all', document: ALLOW_ALL_DYNAMODB }
    ],
    action: 'dynamodb:GetItem',
    resource: TABLE,
    context: {},
    expected: 'Allow'
  },
  {
    name: 'wildcards: dynamodb:Get* matches GetItem',
    policies: [policy({ Effect: 'Allow', Action: 'dynamodb:Get*', Resource: TABLE })],
    action: 'dynamodb:GetItem',
    resource: TABLE,
    context: {},
    expected: 'Allow'
  },
  {
    name: 'wildcards: dynamodb:Get* does not match PutItem',
    policies: [policy({ Effect: 'Allow', Action: 'dynamodb:Get*', Resource: TABLE })],
    action: 'dynamodb:PutItem',
    resource: TABLE,
    context: {},
    expected: 'ImplicitDeny'
  },
  {
    name: 'wildcards: actions match case-insensitively, ? is one character',
    policies: [policy({ Effect: 'Allow', Action: 'DynamoDB:?ETITEM', Resource: TABLE })],
    action: 'dynamodb:GetItem',
    resource: TABLE,
    context: {},
    expected: 'Allow'
  },
  {
    name: 'wildcards: resource pattern with * and ?',
    policies: [
      policy({
        Effect: 'Allow',
        Action: 'dynamodb:GetItem',
        Resource: `arn:aws:dynamodb:*:${ACCOUNT}:table/Ord?rs*`
      })
    ],
    action: 'dynamodb:GetItem',
    resource: TABLE,
    context: {},
    expected: 'Allow'
  },
  {
    name: 'wildcards: resources match case-sensitively',
    policies: [
      policy({
        Effect: 'Allow',
        Action: 'dynamodb:GetItem',
        Resource: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/orders`
      })
    ],
    action: 'dynamodb:GetItem',
    resource: TABLE,
    context: {},
    expected: 'ImplicitDeny'
  },
  {
    name: 'NotAction: allows everything but the listed action',
    policies: [policy({ Effect: 'Allow', NotAction: 'dynamodb:DeleteItem', Resource: '*' })],
    action: 'dynamodb:GetItem',
    resource: TABLE,
    context: {},
    expected: 'Allow'
  },
  {
    name: 'NotAction: the listed action is not allowed',
    policies: [policy({ Effect: 'Allow', NotAction: 'dynamodb:DeleteItem', Resource: '*' })],
    action: 'dynamodb:DeleteItem',
    resource: TABLE,
    context: {},
    expected: 'ImplicitDeny'
  },
  {
    name: 'NotAction in a Deny: denies everything but reads',
    policies: [
      { name: 'allow-all', document: ALLOW_ALL_DYNAMODB },
      policy({ Effect: 'Deny', NotAction: ['dynamodb:GetItem', 'dynamodb:Query'], Resource: '*' })
    ],
    action: 'dynamodb:PutItem',
    resource: TABLE,
    context: {},
    expected: 'ExplicitDeny'
  },
  {
    name: 'NotResource: allows other tables only',
    policies: [policy({ Effect: 'Allow', Action: 'dynamodb:GetItem', NotResource: TABLE })],
    action: 'dynamodb:GetItem',
    resource: TABLE,
    context: {},
    expected: 'ImplicitDeny'
  },
  {
    name: 'Null: Allow only with temporary credentials (aws:TokenIssueTime present)',
    policies: [
      policy({
        Effect: 'Allow',
        Action: 'dynamodb:GetItem',
        Resource: TABLE,
        Condition: { Null: { 'aws:TokenIssueTime': 'false' } }
      })
    ],
    action: 'dynamodb:GetItem',
    resource: TABLE,
    context: { 'aws:TokenIssueTime': '2026-03-14T09:00:00Z' },
    expected: 'Allow'
  },
  {
    name: 'Null: the same Allow fails when aws:TokenIssueTime is absent',
    policies: [
      policy({
        Effect: 'Allow',
        Action: 'dynamodb:GetItem',
        Resource: TABLE,
        Condition: { Null: { 'aws:TokenIssueTime': 'false' } }
      })
    ],
    action: 'dynamodb:GetItem',
    resource: TABLE,
    context: {},
    expected: 'ImplicitDeny'
  },
  {
    name: 'Bool: a Deny on aws:SecureTransport false denies plain HTTP',
    policies: [
      { name: 'allow-all', document: ALLOW_ALL_DYNAMODB },
      policy({
        Effect: 'Deny',
        Action: '*',
        Resource: '*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } }
      })
    ],
    action: 'dynamodb:GetItem',
    resource: TABLE,
    context: { 'aws:SecureTransport': 'false' },
    expected: 'ExplicitDeny'
  },
  {
    name: 'Bool: the same Deny leaves HTTPS alone',
    policies: [
      { name: 'allow-all', document: ALLOW_ALL_DYNAMODB },
      policy({
        Effect: 'Deny',
        Action: '*',
        Resource: '*',
        Condition: { Bool: { 'aws:SecureTransport': false } }
      })
    ],
    action: 'dynamodb:GetItem',
    resource: TABLE,
    context: { 'aws:SecureTransport': 'true' },
    expected: 'Allow'
  },
  {
    name: 'StringLike with a variable: S3 prefix per identity',
    policies: [
      policy({
        Effect: 'Allow',
        Action: 's3:ListBucket',
        Resource: 'arn:aws:s3:::photos',
        Condition: { StringLike: { 's3:prefix': ['private/${cognito-identity.amazonaws.com:sub}/*'] } }
      })
    ],
    action: 's3:ListBucket',
    resource: 'arn:aws:s3:::photos',
    context: {
      'cognito-identity.amazonaws.com:sub': IDENTITY_ID,
      's3:prefix': `private/${IDENTITY_ID}/2026/`
    },
    expected: 'Allow'
  },
  {
    name: 'variable in Resource: own S3 folder allowed',
    policies: [
      policy({
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::photos/private/${cognito-identity.amazonaws.com:sub}/*'
      })
    ],
    action: 's3:GetObject',
    resource: `arn:aws:s3:::photos/private/${IDENTITY_ID}/cat.jpg`,
    context: { 'cognito-identity.amazonaws.com:sub': IDENTITY_ID },
    expected: 'Allow'
  },
  {
    name: "variable in Resource: another identity's folder denied",
    policies: [
      policy({
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::photos/private/${cognito-identity.amazonaws.com:sub}/*'
      })
    ],
    action: 's3:GetObject',
    resource: `arn:aws:s3:::photos/private/${OTHER_IDENTITY_ID}/cat.jpg`,
    context: { 'cognito-identity.amazonaws.com:sub': IDENTITY_ID },
    expected: 'ImplicitDeny'
  },
  {
    name: 'StringNotEquals: Deny for any pool but ours',
    policies: [
      { name: 'allow-all', document: ALLOW_ALL_DYNAMODB },
      policy({
        Effect: 'Deny',
        Action: '*',
        Resource: '*',
        Condition: { StringNotEquals: { 'cognito-identity.amazonaws.com:aud': POOL_ID } }
      })
    ],
    action: 'dynamodb:GetItem',
    resource: TABLE,
    context: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:00000000-0000-0000-0000-000000000000' },
    expected: 'ExplicitDeny'
  },
  {
    name: 'StringNotEquals on an absent key counts as not equal',
    policies: [
      { name: 'allow-all', document: ALLOW_ALL_DYNAMODB },
      policy({
        Effect: 'Deny',
        Action: '*',
        Resource: '*',
        Condition: { StringNotEquals: { 'cognito-identity.amazonaws.com:aud': POOL_ID } }
      })
    ],
    action: 'dynamodb:GetItem',
    resource: TABLE,
    context: {},
    expected: 'ExplicitDeny'
  },
  {
    name: 'StringEqualsIgnoreCase',
    policies: [
      policy({
        Effect: 'Allow',
        Action: '*',
        Resource: '*',
        Condition: { StringEqualsIgnoreCase: { 'aws:PrincipalTag/team': 'ORDERS' } }
      })
    ],
    action: 'dynamodb:GetItem',
    resource: TABLE,
    context: { 'aws:PrincipalTag/team': 'orders' },
    expected: 'Allow'
  },
  {
    name: 'ForAnyValue:StringLike on amr: authenticated',
    policies: [
      policy({
        Effect: 'Allow',
        Action: '*',
        Resource: '*',
        Condition: { 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' } }
      })
    ],
    action: 'dynamodb:GetItem',
    resource: TABLE,
    context: { 'cognito-identity.amazonaws.com:amr': AUTHENTICATED_AMR },
    expected: 'Allow'
  },
  {
    name: 'ForAnyValue:StringEquals on absent key is false',
    policies: [
      policy({
        Effect: 'Allow',
        Action: '*',
        Resource: '*',
        Condition: { 'ForAnyValue:StringEquals': { 'cognito-identity.amazonaws.com:amr': 'authenticated' } }
      })
    ],
    action: 'dynamodb:GetItem',
    resource: TABLE,
    context: {},
    expected: 'ImplicitDeny'
  },
  {
    name: 'ForAllValues:StringLike with a wildcard',
    policies: [
      policy({
        Effect: 'Allow',
        Action: 'dynamodb:Query',
        Resource: TABLE,
        Condition: { 'ForAllValues:StringLike': { 'dynamodb:Attributes': ['order*', 'identityId'] } }
      })
    ],
    action: 'dynamodb:Query',
    resource: TABLE,
    context: { 'dynamodb:Attributes': ['identityId', 'orderId', 'orderTotal'] },
    expected: 'Allow'
  },
  {
    name: 'ForAllValues:StringLike refuses an attribute outside the list',
    policies: [
      policy({
        Effect: 'Allow',
        Action: 'dynamodb:Query',
        Resource: TABLE,
        Condition: { 'ForAllValues:StringLike': { 'dynamodb:Attributes': ['order*', 'identityId'] } }
      })
    ],
    action: 'dynamodb:Query',
    resource: TABLE,
    context: { 'dynamodb:Attributes': ['identityId', 'creditCard'] },
    expected: 'ImplicitDeny'
  },
  {
    name: 'NumericLessThanEquals',
    policies: [
      policy({
        Effect: 'Allow',
        Action: 'dynamodb:Query',
        Resource: TABLE,
        Condition: { NumericLessThanEquals: { 'aws:MultiFactorAuthAge': 3600 } }
      })
    ],
    action: 'dynamodb:Query',
    resource: TABLE,
    context: { 'aws:MultiFactorAuthAge': '600' },
    expected: 'Allow'
  },
  {
    name: 'NumericGreaterThan fails',
    policies: [
      policy({
        Effect: 'Allow',
        Action: 'dynamodb:Query',
        Resource: TABLE,
        Condition: { NumericGreaterThan: { 'aws:MultiFactorAuthAge': '3600' } }
      })
    ],
    action: 'dynamodb:Query',
    resource: TABLE,
    context: { 'aws:MultiFactorAuthAge': '600' },
    expected: 'ImplicitDeny'
  },
  {
    name: 'DateLessThan: before the cut-off',
    policies: [
      policy({
        Effect: 'Allow',
        Action: 'dynamodb:Query',
        Resource: TABLE,
        Condition: { DateLessThan: { 'aws:CurrentTime': '2026-12-31T00:00:00Z' } }
      })
    ],
    action: 'dynamodb:Query',
    resource: TABLE,
    context: { 'aws:CurrentTime': '2026-03-14T09:26:53Z' },
    expected: 'Allow'
  },
  {
    name: 'DateGreaterThan: not yet',
    policies: [
      policy({
        Effect: 'Allow',
        Action: 'dynamodb:Query',
        Resource: TABLE,
        Condition: { DateGreaterThan: { 'aws:CurrentTime': '2026-12-31T00:00:00Z' } }
      })
    ],
    action: 'dynamodb:Query',
    resource: TABLE,
    context: { 'aws:CurrentTime': '2026-03-14T09:26:53Z' },
    expected: 'ImplicitDeny'
  },
  {
    name: 'IfExists: an absent key passes',
    policies: [
      policy({
        Effect: 'Allow',
        Action: 'dynamodb:Query',
        Resource: TABLE,
        Condition: { StringEqualsIfExists: { 'dynamodb:Select': 'SPECIFIC_ATTRIBUTES' } }
      })
    ],
    action: 'dynamodb:Query',
    resource: TABLE,
    context: {},
    expected: 'Allow'
  },
  {
    name: 'IfExists: a present key must still match',
    policies: [
      policy({
        Effect: 'Allow',
        Action: 'dynamodb:Query',
        Resource: TABLE,
        Condition: { StringEqualsIfExists: { 'dynamodb:Select': 'SPECIFIC_ATTRIBUTES' } }
      })
    ],
    action: 'dynamodb:Query',
    resource: TABLE,
    context: { 'dynamodb:Select': 'ALL_ATTRIBUTES' },
    expected: 'ImplicitDeny'
  },
  {
    name: 'several keys in a block are ANDed',
    policies: [
      policy({
        Effect: 'Allow',
        Action: 'dynamodb:GetItem',
        Resource: TABLE,
        Condition: {
          StringEquals: { 'cognito-identity.amazonaws.com:aud': POOL_ID, 'aws:PrincipalTag/team': 'orders' }
        }
      })
    ],
    action: 'dynamodb:GetItem',
    resource: TABLE,
    context: { 'cognito-identity.amazonaws.com:aud': POOL_ID, 'aws:PrincipalTag/team': 'billing' },
    expected: 'ImplicitDeny'
  },
  {
    name: 'several values for one key are ORed',
    policies: [
      policy({
        Effect: 'Allow',
        Action: 'dynamodb:GetItem',
        Resource: TABLE,
        Condition: { StringEquals: { 'aws:PrincipalTag/team': ['billing', 'orders'] } }
      })
    ],
    action: 'dynamodb:GetItem',
    resource: TABLE,
    context: { 'aws:PrincipalTag/team': 'orders' },
    expected: 'Allow'
  }
];

/**
 * Without `"Version": "2012-10-17"`, "variables such as ${aws:username} aren't recognized as variables and are
 * instead treated as literal strings" (IAM guide, Version element). iam-simulate substitutes them anyway, so this
 * case is kept out of IAM_CASES and checked as a known divergence.
 */
export const UNVERSIONED_CASE: IamCase = {
  name: 'Version: without 2012-10-17 the variable is literal text, so own keys are denied',
  policies: [{ name: 'unversioned', document: UNVERSIONED_OWN_ITEMS_POLICY }],
  action: 'dynamodb:GetItem',
  resource: TABLE,
  context: authenticatedContext([IDENTITY_ID]),
  expected: 'ImplicitDeny'
};

/** A Lambda function the REST API invokes, and the execute-api ARNs a call on its behalf names as aws:SourceArn. */
export const FUNCTION_ARN = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:GetOrder`;
const API = `arn:aws:execute-api:us-east-1:${ACCOUNT}:a1b2c3d4e5`;

/** The permission `aws lambda add-permission` writes for an API Gateway trigger: this API, GET /orders/*, any stage. */
export const API_GATEWAY_INVOKE_POLICY: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'AllowApiGatewayInvoke',
      Effect: 'Allow',
      Principal: { Service: 'apigateway.amazonaws.com' },
      Action: 'lambda:InvokeFunction',
      Resource: FUNCTION_ARN,
      Condition: { ArnLike: { 'AWS:SourceArn': `${API}/*/GET/orders/*` } }
    }
  ]
};

export interface ResourcePolicyCase {
  name: string;
  policy: PolicyDocument;
  /** A service principal (`apigateway.amazonaws.com`) or an AWS principal's ARN. */
  principal: { type: 'Service' | 'AWS'; id: string };
  action: string;
  resource: string;
  context: RequestContext;
  expected: Decision['decision'];
}

function invokeFrom(
  name: string,
  principal: ResourcePolicyCase['principal'],
  sourceArn: string | undefined,
  expected: Decision['decision'],
  policy: PolicyDocument = API_GATEWAY_INVOKE_POLICY
): ResourcePolicyCase {
  return {
    name,
    policy,
    principal,
    action: 'lambda:InvokeFunction',
    resource: FUNCTION_ARN,
    context: sourceArn === undefined ? {} : { 'aws:SourceArn': sourceArn, 'aws:SourceAccount': ACCOUNT },
    expected
  };
}

const API_GATEWAY = { type: 'Service', id: 'apigateway.amazonaws.com' } as const;

/** Resource-based policy cases (a Lambda function's); both evaluators must agree on each. */
export const RESOURCE_POLICY_CASES: ResourcePolicyCase[] = [
  invokeFrom(
    'API Gateway invoking for GET /orders/42 of this API',
    API_GATEWAY,
    `${API}/prod/GET/orders/42`,
    'Allow'
  ),
  invokeFrom('the source ARN may name any stage', API_GATEWAY, `${API}/test/GET/orders/7`, 'Allow'),
  invokeFrom('another method of the same path', API_GATEWAY, `${API}/prod/POST/orders/42`, 'ImplicitDeny'),
  invokeFrom(
    'another API of the same account',
    API_GATEWAY,
    `arn:aws:execute-api:us-east-1:${ACCOUNT}:zzzzzzzzzz/prod/GET/orders/42`,
    'ImplicitDeny'
  ),
  invokeFrom(
    'the same API id in another region',
    API_GATEWAY,
    `arn:aws:execute-api:eu-west-1:${ACCOUNT}:a1b2c3d4e5/prod/GET/orders/42`,
    'ImplicitDeny'
  ),
  invokeFrom('no source ARN at all', API_GATEWAY, undefined, 'ImplicitDeny'),
  invokeFrom(
    'another service principal with a matching source ARN',
    { type: 'Service', id: 'events.amazonaws.com' },
    `${API}/prod/GET/orders/42`,
    'ImplicitDeny'
  ),
  invokeFrom(
    'a role session of the account',
    { type: 'AWS', id: ROLE_SESSION_ARN },
    undefined,
    'ImplicitDeny'
  ),
  invokeFrom('a policy for another function', API_GATEWAY, `${API}/prod/GET/orders/42`, 'ImplicitDeny', {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'apigateway.amazonaws.com' },
        Action: 'lambda:InvokeFunction',
        Resource: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:Other`
      }
    ]
  }),
  invokeFrom(
    'an explicit deny for one stage wins over the allow',
    API_GATEWAY,
    `${API}/test/GET/orders/7`,
    'ExplicitDeny',
    {
      Version: '2012-10-17',
      Statement: [
        ...[API_GATEWAY_INVOKE_POLICY.Statement].flat(),
        {
          Sid: 'NotFromTest',
          Effect: 'Deny',
          Principal: '*',
          Action: 'lambda:InvokeFunction',
          Resource: FUNCTION_ARN,
          Condition: { ArnLike: { 'aws:SourceArn': `${API}/test/*` } }
        }
      ]
    }
  )
];
