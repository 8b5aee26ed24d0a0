import { createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { GATEWAY_BENCH_ENV } from '../../bench/lib/platform';
import { migrateAll } from '../../scripts/lib/migrate-all';
import { REPOSITORY_ROOT, planPlatform } from '../../scripts/lib/platform-services';
import { Supervisor } from '../../scripts/lib/supervisor';
import { httpOk, waitUntil } from './wait';

/** The nine processes of the platform, named as `planPlatform` names them. */
export type ServiceName =
  | 'content'
  | 'achievements'
  | 'experiments'
  | 'emotion'
  | 'content-worker'
  | 'achievements-worker'
  | 'experiments-worker'
  | 'emotion-worker'
  | 'gateway';

/** Admin port variable (`/healthz`) of each service. */
const ADMIN_PORT_VARIABLES: Record<ServiceName, string> = {
  content: 'CONTENT_ADMIN_PORT',
  achievements: 'ACHIEVEMENTS_ADMIN_PORT',
  experiments: 'EXPERIMENTS_ADMIN_PORT',
  emotion: 'EMOTION_ADMIN_PORT',
  'content-worker': 'CONTENT_WORKER_ADMIN_PORT',
  'achievements-worker': 'ACHIEVEMENTS_WORKER_ADMIN_PORT',
  'experiments-worker': 'EXPERIMENTS_WORKER_ADMIN_PORT',
  'emotion-worker': 'EMOTION_WORKER_ADMIN_PORT',
  gateway: 'GATEWAY_ADMIN_PORT',
};

/** Public port variables (subgraphs and gateway). */
const PUBLIC_PORT_VARIABLES = ['CONTENT_PORT', 'ACHIEVEMENTS_PORT', 'EXPERIMENTS_PORT', 'EMOTION_PORT', 'GATEWAY_PORT'];

/** How many fixed ports {@link startChaosPlatform} needs. */
export const PLATFORM_PORT_COUNT = PUBLIC_PORT_VARIABLES.length + Object.keys(ADMIN_PORT_VARIABLES).length;

/** A service process that ended while the platform was running (a fault's kill, or a crash). */
export interface ServiceExit {
  service: string;
  pid: number;
  code: number | null;
  signal: string | null;
  /** Epoch ms. */
  at: number;
}

/** What the platform runs on. */
export interface ChaosPlatformOptions {
  databaseUrl: string;
  natsUrl: string;
  /** `AUTH_JWT_SECRET` of user tokens. */
  authSecret: string;
  /** `SUBGRAPH_JWT_SECRET`. */
  subgraphSecret: string;
  /** {@link PLATFORM_PORT_COUNT} distinct free ports. */
  ports: number[];
  /** Folder of `services.log` (every service's output, prefixed, and the supervisor's lines). */
  logDir: string;
  /** `LOG_LEVEL` of the services, e.g. `info`. */
  logLevel: string;
  /** Variables added to every service's environment (they win over the suite's). */
  extraEnv?: NodeJS.ProcessEnv;
}

/** The platform of one chaos run: nine processes kept alive by `npm start`'s supervisor. */
export interface ChaosPlatform {
  /** `http://127.0.0.1:<GATEWAY_PORT>/graphql`, the same across gateway restarts. */
  gatewayUrl: string;
  /** Pid of the service's process now (undefined while it is down). */
  pid(service: ServiceName): number | undefined;
  /**
   * Sends `signal` to the service's process (the supervisor restarts it after a short backoff).
   *
   * @returns the pid signalled, or null when no process of it was alive
   */
  kill(service: ServiceName, signal: NodeJS.Signals): number | null;
  /**
   * Resolves once a process of the service other than `notPid` answers `/healthz`.
   *
   * @throws {WaitTimeoutError} after `timeoutMs`
   */
  waitUp(service: ServiceName, timeoutMs: number, notPid?: number): Promise<void>;
  /** Every exit of a service process while the platform ran (not those of `stop()`), oldest first. */
  exits(): ServiceExit[];
  /** Stops every process (SIGTERM, SIGKILL after 10 s) and closes the log. */
  stop(): Promise<void>;
}

/**
 * The services' environment: the chaos Postgres and NATS, the secrets, fixed ports, JSON logs,
 * `NODE_ENV=production`, no Redis (rate limits in memory, set out of the way as in the bench),
 * and the offline writer at zero token delay (the suite measures delivery, not writing speed).
 */
function serviceEnvironment(options: ChaosPlatformOptions): NodeJS.ProcessEnv {
  const names = [...PUBLIC_PORT_VARIABLES, ...Object.values(ADMIN_PORT_VARIABLES)];
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATABASE_URL: options.databaseUrl,
    NATS_URL: options.natsUrl,
    AUTH_JWT_SECRET: options.authSecret,
    SUBGRAPH_JWT_SECRET: options.subgraphSecret,
    NODE_ENV: 'production',
    LOG_LEVEL: options.logLevel,
    LOG_FORMAT: 'json',
    APOLLO_TELEMETRY_DISABLED: '1',
    OFFLINE_TOKEN_DELAY_MS: '0',
    ...GATEWAY_BENCH_ENV,
    ...Object.fromEntries(names.map((name, i) => [name, String(options.ports[i])])),
    ...options.extraEnv,
  };
}

