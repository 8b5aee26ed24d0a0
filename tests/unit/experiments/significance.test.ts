import { compareWithControl, twoProportionZTest } from '../../../subgraphs/experiments/src/domain/significance';
import { chooseWinner } from '../../../subgraphs/experiments/src/domain/winner-selection';

const seedDefaults = { significanceLevel: 0.05, minImpressions: 10 };
const control = { impressions: 1000, successes: 80 };

describe('twoProportionZTest', () => {
  it('finds 120/1000 against a control of 80/1000 significant: z 2.98, p 0.0029, +50%', () => {
    // pooled p = 200/2000 = 0.1, SE = sqrt(0.1 x 0.9 x 2/1000) = 0.0134164, z = 0.04 / SE.
    const result = twoProportionZTest(control, { impressions: 1000, successes: 120 }, seedDefaults);
    expect(result.zScore).toBeCloseTo(2.9814239699997187, 10);
    expect(result.pValue).toBeCloseTo(0.0028691127920766257, 10);
    expect(result.significant).toBe(true);
    expect(result.improvementPercent).toBeCloseTo(50, 10);
  });

  it('is symmetric: a treatment that much worse has z -2.98, the same p, and -33.3%', () => {
    const result = twoProportionZTest({ impressions: 1000, successes: 120 }, control, seedDefaults);
    expect(result.zScore).toBeCloseTo(-2.9814239699997187, 10);
    expect(result.pValue).toBeCloseTo(0.0028691127920766257, 10);
    expect(result.significant).toBe(true);
    expect(result.improvementPercent).toBeCloseTo(-100 / 3, 10);
  });

  it('finds equal rates not significant: z 0, p 1', () => {
    const result = twoProportionZTest(control, { impressions: 500, successes: 40 }, seedDefaults);
    expect(result).toEqual({ zScore: 0, pValue: 1, significant: false, improvementPercent: 0 });
  });

  it('finds 100/1000 against 80/1000 not significant (z 1.56, p 0.118)', () => {
    const result = twoProportionZTest(control, { impressions: 1000, successes: 100 }, seedDefaults);
    expect(result.zScore).toBeCloseTo(1.562690769794985, 10);
    expect(result.pValue).toBeCloseTo(0.11812534648829054, 10);
    expect(result.significant).toBe(false);
    expect(result.improvementPercent).toBeCloseTo(25, 10);
  });

  it('uses the experiment\'s significance level: p 0.054 is significant at 0.1, not at 0.05', () => {
    const treatment = { impressions: 1000, successes: 105 };
    expect(twoProportionZTest(control, treatment, seedDefaults).pValue).toBeCloseTo(0.05367651006667217, 10);
    expect(twoProportionZTest(control, treatment, seedDefaults).significant).toBe(false);
    expect(twoProportionZTest(control, treatment, { ...seedDefaults, significanceLevel: 0.1 }).significant).toBe(true);
  });

  it('does not test below minImpressions on either side, but still reports the lift', () => {
    expect(twoProportionZTest({ impressions: 9, successes: 1 }, { impressions: 1000, successes: 500 }, seedDefaults)).toEqual({
      zScore: null,
      pValue: null,
      significant: false,
      improvementPercent: expect.closeTo(350, 10),
    });
    const fewTreatment = twoProportionZTest(control, { impressions: 9, successes: 9 }, seedDefaults);
    expect(fewTreatment).toMatchObject({ zScore: null, pValue: null, significant: false });
    expect(twoProportionZTest(control, { impressions: 10, successes: 9 }, seedDefaults).zScore).not.toBeNull();
    expect(twoProportionZTest(control, { impressions: 100, successes: 9 }, { ...seedDefaults, minImpressions: 101 }).pValue).toBeNull();
  });

  it('gives no lift when the control rate is 0, and still tests the difference', () => {
    const result = twoProportionZTest({ impressions: 100, successes: 0 }, { impressions: 100, successes: 10 }, seedDefaults);
    expect(result.improvementPercent).toBeNull();
    expect(result.zScore).toBeGreaterThan(3);
    expect(result.significant).toBe(true);
  });

  it('does not test when the standard error is 0 (no successes, or only successes, on both sides)', () => {
    expect(twoProportionZTest({ impressions: 50, successes: 0 }, { impressions: 80, successes: 0 }, seedDefaults)).toEqual({
      zScore: null,
      pValue: null,
      significant: false,
      improvementPercent: null,
    });
    expect(twoProportionZTest({ impressions: 50, successes: 50 }, { impressions: 80, successes: 80 }, seedDefaults)).toMatchObject({
      zScore: null,
      pValue: null,
      improvementPercent: 0,
    });
  });

  it('keeps tiny p-values precise instead of rounding them to 0', () => {
    const result = twoProportionZTest({ impressions: 10_000, successes: 500 }, { impressions: 10_000, successes: 1000 }, seedDefaults);
    expect(result.pValue).toBeGreaterThan(0);
    expect(result.pValue).toBeLessThan(1e-30);
  });
});

