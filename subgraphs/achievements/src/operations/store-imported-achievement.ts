import type { Transaction } from 'kysely';
import type { AchievementRow, AchievementsDatabase } from '../db/database';
import { DuplicateSourceError, findAchievementBySource } from '../db/repositories/achievements';
import { finishDelivery } from '../db/repositories/deliveries';
import type { AchievementSourceType } from '../domain/achievement-enums';
import { announceAchievementCreated } from './create-achievement';
import type { DeliveryDeps, DeliveryResult } from './delivery-result';

/**
 * Stores an achievement imported from a GitHub delivery: `write` inserts it (and what belongs to
 * it) in one transaction with the delivery's outcome; then it is counted and `achievement.created`
 * is published. When another delivery imported the same source first (the unique
 * `(source_type, source_id)`), nothing is written and the earlier achievement is reported.
 *
 * @throws Postgres's error (the delivery is retried)
 */
export async function storeImportedAchievement(
  deps: DeliveryDeps,
  deliveryId: string,
  source: { type: AchievementSourceType; id: string },
  write: (trx: Transaction<AchievementsDatabase>) => Promise<AchievementRow>,
): Promise<DeliveryResult> {
  let created: AchievementRow;
  try {
    created = await deps.db.transaction().execute(async (trx) => {
      const row = await write(trx);
      await finishDelivery(trx, deliveryId, { status: 'PROCESSED', outcome: 'achievement created', achievementId: row.id });
      return row;
    });
  } catch (err) {
    if (!(err instanceof DuplicateSourceError)) throw err;
    const raced = await findAchievementBySource(deps.db, source.type, source.id);
    return { status: 'PROCESSED', outcome: 'achievement already imported', achievementId: raced?.id ?? null };
  }
  deps.metrics.created.inc({ source_type: source.type });
  await announceAchievementCreated(deps, created);
  return { status: 'PROCESSED', outcome: 'achievement created', achievementId: created.id };
}
