import { createBetaSampler, probabilityBest, thompsonSelect } from '../../../subgraphs/experiments/src/domain/thompson-sampling';

const seeded = [
  { impressions: 1000, successes: 120 },
  { impressions: 800, successes: 64 },
  { impressions: 500, successes: 15 },
];

function selections(arms: Array<{ impressions: number; successes: number }>, rounds: number, seed: number): number[] {
  const sample = createBetaSampler(seed);
  const counts = new Array<number>(arms.length).fill(0);
  for (let i = 0; i < rounds; i += 1) {
    const chosen = thompsonSelect(arms, sample);
    counts[chosen] = (counts[chosen] ?? 0) + 1;
  }
  return counts;
}

describe('thompsonSelect', () => {
  it('chooses the variant with the best record (12% vs 8% vs 3%) most often over 2000 seeded draws', () => {
    const counts = selections(seeded, 2000, 42);
    expect(counts[0]).toBeGreaterThan(1900);
    expect(counts[0]).toBeGreaterThan(counts[1] ?? 0);
    expect(counts[1]).toBeGreaterThanOrEqual(counts[2] ?? 0);
    expect(counts[2]).toBeLessThan(5);
  });

  it('explores every variant on a cold start (all 0/0), each with a fair share', () => {
    const cold = [0, 1, 2].map(() => ({ impressions: 0, successes: 0 }));
    const counts = selections(cold, 3000, 7);
    for (const count of counts) {
      expect(count).toBeGreaterThan(800);
      expect(count).toBeLessThan(1200);
    }
  });

  it('keeps exploring a barely tried variant (0/5) next to a well-known one (100/1000)', () => {
    // Beta(1, 6) exceeds ~0.1 with probability 0.9^6 = 0.53, so the new variant still gets half the traffic.
    const counts = selections(
      [
        { impressions: 1000, successes: 100 },
        { impressions: 5, successes: 0 },
      ],
      2000,
      11,
    );
    expect((counts[1] ?? 0) / 2000).toBeGreaterThan(0.45);
    expect((counts[1] ?? 0) / 2000).toBeLessThan(0.61);
  });

  it('gives the same choices for the same seed', () => {
    expect(selections(seeded, 200, 3)).toEqual(selections(seeded, 200, 3));
  });

  it('throws on an empty list of variants', () => {
    expect(() => thompsonSelect([], createBetaSampler(1))).toThrow(RangeError);
  });
});

describe('probabilityBest', () => {
  it('sums to 1 and ranks the 12% variant far ahead of the 8% and 3% ones', () => {
    const probabilities = probabilityBest(seeded, { sample: createBetaSampler(5) });
    expect(probabilities).toHaveLength(3);
    expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    expect(probabilities[0]).toBeGreaterThan(0.99);
    expect(probabilities[2]).toBeLessThan(0.001);
  });

  it('splits evenly between variants with identical records (within Monte Carlo error)', () => {
    const probabilities = probabilityBest(
      [
        { impressions: 100, successes: 10 },
        { impressions: 100, successes: 10 },
      ],
      { sample: createBetaSampler(9), draws: 10_000 },
    );
    expect(probabilities[0]).toBeCloseTo(0.5, 1);
    expect((probabilities[0] ?? 0) + (probabilities[1] ?? 0)).toBeCloseTo(1, 10);
  });

  it('sums to 1 on a cold start too', () => {
    const probabilities = probabilityBest(
      [0, 1, 2, 3].map(() => ({ impressions: 0, successes: 0 })),
      { sample: createBetaSampler(13), draws: 4000 },
    );
    expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    for (const p of probabilities) expect(p).toBeGreaterThan(0.2);
  });

  it('rejects a non-positive number of draws', () => {
    expect(() => probabilityBest(seeded, { sample: createBetaSampler(1), draws: 0 })).toThrow(RangeError);
  });
});
