import type { AchievementRow } from '../../../subgraphs/achievements/src/db/database';
import { createAchievementInput, updateAchievementInput } from '../../../subgraphs/achievements/src/domain/achievement-input';
import {
  toAchievement,
  toAchievementChanges,
  toNewAchievementRow,
} from '../../../subgraphs/achievements/src/resolvers/achievement-mapping';

const row: AchievementRow = {
  id: '6f1c1a52-4a8e-4c51-9a3e-2f0b7a9d1c11',
  title: 'Cut p95 latency',
  description: 'Added a read-through cache',
  category: 'PERFORMANCE',
  impact_score: '87.50',
  complexity_score: '40.00',
  business_value: '12000.00',
  time_saved_hours: '3.25',
  duration_hours: null,
  source_type: 'GITHUB_PR',
  source_id: 'acme/api#42',
  source_url: 'https://github.com/acme/api/pull/42',
  portfolio_ready: true,
  tags: ['perf'],
  skills: ['Redis'],
  metrics: { p95MsBefore: 420, p95MsAfter: 180 },
  started_at: null,
  completed_at: null,
  created_by: 'alice',
  created_at: new Date('2026-11-21T10:00:00.000Z'),
  updated_at: new Date('2026-11-21T10:05:00.000Z'),
};

describe('toAchievement', () => {
  it('turns decimal strings into numbers and snake_case into camelCase', () => {
    expect(toAchievement(row)).toMatchObject({
      impactScore: 87.5,
      complexityScore: 40,
      businessValue: 12000,
      timeSavedHours: 3.25,
      durationHours: null,
      sourceType: 'GITHUB_PR',
      sourceId: 'acme/api#42',
      portfolioReady: true,
      metrics: { p95MsBefore: 420, p95MsAfter: 180 },
      createdAt: new Date('2026-11-21T10:00:00.000Z'),
    });
  });

  it('keeps an unknown business value null rather than 0', () => {
    expect(toAchievement({ ...row, business_value: null }).businessValue).toBeNull();
  });
});

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
    expect(toAchievementChanges(input)).toEqual({ title: 'New title', business_value: null, metrics: '{"a":1}' });
  });
});
