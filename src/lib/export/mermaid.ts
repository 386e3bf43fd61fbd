// The trace as Mermaid's `sequenceDiagram` text, for a blogger's Markdown: the participants by their display names,
// one message per arrow in the order they went over the wire, and a note where a request was refused.

import { describeRequest, describeResponse, participantInfo, type DiagramEntry } from '../diagram';
import type { ParticipantId } from '../sim';

export interface MermaidInput {
  participants: readonly ParticipantId[];
  /** The trace as the diagram reads it, in request order; all of it is written. */
  entries: readonly DiagramEntry[];
  /** The diagram's title line. */
  title?: string;
}

/** A participant's id in the text: letters only (`user-pool` → `userPool`), since `-` also begins an arrow. */
export function mermaidId(id: ParticipantId): string {
  return id.replace(/-(\w)/g, (_match, letter: string) => letter.toUpperCase());
}

/**
 * Text Mermaid shows as written. `;` ends a statement and `#` starts an entity, so both are written as entities
 * (`#59;`), as are `<` and `>`, which its HTML sanitiser would otherwise read as tags; line breaks become spaces.
 */
export function mermaidText(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/[#;<>]/g, (char) => `#${char.charCodeAt(0)};`)
    .trim();
}

/** One arrow: the request at its `start`, the response at its `end` (a hop's arrows sit between its parent's). */
interface Arrow {
  at: number;
  entry: DiagramEntry;
  kind: 'request' | 'response';
}

/** The `sequenceDiagram` text for a trace. */
export function toMermaid(input: MermaidInput): string {
  const lines = ['sequenceDiagram'];
  if (input.title) lines.push(`  title ${mermaidText(input.title)}`);
  const shown = new Set<ParticipantId>(input.participants);
  for (const entry of input.entries) {
    shown.add(entry.from);
    shown.add(entry.to);
  }
  for (const id of shown) {
    lines.push(`  participant ${mermaidId(id)} as ${mermaidText(participantInfo(id, input.entries).name)}`);
  }
  const arrows: Arrow[] = input.entries
    .flatMap((entry): Arrow[] => [
      { at: entry.start, entry, kind: 'request' },
      { at: entry.end, entry, kind: 'response' }
    ])
    .sort((a, b) => a.at - b.at);
  for (const { entry, kind } of arrows) {
    const from = mermaidId(entry.from);
    const to = mermaidId(entry.to);
    if (kind === 'request') {
      const request = describeRequest(entry);
      const text = request.wire ? `${request.label} (${request.wire})` : request.label;
      lines.push(`  ${from}->>${to}: ${mermaidText(text)}`);
      continue;
    }
    const response = describeResponse(entry);
    if (entry.outcome === 'refused') {
      // A refusal's answer ends in a cross (`--x`), and a note on the receiver says why it said no.
      lines.push(`  ${to}--x${from}: ${mermaidText(response.label)}`);
      const why = response.detail ?? entry.reason;
      lines.push(`  Note over ${to}: ${mermaidText(`Refused${why ? `: ${why}` : ''}`)}`);
    } else {
      lines.push(`  ${to}-->>${from}: ${mermaidText(response.label)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
