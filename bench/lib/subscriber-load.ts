import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { BENCH_DIR } from './bench-packages';

/** Parent -> load process: open the subscriptions. */
export interface SubscribeCommand {
  type: 'subscribe';
  /** The gateway's `http://.../graphql` URL (the client speaks graphql-ws on `ws://` of it). */
  url: string;
  token: string;
  query: string;
  variables: Record<string, unknown>;
  subscribers: number;
  /** Connections being opened at once. */
  concurrency: number;
  /** The load process closes everything and exits after this (ms): it always stops by itself. */
  deadlineMs: number;
}

/** Load process -> parent: every subscription got its first result (or failed). */
export interface SubscribedReport {
  type: 'subscribed';
  ok: number;
  failed: number;
  /** First failure, to explain it. */
  firstError: string | null;
}

/** Load process -> parent: what its subscribers received. */
export interface DeliveryReport {
  type: 'delivered';
  /** Receipt times (epoch ms, sub-ms precision) by job event key (`jobEventKey`). */
  receipts: Record<string, number[]>;
  /** Subscriptions that completed normally (the job's stream ended). */
  completed: number;
  /** Subscriptions that ended with an error. */
  errored: number;
  firstError: string | null;
  /** CPU seconds the load process used, from its start. */
  cpuSeconds: number;
}

/** A running load process of subscribers. */
export interface SubscriberLoad {
  /** Resolves once every subscription is open (its SNAPSHOT received) or failed. */
  subscribed: Promise<SubscribedReport>;
  /** Asks for the receipts (after closing whatever is still open) and ends the process. */
  collect(): Promise<DeliveryReport>;
  /** Resolves once every subscription has ended by itself. */
  allEnded: Promise<void>;
  kill(): void;
}

/**
 * Starts a load process of graphql-ws subscribers (`bench/load/subscribers.ts`), separate from
 * the gateway's, and has it open `command.subscribers` subscriptions.
 */
export function startSubscriberLoad(command: Omit<SubscribeCommand, 'type'>): SubscriberLoad {
  const child: ChildProcess = spawn(process.execPath, ['--max-old-space-size=2048', '--import', 'tsx', join(BENCH_DIR, 'load', 'subscribers.ts')], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waitFor = <T>(type: string) =>
    new Promise<T>((resolve, reject) => {
      const listener = (message: { type?: string }) => {
        if (message?.type !== type) return;
        child.off('message', listener);
        resolve(message as T);
      };
      child.on('message', listener);
      child.once('exit', (code) => reject(new Error(`subscriber load process exited (code ${code}) before "${type}"`)));
    });
  const subscribed = waitFor<SubscribedReport>('subscribed');
  const allEnded = waitFor<{ type: 'ended' }>('ended').then(() => undefined);
  allEnded.catch(() => undefined);
  child.send({ type: 'subscribe', ...command } satisfies SubscribeCommand);
  return {
    subscribed,
    allEnded,
    async collect() {
      const report = waitFor<DeliveryReport>('delivered');
      child.send({ type: 'collect' });
      const delivered = await report;
      child.kill();
      return delivered;
    },
    kill: () => child.kill('SIGKILL'),
  };
}
