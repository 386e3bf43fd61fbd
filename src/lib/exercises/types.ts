// The shape of an exercise: a broken configuration, the fields a learner edits, and the requests Check runs.

import type { ScenarioAction, ScenarioRoleName } from '../scenarios';
import type { TraceEntry } from '../sim';

export type ExerciseId =
  'trust-policy' | 'own-orders' | 'wrong-sub' | 'which-token' | 'guest-events' | 's3-private-folders';

/**
 * What a field's value configures: a role's inline permissions policy (IAM PutRolePolicy), a role's trust policy
 * (UpdateAssumeRolePolicy), the identity pool's guest access, a REST API method's OAuth scopes (UpdateMethod), or
 * no console at all: the token the app itself chooses to send, which the goal's requests read.
 */
export type FieldTarget =
  | { set: 'permissions-policy'; role: ScenarioRoleName; policyName: string }
  | { set: 'trust-policy'; role: ScenarioRoleName }
  | { set: 'guest-access' }
  | { set: 'method-scopes'; httpMethod: 'GET'; resource: string }
  | { set: 'app-token' };

export interface ExerciseField {
  /** Stable: the key of the learner's value in an attempt. */
  id: string;
  label: string;
  kind: 'json' | 'choice' | 'toggle' | 'text';
  /** The broken starting value: JSON pretty-printed, a choice's value, `on`/`off`, or text. */
  start: string;
  choices?: { value: string; label: string }[];
  target: FieldTarget;
}

/**
 * A request of the goal: one of the client app's actions, or one aimed at another demo user's identity (the id that
 * user's own GetId returned earlier in the same check), or the API call with the token the learner chose.
 */
export type GoalAction =
  | ScenarioAction
  | { do: 'query-notes-of'; user: number }
  | { do: 'upload-avatar-to'; user: number }
  | { do: 'list-folder-of'; user: number }
  | { do: 'call-api-with-chosen-token'; orderId: string; field: string };

export interface GoalRequest {
  /** Stable within the exercise. */
  id: string;
  /** What it is, in words: "Alice reads her own notes". */
  description: string;
  action: GoalAction;
  expect: 'succeed' | 'refused';
}

export interface Exercise {
  id: ExerciseId;
  title: string;
  fields: ExerciseField[];
  /** The worked solution, field id → value: the tests prove it passes. */
  solution: Record<string, string>;
  /** What Check runs, in order. */
  goals: GoalRequest[];
  /** Console settings of the exercise's world that the learner does not edit (the basic flow switched on). */
  setup?: { allowClassicFlow?: boolean };
}

/** Field id → what the learner wrote. A field left out keeps its starting value. */
export type ExerciseAttempt = Record<string, string>;

/** Which check of the trace refused a request (its id from `CHECKS` and label), and the IAM decision behind it. */
export type RefusedBy =
  | {
      check: string;
      label: string;
      /** The service's own words for this check, as recorded. */
      detail?: string;
      /** The IAM decision that refused, when one did: what was evaluated and why. */
      decision?: { label: string; decision: string; explanation: string };
    }
  | { decision: string; summary: string };

/** What let a request through that had to be refused: the IAM decision that allowed it, when there was one. */
export interface AllowedBy {
  label: string;
  explanation: string;
  /** The statements that allowed it (policy name, Sid or index). */
  statements: string[];
}

export interface GoalResult {
  id: string;
  description: string;
  expect: 'succeed' | 'refused';
  outcome: 'succeeded' | 'refused' | 'not-run';
  ok: boolean;
  /** From the wire response. */
  status?: number;
  errorCode?: string;
  errorMessage?: string;
  refusedBy?: RefusedBy;
  allowedBy?: AllowedBy;
  /** The index in the verdict's trace of the entry that answered the app. */
  traceIndex?: number;
  /** Why a request was not sent: what the app lacked after an earlier failure. */
  notRunBecause?: string;
}

export type Verdict =
  /** Bad input (JSON with its line and column, an unknown choice, a policy IAM refuses): nothing ran. */
  | { kind: 'invalid'; field: string; message: string; line?: number; column?: number }
  | { kind: 'checked'; passed: boolean; results: GoalResult[]; summary: string; trace: TraceEntry[] };
