import type { AchievementCategory } from './achievement-enums';
import { round2 } from './achievement-stats';

/**
 * A conventional-commit header at the start of the message (so on its first line):
 * `type(scope)!: subject`, scope and `!` optional.
 */
const HEADER = /^[ \t]*([a-z]+)(?:\([^)\n]*\))?!?:/i;

/** A header whose type marks a significant commit, incl. `breaking change:` / `breaking-change:`. */
const SIGNIFICANT_HEADER = /^[ \t]*(?:feat|feature|fix|perf|refactor|security|breaking(?:[ -]change)?)(?:\([^)\n]*\))?!?:/i;

/** Category of a conventional-commit type (lower case). */
const CATEGORY_BY_TYPE: ReadonlyMap<string, AchievementCategory> = new Map([
  ['feat', 'FEATURE'],
  ['feature', 'FEATURE'],
  ['fix', 'BUGFIX'],
  ['perf', 'PERFORMANCE'],
  ['refactor', 'ARCHITECTURE'],
  ['test', 'TESTING'],
  ['docs', 'DOCUMENTATION'],
  ['ci', 'INFRASTRUCTURE'],
  ['security', 'SECURITY'],
]);

/**
 * Whether a pushed commit is significant (seed-reference §3.5, push: types
 * `feat|feature|fix|perf|refactor|security|breaking`). Decision: the seed searches those words
 * anywhere in the message (so "defeat" or "fix typo" in a body count); we require them as the
 * conventional-commit type of the first line (`type(scope)!: ...`, case-insensitive), with
 * `breaking:`, `breaking change:` and `breaking-change:` accepted for the breaking type.
 * The webhook stores a commit only when exactly one commit of a push is significant.
 *
 * @example isSignificantCommit('fix(auth): refresh expired tokens') // true
 */
export function isSignificantCommit(message: string): boolean {
  return SIGNIFICANT_HEADER.test(message);
}

/**
 * Category of a commit from its conventional-commit type (seed-reference §2.4 "Commits",
 * `git_tracker`): feat/feature -> FEATURE, fix -> BUGFIX, perf -> PERFORMANCE, refactor ->
 * ARCHITECTURE (the seed's `refactoring`, which its own DB enum rejects), test -> TESTING,
 * docs -> DOCUMENTATION, ci -> INFRASTRUCTURE, security -> SECURITY; null for another type
 * (chore, build, breaking, ...) or a first line without a type. Decision: the scope is optional
 * (the seed's regex requires `type(scope):`, so it reads `feat: x` as the type "update").
 *
 * @example commitCategory('perf(db): batch inserts') // 'PERFORMANCE'
 */
export function commitCategory(message: string): AchievementCategory | null {
  const type = HEADER.exec(message)?.[1]?.toLowerCase();
  return type === undefined ? null : (CATEGORY_BY_TYPE.get(type) ?? null);
}

/**
 * Impact score of a commit, 30..90 (seed-reference §2.4 "Commits"):
 * `min(90, 30 + (added + deleted) / 20)` with lines added and deleted, rounded to 2 decimals
 * (the column's precision). 90 is reached at 1200 changed lines.
 */
export function commitImpactScore(added: number, deleted: number): number {
  return round2(Math.min(90, 30 + (added + deleted) / 20));
}

/**
 * Complexity score of a commit, 40..85 (seed-reference §2.4 "Commits"):
 * `min(85, 40 + 5 * files)` with the number of files changed; 85 is reached at 9 files.
 */
export function commitComplexityScore(files: number): number {
  return Math.min(85, 40 + 5 * files);
}
