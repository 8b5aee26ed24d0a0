// A load process of graphql-ws subscribers (the `graphql-ws` client over `ws`, one socket
// each), driven over IPC by bench/lib/subscriber-load.ts: opens the subscriptions with bounded
// concurrency, records when each `generationJobUpdated` result arrives (by job event key), and
// reports. It closes everything and exits by itself at its deadline.
import { createClient } from 'graphql-ws';
import type { Client } from 'graphql-ws';
import WebSocket from 'ws';
import { OccurrenceCounter, jobEventKey } from '../lib/job-event-key';
import type { DeliveryReport, SubscribeCommand, SubscribedReport } from '../lib/subscriber-load';

interface JobEventResult {
  generationJobUpdated?: { type: string; status: string; text: string | null };
}

const clients: Client[] = [];
const receipts: Record<string, number[]> = {};
let completed = 0;
let errored = 0;
let firstError: string | null = null;
let running = 0;
let subscribing = true;

const now = () => performance.timeOrigin + performance.now();
const describe = (err: unknown) => (err instanceof Error ? err.message : typeof err === 'object' && err && 'code' in err ? `close ${String((err as { code: unknown }).code)} ${String((err as { reason?: unknown }).reason ?? '')}` : JSON.stringify(err));

function report(message: SubscribedReport | DeliveryReport | { type: 'ended' }): void {
  process.send?.(message);
}

/** Opens one subscription; resolves when its first result (the SNAPSHOT) arrives, rejects on failure. */
function subscribe(command: SubscribeCommand): Promise<void> {
  const client = createClient({
    url: command.url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    lazy: true,
    retryAttempts: 0,
    connectionParams: { Authorization: `Bearer ${command.token}` },
  });
  clients.push(client);
  const occurrences = new OccurrenceCounter();
  running++;
  return new Promise((resolve, reject) => {
    let first = true;
    const end = () => {
      running--;
      if (running === 0 && !subscribing) report({ type: 'ended' });
    };
    client.subscribe<JobEventResult>(
      { query: command.query, variables: command.variables },
      {
        next(result) {
          const at = now();
          const event = result.data?.generationJobUpdated;
          if (first) {
            first = false;
            if (event) resolve();
            else reject(new Error(`first result without data: ${JSON.stringify(result.errors ?? result)}`));
            return;
          }
          if (!event) {
            firstError ??= JSON.stringify(result.errors ?? result).slice(0, 300);
            return;
          }
          const textLength = event.text?.length ?? null;
          const base = jobEventKey(event.type, event.status, textLength, 0);
          const key = jobEventKey(event.type, event.status, textLength, occurrences.next(base));
          (receipts[key] ??= []).push(at);
        },
        error(err) {
          errored++;
          firstError ??= describe(err);
          end();
          if (first) reject(new Error(describe(err)));
          void client.dispose();
        },
        complete() {
          completed++;
          end();
          void client.dispose();
        },
      },
    );
  });
}

async function subscribeAll(command: SubscribeCommand): Promise<void> {
  let ok = 0;
  let failed = 0;
  let failure: string | null = null;
  let nextIndex = 0;
  const lane = async () => {
    while (nextIndex < command.subscribers) {
      nextIndex++;
      try {
        await subscribe(command);
        ok++;
      } catch (err) {
        failed++;
        failure ??= describe(err);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(command.concurrency, command.subscribers) }, lane));
  subscribing = false;
  report({ type: 'subscribed', ok, failed, firstError: failure });
  if (running === 0) report({ type: 'ended' });
}

async function closeAll(): Promise<void> {
  await Promise.all(clients.map((client) => client.dispose()));
}

process.on('message', (message: SubscribeCommand | { type: 'collect' }) => {
  if (message.type === 'subscribe') {
    setTimeout(() => void closeAll().finally(() => process.exit(2)), message.deadlineMs).unref();
    void subscribeAll(message);
  } else if (message.type === 'collect') {
    void closeAll().finally(() => report({ type: 'delivered', receipts, completed, errored, firstError, cpuSeconds: (process.cpuUsage().user + process.cpuUsage().system) / 1e6 }));
  }
});
process.on('disconnect', () => process.exit(0));
