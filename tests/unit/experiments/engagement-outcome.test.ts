import { foldEngagement, successesOf } from '../../../subgraphs/experiments/src/domain/engagement-outcome';
import { summariseResults } from '../../../subgraphs/experiments/src/domain/experiment-results';

const totals = (impressions: number, likes: number, replies = 0, reposts = 0, follows = 0) => ({ impressions, likes, replies, reposts, follows });

describe('successesOf', () => {
  it('counts likes + replies + reposts but not follows', () => {
    expect(successesOf(totals(1000, 80, 25, 15, 9))).toBe(120);
  });

  it('caps successes at impressions', () => {
    expect(successesOf(totals(10, 8, 5, 2))).toBe(10);
  });
});

describe('foldEngagement', () => {
  it('adds the whole totals the first time', () => {
    expect(foldEngagement({ impressions: 0, successes: 0 }, totals(500, 30, 5, 5))).toEqual({
      impressionsDelta: 500,
      successesDelta: 40,
      recorded: { impressions: 500, successes: 40 },
    });
  });

  it('adds only the growth on a later update', () => {
    expect(foldEngagement({ impressions: 500, successes: 40 }, totals(800, 50, 6, 8))).toEqual({
      impressionsDelta: 300,
      successesDelta: 24,
      recorded: { impressions: 800, successes: 64 },
    });
  });

  it('adds nothing for a replay of the same totals', () => {
    const update = foldEngagement({ impressions: 800, successes: 64 }, totals(800, 50, 6, 8));
    expect(update.impressionsDelta).toBe(0);
    expect(update.successesDelta).toBe(0);
  });

  it('ignores an out-of-date event with lower totals instead of subtracting', () => {
    expect(foldEngagement({ impressions: 800, successes: 64 }, totals(500, 30, 5, 5))).toEqual({
      impressionsDelta: 0,
      successesDelta: 0,
      recorded: { impressions: 800, successes: 64 },
    });
  });

  it('takes growth in one counter even when the other went down', () => {
    expect(foldEngagement({ impressions: 800, successes: 64 }, totals(900, 40))).toEqual({
      impressionsDelta: 100,
      successesDelta: 0,
      recorded: { impressions: 900, successes: 64 },
    });
  });
});

describe('summariseResults', () => {
  it('totals the counts and names the most probable best variant as leader', () => {
    const variants = [
      { id: 'a', impressions: 1000, successes: 120 },
      { id: 'b', impressions: 800, successes: 64 },
    ];
    const summary = summariseResults(variants, [0.98, 0.02]);
    expect(summary.totalImpressions).toBe(1800);
    expect(summary.totalSuccesses).toBe(184);
    expect(summary.successRate).toBeCloseTo(184 / 1800, 12);
    expect(summary.leader?.id).toBe('a');
    expect(summary.leaderProbabilityBest).toBe(0.98);
  });

  it('has no leader before any impression', () => {
    const summary = summariseResults([{ impressions: 0, successes: 0 }, { impressions: 0, successes: 0 }], [0.5, 0.5]);
    expect(summary.leader).toBeNull();
    expect(summary.leaderProbabilityBest).toBeNull();
    expect(summary.successRate).toBe(0);
  });
});
