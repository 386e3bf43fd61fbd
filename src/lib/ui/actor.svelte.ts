// The one bridge between XState and Svelte: an actor's snapshot as reactive state (runes, via createSubscriber).
import { createSubscriber } from 'svelte/reactivity';
import type { AnyActorRef, SnapshotFrom } from 'xstate';

export function reactiveActor<T extends AnyActorRef>(actor: T): { readonly snapshot: SnapshotFrom<T> } {
  const track = createSubscriber((update) => {
    const subscription = actor.subscribe(() => update());
    return () => subscription.unsubscribe();
  });
  return {
    get snapshot() {
      track();
      return actor.getSnapshot() as SnapshotFrom<T>;
    }
  };
}
