import { describe, expect, it } from 'vitest';
import { comparisonCells } from './comparison-text';

describe('comparisonCells', () => {
  it('writes a tested treatment with its z, p, verdict and signed lift', () => {
    expect(comparisonCells({ zScore: 2.1437, pValue: 0.03206, significant: true, improvementPercent: 50 })).toEqual({ z: '2.14', p: '0.032', significant: 'Yes', lift: '+50.0 %' });
    expect(comparisonCells({ zScore: -1.3, pValue: 0.00042, significant: false, improvementPercent: -12.345 })).toEqual({ z: '-1.30', p: '< 0.001', significant: 'No', lift: '-12.3 %' });
  });

  it('says "Not tested" below the minimum impressions, keeping a lift the API computed', () => {
    expect(comparisonCells({ zScore: null, pValue: null, significant: false, improvementPercent: 25 })).toEqual({ z: '—', p: '—', significant: 'Not tested', lift: '+25.0 %' });
    expect(comparisonCells({ zScore: null, pValue: null, significant: false, improvementPercent: null }).lift).toBe('—');
  });

  it('marks the control row', () => {
    expect(comparisonCells(undefined)).toEqual({ z: '—', p: '—', significant: 'Control', lift: '—' });
  });
});
