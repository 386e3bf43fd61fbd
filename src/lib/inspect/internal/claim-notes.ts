// Every JWT claim and header parameter the lesson meets, explained in plain words for each kind of token.

import { displayValue } from './json';
import { containsMarkup, type TokenKind } from './jwt-decode';
import { expiryText, isoTime, relativeTime } from './time';

type ValueType = 'string' | 'number' | 'boolean' | 'string[]';

export interface ClaimView {
  name: string;
  /** The value as text: strings as they are, anything else as JSON. Plain text, never markup. */
  display: string;
  /** The value as JSON, for a panel that shows types. */
  json: string;
  type: 'string' | 'number' | 'boolean' | 'null' | 'array' | 'object';
  explanation: string;
  /** For time claims: the instant on the simulation clock and how far it is from now. */
  time?: { iso: string; relative: string; expired?: boolean };
  /** Something is off: a wrong type, a key carried in the header, markup in a value. */
  warning?: string;
  /** The value holds HTML-like markup; it is shown as text and never interpreted. */
  markup?: boolean;
}

interface Note {
  type?: ValueType;
  explain(value: unknown, kind: TokenKind): string;
}

const COGNITO_IDP_ISSUER = /^https:\/\/cognito-idp\.([a-z0-9-]+)\.amazonaws\.com\/([\w-]+_[0-9a-zA-Z]+)$/;

const fixed = (text: string, type?: ValueType): Note => ({ type, explain: () => text });

