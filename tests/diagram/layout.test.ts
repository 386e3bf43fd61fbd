// The diagram layout is pure geometry: rows nest in event order, steps reveal exchanges, labels never collide, at any width.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DETAIL_MAX_LINES,
  layoutDiagram,
  TYPE_SCALES,
  type DiagramLayout
} from '../../src/lib/diagram/layout';
import { toDiagramEntry, type DiagramEntry } from '../../src/lib/diagram';
import type { ParticipantId, TraceEntry } from '../../src/lib/sim/trace';
import { FIGURES, figure2, figure3, figure4, fakeJwt } from './fixtures';
import { outside, overlaps, splitWords, tooSmall, uncovered } from './geometry';

const WIDTHS = [310, 360, 768, 1280, 1920] as const;

function layout(
  figure: { participants: ParticipantId[]; entries: DiagramEntry[] },
  step: number,
  width = 1280
) {
  return layoutDiagram({ participants: figure.participants, entries: figure.entries, step, width });
}

function rowY(result: DiagramLayout, id: string): number {
  const row = result.rows.find((r) => r.id === id);
  if (!row) throw new Error(`no row ${id}`);
  return row.y;
}

describe('row order and nesting', () => {
  it('puts one row per request and per response in global event order', () => {
    const result = layout(figure2, figure2.entries.length);
    expect(result.rows.map((row) => row.id)).toEqual([
      't1:request',
      't2:request',
      't2:response',
      't3:request',
      't4:request',
      't4:response',
      't3:response',
      't1:response'
    ]);
    const ys = result.rows.map((row) => row.y);
    expect([...ys].sort((a, b) => a - b)).toEqual(ys);
    expect(new Set(ys).size).toBe(ys.length);
  });

  it('nests hops between the request and the response of the exchange that made them', () => {
    const result = layout(figure2, figure2.entries.length);
    // app→api-gateway contains api-gateway→user-pool and api-gateway→lambda, which contains lambda→dynamodb.
    for (const [outer, inner] of [
      ['t1', 't2'],
      ['t1', 't3'],
      ['t3', 't4']
    ] as const) {
      expect(rowY(result, `${outer}:request`)).toBeLessThan(rowY(result, `${inner}:request`));
      expect(rowY(result, `${inner}:response`)).toBeLessThan(rowY(result, `${outer}:response`));
    }
    expect(rowY(result, 't2:response')).toBeLessThan(rowY(result, 't3:request'));
    expect(result.rows.find((r) => r.id === 't4:request')?.depth).toBe(2);
  });

  it('sends responses back from the receiver to the sender', () => {
    const result = layout(figure2, figure2.entries.length);
    const response = result.rows.find((r) => r.id === 't3:response');
    expect(response).toMatchObject({ kind: 'response', from: 'lambda', to: 'api-gateway' });
    const x = (id: ParticipantId) => result.lifelines.find((l) => l.id === id)?.x ?? NaN;
    // Right to left, leaving lambda's bar and arriving at api-gateway's bar (both a little off the lifeline).
    expect(response?.x1).toBeLessThan(x('lambda'));
    expect(response?.x2).toBeGreaterThan(x('api-gateway'));
    expect(response?.x2).toBeLessThan(response?.x1 ?? 0);
  });

  it('draws one activation bar per exchange on the receiver, spanning request to response', () => {
    const result = layout(figure2, figure2.entries.length);
    expect(result.activations.map((a) => [a.id, a.participant])).toEqual([
      ['t1', 'api-gateway'],
      ['t2', 'user-pool'],
      ['t3', 'lambda'],
      ['t4', 'dynamodb']
    ]);
    const bar = result.activations.find((a) => a.id === 't3');
    expect(bar?.y1).toBe(rowY(result, 't3:request'));
    expect(bar?.y2).toBe(rowY(result, 't3:response'));
  });

  it('marks both rows of a refused exchange and puts a ✕ where the request stopped', () => {
    const result = layout(figure3, 1);
    const [request, response] = result.rows;
    expect(request?.refused).toBe(true);
    expect(response?.refused).toBe(true);
    expect(request?.mark).toBeDefined();
    expect(response?.mark).toBeUndefined();
    // The arrow's tip touches the circle's near side.
    expect((request?.mark?.cx ?? 0) - (request?.mark?.r ?? 0)).toBeCloseTo(request?.x2 ?? NaN, 5);
    expect(response?.lines.map((l) => l.text).join(' ')).toContain('MissingAuthenticationTokenException');
  });
});

