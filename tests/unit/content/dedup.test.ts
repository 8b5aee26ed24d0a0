import { DUPLICATE_CONTENT, DuplicateContentError, nearestDuplicate, varyBrief } from '../../../subgraphs/content/src/domain/dedup';
import { cosineSimilarity, hashingEmbedding } from '../../../subgraphs/content/src/domain/embedding';
import { writeOfflinePost } from '../../../subgraphs/content/src/domain/offline-writer';
import { postText } from '../../../subgraphs/content/src/domain/post-text';
import { REWRITE_ANGLES, buildPrompts } from '../../../subgraphs/content/src/domain/prompt';
import type { GenerationBrief, PromptDimensions } from '../../../subgraphs/content/src/domain/prompt';
import { rankNeighbours, similarityScore } from '../../../subgraphs/content/src/domain/similarity';
import type { Neighbour } from '../../../subgraphs/content/src/domain/similarity';

const persona = 'c0ffee00-0000-4000-8000-000000000000';
const neighbour = (postId: string, score: number, createdAt = '2026-11-29T10:00:00Z'): Neighbour => ({ postId, personaId: persona, score, createdAt: new Date(createdAt) });

const kind = { name: 'ai-jesus', emoji: '🙏', tone: 'kind', description: '' };
const hype = { name: 'ai-elon', emoji: '🚀', tone: 'hype', description: '' };
const brief = (topic: string, dimensions: PromptDimensions = {}, voice = kind): GenerationBrief => ({ persona: voice, topic, dimensions });
/** The offline text of attempt `attempt` of a job, as stored (hook, blank line, body). */
const textOf = (b: GenerationBrief, attempt: number) => {
  const post = writeOfflinePost(varyBrief(b, attempt));
  return postText(post.hook, post.body);
};
const cosine = (a: string, b: string) => cosineSimilarity(hashingEmbedding(a), hashingEmbedding(b));

describe('similarityScore', () => {
  it('clamps the cosine to 0..1', () => {
    expect(similarityScore(-0.3)).toBe(0);
    expect(similarityScore(1.0000001)).toBe(1);
  });

  it('rounds away float4 noise, so the same text scores exactly 1', () => {
    expect(similarityScore(0.99999994)).toBe(1);
    expect(similarityScore(0.9187654321)).toBe(0.918765);
  });
});

describe('rankNeighbours', () => {
  it('orders by score, then newest first, then by post id; keeps `first`', () => {
    const ranked = rankNeighbours(
      [
        neighbour('a', 0.5),
        neighbour('b', 0.9, '2026-11-29T09:00:00Z'),
        neighbour('c', 0.9, '2026-11-29T11:00:00Z'),
        neighbour('d', 0.8999999999),
        neighbour('e', 0.7),
      ],
      4,
    );
    expect(ranked.map((n) => n.postId)).toEqual(['c', 'd', 'b', 'e']);
  });

  it('returns nothing for first 0', () => {
    expect(rankNeighbours([neighbour('a', 1)], 0)).toEqual([]);
  });
});

describe('nearestDuplicate', () => {
  it('is null without neighbours or below the threshold', () => {
    expect(nearestDuplicate([], 0.9)).toBeNull();
    expect(nearestDuplicate([neighbour('a', 0.8999), neighbour('b', 0.2)], 0.9)).toBeNull();
  });

  it('counts a score equal to the threshold as a duplicate', () => {
    expect(nearestDuplicate([neighbour('a', 0.9)], 0.9)?.postId).toBe('a');
  });

  it('names the most similar post, the newest among equals', () => {
    const found = nearestDuplicate([neighbour('a', 0.93), neighbour('b', 0.99, '2026-11-28T00:00:00Z'), neighbour('c', 0.99, '2026-11-29T00:00:00Z')], 0.9);
    expect(found?.postId).toBe('c');
  });

  it('treats a stored copy of the same text (float4 cosine 0.99999994) as a duplicate even at threshold 1', () => {
    expect(nearestDuplicate([neighbour('a', 0.99999994)], 1)?.postId).toBe('a');
  });
});

describe('varyBrief', () => {
  const b = brief('Finding peace in a busy week', { hookStyle: 'story' });

  it('keeps the brief of the first attempt', () => {
    expect(varyBrief(b, 1)).toBe(b);
  });

  it('numbers the rewrites: attempt n has variation n - 1 and the reason of the rewrite, the rest unchanged', () => {
    expect(varyBrief(b, 2)).toEqual({ ...b, variation: 1, rewriteReason: 'duplicate' });
    expect(varyBrief(b, 3, 'quality')).toEqual({ ...b, variation: 2, rewriteReason: 'quality' });
  });

  it('is deterministic', () => {
    expect(textOf(b, 2)).toBe(textOf(b, 2));
  });
});

