// Share links: every action survives a round trip; foreign, damaged and hostile links are refused with a clear error; no secret is ever in one.
import { describe, expect, it } from 'vitest';
import {
  LIMITS,
  STAND_IN_PASSWORDS,
  WRONG_PASSWORD_STAND_IN,
  type SandboxAction
} from '../../src/lib/sandbox/actions';
import {
  decodeActions,
  decodeShare,
  encodeActions,
  encodeShare,
  MAX_ACTIONS,
  MAX_PARAM_LENGTH,
  type ShareErrorCode
} from '../../src/lib/sandbox/share';
import { createSandboxSession, passwordKind } from '../../src/lib/sandbox/session';
import { testKeys } from '../support/keys';

/** One of every kind, with every value of every enumerated argument somewhere. */
const EVERY_ACTION: SandboxAction[] = [
  { do: 'sign-up', username: 'carol', email: 'carol@example.com', password: 'valid' },
  { do: 'sign-up', username: 'dave', email: 'dave@example.com', password: 'empty' },
  { do: 'sign-up', username: 'erin', email: 'erin@example.com', password: 'short' },
  { do: 'sign-up', username: 'finn', email: 'finn@example.com', password: 'no-upper' },
  { do: 'sign-up', username: 'gus', email: 'gus@example.com', password: 'no-lower' },
  { do: 'sign-up', username: 'hana', email: 'hana@example.com', password: 'no-digit' },
  { do: 'sign-up', username: 'ivo', email: 'ivo@example.com', password: 'no-symbol' },
  { do: 'confirm-sign-up', code: 'inbox' },
  { do: 'confirm-sign-up', code: 'wrong' },
  { do: 'sign-in', username: 'alice', flow: 'srp', password: 'known' },
  { do: 'sign-in', username: 'Ünïcødé 名前', flow: 'password', password: 'wrong' },
  { do: 'google-sign-in', email: 'dana@gmail.com' },
  { do: 'get-id', provider: 'user-pool' },
  { do: 'get-id', provider: 'google' },
  { do: 'get-id', provider: 'guest' },
  { do: 'get-credentials' },
  { do: 'get-open-id-token' },
  { do: 'assume-role', role: 'authenticated' },
  { do: 'assume-role', role: 'unauthenticated' },
  { do: 'call-api', orderId: '42' },
  { do: 'call-api', orderId: '42', token: 'access' },
  { do: 'get-profile', token: 'id' },
  { do: 'get-profile', token: 'access' },
  { do: 'call-iam-api', orderId: 'order_7-B' },
  { do: 'jwt-to-dynamodb', orderId: 'order_7-B' },
  { do: 'read-order', orderId: '42' },
  { do: 'put-note', text: 'Hello "world" \\ </script> 🍵' },
  { do: 'query-notes', whose: 'own' },
  { do: 'query-notes', whose: 'other' },
  { do: 'upload-avatar' },
  { do: 'list-folder', whose: 'own' },
  { do: 'list-folder', whose: 'other' },
  { do: 'refresh' },
  { do: 'sign-out' },
  { do: 'advance-clock', minutes: 1 },
  { do: 'advance-clock', minutes: LIMITS.maxMinutes },
  { do: 'get-credentials-without-logins' },
  { do: 'guest-access', allow: false },
  { do: 'guest-access', allow: true },
  { do: 'managers', member: true },
  { do: 'managers', member: false },
  { do: 'role-mapping', mapping: 'none' },
  { do: 'role-mapping', mapping: 'token' },
  { do: 'role-mapping', mapping: 'rules' },
  {
    do: 'trust-policy',
    role: 'TwoPools_Authenticated',
    document: '{"Version": "2012-10-17", "Statement": []}'
  },
  { do: 'trust-policy', role: 'TwoPools_Guest', document: 'not JSON at all' },
  { do: 'trust-policy', role: 'TwoPools_Managers', document: '' },
  { do: 'managed-login', username: 'alice', password: 'known' },
  { do: 'managed-login', username: 'bob', password: 'wrong' },
  { do: 'call-scoped-api', orderId: '42' }
];

