// The sandbox's share link: made only when the learner presses Share, kept up to date with the actions done
// since, copied to the clipboard; and the address bar, which never follows the actions.
import { replaceState } from '$app/navigation';
import { resolve } from '$app/paths';
import { encodeShare, type SharedSandbox } from '$lib/sandbox';

/**
 * What the learner types (names, emails, order ids, notes) goes into a URL only when they press Share:
 * the address bar (and so the history) never follows the actions. It keeps the link the page was opened
 * with only while the screen shows exactly that link's replay; after that it is the bare page again.
 */
export function leaveAddress(): void {
  if (window.location.search !== '') replaceState(resolve('/sandbox/'), {});
}

export class ShareLink {
  /** The link made with Share; empty until then. */
  url = $state('');
  /** Whether the link was copied, or why there is none. */
  status = $state('');

  /** `shared`: what a link would replay now, or nothing while the live world is loading. */
  constructor(private readonly shared: () => SharedSandbox | undefined) {}

  #query(): string | undefined {
    const shared = this.shared();
    if (!shared) return undefined;
    const encoded = encodeShare(shared);
    if (!encoded.ok) {
      this.status = `This sandbox cannot be shared: ${encoded.error.message}`;
      return undefined;
    }
    return encoded.value;
  }

  #link(query: string): string {
    return `${window.location.origin}${resolve('/sandbox/')}?${query}`;
  }

  /** Makes the link and copies it. */
  async make(): Promise<void> {
    if (!this.shared()) {
      this.status = 'Wait: the simulated cloud is still loading; there is nothing to share yet.';
      return;
    }
    const query = this.#query();
    if (query === undefined) return;
    this.url = this.#link(query);
    await this.copy();
  }

  copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(this.url);
      this.status = 'Link copied. Whoever opens it replays these actions in their own browser.';
    } catch {
      this.status = 'The browser did not allow copying: select the link above and copy it yourself.';
    }
  };

  /** A link already made with Share follows the actions done since; nothing else does. */
  refresh(): void {
    if (!this.url) return;
    const query = this.#query();
    if (query !== undefined) this.url = this.#link(query);
  }

  /** Forgets the link (a reset world has nothing of it). */
  clear(): void {
    this.url = '';
    this.status = '';
  }
}
