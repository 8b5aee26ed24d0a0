import type { AchievementCategory } from './achievement-enums';
import type { ScoreBreakdown, ScoreRule } from './pr-scoring';
import { labelKeys } from './pr-significance';

/** Labels of completed work; an issue needs one of them (seed `process_issue`), lower case. */
export const WORK_ISSUE_LABELS: readonly string[] = ['bug', 'enhancement', 'feature', 'task'];

/** Labels of non-work issues; any of them excludes an issue (seed `process_issue`), lower case. */
export const NON_WORK_ISSUE_LABELS: readonly string[] = ['question', 'duplicate', 'wontfix', 'invalid'];

/**
 * Whether a closed issue becomes an achievement (seed-reference §3.5, `issues` with action
 * `closed`): it has a label of {@link WORK_ISSUE_LABELS} and none of
 * {@link NON_WORK_ISSUE_LABELS}. Labels are compared trimmed and case-insensitively (the seed
 * compares them exactly).
 *
 * @example isIssueAchievement(['Bug', 'wontfix']) // false
 */
export function isIssueAchievement(labels: string[]): boolean {
  const keys = labelKeys(labels);
  if (NON_WORK_ISSUE_LABELS.some((label) => keys.has(label))) return false;
  return WORK_ISSUE_LABELS.some((label) => keys.has(label));
}

/** Label rules tried in order; the first whose label the issue has gives the category. */
const ISSUE_CATEGORY_RULES: ReadonlyArray<{ labels: readonly string[]; category: AchievementCategory }> = [
  { labels: ['bug'], category: 'BUGFIX' },
  { labels: ['enhancement', 'feature'], category: 'FEATURE' },
  { labels: ['security'], category: 'SECURITY' },
  { labels: ['performance'], category: 'PERFORMANCE' },
  { labels: ['documentation', 'docs'], category: 'DOCUMENTATION' },
];

/**
 * Category of a closed issue from its labels, in this order: bug -> BUGFIX,
 * enhancement/feature -> FEATURE, security -> SECURITY, performance -> PERFORMANCE,
 * documentation/docs -> DOCUMENTATION, else OTHER. The seed (`process_issue`) knows only the
 * first two and defaults to `feature`; we default to OTHER so that a `task` issue is not
 * counted as a feature.
 *
 * @example issueCategory(['task', 'performance']) // 'PERFORMANCE'
 */
export function issueCategory(labels: string[]): AchievementCategory {
  const keys = labelKeys(labels);
  return ISSUE_CATEGORY_RULES.find((rule) => rule.labels.some((label) => keys.has(label)))?.category ?? 'OTHER';
}

/** Most points the discussion adds to an issue's impact (1 per comment). */
export const MAX_ISSUE_COMMENT_POINTS = 10;

/**
 * Impact score of a closed issue, 50..75 (on the 0..100 scale). Our own rule (the seed
 * leaves issue achievements at impact 0): base 50; +10 once if labelled security or
 * performance; +5 if labelled bug; +1 per comment up to +{@link MAX_ISSUE_COMMENT_POINTS}
 * (a negative count counts 0); capped at 100 (never reached: the maximum is 75). Reaching 70
 * (portfolio-ready) needs a security or performance label.
 *
 * @example issueImpactScore(['bug', 'security'], 4).score // 69
 */
export function issueImpactScore(labels: string[], comments: number): ScoreBreakdown {
  const keys = labelKeys(labels);
  const rules: ScoreRule[] = [];
  if (keys.has('security') || keys.has('performance')) rules.push({ rule: 'label security or performance', points: 10 });
  if (keys.has('bug')) rules.push({ rule: 'label bug', points: 5 });
  const commentPoints = Math.min(MAX_ISSUE_COMMENT_POINTS, Math.floor(comments));
  if (commentPoints > 0) rules.push({ rule: `comments (${commentPoints}, 1 point each, max ${MAX_ISSUE_COMMENT_POINTS})`, points: commentPoints });
  const base = 50;
  const score = Math.min(100, rules.reduce((sum, rule) => sum + rule.points, base));
  return { score, base, rules, notes: [] };
}
