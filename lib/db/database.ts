import { Kysely, PostgresDialect } from 'kysely';
import { Pool } from 'pg';
import type { PoolConfig } from 'pg';

/** Options of {@link createDatabase}. */
export interface DatabaseOptions {
  /** Postgres connection URL. */
  url: string;
  /** Maximum pool size (connections); 10 by default. */
  max?: number;
  /** Called for every SQL statement, e.g. to count queries in tests. */
  onQuery?: (sql: string) => void;
  /** `application_name` shown in `pg_stat_activity`. */
  applicationName?: string;
  /**
   * Called when an idle pooled connection fails (Postgres restarted, connection terminated by
   * an administrator). The pool drops that connection and opens another when needed; without a
   * listener `pg` would crash the process on the unhandled `error` event.
   */
  onIdleError?: (error: Error) => void;
}

/**
 * Creates a Kysely instance over a `pg` pool. Callers scope queries with `db.withSchema(...)`.
 * Destroy it with `db.destroy()` on shutdown (closes the pool).
 *
 * @typeParam DB the subgraph's typed table interfaces
 */
export function createDatabase<DB>(options: DatabaseOptions): Kysely<DB> {
  const poolConfig: PoolConfig = {
    connectionString: options.url,
    max: options.max ?? 10,
    application_name: options.applicationName,
    connectionTimeoutMillis: 5000,
  };
  const pool = new Pool(poolConfig);
  pool.on('error', (error) => options.onIdleError?.(error));
  // pg-pool listens for errors of idle clients only: a connection lost while checked out and
  // between two statements (a transaction awaiting other work) would emit an unhandled 'error'
  // and crash the process. The statement that uses it next fails instead (and its caller retries).
  pool.on('connect', (client) => client.on('error', () => undefined));
  return new Kysely<DB>({
    dialect: new PostgresDialect({ pool }),
    log: options.onQuery
      ? (event) => {
          if (event.level === 'query') options.onQuery?.(event.query.sql);
        }
      : undefined,
  });
}
