// The shape of a scenario: a short story told as an ordered list of client actions with stable step ids.

import type { ParticipantId } from '../sim';

/** A client action as data. Users are named by their index in `config.demoUsers`. */
export type ScenarioAction =
  | { do: 'sign-up'; username: string; email: string; password: string }
  | { do: 'confirm-sign-up'; email: string }
  | { do: 'sign-in'; user: number; flow: 'srp' | 'password'; password?: string }
  | { do: 'sign-in-as'; username: string; password: string; flow: 'srp' | 'password' }
  /** SRP's first request alone (InitiateAuth USER_SRP_AUTH): the app ends up holding the challenge and its proof. */
  | { do: 'start-srp-sign-in'; user: number; password?: string }
  /** SRP's second request (RespondToAuthChallenge PASSWORD_VERIFIER) with the proof of `start-srp-sign-in`. */
  | { do: 'answer-password-verifier' }
  | { do: 'refresh' }
  | { do: 'sign-out' }
  /** GET /orders/{id} with the ID token (or, `token: 'access'`, the access token instead). */
  | { do: 'call-api'; orderId: string; token?: 'id' | 'access' }
  /** GET /me, the method with the OAuth scope aws.cognito.signin.user.admin, with the token chosen. */
  | { do: 'get-profile'; token: 'id' | 'access' }
  /** GET /iam/orders/{id}, the AWS_IAM method, signed (SigV4, execute-api) with the app's AWS credentials. */
  | { do: 'call-iam-api'; orderId: string }
  | { do: 'jwt-to-dynamodb'; orderId: string }
  | { do: 'google-sign-in'; email: string }
  | { do: 'get-id'; provider: 'user-pool' | 'google' | 'guest' }
  | { do: 'get-credentials' }
  /** GetCredentialsForIdentity for the identity the app holds, without its Logins map. */
  | { do: 'get-credentials-without-logins' }
  | { do: 'get-open-id-token' }
  | { do: 'assume-role'; role: 'authenticated' | 'unauthenticated' }
  | { do: 'read-order'; orderId: string }
  | { do: 'put-note'; text: string }
  | { do: 'query-notes'; whose: 'own' | 'other' }
  /** PutItem of an analytics event into the Events table, under the app's identity id. */
  | { do: 'record-event'; name: string }
  /** Query of the Events table for the app's own identity id. */
  | { do: 'read-events' }
  /** PutObject of the avatar at `private/{identity id}/avatar.png`, signed for S3 with the app's credentials. */
  | { do: 'upload-avatar' }
  /** ListObjectsV2 of `private/{identity id}/`: the app's own folder, or another identity's. */
  | { do: 'list-folder'; whose: 'own' | 'other' }
  /** GetObject of the app's own avatar. */
  | { do: 'get-object' }
  | { do: 'tamper'; claim: string; value: string | number | boolean }
  | { do: 'advance-clock'; minutes: number }
  /** The account's owner changes the world's configuration between two calls (see `ScenarioChange`). */
  | { do: 'configure'; change: ScenarioChange }
  /** The app sends the browser to managed login (/oauth2/authorize with a PKCE challenge); it lands on the login page. */
  | { do: 'open-managed-login' }
  /** The user signs in on managed login's page; the browser comes back to the callback with the code. */
  | { do: 'managed-login-sign-in'; user: number }
  /** POST /oauth2/token: the code and the PKCE verifier for tokens. */
  | { do: 'redeem-code' }
  /** GET /scoped/orders/{id}, the method with the custom scope orders-api/read, with the access token. */
  | { do: 'call-scoped-api'; orderId: string };

/** A role of the world, by name: the names are part of the lesson. */
export type ScenarioRoleName = 'TwoPools_Authenticated' | 'TwoPools_Guest' | 'TwoPools_Managers';

/** A role mapping for the user pool provider, with roles by name (the world gives their ARNs). */
export type ScenarioRoleMapping =
  | { type: 'Token'; ambiguous: 'AuthenticatedRole' | 'Deny' }
  | {
      type: 'Rules';
      ambiguous: 'AuthenticatedRole' | 'Deny';
      rules: {
        claim: string;
        match: 'Equals' | 'Contains' | 'StartsWith' | 'NotEqual';
        value: string;
        role: ScenarioRoleName;
      }[];
    };

/**
 * A console change as data, in the scenario's own terms (users by index, roles by name); the session resolves
 * it against the world (its ids are drawn from the seed) into the `AdminChange` the world's admin hands apply.
 */
export type ScenarioChange =
  | { set: 'guest-access'; allow: boolean }
  | { set: 'create-group'; group: string; role?: ScenarioRoleName; precedence?: number }
  | { set: 'group-membership'; user: number; group: string; member: boolean }
  | { set: 'user-pool-role-mapping'; mapping: ScenarioRoleMapping | null }
  /**
   * A role's trust policy as the Cognito console writes it (`aud` and `amr` conditions), naming this identity
   * pool, or the same id with one character mistyped.
   */
  | { set: 'trust-policy'; role: ScenarioRoleName; audience: 'this-pool' | 'one-character-typo' }
  /** A role's trust policy as typed (JSON text), validated as IAM's UpdateAssumeRolePolicy does. */
  | { set: 'trust-policy-document'; role: ScenarioRoleName; document: string };

export interface ScenarioStep {
  /** Stable: part of URLs (`?step=`) and the key of its narration in content/. */
  id: string;
  title: string;
  action: ScenarioAction;
}

export type ScenarioGroup =
  | 'figures'
  | 'registration'
  | 'federation'
  | 'failures'
  | 'fine-grained'
  /** The confusions people hit over and over (issue 14): which token, AWS_IAM APIs, groups, Logins, trust. */
  | 'mix-ups'
  /** Signing in through the user pool's managed login (OAuth 2.0 authorization code with PKCE), issue 15. */
  | 'managed-login';

export interface Scenario {
  id: string;
  title: string;
  figure?: 1 | 2 | 3 | 4;
  group: ScenarioGroup;
  summary: string;
  participants: ParticipantId[];
  steps: ScenarioStep[];
  /** What the story ends in: the last step succeeds, or is refused (that refusal is the lesson). */
  outcome: 'success' | 'refused';
  /** How the world is set up before the first step, where it differs from a new world's defaults. */
  setup?: ScenarioSetup;
}

/** Console settings a scenario switches before it starts. */
export interface ScenarioSetup {
  /** The identity pool's AllowClassicFlow (off for new pools): the basic flow needs it on. */
  allowClassicFlow?: boolean;
  /** Further console changes, applied in order before the first step (groups, role mappings, trust policies). */
  changes?: ScenarioChange[];
}

/** The public description of a scenario, as the UI and URLs use it. */
export interface ScenarioInfo {
  id: string;
  title: string;
  figure?: 1 | 2 | 3 | 4;
  group: ScenarioGroup;
  summary: string;
  participants: ParticipantId[];
  steps: { id: string; title: string }[];
  outcome: 'success' | 'refused';
}
