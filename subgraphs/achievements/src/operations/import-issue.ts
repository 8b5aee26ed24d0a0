import { findAchievementBySource, insertAchievement } from '../db/repositories/achievements';
import { isIssueAchievement, issueCategory, issueImpactScore } from '../domain/issue-rules';
import { isPortfolioReady } from '../domain/portfolio-readiness';
import { githubTags } from '../domain/pr-skills';
import { durationHoursOf } from '../domain/timeline';
import type { IssuesEvent } from '../messaging/github-payloads';
import type { DeliveryDeps, DeliveryResult } from './delivery-result';
import { GITHUB_IMPORT_CREATOR } from './delivery-result';
import { storeImportedAchievement } from './store-imported-achievement';

/** Complexity of an issue's achievement: the seed's base complexity (it does not score issues). */
const ISSUE_COMPLEXITY = 40;

/**
 * Turns an `issues` delivery into an achievement when the issue was `closed` as completed with
 * the seed's labels (bug, enhancement, feature or task, and none of question, duplicate,
 * wontfix, invalid; seed-reference §3.5), once per issue (`sourceId` `owner/repo#number`).
 *
 * @throws Postgres's error (the delivery is retried)
 */
export async function importIssue(deps: DeliveryDeps, deliveryId: string, event: IssuesEvent): Promise<DeliveryResult> {
  const issue = event.issue;
  if (event.action !== 'closed') return { status: 'IGNORED', outcome: `issues ${event.action} is not used` };
  if (issue.state_reason === 'not_planned') return { status: 'IGNORED', outcome: 'issue closed as not planned' };
  const labels = issue.labels.map((l) => l.name);
  if (!isIssueAchievement(labels)) return { status: 'IGNORED', outcome: 'issue labels do not make an achievement' };
  const repository = event.repository.full_name;
  const sourceId = `${repository}#${issue.number}`;
  const existing = await findAchievementBySource(deps.db, 'GITHUB_ISSUE', sourceId);
  if (existing) return { status: 'PROCESSED', outcome: 'achievement already imported', achievementId: existing.id };
  const impact = issueImpactScore(labels, issue.comments);
  return storeImportedAchievement(deps, deliveryId, { type: 'GITHUB_ISSUE', id: sourceId }, (trx) =>
    insertAchievement(trx, {
      title: issue.title.trim().slice(0, 200) || `Issue #${issue.number}`,
      description: (issue.body ?? '').slice(0, 10_000),
      category: issueCategory(labels),
      impact_score: impact.score,
      complexity_score: ISSUE_COMPLEXITY,
      duration_hours: durationHoursOf(null, issue.created_at, issue.closed_at ?? null),
      source_type: 'GITHUB_ISSUE',
      source_id: sourceId,
      source_url: issue.html_url,
      portfolio_ready: isPortfolioReady(impact.score),
      tags: githubTags('issue', { number: issue.number, labels, repository }),
      skills: [],
      metrics: JSON.stringify({ comments: issue.comments }),
      score_breakdown: JSON.stringify({ impact }),
      started_at: issue.created_at,
      completed_at: issue.closed_at ?? null,
      created_by: GITHUB_IMPORT_CREATOR,
    }),
  );
}
