// The guide's logic: every combination of answers reaches a recommendation, and the named cases get the right one.
import { describe, expect, it } from 'vitest';
import {
  ANSWER_IDS,
  architectureId,
  drawArchitecture,
  everyAnswers,
  POOLS,
  REASON_IDS,
  recommend,
  type Answers,
  type Recommendation
} from '../../src/lib/guide';
import { definitions } from '../../src/lib/scenarios/definitions';

const all = everyAnswers().map((answers) => [JSON.stringify(answers), answers, recommend(answers)] as const);
const known = new Set(definitions.map((scenario) => scenario.id));

function ask(
  requests: Answers['requests'],
  signIn: Answers['sign-in'],
  ownData: Answers['own-data']
): Recommendation {
  return recommend({ requests, 'sign-in': signIn, 'own-data': ownData });
}

describe('every combination', () => {
  it('covers the product of all choices', () => {
    expect(all).toHaveLength(3 * 4 * 2);
  });

  it.each(all)('%s reaches a complete answer', (_name, answers, recommendation) => {
    expect(ANSWER_IDS).toContain(recommendation.answer);
    expect(recommendation.pools).toBe(POOLS[recommendation.answer]);
    expect(recommendation.reasons.length).toBeGreaterThanOrEqual(2);
    for (const reason of recommendation.reasons) expect(REASON_IDS).toContain(reason);
    expect(new Set(recommendation.reasons).size).toBe(recommendation.reasons.length);
    expect(recommendation.scenarios.length).toBeGreaterThan(0);
    expect(new Set(recommendation.scenarios).size).toBe(recommendation.scenarios.length);

    // The picture agrees with the verdict and with where the requests go.
    const { architecture } = recommendation;
    expect(architecture.userPool).toBe(['user-pool', 'both'].includes(recommendation.pools));
    expect(architecture.identityPool !== null).toBe(['identity-pool', 'both'].includes(recommendation.pools));
    expect(architecture.api !== null).toBe(answers.requests !== 'aws');
    expect(architecture.awsService).toBe(answers.requests !== 'own-api');
    expect(architecture.idp !== null).toBe(
      answers['sign-in'] === 'social' || answers['sign-in'] === 'corporate'
    );
    // AWS services take only SigV4: whoever calls them directly holds identity-pool credentials.
    if (architecture.awsService) expect(architecture.identityPool).not.toBeNull();
    // A Cognito authorizer checks user pool tokens, so it appears only with a user pool.
    if (architecture.api === 'cognito-authorizer') expect(architecture.userPool).toBe(true);
    // Nobody signs in: nothing for a Cognito authorizer to check.
    if (answers['sign-in'] === 'nobody') expect(architecture.api).not.toBe('cognito-authorizer');
  });

  it.each(all)('%s links only scenarios that exist', (_name, _answers, recommendation) => {
    for (const id of recommendation.scenarios) expect(known, id).toContain(id);
  });

  it('gives every verdict and every reason for some combination', () => {
    expect(new Set(all.map(([, , r]) => r.answer))).toEqual(new Set(ANSWER_IDS));
    expect(new Set(all.flatMap(([, , r]) => r.reasons))).toEqual(new Set(REASON_IDS));
  });

  it('names equal architectures alike and different ones apart', () => {
    const byId = new Map<string, string>();
    for (const [, , { architecture }] of all) {
      const id = architectureId(architecture);
      const earlier = byId.get(id);
      if (earlier !== undefined) expect(JSON.stringify(architecture), id).toBe(earlier);
      byId.set(id, JSON.stringify(architecture));
    }
    expect(new Set(byId.values()).size).toBe(byId.size);
    expect(architectureId(ask('aws', 'own-directory', 'yes').architecture)).toBe(
      'user-pool+identity-pool-user-pool+aws'
    );
  });

  it('changes its reasons with the question about users’ own data', () => {
    for (const [, answers, recommendation] of all) {
      const other = recommend({ ...answers, 'own-data': answers['own-data'] === 'yes' ? 'no' : 'yes' });
      expect(other.answer).toBe(recommendation.answer);
      expect(other.reasons).not.toEqual(recommendation.reasons);
    }
  });
});

