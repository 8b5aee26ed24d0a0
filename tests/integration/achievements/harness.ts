import { Pool } from 'pg';
import type { RunningService } from '../../../lib/server';
import { loadAchievementsConfig } from '../../../subgraphs/achievements/src/config';
import { startAchievementsSubgraph } from '../../../subgraphs/achievements/src/server';
import { createTestDatabase } from '../../support/database';
import type { TestDatabase } from '../../support/database';
import { TEST_AUTH_ENV, asGateway } from '../../support/auth';
import { testNatsEnv } from '../../support/nats';

/** A GraphQL response as the subgraph sends it. */
export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T | null;
  errors?: Array<{ message: string; path?: string[]; extensions?: { code?: string; fields?: Record<string, string> } }>;
}

/** The achievements subgraph running in-process on its own database, with SQL statement capture. */
export interface AchievementsHarness {
  service: RunningService;
  /** URL of the suite's own database (migrated). */
  databaseUrl: string;
  /** Direct Postgres access for setup and row counts (not through the subgraph). */
  pool: Pool;
  /** SQL of every statement the subgraph ran since the last `statements.length = 0`. */
  statements: string[];
  /** POSTs an operation to `/graphql`. */
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /** Number of rows in `achievements.achievements`. */
  countRows(): Promise<number>;
  stop(): Promise<void>;
}

/** Starts the subgraph on ports 0 with a fresh database (migrated by the subgraph itself). */
export async function startHarness(): Promise<AchievementsHarness> {
  const testDb: TestDatabase = await createTestDatabase();
  const statements: string[] = [];
  const config = loadAchievementsConfig({
    ACHIEVEMENTS_PORT: '0',
    ACHIEVEMENTS_ADMIN_PORT: '0',
    DATABASE_URL: testDb.url,
    ...testNatsEnv(),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    NODE_ENV: 'test',
    SUBGRAPH_JWT_SECRET: TEST_AUTH_ENV.SUBGRAPH_JWT_SECRET,
  });
  const service = await startAchievementsSubgraph(config, { onQuery: (sql) => statements.push(sql) });
  const pool = new Pool({ connectionString: testDb.url, max: 2 });
  const credential = await asGateway('achievements');
  return {
    service,
    databaseUrl: testDb.url,
    pool,
    statements,
    async gql<T>(query: string, variables: Record<string, unknown> = {}) {
      const response = await fetch(service.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...credential },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as GraphQLResponse<T>;
    },
    async countRows() {
      const result = await pool.query<{ count: string }>('select count(*) as count from achievements.achievements');
      return Number(result.rows[0]?.count);
    },
    async stop() {
      await service.stop();
      await pool.end();
      await testDb.drop();
    },
  };
}

/** `extensions.code` of the first error, or undefined. */
export function errorCode(response: GraphQLResponse<unknown>): string | undefined {
  return response.errors?.[0]?.extensions?.code;
}

/** Fields selected by the tests on `Achievement`. */
export const ACHIEVEMENT_FIELDS = `
  id title description category impactScore complexityScore businessValue timeSavedHours durationHours
  sourceType sourceId sourceUrl portfolioReady tags skills metrics startedAt completedAt createdAt updatedAt`;

/** The create mutation selecting {@link ACHIEVEMENT_FIELDS}. */
export const CREATE = `mutation($input: CreateAchievementInput!) { createAchievement(input: $input) { ${ACHIEVEMENT_FIELDS} } }`;

/** An achievement as selected by {@link ACHIEVEMENT_FIELDS}. */
export interface AchievementJson {
  id: string;
  title: string;
  description: string;
  category: string;
  impactScore: number;
  complexityScore: number;
  businessValue: number | null;
  timeSavedHours: number;
  durationHours: number | null;
  sourceType: string;
  sourceId: string | null;
  sourceUrl: string | null;
  portfolioReady: boolean;
  tags: string[];
  skills: string[];
  metrics: Record<string, unknown>;
  startedAt: string | null;
  completedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Creates an achievement through the API and returns it; fails the test on errors. */
export async function createAchievement(harness: AchievementsHarness, input: Record<string, unknown>): Promise<AchievementJson> {
  const response = await harness.gql<{ createAchievement: AchievementJson }>(CREATE, { input });
  if (!response.data?.createAchievement) throw new Error(`createAchievement failed: ${JSON.stringify(response.errors)}`);
  return response.data.createAchievement;
}