describe('steps', () => {
  it('marks earlier exchanges past, the one at step - 1 current (request and response), later ones future', () => {
    const result = layout(figure2, 3);
    const states = Object.fromEntries(result.rows.map((row) => [row.id, row.state]));
    expect(states).toEqual({
      't1:request': 'past',
      't2:request': 'past',
      't2:response': 'past',
      't3:request': 'current',
      't4:request': 'future',
      't4:response': 'future',
      't3:response': 'current',
      't1:response': 'past'
    });
    expect(result.activations.map((a) => a.state)).toEqual(['past', 'past', 'current', 'future']);
  });

  it('makes a whole scenario step current when it sent several exchanges (currentFrom)', () => {
    const result = layoutDiagram({ ...figure2, step: 4, width: 1280, options: { currentFrom: 0 } });
    expect(result.rows.every((row) => row.state === 'current')).toBe(true);
    expect(result.description).toContain('Current: 1. App → API Gateway');
    expect(result.description).toContain('4. Lambda → DynamoDB');
    const later = layoutDiagram({ ...figure4, step: 3, width: 1280, options: { currentFrom: 1 } });
    expect(later.activations.map((a) => a.state)).toEqual(['past', 'current', 'current', 'future']);
  });

  it('reveals nothing at step 0 and clamps steps beyond the trace', () => {
    expect(layout(figure4, 0).rows.every((row) => row.state === 'future')).toBe(true);
    const beyond = layout(figure4, 99);
    expect(beyond.step).toBe(4);
    expect(beyond.rows.filter((row) => row.state === 'current').map((r) => r.id)).toEqual([
      't4:request',
      't4:response'
    ]);
  });

  it('keeps every position the same from step to step, so nothing jumps while playing', () => {
    const positions = (step: number) =>
      layout(figure2, step).rows.map(({ id, x1, x2, y, lines }) => ({ id, x1, x2, y, lines }));
    for (let step = 0; step <= figure2.entries.length; step++) expect(positions(step)).toEqual(positions(4));
  });

  it('summarises the current exchange for the accessible name', () => {
    expect(layout(figure3, 1).description).toBe(
      'Sequence diagram between App, DynamoDB: 1 of 1 exchanges shown. Current: 1. App → DynamoDB: ' +
        'Read the order straight from DynamoDB (GetItem) — refused: 400 MissingAuthenticationTokenException: ' +
        'Request is missing Authentication Token'
    );
  });
});

