import { isPortfolioReady } from '../../../subgraphs/achievements/src/domain/portfolio-readiness';
import type { ScoreBreakdown } from '../../../subgraphs/achievements/src/domain/pr-scoring';
import { prComplexityScore, prImpactScore } from '../../../subgraphs/achievements/src/domain/pr-scoring';
import type { PullRequestFacts } from '../../../subgraphs/achievements/src/domain/pr-significance';

function facts(overrides: Partial<PullRequestFacts> = {}): PullRequestFacts {
  return {
    title: 'Update dependencies',
    body: '',
    labels: [],
    additions: 0,
    deletions: 0,
    changedFiles: 1,
    reviews: 0,
    commits: 1,
    reviewers: 0,
    filePaths: [],
    ...overrides,
  };
}

function sumOf(breakdown: ScoreBreakdown): number {
  return breakdown.rules.reduce((sum, rule) => sum + rule.points, breakdown.base);
}

describe('prImpactScore', () => {
  it('scores 700 changed lines in 12 files labelled feature and performance without reviews at 85', () => {
    const result = prImpactScore(facts({ additions: 600, deletions: 100, changedFiles: 12, labels: ['feature', 'performance'], reviews: 0 }));
    expect(result.score).toBe(85);
    expect(result.base).toBe(50);
    expect(result.rules).toEqual([
      { rule: 'changed lines >= 500', points: 20 },
      { rule: 'files >= 10', points: 10 },
      { rule: 'label feature', points: 2.5 },
      { rule: 'label performance', points: 2.5 },
    ]);
    expect(result.notes).toEqual([]);
  });

  it('adds 5, 10, 15 or 20 points at 50, 100, 200 and 500 changed lines', () => {
    const scores = [49, 50, 99, 100, 199, 200, 499, 500, 5000].map((lines) => prImpactScore(facts({ additions: lines })).score);
    expect(scores).toEqual([50, 55, 55, 60, 60, 65, 65, 70, 70]);
  });

  it('adds 5, 7 or 10 points at 3, 5 and 10 files', () => {
    const scores = [2, 3, 4, 5, 9, 10, 40].map((changedFiles) => prImpactScore(facts({ changedFiles })).score);
    expect(scores).toEqual([50, 55, 55, 57, 57, 60, 60]);
  });

  it('adds 5, 7 or 10 points at 1, 2 and 3 reviews', () => {
    const scores = [0, 1, 2, 3, 8].map((reviews) => prImpactScore(facts({ reviews })).score);
    expect(scores).toEqual([50, 55, 57, 60, 60]);
  });

  it('adds 2.5 per distinct bonus label in any case and ignores other labels', () => {
    expect(prImpactScore(facts({ labels: ['Security'] })).score).toBe(52.5);
    expect(prImpactScore(facts({ labels: ['feature', 'FEATURE', 'enhancement', 'bug'] })).score).toBe(52.5);
    expect(prImpactScore(facts({ labels: ['feature', 'breaking-change', 'security', 'performance'] })).score).toBe(60);
  });

  it('counts unknown reviews as none and says so in the notes', () => {
    const result = prImpactScore(facts({ additions: 200, reviews: null }));
    expect(result.score).toBe(65);
    expect(result.notes).toEqual(['reviews unknown (no GitHub token): counted as 0']);
  });

  it('reaches exactly 100 with every maximum and keeps score equal to base plus the rules', () => {
    const result = prImpactScore(facts({ additions: 900, changedFiles: 30, reviews: 4, labels: ['feature', 'breaking-change', 'security', 'performance'] }));
    expect(result.score).toBe(100);
    expect(sumOf(result)).toBe(100);
  });

  it('makes a PR portfolio-ready from 500 changed lines alone but not from 499', () => {
    expect(isPortfolioReady(prImpactScore(facts({ additions: 500 })).score)).toBe(true);
    expect(isPortfolioReady(prImpactScore(facts({ additions: 499 })).score)).toBe(false);
  });
});

describe('prComplexityScore', () => {
  it('adds 10 or 20 points at 5 and 10 files', () => {
    const scores = [4, 5, 9, 10].map((changedFiles) => prComplexityScore(facts({ changedFiles })).score);
    expect(scores).toEqual([40, 50, 50, 60]);
  });

  it('adds 5, 10, 20 or 25 points at 50, 200, 500 and 1000 changed lines', () => {
    const scores = [49, 50, 199, 200, 499, 500, 999, 1000].map((lines) => prComplexityScore(facts({ deletions: lines })).score);
    expect(scores).toEqual([40, 45, 45, 50, 50, 60, 60, 65]);
  });

  it('adds 5 or 10 points at 2 and 3 reviewers and at 5 and 10 commits', () => {
    expect([1, 2, 3].map((reviewers) => prComplexityScore(facts({ reviewers })).score)).toEqual([40, 45, 50]);
    expect([4, 5, 9, 10].map((commits) => prComplexityScore(facts({ commits })).score)).toEqual([40, 45, 45, 50]);
  });

  it('caps 105 points at 100 with a negative cap rule', () => {
    const result = prComplexityScore(facts({ changedFiles: 12, additions: 1000, reviewers: 3, commits: 10 }));
    expect(result.score).toBe(100);
    expect(result.rules.at(-1)).toEqual({ rule: 'capped at 100', points: -5 });
    expect(sumOf(result)).toBe(100);
  });

  it('counts unknown reviewers and commits as none, with a note for each', () => {
    const result = prComplexityScore(facts({ changedFiles: 5, reviewers: null, commits: null }));
    expect(result.score).toBe(50);
    expect(result.notes).toEqual(['reviewers unknown (no GitHub token): counted as 0', 'commits unknown (no GitHub token): counted as 0']);
  });
});
