import { ConfigError } from '../config';
import { createLogger } from '../logger';
import { onSignals } from './shutdown';

/** A started process part; `stop()` shuts it down gracefully. */
export interface Stoppable {
  stop(): Promise<void>;
}

/**
 * Explains a start-up failure in one line: invalid config, or Postgres/NATS not answering with
 * the command that starts it.
 */
export function describeStartupError(err: unknown): string {
  if (err instanceof ConfigError) return err.message;
  const text = err instanceof Error ? `${err.message} ${(err as NodeJS.ErrnoException).code ?? ''}` : String(err);
  if (/5432|postgres|ECONNREFUSED.*543/i.test(text) || (err as { code?: string })?.code === '3D000') {
    return `PostgreSQL is not answering (${text.trim()}). Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start, or set DATABASE_URL.`;
  }
  if (/4222|nats|CONNECTION_REFUSED/i.test(text)) {
    return `NATS is not answering (${text.trim()}). Start it with JetStream: nats-server -js -a 127.0.0.1 -p 4222, or set NATS_URL.`;
  }
  return `start-up failed: ${text.trim()}`;
}

/**
 * Runs a process entry point (`main.ts`, `worker.ts`): starts it, stops it on SIGINT/SIGTERM,
 * and on a start-up failure prints one clear line and exits 1.
 */
export function runEntryPoint(name: string, start: () => Promise<Stoppable>): void {
  const logger = createLogger(name);
  start().then(
    (started) => onSignals(() => started.stop(), logger),
    (err: unknown) => {
      logger.fatal({ err }, describeStartupError(err));
      process.exit(1);
    },
  );
}
