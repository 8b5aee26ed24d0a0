import { Client } from 'pg';
import { loadExperimentsConfig } from '../../../subgraphs/experiments/src/config';
import type { ExperimentsConfig } from '../../../subgraphs/experiments/src/config';
import { TEST_AUTH_ENV, asGateway } from '../../support/auth';
import { testNatsEnv, uniqueDurable } from '../../support/nats';

/** A GraphQL response as seen by a client. */
export interface GraphQLResponse<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string; fields?: Record<string, string> } }>;
}

/** POSTs a GraphQL operation to the experiments subgraph, as the gateway would, and returns the parsed body. */
export async function graphql<T>(url: string, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<T>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true', ...(await asGateway('experiments')) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as GraphQLResponse<T>;
}

/** Config of an in-process subgraph/worker on free ports against the suite's database. */
export function testConfig(databaseUrl: string): ExperimentsConfig {
  return loadExperimentsConfig({
    DATABASE_URL: databaseUrl,
    ...testNatsEnv(),
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    EXPERIMENTS_PORT: '0',
    EXPERIMENTS_ADMIN_PORT: '0',
    EXPERIMENTS_WORKER_ADMIN_PORT: '0',
    EXPERIMENTS_CONSUMER_DURABLE: uniqueDurable('experiments-outcomes'),
    SUBGRAPH_JWT_SECRET: TEST_AUTH_ENV.SUBGRAPH_JWT_SECRET,
  });
}

/** Runs one SQL query on the suite's database (row counts, direct checks). */
export async function queryRows<R extends Record<string, unknown>>(databaseUrl: string, text: string, values: unknown[] = []): Promise<R[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<R>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** Number of rows of an `experiments` table. */
export async function countRows(databaseUrl: string, table: string): Promise<number> {
  const [row] = await queryRows<{ count: string }>(databaseUrl, `select count(*) from experiments.${table}`);
  return Number(row?.count ?? 0);
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
