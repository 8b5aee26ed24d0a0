import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { isReadyMessage } from '../../lib/server/entry-point';
import type { ReadyMessage } from '../../lib/server/entry-point';
import { forEachLine } from './child-output';
import type { LineTail } from './child-output';

/** One service run as its own process. */
export interface ServiceSpec {
  /** Name in logs and line prefixes, e.g. `content-worker`. */
  name: string;
  /** Absolute path of its TypeScript entry point (one calling `runEntryPoint`). */
  entry: string;
  /** Arguments after the entry point (a subgraph's role: `worker`). */
  args?: string[];
  /** The child's complete environment. */
  env: NodeJS.ProcessEnv;
}

/** A sink of whole lines, e.g. `process.stdout` or a pino destination. */
export interface LineOutput {
  write(text: string): unknown;
}

/** Options of {@link spawnService}. */
export interface SpawnServiceOptions {
  /** Working directory of the child (the repository root). */
  cwd: string;
  /** Written before each of the child's lines, e.g. `content        | `. */
  prefix: string;
  output: LineOutput;
  /** Rewrites each line before it is written (e.g. JSON logs made readable); the tail keeps it raw. */
  formatLine?: (line: string) => string;
  /** Also receives each line (without the prefix), to explain a failure later. */
  tail: LineTail;
  /** Called with the child's {@link ReadyMessage} (other IPC messages are ignored). */
  onReady: (message: ReadyMessage) => void;
}

/** A spawned service process. */
export interface ServiceProcess {
  child: ChildProcess;
  /** Resolves once the process has exited and its output has been forwarded. */
  closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Spawns a service as `node --import tsx <entry>` (so the child's pid is the service itself and
 * signals reach it directly), in its own process group, with an IPC channel for its ready
 * message; forwards its stdout and stderr line by line, each line prefixed, in one write.
 *
 * Spawn failures (rare: the executable is `process.execPath`) are reported through `closed`
 * like an exit, with the `error` event's code in the child's output tail.
 */
export function spawnService(spec: ServiceSpec, options: SpawnServiceOptions): ServiceProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', spec.entry, ...(spec.args ?? [])], {
    cwd: options.cwd,
    env: spec.env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    detached: true,
  });
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('close', (code: number | null, signal: NodeJS.Signals | null) => resolve({ code, signal }));
  });
  const write = (line: string) => {
    options.tail.push(line);
    options.output.write(`${options.prefix}${options.formatLine ? options.formatLine(line) : line}\n`);
  };
  child.on('error', (err) => write(`[supervisor] ${err.message}`));
  child.on('message', (message) => {
    if (isReadyMessage(message)) options.onReady(message);
  });
  forEachLine(child.stdout!, write);
  forEachLine(child.stderr!, write);
  return { child, closed };
}
