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
