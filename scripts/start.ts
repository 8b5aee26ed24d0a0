import pino from 'pino';
import { ConfigError, DEFAULT_DATABASE_URL, DEFAULT_NATS_URL, loadDotEnv } from '../lib/config';
import { createLogger, prettyLineFormatter, prettyLogs } from '../lib/logger';
import type { LogFormat } from '../lib/logger';
import type { Logger } from '../lib/logger';
import { describeStartupError } from '../lib/server';
import { ensureDashboardBuilt } from './lib/dashboard-build';
import { DEV_TOKEN_LIFETIME, dashboardUrl, prepareLocalAuth } from './lib/local-auth';
import { migrateAll } from './lib/migrate-all';
import { REPOSITORY_ROOT, planPlatform } from './lib/platform-services';
import { preflight } from './lib/preflight';
import { seedIfEmpty } from './lib/seed';
import { ServiceStartError, Supervisor } from './lib/supervisor';
import type { LineOutput } from './lib/service-process';

/**
 * The logger's destination (pino's stream), so that the children's lines, the supervisor's own
 * logs and the banner go through one writer: in order, never interleaved.
 */
function loggerOutput(logger: Logger): LineOutput {
  return (logger as unknown as Record<symbol, LineOutput>)[pino.symbols.streamSym] ?? process.stdout;
}

/** Exits once the logger has written everything (its destination writes asynchronously). */
function exitAfterLogs(logger: Logger, code: number): void {
  logger.flush(() => process.exit(code));
}

/** `LOG_FORMAT` when it names a format, else undefined (the default applies). */
function logFormatOf(value: string | undefined): LogFormat | undefined {
  return value === 'json' || value === 'pretty' ? value : undefined;
}

function banner(gatewayPort: number, printableToken: string | null): string {
  const url = `http://localhost:${gatewayPort}/graphql`;
  const lines = ['', `  Threads Agent Supergraph is up: GraphiQL at ${url}`, `  Dashboard: ${dashboardUrl(gatewayPort, printableToken)}`];
  if (printableToken) {
    lines.push(
      '',
      `  Development token (sub "developer", every scope, valid ${DEV_TOKEN_LIFETIME}):`,
      `    ${printableToken}`,
      '  GraphiQL already sends it in its headers, and the dashboard URL above carries it. From a shell:',
      `    curl -s ${url} -H 'content-type: application/json' -H "authorization: Bearer ${printableToken}" -d '{"query":"{ personas { id name } }"}'`,
      '',
      `  GitHub webhooks: POST http://localhost:${gatewayPort}/webhooks/github, signed with the local secret in .local/dev-secrets.json (githubWebhookSecret).`,
    );
  }
  lines.push('', '  Ctrl-C to stop.', '', '');
  return lines.join('\n');
}

/**
 * Stops the supervisor on the first SIGINT/SIGTERM (graceful, then exit 0); a second signal
 * at least half a second later (a second Ctrl-C, not the same one relayed by npm or tsx)
 * SIGKILLs every child and exits 1.
 */
function stopOnSignals(supervisor: Supervisor, logger: Logger): () => boolean {
  let firstAt: number | null = null;
  const handler = (signal: NodeJS.Signals) => {
    if (firstAt !== null) {
      if (Date.now() - firstAt < 500) return;
      logger.warn({ signal }, 'second signal, killing every service');
      supervisor.kill();
      exitAfterLogs(logger, 1);
      return;
    }
    firstAt = Date.now();
    logger.info({ signal }, 'shutting down');
    supervisor.stop().then(
      () => {
        logger.info('every service stopped');
        exitAfterLogs(logger, 0);
      },
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        exitAfterLogs(logger, 1);
      },
    );
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => firstAt !== null;
}

/**
 * `npm start`: the local development runner. Checks Postgres and NATS, prepares local
 * authentication (scripts/lib/local-auth.ts), migrates the four schemas once, then supervises
 * one process per service (four subgraphs, three workers, the gateway; scripts/lib/supervisor.ts),
 * after building the dashboard when its build is missing or stale (scripts/lib/dashboard-build.ts):
 * each child's lines are printed prefixed with its name, a crashed child is restarted with
 * backoff while the others keep running. Once all are ready it seeds an empty database and
 * prints the GraphiQL URL (and the development token when it generated one).
 *
 * `NODE_ENV` defaults to `development` for the children. Ports set to 0 are refused. Ctrl-C or
 * SIGTERM stops every child gracefully (SIGKILL after 15 s) and exits 0; a second Ctrl-C kills
 * them at once. A service not ready within 120 s, or exiting before it is, fails the start
 * (exit 1, naming it with its last lines, after stopping the others). The supervisor logs `service started` with `child` (name) and `pid` whenever it
 * spawns a service. `preflight passed` `{ ms }` marks the end of the preflight (the bench's
 * start-up breakdown reads it).
 */
async function main(): Promise<void> {
  loadDotEnv();
  const pretty = prettyLogs({ LOG_FORMAT: logFormatOf(process.env.LOG_FORMAT), NODE_ENV: process.env.NODE_ENV || 'development' });
  const logger = createLogger('platform', process.env.LOG_LEVEL ?? 'info', { pretty });
  // A pretty logger writes synchronously to stdout, so children's lines and the banner share it in order.
  const output = pretty ? process.stdout : loggerOutput(logger);
  const preflightStarted = Date.now();
  const problems = await preflight(process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL, process.env.NATS_URL ?? DEFAULT_NATS_URL);
  if (problems.length > 0) {
    for (const problem of problems) logger.fatal(problem);
    exitAfterLogs(logger, 1);
    return;
  }
  logger.info({ ms: Date.now() - preflightStarted }, 'preflight passed');
  let supervisor: Supervisor | null = null;
  let stopping = () => false;
  try {
    const auth = await prepareLocalAuth(process.env);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: process.env.NODE_ENV || 'development',
      APOLLO_TELEMETRY_DISABLED: process.env.APOLLO_TELEMETRY_DISABLED ?? '1',
      ...auth.env,
    };
    const plan = planPlatform(env);
    await migrateAll(env, logger);
    await ensureDashboardBuilt(logger).catch((err: unknown) => {
      logger.error({ err }, 'the dashboard did not build; the API runs without it (see `npm run build:dashboard`)');
    });
    const started = new Supervisor(plan.services, {
      logger,
      cwd: REPOSITORY_ROOT,
      output,
      formatLine: pretty ? prettyLineFormatter() : undefined,
    });
    supervisor = started;
    process.on('exit', () => started.kill());
    stopping = stopOnSignals(started, logger);
    const ready = await started.start();
    const gatewayUrl = ready.find((message) => message.service === 'gateway')?.url ?? `http://127.0.0.1:${plan.gatewayPort}/graphql`;
    if (auth.seedToken) {
      await seedIfEmpty(gatewayUrl, logger, auth.seedToken).catch((err: unknown) => {
        logger.error({ err }, 'seeding failed; the platform runs without the demo data');
      });
    } else {
      logger.info('not seeding: AUTH_JWKS_URL is configured (tokens come from the identity provider), so npm start has no token for the seed requests');
    }
    output.write(banner(plan.gatewayPort, auth.printableToken));
  } catch (err) {
    if (stopping()) return;
    if (err instanceof ServiceStartError) {
      logger.fatal({ child: err.service, lastLines: err.lastLines }, `start-up failed: ${err.message}`);
    } else {
      logger.fatal(err instanceof ConfigError ? {} : { err }, describeStartupError(err));
    }
    await supervisor?.stop();
    exitAfterLogs(logger, 1);
  }
}

void main();
