// Tests for the IAM evaluator: the Cognito fine-grained access cases, operators, trust policies and validation.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  evaluatePolicies,
  evaluateResourcePolicy,
  evaluateTrustPolicy,
  parsePolicyDocument,
  type PolicyDocument
} from '../../../src/lib/sim/iam';
import {
  ALLOW_ALL_DYNAMODB,
  API_GATEWAY_INVOKE_POLICY,
  FUNCTION_ARN,
  AUTHENTICATED_AMR,
  DENY_DELETE,
  IAM_CASES,
  IDENTITY_ID,
  OTHER_IDENTITY_ID,
  OWN_ITEMS_POLICY,
  POOL_ID,
  SLOPPY_OWN_ITEMS_POLICY,
  TABLE,
  UNVERSIONED_CASE,
  USER_POOL_SUB,
  authenticatedContext
} from './cases';

describe('evaluatePolicies: shared cases', () => {
  it.each(IAM_CASES.map((c) => [c.name, c] as const))('%s', (_, testCase) => {
    const decision = evaluatePolicies(testCase);
    expect(decision.decision).toBe(testCase.expected);
    expect(decision.allowed).toBe(testCase.expected === 'Allow');
    expect(decision.explanation.length).toBeGreaterThan(20);
  });
});

describe('evaluatePolicies', () => {
  it('denies by default and says so', () => {
    const decision = evaluatePolicies({
      policies: [],
      action: 'dynamodb:GetItem',
      resource: TABLE,
      context: {}
    });
    expect(decision).toMatchObject({ decision: 'ImplicitDeny', allowed: false, deciding: [] });
    expect(decision.explanation).toMatch(
      /^Denied by default: no statement allows dynamodb:GetItem on arn:aws/
    );
  });

  it('lets an explicit Deny win whatever the order, naming all matching Deny statements', () => {
    const extraDeny: PolicyDocument = {
      Version: '2012-10-17',
      Statement: {
        Sid: 'NoWrites',
        Effect: 'Deny',
        Action: ['dynamodb:Delete*', 'dynamodb:Put*'],
        Resource: '*'
      }
    };
    const orders = [
      [ALLOW_ALL_DYNAMODB, DENY_DELETE, extraDeny],
      [DENY_DELETE, extraDeny, ALLOW_ALL_DYNAMODB],
      [extraDeny, ALLOW_ALL_DYNAMODB, DENY_DELETE]
    ];
    for (const documents of orders) {
      const decision = evaluatePolicies({
        policies: documents.map((document, i) => ({ name: `p${i}`, document })),
        action: 'dynamodb:DeleteItem',
        resource: TABLE,
        context: {}
      });
      expect(decision.decision).toBe('ExplicitDeny');
      expect(decision.deciding.map((d) => d.sid).sort()).toEqual(['NeverDelete', 'NoWrites']);
      expect(decision.deciding.every((d) => d.effect === 'Deny')).toBe(true);
      expect(decision.explanation).toContain('An explicit Deny always wins');
    }
  });

  it('names the Allow statements that decided an Allow', () => {
    const decision = evaluatePolicies({
      policies: [{ name: 'own-items', document: OWN_ITEMS_POLICY }],
      action: 'dynamodb:GetItem',
      resource: TABLE,
      context: authenticatedContext([IDENTITY_ID])
    });
    expect(decision.deciding).toEqual([
      { policy: 'own-items', statementIndex: 0, sid: 'OwnItemsOnly', effect: 'Allow' }
    ]);
  });

  describe('fine-grained access with dynamodb:LeadingKeys', () => {
    const evaluate = (action: string, leadingKeys?: string[], context = authenticatedContext(leadingKeys)) =>
      evaluatePolicies({
        policies: [{ name: 'own-items', document: OWN_ITEMS_POLICY }],
        action,
        resource: TABLE,
        context
      });

    it('allows the own partition key and resolves the variable to the identity id', () => {
      const decision = evaluate('dynamodb:GetItem', [IDENTITY_ID]);
      expect(decision.decision).toBe('Allow');
      expect(decision.resolvedVariables).toEqual({ 'cognito-identity.amazonaws.com:sub': IDENTITY_ID });
    });

    it("denies another identity's partition key", () => {
      const decision = evaluate('dynamodb:GetItem', [OTHER_IDENTITY_ID]);
      expect(decision.decision).toBe('ImplicitDeny');
      expect(decision.explanation).toContain('Not every value of dynamodb:LeadingKeys');
    });

    it('denies a batch that mixes own and foreign keys', () => {
      expect(evaluate('dynamodb:BatchGetItem', [IDENTITY_ID, OTHER_IDENTITY_ID]).decision).toBe(
        'ImplicitDeny'
      );
    });

    it('denies an item keyed by the user-pool sub: the variable is the identity id, not the sub', () => {
      const decision = evaluate('dynamodb:GetItem', [USER_POOL_SUB]);
      expect(decision.decision).toBe('ImplicitDeny');
      expect(decision.resolvedVariables['cognito-identity.amazonaws.com:sub']).toBe(IDENTITY_ID);
      expect(decision.resolvedVariables['cognito-identity.amazonaws.com:sub']).not.toBe(USER_POOL_SUB);
    });

    it('does not match when the variable cannot be resolved (no sub in the context)', () => {
      const decision = evaluate('dynamodb:GetItem', undefined, { 'dynamodb:LeadingKeys': [IDENTITY_ID] });
      expect(decision.decision).toBe('ImplicitDeny');
      expect(decision.trace[0]?.unresolved).toEqual(['cognito-identity.amazonaws.com:sub']);
      expect(decision.resolvedVariables).toEqual({});
      expect(decision.explanation).toContain(
        '${cognito-identity.amazonaws.com:sub}, which this request does not supply'
      );
    });

    it('still refuses a guest whose context lacks a sub even when LeadingKeys is absent (fails closed)', () => {
      const decision = evaluatePolicies({
        policies: [{ name: 'sloppy', document: SLOPPY_OWN_ITEMS_POLICY }],
        action: 'dynamodb:Scan',
        resource: TABLE,
        context: { 'cognito-identity.amazonaws.com:amr': ['unauthenticated'] }
      });
      expect(decision.decision).toBe('ImplicitDeny');
    });

    /*
     * The pitfall: ForAllValues asks "is every value in the request one of these?". A Scan sends no
     * LeadingKeys, and every one of no values satisfies anything, so the condition is true and a policy that
     * allows dynamodb:* lets the identity read every partition. Our evaluator must reproduce this faithfully.
     */
    it('allows a Scan through ForAllValues when LeadingKeys is absent (the pitfall)', () => {
      const decision = evaluatePolicies({
        policies: [{ name: 'sloppy', document: SLOPPY_OWN_ITEMS_POLICY }],
        action: 'dynamodb:Scan',
        resource: TABLE,
        context: authenticatedContext()
      });
      expect(decision.decision).toBe('Allow');
      const condition = decision.trace[0]?.conditions[0];
      expect(condition).toMatchObject({ operator: 'ForAllValues:StringEquals', result: true });
      expect(condition?.contextValues).toBeUndefined();
      expect(condition?.note).toContain('ForAllValues is true when there are no values to check');
      expect(condition?.note).toContain('Scan');
    });

    it('treats an empty LeadingKeys list like an absent one', () => {
      const decision = evaluatePolicies({
        policies: [{ name: 'sloppy', document: SLOPPY_OWN_ITEMS_POLICY }],
        action: 'dynamodb:Scan',
        resource: TABLE,
        context: authenticatedContext([])
      });
      expect(decision.decision).toBe('Allow');
    });
  });

  describe('policy variables', () => {
    it('uses a default value when the key is absent', () => {
      const decision = evaluatePolicies({
        policies: [
          {
            name: 'p',
            document: {
              Version: '2012-10-17',
              Statement: {
                Effect: 'Allow',
                Action: 's3:GetObject',
                Resource: "arn:aws:s3:::photos/${aws:PrincipalTag/team, 'shared'}/*"
              }
            }
          }
        ],
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::photos/shared/a.jpg',
        context: {}
      });
      expect(decision.decision).toBe('Allow');
      expect(decision.resolvedVariables).toEqual({ 'aws:PrincipalTag/team': 'shared' });
    });

    it('reads ${...} as literal text in a document without Version 2012-10-17', () => {
      const decision = evaluatePolicies(UNVERSIONED_CASE);
      expect(decision.decision).toBe('ImplicitDeny');
      expect(decision.resolvedVariables).toEqual({});
      expect(decision.trace[0]?.conditions[0]?.values).toEqual(['${cognito-identity.amazonaws.com:sub}']);
    });

    it('treats a substituted value literally, never as a wildcard', () => {
      const decision = evaluatePolicies({
        policies: [
          {
            name: 'p',
            document: {
              Version: '2012-10-17',
              Statement: {
                Effect: 'Allow',
                Action: 's3:GetObject',
                Resource: 'arn:aws:s3:::photos/${aws:username}/*'
              }
            }
          }
        ],
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::photos/alice/a.jpg',
        context: { 'aws:username': '*' }
      });
      expect(decision.decision).toBe('ImplicitDeny');
    });

    it('reads ${*} as a literal asterisk', () => {
      const decision = evaluatePolicies({
        policies: [
          {
            name: 'p',
            document: {
              Version: '2012-10-17',
              Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::photos/${*}' }
            }
          }
        ],
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::photos/a.jpg',
        context: {}
      });
      expect(decision.decision).toBe('ImplicitDeny');
    });

    it('refuses a multivalued key as a variable', () => {
      const decision = evaluatePolicies({
        policies: [
          {
            name: 'p',
            document: {
              Version: '2012-10-17',
              Statement: {
                Effect: 'Allow',
                Action: 's3:GetObject',
                Resource: 'arn:aws:s3:::photos/${cognito-identity.amazonaws.com:amr}/*'
              }
            }
          }
        ],
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::photos/authenticated/a.jpg',
        context: { 'cognito-identity.amazonaws.com:amr': AUTHENTICATED_AMR }
      });
      expect(decision.decision).toBe('ImplicitDeny');
    });
  });

  describe('operators', () => {
    function allowIf(condition: Record<string, Record<string, string | string[] | boolean | number>>) {
      return (context: Record<string, string | string[] | undefined>) =>
        evaluatePolicies({
          policies: [
            {
              name: 'p',
              document: {
                Version: '2012-10-17',
                Statement: { Effect: 'Allow', Action: '*', Resource: '*', Condition: condition }
              }
            }
          ],
          action: 'dynamodb:GetItem',
          resource: TABLE,
          context
        }).allowed;
    }

    it('Null true requires the key to be absent', () => {
      const check = allowIf({ Null: { 'aws:TokenIssueTime': 'true' } });
      expect(check({})).toBe(true);
      expect(check({ 'aws:TokenIssueTime': '2026-03-14T09:00:00Z' })).toBe(false);
    });

    it('Bool compares true/false case-insensitively and accepts JSON booleans', () => {
      expect(allowIf({ Bool: { 'aws:SecureTransport': true } })({ 'aws:SecureTransport': 'TRUE' })).toBe(
        true
      );
      expect(allowIf({ Bool: { 'aws:SecureTransport': 'true' } })({ 'aws:SecureTransport': 'false' })).toBe(
        false
      );
      expect(allowIf({ Bool: { 'aws:SecureTransport': 'true' } })({})).toBe(false);
    });

    it('StringLike and StringNotLike', () => {
      expect(
        allowIf({ StringLike: { 'aws:userid': 'AROA*:Cognito*' } })({
          'aws:userid': 'AROAXYZ:CognitoIdentityCredentials'
        })
      ).toBe(true);
      expect(allowIf({ StringNotLike: { 'aws:userid': 'AROA*' } })({ 'aws:userid': 'AROAXYZ:x' })).toBe(
        false
      );
      expect(allowIf({ StringNotLike: { 'aws:userid': 'AROA*' } })({})).toBe(true);
    });

    it('StringEquals is case-sensitive on values', () => {
      expect(
        allowIf({ StringEquals: { 'aws:PrincipalTag/team': 'orders' } })({
          'aws:PrincipalTag/team': 'Orders'
        })
      ).toBe(false);
    });

    it('ForAnyValue:StringEquals and ForAllValues:StringEquals on multivalued keys', () => {
      const any = allowIf({
        'ForAnyValue:StringEquals': { 'cognito-identity.amazonaws.com:amr': 'unauthenticated' }
      });
      expect(any({ 'cognito-identity.amazonaws.com:amr': ['unauthenticated'] })).toBe(true);
      expect(any({ 'cognito-identity.amazonaws.com:amr': AUTHENTICATED_AMR })).toBe(false);
      const all = allowIf({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'env'] } });
      expect(all({ 'aws:TagKeys': ['team'] })).toBe(true);
      expect(all({ 'aws:TagKeys': ['team', 'owner'] })).toBe(false);
      expect(all({})).toBe(true);
    });

    it('Numeric and Date comparisons, including epoch seconds', () => {
      expect(
        allowIf({ NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } })({
          'aws:MultiFactorAuthAge': '3600'
        })
      ).toBe(false);
      expect(
        allowIf({ NumericGreaterThanEquals: { 'aws:MultiFactorAuthAge': '3600' } })({
          'aws:MultiFactorAuthAge': '3600'
        })
      ).toBe(true);
      expect(
        allowIf({ NumericEquals: { 'aws:MultiFactorAuthAge': '10' } })({ 'aws:MultiFactorAuthAge': 'ten' })
      ).toBe(false);
      expect(
        allowIf({ DateLessThanEquals: { 'aws:CurrentTime': '1773480413' } })({
          'aws:CurrentTime': '2026-03-14T09:26:53Z'
        })
      ).toBe(true);
      expect(
        allowIf({ DateGreaterThan: { 'aws:CurrentTime': '2026-03-14T09:26:53Z' } })({
          'aws:CurrentTime': '2026-03-14T09:26:53Z'
        })
      ).toBe(false);
    });

    it('IpAddress with an IPv4 CIDR', () => {
      const check = allowIf({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } });
      expect(check({ 'aws:SourceIp': '203.0.113.7' })).toBe(true);
      expect(check({ 'aws:SourceIp': '203.0.114.7' })).toBe(false);
    });

    it('ArnLike keeps wildcards inside ARN components', () => {
      const check = allowIf({ ArnLike: { 'aws:SourceArn': 'arn:aws:*:us-east-1:*:table/*' } });
      expect(check({ 'aws:SourceArn': TABLE })).toBe(true);
      expect(check({ 'aws:SourceArn': 'arn:aws:dynamodb:us-east-1:extra:123456789012:table/Orders' })).toBe(
        false
      );
    });
  });
});

