// The Web Worker the live world runs in: a thin host around createLiveHost (the figure pages), createSandboxHost
// (the sandbox, whose messages' types start with `sandbox:`) and createExerciseHost (the exercise pages,
// `exercise:`). It makes no network request; the page sends it requests and it answers with plain data (see
// $lib/live's protocols).
import {
  createExerciseHost,
  createLiveHost,
  createSandboxHost,
  isExerciseMessage,
  isSandboxMessage,
  type ExerciseMessage,
  type ExerciseReply,
  type LiveMessage,
  type LiveReply,
  type SandboxMessage,
  type SandboxReply
} from '$lib/live';

interface WorkerScope {
  onmessage: ((event: MessageEvent<LiveMessage | SandboxMessage | ExerciseMessage>) => void) | null;
  postMessage(reply: LiveReply | SandboxReply | ExerciseReply): void;
}

const scope = self as unknown as WorkerScope;
const host = createLiveHost();
const sandbox = createSandboxHost();
const exercises = createExerciseHost();
scope.onmessage = (event) => {
  const message = event.data;
  const reply = isSandboxMessage(message)
    ? sandbox.handle(message)
    : isExerciseMessage(message)
      ? exercises.handle(message)
      : host.handle(message);
  void reply.then((answer) => scope.postMessage(answer));
};
