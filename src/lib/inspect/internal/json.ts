// JSON shown to a learner: values as text, and pretty-printing that knows which lines each part landed on.

import { isRecord, parseJson } from '../../sim';
import type { LineRange } from '../types';

/** A JSON value shown as text: strings as themselves, everything else as JSON. Never throws. */
export function displayValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '(absent)';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

export interface PrettyJson {
  /** Exactly `JSON.stringify(value, null, 2)`. */
  text: string;
  /** Where each object member and array element starts and ends, by path (`Statement/0`, `Statement/0/Condition`). */
  ranges: Map<string, LineRange>;
}

/**
 * Pretty-prints like `JSON.stringify(value, null, 2)` while recording the line range of every member and
 * element, so a panel can highlight "statement 2" in a policy without searching the text for it.
 */
export function prettyJsonWithRanges(value: unknown): PrettyJson {
  const lines: string[] = [];
  const ranges = new Map<string, LineRange>();
  let current = '';

  const emit = (text: string) => {
    current += text;
  };
  const newline = (indent: number) => {
    lines.push(current);
    current = ' '.repeat(indent);
  };

  const write = (node: unknown, path: string, indent: number) => {
    const start = lines.length + 1;
    if (Array.isArray(node)) {
      if (node.length === 0) emit('[]');
      else {
        emit('[');
        node.forEach((item, index) => {
          newline(indent + 2);
          write(
            item === undefined || typeof item === 'function' ? null : item,
            `${path}/${index}`,
            indent + 2
          );
          if (index < node.length - 1) emit(',');
        });
        newline(indent);
        emit(']');
      }
    } else if (isRecord(node)) {
      const entries = Object.entries(node).filter(
        ([, item]) => item !== undefined && typeof item !== 'function'
      );
      if (entries.length === 0) emit('{}');
      else {
        emit('{');
        entries.forEach(([key, item], index) => {
          newline(indent + 2);
          emit(`${JSON.stringify(key)}: `);
          write(item, `${path}/${key}`, indent + 2);
          if (index < entries.length - 1) emit(',');
        });
        newline(indent);
        emit('}');
      }
    } else {
      emit(JSON.stringify(node) ?? 'null');
    }
    ranges.set(path === '' ? '' : path.slice(1), { start, end: lines.length + 1 });
  };

  write(value, '', 0);
  lines.push(current);
  return { text: lines.join('\n'), ranges };
}

/** Pretty JSON of a body that is JSON, else undefined. */
export function prettyJsonText(text: string): string | undefined {
  const parsed = parseJson(text);
  if (!parsed.ok) return undefined;
  return JSON.stringify(parsed.value, null, 2);
}