const b64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
const param = (json: string) => `1.${b64url(json)}`;

function expectError(result: ReturnType<typeof decodeShare>, code: ShareErrorCode, message?: RegExp) {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe(code);
  expect(result.error.message.length).toBeGreaterThan(10);
  if (message) expect(result.error.message).toMatch(message);
}

describe('round trip', () => {
  it.each(EVERY_ACTION.map((action) => [action.do, action] as const))(
    'keeps a %s action exactly',
    (_name, action) => {
      const encoded = encodeShare({ seed: 'sandbox', actions: [action] });
      expect(encoded.ok).toBe(true);
      if (!encoded.ok) return;
      const decoded = decodeShare(`?${encoded.value}`);
      expect(decoded).toEqual({ ok: true, value: { seed: 'sandbox', actions: [action] } });
    }
  );

  it('keeps a whole list, its order and the seed', () => {
    const encoded = encodeShare({ seed: 'my-Seed_9', actions: EVERY_ACTION });
    if (!encoded.ok) throw new Error(encoded.error.message);
    expect(decodeShare(encoded.value)).toEqual({
      ok: true,
      value: { seed: 'my-Seed_9', actions: EVERY_ACTION }
    });
  });

  it('survives being put in a URL and read back by URL', () => {
    const encoded = encodeShare({ seed: 'sandbox', actions: EVERY_ACTION });
    if (!encoded.ok) throw new Error(encoded.error.message);
    const url = new URL(`https://example.test/sandbox/?${encoded.value}`);
    expect(decodeShare(url.search)).toEqual({ ok: true, value: { seed: 'sandbox', actions: EVERY_ACTION } });
  });

  it('writes figure 4 compactly', () => {
    const figure4: SandboxAction[] = [
      { do: 'sign-in', username: 'alice', flow: 'srp', password: 'known' },
      { do: 'get-id', provider: 'user-pool' },
      { do: 'get-credentials' },
      { do: 'read-order', orderId: '42' }
    ];
    const encoded = encodeShare({ seed: 'sandbox', actions: figure4 });
    if (!encoded.ok) throw new Error(encoded.error.message);
    expect(encoded.value.length).toBeLessThan(130);
    expect(encoded.value).toMatch(/^seed=sandbox&a=1\.[A-Za-z0-9_-]+$/);
  });

  it('reads a link written before the access token existed as it always did, and writes the ID token’s call the same way', () => {
    // `["api","42"]`: the ID token's call, with no token field at all.
    expect(decodeShare(new URLSearchParams({ seed: 'sandbox', a: param('[["api","42"]]') }))).toEqual({
      ok: true,
      value: { seed: 'sandbox', actions: [{ do: 'call-api', orderId: '42' }] }
    });
    expect(encodeActions([{ do: 'call-api', orderId: '42' }])).toEqual({
      ok: true,
      value: param('[["api","42"]]')
    });
    expect(encodeActions([{ do: 'call-api', orderId: '42', token: 'access' }])).toEqual({
      ok: true,
      value: param('[["api","42","access"]]')
    });
    expect(
      encodeActions([
        { do: 'get-profile', token: 'id' },
        { do: 'call-iam-api', orderId: '42' }
      ])
    ).toEqual({ ok: true, value: param('[["me","id"],["iam","42"]]') });
  });

  it('an empty sandbox has no action list, and no query at all decodes to the default seed', () => {
    expect(encodeShare({ seed: 'sandbox', actions: [] })).toEqual({ ok: true, value: 'seed=sandbox' });
    expect(decodeShare('')).toEqual({ ok: true, value: { seed: 'sandbox', actions: [] } });
  });

  it('refuses to encode what it would refuse to decode', () => {
    const tooLong = encodeActions([{ do: 'put-note', text: 'x'.repeat(LIMITS.noteText + 1) }]);
    expect(tooLong.ok).toBe(false);
    expect(encodeActions([{ do: 'call-api', orderId: '../admin' }]).ok).toBe(false);
    expect(encodeActions([{ do: 'call-iam-api', orderId: '../admin' }]).ok).toBe(false);
    expect(encodeActions([{ do: 'advance-clock', minutes: 0.5 }]).ok).toBe(false);
    const many = encodeActions(Array.from({ length: MAX_ACTIONS + 1 }, () => ({ do: 'refresh' as const })));
    expect(many).toMatchObject({ ok: false, error: { code: 'TooManyActions' } });
    expect(encodeShare({ seed: 'a b', actions: [] })).toMatchObject({
      ok: false,
      error: { code: 'BadSeed' }
    });
  });
});

