import type { Transaction } from 'kysely';
import type { AchievementRow, AchievementsDatabase } from '../db/database';
import { findAchievementBySource, insertAchievement } from '../db/repositories/achievements';
import { recordCommits } from '../db/repositories/commits';
import { insertPullRequest } from '../db/repositories/pull-requests';
import { estimateBusinessValue } from '../domain/business-value';
import { commitCategory, isSignificantCommit } from '../domain/commit-rules';
import { isPortfolioReady } from '../domain/portfolio-readiness';
import { pullRequestCategory } from '../domain/pr-category';
import { prComplexityScore, prImpactScore } from '../domain/pr-scoring';
import type { PullRequestFacts } from '../domain/pr-significance';
import { isSignificantPullRequest } from '../domain/pr-significance';
import { changeTypeOfPath, languageOfPath, pullRequestSkills, pullRequestTags } from '../domain/pr-skills';
import { durationHoursOf } from '../domain/timeline';
import type { PullRequestDetails } from '../messaging/github-client';
import type { PullRequestEvent } from '../messaging/github-payloads';
import type { DeliveryDeps, DeliveryResult } from './delivery-result';
import { GITHUB_IMPORT_CREATOR } from './delivery-result';
import { storeImportedAchievement } from './store-imported-achievement';

const MAX_TITLE = 200;

/** `owner/repo#number`: the `sourceId` of a PR's achievement. */
export function pullRequestSourceId(repository: string, number: number): string {
  return `${repository}#${number}`;
}

/**
 * Turns a `pull_request` delivery into an achievement, idempotently by delivery and by PR
 * (seed-reference §2.4): only `closed` with `merged: true` and significant by the seed's filter;
 * with `GITHUB_TOKEN` the PR's files, commits and reviews are read from GitHub's REST API and
 * count in the scores, without it reviews count 0 and the breakdown says so. The achievement,
 * its `pr_achievements` row, files, commits and the delivery's outcome are written in one
 * transaction; `achievement.created` is published after the commit.
 *
 * @throws GitHub's or Postgres's error (the delivery is retried with backoff)
 */
export async function importPullRequest(deps: DeliveryDeps, deliveryId: string, event: PullRequestEvent): Promise<DeliveryResult> {
  const pr = event.pull_request;
  if (event.action !== 'closed') return { status: 'IGNORED', outcome: `pull_request ${event.action} is not used` };
  if (!pr.merged || !pr.merged_at) return { status: 'IGNORED', outcome: 'pull request closed without merging' };
  const repository = event.repository.full_name;
  const sourceId = pullRequestSourceId(repository, pr.number);
  const existing = await findAchievementBySource(deps.db, 'GITHUB_PR', sourceId);
  if (existing) return { status: 'PROCESSED', outcome: 'achievement already imported', achievementId: existing.id };
  const labels = pr.labels.map((l) => l.name);
  if (!isSignificantPullRequest({ title: pr.title, labels, additions: pr.additions, deletions: pr.deletions }, deps.minPrChanges)) {
    return { status: 'IGNORED', outcome: 'pull request not significant (size, labels and title below the seed filter)' };
  }
  const details = deps.github ? await deps.github.pullRequestDetails(repository, pr.number) : null;
  const facts: PullRequestFacts = {
    title: pr.title,
    body: pr.body ?? '',
    labels,
    additions: pr.additions,
    deletions: pr.deletions,
    changedFiles: pr.changed_files,
    reviews: details ? details.reviews : null,
    commits: details ? details.commits.length : (pr.commits ?? null),
    reviewers: details ? details.reviewers.length : null,
    filePaths: details ? details.files.map((f) => f.path) : [],
  };
  return storeImportedAchievement(deps, deliveryId, { type: 'GITHUB_PR', id: sourceId }, (trx) => writePullRequestAchievement(trx, event, facts, details));
}

/** The achievement of a PR, its `pr_achievements` row, files and commits (inside the import's transaction). */
async function writePullRequestAchievement(
  trx: Transaction<AchievementsDatabase>,
  event: PullRequestEvent,
  facts: PullRequestFacts,
  details: PullRequestDetails | null,
): Promise<AchievementRow> {
  const pr = event.pull_request;
  const repository = event.repository.full_name;
  const impact = prImpactScore(facts);
  const complexity = prComplexityScore(facts);
  const category = pullRequestCategory(facts.labels, pr.title);
  const value = estimateBusinessValue(`${pr.title}\n${facts.body}`, { files: facts.changedFiles, lines: facts.additions + facts.deletions });
  const achievement = await insertAchievement(trx, {
    title: pr.title.trim().slice(0, MAX_TITLE) || `Pull request #${pr.number}`,
    description: facts.body.slice(0, 10_000),
    category,
    impact_score: impact.score,
    complexity_score: complexity.score,
    business_value: value?.usd ?? null,
    business_value_method: value?.method ?? null,
    business_value_confidence: value?.confidence ?? null,
    duration_hours: durationHoursOf(null, pr.created_at, pr.merged_at),
    source_type: 'GITHUB_PR',
    source_id: pullRequestSourceId(repository, pr.number),
    source_url: pr.html_url,
    portfolio_ready: isPortfolioReady(impact.score),
    tags: pullRequestTags({ number: pr.number, labels: facts.labels, repository }),
    skills: pullRequestSkills(facts.labels, facts.filePaths),
    metrics: JSON.stringify({ additions: facts.additions, deletions: facts.deletions, changedFiles: facts.changedFiles }),
    score_breakdown: JSON.stringify({ impact, complexity, businessValue: value ? value.explanation : 'no rule of the business value calculator matched' }),
    started_at: pr.created_at,
    completed_at: pr.merged_at!,
    created_by: GITHUB_IMPORT_CREATOR,
  });
  const stored = await insertPullRequest(
    trx,
    {
      achievementId: achievement.id,
      repository,
      number: pr.number,
      title: pr.title,
      description: facts.body,
      author: pr.user?.login ?? 'unknown',
      mergedAt: pr.merged_at!,
      additions: facts.additions,
      deletions: facts.deletions,
      changedFiles: facts.changedFiles,
      commits: facts.commits,
      reviewCount: facts.reviews,
      reviewers: details?.reviewers ?? [],
      labels: facts.labels,
    },
    (details?.files ?? []).map((f) => ({
      path: f.path,
      language: languageOfPath(f.path),
      changeType: changeTypeOfPath(f.path, category),
      linesAdded: f.additions,
      linesDeleted: f.deletions,
    })),
  );
  await recordCommits(
    trx,
    (details?.commits ?? []).map((c) => ({
      repository,
      sha: c.sha,
      message: c.message,
      author: c.author,
      committedAt: c.committedAt,
      branch: null,
      filesChanged: 0,
      additions: null,
      deletions: null,
      isSignificant: isSignificantCommit(c.message),
      category: commitCategory(c.message),
      prAchievementId: stored.id,
    })),
  );
  return achievement;
}
