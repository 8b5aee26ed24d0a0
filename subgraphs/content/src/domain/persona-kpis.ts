/** Totals of one persona's posts, the inputs of its KPIs. */
export interface PersonaTotals {
  persona: string;
  posts: number;
  /** Posts with an engagement rate (at least one impression). */
  ratedPosts: number;
  /** Sum of those posts' engagement rates (0..1 each). */
  engagementRateSum: number;
  /** Generation cost, USD. */
  costUsd: number;
  follows: number;
}

/** One persona's business KPIs (seed-reference §4.3: engagement rate >= 6 %, cost per follow $0.01). */
export interface PersonaKpis {
  persona: string;
  posts: number;
  /** Mean engagement rate of rated posts, 0..1; null when none has impressions. */
  engagementRate: number | null;
  /** USD per follow; null with no follows. */
  costPerFollowUsd: number | null;
  /** USD per post; null with no posts. */
  costPerPostUsd: number | null;
}

/** Label value standing for every persona beyond the first `maxPersonas - 1`. */
export const OTHER_PERSONAS = 'other';

/**
 * KPIs by persona for metrics labels: the personas with the most posts keep their own label, the
 * rest are folded into {@link OTHER_PERSONAS}, so the label set stays bounded by `maxPersonas`
 * however many personas are created.
 *
 * @param totals most posts first (as `personaTotals` returns them)
 */
export function personaKpis(totals: readonly PersonaTotals[], maxPersonas: number): PersonaKpis[] {
  const kept = totals.length <= maxPersonas ? [...totals] : totals.slice(0, maxPersonas - 1);
  const rest = totals.slice(kept.length);
  if (rest.length > 0) {
    kept.push(
      rest.reduce<PersonaTotals>(
        (sum, t) => ({
          persona: OTHER_PERSONAS,
          posts: sum.posts + t.posts,
          ratedPosts: sum.ratedPosts + t.ratedPosts,
          engagementRateSum: sum.engagementRateSum + t.engagementRateSum,
          costUsd: sum.costUsd + t.costUsd,
          follows: sum.follows + t.follows,
        }),
        { persona: OTHER_PERSONAS, posts: 0, ratedPosts: 0, engagementRateSum: 0, costUsd: 0, follows: 0 },
      ),
    );
  }
  return kept.map((t) => ({
    persona: t.persona,
    posts: t.posts,
    engagementRate: t.ratedPosts > 0 ? t.engagementRateSum / t.ratedPosts : null,
    costPerFollowUsd: t.follows > 0 ? t.costUsd / t.follows : null,
    costPerPostUsd: t.posts > 0 ? t.costUsd / t.posts : null,
  }));
}
