import { credibleInterval, posteriorMean, posteriorParameters, successRate } from '../../../subgraphs/experiments/src/domain/beta-posterior';

describe('posteriorParameters', () => {
  it('is Beta(successes + 1, failures + 1)', () => {
    expect(posteriorParameters({ impressions: 1000, successes: 120 })).toEqual({ alpha: 121, beta: 881 });
    expect(posteriorParameters({ impressions: 0, successes: 0 })).toEqual({ alpha: 1, beta: 1 });
  });

  it('clamps successes to impressions and negative counts to 0', () => {
    expect(posteriorParameters({ impressions: 10, successes: 15 })).toEqual({ alpha: 11, beta: 1 });
    expect(posteriorParameters({ impressions: -3, successes: -1 })).toEqual({ alpha: 1, beta: 1 });
  });
});

describe('successRate', () => {
  it('is successes / impressions', () => {
    expect(successRate({ impressions: 800, successes: 64 })).toBeCloseTo(0.08, 12);
  });

  it('is 0 without impressions', () => {
    expect(successRate({ impressions: 0, successes: 0 })).toBe(0);
  });
});

describe('credibleInterval', () => {
  it('contains the posterior mean and the observed rate of 1000/120', () => {
    const counts = { impressions: 1000, successes: 120 };
    const interval = credibleInterval(counts);
    expect(interval.level).toBe(0.95);
    expect(interval.lower).toBeLessThan(posteriorMean(counts));
    expect(interval.upper).toBeGreaterThan(posteriorMean(counts));
    expect(interval.lower).toBeLessThan(0.12);
    expect(interval.upper).toBeGreaterThan(0.12);
    expect(interval.lower).toBeCloseTo(0.1013, 3);
    expect(interval.upper).toBeCloseTo(0.1416, 3);
  });

  it('is the central 95% of the uniform prior with no data: [0.025, 0.975]', () => {
    const interval = credibleInterval({ impressions: 0, successes: 0 });
    expect(interval.lower).toBeCloseTo(0.025, 10);
    expect(interval.upper).toBeCloseTo(0.975, 10);
  });

  it('narrows as impressions grow at the same rate', () => {
    const small = credibleInterval({ impressions: 50, successes: 5 });
    const large = credibleInterval({ impressions: 5000, successes: 500 });
    expect(large.upper - large.lower).toBeLessThan(small.upper - small.lower);
  });

  it('rejects a level outside (0, 1)', () => {
    expect(() => credibleInterval({ impressions: 1, successes: 1 }, 1)).toThrow(RangeError);
  });
});
