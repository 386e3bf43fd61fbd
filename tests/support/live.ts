// Test fixture: the live hosts in the test's own thread (jsdom has no Worker), messages cloned both ways.
import {
  createLiveHost,
  createSandboxHost,
  type SandboxMessage,
  type SandboxReply
} from '../../src/lib/live';
import type { LiveMessage, LiveReply } from '../../src/lib/live';
import { inPageTransport, type LiveTransport } from '../../src/lib/ui/live/session';
import type { SandboxTransport } from '../../src/lib/ui/live/sandbox-session';
import { testKeys } from './keys';

/** The figure pages' host, with the process's shared test keys. */
export function pageTransport(): LiveTransport {
  return inPageTransport<LiveMessage, LiveReply>(createLiveHost({ keys: testKeys }));
}

/** The sandbox's host, with the process's shared test keys. */
export function sandboxPageTransport(): SandboxTransport {
  return inPageTransport<SandboxMessage, SandboxReply>(createSandboxHost({ keys: testKeys }));
}
