import { EXPERIMENTS_SCHEMA } from '../database';
import type { ExperimentsDb } from './experiments';

/** A consumed CloudEvent to remember. */
export interface SeenEvent {
  /** CloudEvent id. */
  id: string;
  type: string;
  postId: string | null;
  data: Record<string, unknown>;
}

/**
 * Records a consumed CloudEvent (`on conflict (id) do nothing`); call inside the transaction
 * that applies the event so that the record and its effect commit together.
 *
 * @returns true the first time an event id is recorded, false for a repeat
 */
export async function recordEvent(db: ExperimentsDb, event: SeenEvent): Promise<boolean> {
  const inserted = await db
    .withSchema(EXPERIMENTS_SCHEMA)
    .insertInto('experiment_events')
    .values({ id: event.id, type: event.type, post_id: event.postId, data: JSON.stringify(event.data) })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}
