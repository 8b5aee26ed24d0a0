import type { PullRequestFacts } from './pr-significance';
import { labelKeys } from './pr-significance';

/** One rule that moved a score: a short description and its points (negative for the cap). */
export interface ScoreRule {
  rule: string;
  points: number;
}

/**
 * How a score was reached: `score = base + sum(rules[].points)`, 0..100. `notes` lists facts
 * that were unknown and counted as 0.
 */
export interface ScoreBreakdown {
  score: number;
  base: number;
  rules: ScoreRule[];
  notes: string[];
}

/** A threshold ladder: the first step whose `min` the value reaches gives its points. */
interface Step {
  min: number;
  points: number;
}

const MAX_SCORE = 100;
/** Points per bonus label; 4 labels x 2.5 is the seed's maximum of +10. */
const LABEL_BONUS = 2.5;

/** Labels worth +2.5 each in the impact score (seed `_calculate_pr_impact_score`), lower case. */
export const IMPACT_BONUS_LABELS: readonly string[] = ['feature', 'breaking-change', 'security', 'performance'];

const IMPACT_SIZE: Step[] = [
  { min: 500, points: 20 },
  { min: 200, points: 15 },
  { min: 100, points: 10 },
  { min: 50, points: 5 },
];
const IMPACT_FILES: Step[] = [
  { min: 10, points: 10 },
  { min: 5, points: 7 },
  { min: 3, points: 5 },
];
const IMPACT_REVIEWS: Step[] = [
  { min: 3, points: 10 },
  { min: 2, points: 7 },
  { min: 1, points: 5 },
];
const COMPLEXITY_FILES: Step[] = [
  { min: 10, points: 20 },
  { min: 5, points: 10 },
];
const COMPLEXITY_SIZE: Step[] = [
  { min: 1000, points: 25 },
  { min: 500, points: 20 },
  { min: 200, points: 10 },
  { min: 50, points: 5 },
];
const COMPLEXITY_REVIEWERS: Step[] = [
  { min: 3, points: 10 },
  { min: 2, points: 5 },
];
const COMPLEXITY_COMMITS: Step[] = [
  { min: 10, points: 10 },
  { min: 5, points: 5 },
];

/** Adds the rule of the first step `value` reaches, if any. */
function applyLadder(rules: ScoreRule[], what: string, value: number, ladder: readonly Step[]): void {
  const step = ladder.find((candidate) => value >= candidate.min);
  if (step) rules.push({ rule: `${what} >= ${step.min}`, points: step.points });
}

/** Sums the rules onto the base and adds a negative "capped at 100" rule when the sum exceeds it. */
function finish(base: number, rules: ScoreRule[], notes: string[]): ScoreBreakdown {
  const raw = rules.reduce((sum, rule) => sum + rule.points, base);
  if (raw > MAX_SCORE) rules.push({ rule: `capped at ${MAX_SCORE}`, points: MAX_SCORE - raw });
  return { score: Math.min(raw, MAX_SCORE), base, rules, notes };
}

/** A count that may be unknown: the count, or 0 with a note naming it. */
function knownOrZero(value: number | null, what: string, notes: string[]): number {
  if (value !== null) return value;
  notes.push(`${what} unknown (no GitHub token): counted as 0`);
  return 0;
}

/**
 * Impact score of a merged PR, 0..100 (seed-reference §2.4 "PR impact score",
 * `github_pr_tracker._calculate_pr_impact_score`): base 50; changed lines (additions +
 * deletions) >= 500 +20, >= 200 +15, >= 100 +10, >= 50 +5; files >= 10 +10, >= 5 +7, >= 3 +5;
 * reviews >= 3 +10, >= 2 +7, >= 1 +5; +2.5 per distinct label of {@link IMPACT_BONUS_LABELS}
 * (case-insensitive; four labels, so at most +10); capped at 100. Unknown reviews count 0, with a note.
 * `portfolio_ready` follows from `isPortfolioReady(score)` (>= 70).
 *
 * @example prImpactScore({ ...pr, additions: 600, deletions: 100, changedFiles: 12, labels: ['feature', 'performance'], reviews: 0 }).score // 85
 */
export function prImpactScore(pr: PullRequestFacts): ScoreBreakdown {
  const rules: ScoreRule[] = [];
  const notes: string[] = [];
  applyLadder(rules, 'changed lines', pr.additions + pr.deletions, IMPACT_SIZE);
  applyLadder(rules, 'files', pr.changedFiles, IMPACT_FILES);
  applyLadder(rules, 'reviews', knownOrZero(pr.reviews, 'reviews', notes), IMPACT_REVIEWS);
  const labels = labelKeys(pr.labels);
  for (const label of IMPACT_BONUS_LABELS) {
    if (labels.has(label)) rules.push({ rule: `label ${label}`, points: LABEL_BONUS });
  }
  return finish(50, rules, notes);
}

/**
 * Complexity score of a merged PR, 0..100 (seed-reference §2.4 "PR complexity score",
 * `_calculate_complexity_score`): base 40; files >= 10 +20, >= 5 +10; changed lines >= 1000
 * +25, >= 500 +20, >= 200 +10, >= 50 +5; reviewers >= 3 +10, >= 2 +5; commits >= 10 +10,
 * >= 5 +5; capped at 100. Unknown reviewers or commits count 0, each with a note.
 *
 * @example prComplexityScore({ ...pr, changedFiles: 12, additions: 1000, deletions: 0, reviewers: 3, commits: 10 }).score // 100 (105 capped)
 */
export function prComplexityScore(pr: PullRequestFacts): ScoreBreakdown {
  const rules: ScoreRule[] = [];
  const notes: string[] = [];
  applyLadder(rules, 'files', pr.changedFiles, COMPLEXITY_FILES);
  applyLadder(rules, 'changed lines', pr.additions + pr.deletions, COMPLEXITY_SIZE);
  applyLadder(rules, 'reviewers', knownOrZero(pr.reviewers, 'reviewers', notes), COMPLEXITY_REVIEWERS);
  applyLadder(rules, 'commits', knownOrZero(pr.commits, 'commits', notes), COMPLEXITY_COMMITS);
  return finish(40, rules, notes);
}
