// Lesson content: every scenario narrated step by step, malformed files refused by name, no raw HTML let through.
import { describe, expect, it } from 'vitest';
import {
  buildContent,
  ContentError,
  getNarration,
  introduction,
  isSafeHref,
  narrations,
  parseFrontmatter,
  parseNarration,
  renderMarkdown
} from '../../src/lib/content';
// The scenario data the public `scenarios` list is mapped from (src/lib/scenarios/index.ts); importing the index
// would also start the client-app machine, which these checks do not need.
import { definitions as scenarios } from '../../src/lib/scenarios/definitions';

const FILE = 'content/99-test/fixture.md';
const outline = [{ id: 'demo', steps: [{ id: 'first' }, { id: 'second' }] }];

function narrationSource(body: string, frontmatter = 'scenario: demo\ntitle: Demo\nlede: A demo.'): string {
  return `---\n${frontmatter}\n---\n${body}`;
}

function expectContentError(run: () => unknown, pattern: RegExp): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ContentError);
  expect((caught as ContentError).message).toMatch(pattern);
}

/** Text of the narration with tags stripped and entities of quotes/ampersands undone, for fact checks. */
function plainText(scenarioId: string): string {
  const narration = getNarration(scenarioId);
  if (!narration) throw new Error(`no narration for ${scenarioId}`);
  const html = [narration.ledeHtml, narration.introHtml, ...narration.steps.values()].join('\n');
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

describe('the lesson content', () => {
  it('narrates every scenario', () => {
    for (const scenario of scenarios) expect(narrations.has(scenario.id), scenario.id).toBe(true);
  });

  it('names only known scenarios', () => {
    const known = new Set(scenarios.map((scenario) => scenario.id));
    for (const narration of narrations.values())
      expect(known.has(narration.scenario), narration.file).toBe(true);
    expect(narrations.size).toBe(scenarios.length);
  });

  it.each(scenarios.map((scenario) => [scenario.id, scenario] as const))(
    '%s has one non-empty section per step, in order, and no others',
    (id, scenario) => {
      const narration = getNarration(id);
      expect(narration).toBeDefined();
      expect([...(narration?.steps.keys() ?? [])]).toEqual(scenario.steps.map((step) => step.id));
      for (const [stepId, html] of narration?.steps ?? []) {
        expect(html.replace(/<[^>]+>/g, '').trim().length, `${id}/${stepId}`).toBeGreaterThan(40);
      }
      expect(narration?.title).not.toBe('');
      expect(narration?.lede).toMatch(/\.$/);
    }
  );

  it('keeps each narration in its numbered group folder', () => {
    const folders: Record<string, string> = {
      figures: '01-figures',
      registration: '02-registration',
      federation: '03-federation',
      failures: '04-when-things-go-wrong',
      'fine-grained': '05-fine-grained-access',
      'mix-ups': '06-common-mix-ups',
      'managed-login': '07-managed-login'
    };
    for (const scenario of scenarios) {
      expect(getNarration(scenario.id)?.file).toMatch(new RegExp(`^content/${folders[scenario.group]}/`));
    }
  });

  it('has an introduction with the two questions', () => {
    expect(introduction.title).not.toBe('');
    expect(introduction.html).toContain('who are you?');
    expect(introduction.html).toContain('what may you do in AWS?');
  });

  it('contains no raw HTML beyond what markdown itself produces', () => {
    const allowed = new Set([
      'p',
      'ul',
      'ol',
      'li',
      'code',
      'pre',
      'strong',
      'em',
      'a',
      'h2',
      'h3',
      'blockquote',
      'br',
      'hr'
    ]);
    for (const html of [
      introduction.html,
      ...[...narrations.values()].flatMap((n) => [n.ledeHtml, n.introHtml, ...n.steps.values()])
    ]) {
      for (const [, tag] of html.matchAll(/<\/?([a-z0-9]+)/gi)) expect(allowed.has(tag ?? '')).toBe(true);
    }
  });
});

describe('facts in the narration', () => {
  it('figure 3 shows the exact DynamoDB refusal', () => {
    const text = plainText('jwt-to-dynamodb');
    expect(text).toContain('MissingAuthenticationTokenException');
    expect(text).toContain('Request is missing Authentication Token');
    expect(text).toContain('AWS4-HMAC-SHA256');
  });

  it('guest access ends in AccessDeniedException, quoted as AWS words it', () => {
    const text = plainText('guest-access');
    expect(text).toContain('AccessDeniedException');
    expect(text).toContain(
      'User: arn:aws:sts::123456789012:assumed-role/TwoPools_Guest/CognitoIdentityCredentials is not authorized to perform: dynamodb:GetItem on resource: arn:aws:dynamodb:us-east-1:123456789012:table/Orders because no identity-based policy allows the dynamodb:GetItem action'
    );
  });

  it('guest access names both policies that deny, and says guests never reach DynamoDB in the enhanced flow', () => {
    const text = plainText('guest-access');
    expect(text).toContain('AmazonCognitoUnAuthedIdentitiesSessionPolicy');
    expect(text).toMatch(/session policy/);
    expect(text).toMatch(/no session policy allows the dynamodb:GetItem action/);
    expect(text).toMatch(/never reach DynamoDB/);
    expect(text).not.toMatch(/decides how little they can do/);
  });

  it('sign-in names the SRP flow and the access token without aud', () => {
    const text = plainText('sign-in');
    expect(text).toContain('USER_SRP_AUTH');
    expect(text).toContain('PASSWORD_VERIFIER');
    expect(text).toMatch(/no `?aud`? claim/);
  });

  it('sign-in tells the challenge, then the proof, each in its own step', () => {
    const step = (id: string) =>
      getNarration('sign-in')
        ?.steps.get(id)
        ?.replace(/<[^>]+>/g, '') ?? '';
    const challenge = step('initiate-srp');
    for (const name of ['InitiateAuth', 'USER_SRP_AUTH', 'SRP_A', 'SALT', 'SRP_B', 'SECRET_BLOCK'])
      expect(challenge, name).toContain(name);
    expect(challenge).toMatch(/no password in the request/);
    expect(challenge).not.toContain('AuthenticationResult');
    const proof = step('prove-password');
    for (const name of [
      'RespondToAuthChallenge',
      'PASSWORD_CLAIM_SIGNATURE',
      'PASSWORD_CLAIM_SECRET_BLOCK',
      'TIMESTAMP',
      'AuthenticationResult',
      'Incorrect username or password.'
    ])
      expect(proof, name).toContain(name);
    expect(proof).toMatch(/without the\s+password ever crossing the wire/);
  });

  it('calling the API: "Bearer " is accepted, and aud is compared only through an identityValidationExpression', () => {
    const text = plainText('call-api');
    expect(text).toMatch(/after `?Bearer `?.*accepts both/);
    expect(text).not.toMatch(/refuses it/);
    expect(text).toContain('identityValidationExpression');
    expect(text).not.toMatch(/`?aud`? is this app client/);
  });

  it('the Orders function decides by sub, not by cognito:username', () => {
    const text = plainText('call-api');
    expect(text).toMatch(/The function reads `?sub`?/);
    expect(text).toContain('customerSub');
    expect(text).not.toMatch(/reads `?cognito:username`?/);
    expect(plainText('tampered-token')).not.toMatch(/taken the caller for `?bob`?/);
  });

  it('which-token names the claims that tell the tokens apart and the rule of the method’s scopes', () => {
    const text = plainText('which-token');
    for (const word of ['token_use', 'aud', 'client_id', 'scope', 'aws.cognito.signin.user.admin'])
      expect(text, word).toContain(word);
    expect(text).toContain('401 {"message":"Unauthorized"}');
    expect(text).toMatch(/without\*?\*? OAuth scopes accepts only ID tokens/);
  });

  it('iam-authorized-api: SigV4 for execute-api, execute-api:Invoke, and the identity instead of claims', () => {
    const text = plainText('iam-authorized-api');
    expect(text).toContain('/us-east-1/execute-api/aws4_request');
    expect(text).toContain('execute-api:Invoke');
    expect(text).toContain('TwoPools_Authenticated');
    expect(text).toContain('{"message":"Missing Authentication Token"}');
    expect(text).toContain(
      'cognito-idp.us-east-1.amazonaws.com/{userPoolId},cognito-idp.us-east-1.amazonaws.com/{userPoolId}:CognitoSignIn:{sub}'
    );
    expect(text).toMatch(/no `?requestContext\.authorizer\.claims`?/);
  });

  it('token expiry quotes the 401 body and uses REFRESH_TOKEN_AUTH', () => {
    const text = plainText('token-expiry');
    expect(text).toContain('{"message":"The incoming token has expired"}');
    expect(text).toContain('REFRESH_TOKEN_AUTH');
    expect(text).toContain('61 minutes');
  });

  it('the tampered token edits cognito:username to bob and gets Unauthorized', () => {
    const text = plainText('tampered-token');
    expect(text).toContain('cognito:username');
    expect(text).toContain('bob');
    expect(text).toContain('{"message":"Unauthorized"}');
  });

  it('groups to roles names the three roles, the group claims and both mapping types', () => {
    const text = plainText('groups-to-roles');
    for (const fact of [
      'TwoPools_Managers',
      'TwoPools_Authenticated',
      'cognito:groups',
      'cognito:roles',
      'cognito:preferred_role',
      'AmbiguousRoleResolution',
      'Token',
      'Contains',
      'cognito-idp.us-east-1.amazonaws.com/{userPoolId}:{appClientId}'
    ])
      expect(text, fact).toContain(fact);
    expect(text).toMatch(/first (rule )?that matches wins/);
  });

  it('the forgotten Logins map quotes the guest role’s refusal and the guest-off message', () => {
    const text = plainText('forgot-logins');
    expect(text).toContain(
      'assumed-role/TwoPools_Guest/CognitoIdentityCredentials is not authorized to perform'
    );
    expect(text).toContain('"Unauthenticated access is not supported for this identity pool."');
    expect(text).toContain('cognito-idp.us-east-1.amazonaws.com/{userPoolId}');
  });

  it('the broken trust policy quotes the identity pool’s error and names the failed condition', () => {
    const text = plainText('broken-trust');
    expect(text).toContain('InvalidIdentityPoolConfigurationException');
    expect(text).toContain('"Invalid identity pool configuration. Check assigned IAM roles for this pool."');
    expect(text).toContain('cognito-identity.amazonaws.com:aud');
    expect(text).toContain('AccessDenied');
  });

  it('a wrong password and an unknown user read the same', () => {
    const text = plainText('wrong-password');
    expect(text).toContain('NotAuthorizedException');
    expect(text).toContain('Incorrect username or password.');
    expect(text).toContain('UserNotFoundException');
    expect(text).toContain('User does not exist.');
  });

  it('sign-up quotes the pool errors verbatim', () => {
    const text = plainText('sign-up');
    expect(text).toContain('Password did not conform with policy: Password not long enough');
    expect(text).toContain('Invalid verification code provided, please try again.');
    expect(text).toContain('Invalid code provided, please request a code again.');
    expect(text).toContain('User is not confirmed.');
  });

  it('the identity pool figure shows temporary ASIA keys and the STS hop', () => {
    const text = plainText('identity-pool');
    expect(text).toContain('ASIA');
    expect(text).toContain('AssumeRoleWithWebIdentity');
    expect(text).toContain('Invalid login token. Missing a required claim: aud');
  });

  it('fine-grained access names the identity-id variable and the Scan pitfall', () => {
    const text = plainText('own-orders-only');
    expect(text).toContain('${cognito-identity.amazonaws.com:sub}');
    expect(text).toContain('dynamodb:LeadingKeys');
    expect(text).toContain('AccessDeniedException');
    expect(text).toContain('us-east-1:0f8e3a52-7c1b-4d6e-9a20-5b4c3d2e1f00');
    expect(text).toContain('Scan');
  });

  it('Google federation writes to UserNotes under the identity id', () => {
    const text = plainText('google-federation');
    expect(text).toContain('accounts.google.com');
    expect(text).toContain('UserNotes');
    expect(text).toContain('PutItem');
  });

  it('the basic flow has the app call STS with a 10-minute OpenID token', () => {
    const text = plainText('basic-flow');
    expect(text).toContain('GetOpenIdToken');
    expect(text).toContain('10 minutes');
    expect(text).toContain('AssumeRoleWithWebIdentity');
  });

  it('the basic flow says AllowClassicFlow is off by default and switched on here', () => {
    const text = plainText('basic-flow');
    expect(text).toContain('AllowClassicFlow');
    expect(text).toContain('Basic (classic) flow is not enabled, please use enhanced flow.');
    expect(text).toContain(
      'Basic (classic) flow is not supported with RoleMappings, please use enhanced flow.'
    );
    expect(text).toMatch(/has it switched on/);
  });
});

describe('parseNarration', () => {
  it('splits the body into an intro and keyed step sections', () => {
    const narration = parseNarration(
      narrationSource('Intro text.\n\n## first\n\nOne `InitiateAuth`.\n\n## second\n\n- a\n- b\n'),
      FILE,
      outline
    );
    expect(narration.scenario).toBe('demo');
    expect(narration.title).toBe('Demo');
    expect(narration.lede).toBe('A demo.');
    expect(narration.introHtml).toBe('<p>Intro text.</p>');
    expect(narration.steps.get('first')).toBe('<p>One <code>InitiateAuth</code>.</p>');
    expect(narration.steps.get('second')).toBe('<ul>\n<li>a</li>\n<li>b</li>\n</ul>');
  });

  it('renders inline markdown in the lede and unquotes quoted values', () => {
    const narration = parseNarration(
      narrationSource('## first\n\nx\n', 'scenario: demo\ntitle: "Say \\"hi\\""\nlede: \'It\'\'s `GetId`.\''),
      FILE,
      outline
    );
    expect(narration.title).toBe('Say "hi"');
    expect(narration.lede).toBe("It's `GetId`.");
    expect(narration.ledeHtml).toBe('It&#39;s <code>GetId</code>.');
  });

  it('ignores headings inside fenced code blocks', () => {
    const narration = parseNarration(
      narrationSource('## first\n\n```md\n## not-a-step\n```\n'),
      FILE,
      outline
    );
    expect(narration.steps.get('first')).toContain('## not-a-step');
  });

  it('refuses a file without frontmatter, naming it', () => {
    expectContentError(
      () => parseNarration('## first\n\ntext', FILE, outline),
      /^content\/99-test\/fixture\.md:1: missing frontmatter/
    );
    expectContentError(() => parseNarration('---\nscenario: demo\n', FILE, outline), /no closing "---"/);
  });

  it('refuses an unknown scenario id', () => {
    expectContentError(
      () =>
        parseNarration(
          narrationSource('## first\n\nx', 'scenario: demoo\ntitle: T\nlede: L.'),
          FILE,
          outline
        ),
      /content\/99-test\/fixture\.md: unknown scenario "demoo"/
    );
  });

  it('refuses missing and unknown frontmatter keys', () => {
    expectContentError(
      () => parseNarration(narrationSource('## first\n\nx', 'scenario: demo\ntitle: T'), FILE, outline),
      /missing "lede"/
    );
    expectContentError(
      () =>
        parseNarration(
          narrationSource('## first\n\nx', 'scenario: demo\ntitle: T\nlede: L.\nleed: x'),
          FILE,
          outline
        ),
      /unknown frontmatter key "leed"/
    );
  });

  it('refuses a duplicate step heading, with its line', () => {
    expectContentError(
      () => parseNarration(narrationSource('## first\n\nx\n\n## first\n\ny'), FILE, outline),
      /fixture\.md:10: duplicate step heading "## first" \(first at line 6\)/
    );
  });

  it('refuses a heading that is not a step of the scenario', () => {
    expectContentError(
      () => parseNarration(narrationSource('## first\n\nx\n\n## third\n\ny'), FILE, outline),
      /"## third" is not a step heading of scenario "demo"/
    );
    expectContentError(
      () => parseNarration(narrationSource('# Title\n\n## first\n\nx'), FILE, outline),
      /"# Title" is not a step heading/
    );
  });

  it('refuses steps out of order and empty sections', () => {
    expectContentError(
      () => parseNarration(narrationSource('## second\n\nx\n\n## first\n\ny'), FILE, outline),
      /step "first" comes after "second"/
    );
    expectContentError(
      () => parseNarration(narrationSource('## first\n\n## second\n\ny'), FILE, outline),
      /step section "## first" is empty/
    );
  });
});

describe('raw HTML and links', () => {
  it('escapes a script block instead of passing it through', () => {
    const narration = parseNarration(
      narrationSource('## first\n\n<script>alert("x")</script>\n\nText <img src=x onerror=alert(1)> here.\n'),
      FILE,
      outline
    );
    const html = narration.steps.get('first') ?? '';
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('escapes HTML in the lede and the intro too', () => {
    const narration = parseNarration(
      narrationSource(
        '<iframe src="https://evil.example"></iframe>\n\n## first\n\nx',
        'scenario: demo\ntitle: T\nlede: Hi <b>there</b>.'
      ),
      FILE,
      outline
    );
    expect(narration.ledeHtml).toBe('Hi &lt;b&gt;there&lt;/b&gt;.');
    expect(narration.introHtml).not.toContain('<iframe');
  });

  it('keeps relative and https links, and drops every other scheme to plain text', () => {
    expect(renderMarkdown('[a](/scenario/sign-in/?step=2)')).toBe(
      '<p><a href="/scenario/sign-in/?step=2">a</a></p>'
    );
    expect(renderMarkdown('[b](https://docs.aws.amazon.com/cognito/)')).toContain(
      '<a href="https://docs.aws.amazon.com/cognito/">b</a>'
    );
    for (const href of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'data:text/html,x',
      'http://example.com',
      '//evil.example'
    ]) {
      const html = renderMarkdown(`[click](${href})`);
      expect(html, href).toBe('<p>click</p>');
    }
    expect(renderMarkdown('<javascript:alert(1)>')).not.toContain('href');
    expect(renderMarkdown('![x](https://evil.example/pixel.png)')).toBe('<p>x</p>');
  });

  it('judges hrefs as browsers would read them', () => {
    expect(isSafeHref('java\tscript:alert(1)')).toBe(false);
    expect(isSafeHref(' \\\\evil.example')).toBe(false);
    expect(isSafeHref('#step')).toBe(true);
    expect(isSafeHref('../sandbox/')).toBe(true);
    expect(isSafeHref('HTTPS://example.com')).toBe(true);
    expect(isSafeHref('')).toBe(false);
  });
});

describe('parseFrontmatter', () => {
  it('reads flat key: value lines and reports where the body starts', () => {
    const { fields, body, bodyLine } = parseFrontmatter('---\na: 1\nb: two words\n---\nbody', FILE);
    expect([...fields]).toEqual([
      ['a', '1'],
      ['b', 'two words']
    ]);
    expect(body).toBe('body');
    expect(bodyLine).toBe(5);
  });

  it('refuses a line that is not key: value, and a key twice', () => {
    expectContentError(
      () => parseFrontmatter('---\njust text\n---\n', FILE),
      /fixture\.md:2: frontmatter line is not "key: value"/
    );
    expectContentError(
      () => parseFrontmatter('---\na: 1\na: 2\n---\n', FILE),
      /fixture\.md:3: frontmatter key "a" appears twice/
    );
  });
});

describe('buildContent', () => {
  const intro = '---\ntitle: Hello\ndescription: Hi.\nlead: Two **pools**.\n---\nWelcome.';
  const demo = narrationSource('## first\n\nx\n');

  it('builds narrations and the introduction from paths as import.meta.glob gives them', () => {
    const content = buildContent(
      { '/content/00-introduction/index.md': intro, '/content/01-demo/1-demo.md': demo },
      outline
    );
    expect(content.introduction).toEqual({
      title: 'Hello',
      description: 'Hi.',
      leadHtml: 'Two <strong>pools</strong>.',
      html: '<p>Welcome.</p>',
      file: 'content/00-introduction/index.md'
    });
    expect(content.narrations.get('demo')?.file).toBe('content/01-demo/1-demo.md');
  });

  it('refuses a scenario narrated twice, a stray file, and a missing introduction', () => {
    expectContentError(
      () =>
        buildContent(
          {
            '/content/00-introduction/index.md': intro,
            '/content/01-demo/1-demo.md': demo,
            '/content/01-demo/2-again.md': demo
          },
          outline
        ),
      /2-again\.md: scenario "demo" is already narrated in content\/01-demo\/1-demo\.md/
    );
    expectContentError(
      () => buildContent({ '/content/00-introduction/index.md': intro, '/content/notes.md': demo }, outline),
      /content\/notes\.md: not a lesson file/
    );
    expectContentError(
      () => buildContent({ '/content/01-demo/1-demo.md': demo }, outline),
      /index\.md: missing/
    );
  });
});
