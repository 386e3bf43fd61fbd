// What the sandbox's live region says: the last action's result with its exchanges in words, or why an action
// was not sent.
import { describeTrace } from '$lib/diagram';
import type { SandboxPerformed, SandboxState } from '$lib/live';
import { actionTitle, outcomeSentence } from '$lib/sandbox';

export type Announcement =
  | { kind: 'result'; ok: boolean; title: string; sentence: string; exchanges: string }
  | { kind: 'notice'; text: string };

export const notice = (text: string): Announcement => ({ kind: 'notice', text });

/** An action that did what it asked (moving the clock always does). */
export const succeeded = (record: SandboxPerformed): boolean =>
  record.action.do === 'advance-clock' || record.last?.ok === true;

/** The result of an action just performed, as the live world stands after it. */
export function resultOf(record: SandboxPerformed, after: SandboxState): Announcement {
  const credentials = after.holdings.credentials;
  return {
    kind: 'result',
    ok: succeeded(record),
    title: actionTitle(record.action),
    sentence: outcomeSentence(record.action, record.last, {
      now: after.holdings.now,
      ...(credentials ? { credentialsExpire: credentials.expiration } : {})
    }),
    exchanges: exchangesSaid(record, after)
  };
}

function exchangesSaid(record: SandboxPerformed, after: SandboxState): string {
  if (record.count === 0) return 'No exchange went over the wire.';
  const said = describeTrace(after.diagramEntries)
    .slice(record.from, record.from + record.count)
    .map((item) => item.text)
    .join(' ');
  return `${record.count} exchange${record.count === 1 ? '' : 's'}: ${said}`;
}
