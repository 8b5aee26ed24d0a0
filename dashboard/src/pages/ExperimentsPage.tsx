import { useQuery } from 'urql';
import { ErrorMessage } from '../components/ErrorMessage';
import { graphql } from '../gql';
import { ExperimentCard } from '../insights/ExperimentCard';
import { useRefresh } from '../live/use-refresh';
import './insights.css';

/** Most experiments shown (newest first): each costs about 85 points of the gateway's cost limit (5000). */
const SHOWN_EXPERIMENTS = 20;

const ExperimentsQuery = graphql(`
  query ExperimentsList($first: Int!) {
    experiments(first: $first) { ...ExperimentsExperimentFields }
    personas { id name emoji }
  }
`);

/**
 * Experiments: every experiment (newest first) with its variants' impressions, success rates and
 * credible intervals (a chart with error bars and a table), probability of being best and test
 * against the control; Start, Pause and Complete as its status allows; live through
 * `experimentUpdated` (which has no replay: the list is read again after a reconnection).
 */
export default function ExperimentsPage() {
  const [{ data, error, fetching }, refetch] = useQuery({ query: ExperimentsQuery, variables: { first: SHOWN_EXPERIMENTS } });
  useRefresh(() => refetch({ requestPolicy: 'network-only' }));
  const personas = new Map(data?.personas.map((persona) => [persona.id, persona]));
  return (
    <section className="insights" aria-labelledby="experiments-title">
      <h1 id="experiments-title">Experiments</h1>
      <ErrorMessage error={error} />
      {fetching && !data ? <p role="status">Loading…</p> : null}
      {data && data.experiments.length === 0 ? <p>No experiments yet: create one with the API's createExperiment mutation.</p> : null}
      {data && data.experiments.length === SHOWN_EXPERIMENTS ? <p className="muted">Showing the {SHOWN_EXPERIMENTS} newest experiments.</p> : null}
      {data?.experiments.map((experiment) => (
        <ExperimentCard key={experiment.id} experiment={experiment} persona={personas.get(experiment.personaId)} />
      ))}
    </section>
  );
}