describe('compareWithControl', () => {
  it('compares every treatment with the control, in variant order', () => {
    const variants = [
      { name: 'a', isControl: false, impressions: 1000, successes: 120 },
      { name: 'control', isControl: true, ...control },
      { name: 'b', isControl: false, impressions: 5, successes: 1 },
    ];
    const { control: found, comparisons } = compareWithControl(variants, seedDefaults);
    expect(found?.name).toBe('control');
    expect(comparisons.map((c) => [c.variant.name, c.significant, c.pValue === null])).toEqual([
      ['a', true, false],
      ['b', false, true],
    ]);
  });

  it('has no comparisons without a control', () => {
    expect(compareWithControl([{ isControl: false, impressions: 10, successes: 1 }], seedDefaults)).toEqual({ control: null, comparisons: [] });
  });
});

describe('chooseWinner', () => {
  const winnerOf = (variants: Array<{ name: string; isControl: boolean; impressions: number; successes: number }>, level = 0.05) =>
    chooseWinner(compareWithControl(variants, { significanceLevel: level, minImpressions: 10 }))?.name;

  it('picks the significant treatment (the Done-when case: 120/1000 against 80/1000)', () => {
    expect(winnerOf([{ name: 'control', isControl: true, ...control }, { name: 'treatment', isControl: false, impressions: 1000, successes: 120 }])).toBe(
      'treatment',
    );
  });

  it('picks the best of several significant treatments', () => {
    const variants = [
      { name: 'control', isControl: true, ...control },
      { name: 'good', isControl: false, impressions: 1000, successes: 120 },
      { name: 'better', isControl: false, impressions: 1000, successes: 140 },
      { name: 'best but unproven', isControl: false, impressions: 9, successes: 9 },
    ];
    expect(winnerOf(variants)).toBe('better');
  });

  it('keeps the control when no treatment is significant', () => {
    const variants = [
      { name: 'control', isControl: true, ...control },
      { name: 'slightly better', isControl: false, impressions: 1000, successes: 100 },
    ];
    expect(winnerOf(variants)).toBe('control');
    expect(winnerOf(variants, 0.2)).toBe('slightly better');
  });

  it('keeps the control when the only significant treatment is worse', () => {
    expect(winnerOf([{ name: 'control', isControl: true, impressions: 1000, successes: 120 }, { name: 'worse', isControl: false, ...control }])).toBe(
      'control',
    );
  });

  it('keeps the control while nothing reached minImpressions, and has none without a control', () => {
    expect(winnerOf([{ name: 'control', isControl: true, impressions: 0, successes: 0 }, { name: 't', isControl: false, impressions: 0, successes: 0 }])).toBe(
      'control',
    );
    expect(chooseWinner({ control: null, comparisons: [] })).toBeNull();
  });
});
