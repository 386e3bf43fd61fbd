// inspectCredentials: the temporary AWS credentials in a GetCredentialsForIdentity (JSON) or STS (XML) answer, explained.

import {
  formFields,
  header,
  isRecord,
  own,
  ownString,
  parseJsonObject,
  xmlElementText,
  type TraceEntry
} from '../sim';
import { expiryText, isoTime } from './internal/time';
import type { Row } from './types';

/** What the world's credential store knows about an access key (IssuedSession fits). */
export interface CredentialsRecord {
  roleArn: string;
  roleName?: string;
  assumedRoleArn?: string;
  assumedRoleId?: string;
  sessionName?: string;
  issuedAt?: number;
  expiration?: number;
}

export interface CredentialsInspectionOptions {
  /** The world's credential store (`world.credentials.lookup`), for the role behind an access key. */
  lookup?: (accessKeyId: string) => CredentialsRecord | undefined;
  /** The whole trace, so an STS hop can show why its parent (the identity pool) chose the role. */
  trace?: readonly TraceEntry[];
}

export type AccessKeyKind = 'temporary' | 'long-term' | 'unknown';

/** One thing the identity pool's role mapping looked at, as it recorded it (a check of its exchange). */
export interface RoleEvidence {
  label: string;
  ok: boolean;
  detail?: string;
}

export interface RoleWhy {
  choice: RoleChoice;
  text: string;
  /** What a configured role mapping looked at, in order (the mapping, the token's roles, each rule tried). */
  evidence?: RoleEvidence[];
}

/** The checks the identity pool records only while applying a role mapping. */
const MAPPING_CHECKS = new Set([
  'identity-pool.role-mapping',
  'identity-pool.token-role',
  'identity-pool.role-rule'
]);

/** How the role was chosen: the identity pool's role resolution, or the app naming it (basic flow). */
export type RoleChoice =
  'default-authenticated' | 'rules' | 'token' | 'ambiguous-default' | 'guest' | 'requested' | 'unknown';

export interface CredentialsInspection {
  /** The operation that returned them. */
  source: 'GetCredentialsForIdentity' | 'AssumeRoleWithWebIdentity';
  format: 'json' | 'xml';
  identityId?: string;
  accessKeyId: { value: string; kind: AccessKeyKind; explanation: string };
  /** The secret: masked for display, the real value for a "reveal" button. */
  secret: { masked: string; value: string; length: number; explanation: string };
  sessionToken: { value: string; truncated: string; length: number; explanation: string };
  expiration: {
    /** As it was on the wire: epoch seconds (JSON 1.1) or ISO 8601 (STS XML). */
    raw: string;
    epochMs?: number;
    iso?: string;
    relative: string;
    expired: boolean;
    explanation: string;
  };
  role?: {
    roleArn?: string;
    roleName?: string;
    assumedRoleArn?: string;
    assumedRoleId?: string;
    /** Where the role was read from. */
    source: 'response' | 'trace' | 'lookup';
  };
  /** Why this role, when the trace says. */
  why?: RoleWhy;
  /** STS: the web identity the credentials were issued to (the identity id for identity-pool tokens). */
  subjectFromWebIdentityToken?: string;
  /** The same facts as rows, ready for a panel. */
  rows: Row[];
}

function accessKeyKind(value: string): { kind: AccessKeyKind; explanation: string } {
  if (value.startsWith('ASIA')) {
    return {
      kind: 'temporary',
      explanation:
        'ASIA…: temporary credentials from STS. They work only together with their session token and stop working at the expiry time.'
    };
  }
  if (value.startsWith('AKIA')) {
    return {
      kind: 'long-term',
      explanation:
        'AKIA…: a long-term access key of an IAM user. It never expires by itself — which is why apps should never ship one.'
    };
  }
  return {
    kind: 'unknown',
    explanation: 'Not an access key id AWS would issue (they start with ASIA or AKIA).'
  };
}

function mask(secret: string): string {
  const shown = secret.slice(0, Math.min(4, Math.floor(secret.length / 4)));
  return shown + '•'.repeat(Math.max(0, secret.length - shown.length));
}

function truncate(token: string): string {
  return token.length <= 40 ? token : `${token.slice(0, 24)}…${token.slice(-12)}`;
}