describe('hostile and damaged links', () => {
  it('refuses a huge parameter before decoding it', () => {
    const huge = `1.${'A'.repeat(MAX_PARAM_LENGTH)}`;
    const started = performance.now();
    expectError(decodeShare(new URLSearchParams({ a: huge })), 'LinkTooLong', /too long/);
    expect(performance.now() - started).toBeLessThan(50);
  });

  it('refuses a link from another format or site', () => {
    expectError(decodeShare('?a=eyJhbGciOiJub25lIn0'), 'UnknownFormat');
    expectError(decodeShare('?a=2.W10'), 'UnknownFormat');
    expectError(decodeShare('?a='), 'UnknownFormat');
    expectError(decodeShare('?a=1'), 'UnknownFormat');
  });

  it('refuses bad base64', () => {
    expectError(decodeShare('?a=1.!!!'), 'BadBase64', /base64/);
    expectError(decodeShare('?a=1.abc%3D'), 'BadBase64'); // padding is not base64url
    expectError(decodeShare('?a=1.W10+'), 'BadBase64'); // '+' arrives as a space
    expectError(decodeShare('?a=1.AAAAA'), 'BadBase64'); // 4n + 1 characters
  });

  it('refuses a truncated link', () => {
    const encoded = encodeActions([
      { do: 'sign-in', username: 'alice', flow: 'srp', password: 'known' },
      { do: 'get-id', provider: 'user-pool' }
    ]);
    if (!encoded.ok) throw new Error('encode');
    for (const cut of [3, 10, encoded.value.length - 1, encoded.value.length - 2, encoded.value.length - 5]) {
      const result = decodeActions(encoded.value.slice(0, cut));
      expect(result.ok, `cut at ${cut}`).toBe(false);
    }
  });

  it('refuses bytes that are not UTF-8 and text that is not JSON', () => {
    const notUtf8 = `1.${Buffer.from([0xff, 0xfe, 0x5b]).toString('base64url')}`;
    expectError(decodeShare(new URLSearchParams({ a: notUtf8 })), 'BadText');
    expectError(decodeShare(new URLSearchParams({ a: param('[["ref"],') })), 'BadJson');
  });

  it('refuses anything but a list of known actions', () => {
    expectError(decodeShare(new URLSearchParams({ a: param('{"do":"refresh"}') })), 'NotAnActionList');
    expectError(decodeShare(new URLSearchParams({ a: param('"ref"') })), 'NotAnActionList');
    expectError(decodeShare(new URLSearchParams({ a: param('[{"do":"refresh"}]') })), 'NotAnActionList');
    expectError(decodeShare(new URLSearchParams({ a: param('[[]]') })), 'NotAnActionList');
    expectError(decodeShare(new URLSearchParams({ a: param('[[42]]') })), 'NotAnActionList');
    expectError(
      decodeShare(new URLSearchParams({ a: param('[["ref"],["rm -rf"]]') })),
      'UnknownAction',
      /Action 2/
    );
    expectError(decodeShare(new URLSearchParams({ a: param('[["tamper","sub","x"]]') })), 'UnknownAction');
  });

  it('refuses arguments of the wrong type, number or shape', () => {
    const cases: [string, RegExp][] = [
      ['[["get",42]]', /order id/],
      ['[["get","42","43"]]', /needs 1 argument/],
      ['[["cr","extra"]]', /needs 0 arguments/],
      ['[["si","alice","srp"]]', /needs 3 arguments/],
      ['[["si","alice","kerberos","known"]]', /flow must be one of "srp", "password"/],
      ['[["si","alice","srp","hunter2"]]', /password must be one of "known", "wrong"/],
      ['[["su","carol","c@example.com","Hunter2!"]]', /password kind/],
      ['[["su",null,"c@example.com","valid"]]', /username/],
      ['[["id","admin"]]', /provider/],
      ['[["s3l","everyone"]]', /whose must be one of "own", "other"/],
      ['[["s3l"]]', /needs 1 argument/],
      ['[["s3p","x"]]', /needs 0 arguments/],
      ['[["clk",-5]]', /minutes/],
      ['[["clk",1.5]]', /minutes/],
      ['[["clk","61"]]', /minutes/],
      ['[["clk",1e308]]', /minutes/],
      ['[["get","42/../../secret"]]', /order id/],
      [`[["put","${'x'.repeat(LIMITS.noteText + 1)}"]]`, /text/],
      [`[["si","${'u'.repeat(LIMITS.username + 1)}","srp","known"]]`, /username/],
      ['[["api"]]', /call-api\) needs 1 or 2 arguments \(order id, token\), not 0/],
      ['[["ml","alice","Correct-Horse-42"]]', /password must be one of "known", "wrong"/],
      ['[["ml","alice"]]', /needs 2 arguments/],
      [`[["ml","${'u'.repeat(LIMITS.username + 1)}","known"]]`, /username/],
      ['[["sco","42/../me"]]', /order id/],
      ['[["api","42","access","x"]]', /needs 1 or 2 arguments/],
      // The ID token is the call without a token: one way to write each action.
      ['[["api","42","id"]]', /token must be one of "access"/],
      ['[["api","../42","access"]]', /order id/],
      ['[["me"]]', /get-profile\) needs 1 argument \(token\), not 0/],
      ['[["me","refresh"]]', /token must be one of "id", "access"/],
      ['[["iam",42]]', /order id/],
      ['[["iam","42/../7"]]', /order id/],
      ['[["ga",true]]', /on or off must be one of "on", "off"/],
      ['[["mgr","alice"]]', /in or out/],
      ['[["map","Rules"]]', /mapping must be one of "none", "token", "rules"/],
      ['[["tp","TwoPools_Admin","{}"]]', /role must be one of "TwoPools_Authenticated"/],
      ['[["tp","TwoPools_Guest",{}]]', /policy must be a text/],
      [
        `[["tp","TwoPools_Guest","${'x'.repeat(LIMITS.trustPolicy + 1)}"]]`,
        /policy must be a text of at most 2048/
      ]
    ];
    for (const [json, message] of cases) {
      expectError(decodeShare(new URLSearchParams({ a: param(json) })), 'BadArgument', message);
    }
  });

  it('refuses too many actions', () => {
    const json = JSON.stringify(Array.from({ length: MAX_ACTIONS + 1 }, () => ['ref']));
    expectError(decodeShare(new URLSearchParams({ a: param(json) })), 'TooManyActions');
  });

  it('is not fooled by prototype keys, and pollutes nothing', () => {
    for (const json of [
      '[["__proto__"]]',
      '[["constructor"]]',
      '[["toString"]]',
      '[["hasOwnProperty","x"]]',
      '{"__proto__":{"polluted":true}}',
      '[{"__proto__":{"polluted":true}}]',
      '[["ref",{"__proto__":{"polluted":true}}]]',
      '[["put",{"constructor":{"prototype":{"polluted":true}}}]]'
    ]) {
      const result = decodeShare(new URLSearchParams({ a: param(json) }));
      expect(result.ok, json).toBe(false);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as unknown as Record<string, unknown>).polluted).toBeUndefined();
    // A username of "__proto__" is only a string, and round-trips as one.
    const odd: SandboxAction = { do: 'sign-in', username: '__proto__', flow: 'srp', password: 'wrong' };
    const encoded = encodeShare({ seed: 'sandbox', actions: [odd] });
    if (!encoded.ok) throw new Error('encode');
    expect(decodeShare(encoded.value)).toEqual({ ok: true, value: { seed: 'sandbox', actions: [odd] } });
  });

  it('refuses a bad or repeated seed and a repeated action list', () => {
    expectError(decodeShare('?seed=%3Cscript%3E'), 'BadSeed');
    expectError(decodeShare(`?seed=${'s'.repeat(41)}`), 'BadSeed');
    expectError(decodeShare('?seed='), 'BadSeed');
    expectError(decodeShare('?seed=a&seed=b'), 'NotAnActionList', /repeats/);
    expectError(decodeShare(`?a=${param('[]')}&a=${param('[]')}`), 'NotAnActionList', /repeats/);
  });
});

