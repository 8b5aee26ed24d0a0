import { describe, expect, it } from 'vitest';
import { rateAxisMaxPercent, variantChartData } from './variant-chart-data';

describe('variantChartData', () => {
  it('turns rates and credible intervals into percent bars whose whiskers span the interval', () => {
    const bars = variantChartData([
      { name: 'control', successRate: 0.08, credibleInterval: { lower: 0.0512, upper: 0.1234 } },
      { name: 'question', successRate: 0.12, credibleInterval: { lower: 0.0876, upper: 0.161 } },
    ]);
    expect(bars).toEqual([
      { name: 'control', rate: 8, lower: 5.12, upper: 12.34, error: [2.88, 4.34] },
      { name: 'question', rate: 12, lower: 8.76, upper: 16.1, error: [3.24, 4.1] },
    ]);
    for (const bar of bars) {
      expect(bar.rate - bar.error[0]).toBeCloseTo(bar.lower, 10);
      expect(bar.rate + bar.error[1]).toBeCloseTo(bar.upper, 10);
    }
  });

  it('gives a negative lower distance when the observed rate is under the interval (no impressions yet)', () => {
    const [bar] = variantChartData([{ name: 'statistic', successRate: 0, credibleInterval: { lower: 0.025, upper: 0.975 } }]);
    expect(bar).toEqual({ name: 'statistic', rate: 0, lower: 2.5, upper: 97.5, error: [-2.5, 97.5] });
  });
});

describe('rateAxisMaxPercent', () => {
  it('rounds the highest bound up to a multiple of 10, between 10 and 100', () => {
    const bars = variantChartData([
      { name: 'a', successRate: 0.08, credibleInterval: { lower: 0.05, upper: 0.234 } },
      { name: 'b', successRate: 0.02, credibleInterval: { lower: 0.01, upper: 0.03 } },
    ]);
    expect(rateAxisMaxPercent(bars)).toBe(30);
    expect(rateAxisMaxPercent(bars.slice(1))).toBe(10);
    expect(rateAxisMaxPercent(variantChartData([{ name: 'c', successRate: 0, credibleInterval: { lower: 0.025, upper: 0.975 } }]))).toBe(100);
    expect(rateAxisMaxPercent([])).toBe(10);
  });
});
