import type { JetStreamClient } from '@nats-io/jetstream';
import type { Kysely } from 'kysely';
import type { Subjects } from '../../../../lib/events';
import type { Logger } from '../../../../lib/logger';
import type { Outbox } from '../../../../lib/outbox';
import type { AchievementsDatabase } from '../db/database';
import type { GithubClient } from '../messaging/github-client';
import type { AchievementsMetrics } from '../metrics';

/** What processing a GitHub delivery did (stored on its `webhook_deliveries` row). */
export interface DeliveryResult {
  status: 'PROCESSED' | 'IGNORED';
  /** In words, e.g. `achievement created`, `pull request not merged`. */
  outcome: string;
  achievementId?: string | null;
}

/** What the delivery operations need. */
export interface DeliveryDeps {
  db: Kysely<AchievementsDatabase>;
  js: JetStreamClient;
  /** The subgraph's transactional outbox. */
  outbox: Outbox<AchievementsDatabase>;
  /** This deployment's subjects (`NATS_PREFIX`). */
  subjects: Subjects;
  logger: Logger;
  metrics: AchievementsMetrics;
  /** GitHub's REST API, or null without `GITHUB_TOKEN` (reviews, files and commits then unknown). */
  github: GithubClient | null;
  /** `MIN_PR_CHANGES_FOR_ACHIEVEMENT`. */
  minPrChanges: number;
}

/** `sub` recorded as the creator of achievements imported from GitHub deliveries. */
export const GITHUB_IMPORT_CREATOR = 'github-webhook';
