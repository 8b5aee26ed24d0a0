import { ConfigError } from '../lib/config';
import { createLogger } from '../lib/logger';
import { CleanupStack } from './lib/cleanup';
import { parseChaosOptions } from './lib/options';
import { formatChaosReport } from './lib/report';
import { runChaos } from './lib/run-chaos';

/**
 * `npm run chaos`: runs the chaos suite (see docs/chaos.md) and prints its report. Exits 0 when
 * nothing was lost or duplicated and the platform converged, 1 otherwise, 2 on invalid options,
 * 130 on Ctrl-C (after cleaning up).
 */
async function main(): Promise<number> {
  const logger = createLogger('chaos', process.env.LOG_LEVEL || 'info', { pretty: Boolean(process.stdout.isTTY) });
  let options;
  try {
    options = parseChaosOptions(process.env, process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    logger.fatal(err.message);
    return 2;
  }
  const cleanup = new CleanupStack(logger);
  const interrupt = () => {
    logger.warn('interrupted: cleaning up');
    void cleanup.run().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    const report = await runChaos(options, logger, cleanup);
    process.stdout.write(`\n${formatChaosReport(report)}\n`);
    return report.converged ? 0 : 1;
  } catch (err) {
    logger.error({ err }, 'chaos run failed');
    return 1;
  } finally {
    await cleanup.run();
  }
}

void main().then((code) => process.exit(code));
