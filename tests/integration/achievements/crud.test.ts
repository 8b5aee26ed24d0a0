import { ACHIEVEMENT_FIELDS, CREATE, createAchievement, startHarness } from './harness';
import { errorCode } from '../../support/graphql';
import { queryRows } from '../../support/database';
import type { AchievementJson, AchievementsHarness } from './harness';

const UNKNOWN_ID = '7d3f6f0e-1111-4aaa-8bbb-000000000000';
const base = { title: 'Cut p95 latency', category: 'PERFORMANCE', impactScore: 80, complexityScore: 55 };

describe('achievements subgraph: create, read, update, delete', () => {
  let harness: AchievementsHarness;

  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness.stop();
  });
  beforeEach(async () => {
    await queryRows(harness.database.url, 'delete from achievements.achievements');
  });

  it('creates an achievement, reads it back, updates it and deletes it', async () => {
    const created = await createAchievement(harness, {
      ...base,
      title: '  Cut p95 latency by 60%  ',
      description: 'Read-through cache in front of the catalogue',
      businessValue: 12000.5,
      timeSavedHours: 3.25,
      sourceType: 'GITHUB_PR',
      sourceId: 'acme/api#42',
      sourceUrl: 'https://github.com/acme/api/pull/42',
      tags: ['perf', 'PERF', ' cache '],
      skills: ['Redis'],
      metrics: { p95MsBefore: 420, p95MsAfter: 170 },
      startedAt: '2026-03-01T09:00:00.000Z',
      completedAt: '2026-03-02T09:30:00.000Z',
    });
    expect(created).toMatchObject({
      title: 'Cut p95 latency by 60%',
      category: 'PERFORMANCE',
      impactScore: 80,
      businessValue: 12000.5,
      timeSavedHours: 3.25,
      durationHours: 24.5,
      sourceType: 'GITHUB_PR',
      sourceId: 'acme/api#42',
      portfolioReady: true,
      tags: ['perf', 'cache'],
      metrics: { p95MsBefore: 420, p95MsAfter: 170 },
      startedAt: '2026-03-01T09:00:00.000Z',
    });
    expect(await harness.countRows()).toBe(1);

    const read = await harness.gql<{ achievement: AchievementJson }>(`query($id: ID!) { achievement(id: $id) { ${ACHIEVEMENT_FIELDS} } }`, {
      id: created.id,
    });
    expect(read.data?.achievement).toEqual(created);

    const updated = await harness.gql<{ updateAchievement: AchievementJson }>(
      `mutation($id: ID!, $input: UpdateAchievementInput!) { updateAchievement(id: $id, input: $input) { ${ACHIEVEMENT_FIELDS} } }`,
      { id: created.id, input: { title: 'Cut p95 latency by 62%', portfolioReady: true, businessValue: null, impactScore: 91.25 } },
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data?.updateAchievement).toEqual({
      ...created,
      title: 'Cut p95 latency by 62%',
      portfolioReady: true,
      businessValue: null,
      impactScore: 91.25,
      updatedAt: expect.any(String),
    });
    expect(Date.parse(updated.data?.updateAchievement.updatedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(created.updatedAt));

    const deleted = await harness.gql(`mutation($id: ID!) { deleteAchievement(id: $id) { id } }`, { id: created.id });
    expect(deleted).toEqual({ status: 200, data: { deleteAchievement: { id: created.id } } });
    expect(await harness.countRows()).toBe(0);
    const gone = await harness.gql(`query($id: ID!) { achievement(id: $id) { id } }`, { id: created.id });
    expect(gone).toEqual({ status: 200, data: { achievement: null } });
  });

  it('answers unknown values as null rather than 0, the documented defaults and the caller as creator', async () => {
    const created = await createAchievement(harness, base);
    const read = await harness.gql<{ achievement: AchievementJson & { createdBy: string | null } }>(
      `query($id: ID!) { achievement(id: $id) { ${ACHIEVEMENT_FIELDS} createdBy } }`,
      { id: created.id },
    );
    expect(read.data?.achievement).toMatchObject({
      description: '',
      impactScore: 80,
      // impact >= 70: portfolio-ready by default (seed rule)
      complexityScore: 55,
      businessValue: null,
      timeSavedHours: 0,
      durationHours: null,
      sourceType: 'MANUAL',
      sourceId: null,
      sourceUrl: null,
      portfolioReady: true,
      tags: [],
      skills: [],
      metrics: {},
      startedAt: null,
      completedAt: null,
      createdBy: 'test-gateway-caller',
    });
  });

  it.each([
    ['an empty title', { title: '' }, 'input.title'],
    ['a 201-character title', { title: 'x'.repeat(201) }, 'input.title'],
    ['an impact score above 100', { impactScore: 100.5 }, 'input.impactScore'],
    ['a negative complexity score', { complexityScore: -1 }, 'input.complexityScore'],
    ['negative hours saved', { timeSavedHours: -0.25 }, 'input.timeSavedHours'],
    ['an invalid source URL', { sourceUrl: 'github.com/acme' }, 'input.sourceUrl'],
    ['a completion before the start', { startedAt: '2026-03-02T00:00:00Z', completedAt: '2026-03-01T00:00:00Z' }, 'input.completedAt'],
    ['a pull request without its id', { sourceType: 'GITHUB_PR' }, 'input.sourceId'],
  ])('rejects %s with BAD_USER_INPUT and writes no row', async (_case, change, field) => {
    const response = await harness.gql(CREATE, { input: { ...base, ...change } });
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(Object.keys(response.errors?.[0]?.extensions?.fields ?? {})).toEqual([field]);
    expect(await harness.countRows()).toBe(0);
  });

  it('rejects malformed ids with BAD_USER_INPUT', async () => {
    expect(errorCode(await harness.gql(`{ achievement(id: "42") { id } }`))).toBe('BAD_USER_INPUT');
    expect(errorCode(await harness.gql(`mutation { updateAchievement(id: "42", input: { title: "x" }) { id } }`))).toBe('BAD_USER_INPUT');
    expect(errorCode(await harness.gql(`mutation { deleteAchievement(id: "42") { id } }`))).toBe('BAD_USER_INPUT');
  });

  it('answers NOT_FOUND for an unknown id on update and delete, and null on query', async () => {
    const update = await harness.gql(`mutation($id: ID!) { updateAchievement(id: $id, input: { title: "x" }) { id } }`, { id: UNKNOWN_ID });
    expect(errorCode(update)).toBe('NOT_FOUND');
    const remove = await harness.gql(`mutation($id: ID!) { deleteAchievement(id: $id) { id } }`, { id: UNKNOWN_ID });
    expect(errorCode(remove)).toBe('NOT_FOUND');
    expect(await harness.gql(`query($id: ID!) { achievement(id: $id) { id } }`, { id: UNKNOWN_ID })).toEqual({ status: 200, data: { achievement: null } });
  });

  it('leaves the row unchanged when an update is invalid', async () => {
    const created = await createAchievement(harness, { ...base, startedAt: '2026-03-01T09:00:00.000Z' });
    const update = `mutation($id: ID!, $input: UpdateAchievementInput!) { updateAchievement(id: $id, input: $input) { id } }`;
    const badScore = await harness.gql(update, { id: created.id, input: { title: 'Renamed', impactScore: 101 } });
    expect(errorCode(badScore)).toBe('BAD_USER_INPUT');
    const beforeStart = await harness.gql(update, { id: created.id, input: { title: 'Renamed', completedAt: '2026-02-28T00:00:00.000Z' } });
    expect(errorCode(beforeStart)).toBe('BAD_USER_INPUT');
    expect(beforeStart.errors?.[0]?.extensions?.fields).toEqual({ 'input.completedAt': 'completedAt must not be before startedAt' });
    const empty = await harness.gql(update, { id: created.id, input: {} });
    expect(errorCode(empty)).toBe('BAD_USER_INPUT');
    const rows = await queryRows(harness.database.url, 'select title, impact_score, completed_at from achievements.achievements where id = $1', [created.id]);
    expect(rows).toEqual([{ title: 'Cut p95 latency', impact_score: '80.00', completed_at: null }]);
  });

  it('answers CONFLICT for a second achievement from the same source and keeps one row', async () => {
    const source = { sourceType: 'GITHUB_PR', sourceId: 'acme/api#7' };
    await createAchievement(harness, { ...base, ...source });
    const duplicate = await harness.gql(CREATE, { input: { ...base, title: 'Same PR again', ...source } });
    expect(errorCode(duplicate)).toBe('CONFLICT');
    expect(await harness.countRows()).toBe(1);
  });

  it('allows the same source id under another source type and any number of achievements without a source', async () => {
    await createAchievement(harness, { ...base, sourceType: 'GITHUB_PR', sourceId: 'acme/api#7' });
    await createAchievement(harness, { ...base, sourceType: 'MANUAL', sourceId: 'acme/api#7' });
    await createAchievement(harness, base);
    await createAchievement(harness, base);
    expect(await harness.countRows()).toBe(4);
  });
});
