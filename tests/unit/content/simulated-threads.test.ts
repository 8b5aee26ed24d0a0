import { randomUUID } from 'node:crypto';
import {
  MAX_SIMULATED_RATE,
  MIN_SIMULATED_RATE,
  SIMULATED_LIFETIME_HOURS,
  followersGained,
  simulatedCostPerFollowUsd,
  simulatedEngagementRate,
  simulatedOutcome,
  simulatedTotalsAt,
} from '../../../subgraphs/content/src/domain/simulated-threads';
import { writeOfflinePost } from '../../../subgraphs/content/src/domain/offline-writer';

describe("the seed's simulated engagement rate", () => {
  it('starts at 0.04 and adds the seed bonuses (noise 0.5 is a factor of 1)', () => {
    expect(simulatedEngagementRate('A plain statement', 0.5)).toBe(0.04);
    expect(simulatedEngagementRate('A plain question?', 0.5)).toBe(0.045);
    expect(simulatedEngagementRate('Version 2 shipped', 0.5)).toBe(0.043);
    expect(simulatedEngagementRate('The shocking truth nobody talks about', 0.5)).toBe(0.064);
    expect(simulatedEngagementRate('The SECRET is a Mistake', 0.5)).toBe(0.056);
    expect(simulatedEngagementRate(`A long text ${'x'.repeat(200)}`, 0.5)).toBe(0.035);
  });

  it('counts each viral word once, however often it appears', () => {
    expect(simulatedEngagementRate('truth truth truth', 0.5)).toBe(0.048);
  });

  it('scales by U(0.85, 1.15): the lowest and highest draws', () => {
    expect(simulatedEngagementRate('A plain statement', 0)).toBe(0.034);
    expect(simulatedEngagementRate('A plain statement', 0.999999)).toBe(0.046);
  });

  it('stays within [0.02, 0.12] on many texts and draws, rounded to 4 decimals', () => {
    const words = ['shocking', 'secret', 'revealed', 'mistake', 'truth', 'nobody talks about', 'calm', 'ship', '42', '?', 'x'.repeat(150)];
    let seen = 0;
    for (let i = 0; i < 2000; i++) {
      const text = Array.from({ length: 1 + (i % 9) }, (_, j) => words[(i * 7 + j * 3) % words.length]).join(' ');
      const rate = simulatedEngagementRate(text, (i * 0.6180339887) % 1);
      expect(rate).toBeGreaterThanOrEqual(MIN_SIMULATED_RATE);
      expect(rate).toBeLessThanOrEqual(MAX_SIMULATED_RATE);
      expect(Math.round(rate * 10_000) / 10_000).toBe(rate);
      seen++;
    }
    expect(seen).toBe(2000);
    // Every bonus at the top draw: (0.04 + 6 × 0.008 + 0.005 + 0.003) × 1.147, inside the seed's clamp.
    expect(simulatedEngagementRate('shocking secret revealed mistake truth nobody talks about? 1', 0.99)).toBe(0.1101);
  });

  it('rewards question hooks over statements on the offline writer’s posts', () => {
    const rates = (hookStyle: string) => {
      const all = Array.from({ length: 200 }, (_, i) => {
        const post = writeOfflinePost({ persona: { name: 'calm', tone: 'kind', emoji: '🙏' } as never, topic: `patience ${i}`, dimensions: { hookStyle } });
        return simulatedEngagementRate(`${post.hook}\n\n${post.body}`, 0.5);
      });
      return all.reduce((a, b) => a + b, 0) / all.length;
    };
    expect(rates('question')).toBeGreaterThan(rates('bold'));
  });
});

describe("the seed's followers and cost per follow", () => {
  it('gains int(rate × reach) followers', () => {
    expect(followersGained(0.05, 1000)).toBe(50);
    expect(followersGained(0.0333, 1000)).toBe(33);
  });

  it('costs round(0.015 × max(0.5, 0.06 / rate), 3) USD per follow', () => {
    expect(simulatedCostPerFollowUsd(0.06)).toBe(0.015);
    expect(simulatedCostPerFollowUsd(0.03)).toBe(0.03);
    expect(simulatedCostPerFollowUsd(0.12)).toBe(0.008);
  });
});

describe('a simulated post over its lifetime', () => {
  it('is decided by its id: the same outcome every time, a reach of 800..1200', () => {
    const id = randomUUID();
    expect(simulatedOutcome(id, 'Why?')).toEqual(simulatedOutcome(id, 'Why?'));
    for (let i = 0; i < 200; i++) {
      const outcome = simulatedOutcome(randomUUID(), 'Why?');
      expect(outcome.reach).toBeGreaterThanOrEqual(800);
      expect(outcome.reach).toBeLessThanOrEqual(1200);
      expect(outcome.followers).toBe(Math.floor(outcome.engagementRate * outcome.reach));
    }
  });

  it('grows its totals every hour, never down, up to its whole reach and followers', () => {
    const outcome = { engagementRate: 0.05, reach: 1000, followers: 50, costPerFollowUsd: 0.018 };
    expect(simulatedTotalsAt(outcome, 0)).toEqual({ impressions: 0, likes: 0, replies: 0, reposts: 0, follows: 0 });
    let previous = simulatedTotalsAt(outcome, 0);
    for (let h = 0.5; h <= SIMULATED_LIFETIME_HOURS + 2; h += 0.5) {
      const totals = simulatedTotalsAt(outcome, h);
      for (const key of Object.keys(totals) as Array<keyof typeof totals>) expect(totals[key]).toBeGreaterThanOrEqual(previous[key]);
      previous = totals;
    }
    const end = simulatedTotalsAt(outcome, SIMULATED_LIFETIME_HOURS);
    expect(end).toEqual({ impressions: 1000, likes: 35, replies: 10, reposts: 5, follows: 50 });
    expect((end.likes + end.replies + end.reposts) / end.impressions).toBe(0.05);
    expect(simulatedTotalsAt(outcome, 100)).toEqual(end);
  });
});
