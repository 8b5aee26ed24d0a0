import { toNewAchievementRow } from '../../../subgraphs/achievements/src/operations/create-achievement';
import { toAchievementChanges } from '../../../subgraphs/achievements/src/operations/update-achievement';
import { createAchievementInput, updateAchievementInput } from '../../../subgraphs/achievements/src/resolvers/inputs';

describe('toNewAchievementRow', () => {
  it('derives the duration from the timeline when none is given and serializes metrics as JSON', () => {
    const input = createAchievementInput.parse({
      title: 'Migrate CI',
      category: 'INFRASTRUCTURE',
      impactScore: 60,
      complexityScore: 70,
      metrics: { steps: [1, 2] },
      startedAt: new Date('2026-02-01T08:00:00Z'),
      completedAt: new Date('2026-02-01T14:45:00Z'),
    });
    const values = toNewAchievementRow(input, 'alice');
    expect(values.created_by).toBe('alice');
    expect(values.duration_hours).toBe(6.75);
    expect(values.metrics).toBe('{"steps":[1,2]}');
    expect(values.source_type).toBe('MANUAL');
    expect(values.source_id).toBeNull();
  });

  it('keeps an explicit duration over the derived one', () => {
    const input = createAchievementInput.parse({
      title: 'Migrate CI',
      category: 'INFRASTRUCTURE',
      impactScore: 60,
      complexityScore: 70,
      durationHours: 3,
      startedAt: new Date('2026-02-01T08:00:00Z'),
      completedAt: new Date('2026-02-01T14:45:00Z'),
    });
    expect(toNewAchievementRow(input, 'alice').duration_hours).toBe(3);
  });
});

describe('toAchievementChanges', () => {
  it('contains only the changed columns, with null for cleared ones', () => {
    const input = updateAchievementInput.parse({ title: 'New title', businessValue: null, metrics: { a: 1 } });
    expect(toAchievementChanges(input)).toStrictEqual({ title: 'New title', business_value: null, metrics: '{"a":1}' });
  });
});
