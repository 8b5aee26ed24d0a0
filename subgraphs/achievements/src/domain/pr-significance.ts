/**
 * What is known of a merged pull request when it is imported. Counts are non-negative integers;
 * null means unknown (e.g. no `GITHUB_TOKEN`, so no call to GitHub's REST API for the details).
 */
export interface PullRequestFacts {
  title: string;
  /** Markdown description; empty when there is none. */
  body: string;
  /** Label names as GitHub spells them (compared case-insensitively by every rule). */
  labels: string[];
  /** Lines added. */
  additions: number;
  /** Lines deleted. */
  deletions: number;
  /** Files changed. */
  changedFiles: number;
  /** Reviews submitted; null when unknown. */
  reviews: number | null;
  /** Commits in the PR; null when unknown. */
  commits: number | null;
  /** Distinct reviewers; null when unknown. */
  reviewers: number | null;
  /** Paths of the changed files; empty when unknown. */
  filePaths: string[];
}

/** Labels that make any PR significant (seed `github_pr_tracker._is_significant_pr`), lower case. */
export const SIGNIFICANT_PR_LABELS: readonly string[] = ['feature', 'enhancement', 'breaking-change', 'security'];

/**
 * Title prefixes that make any PR significant (seed `_is_significant_pr`, case-insensitive).
 * Decisions: the seed searches anywhere in the title, these are anchored at its start (after
 * trimming), so `Revert "feat: x"` is not significant; a conventional-commit `!` (breaking
 * marker) is allowed after the type or scope, e.g. `feat(api)!: drop v1`.
 */
export const SIGNIFICANT_PR_TITLES: readonly RegExp[] = [
  /^feat(\([^)]*\))?!?:/i,
  /^perf(\([^)]*\))?!?:/i,
  /^security:/i,
  /^fix(\([^)]*\))?!?:.*critical/i,
  /^breaking change:/i,
];

/** Label names trimmed and lower-cased, for case-insensitive membership tests. */
export function labelKeys(labels: readonly string[]): Set<string> {
  return new Set(labels.map((label) => label.trim().toLowerCase()));
}

/**
 * Whether a merged PR deserves an achievement (seed-reference §2.4 "Significance filter"):
 * `additions + deletions >= minChanges` (lines; the seed's `MIN_PR_CHANGES_FOR_ACHIEVEMENT`,
 * default 50), or one of {@link SIGNIFICANT_PR_LABELS} (case-insensitive), or a title matching
 * one of {@link SIGNIFICANT_PR_TITLES}.
 *
 * @example isSignificantPullRequest({ title: 'feat(api): add search', labels: [], additions: 3, deletions: 0 }, 50) // true
 */
export function isSignificantPullRequest(
  pr: Pick<PullRequestFacts, 'title' | 'labels' | 'additions' | 'deletions'>,
  minChanges: number,
): boolean {
  if (pr.additions + pr.deletions >= minChanges) return true;
  const labels = labelKeys(pr.labels);
  if (SIGNIFICANT_PR_LABELS.some((label) => labels.has(label))) return true;
  const title = pr.title.trim();
  return SIGNIFICANT_PR_TITLES.some((pattern) => pattern.test(title));
}
