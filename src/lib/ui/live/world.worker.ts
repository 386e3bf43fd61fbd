// The Web Worker the live world runs in: a thin host around createLiveHost. It makes no network request;
// the page sends it requests and it answers with plain data (see $lib/live's protocol).
import { createLiveHost, type LiveMessage, type LiveReply } from '$lib/live';

interface WorkerScope {
  onmessage: ((event: MessageEvent<LiveMessage>) => void) | null;
  postMessage(reply: LiveReply): void;
}

const scope = self as unknown as WorkerScope;
const host = createLiveHost();
scope.onmessage = (event) => {
  void host.handle(event.data).then((reply) => scope.postMessage(reply));
};
