import { BoundedLabel } from '../../../lib/metrics';

describe('BoundedLabel', () => {
  it('keeps the first distinct values and folds later ones into other', () => {
    const label = new BoundedLabel(2);
    expect(['A', 'B', 'A', 'C', 'B', 'D'].map((v) => label.valueOf(v))).toEqual(['A', 'B', 'A', 'other', 'B', 'other']);
  });
});
