// Test helper for the figures: the trace as readable `from→to operation status` lines, hops indented under their cause.

import type { World } from '../../../src/lib/sim';

/** Every exchange since `mark`, one line each; a service-to-service hop is prefixed with "  ". */
export function hopsSince(world: World, mark = 0): string[] {
  return world.trace.entries
    .slice(mark)
    .map(
      (entry) =>
        `${entry.parentId === undefined ? '' : '  '}${entry.from}→${entry.to} ${entry.operation} ${entry.response.status}`
    );
}

export function jwksPath(world: World): string {
  return `GET /${world.config.userPool.id}/.well-known/jwks.json`;
}
