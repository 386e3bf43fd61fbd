// An answer held back while the learner predicts it: the request is drawn, nothing after it, nothing that tells how
// it went; every row stays where it will be once the answer is shown.
import { describe, expect, it } from 'vitest';
import { holdAnswer, layoutDiagram, type DiagramLayout, type ExchangeName } from '../../src/lib/diagram';
import { figure2, figure3, figure4 } from './fixtures';

type Figure = typeof figure2;

function laidOut(figure: Figure, step: number, currentFrom?: number): DiagramLayout {
  return layoutDiagram({
    participants: figure.participants,
    entries: figure.entries,
    step,
    width: 1280,
    ...(currentFrom === undefined ? {} : { options: { currentFrom } })
  });
}

const held = (figure: Figure, step: number, name: ExchangeName, currentFrom?: number) =>
  holdAnswer(laidOut(figure, step, currentFrom), figure.entries, name);

const states = (layout: DiagramLayout) => Object.fromEntries(layout.rows.map((row) => [row.id, row.state]));

describe('an answer held back', () => {
  it('draws the request and nothing after it in the event sequence: no hops, no answer', () => {
    const result = held(figure2, 4, { from: 'app', to: 'api-gateway' }, 0);
    expect(states(result)).toEqual({
      't1:request': 'current',
      't2:request': 'future',
      't2:response': 'future',
      't3:request': 'future',
      't4:request': 'future',
      't4:response': 'future',
      't3:response': 'future',
      't1:response': 'future'
    });
    expect(result.activations.map((a) => a.state)).toEqual(['future', 'future', 'future', 'future']);
  });

  it('holds a hop’s answer with its callers’ answers, and ends a caller’s bar at the held request', () => {
    const result = held(figure2, 4, { from: 'api-gateway', to: 'lambda' }, 0);
    const shown = result.rows.filter((row) => row.state !== 'future').map((row) => row.id);
    expect(shown).toEqual(['t1:request', 't2:request', 't2:response', 't3:request']);
    expect(result.activations.map((a) => a.state)).toEqual(['current', 'current', 'future', 'future']);
    expect(result.activations[0]?.y2).toBe(result.rows.find((row) => row.id === 't3:request')?.y);
  });

  it('draws a refused request as sent, reaching the bar, with no ✕, until its answer is shown', () => {
    const before = laidOut(figure3, 1).rows[0];
    const request = held(figure3, 1, { from: 'app', to: 'dynamodb', operation: 'GetItem' }).rows[0];
    expect(before?.mark).toBeDefined();
    expect(request?.refused).toBe(false);
    expect(request?.mark).toBeUndefined();
    // Where the ✕ touched the arrow's tip, the arrow now goes on to the far side of the circle: the bar's edge.
    expect(request?.x2).toBeCloseTo((before?.mark?.cx ?? 0) + (before?.mark?.r ?? 0), 1);
    expect(held(figure3, 1, { from: 'app', to: 'dynamodb' }).activations[0]?.refused).toBe(false);
  });

  it('moves no row: each stays where it will be once the answer is shown', () => {
    const place = (layout: DiagramLayout) =>
      layout.rows.map(({ id, y, lines, badges }) => ({ id, y, lines, badges }));
    const full = laidOut(figure2, 4, 0);
    expect(place(holdAnswer(full, figure2.entries, { from: 'api-gateway', to: 'lambda' }))).toEqual(
      place(full)
    );
    expect([full.width, full.height]).toEqual([laidOut(figure2, 4).width, laidOut(figure2, 4).height]);
  });

  it('does not tell how the held exchange went in the accessible name', () => {
    const result = held(figure3, 1, { from: 'app', to: 'dynamodb' });
    expect(result.description).toBe(
      'Sequence diagram between App, DynamoDB: 1 of 1 exchanges shown. Waiting for DynamoDB to answer App.'
    );
    const hop = held(figure2, 4, { from: 'api-gateway', to: 'lambda' }, 0).description;
    expect(hop).toContain('Current: 2. API Gateway → User pool');
    expect(hop).not.toContain('1. App → API Gateway');
    expect(hop).toMatch(/Waiting for Lambda to answer API Gateway\.$/);
  });

  it('holds only an exchange of the current step: an earlier one, or none, leaves the layout as it is', () => {
    // Figure 4's step 4 is the signed GetItem; app → identity-pool happened earlier.
    const layout = laidOut(figure4, 4);
    expect(holdAnswer(layout, figure4.entries, { from: 'app', to: 'identity-pool' })).toBe(layout);
    expect(holdAnswer(layout, figure4.entries, { from: 'app', to: 'dynamodb', operation: 'PutItem' })).toBe(
      layout
    );
    expect(states(holdAnswer(layout, figure4.entries, { from: 'app', to: 'dynamodb' }))['t4:response']).toBe(
      'future'
    );
  });
});
