import { useId, useRef, useState } from 'react';
import type { ResultOf } from '@graphql-typed-document-node/core';
import { useMutation, useSubscription } from 'urql';
import type { CombinedError, OperationResult } from 'urql';
import { ErrorMessage } from '../components/ErrorMessage';
import { count, dateTime, percent } from '../format';
import { graphql } from '../gql';
import type { ExperimentAlgorithm, ExperimentStatus } from '../gql/graphql';
import { comparisonCells } from './comparison-text';
import { allowedActions } from './experiment-actions';
import type { ExperimentAction } from './experiment-actions';
import { VariantChart } from './VariantChart';

/**
 * Everything the Experiments page shows of an experiment: the page's `ExperimentsList` query, the
 * mutations and `experimentUpdated` all spread it by name, so the cached experiment stays whole.
 */
export const ExperimentFields = graphql(`
  fragment ExperimentsExperimentFields on Experiment {
    id name description personaId status algorithm significanceLevel minImpressions startedAt endedAt
    variants { id name isControl status pauseReason impressions successes successRate credibleInterval { lower upper level } probabilityBest }
    results { totalImpressions leader { id name } leaderProbabilityBest comparisons { variant { id } zScore pValue significant improvementPercent } }
    winner { id name }
  }
`);

/** An experiment as the page shows it. */
type ExperimentView = ResultOf<typeof ExperimentFields>;

const StartMutation = graphql(`
  mutation ExperimentsStart($id: ID!) {
    startExperiment(id: $id) { ...ExperimentsExperimentFields }
  }
`);

const PauseMutation = graphql(`
  mutation ExperimentsPause($id: ID!) {
    pauseExperiment(id: $id) { ...ExperimentsExperimentFields }
  }
`);

const CompleteMutation = graphql(`
  mutation ExperimentsComplete($id: ID!, $winnerVariantId: ID) {
    completeExperiment(id: $id, winnerVariantId: $winnerVariantId) { ...ExperimentsExperimentFields }
  }
`);

const UpdatedSubscription = graphql(`
  subscription ExperimentsUpdated($id: ID!) {
    experimentUpdated(id: $id) { ...ExperimentsExperimentFields }
  }
`);

const STATUS_LABELS: Readonly<Record<ExperimentStatus, string>> = { DRAFT: 'Draft', ACTIVE: 'Active', PAUSED: 'Paused', COMPLETED: 'Completed' };
const ALGORITHM_LABELS: Readonly<Record<ExperimentAlgorithm, string>> = { THOMPSON_SAMPLING: 'Thompson sampling', FIXED_ALLOCATION: 'Fixed allocation' };
const ACTION_LABELS: Readonly<Record<ExperimentAction, string>> = { start: 'Start', pause: 'Pause', complete: 'Complete' };

/**
 * One experiment: its persona, status and algorithm, a chart of its variants' success rates with
 * credible intervals, a table of its variants (impressions, rate, interval, probability of being
 * best, test against the control), and the status changes its status allows (Complete asks for
 * the winner first). Kept current by `experimentUpdated(id)` through the normalized cache.
 */