describe('widths and type', () => {
  it('states font sizes as numbers, large enough for a classroom at 1920 px', () => {
    const wide = layout(figure2, 4, 1920);
    expect(wide.scale.name).toBe('large');
    expect(wide.scale.label).toBeGreaterThanOrEqual(22);
    expect(wide.scale.title).toBeGreaterThanOrEqual(26);
    for (const row of wide.rows)
      for (const line of row.lines) expect(line.fontSize).toBeGreaterThanOrEqual(20);
  });

  it('condenses at 360 px: compact type, short names alone in the headers, full names in their tooltips', () => {
    const two = layout(figure3, 1, 360);
    expect(two.scale.name).toBe('compact');
    expect(two.width).toBe(360);
    expect(two.scroll).toBe(false);
    expect(two.lifelines.map((l) => l.title.map((line) => line.text).join(' '))).toEqual(['App', 'DynamoDB']);
    expect(two.lifelines.every((l) => l.role.length === 0)).toBe(true);
    expect(two.lifelines.map((l) => l.fullName)).toEqual([
      "App: the learner's browser app",
      'DynamoDB: table Orders'
    ]);
    // Five lifelines fit a phone's 310 px (360 less the page's padding) without scrolling.
    const five = layout(figure2, 4, 310);
    expect(five.scroll).toBe(false);
    expect(five.width).toBe(310);
    expect(five.lifelines.map((l) => l.title.map((line) => line.text).join(' '))).toEqual([
      'App',
      'API GW',
      'User pool',
      'Lambda',
      'DynamoDB'
    ]);
  });

  it('scrolls only when the columns or the widest word do not fit, and says so', () => {
    const narrow = layout(figure2, 4, 240);
    expect(narrow.scroll).toBe(true);
    expect(narrow.width).toBeGreaterThan(240);
    expect(narrow.requestedWidth).toBe(240);
    const compact = TYPE_SCALES.find((scale) => scale.name === 'compact');
    expect(narrow.width).toBeLessThanOrEqual(5 * 2 * (compact?.minColumn ?? 0) + 2 * (compact?.margin ?? 0));
    expect(layout(figure2, 4, 768).scroll).toBe(false);
  });

  it('gives a header with a wide name a wider column, and shares the rest equally', () => {
    const result = layout(figure2, 4, 310);
    const widthOf = (id: ParticipantId) => result.lifelines.find((l) => l.id === id)?.header.width ?? NaN;
    // App and API GW share the room left; User pool, Lambda and DynamoDB need a little more each.
    expect(widthOf('app')).toBe(widthOf('api-gateway'));
    expect(widthOf('user-pool')).toBeGreaterThanOrEqual(widthOf('app'));
    expect(widthOf('lambda')).toBeGreaterThan(widthOf('user-pool'));
    expect(widthOf('dynamodb')).toBeGreaterThan(widthOf('lambda'));
    for (const lifeline of result.lifelines) {
      for (const line of lifeline.title) expect(line.width).toBeLessThanOrEqual(lifeline.header.width);
    }
    const xs = result.lifelines.map((l) => l.x);
    for (const [index, lifeline] of result.lifelines.entries()) {
      const next = result.lifelines[index + 1];
      if (next) expect(lifeline.header.x + lifeline.header.width).toBeLessThan(next.header.x);
    }
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    // On a wide screen the columns are equal.
    const wide = layout(figure2, 4, 1280);
    const wideXs = wide.lifelines.map((l) => l.x);
    const wideGaps = wideXs.slice(1).map((x, i) => Math.round(x - (wideXs[i] ?? 0)));
    expect(new Set(wideGaps).size).toBe(1);
  });

  it('never splits an API name across lines, at any width', () => {
    for (const width of [240, 310, 360, 500, 768, 1280, 1920]) {
      for (const figure of FIGURES) {
        const result = layout(figure, figure.entries.length, width);
        expect(splitWords(result, figure.entries), `${figure.name} at ${width}`).toEqual([]);
        if (figure.name !== 'figure-1-sign-in') continue;
        const texts = result.rows.flatMap((row) => row.lines.map((line) => line.text));
        for (const name of ['RespondToAuthChallenge', 'PASSWORD_VERIFIER', 'USER_SRP_AUTH']) {
          expect(texts.some((text) => text.split(' ').includes(name))).toBe(true);
        }
      }
    }
  });

  it('lets a label run wider than the space between its lifelines, on a plate, inside the drawing', () => {
    const result = layout(figure4, 4, 310);
    const xOf = new Map(result.lifelines.map((l) => [l.id, l.x]));
    const wider = result.rows.filter((row) => {
      const [a, b] = [xOf.get(row.from) ?? 0, xOf.get(row.to) ?? 0].sort((p, q) => p - q);
      return row.plates.some((plate) => plate.x < (a ?? 0) || plate.x + plate.width > (b ?? 0));
    });
    expect(wider.length).toBeGreaterThan(0);
    expect(uncovered(result)).toEqual([]);
    expect(outside(result)).toEqual([]);
    expect(overlaps(result)).toEqual([]);
  });

  it('draws no text below 12 px at any width, whatever the scale', () => {
    for (const scale of TYPE_SCALES) {
      for (const size of [scale.label, scale.wire, scale.detail, scale.title, scale.role, scale.badge]) {
        expect(size, scale.name).toBeGreaterThanOrEqual(12);
      }
    }
    for (const width of [240, 360, 768, 1280, 1920]) {
      for (const figure of FIGURES)
        expect(tooSmall(layout(figure, figure.entries.length, width))).toEqual([]);
    }
  });

  it('uses compact type when asked to, whatever the width', () => {
    const forced = layoutDiagram({ ...figure4, step: 4, width: 1920, options: { compact: true } });
    expect(forced.scale.name).toBe('compact');
    expect(forced.width).toBe(1920);
  });

  it('steps down to smaller type before a wide diagram with many lifelines gets cramped', () => {
    const all: ParticipantId[] = [
      'app',
      'user-pool',
      'identity-pool',
      'api-gateway',
      'lambda',
      'dynamodb',
      'sts',
      'google'
    ];
    expect(layoutDiagram({ participants: all, entries: [], step: 0, width: 768 }).scale.name).toBe('compact');
    expect(
      layoutDiagram({ participants: all.slice(0, 4), entries: [], step: 0, width: 768 }).scale.name
    ).toBe('regular');
  });

  it.each(WIDTHS)(
    'has no overlapping labels, badges, marks or headers, no split word and no small text in the four figures at %i px',
    (width) => {
      for (const figure of FIGURES) {
        for (let step = 0; step <= figure.entries.length; step++) {
          const result = layout(figure, step, width);
          expect(overlaps(result), figure.name).toEqual([]);
          expect(outside(result), figure.name).toEqual([]);
          expect(uncovered(result), figure.name).toEqual([]);
          expect(splitWords(result, figure.entries), figure.name).toEqual([]);
          expect(tooSmall(result), figure.name).toEqual([]);
        }
      }
    }
  );

  it('has an overlap check that does catch a collision', () => {
    const result = layout(figure2, 4, 768);
    const [first, second] = result.rows;
    if (!first || !second) throw new Error('rows expected');
    const y = first.plates[0]?.y ?? 0;
    const moved = {
      ...second,
      lines: second.lines.map((line) => ({ ...line, box: { ...line.box, y } })),
      plates: second.plates.map((plate) => ({ ...plate, y }))
    };
    expect(overlaps({ ...result, rows: [first, moved] }).length).toBeGreaterThan(0);
  });

  it('shifts the bar of a call nested on the same lifeline, and starts the inner arrow from it', () => {
    // app → user-pool, during which user-pool → api-gateway → user-pool (a call back into a busy service).
    const base = figure2.entries[1];
    if (!base) throw new Error('fixture');
    const entries: DiagramEntry[] = [
      { ...base, id: 't1', from: 'app', to: 'user-pool', start: 0, end: 5 },
      { ...base, id: 't2', parentId: 't1', from: 'user-pool', to: 'api-gateway', start: 1, end: 4 },
      { ...base, id: 't3', parentId: 't2', from: 'api-gateway', to: 'user-pool', start: 2, end: 3 }
    ];
    const result = layoutDiagram({
      participants: ['app', 'user-pool', 'api-gateway'],
      entries,
      step: 3,
      width: 1280
    });
    const [outer, , inner] = result.activations;
    expect((inner?.x ?? 0) - (outer?.x ?? 0)).toBe(result.scale.activationWidth / 2);
    // The request from user-pool to api-gateway leaves the right edge of user-pool's (outer) bar.
    const out = result.rows.find((r) => r.id === 't2:request');
    expect(out?.x1).toBe((outer?.x ?? 0) + (outer?.width ?? 0));
    expect(overlaps(result)).toEqual([]);
  });

  it('draws a call a service makes to itself without overlaps, on the side with room', () => {
    const base = figure3.entries[0];
    if (!base) throw new Error('fixture');
    for (const to of ['app', 'dynamodb'] as const) {
      const self: DiagramEntry = { ...base, from: to, to };
      const result = layoutDiagram({
        participants: ['app', 'dynamodb'],
        entries: [self],
        step: 1,
        width: 768
      });
      expect(overlaps(result)).toEqual([]);
      expect(outside(result)).toEqual([]);
      const [request] = result.rows;
      const x = result.lifelines.find((l) => l.id === to)?.x ?? NaN;
      if (to === 'app') expect(request?.x2).toBeGreaterThan(x);
      else expect(request?.x2).toBeLessThan(x);
    }
  });

  it('appends participants the trace uses but the caller did not list', () => {
    const result = layoutDiagram({ participants: ['app'], entries: figure3.entries, step: 1, width: 768 });
    expect(result.lifelines.map((l) => l.id)).toEqual(['app', 'dynamodb']);
  });

  it('lays out an empty diagram with just its lifelines', () => {
    const result = layoutDiagram({ participants: ['app', 'user-pool'], entries: [], step: 0, width: 768 });
    expect(result.rows).toEqual([]);
    expect(result.lifelines).toHaveLength(2);
    expect(result.height).toBeGreaterThan(result.lifelines[0]?.header.height ?? Infinity);
  });

  it('is deterministic', () => {
    for (const figure of FIGURES) {
      expect(layout(figure, 2, 768)).toEqual(layout(figure, 2, 768));
      expect(JSON.stringify(layout(figure, 2, 360))).toBe(JSON.stringify(layout(figure, 2, 360)));
    }
  });
});

