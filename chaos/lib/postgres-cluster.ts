import { execFile, execFileSync } from 'node:child_process';
import { chownSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { portAccepts, waitUntil } from './wait';

const run = promisify(execFile);

/** Name of the database the platform uses inside the chaos cluster. */
export const CHAOS_DATABASE = 'chaos';

/** A Postgres cluster of the chaos suite's own (never the machine's shared server). */
export interface PostgresCluster {
  port: number;
  /** `postgres://postgres@127.0.0.1:<port>/chaos` (trust authentication). */
  url: string;
  /** Crashes the server (`pg_ctl stop -m immediate`: every backend ends at once, no checkpoint). */
  crash(): Promise<void>;
  /** Starts it again on the same port and data folder (crash recovery runs); resolves once it accepts connections. */
  start(): Promise<void>;
  /** Stops it if it runs (immediate mode; errors ignored): for clean-up. */
  stop(): Promise<void>;
}

/** Where the Postgres binaries are, and the folder and port of the cluster. */
export interface PostgresClusterOptions {
  /** Folder holding `initdb`, `pg_ctl` and `postgres`, e.g. `/usr/lib/postgresql/15/bin`. */
  binDir: string;
  /** Empty folder of the run; the cluster's data, socket and log go under `<dir>/postgres`. */
  dir: string;
  port: number;
}

/** Runs a Postgres binary as the `postgres` OS user when this process is root (Postgres refuses root). */
async function runPostgresTool(binary: string, args: string[]): Promise<void> {
  if (process.getuid?.() === 0) await run('runuser', ['-u', 'postgres', '--', binary, ...args]);
  else await run(binary, args);
}

/** Gives `path` to the `postgres` OS user when this process is root. */
function giveToPostgres(path: string): void {
  if (process.getuid?.() !== 0) return;
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  chownSync(path, uid, gid);
}

/**
 * Creates a throw-away cluster (`initdb`, trust authentication, UTF-8) under `<dir>/postgres`,
 * starts it with `pg_ctl` on 127.0.0.1:`port` (socket in the same folder) and creates the
 * database {@link CHAOS_DATABASE}. Run as root, every Postgres binary runs as the `postgres` user.
 *
 * @throws when `initdb` or the start fails (the output of the failing command is in the message),
 *   or when the server does not accept connections within 30 s
 */
export async function createPostgresCluster(options: PostgresClusterOptions): Promise<PostgresCluster> {
  const home = join(options.dir, 'postgres');
  mkdirSync(home, { recursive: true });
  giveToPostgres(home);
  const dataDir = join(home, 'data');
  const bin = (name: string) => join(options.binDir, name);
  await runPostgresTool(bin('initdb'), ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
  const serverUrl = `postgres://postgres@127.0.0.1:${options.port}/postgres`;
  const serverOptions = `-p ${options.port} -k ${home} -c listen_addresses=127.0.0.1 -c max_connections=300`;
  const start = async () => {
    await runPostgresTool(bin('pg_ctl'), ['-D', dataDir, '-o', serverOptions, '-l', join(home, 'server.log'), '-w', '-t', '60', 'start']);
    await waitUntil(`Postgres on port ${options.port}`, () => portAccepts(options.port), 30_000);
  };
  const stop = () => runPostgresTool(bin('pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
  await start();
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`create database ${CHAOS_DATABASE}`);
  } finally {
    await client.end();
  }
  return {
    port: options.port,
    url: `postgres://postgres@127.0.0.1:${options.port}/${CHAOS_DATABASE}`,
    crash: stop,
    start,
    stop: () => stop().catch(() => undefined),
  };
}
