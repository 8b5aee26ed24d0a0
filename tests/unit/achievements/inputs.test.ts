import { ValidationError } from '../../../lib/errors';
import { validateInput } from '../../../lib/graphql';
import {
  achievementFilterInput,
  achievementId,
  createAchievementArgs,
  createAchievementInput,
  isAchievementId,
  updateAchievementInput,
} from '../../../subgraphs/achievements/src/resolvers/inputs';

const valid = { title: 'Cut p95 latency', category: 'PERFORMANCE', impactScore: 80, complexityScore: 55 };

/** The `fields` map of the ValidationError thrown for `input`, or undefined when it is valid. */
function invalidFields(schema: Parameters<typeof validateInput>[0], input: unknown): Record<string, string> | undefined {
  try {
    validateInput(schema, input);
    return undefined;
  } catch (err) {
    if (err instanceof ValidationError) return err.fields;
    throw err;
  }
}

describe('createAchievementInput', () => {
  it('fills the documented defaults for a minimal input', () => {
    expect(validateInput(createAchievementInput, valid)).toEqual({
      ...valid,
      description: '',
      timeSavedHours: 0,
      sourceType: 'MANUAL',
      portfolioReady: true,
      displayPriority: 50,
      tags: [],
      skills: [],
      metrics: {},
    });
  });

  it('makes an achievement portfolio-ready by default from an impact score of 70 (seed rule), unless told otherwise', () => {
    expect(validateInput(createAchievementInput, { ...valid, impactScore: 70 }).portfolioReady).toBe(true);
    expect(validateInput(createAchievementInput, { ...valid, impactScore: 69.99 }).portfolioReady).toBe(false);
    expect(validateInput(createAchievementInput, { ...valid, impactScore: 95, portfolioReady: false }).portfolioReady).toBe(false);
    expect(validateInput(createAchievementInput, { ...valid, impactScore: 10, portfolioReady: true }).portfolioReady).toBe(true);
  });

  it('accepts a display priority 0..100 and rejects others', () => {
    expect(validateInput(createAchievementInput, { ...valid, displayPriority: 100 }).displayPriority).toBe(100);
    expect(invalidFields(createAchievementInput, { ...valid, displayPriority: 101 })).toHaveProperty('displayPriority');
    expect(invalidFields(createAchievementInput, { ...valid, displayPriority: 1.5 })).toHaveProperty('displayPriority');
  });

  it('trims the title and accepts 1 and 200 characters', () => {
    expect(validateInput(createAchievementInput, { ...valid, title: '  A  ' }).title).toBe('A');
    expect(validateInput(createAchievementInput, { ...valid, title: 'x'.repeat(200) }).title).toHaveLength(200);
  });

  it('rejects an empty, blank or 201-character title', () => {
    expect(invalidFields(createAchievementInput, { ...valid, title: '' })).toHaveProperty('title');
    expect(invalidFields(createAchievementInput, { ...valid, title: '   ' })).toHaveProperty('title');
    expect(invalidFields(createAchievementInput, { ...valid, title: 'x'.repeat(201) })).toHaveProperty('title');
  });

  it('accepts scores 0 and 100 and rejects scores just outside', () => {
    expect(invalidFields(createAchievementInput, { ...valid, impactScore: 0, complexityScore: 100 })).toBeUndefined();
    expect(invalidFields(createAchievementInput, { ...valid, impactScore: 100.01 })).toEqual({ impactScore: 'must be between 0 and 100' });
    expect(invalidFields(createAchievementInput, { ...valid, complexityScore: -0.01 })).toEqual({ complexityScore: 'must be between 0 and 100' });
  });

  it('rejects negative hours and a negative business value', () => {
    expect(invalidFields(createAchievementInput, { ...valid, timeSavedHours: -1 })).toEqual({ timeSavedHours: 'must be >= 0' });
    expect(invalidFields(createAchievementInput, { ...valid, durationHours: -0.5 })).toEqual({ durationHours: 'must be >= 0' });
    expect(invalidFields(createAchievementInput, { ...valid, businessValue: -10 })).toEqual({ businessValue: 'must be >= 0' });
  });

  it('accepts http(s) source URLs only', () => {
    expect(invalidFields(createAchievementInput, { ...valid, sourceUrl: 'https://github.com/o/r/pull/1' })).toBeUndefined();
    expect(invalidFields(createAchievementInput, { ...valid, sourceUrl: 'not a url' })).toHaveProperty('sourceUrl');
    expect(invalidFields(createAchievementInput, { ...valid, sourceUrl: 'ftp://example.com/x' })).toHaveProperty('sourceUrl');
  });

  it('requires a sourceId for a GitHub pull request but not for a manual entry', () => {
    expect(invalidFields(createAchievementInput, { ...valid, sourceType: 'GITHUB_PR' })).toEqual({
      sourceId: 'is required when sourceType is not MANUAL',
    });
    expect(invalidFields(createAchievementInput, { ...valid, sourceType: 'GITHUB_PR', sourceId: 'o/r#1' })).toBeUndefined();
  });

  it('rejects a completion before the start and accepts equal times', () => {
    const startedAt = new Date('2026-03-01T10:00:00Z');
    expect(invalidFields(createAchievementInput, { ...valid, startedAt, completedAt: new Date('2026-03-01T09:59:59Z') })).toEqual({
      completedAt: 'completedAt must not be before startedAt',
    });
    expect(invalidFields(createAchievementInput, { ...valid, startedAt, completedAt: startedAt })).toBeUndefined();
  });

  it('normalizes tags and skills and limits them to 30 labels of 50 characters', () => {
    const parsed = validateInput(createAchievementInput, { ...valid, tags: [' perf', 'PERF', ''], skills: ['TypeScript', 'typescript '] });
    expect(parsed.tags).toEqual(['perf']);
    expect(parsed.skills).toEqual(['TypeScript']);
    expect(invalidFields(createAchievementInput, { ...valid, tags: Array.from({ length: 31 }, (_, i) => `t${i}`) })).toHaveProperty('tags');
    expect(invalidFields(createAchievementInput, { ...valid, skills: ['x'.repeat(51)] })).toHaveProperty(['skills.0']);
  });

  it('rejects metrics that are not a JSON object', () => {
    expect(invalidFields(createAchievementInput, { ...valid, metrics: [1, 2] })).toHaveProperty('metrics');
    expect(validateInput(createAchievementInput, { ...valid, metrics: { rps: 1200 } }).metrics).toEqual({ rps: 1200 });
  });
});

