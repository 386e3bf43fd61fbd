// inspectJwt: a JWT taken apart for learners — segments, decoded claims in plain words, and a verification checklist.

/*
 * The verdict comes from the project's own verifyJwt (sim/crypto/jwt-verify.ts), the same function the
 * simulated services run; this file only groups its checks into the five things a learner should look at
 * (signature, issuer, audience, token use, expiry) and says which were never reached. Decoding for display
 * never throws: a token that is too large, not a JWT, or not JSON comes back as text with the reason.
 */

import type { JWK } from 'jose';
import {
  type Check,
  CHECKS,
  createJwksCache,
  type JwtFailure,
  type KeyResolver,
  ownString,
  verifyJwt
} from '../sim';
import { explainClaims, explainJoseHeader, type ClaimView } from './internal/claim-notes';
import { jwksUrlOf as defaultJwksUrl } from './internal/jwks-url';
import { decodeJwtForDisplay, TOKEN_KIND_LABELS, tokenKind, type TokenKind } from './internal/jwt-decode';
import { expiryText, isoTime } from './internal/time';
import { checklistItemOf, CHECKLIST_LABELS as LABELS, type ChecklistItemId } from './internal/jwt-checklist';
import type { Mark } from './types';

export type { ClaimView } from './internal/claim-notes';
export type { TokenKind } from './internal/jwt-decode';

export interface JwtExpectation {
  /** The exact issuer the verifier trusts, e.g. the user pool's `https://cognito-idp…/us-east-1_…`. */
  issuer: string;
  /** The app client id (ID and access tokens), identity pool id (OpenID token) or Google client id. */
  audience: string;
  /** Which verifier takes this kind of token, and why (said beside the token_use check). */
  why?: string;
  /** Cognito's token_use the verifier needs; omit for tokens that have none (Google, OpenID token). */
  tokenUse?: 'id' | 'access';
  /** The issuer's signing algorithm: RS256 unless stated (Cognito Identity's OpenID tokens: RS512). */
  algorithm?: 'RS256' | 'RS512';
}

export interface JwtInspectionContext {
  /** The simulation clock, epoch ms. */
  now: number;
  expected?: JwtExpectation;
  /** The issuer's published keys (e.g. the body of the JWKS hop in the trace). */
  jwks?: { keys: JWK[] };
  /** Where those keys were published; derived from the issuer when omitted. */
  jwksUrl?: string;
  /**
   * Where the keys came from: `trace` (a verifier fetched them in the trace, the default) or `published`
   * (read from the issuer as it publishes them now, because no verifier had fetched them by that message).
   */
  jwksSource?: 'trace' | 'published';
}

export type { ChecklistItemId } from './internal/jwt-checklist';

export interface ChecklistItem {
  id: ChecklistItemId;
  label: string;
  mark: Mark;
  /** Why ✓, why ✗, or why it was not checked. */
  detail: string;
  /** verifyJwt's own checks behind this item, as it recorded them. */
  checks: Check[];
}

export interface JwtVerificationView {
  ok: boolean;
  /**
   * True when the signature could not be checked because no keys were at hand: the token is not checked
   * yet (not refused) — it can still be verified against the keys the issuer publishes.
   */
  pending: boolean;
  failure?: JwtFailure;
  /** verifyJwt's reason for a refusal, in plain words. */
  reason?: string;
  /** "Valid: …" or "Refused: …" in one line. */
  summary: string;
  /** The learner's checklist: signature, issuer, audience, token use, expiry (and the steps before them). */
  checklist: ChecklistItem[];
  /** Every check verifyJwt made, in order; the failed one last. */
  checks: Check[];
  /** The JWKS the signature was checked against, and whether a verifier fetched it or it was read as published. */
  jwks: { url?: string; kids: string[]; given: boolean; source?: 'trace' | 'published' };
}

