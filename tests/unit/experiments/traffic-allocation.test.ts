import { randomUUID } from 'node:crypto';
import {
  allocationPoint,
  checkTrafficAllocation,
  equalSplit,
  pickByAllocation,
  resolveTrafficAllocation,
} from '../../../subgraphs/experiments/src/domain/traffic-allocation';

const experimentId = '8f7c1f0e-5a51-4c55-9a53-0a7f5b1f9d10';

describe('allocationPoint', () => {
  it('is the same for the same experiment and post, every time (no per-process salt)', () => {
    const postId = '2b1e3c4d-0000-4000-8000-000000000001';
    const point = allocationPoint(experimentId, postId);
    expect(allocationPoint(experimentId, postId)).toBe(point);
    // SHA-256("<experiment>:<post>"), first 48 bits / 2^48: a fixed value, in every process and release.
    expect(point).toBe(0x44670b87f5b0 / 2 ** 48);
  });

  it('lies in [0, 1) and differs between experiments for the same post', () => {
    const postId = randomUUID();
    const a = allocationPoint(experimentId, postId);
    const b = allocationPoint(randomUUID(), postId);
    for (const p of [a, b]) {
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThan(1);
    }
    expect(a).not.toBe(b);
  });
});

describe('pickByAllocation', () => {
  it('walks the cumulative weights: [0.2, 0.3, 0.5] splits [0, 1) at 0.2 and 0.5', () => {
    const weights = [0.2, 0.3, 0.5];
    expect(pickByAllocation(0, weights)).toBe(0);
    expect(pickByAllocation(0.1999, weights)).toBe(0);
    expect(pickByAllocation(0.2, weights)).toBe(1);
    expect(pickByAllocation(0.4999, weights)).toBe(1);
    expect(pickByAllocation(0.5, weights)).toBe(2);
    expect(pickByAllocation(0.9999999, weights)).toBe(2);
  });

  it('falls to the last variant past the last boundary (rounding), as the seed', () => {
    expect(pickByAllocation(0.99999999, [0.3333333, 0.3333333, 0.3333333])).toBe(2);
    expect(pickByAllocation(1, [0.5, 0.5])).toBe(1);
  });

  it('rescales the remaining weights when some are left out (a paused variant\'s share goes to the rest)', () => {
    // [0.2, 0.3] of the ACTIVE variants -> 0.4 / 0.6.
    expect(pickByAllocation(0.39, [0.2, 0.3])).toBe(0);
    expect(pickByAllocation(0.41, [0.2, 0.3])).toBe(1);
  });

  it('gives no traffic to a zero weight, and splits equally when no weight is positive', () => {
    expect(pickByAllocation(0.1, [0, 1])).toBe(1);
    expect(pickByAllocation(0.4, [0, 0])).toBe(0);
    expect(pickByAllocation(0.6, [0, 0])).toBe(1);
  });

  it('refuses an empty list of weights', () => {
    expect(() => pickByAllocation(0.5, [])).toThrow(RangeError);
  });

  it('sends each variant its share of 20 000 posts within 1.5 points', () => {
    const weights = [0.5, 0.3, 0.2];
    const counts = [0, 0, 0];
    const posts = 20_000;
    for (let i = 0; i < posts; i += 1) {
      const index = pickByAllocation(allocationPoint(experimentId, `post-${i}`), weights);
      counts[index] = (counts[index] ?? 0) + 1;
    }
    counts.forEach((count, index) => expect(Math.abs(count / posts - (weights[index] ?? 0))).toBeLessThan(0.015));
  });
});

describe('checkTrafficAllocation', () => {
  it('accepts no weights under either algorithm, and weights summing to 1 under FIXED_ALLOCATION', () => {
    expect(checkTrafficAllocation([null, undefined], 'THOMPSON_SAMPLING')).toEqual({});
    expect(checkTrafficAllocation([null, null], 'FIXED_ALLOCATION')).toEqual({});
    expect(checkTrafficAllocation([0.1, 0.2, 0.7], 'FIXED_ALLOCATION')).toEqual({});
    expect(checkTrafficAllocation([1 / 3, 1 / 3, 1 / 3], 'FIXED_ALLOCATION')).toEqual({});
    expect(checkTrafficAllocation([0.5, 0.5000009], 'FIXED_ALLOCATION')).toEqual({});
  });

  it('refuses weights under THOMPSON_SAMPLING (they would be ignored)', () => {
    expect(checkTrafficAllocation([0.5, 0.5], 'THOMPSON_SAMPLING')['input.variants']).toMatch(/FIXED_ALLOCATION only/);
  });

  it('refuses weights given for some variants only', () => {
    expect(checkTrafficAllocation([0.5, null], 'FIXED_ALLOCATION')['input.variants']).toMatch(/every variant or for none/);
  });

  it('refuses weights that do not sum to 1 within 1e-6', () => {
    expect(checkTrafficAllocation([0.5, 0.6], 'FIXED_ALLOCATION')['input.variants']).toMatch(/sum to 1, got 1.1/);
    expect(checkTrafficAllocation([0.5, 0.499998], 'FIXED_ALLOCATION')['input.variants']).toMatch(/sum to 1/);
  });
});

describe('resolveTrafficAllocation', () => {
  it('stores the given weights, or an equal split, under FIXED_ALLOCATION; nulls under THOMPSON_SAMPLING', () => {
    expect(resolveTrafficAllocation([0.2, 0.8], 'FIXED_ALLOCATION')).toEqual([0.2, 0.8]);
    expect(resolveTrafficAllocation([null, null, null, null], 'FIXED_ALLOCATION')).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(resolveTrafficAllocation([undefined, undefined], 'THOMPSON_SAMPLING')).toEqual([null, null]);
    expect(equalSplit(3).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });
});
