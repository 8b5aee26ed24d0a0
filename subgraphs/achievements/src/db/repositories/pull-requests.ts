import type { Kysely, Selectable, Transaction } from 'kysely';
import { ACHIEVEMENTS_SCHEMA } from '../database';
import type { AchievementsDatabase, PrAchievementRow, PrCodeChangesTable } from '../database';

type Db = Kysely<AchievementsDatabase> | Transaction<AchievementsDatabase>;

/** A file changed by a PR, as stored. */
export type CodeChangeRow = Selectable<PrCodeChangesTable>;

/** A merged PR to store with its achievement. */
export interface NewPullRequest {
  achievementId: string;
  repository: string;
  number: number;
  title: string;
  description: string;
  author: string;
  mergedAt: Date;
  additions: number;
  deletions: number;
  changedFiles: number;
  commits: number | null;
  reviewCount: number | null;
  reviewers: string[];
  labels: string[];
}

/** A changed file to store with its PR. */
export interface NewCodeChange {
  path: string;
  language: string | null;
  changeType: string;
  linesAdded: number;
  linesDeleted: number;
}

/** The stored PR of a repository and number, or null. */
export async function findPullRequest(db: Db, repository: string, number: number): Promise<PrAchievementRow | null> {
  const row = await db
    .withSchema(ACHIEVEMENTS_SCHEMA)
    .selectFrom('pr_achievements')
    .selectAll()
    .where('repository', '=', repository)
    .where('pr_number', '=', number)
    .executeTakeFirst();
  return row ?? null;
}

/** Stores a PR and its files (inside the achievement's transaction); returns the PR row. */
export async function insertPullRequest(trx: Transaction<AchievementsDatabase>, pr: NewPullRequest, files: readonly NewCodeChange[]): Promise<PrAchievementRow> {
  const row = await trx
    .withSchema(ACHIEVEMENTS_SCHEMA)
    .insertInto('pr_achievements')
    .values({
      achievement_id: pr.achievementId,
      repository: pr.repository,
      pr_number: pr.number,
      title: pr.title,
      description: pr.description,
      author: pr.author,
      merged_at: pr.mergedAt,
      additions: pr.additions,
      deletions: pr.deletions,
      changed_files: pr.changedFiles,
      commits: pr.commits,
      review_count: pr.reviewCount,
      reviewers: JSON.stringify(pr.reviewers),
      labels: JSON.stringify(pr.labels),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (files.length > 0) {
    await trx
      .withSchema(ACHIEVEMENTS_SCHEMA)
      .insertInto('pr_code_changes')
      .values(
        files.map((file) => ({
          pr_achievement_id: row.id,
          file_path: file.path,
          language: file.language,
          change_type: file.changeType,
          lines_added: file.linesAdded,
          lines_deleted: file.linesDeleted,
        })),
      )
      .onConflict((oc) => oc.constraint('pr_code_changes_file').doNothing())
      .execute();
  }
  return row;
}

/** PRs of several achievements, in one query. */
export async function findPullRequestsByAchievementIds(db: Db, achievementIds: readonly string[]): Promise<PrAchievementRow[]> {
  if (achievementIds.length === 0) return [];
  return db.withSchema(ACHIEVEMENTS_SCHEMA).selectFrom('pr_achievements').selectAll().where('achievement_id', 'in', achievementIds).execute();
}

/** Changed files of several PRs, in one query, by path. */
export async function findCodeChangesByPullRequestIds(db: Db, prIds: readonly string[]): Promise<CodeChangeRow[]> {
  if (prIds.length === 0) return [];
  return db.withSchema(ACHIEVEMENTS_SCHEMA).selectFrom('pr_code_changes').selectAll().where('pr_achievement_id', 'in', prIds).orderBy('file_path').execute();
}