export interface DecodedJwtInspection {
  decoded: true;
  kind: TokenKind;
  kindLabel: string;
  /** Length in bytes (base64url is ASCII). */
  size: number;
  /** The raw segments, for colouring the token header.payload.signature. */
  segments: { header: string; payload: string; signature: string };
  header: ClaimView[];
  claims: ClaimView[];
  /** The decoded JSON, pretty-printed: plain text, never markup. */
  headerJson: string;
  payloadJson: string;
  verification: JwtVerificationView;
}

export interface UndecodedJwtInspection {
  decoded: false;
  /** The input, as plain text. */
  text: string;
  size: number;
  /** Why it could not be shown as a JWT. */
  reason: string;
  /** True when the size alone refused it, before a single byte was decoded. */
  refusedBeforeDecoding: boolean;
  /** The dot-separated parts, when it was split at all. */
  segments?: string[];
  /** What the header or payload decoded to, as text, when they decoded to text but not to a JSON object. */
  decodedText?: { header?: string; payload?: string };
  verification: JwtVerificationView;
}

export type JwtInspection = DecodedJwtInspection | UndecodedJwtInspection;

function kidsOf(jwks: { keys: JWK[] } | undefined): string[] {
  if (jwks === undefined || !Array.isArray(jwks.keys)) return [];
  return jwks.keys
    .map((key) => (typeof key === 'object' && key !== null ? key.kid : undefined))
    .filter((kid): kid is string => typeof kid === 'string');
}

/** Cognito Identity signs its OpenID tokens RS512; every other issuer here signs RS256. */
function algorithmOf(issuer: string): 'RS256' | 'RS512' {
  return issuer === 'https://cognito-identity.amazonaws.com' ? 'RS512' : 'RS256';
}

/** A key resolver over the given JWKS, through the same cache (and key import rules) the services use. */
function resolverFor(context: JwtInspectionContext): KeyResolver {
  const jwks = context.jwks;
  if (jwks === undefined) {
    return async () => ({
      ok: false,
      failure: 'jwks-unavailable',
      detail: 'no JWKS was given to the inspector, so the signature cannot be checked'
    });
  }
  const cache = createJwksCache();
  return (kid) => cache.resolve(kid, async () => jwks, context.now);
}

interface ExpectationChoice {
  expected: JwtExpectation;
  /** True when the caller gave no expectation and the token's own values stand in (checks then prove nothing). */
  assumed: boolean;
}

function chooseExpectation(
  context: JwtInspectionContext,
  payload: Record<string, unknown> | undefined
): ExpectationChoice {
  if (context.expected !== undefined) return { expected: context.expected, assumed: false };
  const use = ownString(payload, 'token_use');
  const tokenUse = use === 'id' || use === 'access' ? use : undefined;
  const audience =
    (tokenUse === 'access' ? ownString(payload, 'client_id') : ownString(payload, 'aud')) ?? '';
  return {
    expected: {
      issuer: ownString(payload, 'iss') ?? '',
      audience,
      ...(tokenUse === undefined ? {} : { tokenUse })
    },
    assumed: true
  };
}