describe('wildcard matching', () => {
  it('answers quickly on a pattern that would make a backtracking regex hang', () => {
    const decision = evaluatePolicies({
      policies: [
        {
          name: 'p',
          document: {
            Version: '2012-10-17',
            Statement: {
              Effect: 'Allow',
              Action: 's3:GetObject',
              Resource: `arn:aws:s3:::b/${'a*'.repeat(30)}b`
            }
          }
        }
      ],
      action: 's3:GetObject',
      resource: `arn:aws:s3:::b/${'a'.repeat(3000)}`,
      context: {}
    });
    expect(decision.decision).toBe('ImplicitDeny');
  });
});

describe('evaluateTrustPolicy', () => {
  const trust = (amr: 'authenticated' | 'unauthenticated'): PolicyDocument => ({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: 'cognito-identity.amazonaws.com' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: { 'cognito-identity.amazonaws.com:aud': POOL_ID },
          'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': amr }
        }
      }
    ]
  });
  const AUTHENTICATED = {
    'cognito-identity.amazonaws.com:aud': POOL_ID,
    'cognito-identity.amazonaws.com:amr': AUTHENTICATED_AMR,
    'cognito-identity.amazonaws.com:sub': IDENTITY_ID
  };
  const GUEST = {
    'cognito-identity.amazonaws.com:aud': POOL_ID,
    'cognito-identity.amazonaws.com:amr': ['unauthenticated'],
    'cognito-identity.amazonaws.com:sub': IDENTITY_ID
  };

  it('lets a signed-in identity of this pool assume the authenticated role', () => {
    const decision = evaluateTrustPolicy({ policy: trust('authenticated'), context: AUTHENTICATED });
    expect(decision).toMatchObject({ decision: 'Allow', allowed: true });
  });

  it('refuses a guest the authenticated role', () => {
    const decision = evaluateTrustPolicy({ policy: trust('authenticated'), context: GUEST });
    expect(decision.decision).toBe('ImplicitDeny');
    expect(decision.explanation).toContain('No value of cognito-identity.amazonaws.com:amr');
  });

  it('lets a guest assume the unauthenticated role, and refuses it to a signed-in identity', () => {
    expect(evaluateTrustPolicy({ policy: trust('unauthenticated'), context: GUEST }).allowed).toBe(true);
    expect(evaluateTrustPolicy({ policy: trust('unauthenticated'), context: AUTHENTICATED }).allowed).toBe(
      false
    );
  });

  it('refuses an identity from another identity pool (wrong aud)', () => {
    const context = {
      ...AUTHENTICATED,
      'cognito-identity.amazonaws.com:aud': 'us-east-1:00000000-0000-0000-0000-000000000000'
    };
    expect(evaluateTrustPolicy({ policy: trust('authenticated'), context }).decision).toBe('ImplicitDeny');
  });

  it('refuses when aud is missing altogether', () => {
    const { 'cognito-identity.amazonaws.com:aud': _, ...context } = AUTHENTICATED;
    expect(evaluateTrustPolicy({ policy: trust('authenticated'), context }).allowed).toBe(false);
  });

  it('refuses another principal or another action', () => {
    const policy = trust('authenticated');
    expect(
      evaluateTrustPolicy({
        policy,
        context: AUTHENTICATED,
        principal: { type: 'Service', id: 'lambda.amazonaws.com' }
      }).allowed
    ).toBe(false);
    expect(
      evaluateTrustPolicy({
        policy,
        context: AUTHENTICATED,
        principal: { type: 'Federated', id: 'accounts.google.com' }
      }).allowed
    ).toBe(false);
    expect(evaluateTrustPolicy({ policy, context: AUTHENTICATED, action: 'sts:AssumeRole' }).allowed).toBe(
      false
    );
  });

  it('requires a Principal in a trust policy', () => {
    const decision = evaluateTrustPolicy({
      policy: {
        Version: '2012-10-17',
        Statement: { Effect: 'Allow', Action: 'sts:AssumeRoleWithWebIdentity' }
      },
      context: AUTHENTICATED
    });
    expect(decision.allowed).toBe(false);
    expect(decision.errors?.[0]).toMatchObject({
      code: 'MalformedPolicyDocument',
      message: 'Missing required field Principal'
    });
  });
});

