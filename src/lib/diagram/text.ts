// The text version of a diagram: one numbered sentence per exchange, for screen readers, reduced motion and copying.

import { BADGE_WORDS, describeExchange, participantName, type Badge, type DiagramEntry } from './labels';

export type StepState = 'past' | 'current' | 'future';

export interface ExchangeText {
  /** The trace entry id (`t3`). */
  id: string;
  /** 1-based, in request order: the same numbers the diagram's steps use. */
  number: number;
  /** 0 for a request the app made, 1 for a hop made while handling it, and so on. */
  depth: number;
  /** "3. App → DynamoDB: Read the order straight from DynamoDB (GetItem) — refused: 400 …: Request is missing …". */
  text: string;
  /** What the request and the answer carried, in words ("" when nothing notable). */
  carries: string;
  outcome: 'ok' | 'refused';
  state: StepState;
}

/**
 * The state of entry `index` when `step` entries are revealed: the last revealed one is current, or,
 * when a scenario step sent several (a call and its hops), all of them from `currentFrom` on.
 */
export function stepState(index: number, step: number, currentFrom: number = step - 1): StepState {
  if (index >= step) return 'future';
  return index >= Math.min(currentFrom, step - 1) ? 'current' : 'past';
}

/** How deep each entry is nested: the length of its parentId chain among the given entries. */
export function nestingDepths(entries: readonly DiagramEntry[]): Map<string, number> {
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  const depths = new Map<string, number>();
  for (const entry of entries) {
    let depth = 0;
    let parent = entry.parentId === undefined ? undefined : byId.get(entry.parentId);
    // The bound guards against a malformed trace whose parents form a cycle.
    while (parent && depth < entries.length) {
      depth++;
      parent = parent.parentId === undefined ? undefined : byId.get(parent.parentId);
    }
    depths.set(entry.id, depth);
  }
  return depths;
}

function listInWords(badges: readonly Badge[]): string {
  const words = badges.map((badge) => BADGE_WORDS[badge]);
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** The sentence for one exchange, numbered `index + 1`. */
export function exchangeSentence(entry: DiagramEntry, index: number): string {
  const { request, response } = describeExchange(entry);
  const route = `${participantName(entry.from)} → ${participantName(entry.to)}`;
  const what = request.wire === request.label ? request.label : `${request.label} (${request.wire})`;
  const outcome =
    entry.outcome === 'refused'
      ? `refused: ${response.label}${response.detail ? `: ${response.detail}` : ''}`
      : `answered ${response.label}`;
  return `${index + 1}. ${route}: ${what} — ${outcome}`;
}

/** What one exchange carried, in words: "The request carries a JWT. The answer carries temporary AWS credentials." */
export function exchangeCarries(entry: DiagramEntry): string {
  const { request, response } = describeExchange(entry);
  const parts: string[] = [];
  if (request.badges.length > 0) parts.push(`The request carries ${listInWords(request.badges)}.`);
  if (response.badges.length > 0) parts.push(`The answer carries ${listInWords(response.badges)}.`);
  return parts.join(' ');
}

/** The exchanges in request order, with `step` of them revealed (default: all); states as in stepState. */
export function describeTrace(
  entries: readonly DiagramEntry[],
  step: number = entries.length,
  currentFrom: number = step - 1
): ExchangeText[] {
  const depths = nestingDepths(entries);
  return entries.map((entry, index) => ({
    id: entry.id,
    number: index + 1,
    depth: depths.get(entry.id) ?? 0,
    text: exchangeSentence(entry, index),
    carries: exchangeCarries(entry),
    outcome: entry.outcome,
    state: stepState(index, step, currentFrom)
  }));
}

/** Plain text for copying: revealed exchanges only, hops indented under the exchange that made them. */
export function traceAsText(entries: readonly DiagramEntry[], step: number = entries.length): string {
  return describeTrace(entries, step)
    .filter((item) => item.state !== 'future')
    .map((item) => `${'  '.repeat(item.depth)}${item.text}${item.carries ? ` ${item.carries}` : ''}`)
    .join('\n');
}
