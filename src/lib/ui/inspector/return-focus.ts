// Where focus goes when the inspector closes: back to what opened it, or to that exchange's text-version button.
import { tick } from 'svelte';

export function returnFocus(opener: HTMLElement | undefined, entryId: string | undefined): void {
  // A diagram row cannot hold focus (the svg is one image): its text-version button stands in for it.
  const target =
    opener?.isConnected === true
      ? opener
      : (document.querySelector<HTMLElement>(`[data-inspect="${entryId ?? ''}"]`) ?? undefined);
  void tick().then(() => target?.focus());
}