// ---- Property: random nested traces between 2–8 participants, with long labels, never overlap. ----

const ALL: ParticipantId[] = [
  'app',
  'user-pool',
  'identity-pool',
  'api-gateway',
  'lambda',
  'dynamodb',
  'sts',
  'google'
];

const word = fc.stringMatching(/^[A-Za-z][a-z]{0,13}$/);
const phrase = fc.array(word, { minLength: 1, maxLength: 9 }).map((words) => words.join(' '));
const longWord = fc.stringMatching(/^[A-Za-z]{15,32}$/);
/** An error message with an ARN or a similar token in it, up to far wider than a phone. */
const messageWithToken = fc
  .tuple(phrase, fc.stringMatching(/^[a-z0-9:/_-]{20,140}$/), phrase)
  .map(([before, token, after]) => `${before} ${token} ${after}`);

interface NodeSpec {
  parent: number;
  to: number;
  operation: string;
  authorization: 'none' | 'jwt' | 'sigv4';
  refused: boolean;
  code: string;
  message: string;
}

const nodeSpec: fc.Arbitrary<NodeSpec> = fc.record({
  parent: fc.nat(),
  to: fc.nat(),
  operation: fc.oneof(
    fc.constantFrom('GetItem', 'InitiateAuth', 'GetCredentialsForIdentity', 'AssumeRoleWithWebIdentity'),
    phrase,
    longWord
  ),
  authorization: fc.constantFrom('none', 'jwt', 'sigv4'),
  refused: fc.boolean(),
  code: fc.oneof(longWord, fc.constant('MissingAuthenticationTokenException')),
  message: fc.oneof(phrase, messageWithToken)
});

