// An embed's options (its query string) and the messages that may cross its frame, read strictly: what is not
// understood is ignored, and an option given wrong is named in words, so a blogger sees why it had no effect.

import { parseStepParam } from './step-param';

export type EmbedTheme = 'auto' | 'light' | 'dark';

export interface EmbedOptions {
  /** The step to open at (within the range, if one is given). */
  step?: number;
  /** Only these steps, 1-based and inclusive. */
  range?: { from: number; to: number };
  autoplay: boolean;
  controls: boolean;
  theme: EmbedTheme;
  /** The full narration and the list of exchanges under the figure (off: the compact embed). */
  details: boolean;
  /** Ask the figure's predict-then-see questions before the answers they are about (off unless asked for). */
  predict: boolean;
  /** Presenter mode inside the frame: the figure fitted to it. */
  present: boolean;
}

export interface ReadOptions {
  options: EmbedOptions;
  /** One sentence per option given wrong: it was ignored. */
  problems: string[];
}

const FLAGS = ['autoplay', 'controls', 'details', 'predict', 'present'] as const;
type Flag = (typeof FLAGS)[number];
const FLAG_DEFAULTS: Record<Flag, boolean> = {
  autoplay: false,
  controls: true,
  details: false,
  predict: false,
  present: false
};

/** The options of an embed of a story with `total` steps. */
export function readEmbedOptions(params: URLSearchParams, total: number): ReadOptions {
  const problems: string[] = [];
  const flags = { ...FLAG_DEFAULTS };
  for (const flag of FLAGS) {
    const value = params.get(flag);
    if (value === null) continue;
    if (value === '1' || value === 'true') flags[flag] = true;
    else if (value === '0' || value === 'false') flags[flag] = false;
    else problems.push(`?${flag}=${shown(value)} was ignored: use 1 or 0.`);
  }

  let theme: EmbedTheme = 'auto';
  const themeValue = params.get('theme');
  if (themeValue === 'auto' || themeValue === 'light' || themeValue === 'dark') theme = themeValue;
  else if (themeValue !== null)
    problems.push(`?theme=${shown(themeValue)} was ignored: use auto, light or dark.`);

  const stepNumber = (name: 'from' | 'to'): number | undefined => {
    const value = params.get(name);
    if (value === null) return undefined;
    const step = parseStepParam(value, total);
    if (step === undefined || step < 1) {
      problems.push(`?${name}=${shown(value)} was ignored: use a step number from 1 to ${total}.`);
      return undefined;
    }
    return step;
  };
  let from = stepNumber('from');
  let to = stepNumber('to');
  if (from !== undefined && to !== undefined && from > to) {
    problems.push(`?from=${from}&to=${to} was ignored: the range ends before it starts.`);
    from = undefined;
    to = undefined;
  }
  const range = from !== undefined || to !== undefined ? { from: from ?? 1, to: to ?? total } : undefined;

  let step: number | undefined;
  const stepValue = params.get('step');
  if (stepValue !== null) {
    step = parseStepParam(stepValue, total);
    const low = range ? range.from - 1 : 0;
    const high = range ? range.to : total;
    if (step === undefined || step < low || step > high) {
      problems.push(`?step=${shown(stepValue)} was ignored: use a step number from ${low} to ${high}.`);
      step = undefined;
    }
  }

  return { options: { ...flags, theme, range, step }, problems };
}

/** A value as a message quotes it: short, so a long query cannot flood the page. */
function shown(value: string): string {
  return value.length > 24 ? `${value.slice(0, 24)}…` : value;
}

/** What a host page may ask of an embed. */
export type EmbedCommand =
  | { command: 'play' | 'pause' | 'next' | 'previous' }
  | { command: 'goto'; step: number }
  | { command: 'theme'; theme: 'light' | 'dark' };

/**
 * A `two-pools:command` message from the host, or undefined for anything else: another type, an unknown command,
 * a missing or extra field, a step that is not a whole number within the story.
 */
export function readCommand(data: unknown, total: number): EmbedCommand | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const message = data as Record<string, unknown>;
  if (message.type !== 'two-pools:command') return undefined;
  const keys = Object.keys(message).sort().join(',');
  switch (message.command) {
    case 'play':
    case 'pause':
    case 'next':
    case 'previous':
      return keys === 'command,type' ? { command: message.command } : undefined;
    case 'goto': {
      const step = message.step;
      return keys === 'command,step,type' &&
        typeof step === 'number' &&
        Number.isInteger(step) &&
        step >= 0 &&
        step <= total
        ? { command: 'goto', step }
        : undefined;
    }
    case 'theme':
      return keys === 'command,theme,type' && (message.theme === 'light' || message.theme === 'dark')
        ? { command: 'theme', theme: message.theme }
        : undefined;
  }
  return undefined;
}

/** The messages an embed posts to its host: nothing else crosses the frame. */
export type EmbedMessage =
  | { type: 'two-pools:ready' }
  | { type: 'two-pools:resize'; height: number }
  | { type: 'two-pools:step'; index: number; total: number; id: string };
