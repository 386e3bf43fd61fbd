// The trace records the services' own working: SigV4 as DynamoDB verified it, IAM decisions as STS and DynamoDB made them.
import { describe, expect, it } from 'vitest';
import { waitFor } from 'xstate';
import { getScenario, runScenario, startRun } from '../../src/lib/scenarios';
import { createWorld, type TraceEntry, type World } from '../../src/lib/sim';
import { testKeys } from '../support/keys';

const NOW = Date.UTC(2026, 10, 28, 9, 0, 0);

async function identityPool(): Promise<{ world: World; trace: TraceEntry[] }> {
  const world = await createWorld({ seed: 'identity-pool', now: NOW, keys: testKeys });
  return runScenario('identity-pool', { world });
}

function only(trace: TraceEntry[], test: (entry: TraceEntry) => boolean): TraceEntry {
  const found = trace.filter(test);
  if (found.length !== 1 || found[0] === undefined)
    throw new Error(`expected one entry, got ${found.length}`);
  return found[0];
}

function signatureOf(entry: TraceEntry): string | undefined {
  return /Signature=([0-9a-f]+)/.exec(entry.request.headers.authorization ?? '')?.[1];
}

/** The XML element's text in an STS response. */
function xml(body: string, element: string): string | undefined {
  return new RegExp(`<${element}>([^<]*)</${element}>`).exec(body)?.[1];
}

