// The Web Worker the live world runs in: a thin host around createLiveHost (the figure pages) and
// createSandboxHost (the sandbox, whose messages' types start with `sandbox:`). It makes no network request;
// the page sends it requests and it answers with plain data (see $lib/live's protocols).
import {
  createLiveHost,
  createSandboxHost,
  isSandboxMessage,
  type LiveMessage,
  type LiveReply,
  type SandboxMessage,
  type SandboxReply
} from '$lib/live';

interface WorkerScope {
  onmessage: ((event: MessageEvent<LiveMessage | SandboxMessage>) => void) | null;
  postMessage(reply: LiveReply | SandboxReply): void;
}

const scope = self as unknown as WorkerScope;
const host = createLiveHost();
const sandbox = createSandboxHost();
scope.onmessage = (event) => {
  const message = event.data;
  const reply = isSandboxMessage(message) ? sandbox.handle(message) : host.handle(message);
  void reply.then((answer) => scope.postMessage(answer));
};
