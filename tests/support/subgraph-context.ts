import type { Kysely } from 'kysely';
import { createDatabase } from '../../lib/db';
import type { RunningService, StartSubgraphOptions } from '../../lib/server';
import { TEST_AUTH_ENV, asGateway } from './auth';
import { createTestDatabase } from './database';
import type { TestDatabase } from './database';
import { postGraphQL } from './graphql';
import type { GraphQLResponse } from './graphql';
import { testNatsEnv } from './nats';
import { PORT_VARIABLES } from '../../scripts/lib/platform-services';

export { PORT_VARIABLES } from '../../scripts/lib/platform-services';

/**
 * The environment a suite's services are configured from, as `npm start` would give them but
 * isolated: every port 0, the suite's own database, this suite's NATS names (`NATS_PREFIX`), the
 * test process's token secrets, quiet logs, `NODE_ENV=test`; `overrides` win.
 */
export function testServiceEnv(databaseUrl: string, overrides: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...Object.fromEntries(PORT_VARIABLES.map((name) => [name, '0'])),
    DATABASE_URL: databaseUrl,
    ...testNatsEnv(),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    NODE_ENV: 'test',
    ...TEST_AUTH_ENV,
    ...overrides,
  };
}

/** How a suite starts the subgraph it tests: its config loader and its `defineSubgraph` starter. */
export interface SubgraphUnderTest<Config> {
  /** Subgraph name: the audience of the gateway credential the suite calls it with. */
  name: string;
  loadConfig(env: NodeJS.ProcessEnv): Config;
  start(config: Config, options: StartSubgraphOptions): Promise<RunningService>;
}

/** One subgraph running in-process on its own database, as a suite sees it. */
export interface SubgraphTestContext<DB, Config> {
  database: TestDatabase;
  /** The environment the subgraph was configured from (start its worker with the same). */
  env: NodeJS.ProcessEnv;
  config: Config;
  service: RunningService;
  /** Typed access to the suite's (migrated) database, for setup and checks, not through the subgraph. */
  db: Kysely<DB>;
  /** SQL of every statement the subgraph ran; empty it with `statements.length = 0`. */
  statements: string[];
  /** POSTs an operation to the subgraph's `/graphql` as the gateway (a gateway credential, every scope). */
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /** Like `gql`, but throws on errors and returns `data`. */
  data<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** Stops the subgraph, closes the direct pool and drops the database. */
  stop(): Promise<void>;
}

/**
 * Starts `subgraph` over a fresh database (migrated by the subgraph itself) with
 * {@link testServiceEnv}, recording its SQL.
 *
 * @throws what the subgraph's start throws (the database is dropped first)
 */
export async function startSubgraphTestContext<DB, Config>(subgraph: SubgraphUnderTest<Config>, overrides: NodeJS.ProcessEnv = {}): Promise<SubgraphTestContext<DB, Config>> {
  const database = await createTestDatabase();
  const env = testServiceEnv(database.url, overrides);
  const config = subgraph.loadConfig(env);
  const statements: string[] = [];
  let service: RunningService;
  try {
    service = await subgraph.start(config, { onQuery: (statement) => statements.push(statement) });
  } catch (err) {
    await database.drop();
    throw err;
  }
  const db = createDatabase<DB>({ url: database.url, max: 3 });
  const headers = await asGateway(subgraph.name);
  const gql = <T>(query: string, variables: Record<string, unknown> = {}) => postGraphQL<T>(service.url, query, variables, headers);
  return {
    database,
    env,
    config,
    service,
    db,
    statements,
    gql,
    async data<T>(query: string, variables: Record<string, unknown> = {}) {
      const response = await gql<T>(query, variables);
      if (response.errors?.length || !response.data) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors)}`);
      return response.data;
    },
    async stop() {
      await service.stop();
      await db.destroy();
      await database.drop();
    },
  };
}