describe('no secret in a link', () => {
  it('stand-in passwords break the same first rule as the learner’s kind, and the wrong one is never right', () => {
    for (const [kind, password] of Object.entries(STAND_IN_PASSWORDS))
      expect(passwordKind(password)).toBe(kind);
    expect(passwordKind(WRONG_PASSWORD_STAND_IN)).toBe('valid');
    expect(Object.values(STAND_IN_PASSWORDS)).not.toContain(WRONG_PASSWORD_STAND_IN);
  });

  it('a live session with typed passwords, codes, tokens and credentials shares none of them', async () => {
    const session = await createSandboxSession({ seed: 'secrets', keys: testKeys });
    const password = 'My-Very-Secret-Pa55!';
    const wrongPassword = 'Also-Secret-Wrong-9?';
    await session.perform({ do: 'sign-up', username: 'zoe', email: 'zoe@example.com', password: 'weak' });
    await session.perform({ do: 'sign-up', username: 'zoe', email: 'zoe@example.com', password });
    const code = session.world.inbox.latest('zoe@example.com')?.code ?? '';
    expect(code).toMatch(/^\d{6}$/);
    await session.perform({ do: 'confirm-sign-up', code });
    await session.perform({ do: 'sign-in', username: 'zoe', flow: 'password', password: wrongPassword });
    await session.perform({ do: 'sign-in', username: 'zoe', flow: 'srp', password });
    await session.perform({ do: 'get-id', provider: 'user-pool' });
    await session.perform({ do: 'get-credentials' });
    await session.perform({ do: 'put-note', text: 'hello' });
    const context = session.app.getSnapshot().context;
    expect(context.tokens && context.credentials).toBeTruthy();

    const encoded = encodeShare({ seed: session.seed, actions: session.actions() });
    if (!encoded.ok) throw new Error(encoded.error.message);
    const a = new URLSearchParams(encoded.value).get('a') ?? '';
    const json = Buffer.from(a.slice(2), 'base64url').toString('utf8');
    const secrets = [
      password,
      wrongPassword,
      'weak',
      code,
      context.tokens?.idToken ?? '',
      context.tokens?.accessToken ?? '',
      context.tokens?.refreshToken ?? '',
      context.credentials?.accessKeyId ?? '',
      context.credentials?.secretKey ?? '',
      context.credentials?.sessionToken ?? '',
      context.identityId ?? ''
    ];
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThan(3);
      expect(json).not.toContain(secret);
      expect(encoded.value).not.toContain(secret);
    }
    expect(json).not.toMatch(/eyJ|ASIA|"\d{6}"/);
    expect(json).toBe(
      JSON.stringify([
        ['su', 'zoe', 'zoe@example.com', 'short'],
        ['su', 'zoe', 'zoe@example.com', 'valid'],
        ['cf', 'inbox'],
        ['si', 'zoe', 'password', 'wrong'],
        ['si', 'zoe', 'srp', 'known'],
        ['id', 'user-pool'],
        ['cr'],
        ['put', 'hello']
      ])
    );
    session.stop();
  });
});
