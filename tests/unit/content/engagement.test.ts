import { costPerFollow, engagementRate } from '../../../subgraphs/content/src/domain/engagement';

describe('engagementRate', () => {
  it('is (likes + replies + reposts) / impressions', () => {
    expect(engagementRate({ impressions: 1000, likes: 80, replies: 15, reposts: 5 })).toBe(0.1);
    expect(engagementRate({ impressions: 400, likes: 10, replies: 3, reposts: 7 })).toBe(0.05);
  });

  it('is 0 with impressions but no interactions', () => {
    expect(engagementRate({ impressions: 250, likes: 0, replies: 0, reposts: 0 })).toBe(0);
  });

  it('is null with 0 impressions, even when interactions were counted', () => {
    expect(engagementRate({ impressions: 0, likes: 0, replies: 0, reposts: 0 })).toBeNull();
    expect(engagementRate({ impressions: 0, likes: 3, replies: 1, reposts: 0 })).toBeNull();
  });

  it('does not count follows (they are a conversion)', () => {
    const counts = { impressions: 200, likes: 20, replies: 0, reposts: 0, follows: 50 };
    expect(engagementRate(counts)).toBe(0.1);
  });
});

describe('costPerFollow', () => {
  it('divides the generation cost by the follows gained', () => {
    expect(costPerFollow(0.5, 4)).toBe(0.125);
    expect(costPerFollow(0.0009, 3)).toBeCloseTo(0.0003, 12);
  });

  it('is null without follows', () => {
    expect(costPerFollow(0.5, 0)).toBeNull();
  });

  it('is 0 when the posts cost nothing', () => {
    expect(costPerFollow(0, 7)).toBe(0);
  });
});
