import { OTHER_PERSONAS, personaKpis } from '../../../subgraphs/content/src/domain/persona-kpis';
import type { PersonaTotals } from '../../../subgraphs/content/src/domain/persona-kpis';

const totals = (persona: string, posts: number, extra: Partial<PersonaTotals> = {}): PersonaTotals => ({
  persona,
  posts,
  ratedPosts: 0,
  engagementRateSum: 0,
  costUsd: 0,
  follows: 0,
  ...extra,
});

describe('personaKpis', () => {
  it('computes engagement rate, cost per follow and per post, null where undefined', () => {
    const [kpis] = personaKpis([totals('zen', 4, { ratedPosts: 2, engagementRateSum: 0.1, costUsd: 0.08, follows: 4 })], 10);
    expect(kpis).toEqual({ persona: 'zen', posts: 4, engagementRate: 0.05, costPerFollowUsd: 0.02, costPerPostUsd: 0.02 });
    expect(personaKpis([totals('new', 0)], 10)[0]).toEqual({ persona: 'new', posts: 0, engagementRate: null, costPerFollowUsd: null, costPerPostUsd: null });
  });

  it('keeps at most maxPersonas label values, folding the rest into other', () => {
    const rows = [totals('a', 9), totals('b', 5, { ratedPosts: 1, engagementRateSum: 0.2 }), totals('c', 3, { ratedPosts: 1, engagementRateSum: 0.1, follows: 2, costUsd: 1 })];
    const kpis = personaKpis(rows, 2);
    expect(kpis.map((k) => k.persona)).toEqual(['a', OTHER_PERSONAS]);
    expect(kpis[1]).toMatchObject({ posts: 8, costPerFollowUsd: 0.5 });
    expect(kpis[1]!.engagementRate).toBeCloseTo(0.15);
    expect(personaKpis(rows, 3).map((k) => k.persona)).toEqual(['a', 'b', 'c']);
  });
});