describe('the named cases', () => {
  it('a single-page app calling its own API needs a user pool', () => {
    const r = ask('own-api', 'own-directory', 'no');
    expect(r.pools).toBe('user-pool');
    expect(r.architecture).toEqual({
      idp: null,
      userPool: true,
      identityPool: null,
      api: 'cognito-authorizer',
      awsService: false
    });
    expect(r.reasons).toContain('api-checks-id-token');
    expect(r.scenarios[0]).toBe('call-api');
  });

  it('a single-page app uploading to S3 needs both, and shows the S3 scene', () => {
    const r = ask('aws', 'own-directory', 'yes');
    expect(r.pools).toBe('both');
    expect(r.architecture).toMatchObject({ userPool: true, identityPool: 'user-pool', awsService: true });
    expect(r.reasons).toEqual(expect.arrayContaining(['aws-wants-sigv4', 'rows-by-identity-id']));
    expect(r.scenarios[0]).toBe('s3-private-upload');
  });

  it('a mobile app with per-user DynamoDB rows needs both, keyed by the identity id', () => {
    const r = ask('aws', 'own-directory', 'yes');
    expect(r.pools).toBe('both');
    expect(r.reasons).toContain('rows-by-identity-id');
    expect(r.scenarios).toContain('own-orders-only');
  });

  it.each(['yes', 'no'] as const)(
    'Google sign-in calling AWS directly needs an identity pool alone, Google its provider (own data: %s)',
    (ownData) => {
      const r = ask('aws', 'social', ownData);
      expect(r.pools).toBe('identity-pool');
      expect(r.architecture).toEqual({
        idp: { kind: 'google', trustedBy: 'identity-pool' },
        userPool: false,
        identityPool: 'idp',
        api: null,
        awsService: true
      });
      expect(r.reasons).toContain('identity-pool-trusts-google');
      expect(r.scenarios[0]).toBe('google-federation');
    }
  );

  it('guest analytics needs an identity pool with guest access', () => {
    const r = ask('aws', 'nobody', 'no');
    expect(r.pools).toBe('identity-pool');
    expect(r.architecture).toMatchObject({
      userPool: false,
      identityPool: 'guest',
      awsService: true,
      api: null
    });
    expect(r.reasons).toEqual(expect.arrayContaining(['guest-credentials', 'guests-prove-nothing']));
    expect(r.scenarios[0]).toBe('guest-access');
  });

  it.each(['yes', 'no'] as const)(
    'B2B sign-in through a SAML IdP to your API: the user pool federates it (own data: %s)',
    (ownData) => {
      const r = ask('own-api', 'corporate', ownData);
      expect(r.pools).toBe('user-pool');
      expect(r.architecture).toEqual({
        idp: { kind: 'corporate', trustedBy: 'user-pool' },
        userPool: true,
        identityPool: null,
        api: 'cognito-authorizer',
        awsService: false
      });
      expect(r.reasons.slice(0, 2)).toEqual(['federate-corporate', 'authorizer-trusts-user-pools']);
    }
  );

  it.each(['aws', 'both'] as const)(
    'B2B sign-in through a SAML IdP calling AWS (%s): both, and the direct SAML route explained',
    (requests) => {
      const r = ask(requests, 'corporate', 'no');
      expect(r.pools).toBe('both');
      expect(r.architecture).toMatchObject({
        idp: { kind: 'corporate', trustedBy: 'user-pool' },
        userPool: true,
        identityPool: 'user-pool'
      });
      expect(r.reasons).toContain('saml-straight-to-identity-pool');
    }
  );

  it('Google sign-in calling your API and AWS federates Google into the user pool', () => {
    const r = ask('both', 'social', 'no');
    expect(r.pools).toBe('both');
    expect(r.architecture).toMatchObject({
      idp: { kind: 'google', trustedBy: 'user-pool' },
      api: 'cognito-authorizer'
    });
    expect(r.reasons).toEqual(expect.arrayContaining(['one-token-for-both', 'aws-iam-api-alternative']));
  });

  it('guests calling only your own API need no pool: the API is public', () => {
    const r = ask('own-api', 'nobody', 'no');
    expect(r).toMatchObject({ answer: 'no-pool', pools: 'none' });
    expect(r.architecture).toEqual({
      idp: null,
      userPool: false,
      identityPool: null,
      api: 'public',
      awsService: false
    });
    expect(r.reasons[0]).toBe('public-api-needs-no-pool');
  });

  it('guests calling AWS and your API: guest credentials for AWS, the API public', () => {
    const r = ask('both', 'nobody', 'no');
    expect(r.pools).toBe('identity-pool');
    expect(r.architecture).toMatchObject({ identityPool: 'guest', api: 'public', awsService: true });
    expect(r.reasons).toEqual(expect.arrayContaining(['public-api-needs-no-pool', 'guest-scope-down']));
  });

  it('guests cannot have rows or files of their own, and are told so', () => {
    for (const requests of ['own-api', 'aws', 'both'] as const) {
      expect(ask(requests, 'nobody', 'yes').reasons.at(-1)).toBe('guests-own-nothing');
    }
  });
});

describe('the drawing of an answer', () => {
  it('labels what travels: the ID token to your API, signed requests to AWS', () => {
    const spa = drawArchitecture(ask('both', 'own-directory', 'yes').architecture);
    const label = (from: string, to: string) => spa.edges.find((e) => e.from === from && e.to === to)?.label;
    expect(label('user-pool', 'app')).toMatch(/ID token$/);
    expect(label('app', 'identity-pool')).toMatch(/ID token$/);
    expect(label('identity-pool', 'sts')).toMatch(/assume the role$/);
    expect(label('identity-pool', 'app')).toMatch(/AWS credentials$/);
    expect(label('app', 'api')).toMatch(/ID token$/);
    expect(label('app', 'aws')).toMatch(/AWS credentials \(SigV4\)$/);
    // Numbered in the order things happen.
    expect(spa.edges.map((e) => e.label.split(' · ')[0])).toEqual(spa.edges.map((_, i) => String(i + 1)));
  });

  it('draws a federated IdP under the user pool, and Google beside the app when the identity pool trusts it', () => {
    const federated = drawArchitecture(ask('own-api', 'corporate', 'no').architecture);
    expect(federated.helpers).toEqual({ idp: 'user-pool' });
    expect(federated.edges.find((e) => e.from === 'idp')?.to).toBe('user-pool');
    const direct = drawArchitecture(ask('aws', 'social', 'no').architecture);
    expect(direct.helpers).toEqual({ sts: 'identity-pool' });
    expect(direct.edges.find((e) => e.from === 'idp')).toMatchObject({
      to: 'app',
      label: '2 · Google ID token'
    });
    expect(direct.nodes.map((n) => n.id)).not.toContain('user-pool');
  });

  it('sends a guest’s GetId with no token', () => {
    const guest = drawArchitecture(ask('aws', 'nobody', 'no').architecture);
    expect(guest.edges[0]).toMatchObject({ from: 'app', to: 'identity-pool', label: '1 · no token (guest)' });
  });
});
