import type { AchievementCategory } from './achievement-enums';
import { labelKeys } from './pr-significance';

/**
 * Label rules, tried in order (seed `github_processor._determine_category`, "labels first");
 * a label matches when equal to one of `labels` after trimming and lower-casing. The seed's
 * categories map 1:1 onto ours (`bugfix` -> BUGFIX, `security` -> SECURITY, ...).
 */
const LABEL_RULES: ReadonlyArray<{ labels: readonly string[]; category: AchievementCategory }> = [
  { labels: ['bug', 'bugfix'], category: 'BUGFIX' },
  { labels: ['security'], category: 'SECURITY' },
  { labels: ['performance'], category: 'PERFORMANCE' },
  { labels: ['documentation', 'docs'], category: 'DOCUMENTATION' },
  { labels: ['test', 'testing'], category: 'TESTING' },
  { labels: ['infrastructure', 'devops'], category: 'INFRASTRUCTURE' },
];

/**
 * Title rules, tried in order after the labels, with the seed's whole-word regexes (`\bfix\b`:
 * "prefix" or "fixes" do not match, `\boptimiz` matches "optimize" and "optimization").
 * Mappings of seed categories onto ours: `optimization` -> PERFORMANCE (we have no
 * OPTIMIZATION), `architecture` (the seed's word for a refactor) -> ARCHITECTURE; the others
 * keep their name.
 */
const TITLE_RULES: ReadonlyArray<{ pattern: RegExp; category: AchievementCategory }> = [
  { pattern: /\bfix\b|\bbug\b/i, category: 'BUGFIX' },
  { pattern: /\bfeat\b|\bfeature\b|\badd\b/i, category: 'FEATURE' },
  { pattern: /\bperf\b|\boptimiz/i, category: 'PERFORMANCE' },
  { pattern: /\brefactor\b/i, category: 'ARCHITECTURE' },
  { pattern: /\bsecurity\b|\bvuln/i, category: 'SECURITY' },
  { pattern: /\bdocs?\b/i, category: 'DOCUMENTATION' },
  { pattern: /\btest\b/i, category: 'TESTING' },
];

/**
 * Category of a merged PR (seed-reference §2.4 "Webhook path", `_determine_category`): the
 * first matching label rule (bug/bugfix, security, performance, documentation/docs,
 * test/testing, infrastructure/devops), else the first matching title rule (fix|bug,
 * feat|feature|add, perf|optimiz, refactor, security|vuln, doc|docs, test), else FEATURE (the
 * seed's default).
 *
 * @example pullRequestCategory(['bug'], 'feat: retry uploads') // 'BUGFIX' (labels win)
 */
export function pullRequestCategory(labels: string[], title: string): AchievementCategory {
  const keys = labelKeys(labels);
  const byLabel = LABEL_RULES.find((rule) => rule.labels.some((label) => keys.has(label)));
  if (byLabel) return byLabel.category;
  const byTitle = TITLE_RULES.find((rule) => rule.pattern.test(title));
  return byTitle?.category ?? 'FEATURE';
}
