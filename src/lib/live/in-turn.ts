// One answer at a time: a host's messages are answered in the order they came, and a failure is an error reply.

/**
 * Wraps `answer` so each message waits for the one before it (a world must never run two requests at once), and
 * whatever it throws comes back as `{ id, ok: false, error }` rather than a rejection the worker would lose.
 */
export function inTurn<Message extends { id: number }, Reply>(
  answer: (message: Message) => Promise<Reply>
): (message: Message) => Promise<Reply | { id: number; ok: false; error: string }> {
  let queue: Promise<unknown> = Promise.resolve();
  return (message) => {
    const reply = queue.then(
      () => answer(message),
      () => answer(message)
    );
    queue = reply.catch(() => undefined);
    return reply.catch((error: unknown) => ({
      id: message.id,
      ok: false as const,
      error: error instanceof Error ? error.message : String(error)
    }));
  };
}