function detailOf(
  id: ChecklistItemId,
  checks: Check[],
  payload: Record<string, unknown> | undefined,
  context: JwtInspectionContext,
  jwksUrl: string | undefined,
  reason: string | undefined,
  allChecks: Check[]
): string {
  const failed = checks.find((check) => !check.ok);
  if (failed !== undefined) {
    const why = id === 'token-use' ? context.expected?.why : undefined;
    return [reason, failed.detail === undefined ? undefined : `(${failed.detail})`, why]
      .filter((part) => part !== undefined)
      .join(' ');
  }
  const from = jwksUrl === undefined ? 'the given JWKS' : `the JWKS at ${jwksUrl}`;
  const kid = allChecks.find((check) => check.id === 'jwt.kid')?.detail;
  switch (id) {
    case 'format':
      return checks.map((check) => check.detail ?? check.name).join('; ');
    case 'algorithm':
      return 'RS256, as Cognito signs; no embedded key, no critical extensions.';
    case 'key':
      return `kid ${JSON.stringify(kid ?? '')} is published in ${from}.`;
    case 'signature':
      return `The RS256 signature verifies with the public key ${JSON.stringify(kid ?? '')} from ${from}: header and payload are exactly what the issuer signed.`;
    case 'claims':
      return 'Every known claim has the right type; iss, sub and exp are present.';
    case 'issuer':
      return `iss is ${JSON.stringify(ownString(payload, 'iss'))}, the issuer the verifier trusts.`;
    case 'token-use': {
      const use = JSON.stringify(ownString(payload, 'token_use'));
      const why = context.expected?.why;
      return why === undefined
        ? `token_use is ${use}, as the verifier requires.`
        : `token_use is ${use}: ${why}`;
    }
    case 'audience': {
      const claim = context.expected?.tokenUse === 'access' ? 'client_id' : 'aud';
      return `${claim} is ${JSON.stringify(ownString(payload, claim))}, the expected ${claim === 'client_id' ? 'app client' : 'audience'}.`;
    }
    case 'expiry': {
      const exp = payload?.exp;
      if (typeof exp !== 'number') return 'Not expired.';
      return `Valid until ${isoTime(exp * 1000)} (${expiryText(exp * 1000, context.now).text}).`;
    }
  }
}

function buildVerification(
  result: Awaited<ReturnType<typeof verifyJwt>>,
  payload: Record<string, unknown> | undefined,
  context: JwtInspectionContext,
  choice: ExpectationChoice,
  jwksUrl: string | undefined
): JwtVerificationView {
  const grouped = new Map<ChecklistItemId, Check[]>();
  for (const check of result.checks) {
    const id = checklistItemOf(check.id);
    if (id === undefined) continue;
    grouped.set(id, [...(grouped.get(id) ?? []), check]);
  }
  const reason = result.ok ? undefined : result.reason;
  const failedItem = result.checks.find((check) => !check.ok);
  const stoppedAt = failedItem === undefined ? undefined : checklistItemOf(failedItem.id);
  const noJwks = !result.ok && result.failure === 'jwks-unavailable' && context.jwks === undefined;

  const ids: ChecklistItemId[] = ['format', 'algorithm', 'key', 'signature', 'claims', 'issuer'];
  if (choice.expected.tokenUse !== undefined) ids.push('token-use');
  ids.push('audience', 'expiry');

  const checklist = ids.map((id): ChecklistItem => {
    const checks = grouped.get(id) ?? [];
    const base = { id, label: LABELS[id], checks };
    if (choice.assumed && (id === 'issuer' || id === 'audience' || id === 'token-use')) {
      return {
        ...base,
        mark: 'not-checked',
        detail: `Not checked: no expected value was given, so the token’s own ${id === 'issuer' ? 'iss' : id === 'audience' ? 'aud / client_id' : 'token_use'} was all there was to compare with.`
      };
    }
    if (noJwks && (id === 'key' || id === 'signature')) {
      return {
        ...base,
        mark: 'not-checked',
        detail: `Not checked yet: no JWKS (the issuer’s public keys) was at hand here${jwksUrl === undefined ? '' : `; the issuer publishes them at ${jwksUrl}`}.`
      };
    }
    if (checks.some((check) => !check.ok)) {
      return {
        ...base,
        mark: 'fail',
        detail: detailOf(id, checks, payload, context, jwksUrl, reason, result.checks)
      };
    }
    if (checks.length > 0) {
      return {
        ...base,
        mark: 'pass',
        detail: detailOf(id, checks, payload, context, jwksUrl, reason, result.checks)
      };
    }
    const where = stoppedAt === undefined ? 'an earlier step' : `“${LABELS[stoppedAt]}”`;
    return {
      ...base,
      mark: 'not-checked',
      detail: `Not checked: verification stops at the first failure, here ${where}.`
    };
  });

  const published =
    context.jwks !== undefined && context.jwksSource === 'published'
      ? ' (checked here against the keys the issuer publishes; no verifier in this trace had checked it yet)'
      : '';
  // A token nobody could check the signature of is not refused: it is simply not checked yet.
  const summary = noJwks
    ? `Not checked yet: no verifier has fetched the issuer’s public keys by this point, so the signature is unverified${jwksUrl === undefined ? '' : ` — it can be verified against the keys the issuer publishes at ${jwksUrl}`}.`
    : result.ok
      ? choice.assumed
        ? `Signature and expiry verified; issuer and audience were not compared with any expectation${published}.`
        : `Valid: signed by the issuer’s key, for this audience, and not expired${published}.`
      : `Refused (${result.failure}): ${result.reason}${result.failure === 'token-use-mismatch' && context.expected?.why !== undefined ? ` ${context.expected.why}` : ''}`;
  return {
    ok: result.ok,
    pending: noJwks,
    ...(result.ok ? {} : { failure: result.failure, reason: result.reason }),
    summary,
    checklist,
    checks: result.checks,
    jwks: {
      ...(jwksUrl === undefined ? {} : { url: jwksUrl }),
      kids: kidsOf(context.jwks),
      given: context.jwks !== undefined,
      ...(context.jwks === undefined ? {} : { source: context.jwksSource ?? 'trace' })
    }
  };
}

