// Which IAM role an authenticated identity gets: the default authenticated role, or a Token / Rules role mapping.

import type { JwtClaims } from '../../crypto/jwt-verify';

/** AWS's RoleMapping shape (SetIdentityPoolRoles), keyed by provider name. */
export interface RoleMapping {
  Type: 'Token' | 'Rules';
  /** What to do when no rule matches (Rules) or the token names no single role (Token). */
  AmbiguousRoleResolution: 'AuthenticatedRole' | 'Deny';
  RulesConfiguration?: { Rules: MappingRule[] };
}

export interface MappingRule {
  Claim: string;
  MatchType: 'Equals' | 'Contains' | 'StartsWith' | 'NotEqual';
  Value: string;
  RoleARN: string;
}

/** What the mapping looked at on the way to its answer, for the trace (so no view has to work it out again). */
export type MappingWork =
  | { type: 'Token'; preferredRole?: string; roles: string[] }
  | { type: 'Rules'; tried: { index: number; rule: MappingRule; values: string[]; matched: boolean }[] };

export type RoleResolution = ({ ok: true; roleArn: string; how: string } | { ok: false; reason: string }) & {
  work?: MappingWork;
};

/** A claim's values as strings: a list claim (`cognito:groups`) gives each element, a scalar gives itself. */
function claimValues(claims: JwtClaims, claim: string): string[] {
  const value = Object.hasOwn(claims, claim) ? claims[claim] : undefined;
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  if (typeof value === 'string') return [value];
  if (typeof value === 'number' || typeof value === 'boolean') return [String(value)];
  return [];
}

/**
 * One rule against the token's claims. For a list claim such as `cognito:groups`, Equals, Contains and
 * StartsWith hold when any element does, NotEqual when no element equals the value. An absent claim
 * matches nothing, not even NotEqual.
 */
export function ruleMatches(rule: MappingRule, claims: JwtClaims): boolean {
  const values = claimValues(claims, rule.Claim);
  if (values.length === 0) return false;
  switch (rule.MatchType) {
    case 'Equals':
      return values.some((value) => value === rule.Value);
    case 'Contains':
      return values.some((value) => value.includes(rule.Value));
    case 'StartsWith':
      return values.some((value) => value.startsWith(rule.Value));
    case 'NotEqual':
      return values.every((value) => value !== rule.Value);
  }
}

function ambiguous(mapping: RoleMapping, defaultRole: string, why: string): RoleResolution {
  if (mapping.AmbiguousRoleResolution === 'AuthenticatedRole') {
    return {
      ok: true,
      roleArn: defaultRole,
      how: `${why}; AmbiguousRoleResolution is AuthenticatedRole, so the default authenticated role`
    };
  }
  return { ok: false, reason: `${why}, and AmbiguousRoleResolution is Deny.` };
}

/** Resolves the role for a login through `provider`, given that provider's mapping (if any). */
export function resolveRole(
  mapping: RoleMapping | undefined,
  claims: JwtClaims,
  defaultRole: string
): RoleResolution {
  if (mapping === undefined)
    return {
      ok: true,
      roleArn: defaultRole,
      how: 'the default authenticated role (no role mapping for this provider)'
    };
  if (mapping.Type === 'Rules') {
    const rules = mapping.RulesConfiguration?.Rules ?? [];
    // "Rules are evaluated in order, and the IAM role for the first matching rule is used" (Cognito guide):
    // the rules after the first match are never tried.
    const tried: Extract<MappingWork, { type: 'Rules' }>['tried'] = [];
    for (const [index, rule] of rules.entries()) {
      const matched = ruleMatches(rule, claims);
      tried.push({ index, rule, values: claimValues(claims, rule.Claim), matched });
      if (matched) {
        return {
          ok: true,
          roleArn: rule.RoleARN,
          how: `rule ${index + 1} (${rule.Claim} ${rule.MatchType} ${JSON.stringify(rule.Value)}) matched first`,
          work: { type: 'Rules', tried }
        };
      }
    }
    return {
      ...ambiguous(mapping, defaultRole, `none of the ${rules.length} rules matched the token's claims`),
      work: { type: 'Rules', tried }
    };
  }
  // Token: "cognito:preferred_role" wins; else a single entry of "cognito:roles".
  const preferred = claims['cognito:preferred_role'];
  const roles = claimValues(claims, 'cognito:roles');
  const work: MappingWork =
    typeof preferred === 'string'
      ? { type: 'Token', preferredRole: preferred, roles }
      : { type: 'Token', roles };
  if (typeof preferred === 'string')
    return { ok: true, roleArn: preferred, how: 'the token’s cognito:preferred_role', work };
  const only = roles[0];
  if (roles.length === 1 && only !== undefined)
    return { ok: true, roleArn: only, how: 'the only role in the token’s cognito:roles', work };
  return {
    ...ambiguous(
      mapping,
      defaultRole,
      roles.length === 0
        ? 'the token names no role (no cognito:roles)'
        : `the token names ${roles.length} roles and no cognito:preferred_role`
    ),
    work
  };
}
