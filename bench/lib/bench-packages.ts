import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { EventEmitter } from 'node:events';

/** The bench's own directory (its `package.json` lists the bench-only packages). */
export const BENCH_DIR = join(__dirname, '..');

/**
 * Loads a bench-only package from `bench/node_modules` (installed by `npm run bench` with
 * `npm ci --prefix bench`). The bench's sources type these packages with the few members they
 * use, so `npm run typecheck` passes without them installed.
 *
 * @throws when the package is not installed
 */
export function benchRequire(name: string): unknown {
  return createRequire(join(BENCH_DIR, 'package.json'))(name);
}

/** One request template of autocannon (`requests[]`). */
export interface AutocannonRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** Mutates the next request of a connection; `context` is the connection's. */
  setupRequest?: (request: { body?: string; headers?: Record<string, string> }, context: Record<string, unknown>) => { body?: string };
  onResponse?: (status: number, body: string, context: Record<string, unknown>) => void;
}

/** The members of autocannon's result the bench reads. */
export interface AutocannonResult {
  /** Seconds the run lasted. */
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  requests: { total: number; sent: number; average: number };
}

/** A running autocannon instance: emits `response` (client, status, bytes, responseTime ms). */
export interface AutocannonInstance extends EventEmitter {
  stop(): void;
}

/** autocannon's programmatic entry point (https://github.com/mcollina/autocannon). */
export type Autocannon = (
  options: { url: string; connections: number; duration: number; pipelining?: number; timeout?: number; requests: AutocannonRequest[] },
  done: (err: Error | null, result: AutocannonResult) => void,
) => AutocannonInstance;

/** autocannon, from `bench/node_modules`. */
export function loadAutocannon(): Autocannon {
  return benchRequire('autocannon') as Autocannon;
}
