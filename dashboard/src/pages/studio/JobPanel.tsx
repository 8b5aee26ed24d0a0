import { useEffect, useId } from 'react';
import { Link } from 'react-router';
import { useMutation, useSubscription } from 'urql';
import { ErrorMessage } from '../../components/ErrorMessage';
import { TrajectoryChart } from '../../components/TrajectoryChart';
import { graphql } from '../../gql';
import type { JobStage, JobStatus, StudioJobUpdatedSubscription } from '../../gql/graphql';
import { applyJobEvent, initialJobView } from '../../live/job-stream';
import type { JobView } from '../../live/job-stream';
import { dimensionsText } from '../../live/variant-text';

const JobSubscription = graphql(`
  subscription StudioJobUpdated($id: ID!) {
    generationJobUpdated(id: $id) {
      type status delta text
      job {
        id stage regenerations error errorCode
        post {
          id
          variant { id name isControl dimensions }
          emotionTrajectory {
            id trajectoryType dominantEmotion
            segments { position sentimentCompound dominantEmotion emotions { joy trust fear surprise sadness disgust anger anticipation } }
          }
        }
      }
    }
  }
`);

const CancelMutation = graphql(`
  mutation StudioCancel($id: ID!) {
    cancelGenerationJob(id: $id) { id status }
  }
`);

type StreamPost = NonNullable<StudioJobUpdatedSubscription['generationJobUpdated']['job']['post']>;
type Variant = NonNullable<StreamPost['variant']>;
type View = JobView<Variant, NonNullable<StreamPost['emotionTrajectory']>>;

const STAGES: Record<JobStage, string> = {
  QUEUED: 'waiting for a worker',
  ASSIGNING_VARIANT: 'choosing a variant',
  WRITING_HOOK: 'writing the hook',
  WRITING_BODY: 'writing the body',
  STORING: 'storing the post',
  DONE: 'done',
};

/** What the job is doing, in words (the status line after the status). */
function progress(view: View): string {
  const rewrites = view.regenerations > 0 ? ` (rewritten ${view.regenerations} time${view.regenerations === 1 ? '' : 's'})` : '';
  if (view.status === null) return 'connecting…';
  if (view.running) return `${view.stage ? STAGES[view.stage] : ''}${rewrites}`;
  if (view.status === 'COMPLETED') return view.trajectory ? 'emotion trajectory stored' : 'analysing emotions…';
  return '';
}

function VariantText({ view }: { view: View }) {
  if (view.variant === undefined) return <span className="muted">{view.running ? 'known when the post is stored' : '—'}</span>;
  if (view.variant === null) return <>None: the persona has no active experiment</>;
  const dimensions = dimensionsText(view.variant.dimensions);
  return (
    <>
      <strong>{view.variant.name}</strong>
      {view.variant.isControl ? ' (control)' : ''}
      {dimensions ? <span className="muted"> — {dimensions}</span> : null}
    </>
  );
}

/**
 * One job, live (`generationJobUpdated`): its status and stage in a polite live region (not the
 * words, which would flood a screen reader), a Cancel button while it runs, the text as it is
 * written, the variant and a link to the post once stored, then its emotion trajectory.
 * Remount it (a `key`) for another job. `onStatus` hears each status it sees.
 */
export function JobPanel({ jobId, topic, onStatus }: { jobId: string; topic: string | null; onStatus(jobId: string, status: JobStatus): void }) {
  const [{ data, error }] = useSubscription({ query: JobSubscription, variables: { id: jobId } }, (previous: View | undefined, event) =>
    applyJobEvent(previous ?? initialJobView(jobId), event.generationJobUpdated),
  );
  const [cancellation, cancel] = useMutation(CancelMutation);
  const view: View = data ?? initialJobView(jobId);
  const headingId = useId();

  useEffect(() => {
    if (view.status) onStatus(jobId, view.status);
  }, [jobId, view.status, onStatus]);

  return (
    <section className="card job" aria-labelledby={headingId} data-testid="job-panel">
      <div className="job-head">
        <h2 id={headingId}>Current job</h2>
        {topic ? <span className="muted">{topic}</span> : null}
        {view.running ? (
          <button type="button" className="secondary" onClick={() => void cancel({ id: jobId })} disabled={cancellation.fetching}>
            Cancel
          </button>
        ) : null}
      </div>
      <p role="status" aria-live="polite">
        Status <span className={`badge status-${(view.status ?? 'queued').toLowerCase()}`} data-testid="job-status">{view.status ?? '…'}</span> <span className="muted">{progress(view)}</span>
      </p>
      <ErrorMessage error={error} />
      <ErrorMessage error={cancellation.error} />
      {view.error ? (
        <div className="error" role="alert">
          <p>
            {view.errorCode ? <code>{view.errorCode}</code> : null} {view.error}
          </p>
        </div>
      ) : null}
      <dl className="facts">
        <dt>Variant</dt>
        <dd data-testid="job-variant">
          <VariantText view={view} />
        </dd>
        {view.postId ? (
          <>
            <dt>Post</dt>
            <dd>
              <Link to={`/posts/${view.postId}`}>Open the post</Link>
            </dd>
          </>
        ) : null}
      </dl>
      <h3>Text</h3>
      <div className="stream" data-testid="job-text" aria-busy={view.running}>
        {view.text}
      </div>
      {view.trajectory ? <TrajectoryChart trajectory={view.trajectory} /> : null}
      {!view.trajectory && view.status === 'COMPLETED' ? <p className="muted">Analysing the post's emotions…</p> : null}
    </section>
  );
}
