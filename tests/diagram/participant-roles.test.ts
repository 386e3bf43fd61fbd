// Lifeline subtitles come from the story: DynamoDB's names the tables the scenario's trace actually touched.
import { describe, expect, it } from 'vitest';
import { layoutDiagram, participantInfo, tablesTouched } from '../../src/lib/diagram';
import { scenarioFigure } from './scenario-figures';

function dynamoRole(
  participants: Parameters<typeof layoutDiagram>[0]['participants'],
  entries: Parameters<typeof layoutDiagram>[0]['entries'],
  width: number
): string {
  const layout = layoutDiagram({ participants, entries, step: entries.length, width });
  const lifeline = layout.lifelines.find((candidate) => candidate.id === 'dynamodb');
  return lifeline?.role.map((line) => line.text).join(' ') ?? '';
}

/** The header's tooltip: on a phone, where the header shows a short name only, the role is there. */
function dynamoTooltip(
  participants: Parameters<typeof layoutDiagram>[0]['participants'],
  entries: Parameters<typeof layoutDiagram>[0]['entries'],
  width: number
): string {
  const layout = layoutDiagram({ participants, entries, step: entries.length, width });
  return layout.lifelines.find((candidate) => candidate.id === 'dynamodb')?.fullName ?? '';
}

describe('participant subtitles', () => {
  it('names UserNotes, not Orders, in a story that only touches UserNotes (own-orders-only)', async () => {
    const figure = await scenarioFigure('own-orders-only', 'own-orders-only');
    expect(tablesTouched(figure.entries)).toEqual(['UserNotes']);
    expect(dynamoRole(figure.participants, figure.entries, 1280)).toBe('table UserNotes');
    expect(dynamoRole(figure.participants, figure.entries, 360)).toBe('');
    expect(dynamoTooltip(figure.participants, figure.entries, 360)).toBe('DynamoDB: table UserNotes');
  });

  it('still names Orders where the story reads an order (identity-pool)', async () => {
    const figure = await scenarioFigure('identity-pool', 'identity-pool');
    expect(dynamoRole(figure.participants, figure.entries, 1280)).toBe('table Orders');
  });

  it('names every table a trace touched, and no table when none was', async () => {
    const figure = await scenarioFigure('identity-pool', 'identity-pool');
    const read = figure.entries.find((entry) => entry.to === 'dynamodb');
    if (read === undefined) throw new Error('no DynamoDB exchange');
    const notes = { ...read, request: { ...read.request, table: 'UserNotes' } };
    expect(participantInfo('dynamodb', [read, notes]).role).toBe('tables Orders, UserNotes');
    expect(participantInfo('dynamodb', []).role).not.toMatch(/Orders|UserNotes/);
  });
});
