import { ProbabilityBestCache } from '../../../subgraphs/experiments/src/operations/probability-cache';

const variants = [
  { id: 'a', impressions: 1000, successes: 120 },
  { id: 'b', impressions: 800, successes: 64 },
];

describe('ProbabilityBestCache', () => {
  it('gives the same estimate for the same counts, computed once', () => {
    const cache = new ProbabilityBestCache();
    const first = cache.estimate(variants);
    expect(cache.estimate(variants.map((v) => ({ ...v })))).toBe(first);
    expect(new ProbabilityBestCache().estimate(variants)).toEqual(first);
  });

  it('recomputes when the counts change', () => {
    const cache = new ProbabilityBestCache();
    const before = cache.estimate(variants);
    const after = cache.estimate([variants[0]!, { id: 'b', impressions: 2000, successes: 400 }]);
    expect(after[1]).toBeGreaterThan(before[1] ?? 0);
  });

  it('drops the least recently used estimate beyond its size', () => {
    const cache = new ProbabilityBestCache(1);
    const first = cache.estimate(variants);
    cache.estimate([{ id: 'c', impressions: 1, successes: 1 }, { id: 'd', impressions: 1, successes: 0 }]);
    expect(cache.estimate(variants)).not.toBe(first);
  });
});
