import { EMBEDDING_DIMENSIONS, cosineSimilarity, hashingEmbedding, tokenize } from '../../../subgraphs/content/src/domain/embedding';

const norm = (v: number[]) => Math.sqrt(v.reduce((sum, x) => sum + x * x, 0));

describe('tokenize', () => {
  it('lower-cases words and keeps letters, digits and apostrophes', () => {
    expect(tokenize("Don't STOP: 3 más días!")).toEqual(["don't", 'stop', '3', 'más', 'días']);
  });

  it('has no tokens for punctuation only', () => {
    expect(tokenize(' ... !? ')).toEqual([]);
  });
});

describe('hashingEmbedding', () => {
  it('has 1536 dimensions', () => {
    expect(EMBEDDING_DIMENSIONS).toBe(1536);
    expect(hashingEmbedding('Finding peace in a busy week')).toHaveLength(1536);
  });

  it('is a unit vector', () => {
    expect(norm(hashingEmbedding('Finding peace in a busy week'))).toBeCloseTo(1, 10);
    expect(norm(hashingEmbedding('word'))).toBeCloseTo(1, 10);
  });

  it('is deterministic', () => {
    expect(hashingEmbedding('Gratitude changes everything.')).toEqual(hashingEmbedding('Gratitude changes everything.'));
  });

  it('ignores case and punctuation', () => {
    expect(hashingEmbedding('Gratitude changes EVERYTHING!')).toEqual(hashingEmbedding('gratitude changes everything'));
  });

  it('gives similar texts a higher cosine than unrelated ones', () => {
    const a = hashingEmbedding('finding peace and rest in a busy week of work');
    const similar = hashingEmbedding('finding rest and peace in a busy week');
    const unrelated = hashingEmbedding('quarterly GPU prices for machine learning clusters');
    expect(cosineSimilarity(a, similar)).toBeGreaterThan(0.5);
    expect(cosineSimilarity(a, similar)).toBeGreaterThan(cosineSimilarity(a, unrelated));
    expect(Math.abs(cosineSimilarity(a, unrelated))).toBeLessThan(0.2);
  });

  it('is the zero vector for an empty text or a text without words', () => {
    for (const text of ['', '   ', '?!...']) {
      const vector = hashingEmbedding(text);
      expect(vector).toHaveLength(1536);
      expect(vector.every((v) => v === 0)).toBe(true);
    }
  });

  it('honours a custom dimension count', () => {
    const vector = hashingEmbedding('a small vector', 8);
    expect(vector).toHaveLength(8);
    expect(norm(vector)).toBeCloseTo(1, 10);
  });
});

describe('cosineSimilarity', () => {
  it('is 1 for the same direction, -1 for opposite, 0 for orthogonal', () => {
    expect(cosineSimilarity([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(cosineSimilarity([1, 0], [-3, 0])).toBeCloseTo(-1, 12);
    expect(cosineSimilarity([1, 0], [0, 5])).toBe(0);
  });

  it('is 0 when one vector is all zero', () => {
    expect(cosineSimilarity([0, 0, 0], [1, 2, 3])).toBe(0);
  });
});