/** `…:role/path/Name` or `…:assumed-role/Name/session` → `Name`. */
function roleName(arn: string | undefined): string | undefined {
  if (arn === undefined) return undefined;
  const assumed = /:assumed-role\/([^/]+)/.exec(arn);
  if (assumed) return assumed[1];
  return /:role\/(?:.*\/)?([^/]+)$/.exec(arn)?.[1];
}

interface RawCredentials {
  source: CredentialsInspection['source'];
  format: 'json' | 'xml';
  accessKeyId: string;
  secret: string;
  sessionToken: string;
  expirationRaw: string;
  expirationMs?: number;
  identityId?: string;
  assumedRoleArn?: string;
  assumedRoleId?: string;
  subject?: string;
}

function fromJson(body: string): RawCredentials | undefined {
  const json = parseJsonObject(body);
  const credentials = own(json, 'Credentials');
  if (!isRecord(credentials)) return undefined;
  const accessKeyId = ownString(credentials, 'AccessKeyId');
  if (accessKeyId === undefined) return undefined;
  const expiration = own(credentials, 'Expiration');
  // JSON 1.1 timestamps are epoch seconds (a number); tolerate a string from a hand-made entry.
  const seconds = typeof expiration === 'number' ? expiration : Number(expiration);
  const identityId = ownString(json, 'IdentityId');
  return {
    source: 'GetCredentialsForIdentity',
    format: 'json',
    accessKeyId,
    secret: ownString(credentials, 'SecretKey') ?? ownString(credentials, 'SecretAccessKey') ?? '',
    sessionToken: ownString(credentials, 'SessionToken') ?? '',
    expirationRaw: expiration === undefined ? '' : String(expiration),
    ...(Number.isFinite(seconds) && expiration !== undefined ? { expirationMs: seconds * 1000 } : {}),
    ...(identityId === undefined ? {} : { identityId })
  };
}

function fromXml(body: string): RawCredentials | undefined {
  const accessKeyId = xmlElementText(body, 'AccessKeyId');
  if (accessKeyId === undefined) return undefined;
  const expirationRaw = xmlElementText(body, 'Expiration') ?? '';
  const expirationMs = Date.parse(expirationRaw);
  // <AssumedRoleUser><Arn>…</Arn>: the first <Arn> of an AssumeRoleWithWebIdentity answer is the role session's.
  const assumed = /<AssumedRoleUser>([\s\S]*?)<\/AssumedRoleUser>/.exec(body)?.[1];
  const assumedRoleArn = assumed === undefined ? undefined : xmlElementText(assumed, 'Arn');
  const assumedRoleId = assumed === undefined ? undefined : xmlElementText(assumed, 'AssumedRoleId');
  const subject = xmlElementText(body, 'SubjectFromWebIdentityToken');
  return {
    source: 'AssumeRoleWithWebIdentity',
    format: 'xml',
    accessKeyId,
    secret: xmlElementText(body, 'SecretAccessKey') ?? '',
    sessionToken: xmlElementText(body, 'SessionToken') ?? '',
    expirationRaw,
    ...(Number.isNaN(expirationMs) ? {} : { expirationMs }),
    ...(assumedRoleArn === undefined ? {} : { assumedRoleArn }),
    ...(assumedRoleId === undefined ? {} : { assumedRoleId }),
    ...(subject === undefined ? {} : { subject })
  };
}

/** `arn:…:role/X: how` (the identity pool's check detail) → the role ARN and the reason. */
function roleChoiceFrom(
  entry: TraceEntry
): { roleArn: string; choice: RoleChoice; text: string; evidence?: RoleEvidence[] } | undefined {
  const check = entry.checks.find(
    (candidate) => candidate.id === 'identity-pool.role-chosen' && candidate.ok
  );
  const detail = check?.detail;
  if (detail === undefined) return undefined;
  const split = detail.indexOf(': ');
  if (split === -1) return undefined;
  const roleArn = detail.slice(0, split);
  const how = detail.slice(split + 2);
  let choice: RoleChoice = 'unknown';
  let text = `The identity pool chose it: ${how}.`;
  if (/unauthenticated|guest/.test(how)) {
    choice = 'guest';
    text =
      'The identity pool gave the guest (unauthenticated) role: the request carried no login, and the pool allows guest access.';
  } else if (/AmbiguousRoleResolution is AuthenticatedRole/.test(how)) {
    choice = 'ambiguous-default';
    text = `The role mapping did not decide (${how}).`;
  } else if (/^the default authenticated role/.test(how)) {
    choice = 'default-authenticated';
    text =
      'The identity pool’s default authenticated role: the login was valid and no role mapping is set for this provider.';
  } else if (/^rule \d+/.test(how)) {
    choice = 'rules';
    text = `Rules-based role mapping: ${how} (rules are tried in order; the first match wins).`;
  } else if (/preferred_role|cognito:roles/.test(how)) {
    choice = 'token';
    text = `Token-based role mapping: ${how}.`;
  }
  const evidence = entry.checks
    .filter((candidate) => MAPPING_CHECKS.has(candidate.id))
    .map(({ name, ok, detail }) =>
      detail === undefined ? { label: name, ok } : { label: name, ok, detail }
    );
  return evidence.length === 0 ? { roleArn, choice, text } : { roleArn, choice, text, evidence };
}

