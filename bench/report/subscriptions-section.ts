import type { SubscriptionScenarioResult } from '../scenarios/subscriptions';
import { num, table } from './markdown';
import { profileSection } from './profile-section';

/** The subscriptions scenario's section of the report: the tiers, then the largest tier's gateway profile. */
export function subscriptionsSection(result: SubscriptionScenarioResult): string {
  const lines = [
    '## 2. Subscriptions',
    '',
    `Per tier: a fresh gateway process; one generation job left QUEUED (content's worker stopped); N graphql-ws subscriptions to \`generationJobUpdated(id)\` (selecting \`type status delta text job { id status post { id variant { name } emotionTrajectory { trajectoryType } } }\`, one token for all, so one group) opened from ${result.loadProcesses} load processes (the \`graphql-ws\` client, one socket each, 100 opening at once per process); then content's worker started at the offline writer's pace (${result.tokenDelayMs} ms a word, \`npm start\`'s): the job streams, completes and gets its trajectory, and every subscription ends by itself (a tier stops after 60 s in any case). ` +
      'Fan-out latency: from the CloudEvent `time` the worker set as it published each event (read off NATS by the bench) to the client\'s receipt, over every (event, subscriber). "Delivered/s" counts events received by all clients from the first publication to the last receipt (the job itself takes a few seconds at this pace).',
    '',
    table(
      ['subscribers', 'opened', 'open time s', 'events published (over s)', 'delivered / expected', 'delivered/s', 'p50 ms', 'p99 ms', 'dropped', 'ended ok / error', 'gateway RSS open / peak MiB', 'gateway CPU %', 'load processes CPU %', 'machine CPU %', 'subgraph req per subscriber', 'subgraph req per event'],
      result.tiers.map((t) => [
        num(t.subscribers),
        `${num(t.subscribed)}${t.failedToSubscribe ? ` (${num(t.failedToSubscribe)} failed)` : ''}`,
        num(t.subscribeSeconds, 1),
        `${num(t.published)} (${num(t.jobSeconds, 1)})`,
        `${num(t.delivered)} / ${num(t.expected)}`,
        num(t.deliveredPerSecond),
        num(t.latencyP50),
        num(t.latencyP99),
        num(t.dropped),
        `${num(t.completed)} / ${num(t.errored)}`,
        `${num(t.rssSubscribedMiB)} / ${num(t.peakRssMiB)}`,
        num(t.cpuPercent),
        num(t.loadCpuPercent),
        num(t.machineCpuPercent),
        num(t.subgraphRequestsPerSubscriber, 2),
        num(t.subgraphRequestsPerEvent, 2),
      ]),
    ),
    '',
  ];
  for (const t of result.tiers.filter((tier) => tier.firstError)) lines.push(`- ${num(t.subscribers)}: first error: \`${t.firstError}\``);
  for (const skipped of result.skipped) lines.push(`- not run: ${skipped}`);
  if (result.tiers.some((t) => t.firstError) || result.skipped.length) lines.push('');
  lines.push(
    profileSection(
      `### Profile of the gateway at ${num(result.profiledSubscribers)} subscribers (\`--cpu-prof\`)`,
      `The ${num(result.profiledSubscribers)} tier's gateway ran under \`node --cpu-prof\` (its figures above include the profiler's overhead, a few %); only the delivery is counted: from the start of content's worker to the last receipt (not the opening of the subscriptions).`,
      // Reports saved before the profile existed have none.
      result.profile?.profile ?? null,
      result.profile?.note ?? 'not profiled in this run',
    ),
  );
  return lines.join('\n');
}