describe('the trace records what the services worked out (identity-pool)', () => {
  it('records DynamoDB’s SigV4 working on the signed GetItem: the signature it carried, matched', async () => {
    const { trace } = await identityPool();
    const getItem = only(trace, (entry) => entry.operation === 'GetItem' && entry.to === 'dynamodb');
    const sigv4 = getItem.sigv4;
    if (sigv4 === undefined) throw new Error('no SigV4 record');
    expect(sigv4.match).toBe(true);
    expect(sigv4.computed).toBe(sigv4.provided);
    expect(sigv4.provided).toBe(signatureOf(getItem));
    expect(sigv4.signedHeaders).toEqual([
      'content-type',
      'host',
      'x-amz-date',
      'x-amz-security-token',
      'x-amz-target'
    ]);
    expect(sigv4.credentialScope).toBe('20261128/us-east-1/dynamodb/aws4_request');
    expect(sigv4.canonicalRequest.split('\n').slice(0, 3)).toEqual(['POST', '/', '']);
    expect(sigv4.canonicalRequest).toContain('x-amz-target:DynamoDB_20120810.GetItem');
    expect(sigv4.stringToSign.split('\n').slice(0, 3)).toEqual([
      'AWS4-HMAC-SHA256',
      '20261128T090000Z',
      sigv4.credentialScope
    ]);
    // Unsigned Cognito calls carry no SigV4 record.
    expect(trace.filter((entry) => entry.sigv4 !== undefined)).toEqual([getItem]);
  });

  it('records DynamoDB’s permission decision in full: action, table, assumed role, LeadingKeys, the allowing statement', async () => {
    const { world, trace } = await identityPool();
    const getItem = only(trace, (entry) => entry.operation === 'GetItem' && entry.to === 'dynamodb');
    const assumed = only(trace, (entry) => entry.operation === 'AssumeRoleWithWebIdentity');
    const identityId = JSON.parse(only(trace, (entry) => entry.operation === 'GetId').response.body)
      .IdentityId as string;
    expect(getItem.decisions).toHaveLength(1);
    const [decision] = getItem.decisions ?? [];
    expect(decision).toMatchObject({
      kind: 'identity',
      action: 'dynamodb:GetItem',
      resource: `arn:aws:dynamodb:${world.config.region}:${world.config.accountId}:table/Orders`,
      decision: 'Allow',
      allowed: true
    });
    expect(decision?.principal).toMatch(/^arn:aws:sts::\d{12}:assumed-role\/TwoPools_Authenticated\/.+/);
    expect(decision?.principal).toBe(xml(assumed.response.body, 'Arn'));
    // The Orders table is keyed by order id: LeadingKeys is the key the GetItem named.
    const key = (JSON.parse(getItem.request.body) as { Key: Record<string, { S: string }> }).Key;
    expect(decision?.context['dynamodb:LeadingKeys']).toEqual(Object.values(key).map((value) => value.S));
    expect(decision?.context['dynamodb:LeadingKeys']).toEqual(['42']);
    expect(decision?.context['cognito-identity.amazonaws.com:sub']).toBe(identityId);
    const allowing = decision?.statements.find(
      (statement) => statement.matched && statement.effect === 'Allow'
    );
    expect(allowing).toMatchObject({
      policy: 'ReadOrders',
      index: 0,
      sid: 'ReadOrders',
      actionMatched: true
    });
    expect(allowing?.because).toMatch(
      /^action dynamodb:GetItem matches dynamodb:GetItem; resource \S+\/Orders matches/
    );
    expect(decision?.deciding).toContainEqual(
      expect.objectContaining({ policy: 'ReadOrders', statementIndex: 0, sid: 'ReadOrders', effect: 'Allow' })
    );
    // Every statement of the role's permission policies was considered and recorded, matched or not.
    const role = world.roles.byName('TwoPools_Authenticated');
    const statementCount = (role?.permissionPolicies ?? []).reduce((count, policy) => {
      const statements = (policy.document as { Statement: unknown }).Statement;
      return count + (Array.isArray(statements) ? statements.length : 1);
    }, 0);
    expect(decision?.statements).toHaveLength(statementCount);
    const notes = decision?.statements.find((statement) => statement.policy === 'OwnNotesOnly');
    expect(notes).toMatchObject({ matched: false, actionMatched: true });
    expect(notes?.because).toMatch(/resource \S+\/Orders does not match \S+\/UserNotes/);
  });

  it('records STS’s trust-policy decision in full', async () => {
    const { world, trace } = await identityPool();
    const assumed = only(trace, (entry) => entry.operation === 'AssumeRoleWithWebIdentity');
    const role = world.roles.byName('TwoPools_Authenticated');
    expect(assumed.decisions).toHaveLength(1);
    const [decision] = assumed.decisions ?? [];
    expect(decision).toMatchObject({
      label: 'trust policy of TwoPools_Authenticated',
      kind: 'trust',
      action: 'sts:AssumeRoleWithWebIdentity',
      resource: role?.arn,
      principal: 'cognito-identity.amazonaws.com',
      decision: 'Allow',
      allowed: true
    });
    expect(decision?.context['cognito-identity.amazonaws.com:aud']).toBe(world.config.identityPool.id);
    expect(decision?.context['cognito-identity.amazonaws.com:amr']).toContain('authenticated');
    expect(decision?.statements).toHaveLength(1);
    const [statement] = decision?.statements ?? [];
    expect(statement).toMatchObject({ index: 0, effect: 'Allow', matched: true, actionMatched: true });
    expect(statement?.conditions.map((condition) => [condition.key, condition.result])).toEqual([
      ['cognito-identity.amazonaws.com:aud', true],
      ['cognito-identity.amazonaws.com:amr', true]
    ]);
    expect(statement?.because).toBe(
      'action sts:AssumeRoleWithWebIdentity matches sts:AssumeRoleWithWebIdentity; ' +
        'principal cognito-identity.amazonaws.com matches Federated cognito-identity.amazonaws.com; ' +
        `condition StringEquals cognito-identity.amazonaws.com:aud = [${world.config.identityPool.id}] holds (request has [${world.config.identityPool.id}]); ` +
        `condition ForAnyValue:StringLike cognito-identity.amazonaws.com:amr = [authenticated] holds (request has [${(
          decision?.context['cognito-identity.amazonaws.com:amr'] as string[]
        ).join(', ')}])`
    );
    expect(decision?.deciding).toEqual([{ policy: decision?.label, statementIndex: 0, effect: 'Allow' }]);
  });

  it('records match false, with both signatures, for a body changed after signing', async () => {
    const { world, trace } = await identityPool();
    const getItem = only(trace, (entry) => entry.operation === 'GetItem' && entry.to === 'dynamodb');
    const tampered = new Request(getItem.request.url, {
      method: getItem.request.method,
      headers: getItem.request.headers,
      body: getItem.request.body.replace('"42"', '"43"')
    });
    const response = await world.fetch(tampered);
    expect(response.status).toBe(400);
    const refused = world.trace.entries.at(-1);
    expect(refused?.error?.code).toBe('InvalidSignatureException');
    expect(refused?.sigv4?.match).toBe(false);
    expect(refused?.sigv4?.provided).toBe(getItem.sigv4?.provided);
    expect(refused?.sigv4?.computed).toMatch(/^[0-9a-f]{64}$/);
    expect(refused?.sigv4?.computed).not.toBe(refused?.sigv4?.provided);
    expect(refused?.sigv4?.canonicalRequest).not.toBe(getItem.sigv4?.canonicalRequest);
    expect(refused?.decisions).toBeUndefined();
  });

  it('records match false when the app signs with a wrong secret (the try-it)', async () => {
    const scenario = getScenario('identity-pool');
    if (scenario === undefined) throw new Error('no scenario');
    const world = await createWorld({ seed: 'identity-pool', now: NOW, keys: testKeys });
    const run = await startRun(scenario, { world });
    while (!run.done) await run.next();
    const secret = run.app.getSnapshot().context.credentials?.secretKey ?? '';
    run.app.send({ type: 'READ_ORDER', orderId: '42', secretOverride: `${secret.slice(0, -1)}#` });
    await waitFor(run.app, (state) => state.matches('ready'));
    run.app.stop();
    const wrong = world.trace.entries.at(-1);
    expect(wrong?.error?.code).toBe('InvalidSignatureException');
    expect(wrong?.sigv4?.match).toBe(false);
    expect(wrong?.sigv4?.provided).toBe(wrong === undefined ? undefined : signatureOf(wrong));
    expect(wrong?.sigv4?.computed).not.toBe(wrong?.sigv4?.provided);
    // Everything but the secret is as signed, so the verifier rebuilt the same canonical request.
    const good = world.trace.entries.find((entry) => entry.operation === 'GetItem' && entry.outcome === 'ok');
    expect(wrong?.sigv4?.canonicalRequest.split('\n').slice(0, 3)).toEqual(
      good?.sigv4?.canonicalRequest.split('\n').slice(0, 3)
    );
  });
});

