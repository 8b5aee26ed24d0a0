import type { Kysely } from 'kysely';
import type { Subjects } from '../../../../lib/events';
import type { NatsConnection } from '@nats-io/nats-core';
import type { Logger } from '../../../../lib/logger';
import type { ContentDatabase } from '../db/database';
import { updateJobIfStatus } from '../db/repositories/jobs';
import { publishTokenDelta } from '../messaging/job-events';
import type { PostPart } from '../providers/text-provider';

/** How often (ms) a running job's text is saved on its row, at most. */
export const DRAFT_SAVE_INTERVAL_MS = 250;

/** What a {@link JobDraft} needs. */
export interface JobDraftDeps {
  db: Kysely<ContentDatabase>;
  nc: NatsConnection;
  subjects: Subjects;
  logger: Pick<Logger, 'warn'>;
}

/**
 * The text of one running job as it is written (hook, blank line, body). Every delta is
 * published on core NATS with the whole text so far, so a subscriber who missed deltas reads the
 * text at once; the text is also saved on the job row at most every
 * {@link DRAFT_SAVE_INTERVAL_MS}, so a snapshot taken mid-job carries it. Saves run one at a
 * time (a row never goes back to older text) and only while the job is PROCESSING; a failed save
 * is logged and does not fail the job (the post's text is stored with the post).
 *
 * Considered: lodash.throttle, which neither serialises async saves nor lets the job await the
 * last one.
 */
export class JobDraft {
  private written = '';
  /** Text of the last save attempt (a failed one is not retried until more text arrives). */
  private savedText = '';
  private timer: NodeJS.Timeout | null = null;
  private saving: Promise<void> | null = null;
  private lastSavedAt = 0;
  private closed = false;

  constructor(
    private readonly deps: JobDraftDeps,
    private readonly job: { id: string; personaId: string },
  ) {}

  /** Everything written so far. */
  get text(): string {
    return this.written;
  }

  /** Appends streamed text of `part` and publishes it. */
  append(part: PostPart, delta: string): void {
    if (this.closed || delta.length === 0) return;
    this.written += delta;
    publishTokenDelta(this.deps.nc, this.deps.subjects, { jobId: this.job.id, personaId: this.job.personaId, part, delta, text: this.written });
    this.scheduleSave();
  }

  /** Stops saving and waits for a save in flight (the stored post's text supersedes the draft). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.saving;
  }

  private scheduleSave(): void {
    if (this.timer || this.saving || this.closed) return;
    const wait = Math.max(0, this.lastSavedAt + DRAFT_SAVE_INTERVAL_MS - Date.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.saving = this.save().finally(() => {
        this.saving = null;
        this.lastSavedAt = Date.now();
        if (!this.closed && this.savedText !== this.written) this.scheduleSave();
      });
    }, wait);
  }

  private async save(): Promise<void> {
    const text = this.written;
    try {
      await updateJobIfStatus(this.deps.db, this.job.id, ['PROCESSING'], { text });
    } catch (err) {
      this.deps.logger.warn({ err, jobId: this.job.id }, 'could not save the text written so far');
    }
    this.savedText = text;
  }
}