/** Builds a well-nested trace: node i hangs under an earlier node (or is the app's own request). */
function buildTrace(participants: ParticipantId[], nodes: NodeSpec[]): TraceEntry[] {
  const children = new Map<number, number[]>();
  const receivers: ParticipantId[] = [];
  const senders: ParticipantId[] = [];
  nodes.forEach((node, i) => {
    const parent = i === 0 ? -1 : (node.parent % (i + 1)) - 1;
    const from = parent === -1 ? (participants[0] ?? 'app') : (receivers[parent] ?? 'app');
    const others = participants.filter((p) => p !== from);
    receivers.push(others[node.to % others.length] ?? from);
    senders.push(from);
    children.set(parent, [...(children.get(parent) ?? []), i]);
  });
  const entries: TraceEntry[] = [];
  let position = 0;
  const visit = (i: number, parentId?: string) => {
    const node = nodes[i];
    if (!node) return;
    const id = `t${entries.length + 1}`;
    const start = position++;
    const headers: Record<string, string> = { 'content-type': 'application/x-amz-json-1.1' };
    if (node.authorization === 'jwt') headers.authorization = fakeJwt({ sub: 'x' });
    if (node.authorization === 'sigv4') headers.authorization = 'AWS4-HMAC-SHA256 Credential=ASIA/…';
    const entry: TraceEntry = {
      id,
      ...(parentId === undefined ? {} : { parentId }),
      from: senders[i] ?? 'app',
      to: receivers[i] ?? 'app',
      operation: node.operation,
      request: {
        method: 'POST',
        url: 'https://example.amazonaws.com/',
        headers,
        body: JSON.stringify({ AuthFlow: 'USER_SRP_AUTH', TableName: node.operation })
      },
      response: node.refused
        ? { status: 400, headers: {}, body: JSON.stringify({ __type: node.code, message: node.message }) }
        : { status: 200, headers: {}, body: JSON.stringify({ Credentials: {} }) },
      at: 0,
      start,
      end: -1,
      checks: [],
      outcome: node.refused ? 'refused' : 'ok',
      carries: []
    };
    entries.push(entry);
    for (const child of children.get(i) ?? []) visit(child, id);
    entry.end = position++;
  };
  for (const root of children.get(-1) ?? []) visit(root);
  return entries;
}

