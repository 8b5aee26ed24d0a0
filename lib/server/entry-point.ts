import { ConfigError, loadDotEnv } from '../config';
import { createLogger } from '../logger';
import { loadTracingConfig, startTracing } from '../tracing';
import type { Tracing } from '../tracing';
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
 * What an entry point sends its parent over the IPC channel once it has started (only when it
 * was spawned with one, e.g. by `npm start`'s supervisor). `url`, `port` and `adminPort` are
 * copied from the started object when it has them (a worker has only `adminPort`).
 */
export interface ReadyMessage {
  type: 'ready';
  /** The entry point's name, e.g. `content` or `content-worker`. */
  service: string;
  /** Public GraphQL URL, e.g. `http://127.0.0.1:4001/graphql`. */
  url?: string;
  /** Public TCP port. */
  port?: number;
  /** Admin TCP port (`/healthz`, `/readyz`, `/metrics`). */
  adminPort?: number;
}

/** True when an IPC message is a {@link ReadyMessage}. */
export function isReadyMessage(message: unknown): message is ReadyMessage {
  if (typeof message !== 'object' || message === null) return false;
  const candidate = message as Partial<ReadyMessage>;
  return candidate.type === 'ready' && typeof candidate.service === 'string';
}

function readyMessage(service: string, started: Stoppable): ReadyMessage {
  const { url, port, adminPort } = started as Stoppable & Partial<Record<'url' | 'port' | 'adminPort', unknown>>;
  return {
    type: 'ready',
    service,
    ...(typeof url === 'string' ? { url } : {}),
    ...(typeof port === 'number' ? { port } : {}),
    ...(typeof adminPort === 'number' ? { adminPort } : {}),
  };
}

/** How long an entry point whose parent is gone may take to stop gracefully before it exits anyway. */
const ORPHAN_EXIT_AFTER_MS = 15_000;

/**
 * Runs a process entry point (`main.ts`, `worker.ts`): loads `.env` when present, starts tracing
 * (`startTracing` with the entry point's name as `service.name`; off unless
 * `OTEL_EXPORTER_OTLP_ENDPOINT` is set), starts it, stops it on SIGINT/SIGTERM (then exports the
 * spans still buffered), and on a start-up failure prints one clear line and exits 1. The entry
 * point's module imports `lib/tracing/preload` first, so that HTTP and SQL are instrumented.
 *
 * Spawned with an IPC channel (by `npm start`'s supervisor), it also sends a
 * {@link ReadyMessage} once `start()` has resolved, and shuts down gracefully (as on SIGTERM)
 * when the channel closes, i.e. when its parent is gone (exiting after 15 s at the latest), so
 * that it never outlives it.
 */
export function runEntryPoint(name: string, start: () => Promise<Stoppable>): void {
  const logger = createLogger(name);
  let tracing: Tracing;
  try {
    loadDotEnv();
    tracing = startTracing(name, loadTracingConfig(process.env));
  } catch (err) {
    logger.fatal({ err }, err instanceof ConfigError ? err.message : `.env cannot be read: ${(err as Error).message}`);
    process.exit(1);
  }
  if (!tracing.instrumentedEarly) logger.warn('tracing is on but lib/tracing/preload was not imported first: HTTP and SQL spans may be missing');
  if (process.send) {
    process.once('disconnect', () => {
      logger.warn({ exitAfterMs: ORPHAN_EXIT_AFTER_MS }, 'parent process gone (IPC channel closed), shutting down');
      setTimeout(() => process.exit(1), ORPHAN_EXIT_AFTER_MS).unref();
      process.kill(process.pid, 'SIGTERM');
    });
  }
  start().then(
    (started) => {
      // Spans that cannot be exported (collector down) are dropped, never a failed shutdown.
      onSignals(() => started.stop().finally(() => tracing.shutdown().catch(() => undefined)), logger);
      if (process.send && process.connected) {
        process.send(readyMessage(name, started), (err: Error | null) => {
          if (err) logger.warn({ err }, 'could not report readiness to the parent process');
        });
      }
    },
    (err: unknown) => {
      logger.fatal({ err }, describeStartupError(err));
      process.exit(1);
    },
  );
}

/** What a subgraph's `main.ts` can run: its GraphQL server and, when it has one, its worker. */
export interface SubgraphRoles {
  server: () => Promise<Stoppable>;
  worker?: () => Promise<Stoppable>;
}

/**
 * Runs a subgraph's entry point in the role named by the first argument: `main.ts` (or
 * `main.ts server`) serves the subgraph as `<name>`, `main.ts worker` runs its worker as
 * `<name>-worker` (see {@link runEntryPoint}). An unknown role prints the usage and exits 1.
 */
export function runSubgraphEntryPoint(name: string, roles: SubgraphRoles, argv: readonly string[] = process.argv.slice(2)): void {
  const role = argv[0] ?? 'server';
  if (role === 'server') return runEntryPoint(name, roles.server);
  if (role === 'worker' && roles.worker) return runEntryPoint(`${name}-worker`, roles.worker);
  createLogger(name).fatal(`unknown role "${role}": run ${name}'s main.ts with ${roles.worker ? '"server" (default) or "worker"' : 'no argument'}`);
  process.exit(1);
}