describe('rewrites of the offline writer', () => {
  const topics = ['Gratitude', 'Finding peace in a busy week', 'Why rest is productive', 'Learning to say no', 'Shipping fast', 'Morning routines'];
  const cases: Array<[string, PromptDimensions, typeof kind]> = [
    ['kind, medium', {}, kind],
    ['kind, long', { length: 'long' }, kind],
    ['kind, short', { length: 'short' }, kind],
    ['hype, question hook fixed by the variant', { hookStyle: 'question' }, hype],
  ];

  it('writes the same text twice for the same brief (what dedup catches)', () => {
    expect(cosine(textOf(brief('Gratitude'), 1), textOf(brief('Gratitude'), 1))).toBeCloseTo(1, 12);
  });

  it.each(cases)('keeps the first three texts of a topic below the 0.90 threshold of each other (%s)', (_name, dimensions, voice) => {
    for (const topic of topics) {
      const texts = [1, 2, 3].map((attempt) => textOf(brief(topic, dimensions, voice), attempt));
      for (let i = 0; i < texts.length; i++) {
        for (let j = i + 1; j < texts.length; j++) expect(cosine(texts[i]!, texts[j]!)).toBeLessThan(0.9);
      }
    }
  });

  it('measures, for "Finding peace in a busy week", 0.55, 0.49 and 0.62 between its three texts', () => {
    const b = brief('Finding peace in a busy week');
    expect(cosine(textOf(b, 1), textOf(b, 2))).toBeCloseTo(0.55, 3);
    expect(cosine(textOf(b, 1), textOf(b, 3))).toBeCloseTo(0.494, 3);
    expect(cosine(textOf(b, 2), textOf(b, 3))).toBeCloseTo(0.619, 3);
  });

  it('changes the hook style unless the variant fixed it', () => {
    const free = brief('Gratitude');
    expect(writeOfflinePost(varyBrief(free, 2)).hook).not.toBe(writeOfflinePost(free).hook);
    const fixed = brief('Gratitude', { hookStyle: 'question' });
    for (const attempt of [1, 2, 3]) expect(writeOfflinePost(varyBrief(fixed, attempt)).hook.endsWith('?')).toBe(true);
  });

  it('writes variation 0 exactly as a brief without one', () => {
    const b = brief('Gratitude', { length: 'long' });
    expect(writeOfflinePost({ ...b, variation: 0 })).toEqual(writeOfflinePost(b));
  });
});

describe('rewrite prompts (language model)', () => {
  it('adds nothing to the first prompts', () => {
    expect(buildPrompts(varyBrief(brief('Gratitude'), 1)).hook).not.toContain('rewrite');
  });

  it('asks a rewrite for another angle and hook style, by attempt', () => {
    const prompts = buildPrompts(varyBrief(brief('Gratitude'), 2));
    expect(prompts.hook).toContain(`This is rewrite 1: an earlier draft was too close to a previous post, so take a fresh angle (${REWRITE_ANGLES[0]}) with another hook style.`);
    expect(prompts.body('Hook.')).toContain(`fresh angle (${REWRITE_ANGLES[0]})`);
    expect(buildPrompts(varyBrief(brief('Gratitude'), 3)).hook).toContain(`fresh angle (${REWRITE_ANGLES[1]})`);
  });

  it('gives the real reason of a rewrite after low quality, and asks for what the quality score rewards', () => {
    const prompts = buildPrompts(varyBrief(brief('Gratitude'), 2, 'quality'));
    expect(prompts.hook).toContain(`This is rewrite 1: an earlier draft scored below the content quality bar, so take a fresh angle (${REWRITE_ANGLES[0]}) with another hook style.`);
    expect(prompts.hook).not.toContain('too close to a previous post');
    expect(prompts.hook).toContain('opening line (50 to 200 characters)');
    expect(prompts.hook).not.toContain('at most 120 characters');
    expect(prompts.hook).toContain('In the line, end it with a full stop, question mark or exclamation mark, and use at least one "?", "!" or ":".');
    const body = prompts.body('Hook.');
    expect(body).toContain('an earlier draft scored below the content quality bar');
    expect(body).not.toContain('too close to a previous post');
    expect(body).toContain('Make the body 200 to 800 characters long, end it with a full stop, question mark or exclamation mark, and use at least one "?", "!" or ":".');
  });

  it('asks a rewrite after a duplicate for a new angle only, with the usual hook length', () => {
    const prompts = buildPrompts(varyBrief(brief('Gratitude'), 2, 'duplicate'));
    expect(prompts.hook).toContain('opening line (at most 120 characters)');
    expect(prompts.hook).not.toContain('quality');
    expect(prompts.body('Hook.')).not.toContain('200 to 800');
  });

  it('keeps a hook style the variant fixed, asking for new wording instead', () => {
    const prompts = buildPrompts(varyBrief(brief('Gratitude', { hookStyle: 'question' }), 2));
    expect(prompts.hook).toContain('Use a question hook.');
    expect(prompts.hook).toContain('with new wording throughout.');
  });
});

describe('DuplicateContentError', () => {
  it('carries the code, the duplicated post, the score and the attempts', () => {
    const error = new DuplicateContentError('post-1', 0.9731, 3);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('DuplicateContentError');
    expect(error.code).toBe(DUPLICATE_CONTENT);
    expect(error.duplicateOf).toBe('post-1');
    expect(error.message).toBe('3 texts duplicated an earlier post of the persona; the last was 0.973 similar to post post-1');
  });
});
