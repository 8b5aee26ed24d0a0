import { recordCommits } from '../db/repositories/commits';
import { finishDelivery } from '../db/repositories/deliveries';
import { commitCategory, isSignificantCommit } from '../domain/commit-rules';
import type { PushEvent } from '../messaging/github-payloads';
import type { DeliveryDeps, DeliveryResult } from './delivery-result';

/**
 * Records the commits of a `push` to the repository's default branch in `git_commits` (once per
 * repository and sha; seed-reference §3.5: pushes make no achievement), marking the ones whose
 * conventional-commit type the seed counts as significant. Pushes to other branches and tags are
 * ignored. Commits and the delivery's outcome are written in one transaction.
 *
 * @throws Postgres's error (the delivery is retried)
 */
export async function recordPush(deps: DeliveryDeps, deliveryId: string, event: PushEvent): Promise<DeliveryResult> {
  const defaultBranch = event.repository.default_branch;
  if (!defaultBranch || event.ref !== `refs/heads/${defaultBranch}`) {
    return { status: 'IGNORED', outcome: `push to ${event.ref}, not to the default branch` };
  }
  const repository = event.repository.full_name;
  const outcome = await deps.db.transaction().execute(async (trx) => {
    const added = await recordCommits(
      trx,
      event.commits.map((c) => ({
        repository,
        sha: c.id,
        message: c.message,
        author: c.author.username ?? c.author.name,
        committedAt: c.timestamp,
        branch: defaultBranch,
        filesChanged: new Set([...c.added, ...c.removed, ...c.modified]).size,
        additions: null,
        deletions: null,
        isSignificant: isSignificantCommit(c.message),
        category: commitCategory(c.message),
        prAchievementId: null,
      })),
    );
    const text = `${added} of ${event.commits.length} commits recorded`;
    await finishDelivery(trx, deliveryId, { status: 'PROCESSED', outcome: text });
    return text;
  });
  return { status: 'PROCESSED', outcome };
}
