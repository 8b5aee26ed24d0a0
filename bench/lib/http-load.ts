import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { BENCH_DIR } from './bench-packages';

/** One request of a load run, and the exact body every response to it must have. */
export interface LoadVariant {
  /** JSON body: `{ query, variables }`. */
  body: string;
  /** The verified response body (compared byte for byte). */
  expected: string;
}

/** What the load process is asked to run (autocannon, one process, HTTP/1.1 keep-alive). */
export interface HttpLoadRequest {
  type: 'run';
  url: string;
  connections: number;
  durationSeconds: number;
  headers: Record<string, string>;
  /** Sent round-robin (one variant: every request identical). */
  variants: LoadVariant[];
}

/** What a load run measured. */
export interface HttpLoadResult {
  /** Responses received (any status). */
  responses: number;
  /** Requests sent (those in flight at the end included). */
  sent: number;
  /** Responses per second over the run. */
  rps: number;
  /** Latency percentiles (ms) of every response. */
  p50: number;
  p95: number;
  p99: number;
  /** Connection errors and timeouts. */
  errors: number;
  /** Responses with a status other than 2xx. */
  non2xx: number;
  /** 2xx responses whose body differs from the verified one. */
  mismatches: number;
  /** First mismatching body (truncated), to explain a mismatch. */
  firstMismatch: string | null;
  durationSeconds: number;
  /** CPU of the load process itself over the run, % of one core. */
  loadCpuPercent: number;
}

/**
 * Runs autocannon in its own process (`bench/load/http-load.ts`, so the load generator never
 * shares the measured server's event loop) and returns what it measured.
 *
 * @throws when the load process fails
 */
export function runHttpLoad(request: Omit<HttpLoadRequest, 'type'>): Promise<HttpLoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(BENCH_DIR, 'load', 'http-load.ts')], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let settled = false;
    child.on('message', (message: { type: string; result?: HttpLoadResult; message?: string }) => {
      settled = true;
      if (message.type === 'result') resolve(message.result!);
      else reject(new Error(`load process failed: ${message.message}`));
      child.kill();
    });
    child.on('exit', (code) => {
      if (!settled) reject(new Error(`load process exited with code ${code} before its result`));
    });
    child.send({ type: 'run', ...request } satisfies HttpLoadRequest);
  });
}
