import type { Subjects } from '../../../../lib/events';
import type { Outbox } from '../../../../lib/outbox';
import type { ContentDatabase, GenerationJobRow, NewPost, PostRow } from '../db/database';
import { insertEmbeddingOnce, lockPersonaPosts } from '../db/repositories/embeddings';
import { updateJobIfStatus } from '../db/repositories/jobs';
import { insertPostOnce } from '../db/repositories/posts';
import { nearestDuplicate } from '../domain/dedup';
import type { Neighbour } from '../domain/similarity';
import { jobStatusEvent } from '../messaging/job-events';
import { postCreatedEvent } from '../messaging/post-events';
import type { Embedder } from '../providers/embedder';
import type { VectorIndex } from '../providers/vector-index';

/** What {@link storeUnlessDuplicate} needs. */
export interface StoreDeps {
  /** The subgraph's transactional outbox (the store's transaction is its). */
  outbox: Outbox<ContentDatabase>;
  /** This deployment's subjects (`NATS_PREFIX`). */
  subjects: Subjects;
  embedder: Pick<Embedder, 'provider' | 'model'>;
  vectorIndex: VectorIndex;
  /** `DEDUP_THRESHOLD`, 0..1. */
  threshold: number;
}

/** A finished text of a job, ready to be stored. */
export interface GeneratedPost {
  post: NewPost & { id: string; persona_id: string };
  /** The post's full text (hook, blank line, body), stored on the job. */
  text: string;
  /** Unit embedding of `text`. */
  vector: number[];
}

/**
 * What became of the text: stored (the COMPLETED job and the inserted post), a duplicate of an
 * earlier post, or nothing because the job left PROCESSING meanwhile (`cancelled`: cancelled, or
 * finished by a concurrent delivery of its message).
 */
export type StoreOutcome =
  | { kind: 'stored'; job: GenerationJobRow; post: PostRow }
  | { kind: 'duplicate'; of: Neighbour }
  | { kind: 'cancelled' };

/** Thrown inside the storing transaction when the job left PROCESSING meanwhile: cancelled, or finished by a concurrent delivery (rolls it back). */
class JobLeftProcessingError extends Error {}

/**
 * Stores a job's post unless it duplicates an earlier post of the persona, race-free: in one
 * transaction that holds the persona's dedup lock, the nearest earlier post is searched (with
 * the transaction, so the exact index sees every committed post) and, when none is at least
 * `threshold` similar, the post, its embedding, the job's COMPLETED and, in the outbox, the
 * job's status event then `post.created` (in that order, so that subscribers see COMPLETED
 * before the trajectory that post.created leads to) are written. Two jobs of
 * one persona therefore check and store one after the other, and never store two near-identical
 * posts even when they run at the same time.
 *
 * The embedding row is written here, in the post's transaction; copying it to an external index
 * is the caller's, after the commit.
 */
export async function storeUnlessDuplicate(deps: StoreDeps, jobId: string, generated: GeneratedPost): Promise<StoreOutcome> {
  const { post } = generated;
  try {
    return await deps.outbox.transaction(async (trx, emit): Promise<StoreOutcome> => {
      await lockPersonaPosts(trx, post.persona_id);
      const neighbours = await deps.vectorIndex.search(trx, {
        vector: generated.vector,
        model: deps.embedder.model,
        personaId: post.persona_id,
        excludePostId: post.id,
        limit: 1,
      });
      const duplicate = nearestDuplicate(neighbours, deps.threshold);
      if (duplicate) return { kind: 'duplicate', of: duplicate };
      const stored = await insertPostOnce(trx, post);
      // The post is written with its job's COMPLETED: a concurrent delivery finished the job.
      if (!stored) throw new JobLeftProcessingError();
      await insertEmbeddingOnce(trx, {
        post_id: post.id,
        persona_id: post.persona_id,
        provider: deps.embedder.provider,
        model: deps.embedder.model,
        embedding: generated.vector,
      });
      const row = await updateJobIfStatus(trx, jobId, ['PROCESSING'], { status: 'COMPLETED', stage: 'DONE', text: generated.text, completed_at: new Date() });
      if (!row) throw new JobLeftProcessingError();
      emit(jobStatusEvent(deps.subjects, row));
      emit(postCreatedEvent(deps.subjects, { id: post.id, persona_id: post.persona_id, job_id: jobId, hook: post.hook, body: post.body, variant_id: post.variant_id ?? null }));
      return { kind: 'stored', job: row, post: stored };
    });
  } catch (err) {
    if (err instanceof JobLeftProcessingError) return { kind: 'cancelled' };
    throw err;
  }
}
