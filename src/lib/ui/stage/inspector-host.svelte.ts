// The inspector's place on a page, shared by the figure pages and the sandbox: which exchange is open, the
// panel's component (loaded on first use: it brings the inspectors' code), a failure to load it, and focus
// going back to what opened it when it closes.

import type InspectorPanel from '../inspector/Inspector.svelte';
import { returnFocus } from '../inspector/return-focus';

type Loader = () => Promise<{ default: typeof InspectorPanel }>;

export class InspectorHost {
  /** The panel's component, once loaded. */
  Panel: typeof InspectorPanel | undefined = $state.raw();
  /** The trace entry id of the open exchange. */
  inspecting: string | undefined = $state();
  /** Why the panel could not open, in words. */
  failure = $state('');
  #opener: HTMLElement | undefined;
  #load: Loader | undefined;

  /** `id`: the panel element's id, which the text version's buttons point at (aria-controls). */
  constructor(readonly id: string) {}

  /**
   * Given from an effect, which the server build leaves out: were the import visible to it, SvelteKit would link
   * the inspector's CSS on every page that could open it, to avoid a flash that cannot happen here.
   */
  loader(load: Loader): void {
    this.#load ??= load;
  }

  /** Opens an exchange, once the panel (and whatever `ready` waits for, such as the live world) is there. */
  async open(entryId: string, trigger?: HTMLElement, ready?: () => Promise<unknown>): Promise<void> {
    this.#opener = trigger;
    this.failure = '';
    try {
      if (!this.#load) throw new Error('the page has not finished loading');
      const [module] = await Promise.all([this.#load(), ready?.()]);
      this.Panel ??= module.default;
      this.inspecting = entryId;
    } catch (error) {
      this.failure = error instanceof Error ? error.message : String(error);
    }
  }

  /** Closes the panel and gives focus back to what opened it (or to the exchange's text-version button). */
  close = (): void => {
    const id = this.inspecting;
    this.inspecting = undefined;
    returnFocus(this.#opener, id);
  };
}