/**
 * Migrates the four schemas, then starts the nine services of `planPlatform` (four subgraphs,
 * four workers, the gateway) as separate processes under `npm start`'s {@link Supervisor}, which
 * restarts a process that exits (250 ms, doubling up to 4 s, back to 250 ms after 2 s up), so a
 * killed service comes back as it would under an orchestrator. Their output goes to
 * `<logDir>/services.log`.
 *
 * @throws {ConfigError} when the environment is invalid
 * @throws {ServiceStartError} when a service does not start (the others are stopped)
 */
export async function startChaosPlatform(options: ChaosPlatformOptions): Promise<ChaosPlatform> {
  if (options.ports.length < PLATFORM_PORT_COUNT) throw new Error(`startChaosPlatform needs ${PLATFORM_PORT_COUNT} ports`);
  const env = serviceEnvironment(options);
  const plan = planPlatform(env);
  const log: WriteStream = createWriteStream(join(options.logDir, 'services.log'), { flags: 'a' });
  const exits: ServiceExit[] = [];
  const logger = pino(
    { level: 'info', base: { service: 'chaos-supervisor' }, timestamp: pino.stdTimeFunctions.isoTime },
    {
      write(line: string) {
        log.write(line);
        const entry = JSON.parse(line) as { msg?: string; child?: string; pid?: number; code?: number | null; signal?: string | null };
        if (entry.msg === 'service exited unexpectedly' && entry.child && entry.pid) {
          exits.push({ service: entry.child, pid: entry.pid, code: entry.code ?? null, signal: entry.signal ?? null, at: Date.now() });
        }
      },
    },
  );
  await migrateAll(env, logger);
  const supervisor = new Supervisor(plan.services, {
    logger,
    cwd: REPOSITORY_ROOT,
    output: log,
    readyTimeoutMs: 240_000,
    stopTimeoutMs: 10_000,
    backoff: { initialMs: 250, maxMs: 4_000, resetAfterMs: 2_000 },
  });
  const stop = async () => {
    await supervisor.stop();
    await new Promise<void>((resolve) => log.end(() => resolve()));
  };
  try {
    await supervisor.start();
  } catch (err) {
    await stop();
    throw err;
  }
  const adminPort = (service: ServiceName) => Number(env[ADMIN_PORT_VARIABLES[service]]);
  const pid = (service: ServiceName) => supervisor.pids()[service];
  return {
    gatewayUrl: `http://127.0.0.1:${plan.gatewayPort}/graphql`,
    pid,
    kill(service, signal) {
      const current = pid(service);
      if (current === undefined) return null;
      try {
        process.kill(current, signal);
        return current;
      } catch {
        return null;
      }
    },
    waitUp: (service, timeoutMs, notPid) =>
      waitUntil(`${service} up again`, async () => {
        const current = pid(service);
        return current !== undefined && current !== notPid && (await httpOk(adminPort(service), '/healthz'));
      }, timeoutMs, 100),
    exits: () => [...exits],
    stop,
  };
}
