import { NO_REWRITES, rejectText, rewriteLimits } from '../../../subgraphs/content/src/domain/rewrite-budget';
import type { RewriteCounts, RewriteReason } from '../../../subgraphs/content/src/domain/rewrite-budget';

/** Rejects texts for `reasons` in order; returns whether each was rewritten, stopping at the first give-up. */
function run(reasons: RewriteReason[], maxDuplicateTexts: number, qualityRewrites = 1): boolean[] {
  const limits = rewriteLimits(maxDuplicateTexts, qualityRewrites);
  let counts: RewriteCounts = NO_REWRITES;
  const outcomes: boolean[] = [];
  for (const reason of reasons) {
    const next = rejectText(counts, reason, limits);
    outcomes.push(next.rewrite);
    if (!next.rewrite) break;
    counts = next.counts;
  }
  return outcomes;
}

describe('rewriteLimits', () => {
  it('allows DEDUP_MAX_ATTEMPTS − 1 rewrites for duplicates and the given rewrites for quality', () => {
    expect(rewriteLimits(3, 1)).toEqual({ duplicate: 2, quality: 1 });
    expect(rewriteLimits(1, 1)).toEqual({ duplicate: 0, quality: 1 });
  });
});

describe('rejectText', () => {
  it('gives up on the DEDUP_MAX_ATTEMPTS-th duplicate text', () => {
    expect(run(['duplicate', 'duplicate', 'duplicate'], 3)).toEqual([true, true, false]);
    expect(run(['duplicate'], 1)).toEqual([false]);
  });

  it('rewrites once after low quality, then gives up', () => {
    expect(run(['quality', 'quality'], 3)).toEqual([true, false]);
  });

  it('spends no duplicate rewrite on a quality rewrite: a low-quality first text leaves every dedup attempt', () => {
    expect(run(['quality', 'duplicate', 'duplicate', 'duplicate'], 3)).toEqual([true, true, true, false]);
    expect(run(['quality', 'duplicate'], 2)).toEqual([true, true]);
  });

  it('spends no quality rewrite on a duplicate rewrite', () => {
    expect(run(['duplicate', 'duplicate', 'quality', 'quality'], 3)).toEqual([true, true, true, false]);
  });

  it('counts each reason apart without changing the counts it was given', () => {
    const first = rejectText(NO_REWRITES, 'quality', rewriteLimits(3, 1));
    expect(first).toEqual({ counts: { duplicate: 0, quality: 1 }, rewrite: true });
    expect(rejectText(first.counts, 'duplicate', rewriteLimits(3, 1))).toEqual({ counts: { duplicate: 1, quality: 1 }, rewrite: true });
    expect(NO_REWRITES).toEqual({ duplicate: 0, quality: 0 });
  });
});
