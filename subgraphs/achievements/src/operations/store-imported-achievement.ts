import type { Transaction } from 'kysely';
import type { AchievementRow, AchievementsDatabase } from '../db/database';
import { DuplicateSourceError, findAchievementBySource } from '../db/repositories/achievements';
import { finishDelivery } from '../db/repositories/deliveries';
import type { AchievementSourceType } from '../domain/achievement-enums';
import { achievementCreatedEvent } from '../messaging/achievement-events';
import type { DeliveryDeps, DeliveryResult } from './delivery-result';

/**
 * Stores an achievement imported from a GitHub delivery: `write` inserts it (and what belongs to
 * it), the delivery's outcome and `achievement.created` (outbox) in one transaction; then it is
 * counted. When another delivery imported the same source first (the unique
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
    created = await deps.outbox.transaction(async (trx, emit) => {
      const row = await write(trx);
      await finishDelivery(trx, deliveryId, { status: 'PROCESSED', outcome: 'achievement created', achievementId: row.id });
      emit(achievementCreatedEvent(deps.subjects, row));
      return row;
    });
  } catch (err) {
    if (!(err instanceof DuplicateSourceError)) throw err;
    const raced = await findAchievementBySource(deps.db, source.type, source.id);
    return { status: 'PROCESSED', outcome: 'achievement already imported', achievementId: raced?.id ?? null };
  }
  deps.metrics.created.inc({ source_type: source.type });
  return { status: 'PROCESSED', outcome: 'achievement created', achievementId: created.id };
}