describe('parsePolicyDocument', () => {
  const statement = { Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: TABLE };
  const malformed: [string, unknown, string][] = [
    ['JSON with a syntax error', '{"Version": "2012-10-17", "Statement": [', 'Syntax errors in policy.'],
    ['a non-object', 42, 'Syntax errors in policy.'],
    ['no Statement', { Version: '2012-10-17' }, 'Missing required field Statement'],
    [
      'an unknown top-level field',
      { Version: '2012-10-17', Statement: statement, Foo: 1 },
      'Unknown field Foo'
    ],
    [
      'an unknown Version',
      { Version: '2012-10-18', Statement: statement },
      'The policy failed legacy parsing: unknown Version "2012-10-18".'
    ],
    ['a lower-case effect', { Statement: { ...statement, Effect: 'allow' } }, 'Invalid effect: allow'],
    [
      'no Effect',
      { Statement: { Action: 'dynamodb:GetItem', Resource: TABLE } },
      'Missing required field Effect'
    ],
    [
      'no Action',
      { Statement: { Effect: 'Allow', Resource: TABLE } },
      'Policy statement must contain actions.'
    ],
    [
      'no Resource',
      { Statement: { Effect: 'Allow', Action: 'dynamodb:GetItem' } },
      'Policy statement must contain resources.'
    ],
    [
      'both Action and NotAction',
      { Statement: { ...statement, NotAction: 's3:*' } },
      'A statement cannot contain both Action and NotAction.'
    ],
    [
      'an action without a vendor',
      { Statement: { ...statement, Action: 'GetItem' } },
      'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.'
    ],
    [
      'a Principal in an identity policy',
      { Statement: { ...statement, Principal: '*' } },
      'Policy document should not specify a principal.'
    ],
    [
      'an unknown condition operator',
      { Statement: { ...statement, Condition: { StringEqualz: { 'aws:username': 'x' } } } },
      'Invalid Condition type : StringEqualz.'
    ],
    [
      'NullIfExists',
      { Statement: { ...statement, Condition: { NullIfExists: { 'aws:username': 'true' } } } },
      'Invalid Condition type : NullIfExists.'
    ],
    [
      'a condition value that is an object',
      { Statement: { ...statement, Condition: { StringEquals: { 'aws:username': { a: 1 } } } } },
      'Condition values for aws:username must be strings, numbers or booleans.'
    ],
    [
      'a non-alphanumeric Sid',
      { Statement: { ...statement, Sid: 'my sid' } },
      'Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*'
    ],
    ['an empty Action list', { Statement: { ...statement, Action: [] } }, 'Action must not be an empty list.']
  ];

  it.each(malformed)('rejects %s with MalformedPolicyDocument', (_, input, message) => {
    const result = parsePolicyDocument(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ code: 'MalformedPolicyDocument', message });
  });

  it('accepts JSON text and a single Statement object', () => {
    const result = parsePolicyDocument(JSON.stringify({ Version: '2012-10-17', Statement: statement }));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.policy.statements).toHaveLength(1);
  });

  it('denies, listing the errors, when evaluatePolicies meets a malformed document', () => {
    const decision = evaluatePolicies({
      policies: [
        { name: 'allow-all', document: ALLOW_ALL_DYNAMODB },
        { name: 'broken', document: { Statement: { Effect: 'Permit' } } as unknown as PolicyDocument }
      ],
      action: 'dynamodb:GetItem',
      resource: TABLE,
      context: {}
    });
    expect(decision).toMatchObject({ decision: 'ImplicitDeny', allowed: false });
    expect(decision.errors).toEqual([
      {
        policy: 'broken',
        code: 'MalformedPolicyDocument',
        message: 'Invalid effect: Permit',
        statementIndex: 0
      }
    ]);
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.jsonValue(), fc.string()), (input) => {
        parsePolicyDocument(input);
        parsePolicyDocument(input, 'trust');
        evaluatePolicies({
          policies: [{ name: 'fuzz', document: input as PolicyDocument }],
          action: 'dynamodb:GetItem',
          resource: TABLE,
          context: {}
        });
      }),
      { numRuns: 500 }
    );
  });

  it('never throws on statements built from plausible parts', () => {
    const field = fc.oneof(
      fc.constant(undefined),
      fc.string(),
      fc.array(fc.string()),
      fc.integer(),
      fc.constant(null)
    );
    const statementArb = fc.record({
      Effect: fc.constantFrom('Allow', 'Deny', 'allow', undefined),
      Action: field,
      Resource: field,
      Condition: fc.oneof(
        fc.constant(undefined),
        fc.dictionary(
          fc.constantFrom(
            'StringEquals',
            'ForAllValues:StringLike',
            'Null',
            'Bool',
            'DateLessThan',
            'NumericEquals',
            'X'
          ),
          fc.dictionary(fc.constantFrom('aws:username', 'dynamodb:LeadingKeys', 'bad'), field)
        )
      )
    });
    fc.assert(
      fc.property(
        statementArb,
        fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.array(fc.string()))),
        (s, context) => {
          const decision = evaluatePolicies({
            policies: [
              { name: 'fuzz', document: { Version: '2012-10-17', Statement: s } as unknown as PolicyDocument }
            ],
            action: 'dynamodb:GetItem',
            resource: TABLE,
            context
          });
          expect(typeof decision.allowed).toBe('boolean');
        }
      ),
      { numRuns: 500 }
    );
  });
});

