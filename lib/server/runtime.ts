import { jetstream } from '@nats-io/jetstream';
import type { JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import type { Kysely, Migration } from 'kysely';
import { createDatabase, migrateToLatest, pingDatabase } from '../db';
import { createLogger } from '../logger';
import type { Logger } from '../logger';
import { createServiceMetrics } from '../metrics';
import type { ServiceMetrics } from '../metrics';
import { connectNats, natsNames, provisionStreams } from '../nats';
import type { NatsNames } from '../nats';
import { createOutbox } from '../outbox';
import type { Outbox } from '../outbox';
import type { ReadinessCheck } from './admin-server';
import { runShutdown } from './shutdown';
import type { ShutdownStep } from './shutdown';

/** Options of {@link openRuntime}. */
export interface RuntimeOptions {
  /** Service name for logs, metrics and the NATS client, e.g. `content` or `content-worker`. */
  service: string;
  databaseUrl: string;
  /** Postgres schema owned by the subgraph. */
  dbSchema: string;
  migrations: Record<string, Migration>;
  natsUrl: string;
  /** `NATS_PREFIX`: this deployment's streams and subjects (see `natsNames`). */
  natsPrefix?: string;
  /** `NATS_STREAM_REPLICAS`: copies of each stream (1 unless clustered). */
  natsStreamReplicas?: number;
  logLevel: string;
  /** Log with pino-pretty (see `prettyLogs`). */
  logPretty?: boolean;
  /** Pool size (connections). */
  dbPoolMax: number;
  /** Counts SQL statements (tests of N+1). */
  onQuery?: (sql: string) => void;
}

/** The dependencies every service process holds, wired explicitly (no singletons). */
export interface Runtime<DB> {
  logger: Logger;
  metrics: ServiceMetrics;
  db: Kysely<DB>;
  nc: NatsConnection;
  js: JetStreamClient;
  /** This deployment's stream names and subjects. */
  names: NatsNames;
  /** The subgraph's transactional outbox (`<schema>.outbox`), its relay running in this process. */
  outbox: Outbox<DB>;
  /** Readiness checks for `/readyz`: Postgres answers, NATS connected. */
  readiness: ReadinessCheck[];
  /** Drains NATS, then closes the pool. Run after the servers have stopped accepting. */
  close(): Promise<void>;
}

/**
 * Opens what a subgraph service or worker needs, in order: logger -> Postgres pool (migrated
 * to the latest schema) -> NATS (JOBS/EVENTS streams provisioned) -> the outbox relay (every
 * process of a subgraph runs one; they share the table without double-publishing).
 *
 * @throws when Postgres or NATS does not answer, or a migration fails (what was opened is closed)
 */
export async function openRuntime<DB>(options: RuntimeOptions): Promise<Runtime<DB>> {
  const logger = createLogger(options.service, options.logLevel, { pretty: options.logPretty });
  const metrics = createServiceMetrics(options.service);
  const db = createDatabase<DB>({
    url: options.databaseUrl,
    max: options.dbPoolMax,
    applicationName: options.service,
    onQuery: options.onQuery,
    onIdleError: (err) => logger.warn({ err: err.message }, 'idle Postgres connection lost; the pool reconnects on demand'),
  });
  const steps: ShutdownStep[] = [{ name: 'close pool', run: () => db.destroy() }];
  try {
    await migrateToLatest(db as Kysely<unknown>, options.dbSchema, options.migrations);
    const nc = await connectNats(options.natsUrl, options.service);
    steps.unshift({ name: 'drain nats', run: () => nc.drain() });
    await provisionStreams(nc, options.natsPrefix, options.natsStreamReplicas);
    const js = jetstream(nc);
    const outbox = createOutbox({ db, schema: options.dbSchema, js, logger, registry: metrics.registry });
    outbox.start();
    steps.unshift({ name: 'stop outbox relay', run: () => outbox.stop() });
    return {
      names: natsNames(options.natsPrefix),
      logger,
      metrics,
      db,
      nc,
      js,
      outbox,
      readiness: [
        { name: 'postgres', check: () => pingDatabase(db as Kysely<unknown>) },
        {
          name: 'nats',
          check: async () => {
            if (nc.isClosed()) throw new Error('NATS connection closed');
            await nc.flush();
          },
        },
      ],
      close: () => runShutdown(steps, logger),
    };
  } catch (err) {
    await runShutdown(steps, logger);
    throw err;
  }
}
