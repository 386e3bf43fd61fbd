// Slim entries: what a figure page ships for its diagram holds no body, token or credential, and draws the same.

import { beforeAll, describe, expect, it } from 'vitest';
import {
  describeTrace,
  layoutDiagram,
  renderDiagramMarkup,
  toDiagramEntry,
  traceAsText,
  type DiagramEntry
} from '../../src/lib/diagram';
import { runScenario, scenarios } from '../../src/lib/scenarios';
import { loadFigure } from '../../src/lib/server/figure';
import type { TraceEntry } from '../../src/lib/sim';
import { FIGURES, type Figure } from './fixtures';
import { scenarioFigure } from './scenario-figures';

/** Every scenario played headless, and the lesson's hand-made figures. */
let figures: Figure[];
beforeAll(async () => {
  figures = [...FIGURES];
  for (const { id } of scenarios) figures.push(await scenarioFigure(id, id));
}, 60_000);

/** As a page gets them: serialised at build time and read back. */
const shipped = (entries: readonly TraceEntry[]): DiagramEntry[] =>
  JSON.parse(JSON.stringify(entries.map(toDiagramEntry))) as DiagramEntry[];

/** The credentials and tokens a trace's messages hold, found in its bodies and headers. */
function secretsOf(entries: readonly TraceEntry[]): { tokens: string[]; keys: string[] } {
  const tokens: string[] = [];
  const keys: string[] = [];
  for (const entry of entries) {
    const texts = [
      entry.request.url,
      entry.request.body,
      entry.response.body,
      ...Object.values(entry.request.headers),
      ...Object.values(entry.response.headers)
    ];
    for (const text of texts) {
      tokens.push(...(text.match(/eyJ[\w-]+\.[\w-]+\.[\w-]+/g) ?? []));
      for (const match of text.matchAll(
        /"(?:SecretKey|SessionToken|AccessKeyId)":"([^"]+)"|<(?:SecretAccessKey|SessionToken|AccessKeyId)>([^<]+)</g
      )) {
        keys.push(match[1] ?? match[2] ?? '');
      }
    }
  }
  return { tokens, keys };
}

const ENTRY_KEYS = [
  'id',
  'parentId',
  'from',
  'to',
  'operation',
  'start',
  'end',
  'outcome',
  'reason',
  'error',
  'carries',
  'request',
  'response'
];
const REQUEST_KEYS = [
  'method',
  'path',
  'table',
  'authFlow',
  'challenge',
  'logins',
  'role',
  'claims',
  'authorization'
];
const RESPONSE_KEYS = ['status', 'summary', 'envelope'];

describe('slim diagram entries', () => {
  it('hold no body, header, check, decision or signature', () => {
    for (const figure of figures) {
      for (const entry of shipped(figure.trace)) {
        expect(ENTRY_KEYS).toEqual(expect.arrayContaining(Object.keys(entry)));
        expect(REQUEST_KEYS).toEqual(expect.arrayContaining(Object.keys(entry.request)));
        expect(RESPONSE_KEYS).toEqual(expect.arrayContaining(Object.keys(entry.response)));
        for (const carry of entry.carries) expect(Object.keys(carry).sort()).toEqual(['in', 'kind']);
      }
    }
  });

  it('hold no JWT and no AWS credentials of any scenario', () => {
    let tokens = 0;
    let keys = 0;
    for (const figure of figures) {
      const secrets = secretsOf(figure.trace);
      tokens += secrets.tokens.length;
      keys += secrets.keys.length;
      const json = JSON.stringify(shipped(figure.trace));
      // The diagram prints a token sent in Authorization as `eyJ…`; nothing after those three characters.
      expect(json).not.toMatch(/eyJ[\w-]/);
      for (const secret of [...secrets.tokens, ...secrets.keys]) {
        for (const part of secret.split('.').filter((piece) => piece.length >= 16)) {
          expect(json).not.toContain(part);
        }
      }
    }
    // The scenarios do carry tokens and credentials, so the checks above looked at something.
    expect(tokens).toBeGreaterThan(20);
    expect(keys).toBeGreaterThan(5);
  });

  it('are a small part of the trace', () => {
    let full = 0;
    let slim = 0;
    for (const figure of figures.slice(FIGURES.length)) {
      full += JSON.stringify(figure.trace).length;
      slim += JSON.stringify(shipped(figure.trace)).length;
    }
    expect(slim).toBeLessThan(full / 8);
  });

  it('give the same layout, markup and text version after the trip from the build or the worker', () => {
    for (const figure of figures) {
      // Read in memory (figure.entries) and serialised as a page receives them: nothing is lost on the way.
      const slim = shipped(figure.trace);
      expect(describeTrace(slim)).toEqual(describeTrace(figure.entries));
      expect(describeTrace(slim, 2, 1)).toEqual(describeTrace(figure.entries, 2, 1));
      expect(traceAsText(slim)).toBe(traceAsText(figure.entries));
      for (const width of [360, 768, 1920]) {
        for (let step = 0; step <= figure.entries.length; step++) {
          const input = { participants: figure.participants, step, width };
          const fromSlim = layoutDiagram({ ...input, entries: slim });
          const fromFull = layoutDiagram({ ...input, entries: figure.entries });
          expect(fromSlim).toEqual(fromFull);
          expect(renderDiagramMarkup(fromSlim)).toBe(renderDiagramMarkup(fromFull));
        }
      }
    }
  });

  it('are read once, where the trace is: a full entry is not a DiagramEntry, so the page cannot lay one out', () => {
    const figure = figures.at(-1);
    const full = figure?.trace[0];
    if (!full) throw new Error('no entry');
    const slim = toDiagramEntry(full);
    expect(slim).not.toHaveProperty('request.body');
    expect(slim).not.toHaveProperty('checks');
    // @ts-expect-error -- a full entry has a body; the diagram takes what toDiagramEntry made of it.
    const asDiagram: DiagramEntry = full;
    expect(asDiagram.request).toHaveProperty('body');
  });

  it('are what a figure page gets from the build', async () => {
    const figure = await loadFigure('call-api');
    // Only the slim entries: the full record (bodies, tokens) exists in the live world, never in the page.
    expect(figure).not.toHaveProperty('entries');
    expect(figure.diagramEntries).toHaveLength(figure.stepEnds.at(-1) ?? -1);
    expect(figure.diagramEntries.map((entry) => entry.operation)).toEqual(
      (await runScenario('call-api')).trace.map((entry) => entry.operation)
    );
    expect(JSON.stringify(figure)).not.toMatch(/eyJ[\w-]|"body"|"headers"/);
  }, 20_000);
});
