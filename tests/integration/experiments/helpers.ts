import { loadExperimentsConfig } from '../../../subgraphs/experiments/src/config';
import type { ExperimentsConfig } from '../../../subgraphs/experiments/src/config';
import type { ExperimentsDatabase } from '../../../subgraphs/experiments/src/db/database';
import { startExperimentsSubgraph } from '../../../subgraphs/experiments/src/server';
import { uniqueDurable } from '../../support/nats';
import { startSubgraphTestContext } from '../../support/subgraph-context';
import type { SubgraphTestContext } from '../../support/subgraph-context';

/** The experiments subgraph in a suite's test context. */
export type ExperimentsTestContext = SubgraphTestContext<ExperimentsDatabase, ExperimentsConfig>;

/** Starts the experiments subgraph in a test context, with the suite's own engagement consumer. */
export function startExperimentsContext(): Promise<ExperimentsTestContext> {
  return startSubgraphTestContext<ExperimentsDatabase, ExperimentsConfig>(
    { name: 'experiments', loadConfig: loadExperimentsConfig, start: startExperimentsSubgraph },
    { EXPERIMENTS_CONSUMER_DURABLE: uniqueDurable('experiments-outcomes') },
  );
}

/** `createExperiment` with a control and a challenger; returns the full selection. */
export const CREATE_EXPERIMENT = /* GraphQL */ `
  mutation Create($input: CreateExperimentInput!) {
    createExperiment(input: $input) {
      id name description personaId status algorithm startedAt endedAt createdAt
      variants { id name isControl dimensions impressions successes successRate probabilityBest credibleInterval { lower upper level } }
      results { totalImpressions totalSuccesses successRate leader { id } leaderProbabilityBest }
      winner { id }
    }
  }
`;

/** Input of an experiment with a control and two challengers. */
export function experimentInput(personaId: string, name = 'Hook styles'): Record<string, unknown> {
  return {
    name,
    description: 'Question hooks against statements',
    personaId,
    variants: [
      { name: 'control', isControl: true, dimensions: { hookStyle: 'statement', tone: 'neutral', length: 'medium' } },
      { name: 'question-playful', isControl: false, dimensions: { hookStyle: 'question', tone: 'playful', length: 'short' } },
      { name: 'number-bold', isControl: false, dimensions: { hookStyle: 'number', tone: 'bold', length: 'short' } },
    ],
  };
}
