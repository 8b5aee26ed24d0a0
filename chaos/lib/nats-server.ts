import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { portAccepts, waitUntil } from './wait';

/** A NATS server with JetStream of the chaos suite's own (never the machine's shared one). */
export interface NatsServer {
  port: number;
  /** `nats://127.0.0.1:<port>`. */
  url: string;
  /** Kills the server with SIGKILL; resolves once it has exited. */
  kill(): Promise<void>;
  /** Starts it again on the same port and JetStream store; resolves once it accepts connections. */
  start(): Promise<void>;
  /** Stops it if it runs (SIGTERM, SIGKILL after 5 s): for clean-up. */
  stop(): Promise<void>;
}

/** The binary, and the folder and port of the server. */
export interface NatsServerOptions {
  /** Path of `nats-server`, e.g. `/usr/sbin/nats-server`. */
  binary: string;
  /** Folder of the run; the JetStream store and the log go under `<dir>/nats`. */
  dir: string;
  port: number;
}

/**
 * Starts `nats-server -js -a 127.0.0.1 -p <port> -sd <dir>/nats/store` as a child process (its
 * output appended to `<dir>/nats/server.log`) and waits until it accepts connections.
 *
 * @throws when it exits or does not accept connections within 20 s
 */
export async function startNatsServer(options: NatsServerOptions): Promise<NatsServer> {
  const home = join(options.dir, 'nats');
  mkdirSync(home, { recursive: true });
  const log = createWriteStream(join(home, 'server.log'), { flags: 'a' });
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  const start = async () => {
    const current = spawn(options.binary, ['-js', '-a', '127.0.0.1', '-p', String(options.port), '-sd', join(home, 'store')], { stdio: ['ignore', 'pipe', 'pipe'] });
    current.stdout!.pipe(log, { end: false });
    current.stderr!.pipe(log, { end: false });
    child = current;
    exited = new Promise((resolve) => current.once('close', () => resolve()));
    let gone = false;
    void exited.then(() => {
      gone = true;
    });
    await waitUntil(`nats-server on port ${options.port}`, async () => {
      if (gone) throw new Error(`nats-server exited (see ${join(home, 'server.log')})`);
      return portAccepts(options.port);
    }, 20_000);
    if (gone) throw new Error(`nats-server exited at start (see ${join(home, 'server.log')})`);
  };
  const signal = async (name: NodeJS.Signals, forceAfterMs?: number) => {
    const current = child;
    if (!current || current.exitCode !== null || current.signalCode !== null) return;
    current.kill(name);
    const force = forceAfterMs === undefined ? undefined : setTimeout(() => current.kill('SIGKILL'), forceAfterMs);
    await exited;
    clearTimeout(force);
  };
  await start();
  return {
    port: options.port,
    url: `nats://127.0.0.1:${options.port}`,
    kill: () => signal('SIGKILL'),
    start,
    async stop() {
      await signal('SIGTERM', 5000);
      log.end();
    },
  };
}
