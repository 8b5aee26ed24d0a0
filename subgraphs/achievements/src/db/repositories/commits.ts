import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import { ACHIEVEMENTS_SCHEMA } from '../database';
import type { AchievementsDatabase } from '../database';

type Db = Kysely<AchievementsDatabase> | Transaction<AchievementsDatabase>;

/** A commit to record. */
export interface NewCommit {
  /** `owner/repo`. */
  repository: string;
  sha: string;
  message: string;
  author: string;
  committedAt: Date;
  branch: string | null;
  filesChanged: number;
  additions: number | null;
  deletions: number | null;
  isSignificant: boolean;
  category: string | null;
  prAchievementId: string | null;
}

/**
 * Records commits once per `(repository, sha)`: a commit seen again keeps its row, gaining the PR
 * it belongs to when that is now known. Returns how many rows were new.
 */
export async function recordCommits(db: Db, commits: readonly NewCommit[]): Promise<number> {
  if (commits.length === 0) return 0;
  const rows = await db
    .withSchema(ACHIEVEMENTS_SCHEMA)
    .insertInto('git_commits')
    .values(
      commits.map((c) => ({
        repository: c.repository,
        sha: c.sha,
        message: c.message,
        author: c.author,
        committed_at: c.committedAt,
        branch: c.branch,
        files_changed: c.filesChanged,
        additions: c.additions,
        deletions: c.deletions,
        is_significant: c.isSignificant,
        category: c.category,
        pr_achievement_id: c.prAchievementId,
      })),
    )
    .onConflict((oc) =>
      oc.constraint('git_commits_repository_sha').doUpdateSet((eb) => ({
        pr_achievement_id: eb.fn.coalesce('git_commits.pr_achievement_id', 'excluded.pr_achievement_id'),
      })),
    )
    // xmax = 0 only on rows this statement inserted (an updated row carries the updating xid).
    .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
    .execute();
  return rows.filter((row) => row.inserted).length;
}
