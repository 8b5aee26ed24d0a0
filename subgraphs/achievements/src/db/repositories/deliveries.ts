import type { Kysely, Transaction } from 'kysely';
import { ACHIEVEMENTS_SCHEMA } from '../database';
import type { AchievementsDatabase, DeliveryStatus, WebhookDeliveryRow } from '../database';

type Db = Kysely<AchievementsDatabase> | Transaction<AchievementsDatabase>;

/** A verified delivery to store. */
export interface NewDelivery {
  /** `X-GitHub-Delivery`. */
  deliveryId: string;
  /** `X-GitHub-Event`. */
  event: string;
  action: string | null;
  /** The verified body, as received (JSON text). */
  payload: string;
}

/**
 * Stores a delivery once: a delivery id seen before stores nothing and returns the earlier row
 * with `created: false`.
 */
export async function insertDelivery(db: Db, delivery: NewDelivery): Promise<{ row: WebhookDeliveryRow; created: boolean }> {
  const inserted = await db
    .withSchema(ACHIEVEMENTS_SCHEMA)
    .insertInto('webhook_deliveries')
    .values({ delivery_id: delivery.deliveryId, event: delivery.event, action: delivery.action, payload: delivery.payload })
    .onConflict((oc) => oc.column('delivery_id').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return { row: inserted, created: true };
  const existing = await findDelivery(db, delivery.deliveryId);
  if (!existing) throw new Error(`delivery ${delivery.deliveryId} vanished`);
  return { row: existing, created: false };
}

/** A delivery by id, or null; `lock` takes a row lock inside a transaction. */
export async function findDelivery(db: Db, deliveryId: string, lock = false): Promise<WebhookDeliveryRow | null> {
  let query = db.withSchema(ACHIEVEMENTS_SCHEMA).selectFrom('webhook_deliveries').selectAll().where('delivery_id', '=', deliveryId);
  if (lock) query = query.forUpdate();
  return (await query.executeTakeFirst()) ?? null;
}

/** Marks the delivery's JOBS message as accepted by JetStream. */
export async function markDeliveryPublished(db: Db, deliveryId: string): Promise<void> {
  await db.withSchema(ACHIEVEMENTS_SCHEMA).updateTable('webhook_deliveries').set({ published_at: new Date() }).where('delivery_id', '=', deliveryId).execute();
}

/** Ends a RECEIVED delivery with a status and what happened; returns false when it had already ended. */
export async function finishDelivery(
  db: Db,
  deliveryId: string,
  result: { status: Exclude<DeliveryStatus, 'RECEIVED'>; outcome: string; achievementId?: string | null; error?: string | null },
): Promise<boolean> {
  const updated = await db
    .withSchema(ACHIEVEMENTS_SCHEMA)
    .updateTable('webhook_deliveries')
    .set({
      status: result.status,
      outcome: result.outcome,
      achievement_id: result.achievementId ?? null,
      error: result.error ?? null,
      processed_at: new Date(),
    })
    .where('delivery_id', '=', deliveryId)
    .where('status', '=', 'RECEIVED')
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}

/** RECEIVED deliveries never accepted by JetStream, received before `olderThan`, oldest first. */
export async function findUnpublishedDeliveries(db: Db, olderThan: Date, limit: number): Promise<WebhookDeliveryRow[]> {
  return db
    .withSchema(ACHIEVEMENTS_SCHEMA)
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('status', '=', 'RECEIVED')
    .where('published_at', 'is', null)
    .where('received_at', '<', olderThan)
    .orderBy('received_at')
    .limit(limit)
    .execute();
}