describe('updateAchievementInput', () => {
  it('rejects an empty change set', () => {
    expect(invalidFields(updateAchievementInput, {})).toEqual({ input: 'at least one field is required' });
  });

  it('keeps omitted fields undefined and lets null clear the optional ones', () => {
    expect(validateInput(updateAchievementInput, { businessValue: null, sourceUrl: null })).toEqual({ businessValue: null, sourceUrl: null });
  });

  it('rejects null for required fields and applies the create rules', () => {
    expect(invalidFields(updateAchievementInput, { title: null })).toHaveProperty('title');
    expect(invalidFields(updateAchievementInput, { impactScore: 150 })).toEqual({ impactScore: 'must be between 0 and 100' });
    expect(invalidFields(updateAchievementInput, { timeSavedHours: -2 })).toEqual({ timeSavedHours: 'must be >= 0' });
  });
});

describe('achievementFilterInput', () => {
  it('turns a missing filter into no conditions', () => {
    expect(validateInput(achievementFilterInput, undefined)).toEqual({
      category: undefined,
      portfolioReady: undefined,
      minImpactScore: undefined,
      search: undefined,
    });
  });

  it('trims the search text and ignores a blank one', () => {
    expect(validateInput(achievementFilterInput, { search: '  cache ' }).search).toBe('cache');
    expect(validateInput(achievementFilterInput, { search: '   ' }).search).toBeUndefined();
  });

  it('rejects a minimum impact score above 100', () => {
    expect(invalidFields(achievementFilterInput, { minImpactScore: 101 })).toEqual({ minImpactScore: 'must be between 0 and 100' });
  });
});

describe('achievementId', () => {
  it('accepts a UUID and rejects anything else', () => {
    expect(achievementId.safeParse('6f1c1a52-4a8e-4c51-9a3e-2f0b7a9d1c11').success).toBe(true);
    expect(achievementId.safeParse('42').success).toBe(false);
  });
});

describe('isAchievementId', () => {
  it('is true for a UUID only, whatever the type of the value', () => {
    expect(isAchievementId('6f1c1a52-4a8e-4c51-9a3e-2f0b7a9d1c11')).toBe(true);
    expect(isAchievementId('42')).toBe(false);
    expect(isAchievementId(42)).toBe(false);
  });
});

describe('createAchievementArgs', () => {
  it('reports invalid fields under input., as the mutation argument is named', () => {
    expect(invalidFields(createAchievementArgs, { input: { ...valid, title: '' } })).toEqual({ 'input.title': 'must not be empty' });
  });
});
