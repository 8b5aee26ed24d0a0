import { Client } from 'pg';
import type { SubscriberEvent } from './achievement-subscriber';
import type { FaultKind, FaultRecord } from './faults';

/** How long the platform took to work again after one fault. */
export interface Recovery {
  kind: FaultKind;
  /** Epoch ms of the fault. */
  at: number;
  /** Ms from the fault's `healedAt` to the first sign of work after it; null when none was seen. */
  afterMs: number | null;
}

/** What recovery is read from. */
export interface RecoveryInput {
  databaseUrl: string;
  faults: FaultRecord[];
  /** Epoch ms of every successful gateway answer to the load. */
  gatewaySuccesses: number[];
  subscriberEvents: SubscriberEvent[];
}

function firstAfter(sorted: number[], t: number): number | null {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! > t) hi = mid;
    else lo = mid + 1;
  }
  return lo < sorted.length ? sorted[lo]! : null;
}

/**
 * The recovery time of each fault, from its `healedAt` (the kill of a process; the restart of
 * NATS or Postgres) to the first sign that the part it hit works again:
 * - content worker, NATS, Postgres: the next job completion (`generation_jobs.completed_at`);
 * - emotion worker: the next trajectory stored (`emotion_trajectory_posts.created_at`);
 * - gateway: both the next successful answer to the load and the subscriber's next
 *   `connection_ack` (the later of the two).
 *
 * @throws when Postgres does not answer
 */
export async function measureRecovery(input: RecoveryInput): Promise<Recovery[]> {
  const client = new Client({ connectionString: input.databaseUrl });
  await client.connect();
  let completions: number[];
  let trajectories: number[];
  try {
    const times = async (text: string) => (await client.query<{ t: Date }>(text)).rows.map((r) => r.t.getTime());
    completions = await times(`select completed_at as t from content.generation_jobs where completed_at is not null order by completed_at`);
    trajectories = await times('select created_at as t from emotion.emotion_trajectory_posts order by created_at');
  } finally {
    await client.end();
  }
  const successes = [...input.gatewaySuccesses].sort((a, b) => a - b);
  const connections = input.subscriberEvents.filter((e) => e.type === 'connected').map((e) => e.at);
  return input.faults.map((fault) => {
    let recoveredAt: number | null;
    if (fault.kind === 'emotion-worker-kill') recoveredAt = firstAfter(trajectories, fault.healedAt);
    else if (fault.kind === 'gateway-kill') {
      const answered = firstAfter(successes, fault.healedAt);
      const resubscribed = firstAfter(connections, fault.healedAt);
      recoveredAt = answered === null || resubscribed === null ? null : Math.max(answered, resubscribed);
    } else recoveredAt = firstAfter(completions, fault.healedAt);
    return { kind: fault.kind, at: fault.at, afterMs: recoveredAt === null ? null : recoveredAt - fault.healedAt };
  });
}