describe('evaluateResourcePolicy', () => {
  const apiGateway = { type: 'Service', id: 'apigateway.amazonaws.com' } as const;
  const invoke = (sourceArn?: string) =>
    evaluateResourcePolicy({
      policy: API_GATEWAY_INVOKE_POLICY,
      name: 'GetOrder resource-based policy',
      principal: apiGateway,
      action: 'lambda:InvokeFunction',
      resource: FUNCTION_ARN,
      context: sourceArn === undefined ? {} : { 'aws:SourceArn': sourceArn }
    });

  it('allows the named service for a source ARN the ArnLike pattern covers, and says which statement', () => {
    const decision = invoke('arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/prod/GET/orders/42');
    expect(decision.decision).toBe('Allow');
    expect(decision.deciding).toEqual([
      {
        policy: 'GetOrder resource-based policy',
        statementIndex: 0,
        sid: 'AllowApiGatewayInvoke',
        effect: 'Allow'
      }
    ]);
    expect(decision.trace[0]?.conditions[0]).toMatchObject({
      operator: 'ArnLike',
      key: 'AWS:SourceArn',
      result: true,
      contextValues: ['arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/prod/GET/orders/42']
    });
  });

  it('names the failing condition when the source ARN is another route', () => {
    const decision = invoke('arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/prod/DELETE/orders/42');
    expect(decision.decision).toBe('ImplicitDeny');
    expect(decision.explanation).toMatch(/"AllowApiGatewayInvoke".*only under a condition that fails/);
    expect(decision.explanation).toContain('DELETE/orders/42');
  });

  it('does not apply a statement to a principal it does not name', () => {
    const decision = evaluateResourcePolicy({
      policy: API_GATEWAY_INVOKE_POLICY,
      principal: { type: 'Service', id: 'events.amazonaws.com' },
      action: 'lambda:InvokeFunction',
      resource: FUNCTION_ARN,
      context: { 'aws:SourceArn': 'arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/prod/GET/orders/42' }
    });
    expect(decision.allowed).toBe(false);
    expect(decision.trace[0]?.principalMatched).toBe(false);
    expect(decision.explanation).toMatch(/names a different principal/);
  });

  it('requires a Principal and a Resource in every statement', () => {
    const statement = { Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: FUNCTION_ARN } as const;
    expect(parsePolicyDocument({ Version: '2012-10-17', Statement: [statement] }, 'resource')).toMatchObject({
      ok: false,
      error: { message: 'Missing required field Principal' }
    });
    expect(
      parsePolicyDocument(
        {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunction' }]
        },
        'resource'
      )
    ).toMatchObject({ ok: false, error: { message: 'Policy statement must contain resources.' } });
  });
});
