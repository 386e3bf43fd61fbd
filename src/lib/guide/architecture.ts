// An architecture as data: which pieces an answer puts between the app and what it calls, and what travels between them.

/** Who signs users in, when it is not the user pool itself. */
export type OutsideIdp = 'google' | 'corporate';

export interface Architecture {
  /**
   * An outside identity provider, and who trusts it: the user pool (federation: the user pool signs users in
   * through it and issues its own tokens) or the identity pool (which takes the provider's own token).
   */
  idp: { kind: OutsideIdp; trustedBy: 'user-pool' | 'identity-pool' } | null;
  userPool: boolean;
  /** What the identity pool trades for AWS credentials: the user pool's ID token, the outside IdP's token, or nothing (a guest). */
  identityPool: 'user-pool' | 'idp' | 'guest' | null;
  /** Your own API, and how it decides who may call it: a Cognito authorizer, or nobody (a public API). */
  api: 'cognito-authorizer' | 'public' | null;
  /** The app calls an AWS service (S3, DynamoDB) itself. */
  awsService: boolean;
}

export type NodeId = 'app' | 'idp' | 'user-pool' | 'identity-pool' | 'sts' | 'api' | 'aws';

export interface ArchitectureNode {
  id: NodeId;
  name: string;
  detail: string;
  /** Whose colour its outline takes. */
  tone: 'user-pool' | 'identity-pool' | 'plain';
}

export interface ArchitectureEdge {
  from: NodeId;
  to: NodeId;
  /** What travels, numbered in the order it happens. */
  label: string;
}

export interface ArchitectureDrawing {
  nodes: ArchitectureNode[];
  edges: ArchitectureEdge[];
  /** Nodes drawn under another one and joined only to it (STS under the identity pool, a federated IdP under the user pool). */
  helpers: Partial<Record<NodeId, NodeId>>;
}

const IDP_NODE: Record<OutsideIdp, Omit<ArchitectureNode, 'id'>> = {
  google: { name: 'Google', detail: 'social IdP', tone: 'plain' },
  corporate: { name: 'Corporate IdP', detail: 'SAML or OIDC', tone: 'plain' }
};

/** What the outside IdP hands over when it has signed the user in. */
const IDP_PROOF: Record<OutsideIdp, string> = {
  google: 'Google ID token',
  corporate: 'SAML assertion (or OIDC token)'
};

const SIGNED = 'AWS credentials (SigV4)';

/** A stable name for an architecture, the same for equal ones: `user-pool+identity-pool-user-pool+aws`. */
export function architectureId({ idp, userPool, identityPool, api, awsService }: Architecture): string {
  return [
    idp && `${idp.kind}-trusted-by-${idp.trustedBy}`,
    userPool && 'user-pool',
    identityPool && `identity-pool-${identityPool}`,
    api && `api-${api}`,
    awsService && 'aws'
  ]
    .filter((part) => typeof part === 'string')
    .join('+');
}

/** The boxes and labelled arrows of an architecture, in the order things happen. */
export function drawArchitecture(architecture: Architecture): ArchitectureDrawing {
  const { idp, userPool, identityPool, api, awsService } = architecture;
  const nodes: ArchitectureNode[] = [
    { id: 'app', name: 'Your app', detail: 'browser or phone', tone: 'plain' }
  ];
  const edges: ArchitectureEdge[] = [];
  const helpers: ArchitectureDrawing['helpers'] = {};
  const arrow = (from: NodeId, to: NodeId, label: string) => edges.push({ from, to, label });

  if (idp?.trustedBy === 'identity-pool') {
    nodes.push({ id: 'idp', ...IDP_NODE[idp.kind] });
    arrow('app', 'idp', 'sign in');
    arrow('idp', 'app', IDP_PROOF[idp.kind]);
  }
  if (userPool) {
    nodes.push({ id: 'user-pool', name: 'User pool', detail: 'identity provider', tone: 'user-pool' });
    if (idp?.trustedBy === 'user-pool') {
      nodes.push({ id: 'idp', ...IDP_NODE[idp.kind] });
      helpers.idp = 'user-pool';
      arrow('app', 'user-pool', 'sign in (managed login)');
      arrow('idp', 'user-pool', IDP_PROOF[idp.kind]);
    } else {
      arrow('app', 'user-pool', 'sign in (SRP)');
    }
    arrow('user-pool', 'app', 'ID token');
  }
  if (identityPool) {
    nodes.push({
      id: 'identity-pool',
      name: 'Identity pool',
      detail: 'identity broker',
      tone: 'identity-pool'
    });
    nodes.push({ id: 'sts', name: 'AWS STS', detail: 'temporary credentials', tone: 'plain' });
    helpers.sts = 'identity-pool';
    const given =
      identityPool === 'user-pool'
        ? 'ID token'
        : identityPool === 'idp' && idp
          ? IDP_PROOF[idp.kind]
          : 'no token (guest)';
    arrow('app', 'identity-pool', given);
    arrow('identity-pool', 'sts', identityPool === 'guest' ? 'assume the guest role' : 'assume the role');
    arrow('identity-pool', 'app', 'AWS credentials');
  }
  if (api) {
    nodes.push({
      id: 'api',
      name: 'Your API',
      detail: api === 'cognito-authorizer' ? 'Cognito authorizer' : 'public',
      tone: 'plain'
    });
    arrow('app', 'api', api === 'cognito-authorizer' ? 'ID token' : 'no token');
  }
  if (awsService) {
    // Guests reach only what Cognito's scope-down lets them: no S3 or DynamoDB, but analytics services.
    const examples = identityPool === 'guest' ? 'Pinpoint, Firehose' : 'S3, DynamoDB';
    nodes.push({ id: 'aws', name: 'AWS service', detail: examples, tone: 'plain' });
    arrow('app', 'aws', SIGNED);
  }
  return {
    nodes,
    edges: edges.map((edge, index) => ({ ...edge, label: `${index + 1} · ${edge.label}` })),
    helpers
  };
}

/** The drawing's arrows in words, in order: `Your app → User pool: sign in (SRP)`. */
export function architectureSteps(drawing: ArchitectureDrawing): string[] {
  const names = new Map(drawing.nodes.map((node) => [node.id, node.name]));
  return drawing.edges.map(
    (edge) => `${names.get(edge.from)} → ${names.get(edge.to)}: ${edge.label.replace(/^\d+ · /, '')}`
  );
}
