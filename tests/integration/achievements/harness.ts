import { loadAchievementsConfig } from '../../../subgraphs/achievements/src/config';
import type { AchievementsConfig } from '../../../subgraphs/achievements/src/config';
import type { AchievementsDatabase } from '../../../subgraphs/achievements/src/db/database';
import { startAchievementsSubgraph } from '../../../subgraphs/achievements/src/server';
import { countRows } from '../../support/database';
import { startSubgraphTestContext } from '../../support/subgraph-context';
import type { SubgraphTestContext } from '../../support/subgraph-context';

/** The achievements subgraph in a suite's test context. */
export interface AchievementsHarness extends SubgraphTestContext<AchievementsDatabase, AchievementsConfig> {
  /** Number of rows in `achievements.achievements`. */
  countRows(): Promise<number>;
}

/** Starts the achievements subgraph in a test context (its own database, SQL recorded), with `overrides` of its environment. */
export async function startHarness(overrides: NodeJS.ProcessEnv = {}): Promise<AchievementsHarness> {
  const context = await startSubgraphTestContext<AchievementsDatabase, AchievementsConfig>(
    { name: 'achievements', loadConfig: loadAchievementsConfig, start: startAchievementsSubgraph },
    overrides,
  );
  return { ...context, countRows: () => countRows(context.database.url, 'achievements.achievements') };
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
