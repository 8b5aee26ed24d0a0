import { createLogger } from '../../lib/logger';
import { CleanupStack } from '../../chaos/lib/cleanup';
import { parseChaosOptions } from '../../chaos/lib/options';
import { formatChaosReport } from '../../chaos/lib/report';
import { runChaos } from '../../chaos/lib/run-chaos';

/**
 * The short variant of `npm run chaos` (docs/chaos.md): the same code on 60 jobs at 2 jobs/s (30 s of load, 45 s to converge),
 * with every fault of the full run (the content worker killed every 2 s of uptime; the gateway,
 * an emotion worker, NATS and Postgres once each), on its own Postgres cluster and NATS server.
 */
describe('chaos suite (short variant)', () => {
  const logger = createLogger('chaos-short', process.env.LOG_LEVEL || 'silent');
  const cleanup = new CleanupStack(logger);
  afterAll(() => cleanup.run());

  it('loses and duplicates nothing while workers, the gateway, NATS and Postgres are killed', async () => {
    // The services log warnings and the run folder is deleted, unless CHAOS_LOG_LEVEL / CHAOS_KEEP say otherwise (a post-mortem).
    const options = parseChaosOptions({ ...process.env, CHAOS_JOBS: '60', CHAOS_RATE: '2', CHAOS_DEADLINE: '45', CHAOS_LOG_LEVEL: process.env.CHAOS_LOG_LEVEL ?? 'warn', CHAOS_KEEP: process.env.CHAOS_KEEP ?? '0' }, []);
    const report = await runChaos(options, logger, cleanup);
    // A failing run leaves its whole report (diagnosis, timeline) in the test output.
    if (!report.converged) process.stderr.write(`\n${formatChaosReport(report)}\n`);

    const kinds = new Set(report.faults.map((f) => f.kind));
    expect([...kinds].sort()).toEqual(['content-worker-kill', 'emotion-worker-kill', 'gateway-kill', 'nats-restart', 'postgres-restart']);
    expect(report.load.jobsSubmitted).toBe(60);
    const failing = report.checks.lines.filter((line) => line.count > 0).map((line) => `${line.kind}: ${line.count} ${line.label} (${line.examples.join(', ')})`);
    expect(failing).toEqual([]);
    expect({ lost: report.checks.lost, duplicated: report.checks.duplicated }).toEqual({ lost: 0, duplicated: 0 });
    expect(report.checks.facts.completed + report.checks.facts.failedWithReason).toBe(report.checks.facts.jobsInDatabase);
  }, 240_000);
});