describe('the trace records a denial as the evaluator saw it (guest-access)', () => {
  it('records the guest’s GetItem decision: implicit deny, every statement unmatched and why', async () => {
    const world = await createWorld({ seed: 'guest-access', now: NOW, keys: testKeys });
    const { trace } = await runScenario('guest-access', { world });
    const getItem = only(trace, (entry) => entry.operation === 'GetItem' && entry.to === 'dynamodb');
    expect(getItem.sigv4?.match).toBe(true);
    const [decision] = getItem.decisions ?? [];
    expect(decision).toMatchObject({ action: 'dynamodb:GetItem', decision: 'ImplicitDeny', deciding: [] });
    expect(decision?.principal).toMatch(/:assumed-role\/TwoPools_Guest\//);
    expect(decision?.statements.length).toBeGreaterThan(0);
    expect(decision?.statements.every((statement) => !statement.matched)).toBe(true);
    expect(decision?.statements[0]?.because).toMatch(
      /^action dynamodb:GetItem (does not match|matches none of) /
    );
  });

  it('records the scope-down session policy as its own decision, which denies too', async () => {
    const world = await createWorld({ seed: 'guest-access', now: NOW, keys: testKeys });
    const { trace } = await runScenario('guest-access', { world });
    const getItem = only(trace, (entry) => entry.operation === 'GetItem' && entry.to === 'dynamodb');
    const session = getItem.decisions?.find((decision) => decision.kind === 'session');
    expect(session).toMatchObject({
      label:
        'session policy of TwoPools_Guest/CognitoIdentityCredentials for dynamodb:GetItem on table/Orders',
      action: 'dynamodb:GetItem',
      decision: 'ImplicitDeny',
      deciding: []
    });
    expect(session?.statements).toEqual([
      expect.objectContaining({
        sid: 'CognitoUnAuthedIdentitiesSessionPolicy',
        matched: false,
        actionMatched: false
      })
    ]);
    const check = getItem.checks.find((entry) => entry.id === 'iam.session-policy');
    expect(check?.ok).toBe(false);
    expect(check?.detail).toMatch(/^session policy of arn:aws:sts::\d+:assumed-role\/TwoPools_Guest\//);
  });
});