const CLAIMS: ReadonlyMap<string, Note> = new Map<string, Note>([
  [
    'iss',
    {
      type: 'string',
      explain(value) {
        const match = typeof value === 'string' ? COGNITO_IDP_ISSUER.exec(value) : null;
        if (match) {
          return `The issuer: user pool ${match[2]} in ${match[1]}. Verifiers compare it exactly with the pool they trust, and fetch its public keys from ${String(value)}/.well-known/jwks.json.`;
        }
        if (value === 'https://cognito-identity.amazonaws.com') {
          return 'The issuer: Amazon Cognito identity pools. The identity pool mints this OpenID token for STS; it is not a user-pool token.';
        }
        if (value === 'https://accounts.google.com' || value === 'accounts.google.com') {
          return 'The issuer: Google, a third-party identity provider.';
        }
        return 'Who issued the token. A verifier compares it exactly with the issuer it trusts.';
      }
    }
  ],
  [
    'sub',
    {
      type: 'string',
      explain(_value, kind) {
        switch (kind) {
          case 'id':
          case 'access':
            return 'The user’s id in this user pool: a UUID that never changes, even when the username or email does. It is not the identity pool’s identity id.';
          case 'openid':
            return 'The identity id in the identity pool (region:UUID). This is what ${cognito-identity.amazonaws.com:sub} means in IAM policies — not the user pool’s sub.';
          case 'google':
            return 'Google’s permanent id for the account (digits, as a string).';
          default:
            return 'The subject: whom the token is about.';
        }
      }
    }
  ],
  [
    'aud',
    {
      type: 'string',
      explain(_value, kind) {
        switch (kind) {
          case 'id':
            return 'The audience: the app client id the token was issued to. The identity pool checks that it is a client it was configured with; API Gateway’s Cognito authorizer checks it only against an identityValidationExpression, if one is set.';
          case 'openid':
            return 'The audience: the identity pool id. The role’s trust policy checks it as cognito-identity.amazonaws.com:aud, so only this pool’s identities can assume the role.';
          case 'google':
            return 'The audience: the OAuth client id of the app the token was issued for.';
          default:
            return 'The audience: whom the token is for. A verifier checks that it names itself.';
        }
      }
    }
  ],
  [
    'client_id',
    fixed(
      'The app client the token was issued to. Access tokens carry it here because they have no aud claim.',
      'string'
    )
  ],
  [
    'token_use',
    {
      type: 'string',
      explain(value) {
        if (value === 'id') {
          return '"id": an ID token. It says who the user is (username, email, groups). The app reads it; API Gateway’s Cognito authorizer and the identity pool accept it.';
        }
        if (value === 'access') {
          return '"access": an access token. It says what the bearer may do (scope): call the user pool’s own user APIs, or an API whose methods require OAuth scopes.';
        }
        return 'Which kind of Cognito token this is: "id" or "access". A verifier must check it; the two are not interchangeable.';
      }
    }
  ],
  [
    'scope',
    fixed(
      'The OAuth scopes the access token grants, separated by spaces. aws.cognito.signin.user.admin lets it call the user pool’s user APIs (GetUser, UpdateUserAttributes…).',
      'string'
    )
  ],
  ['exp', fixed('Expiry: the token must be refused at and after this instant (RFC 7519).', 'number')],
  ['iat', fixed('Issued at: when the token was minted.', 'number')],
  [
    'auth_time',
    fixed(
      'When the user actually signed in. Tokens refreshed later keep this time, so it shows how old the sign-in is.',
      'number'
    )
  ],
  ['nbf', fixed('Not before: the token must be refused before this instant.', 'number')],
  [
    'jti',
    fixed(
      'This token’s own unique id (JWT ID): lets a service spot a replayed token or revoke just this one.',
      'string'
    )
  ],
  [
    'origin_jti',
    fixed(
      'The id of the sign-in that produced the token. Every token from one sign-in, and from its refreshes, shares it — which is how revoking the refresh token revokes them all.',
      'string'
    )
  ],
  ['event_id', fixed('The id of the sign-in event, for the user pool’s logs and analytics.', 'string')],
  [
    'cognito:username',
    fixed(
      'The username in the user pool (what the user signs in with). It can change meaning across pools; sub is the stable id.',
      'string'
    )
  ],
  [
    'username',
    fixed('The username. Access tokens call it "username"; ID tokens call it "cognito:username".', 'string')
  ],
  [
    'cognito:groups',
    fixed(
      'The user-pool groups the user belongs to. An identity pool’s role mapping can give a group its own IAM role.',
      'string[]'
    )
  ],
  [
    'cognito:roles',
    fixed(
      'IAM role ARNs attached to the user’s groups. An identity pool with Token role mapping chooses among them.',
      'string[]'
    )
  ],
  [
    'cognito:preferred_role',
    fixed(
      'The IAM role of the user’s highest-precedence group. Token role mapping in the identity pool uses it first.',
      'string'
    )
  ],
  ['email', fixed('The user’s email address.', 'string')],
  [
    'email_verified',
    fixed(
      'Whether the address was confirmed with a code. An unverified email proves nothing about who the user is.',
      'boolean'
    )
  ],
  ['phone_number', fixed('The user’s phone number.', 'string')],
  ['phone_number_verified', fixed('Whether the phone number was confirmed with a code.', 'boolean')],
  ['name', fixed('The user’s name.', 'string')],
  [
    'azp',
    fixed(
      'Authorized party: the client that asked Google for the token. For a web app it is the same as aud.',
      'string'
    )
  ],
  [
    'amr',
    {
      type: 'string[]',
      explain(value) {
        const list = Array.isArray(value) ? value : [];
        if (list.includes('unauthenticated')) {
          return 'Authentication methods: "unauthenticated" — a guest identity. The guest role’s trust policy tests cognito-identity.amazonaws.com:amr for it.';
        }
        return 'Authentication methods: "authenticated", then the provider and the login it came from. The role’s trust policy tests cognito-identity.amazonaws.com:amr, so only signed-in identities can assume the authenticated role.';
      }
    }
  ],
  [
    'https://cognito-identity.amazonaws.com/identity-pool-arn',
    fixed('The ARN of the identity pool that minted this token.', 'string')
  ],
  [
    'at_hash',
    fixed('A hash of the access token issued together with this ID token (OpenID Connect).', 'string')
  ],
  [
    'nonce',
    fixed(
      'A value the app sent when signing in, echoed back so the app can detect a replayed token.',
      'string'
    )
  ]
]);

const HEADER: ReadonlyMap<string, Note> = new Map<string, Note>([
  [
    'alg',
    {
      type: 'string',
      explain(value) {
        if (value === 'RS256') {
          return 'RS256: an RSA signature over SHA-256. The issuer signs with its private key; anyone can check it with the public key from the issuer’s JWKS.';
        }
        if (value === 'RS512') {
          return 'RS512: an RSA signature over SHA-512, as Cognito Identity signs its OpenID tokens. Anyone can check it with the public key from cognito-identity.amazonaws.com’s JWKS.';
        }
        return 'The signature algorithm. User pools sign with RS256 and Cognito Identity with RS512, nothing else: "none" (unsigned) and HS256 (a shared secret) must be refused.';
      }
    }
  ],
  [
    'kid',
    fixed(
      'Key id: which of the issuer’s published keys signed the token. The verifier looks it up in the issuer’s JWKS.',
      'string'
    )
  ],
  [
    'typ',
    fixed('The media type of the token (JWT, or JWS for identity-pool tokens); informative only.', 'string')
  ],
  ['cty', fixed('The content type of the payload.', 'string')]
]);

