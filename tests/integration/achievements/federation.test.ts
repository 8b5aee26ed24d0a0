import { createAchievement, startHarness } from './harness';
import type { AchievementJson, AchievementsHarness } from './harness';

const ENTITIES = `query($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Achievement { id title impactScore category } }
}`;

/** Statements that read the achievements table (the ones a reference batch must keep to one). */
function achievementSelects(statements: string[]): string[] {
  return statements.filter((sql) => /^\s*select\b/i.test(sql) && sql.includes('"achievements"."achievements"'));
}

describe('Achievement entity references', () => {
  let harness: AchievementsHarness;
  let created: AchievementJson[];

  beforeAll(async () => {
    harness = await startHarness();
    created = [];
    for (let i = 1; i <= 5; i += 1) {
      created.push(await createAchievement(harness, { title: `Reference ${i}`, category: 'ARCHITECTURE', impactScore: i * 10, complexityScore: 20 }));
    }
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('resolves N references in request order with ONE select, unknown and malformed ids as null', async () => {
    const unknownId = '0b7f5d3a-2222-4ccc-8ddd-000000000000';
    const representations = [
      ...[...created].reverse().map((a) => ({ __typename: 'Achievement', id: a.id })),
      { __typename: 'Achievement', id: unknownId },
      { __typename: 'Achievement', id: 'not-a-uuid' },
    ];
    harness.statements.length = 0;
    const response = await harness.gql<{ _entities: Array<{ id: string; title: string; impactScore: number } | null> }>(ENTITIES, {
      representations,
    });
    expect(response.errors).toBeUndefined();
    expect(response.data?._entities).toEqual([
      ...[...created].reverse().map((a) => ({ id: a.id, title: a.title, impactScore: a.impactScore, category: 'ARCHITECTURE' })),
      null,
      null,
    ]);
    expect(achievementSelects(harness.statements)).toHaveLength(1);
  });

  it('resolves the same reference twice with one select', async () => {
    const first = created[0] as AchievementJson;
    harness.statements.length = 0;
    const response = await harness.gql<{ _entities: Array<{ id: string } | null> }>(ENTITIES, {
      representations: [
        { __typename: 'Achievement', id: first.id },
        { __typename: 'Achievement', id: first.id },
      ],
    });
    expect(response.data?._entities.map((e) => e?.id)).toEqual([first.id, first.id]);
    expect(achievementSelects(harness.statements)).toHaveLength(1);
  });

  it('exposes the Federation 2 SDL with the Achievement key and the declared subscription', async () => {
    const response = await harness.gql<{ _service: { sdl: string } }>(`{ _service { sdl } }`);
    const sdl = response.data?._service.sdl ?? '';
    expect(sdl).toMatch(/type Achievement\s+@key\(fields: "id"\)/);
    expect(sdl).toContain('achievementCreated(since: DateTime): Achievement!');
  });
});