function whyFor(
  entry: TraceEntry,
  options: CredentialsInspectionOptions
): { roleArn?: string; why?: RoleWhy } {
  const withEvidence = (why: RoleWhy, evidence: RoleEvidence[] | undefined): RoleWhy =>
    evidence === undefined ? why : { ...why, evidence };
  const chosenHere = roleChoiceFrom(entry);
  if (chosenHere !== undefined) {
    return {
      roleArn: chosenHere.roleArn,
      why: withEvidence({ choice: chosenHere.choice, text: chosenHere.text }, chosenHere.evidence)
    };
  }
  if (entry.operation !== 'AssumeRoleWithWebIdentity') return {};
  const parent =
    entry.parentId === undefined
      ? undefined
      : options.trace?.find((candidate) => candidate.id === entry.parentId);
  const fromParent = parent === undefined ? undefined : roleChoiceFrom(parent);
  if (fromParent !== undefined) {
    return {
      roleArn: fromParent.roleArn,
      why: withEvidence(
        {
          choice: fromParent.choice,
          text: `${fromParent.text} It then asked STS for credentials of that role on the caller’s behalf (enhanced flow).`
        },
        fromParent.evidence
      )
    };
  }
  const requested = formFields(entry.request)?.get('RoleArn') ?? undefined;
  if (requested === undefined) return {};
  const trust = entry.decisions?.find((decision) => decision.kind === 'trust');
  const because = trust === undefined ? '' : ` STS let it: ${trust.explanation}`;
  return {
    roleArn: requested,
    why: {
      choice: entry.from === 'identity-pool' ? 'unknown' : 'requested',
      text: `${entry.from === 'app' ? 'The app named this role itself in RoleArn (basic flow: the app, not the identity pool, picks the role).' : 'The caller named this role in RoleArn.'}${because}`
    }
  };
}

/**
 * The credentials an exchange's response carried, or undefined when it carried none. `now` is the
 * simulation clock (epoch ms), for "expires in 59 min".
 */
