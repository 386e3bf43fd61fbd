// The text version lists the same exchanges as the diagram, numbered, with outcome and what each carried.

import { describe, expect, it } from 'vitest';
import { describeTrace, exchangeSentence, nestingDepths, traceAsText } from '../../src/lib/diagram/text';
import { figure1, figure2, figure3, figure4 } from './fixtures';

describe('text version', () => {
  it('says a refusal with its code and message', () => {
    const [entry] = figure3.entries;
    if (!entry) throw new Error('fixture');
    expect(exchangeSentence(entry, 2)).toBe(
      '3. App → DynamoDB: Read the order straight from DynamoDB (GetItem) — refused: 400 MissingAuthenticationTokenException: Request is missing Authentication Token'
    );
  });

  it('numbers the exchanges in request order, hops included, and says what came back', () => {
    expect(describeTrace(figure2.entries).map((item) => item.text)).toEqual([
      '1. App → API Gateway: Get the order (GET /orders/42 · Authorization: eyJ…) — answered 200 · the order',
      '2. API Gateway → User pool: Fetch the signing keys (GET /…/jwks.json) — answered 200 · 2 public keys',
      "3. API Gateway → Lambda: Run the function with the token's claims (Invoke · get-order) — answered 200 · proxy result, statusCode 200",
      '4. Lambda → DynamoDB: Read the order (GetItem) — answered 200 · the order'
    ]);
  });

  it('gives the nesting depth of each exchange', () => {
    expect(describeTrace(figure2.entries).map((item) => item.depth)).toEqual([0, 1, 1, 2]);
    expect([...nestingDepths(figure4.entries).values()]).toEqual([0, 0, 1, 0]);
  });

  it('says in words what travelled', () => {
    const items = describeTrace(figure4.entries);
    expect(items[1]?.carries).toBe(
      'The request carries a JWT. The answer carries temporary AWS credentials.'
    );
    expect(items[3]?.carries).toBe('The request carries a SigV4 signature.');
    expect(describeTrace(figure1.entries)[1]?.carries).toBe('The answer carries a JWT and a refresh token.');
    expect(describeTrace(figure1.entries)[0]?.carries).toBe('');
  });

  it('marks states by step, like the diagram', () => {
    expect(describeTrace(figure4.entries, 2).map((item) => item.state)).toEqual([
      'past',
      'current',
      'future',
      'future'
    ]);
    expect(describeTrace(figure4.entries, 0).every((item) => item.state === 'future')).toBe(true);
    expect(describeTrace(figure4.entries, 3, 1).map((item) => item.state)).toEqual([
      'past',
      'current',
      'current',
      'future'
    ]);
    expect(describeTrace(figure3.entries)[0]).toMatchObject({
      number: 1,
      outcome: 'refused',
      state: 'current'
    });
  });

  it('copies as plain text: revealed exchanges only, hops indented', () => {
    expect(
      traceAsText(figure2.entries, 4)
        .split('\n')
        .map((line) => line.slice(0, 30))
    ).toEqual([
      '1. App → API Gateway: Get the ',
      '  2. API Gateway → User pool: ',
      '  3. API Gateway → Lambda: Run',
      '    4. Lambda → DynamoDB: Read'
    ]);
    expect(traceAsText(figure2.entries, 1).split('\n')).toHaveLength(1);
    expect(traceAsText(figure2.entries, 0)).toBe('');
  });
});
