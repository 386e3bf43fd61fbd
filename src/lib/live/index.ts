// The live world, hosted apart from the page: the protocol both sides speak, and the host that answers it.
export { createLiveHost, type LiveHost } from './host';
export { acceptsKey } from './protocol';
export type {
  AppMemory,
  AppView,
  LiveMessage,
  LiveReply,
  LiveRequest,
  LiveState,
  PerformResult
} from './protocol';
export { createSandboxHost, type SandboxHost, type SandboxHostOptions } from './sandbox-host';
export { isSandboxMessage } from './sandbox-protocol';
export type {
  SandboxMail,
  SandboxMessage,
  SandboxPerformed,
  SandboxPerformOutcome,
  SandboxReplayOutcome,
  SandboxReply,
  SandboxRequest,
  SandboxState
} from './sandbox-protocol';
export {
  createExerciseHost,
  MAX_FIELD_LENGTH,
  type ExerciseHost,
  type ExerciseHostOptions
} from './exercise-host';
export { isExerciseMessage } from './exercise-protocol';
export type { ExerciseChecked, ExerciseMessage, ExerciseReply, ExerciseRequest } from './exercise-protocol';
