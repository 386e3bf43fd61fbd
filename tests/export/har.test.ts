// The HAR export: valid HAR 1.2 for every scenario, timed by the simulated clock, secrets masked unless asked for.

import { beforeAll, describe, expect, it } from 'vitest';
import { MASK, secretsOf, toHar } from '../../src/lib/export';
import { harErrors } from './har-spec';
import { play, type Played } from './play';

/** Every member named `name` anywhere in the trace's JSON and XML bodies. */
function membersNamed(played: Played, name: string): string[] {
  const found: string[] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      for (const [key, member] of Object.entries(value)) {
        if (key === name && typeof member === 'string') found.push(member);
        else walk(member);
      }
    }
  };
  for (const entry of played.trace) {
    for (const body of [entry.request.body, entry.response.body]) {
      try {
        walk(JSON.parse(body));
      } catch {
        for (const match of body.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, 'g')))
          found.push(match[1] ?? '');
      }
    }
  }
  return found;
}

describe('the validator', () => {
  it('rejects what HAR 1.2 does not allow', () => {
    expect(harErrors({})).toEqual(['log: missing']);
    expect(harErrors({ log: { version: '1.2', creator: { name: 'x' }, entries: [] } })).toContain(
      'log.creator.version: missing'
    );
    expect(harErrors({ log: { version: '1.1', creator: { name: 'x', version: '1' }, entries: [] } })).toEqual(
      ['log.version: 1.1, not 1.2']
    );
    expect(
      harErrors({ log: { version: '1.2', creator: { name: 'x', version: '1' }, entries: [], extra: 1 } })
    ).toEqual(['log.extra: not a HAR 1.2 field']);
  });
});

describe('toHar', () => {
  const played: Record<string, Played> = {};
  beforeAll(async () => {
    for (const id of ['identity-pool', 'sign-up', 'wrong-password', 'jwt-to-dynamodb', 'token-expiry']) {
      played[id] = await play(id);
    }
  }, 120_000);

  it('validates against HAR 1.2 for every scenario played here', () => {
    for (const [id, run] of Object.entries(played)) {
      const har = toHar({ entries: run.trace, title: run.title });
      expect(harErrors(JSON.parse(JSON.stringify(har))), id).toEqual([]);
      expect(har.log.entries).toHaveLength(run.trace.length);
    }
  });

  it('writes each exchange as it went over the wire, timed by the simulated clock', () => {
    const run = played['identity-pool'] as Played;
    const har = toHar({ entries: run.trace, title: run.title, includeSecrets: true });
    run.trace.forEach((entry, index) => {
      const item = har.log.entries[index];
      expect(item?.startedDateTime).toBe(new Date(entry.at).toISOString());
      expect(item?.request.method).toBe(entry.request.method);
      expect(item?.request.url).toBe(entry.request.url);
      expect(item?.response.status).toBe(entry.response.status);
      expect(item?.response.content.text).toBe(entry.response.body);
      expect(item?.request.postData?.text ?? '').toBe(entry.request.body);
      expect(item?.request.headers).toEqual(
        Object.entries(entry.request.headers).map(([name, value]) => ({ name, value }))
      );
    });
    expect(har.log.entries[0]?.startedDateTime.startsWith('2025-01-15T10:00')).toBe(true);
  });

  it('gives a refusal its status and reason phrase', () => {
    const run = played['jwt-to-dynamodb'] as Played;
    const har = toHar({ entries: run.trace, title: run.title });
    const refused = har.log.entries.filter((entry) => entry._outcome === 'refused');
    expect(refused.length).toBeGreaterThan(0);
    for (const entry of refused) {
      expect(entry.response.status).toBeGreaterThanOrEqual(400);
      expect(entry.response.statusText).not.toBe('');
    }
  });

  it('masks secret keys, session tokens, refresh tokens, passwords and signatures unless asked', () => {
    const run = played['identity-pool'] as Played;
    const secretKeys = membersNamed(run, 'SecretKey');
    const sessionTokens = [...membersNamed(run, 'SessionToken'), ...membersNamed(run, 'SecretAccessKey')];
    const refreshTokens = membersNamed(run, 'RefreshToken');
    const signatures = run.trace.flatMap((entry) => {
      const match = /Signature=([0-9a-f]+)/.exec(
        entry.request.headers['authorization'] ?? entry.request.headers['Authorization'] ?? ''
      );
      return match?.[1] ? [match[1]] : [];
    });
    expect(secretKeys.length).toBeGreaterThan(0);
    expect(sessionTokens.length).toBeGreaterThan(0);
    expect(refreshTokens.length).toBeGreaterThan(0);
    expect(signatures.length).toBeGreaterThan(0);
    const all = [...secretKeys, ...sessionTokens, ...refreshTokens, ...signatures];

    const masked = JSON.stringify(toHar({ entries: run.trace, title: run.title }));
    for (const secret of all) expect(masked).not.toContain(secret);
    expect(masked).toContain(MASK);
    // The rest stays: the access key id and the ID token are what the lessons look at.
    const accessKeyIds = membersNamed(run, 'AccessKeyId');
    expect(accessKeyIds.length).toBeGreaterThan(0);
    for (const id of accessKeyIds) expect(masked).toContain(id);
    expect(membersNamed(run, 'IdToken').every((token) => masked.includes(token))).toBe(true);

    const open = JSON.stringify(toHar({ entries: run.trace, title: run.title, includeSecrets: true }));
    for (const secret of all) expect(open).toContain(secret);
    expect(open).not.toContain(MASK);
  });

  it('masks the password a sign-up and a failed sign-in send', () => {
    for (const id of ['sign-up', 'wrong-password']) {
      const run = played[id] as Played;
      const passwords = [...membersNamed(run, 'Password'), ...membersNamed(run, 'PASSWORD')];
      if (id === 'sign-up') expect(passwords.length).toBeGreaterThan(0);
      const secrets = secretsOf(run.trace);
      const masked = JSON.stringify(toHar({ entries: run.trace, title: run.title }));
      for (const password of passwords) {
        expect(secrets.has(password), id).toBe(true);
        expect(masked, id).not.toContain(`"${password}"`);
      }
    }
  });
});
