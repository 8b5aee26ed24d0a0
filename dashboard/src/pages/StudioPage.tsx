import { useCallback, useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useClient, useMutation, useQuery, useSubscription } from 'urql';
import { ErrorMessage } from '../components/ErrorMessage';
import { dateTime } from '../format';
import { graphql } from '../gql';
import type { JobStatus } from '../gql/graphql';
import { mergeRecentJobs } from '../live/recent-jobs';
import type { RecentJob } from '../live/recent-jobs';
import { useRefresh } from '../live/use-refresh';
import { JobPanel } from './studio/JobPanel';
import './content.css';

const StudioQuery = graphql(`
  query StudioPage {
    personas { id name emoji }
    posts(first: 10) { edges { node { id job { id topic status createdAt persona { id name emoji } } } } }
  }
`);

const GenerateMutation = graphql(`
  mutation StudioGenerate($input: GeneratePostInput!) {
    generatePost(input: $input) { id topic status createdAt persona { id name emoji } }
  }
`);

const JobQuery = graphql(`
  query StudioJob($id: ID!) {
    generationJob(id: $id) { id topic status createdAt persona { id name emoji } }
  }
`);

const JobsFeedSubscription = graphql(`
  subscription StudioJobsFeed {
    generationJobsUpdated { job { id topic status createdAt persona { id name emoji } } }
  }
`);

/** Jobs kept in the list. */
const RECENT_JOBS = 10;

/**
 * Studio (the content pipeline): choose a persona and a topic and press Generate; the job's post
 * is written word by word in the job panel (status, variant, then its emotion trajectory), and
 * the recent jobs (those of the latest posts, those started here, and every job the live feed
 * `generationJobsUpdated` reports) are listed with their statuses, each one watchable. The feed
 * has no replay: after a reconnection, the latest posts and every listed job still running are
 * read again.
 */
export default function StudioPage() {
  const client = useClient();
  const [{ data, error }, refetch] = useQuery({ query: StudioQuery, requestPolicy: 'cache-and-network' });
  const [generation, generate] = useMutation(GenerateMutation);
  const [{ data: feed, error: feedError }] = useSubscription({ query: JobsFeedSubscription }, (previous: RecentJob[] | undefined, event) =>
    mergeRecentJobs(previous ?? [], [event.generationJobsUpdated.job], RECENT_JOBS),
  );
  const [personaId, setPersonaId] = useState('');
  const [topic, setTopic] = useState('');
  const [watched, setWatched] = useState<string | null>(null);
  const [started, setStarted] = useState<RecentJob[]>([]);
  // Statuses the job panel saw: the feed may have missed the watched job's events (e.g. its start).
  const [watchedStatus, setWatchedStatus] = useState<Record<string, JobStatus>>({});
  const personaField = useId();
  const topicField = useId();

  const personas = data?.personas ?? [];
  const selectedPersona = personaId || personas[0]?.id || '';
  const history = (data?.posts.edges ?? []).flatMap(({ node }) => (node.job ? [node.job] : []));
  const listed = mergeRecentJobs(mergeRecentJobs(history, started, RECENT_JOBS), feed ?? [], RECENT_JOBS);
  const jobs = mergeRecentJobs(
    listed,
    listed.flatMap((job) => (watchedStatus[job.id] ? [{ ...job, status: watchedStatus[job.id]! }] : [])),
    RECENT_JOBS,
  );
  useRefresh(() => {
    refetch({ requestPolicy: 'network-only' });
    for (const job of jobs.filter((j) => j.status === 'QUEUED' || j.status === 'PROCESSING')) {
      void client
        .query(JobQuery, { id: job.id }, { requestPolicy: 'network-only' })
        .toPromise()
        .then(({ data: read }) => read?.generationJob && setStarted((previous) => mergeRecentJobs(previous, [read.generationJob!], RECENT_JOBS)));
    }
  });
  const onStatus = useCallback((jobId: string, status: JobStatus) => setWatchedStatus((previous) => (previous[jobId] === status ? previous : { ...previous, [jobId]: status })), []);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const result = await generate({ input: { personaId: selectedPersona, topic: topic.trim() } });
    const job = result.data?.generatePost;
    if (!job) return;
    setStarted((previous) => mergeRecentJobs(previous, [job], RECENT_JOBS));
    setWatched(job.id);
  }

  return (
    <section aria-labelledby="studio-title">
      <h1 id="studio-title">Studio</h1>
      <ErrorMessage error={error ?? feedError} />
      <form className="inline card" onSubmit={onSubmit} aria-label="Generate a post">
        <div className="field">
          <label htmlFor={personaField}>Persona</label>
          <select id={personaField} value={selectedPersona} onChange={(e) => setPersonaId(e.target.value)} required>
            {personas.length === 0 ? <option value="">No persona yet</option> : null}
            {personas.map((persona) => (
              <option key={persona.id} value={persona.id}>
                {persona.emoji} {persona.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field grow">
          <label htmlFor={topicField}>Topic</label>
          <input id={topicField} type="text" value={topic} onChange={(e) => setTopic(e.target.value)} required maxLength={2000} placeholder="What the post is about" />
        </div>
        <button type="submit" disabled={generation.fetching || !selectedPersona || topic.trim() === ''}>
          Generate
        </button>
      </form>
      <ErrorMessage error={generation.error} />

      {watched ? <JobPanel key={watched} jobId={watched} topic={jobs.find((job) => job.id === watched)?.topic ?? null} onStatus={onStatus} /> : <p className="muted">Generate a post to watch it being written.</p>}

      <h2 id="recent-jobs">Recent jobs</h2>
      {jobs.length === 0 ? <p className="muted">No job yet.</p> : null}
      {jobs.length > 0 ? (
        <div className="table-wrap">
          <table aria-labelledby="recent-jobs">
            <thead>
              <tr>
                <th scope="col">Topic</th>
                <th scope="col">Persona</th>
                <th scope="col">Status</th>
                <th scope="col">Queued</th>
                <th scope="col">Watch</th>
              </tr>
            </thead>
            <tbody>
              {jobs.map((job) => (
                <tr key={job.id} data-job-id={job.id}>
                  <td>{job.topic}</td>
                  <td>
                    {job.persona.emoji} {job.persona.name}
                  </td>
                  <td>
                    <span className={`badge status-${job.status.toLowerCase()}`}>{job.status}</span>
                  </td>
                  <td>{dateTime(job.createdAt)}</td>
                  <td>
                    <button type="button" className="secondary" onClick={() => setWatched(job.id)} aria-label={`Watch the job about ${job.topic}`} aria-pressed={watched === job.id}>
                      Watch
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
