import type { FaultKind } from './faults';
import type { ChaosReport } from './run-chaos';

const seconds = (ms: number | null) => (ms === null ? 'never' : `${(ms / 1000).toFixed(1)} s`);

/** A Markdown table: `header`, then `rows`, columns padded to their widest cell. */
function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

/**
 * Renders a chaos run for people, as Markdown: the summary table (submitted, completed, lost,
 * duplicated, max recovery time), then every check with a non-zero count (with example ids),
 * the facts counted, the faults with their recovery times, service crashes the suite did not
 * cause, the diagnosis of lost events (published to NATS or not) and, when the run did not
 * converge, the timeline of the faults and of the subscriber's connections.
 */
export function formatChaosReport(report: ChaosReport): string {
  const { checks, load, options } = report;
  const maxRecovery = report.recovery.some((r) => r.afterMs === null) ? null : Math.max(0, ...report.recovery.map((r) => r.afterMs ?? 0));
  const out: string[] = [];
  out.push(`## Chaos run: ${options.jobs} jobs at ${options.ratePerSecond}/s, ${report.converged ? 'converged' : 'NOT converged'} (load ${seconds(report.loadMs)}, total ${seconds(report.totalMs)})`, '');
  out.push(
    table(
      ['submitted', 'completed', 'failed with a reason', 'lost', 'duplicated', 'max recovery time'],
      [[String(load.jobsSubmitted), String(checks.facts.completed), String(checks.facts.failedWithReason), String(checks.lost), String(checks.duplicated), seconds(maxRecovery)]],
    ),
    '',
  );
  const failing = checks.lines.filter((l) => l.count > 0);
  out.push('### Checks', '');
  out.push(table(['check', 'kind', 'count', 'examples'], checks.lines.map((l) => [l.label, l.kind, String(l.count), l.examples.join(', ')])), '');
  if (failing.length === 0) out.push('Every check passed.', '');
  const f = checks.facts;
  out.push('### Counted', '');
  out.push(
    table(
      ['fact', 'value'],
      [
        ['jobs confirmed by the gateway / not confirmed', `${load.jobIds.size} / ${load.jobsNotAccepted.length}`],
        ['jobs in the database', String(f.jobsInDatabase)],
        ['failure reasons', Object.entries(f.failureReasons).map(([reason, n]) => `${n} x ${reason}`).join('; ') || '-'],
        ['posts / trajectories', `${f.posts} / ${f.trajectories}`],
        ['posts with engagement written / uncertain (not checked)', `${f.postsWithEngagement} / ${f.engagementUncertain}`],
        ['posts without a variant (not counted by design)', String(f.postsWithoutVariant)],
        ['impressions written (posts with a variant) / counted by experiments', `${f.impressionsWritten} / ${f.impressionsCounted}`],
        ['achievements submitted / confirmed / in the database', `${load.achievementsSubmitted} / ${load.achievementsAccepted.size} / ${f.achievementsInDatabase}`],
        ['achievement events received (deliveries)', String(f.achievementDeliveries)],
        ['achievement events replayed again at a resume (dropped by id)', String(f.achievementResumeRepeats)],
        ['requests retried by the load', String(load.retries)],
      ],
    ),
    '',
  );
  const kinds: FaultKind[] = ['content-worker-kill', 'emotion-worker-kill', 'gateway-kill', 'nats-restart', 'postgres-restart'];
  out.push('### Faults and recovery', '');
  out.push(
    table(
      ['fault', 'count', 'max recovery', 'measured until'],
      kinds.map((kind) => {
        const of = report.recovery.filter((r) => r.kind === kind);
        const worst = of.some((r) => r.afterMs === null) ? null : Math.max(0, ...of.map((r) => r.afterMs ?? 0));
        const until = kind === 'emotion-worker-kill' ? 'next trajectory stored' : kind === 'gateway-kill' ? 'next answer and subscriber reconnected' : 'next job completed';
        return [kind, String(of.length), of.length ? seconds(worst) : '-', until];
      }),
    ),
    '',
  );
  if (report.unplannedExits.length > 0) {
    const byService = new Map<string, number>();
    for (const exit of report.unplannedExits) byService.set(exit.service, (byService.get(exit.service) ?? 0) + 1);
    out.push(`Service exits not caused by the suite (restarted): ${[...byService].map(([s, n]) => `${s} x${n}`).join(', ')}`, '');
  }
  if (report.diagnosis) {
    const d = report.diagnosis;
    out.push(
      '### Where the lost events went',
      '',
      `- posts without a trajectory: post.created in the EVENTS stream for ${d.postsWithoutTrajectoryPublished}, never published for ${d.postsWithoutTrajectoryUnpublished}`,
      `- achievements not delivered: achievement.created in the EVENTS stream for ${d.achievementsUndeliveredPublished} (missed by the subscription), never published for ${d.achievementsUndeliveredUnpublished}`,
      '',
    );
  }
  if (!report.converged) out.push('### Timeline (from the start of the load)', '', ...timeline(report), '');
  if (report.keptDir) out.push(`Run folder kept: ${report.keptDir} (services.log, postgres/, nats/)`, '');
  return out.join('\n');
}

/**
 * The faults (start and end of each outage) and the subscriber's connections, disconnections and
 * subscription ends, in time order, as list items in seconds from the start of the load: what a
 * lost achievement event is read against.
 */
function timeline(report: ChaosReport): string[] {
  const at = (t: number) => `+${((t - report.loadStartedAt) / 1000).toFixed(1)} s`;
  const entries: Array<{ t: number; text: string }> = [];
  for (const fault of report.faults) {
    if (fault.kind === 'content-worker-kill') continue;
    const live = fault.subscriptionLive === undefined ? '' : fault.subscriptionLive ? ' (subscription live)' : ' (no live subscription)';
    entries.push({ t: fault.at, text: fault.healedAt > fault.at ? `${fault.kind}: down${live}` : fault.kind });
    if (fault.healedAt > fault.at) entries.push({ t: fault.healedAt, text: `${fault.kind}: up again` });
  }
  for (const event of report.subscriberEvents) entries.push({ t: event.at, text: `subscriber ${event.type}${event.detail ? ` (${event.detail})` : ''}` });
  return entries.sort((a, b) => a.t - b.t).map((e) => `- ${at(e.t)} ${e.text}`);
}
