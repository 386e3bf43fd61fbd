// The Mermaid export parses with mermaid's own parser (a dev dependency; jsdom for its sanitiser), for figures with
// and without refusals, and says what the diagram says: one message per arrow, a note per refusal.

import mermaid from 'mermaid';
import { beforeAll, describe, expect, it } from 'vitest';
import { mermaidId, mermaidText, toMermaid } from '../../src/lib/export';
import { play, type Played } from './play';

const SCENARIOS = [
  'identity-pool',
  'jwt-to-dynamodb',
  'wrong-password',
  'tampered-token',
  'broken-trust',
  'call-api'
];

describe('toMermaid', () => {
  const played: Record<string, Played> = {};
  beforeAll(async () => {
    for (const id of SCENARIOS) played[id] = await play(id);
  }, 120_000);

  it('writes text mermaid parses as a sequence diagram', async () => {
    for (const id of SCENARIOS) {
      const run = played[id] as Played;
      const text = toMermaid({ participants: run.participants, entries: run.entries, title: run.title });
      const result = await mermaid.parse(text);
      expect(result, id).toMatchObject({ diagramType: 'sequence' });
    }
  });

  it('rejects what is not a diagram (the parser is really checking)', async () => {
    await expect(mermaid.parse('sequenceDiagram\n  app->>: ;;\n  Note over')).rejects.toThrow();
  });

  it('has one message per arrow and a note for each refusal', () => {
    for (const id of SCENARIOS) {
      const run = played[id] as Played;
      const lines = toMermaid({ participants: run.participants, entries: run.entries }).split('\n');
      const messages = lines.filter((line) => /^ {2}\w+(->>|-->>|--x)\w+: /.test(line));
      expect(messages, id).toHaveLength(2 * run.entries.length);
      const refused = run.entries.filter((entry) => entry.outcome === 'refused').length;
      expect(
        lines.filter((line) => line.includes('--x')),
        id
      ).toHaveLength(refused);
      expect(
        lines.filter((line) => line.startsWith('  Note over ')),
        id
      ).toHaveLength(refused);
      if (id !== 'identity-pool' && id !== 'call-api') expect(refused, id).toBeGreaterThan(0);
    }
  });

  it('names participants by their display names', () => {
    const run = played['identity-pool'] as Played;
    const text = toMermaid({ participants: run.participants, entries: run.entries });
    expect(text).toContain('participant userPool as User pool');
    expect(text).toContain('participant identityPool as Identity pool');
    expect(mermaidId('api-gateway')).toBe('apiGateway');
  });

  it('writes ; # < > as entities', () => {
    expect(mermaidText('a;b #1 <x>\nc')).toBe('a#59;b #35;1 #60;x#62; c');
  });
});
