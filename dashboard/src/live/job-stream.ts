import type { JobEventType, JobStage, JobStatus } from '../gql/graphql';

/** Statuses after which a job does nothing more (the stream of a COMPLETED job still brings its trajectory). */
const STOPPED: ReadonlySet<JobStatus> = new Set(['FAILED', 'CANCELLED', 'BLOCKED']);
const FINAL: ReadonlySet<JobStatus> = new Set([...STOPPED, 'COMPLETED']);

/** What the stream reads of a `GenerationJobEvent` (a subscription's selection of it fits). */
export interface JobStreamEvent<V, T> {
  type: JobEventType;
  /** The job's status as of this event. */
  status: JobStatus;
  /** Newly written text (TOKEN_DELTA). */
  delta?: string | null;
  /** Everything written so far as of this event (hook, blank line, body); null before the first word. */
  text?: string | null;
  job: {
    id: string;
    stage?: JobStage;
    regenerations?: number;
    error?: string | null;
    errorCode?: string | null;
    /** The post, once COMPLETED, with its variant and, once analysed, its trajectory. */
    post?: { id: string; variant?: V | null; emotionTrajectory?: T | null } | null;
  };
}

/** A job as the Studio shows it while it is written: assembled from its events by {@link applyJobEvent}. */
export interface JobView<V, T> {
  jobId: string;
  /** Null until the first event (the subscription's SNAPSHOT). */
  status: JobStatus | null;
  stage: JobStage | null;
  /** The text written so far ('' before the first word; restarted by a rewrite). */
  text: string;
  /** Texts rewritten because they duplicated an earlier post or missed the quality gate. */
  regenerations: number;
  error: string | null;
  errorCode: string | null;
  /** The stored post's id, once COMPLETED. */
  postId: string | null;
  /** The variant the post was written with: undefined until the post is known, null when it was in no experiment. */
  variant: V | null | undefined;
  /** The post's emotion trajectory, once stored. */
  trajectory: T | null;
  /** QUEUED or PROCESSING: still writing, and cancellable. */
  running: boolean;
  /** Nothing more will come: FAILED, CANCELLED or BLOCKED, or COMPLETED with its trajectory. */
  ended: boolean;
}

/** The view of a job before any event: nothing known but its id. */
export function initialJobView<V, T>(jobId: string): JobView<V, T> {
  return { jobId, status: null, stage: null, text: '', regenerations: 0, error: null, errorCode: null, postId: null, variant: undefined, trajectory: null, running: true, ended: false };
}

/**
 * The text after an event: a REGENERATING event restarts it (with its `text`, empty); otherwise an
 * event's `text` replaces it, unless it is an older, shorter prefix of what is shown (a snapshot
 * saved a moment before the last delta), so the text never steps back; without `text`, a `delta`
 * is appended.
 */
function nextText(current: string, event: Pick<JobStreamEvent<unknown, unknown>, 'type' | 'delta' | 'text'>): string {
  if (event.type === 'REGENERATING') return event.text ?? '';
  if (typeof event.text === 'string') return event.text.length < current.length && current.startsWith(event.text) ? current : event.text;
  return event.delta ? current + event.delta : current;
}

/**
 * Folds one `generationJobUpdated` event into a job's view (pure: returns a new view). Events of
 * another job are ignored. The status is the event's, but a finished job (COMPLETED, FAILED,
 * CANCELLED, BLOCKED) is never taken back to a running status by a late event; the stage, error,
 * regenerations, post, variant and trajectory come from the event's `job` when it has them.
 *
 * @example
 * let view = initialJobView('j1');
 * view = applyJobEvent(view, { type: 'TOKEN_DELTA', status: 'PROCESSING', delta: 'Hello', text: null, job: { id: 'j1' } });
 * view.text; // 'Hello'
 */
export function applyJobEvent<V, T>(view: JobView<V, T>, event: JobStreamEvent<V, T>): JobView<V, T> {
  if (event.job.id !== view.jobId) return view;
  const status = view.status && FINAL.has(view.status) && !FINAL.has(event.status) ? view.status : event.status;
  const { job } = event;
  const post = job.post ?? null;
  const variant = post && 'variant' in post ? (post.variant ?? null) : view.variant;
  const trajectory = post?.emotionTrajectory ?? view.trajectory;
  return {
    jobId: view.jobId,
    status,
    stage: job.stage ?? view.stage,
    text: nextText(view.text, event),
    regenerations: job.regenerations ?? view.regenerations,
    error: job.error !== undefined ? job.error : view.error,
    errorCode: job.errorCode !== undefined ? job.errorCode : view.errorCode,
    postId: post?.id ?? view.postId,
    variant,
    trajectory,
    running: !FINAL.has(status),
    ended: STOPPED.has(status) || (status === 'COMPLETED' && (trajectory !== null || event.type === 'EMOTION_TRAJECTORY_STORED')),
  };
}
