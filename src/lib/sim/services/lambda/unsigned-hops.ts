// Which simulated service sent a service-to-service request, until those hops are signed with SigV4.

/*
 * In AWS, API Gateway invokes the function with SigV4 (allowed by the function's resource-based
 * policy) and the function calls DynamoDB with SigV4 under its execution role. Until the simulation
 * signs those hops, the receiver needs another honest way to know who is calling: the router does not
 * say. So the sender registers the very Request object it passes to ctx.fetch, and the receiver asks
 * who registered it. Nothing goes on the wire (the trace shows no forged header a learner could copy),
 * and a request built anywhere else (the app, a test, a replay) is simply not in the registry.
 *
 * TODO(sigv4): once Lambda signs with its execution role's credentials and API Gateway signs its
 * invocations, delete this file: DynamoDB and Lambda then verify the signature and evaluate IAM.
 */

import type { ParticipantId } from '../../trace';

export interface UnsignedHops {
  /** Marks `request` as sent by `sender`; returns it, for `ctx.fetch(hops.vouch(new Request(...), 'lambda'))`. */
  vouch(request: Request, sender: ParticipantId): Request;
  /** Which service vouched for this exact request object, if any. */
  senderOf(request: Request): ParticipantId | undefined;
}

/** One registry per world, shared by the services that send and receive unsigned hops. */
export function createUnsignedHops(): UnsignedHops {
  // Weak: a request that has been answered is forgotten with it.
  const senders = new WeakMap<Request, ParticipantId>();
  return {
    vouch(request, sender) {
      senders.set(request, sender);
      return request;
    },
    senderOf: (request) => senders.get(request)
  };
}