function prettyJson(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2) ?? '';
  } catch {
    return '';
  }
}

/**
 * Takes a token apart and verifies it with verifyJwt against `context` (expected issuer, audience and
 * token_use; the issuer's JWKS; the simulation clock). Never throws, whatever the input.
 */
export async function inspectJwt(token: string, context: JwtInspectionContext): Promise<JwtInspection> {
  const text = typeof token === 'string' ? token : String(token);
  const decoding = decodeJwtForDisplay(text);
  const payload = decoding.ok ? decoding.payload : undefined;
  const choice = chooseExpectation(context, payload);
  const jwksUrl = context.jwksUrl ?? defaultJwksUrl(context.expected?.issuer ?? ownString(payload, 'iss'));
  let result: Awaited<ReturnType<typeof verifyJwt>>;
  try {
    result = await verifyJwt(text, {
      issuer: choice.expected.issuer,
      audience: choice.expected.audience,
      ...(choice.expected.tokenUse === undefined ? {} : { tokenUse: choice.expected.tokenUse }),
      algorithm: choice.expected.algorithm ?? algorithmOf(choice.expected.issuer),
      now: context.now,
      keys: resolverFor(context)
    });
  } catch (error) {
    // verifyJwt promises never to throw; if it ever does, the panel still gets an answer.
    const detail = error instanceof Error ? error.message : String(error);
    result = {
      ok: false,
      failure: 'malformed',
      reason: `The verifier failed unexpectedly: ${detail}`,
      checks: [{ id: 'jwt.text', name: CHECKS['jwt.text'].label, ok: false, detail }]
    };
  }
  const verification = buildVerification(result, payload, context, choice, jwksUrl);

  if (!decoding.ok) {
    return {
      decoded: false,
      text,
      size: text.length,
      reason: decoding.reason,
      refusedBeforeDecoding: decoding.refusedBeforeDecoding,
      ...(decoding.segments === undefined ? {} : { segments: decoding.segments }),
      ...(decoding.decodedText === undefined ? {} : { decodedText: decoding.decodedText }),
      verification
    };
  }
  const kind = tokenKind(decoding.payload);
  return {
    decoded: true,
    kind,
    kindLabel: TOKEN_KIND_LABELS[kind],
    size: text.length,
    segments: decoding.segments,
    header: explainJoseHeader(decoding.header, kind),
    claims: explainClaims(decoding.payload, kind, context.now),
    headerJson: prettyJson(decoding.header),
    payloadJson: prettyJson(decoding.payload),
    verification
  };
}