const scenario = fc.shuffledSubarray(ALL, { minLength: 2, maxLength: 8 }).chain((participants) =>
  fc.record({
    participants: fc.constant(participants),
    nodes: fc.array(nodeSpec, { minLength: 1, maxLength: 7 }),
    stepFraction: fc.double({ min: 0, max: 1, noNaN: true })
  })
);

describe('property: random traces', () => {
  it.each(WIDTHS)(
    'never overlaps labels or headers, splits a word or draws text below 12 px at %i px, for 2–8 participants and long labels',
    (width) => {
      fc.assert(
        fc.property(scenario, ({ participants, nodes, stepFraction }) => {
          const entries = buildTrace(participants, nodes).map(toDiagramEntry);
          const step = Math.round(stepFraction * entries.length);
          const result = layoutDiagram({ participants, entries, step, width });
          expect(overlaps(result)).toEqual([]);
          expect(outside(result)).toEqual([]);
          expect(uncovered(result)).toEqual([]);
          expect(splitWords(result, entries)).toEqual([]);
          expect(tooSmall(result)).toEqual([]);
          expect(result.width).toBeGreaterThanOrEqual(width);
          expect(result.scroll).toBe(result.width > width);
          // Rows follow the event sequence and every hop sits inside its parent's rows.
          const y = new Map(result.rows.map((row) => [row.id, row.y]));
          for (const entry of entries) {
            if (!entry.parentId) continue;
            expect(y.get(`${entry.parentId}:request`) ?? NaN).toBeLessThan(
              y.get(`${entry.id}:request`) ?? NaN
            );
            expect(y.get(`${entry.id}:response`) ?? NaN).toBeLessThan(
              y.get(`${entry.parentId}:response`) ?? NaN
            );
          }
        }),
        { numRuns: 150 }
      );
    }
  );
});

describe('long error messages', () => {
  it('cuts a refusal detail after a few lines, and a word too wide for the drawing, with an ellipsis', () => {
    const base = figure3.entries[0];
    if (!base) throw new Error('fixture');
    const message =
      'User: arn:aws:sts::123456789012:assumed-role/TwoPools_Authenticated/CognitoIdentityCredentials is not authorized to perform: dynamodb:Query on resource: arn:aws:dynamodb:us-east-1:123456789012:table/UserNotes because no identity-based policy allows the dynamodb:Query action';
    const entry: DiagramEntry = { ...base, error: { code: 'AccessDeniedException', message } };
    for (const width of WIDTHS) {
      const result = layoutDiagram({ participants: ['app', 'dynamodb'], entries: [entry], step: 1, width });
      const details = result.rows[1]?.lines.filter((line) => line.style === 'detail') ?? [];
      expect(details.length).toBeLessThanOrEqual(DETAIL_MAX_LINES);
      if (details.length === DETAIL_MAX_LINES) expect(details.at(-1)?.text.endsWith('…')).toBe(true);
      expect(outside(result)).toEqual([]);
      expect(splitWords(result, [entry])).toEqual([]);
      // An ARN too wide for a phone is cut with …, not split, and does not make the drawing scroll.
      expect(result.scroll).toBe(false);
      expect(result.description).toContain('allows the dynamodb:Query action');
    }
  });
});