const TIME_CLAIMS = new Set(['exp', 'iat', 'auth_time', 'nbf']);
const KEY_PARAMETERS = new Set(['jwk', 'jku', 'x5u', 'x5c']);

function typeOf(value: unknown): ClaimView['type'] {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    default:
      return 'object';
  }
}

function hasType(value: unknown, type: ValueType): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'string[]':
      return Array.isArray(value) && value.every((item) => typeof item === 'string');
  }
}

const TYPE_WORDS: Readonly<Record<ValueType, string>> = {
  string: 'a string',
  number: 'a number (seconds since 1970 for times)',
  boolean: 'true or false',
  'string[]': 'a list of strings'
};

function json(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function markupIn(value: unknown): boolean {
  if (typeof value === 'string') return containsMarkup(value);
  if (Array.isArray(value) || (typeof value === 'object' && value !== null))
    return containsMarkup(json(value));
  return false;
}

function view(
  name: string,
  value: unknown,
  note: Note | undefined,
  kind: TokenKind,
  fallback: string
): ClaimView {
  const claim: ClaimView = {
    name,
    display: displayValue(value),
    json: json(value),
    type: typeOf(value),
    explanation: note ? note.explain(value, kind) : fallback
  };
  const warnings: string[] = [];
  if (note?.type !== undefined && !hasType(value, note.type)) {
    warnings.push(
      `Should be ${TYPE_WORDS[note.type]}, but is ${claim.type === 'null' ? 'null' : `a ${claim.type}`}.`
    );
  }
  if (markupIn(value)) {
    claim.markup = true;
    warnings.push('Contains HTML-like markup. It is shown as plain text and never interpreted.');
  }
  if (warnings.length > 0) claim.warning = warnings.join(' ');
  return claim;
}

/** Every claim of a payload, in token order, explained for the kind of token it is in. */
export function explainClaims(payload: Record<string, unknown>, kind: TokenKind, now: number): ClaimView[] {
  return Object.entries(payload).map(([name, value]) => {
    const claim = view(
      name,
      value,
      CLAIMS.get(name),
      kind,
      'A claim the issuer added that the lesson does not describe.'
    );
    if (TIME_CLAIMS.has(name) && typeof value === 'number' && Number.isFinite(value)) {
      const at = value * 1000;
      if (name === 'exp') {
        const expiry = expiryText(at, now);
        claim.time = { iso: isoTime(at), relative: expiry.text, expired: expiry.expired };
      } else {
        const relative = relativeTime(at, now);
        const verb = name === 'nbf' ? 'valid from' : name === 'auth_time' ? 'signed in' : 'issued';
        claim.time = { iso: isoTime(at), relative: `${verb} ${relative}` };
      }
    }
    return claim;
  });
}

/** The protected header's parameters, explained; a key carried in the header is flagged. */
export function explainJoseHeader(header: Record<string, unknown>, kind: TokenKind): ClaimView[] {
  return Object.entries(header).map(([name, value]) => {
    const claim = view(
      name,
      value,
      HEADER.get(name),
      kind,
      'A header parameter the lesson does not describe.'
    );
    if (KEY_PARAMETERS.has(name)) {
      claim.explanation =
        'A key (or a link to one) carried by the token itself. A token cannot vouch for itself: verifiers must ignore it and refuse the token.';
      claim.warning = [claim.warning, 'A key carried in the header is never trusted.']
        .filter((text) => text !== undefined)
        .join(' ');
    }
    if (name === 'crit') {
      claim.explanation = 'Critical extensions the verifier must understand or refuse the token.';
    }
    return claim;
  });
}

/** Which claims a kind of token is expected to have, in the order the lesson lists them. */
export const CLAIM_ORDER: readonly string[] = [
  'iss',
  'sub',
  'aud',
  'client_id',
  'token_use',
  'scope',
  'auth_time',
  'iat',
  'exp',
  'jti',
  'origin_jti',
  'event_id',
  'cognito:username',
  'username',
  'cognito:groups',
  'email',
  'email_verified'
];
