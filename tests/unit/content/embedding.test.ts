import { EMBEDDING_DIMENSIONS, cosineSimilarity, hashingEmbedding, normalizeVector, tokenize } from '../../../subgraphs/content/src/domain/embedding';

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

  describe('on real examples (the numbers quoted in its documentation)', () => {
    const text = 'Finding peace in a busy week is hard. Take a breath, slow down, and rest when you can.';
    const cosine = (other: string) => cosineSimilarity(hashingEmbedding(text), hashingEmbedding(other));

    it('scores the same text 1, whatever its case, punctuation and spacing', () => {
      expect(cosine(text)).toBeCloseTo(1, 12);
      expect(cosine('FINDING peace in a busy week is hard!  Take a breath - slow down - and rest when you can')).toBeCloseTo(1, 12);
    });

    it('scores a near-identical text above the 0.90 dedup threshold', () => {
      expect(cosine('Finding peace in a busy week is tough. Take a breath, slow down, and rest when you can.')).toBeCloseTo(0.919, 3);
    });

    it('scores a light paraphrase high, a rewording lower, and unrelated texts about 0', () => {
      const paraphrase = cosine('Finding peace during a busy week is hard. Take a breath, slow down and rest whenever you can.');
      const rewording = cosine('It is hard to find peace in a hectic week: breathe, slow down, rest when possible.');
      const unrelated = [
        cosine('Quarterly GPU prices for machine learning clusters fell again as new chips shipped.'),
        cosine('Our sprint retro found three flaky tests in the payment service.'),
      ];
      expect(paraphrase).toBeCloseTo(0.838, 3);
      expect(rewording).toBeCloseTo(0.472, 3);
      expect(unrelated[0]).toBeCloseTo(0, 3);
      expect(unrelated[1]).toBeCloseTo(0.036, 3);
      expect(paraphrase).toBeLessThan(0.9);
      for (const score of unrelated) expect(score).toBeLessThan(0.1);
    });

    it('is sparse: an 18-word text fills 34 of 1536 entries', () => {
      expect(hashingEmbedding(text).filter((v) => v !== 0)).toHaveLength(34);
    });
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

describe('normalizeVector', () => {
  it('scales a vector to length 1 and keeps the zero vector', () => {
    expect(normalizeVector([3, 4])).toEqual([0.6, 0.8]);
    expect(normalizeVector([0, 0])).toEqual([0, 0]);
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
