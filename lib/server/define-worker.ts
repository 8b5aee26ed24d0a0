import { startAdminServer } from './admin-server';
import type { ReadinessCheck } from './admin-server';
import { openRuntime } from './runtime';
import type { Runtime } from './runtime';
import { runShutdown } from './shutdown';
import type { ShutdownStep } from './shutdown';
import { runtimeOptionsOf } from './subgraph-definition';
import type { ServiceConfig, SubgraphBase } from './subgraph-definition';

/** A running worker: its admin port, graceful stop, and what its definition adds (`Api`). */
export type RunningWorker<Api extends object = object> = Api & {
  /** Port of `/healthz`, `/readyz` and `/metrics`. */
  adminPort: number;
  /** Graceful stop: the worker's parts (last started first), the admin server, NATS, the pool. */
  stop(): Promise<void>;
};

/** What a worker's `start` gets: the opened runtime, its config and options, and where to register its parts. */
export interface WorkerStart<DB, Config, Options> {
  runtime: Runtime<DB>;
  config: Config;
  options: Options;
  /** Registers a started part (consumer, service, timer) to stop on shutdown, or when a later step fails. */
  onStop(name: string, run: () => Promise<void>): void;
}

/** A subgraph's worker process, declared by {@link defineWorker}. */
export interface WorkerDefinition<DB, Config extends ServiceConfig, Options, Api extends object> {
  /** The subgraph the worker belongs to (schema, migrations, endpoints). */
  subgraph: SubgraphBase<Config>;
  /** Starts the worker's parts on the runtime, registering each with `onStop`. */
  start(context: WorkerStart<DB, Config, Options>): Promise<{
    /** Readiness checks besides Postgres and NATS. */
    readiness?: ReadinessCheck[];
    /** Fields of the "worker running" log line. */
    log?: Record<string, unknown>;
    /** What the running worker exposes besides `adminPort` and `stop` (e.g. `sweep()`). */
    api?: Api;
  }>;
}

/**
 * Declares a subgraph's worker process; returns the function that starts it in the house order:
 * runtime (service `<name>-worker`: Postgres migrated, NATS streams provisioned) -> the worker's
 * parts -> `/healthz`, `/readyz`, `/metrics` on `<NAME>_WORKER_ADMIN_PORT`. Stopping (or a failed
 * start) stops the parts last-started first, then the admin server, then the runtime.
 *
 * The returned starter throws when Postgres or NATS does not answer, a migration fails, a part
 * fails to start, or the admin port is taken (whatever was started is stopped again).
 */
export function defineWorker<DB, Config extends ServiceConfig, Options = Record<string, never>, Api extends object = object>(
  definition: WorkerDefinition<DB, Config, Options, Api>,
): (config: Config, options?: Options) => Promise<RunningWorker<Api>> {
  return async (config, options = {} as Options) => {
    const runtime = await openRuntime<DB>(runtimeOptionsOf(definition.subgraph, config, `${definition.subgraph.name}-worker`));
    const parts: ShutdownStep[] = [];
    let admin: { close(): Promise<void> } | null = null;
    const stop = () =>
      runShutdown(
        [...parts, ...(admin ? [{ name: 'close admin server', run: () => admin!.close() }] : []), { name: 'close runtime', run: () => runtime.close() }],
        runtime.logger,
      );
    try {
      const started = await definition.start({ runtime, config, options, onStop: (name, run) => parts.unshift({ name, run }) });
      const { workerAdminPort } = definition.subgraph.endpoints(config);
      if (workerAdminPort === undefined) throw new Error(`${definition.subgraph.name} declares no worker admin port`);
      const server = await startAdminServer({
        port: workerAdminPort,
        host: config.ADMIN_HOST,
        registry: runtime.metrics.registry,
        readiness: [...runtime.readiness, ...(started.readiness ?? [])],
      });
      admin = server;
      runtime.logger.info({ ...started.log, adminPort: server.port }, 'worker running');
      return { ...(started.api ?? ({} as Api)), adminPort: server.port, stop };
    } catch (err) {
      await stop();
      throw err;
    }
  };
}