export function ExperimentCard({ experiment, persona }: { experiment: ExperimentView; persona: { name: string; emoji: string } | undefined }) {
  const titleId = useId();
  const tableId = useId();
  const winnerId = useId();
  const [{ error: liveError }] = useSubscription({ query: UpdatedSubscription, variables: { id: experiment.id } });
  const [, start] = useMutation(StartMutation);
  const [, pause] = useMutation(PauseMutation);
  const [, complete] = useMutation(CompleteMutation);
  const [actionError, setActionError] = useState<CombinedError | undefined>();
  const [busy, setBusy] = useState(false);
  const [completing, setCompleting] = useState(false);
  const [winner, setWinner] = useState('');
  const completeButton = useRef<HTMLButtonElement>(null);

  async function run(change: () => Promise<OperationResult>) {
    setBusy(true);
    const result = await change();
    setBusy(false);
    setActionError(result.error);
    if (!result.error) setCompleting(false);
  }
  const actions: Record<ExperimentAction, () => void> = {
    start: () => void run(() => start({ id: experiment.id })),
    pause: () => void run(() => pause({ id: experiment.id })),
    complete: () => {
      setWinner('');
      setCompleting(true);
    },
  };

  const comparisons = new Map(experiment.results?.comparisons.map((c) => [c.variant.id, c]));
  const level = experiment.variants[0]?.credibleInterval.level ?? 0.95;
  const intervalName = `${Math.round(level * 100)} % credible interval`;
  return (
    <article className="card experiment" aria-labelledby={titleId}>
      <h2 id={titleId}>{experiment.name}</h2>
      <dl className="facts">
        <div>
          <dt>Persona</dt>
          <dd>{persona ? `${persona.emoji} ${persona.name}` : experiment.personaId}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>
            <span className={`badge status-${experiment.status.toLowerCase()}`} data-testid="experiment-status">
              {STATUS_LABELS[experiment.status]}
            </span>
          </dd>
        </div>
        <div>
          <dt>Algorithm</dt>
          <dd>{ALGORITHM_LABELS[experiment.algorithm]}</dd>
        </div>
        <div>
          <dt>Significance level</dt>
          <dd>{experiment.significanceLevel}</dd>
        </div>
        <div>
          <dt>Impressions needed to test</dt>
          <dd>{count(experiment.minImpressions)}</dd>
        </div>
        <div>
          <dt>Impressions</dt>
          <dd>{count(experiment.results?.totalImpressions)}</dd>
        </div>
        <div>
          <dt>Leader</dt>
          <dd>{experiment.results?.leader ? `${experiment.results.leader.name} (${percent(experiment.results.leaderProbabilityBest)} likely best)` : '—'}</dd>
        </div>
        {experiment.winner ? (
          <div>
            <dt>Winner</dt>
            <dd>{experiment.winner.name}</dd>
          </div>
        ) : null}
        <div>
          <dt>{experiment.endedAt ? 'Ended' : 'Started'}</dt>
          <dd>{dateTime(experiment.endedAt ?? experiment.startedAt)}</dd>
        </div>
      </dl>
      {experiment.description ? <p className="muted">{experiment.description}</p> : null}
      <ErrorMessage error={liveError} />

      {allowedActions(experiment.status).length > 0 ? (
        <div className="actions" role="group" aria-label={`Change the status of ${experiment.name}`}>
          {allowedActions(experiment.status).map((action) => (
            <button
              key={action}
              ref={action === 'complete' ? completeButton : undefined}
              type="button"
              className={action === 'complete' ? 'secondary' : undefined}
              disabled={busy}
              onClick={actions[action]}
            >
              {ACTION_LABELS[action]}
            </button>
          ))}
        </div>
      ) : null}
      {completing ? (
        <form
          className="inline"
          aria-label={`Complete ${experiment.name}`}
          onSubmit={(event) => {
            event.preventDefault();
            void run(() => complete({ id: experiment.id, winnerVariantId: winner || null }));
          }}
        >
          <div className="field">
            <label htmlFor={winnerId}>Winner</label>
            <select id={winnerId} value={winner} onChange={(event) => setWinner(event.target.value)} autoFocus>
              <option value="">Best significant treatment, else the control</option>
              {experiment.variants.map((variant) => (
                <option key={variant.id} value={variant.id}>
                  {variant.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" disabled={busy}>
            Confirm complete
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setCompleting(false);
              completeButton.current?.focus();
            }}
          >
            Cancel
          </button>
        </form>
      ) : null}
      <ErrorMessage error={actionError} />

      <VariantChart variants={experiment.variants} label={`Success rate of each variant of ${experiment.name}, with its ${intervalName} as an error bar`} />
      <div className="table-wrap" role="region" aria-labelledby={tableId} tabIndex={0}>
        <table>
          <caption id={tableId}>Variants of {experiment.name}</caption>
          <thead>
            <tr>
              <th scope="col">Variant</th>
              <th scope="col">Impressions</th>
              <th scope="col">Successes</th>
              <th scope="col">Success rate</th>
              <th scope="col">{intervalName}</th>
              <th scope="col">Probability best</th>
              <th scope="col">z</th>
              <th scope="col">p</th>
              <th scope="col">Significant</th>
              <th scope="col">Lift</th>
            </tr>
          </thead>
          <tbody>
            {experiment.variants.map((variant) => {
              const cells = comparisonCells(variant.isControl ? undefined : comparisons.get(variant.id));
              return (
                <tr key={variant.id}>
                  <th scope="row">
                    {variant.name}
                    {variant.status === 'PAUSED' ? <span className="muted"> (paused{variant.pauseReason ? `: ${variant.pauseReason}` : ''})</span> : null}
                  </th>
                  <td>{count(variant.impressions)}</td>
                  <td>{count(variant.successes)}</td>
                  <td>{percent(variant.successRate)}</td>
                  <td>
                    {percent(variant.credibleInterval.lower)} – {percent(variant.credibleInterval.upper)}
                  </td>
                  <td>{percent(variant.probabilityBest)}</td>
                  <td>{cells.z}</td>
                  <td>{cells.p}</td>
                  <td>{cells.significant}</td>
                  <td>{cells.lift}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </article>
  );
}