export function inspectCredentials(
  entry: TraceEntry,
  now: number,
  options: CredentialsInspectionOptions = {}
): CredentialsInspection | undefined {
  const contentType = header(entry.response.headers, 'content-type') ?? '';
  const raw =
    /xml/.test(contentType) || entry.response.body.trimStart().startsWith('<')
      ? fromXml(entry.response.body)
      : fromJson(entry.response.body);
  if (raw === undefined) return undefined;

  const key = accessKeyKind(raw.accessKeyId);
  const expiry =
    raw.expirationMs === undefined
      ? { expired: false, text: 'no valid expiry time' }
      : expiryText(raw.expirationMs, now);
  const stored = options.lookup?.(raw.accessKeyId);
  const traced = whyFor(entry, options);

  let role: CredentialsInspection['role'];
  if (raw.assumedRoleArn !== undefined) {
    const name = roleName(raw.assumedRoleArn);
    role = {
      ...(traced.roleArn === undefined
        ? stored
          ? { roleArn: stored.roleArn }
          : {}
        : { roleArn: traced.roleArn }),
      ...(name === undefined ? {} : { roleName: name }),
      assumedRoleArn: raw.assumedRoleArn,
      ...(raw.assumedRoleId === undefined ? {} : { assumedRoleId: raw.assumedRoleId }),
      source: 'response'
    };
  } else if (stored !== undefined) {
    const name = stored.roleName ?? roleName(stored.roleArn);
    role = {
      roleArn: stored.roleArn,
      ...(name === undefined ? {} : { roleName: name }),
      ...(stored.assumedRoleArn === undefined ? {} : { assumedRoleArn: stored.assumedRoleArn }),
      ...(stored.assumedRoleId === undefined ? {} : { assumedRoleId: stored.assumedRoleId }),
      source: 'lookup'
    };
  } else if (traced.roleArn !== undefined) {
    const name = roleName(traced.roleArn);
    role = { roleArn: traced.roleArn, ...(name === undefined ? {} : { roleName: name }), source: 'trace' };
  }

  const expirationExplanation =
    raw.format === 'json'
      ? 'Expiration as the JSON 1.1 protocol sends timestamps: seconds since 1970. Enhanced-flow credentials last one hour; the SDK refreshes them before they run out.'
      : 'Expiration in ISO 8601, as STS writes it. The session lasts DurationSeconds (900 s up to the role’s maximum).';

  const inspection: CredentialsInspection = {
    source: raw.source,
    format: raw.format,
    ...(raw.identityId === undefined ? {} : { identityId: raw.identityId }),
    accessKeyId: { value: raw.accessKeyId, ...key },
    secret: {
      masked: mask(raw.secret),
      value: raw.secret,
      length: raw.secret.length,
      explanation:
        'The secret access key. It never travels again: the app uses it to compute SigV4 signatures, and AWS recomputes them with its own copy.'
    },
    sessionToken: {
      value: raw.sessionToken,
      truncated: truncate(raw.sessionToken),
      length: raw.sessionToken.length,
      explanation:
        'The session token. Sent with every request as X-Amz-Security-Token; without it the ASIA… key is refused.'
    },
    expiration: {
      raw: raw.expirationRaw,
      ...(raw.expirationMs === undefined
        ? {}
        : { epochMs: raw.expirationMs, iso: isoTime(raw.expirationMs) }),
      relative: expiry.text,
      expired: expiry.expired,
      explanation: expirationExplanation
    },
    ...(role === undefined ? {} : { role }),
    ...(traced.why === undefined ? {} : { why: traced.why }),
    ...(raw.subject === undefined ? {} : { subjectFromWebIdentityToken: raw.subject }),
    rows: []
  };
  inspection.rows = rowsOf(inspection);
  return inspection;
}

function rowsOf(inspection: CredentialsInspection): Row[] {
  const rows: Row[] = [];
  if (inspection.identityId !== undefined) {
    rows.push({
      label: 'Identity id',
      value: inspection.identityId,
      explanation:
        'The identity in the identity pool these credentials belong to. IAM policies see it as ${cognito-identity.amazonaws.com:sub}.'
    });
  }
  rows.push(
    {
      label: 'Access key id',
      value: inspection.accessKeyId.value,
      explanation: inspection.accessKeyId.explanation
    },
    {
      label: 'Secret access key',
      value: inspection.secret.masked,
      explanation: inspection.secret.explanation
    },
    {
      label: 'Session token',
      value: `${inspection.sessionToken.truncated} (${inspection.sessionToken.length} characters)`,
      explanation: inspection.sessionToken.explanation
    },
    {
      label: 'Expiration',
      value:
        inspection.expiration.iso === undefined
          ? inspection.expiration.raw
          : `${inspection.expiration.iso} (${inspection.expiration.relative})`,
      explanation: inspection.expiration.explanation,
      mark: inspection.expiration.expired ? 'fail' : 'pass'
    }
  );
  const role = inspection.role;
  if (role !== undefined) {
    rows.push({
      label: 'Role',
      value: role.roleArn ?? role.roleName ?? '',
      explanation:
        'The IAM role whose permission policies decide what these credentials may do. Every AWS service they are used with evaluates them.'
    });
    if (role.assumedRoleArn !== undefined) {
      rows.push({
        label: 'Assumed-role session',
        value: role.assumedRoleArn,
        explanation:
          'Who AWS says is calling: the role, and the session name. AccessDenied messages name this ARN.'
      });
    }
  }
  if (inspection.why !== undefined) rows.push({ label: 'Why this role', value: inspection.why.text });
  if (inspection.subjectFromWebIdentityToken !== undefined) {
    rows.push({
      label: 'Subject from web identity token',
      value: inspection.subjectFromWebIdentityToken,
      explanation: 'The sub of the token STS accepted: for identity-pool tokens, the identity id.'
    });
  }
  return rows;
}
