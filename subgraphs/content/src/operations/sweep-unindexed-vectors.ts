import type { Kysely } from 'kysely';
import type { Logger } from '../../../../lib/logger';
import { startPeriodicTask } from '../../../../lib/server';
import type { ContentDatabase } from '../db/database';
import { findUnindexedEmbeddings } from '../db/repositories/embeddings';
import type { VectorIndex } from '../providers/vector-index';

/** Options of {@link startIndexSweeper}; times in milliseconds. */
export interface IndexSweeperOptions {
  db: Kysely<ContentDatabase>;
  /** An external index (`external`); the exact index needs no sweeper. */
  vectorIndex: VectorIndex;
  logger: Logger;
  intervalMs: number;
  /** Vectors younger than this are left to the generation job's own copy. */
  minAgeMs: number;
}

/** Vectors copied per request, and per pass at most ({@link MAX_BATCHES_PER_PASS} requests). */
const BATCH_SIZE = 100;
const MAX_BATCHES_PER_PASS = 10;

/** Copies vectors not yet in the external index, oldest first; returns how many. */
export async function copyUnindexedVectors(options: IndexSweeperOptions): Promise<number> {
  let copied = 0;
  for (let batch = 0; batch < MAX_BATCHES_PER_PASS; batch++) {
    const rows = await findUnindexedEmbeddings(options.db, new Date(Date.now() - options.minAgeMs), BATCH_SIZE);
    if (rows.length === 0) break;
    await options.vectorIndex.upsert(
      options.db,
      rows.map((row) => ({ postId: row.post_id, personaId: row.persona_id, model: row.model, createdAt: row.created_at, vector: row.embedding })),
    );
    copied += rows.length;
    if (rows.length < BATCH_SIZE) break;
  }
  if (copied > 0) options.logger.info({ copied, index: options.vectorIndex.name }, 'index sweeper copied post vectors');
  return copied;
}

/**
 * Copies, every `intervalMs`, the post vectors that have not reached the external index
 * (`post_embeddings.indexed_at` null: the job's copy after the commit failed, the worker stopped
 * in between, or the index was configured after the posts were written), at most 1000 a pass.
 * Upserts are idempotent by post id, so a vector copied twice is harmless.
 *
 * @returns `sweep()` for one pass (returns the number copied) and `stop()`
 */
export function startIndexSweeper(options: IndexSweeperOptions): { sweep(): Promise<number>; stop(): Promise<void> } {
  const task = startPeriodicTask({ name: 'index sweeper', intervalMs: options.intervalMs, logger: options.logger, pass: () => copyUnindexedVectors(options) });
  return { sweep: () => task.runOnce(), stop: () => task.stop() };
}
