import { writeOfflinePost } from '../../../subgraphs/content/src/domain/offline-writer';
import { BODY_BAND, HOOK_BAND, contentQuality, partQuality } from '../../../subgraphs/content/src/domain/quality-score';

describe('partQuality', () => {
  it('scores the hook bands of the seed: 50..200 +0.3, under 20 or over 400 −0.2', () => {
    expect(partQuality('a'.repeat(50), HOOK_BAND)).toBe(0.8);
    expect(partQuality('a'.repeat(200), HOOK_BAND)).toBe(0.8);
    expect(partQuality('a'.repeat(49), HOOK_BAND)).toBe(0.5);
    expect(partQuality('a'.repeat(201), HOOK_BAND)).toBe(0.5);
    expect(partQuality('a'.repeat(20), HOOK_BAND)).toBe(0.5);
    expect(partQuality('a'.repeat(19), HOOK_BAND)).toBe(0.3);
    expect(partQuality('a'.repeat(401), HOOK_BAND)).toBe(0.3);
  });

  it('scores the body bands of the seed: 200..800 +0.3, under 100 or over 1200 −0.2', () => {
    expect(partQuality('a'.repeat(200), BODY_BAND)).toBe(0.8);
    expect(partQuality('a'.repeat(800), BODY_BAND)).toBe(0.8);
    expect(partQuality('a'.repeat(150), BODY_BAND)).toBe(0.5);
    expect(partQuality('a'.repeat(99), BODY_BAND)).toBe(0.3);
    expect(partQuality('a'.repeat(1201), BODY_BAND)).toBe(0.3);
  });

  it('adds 0.1 for a sentence terminator and 0.1 for ?, ! or :, clamped to 1', () => {
    expect(partQuality(`${'a'.repeat(60)}.`, HOOK_BAND)).toBe(0.9);
    expect(partQuality(`${'a'.repeat(60)}?`, HOOK_BAND)).toBe(1);
    expect(partQuality(`Note: ${'a'.repeat(60)}`, HOOK_BAND)).toBe(0.9);
    expect(partQuality('Why?', HOOK_BAND)).toBe(0.5);
  });

  it('scores an empty part or MOCK 0.5', () => {
    expect(partQuality('', HOOK_BAND)).toBe(0.5);
    expect(partQuality('  ', BODY_BAND)).toBe(0.5);
    expect(partQuality('MOCK', BODY_BAND)).toBe(0.5);
  });
});

describe('contentQuality', () => {
  it('is the mean of the hook and body scores', () => {
    expect(contentQuality(`${'a'.repeat(60)}?`, `${'b'.repeat(300)}.`)).toBe(0.95);
    expect(contentQuality('Rest is part of the work.', 'Rest is part of the work.')).toBe(0.5);
    expect(contentQuality('', '')).toBe(0.5);
  });

  it('passes every offline post of many topics, voices and variants at 0.7', () => {
    const topics = ['Gratitude', 'AI', 'Rest', 'x', 'Finding peace in a busy week', 'Shipped: faster builds (−40% CI time)', 'Why small habits compound over a decade and what that means for your career growth'];
    let lowest = 1;
    for (const tone of ['kind', 'hype', 'unknown'])
      for (const topic of topics)
        for (const length of [undefined, 'short', 'medium', 'long'] as const)
          for (const hookStyle of [undefined, 'question', 'statistic', 'story', 'bold', 'contrarian'])
            for (let variation = 0; variation < 4; variation++) {
              const post = writeOfflinePost({ persona: { name: 'ai-jesus', emoji: '🙏', tone, description: '' }, topic, dimensions: { length, hookStyle }, variation });
              lowest = Math.min(lowest, contentQuality(post.hook, post.body));
            }
    expect(lowest).toBeGreaterThanOrEqual(0.7);
  });
});
