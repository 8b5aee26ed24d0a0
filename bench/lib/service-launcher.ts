import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { isReadyMessage } from '../../lib/server/entry-point';
import type { ReadyMessage } from '../../lib/server/entry-point';
import { LineTail, forEachLine } from '../../scripts/lib/child-output';
import { REPOSITORY_ROOT } from '../../scripts/lib/paths';

/** One service the bench starts as its own process. */
export interface LaunchSpec {
  /** Name in errors, e.g. `gateway` or `content-worker`. */
  name: string;
  /** Entry point relative to the repository root, e.g. `gateway/src/main.ts`. */
  entry: string;
  args?: string[];
  /** The child's complete environment. */
  env: NodeJS.ProcessEnv;
  /** Node flags before the entry point, e.g. `--cpu-prof` (not allowed in `NODE_OPTIONS`). */
  nodeArgs?: string[];
  /** How long to wait for its ready message (ms, 60 s by default). */
  readyTimeoutMs?: number;
}

/** A request to a bench process over its IPC channel: a `type` and its fields. */
export interface IpcRequest {
  type: string;
  [field: string]: unknown;
}

/** A running service process. */
export interface LaunchedService {
  name: string;
  /** Pid of the service itself (`node --import tsx <entry>`): what `/proc/<pid>` samples. */
  pid: number;
  ready: ReadyMessage;
  /** Its last output lines (to explain a failure). */
  lastLines(): string[];
  /**
   * Sends `message` over the IPC channel and resolves with the first reply whose `type` is
   * `replyType` (within 10 s).
   */
  ask<R>(message: IpcRequest, replyType: string): Promise<R>;
  /** SIGTERM, then SIGKILL after `graceMs` (10 s by default); resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
}

/** Thrown when a service exits or stays silent before it is ready. */
export class LaunchError extends Error {
  override readonly name = 'LaunchError';
  constructor(message: string, readonly lastLines: string[]) {
    super(`${message}\n${lastLines.map((line) => `    ${line}`).join('\n')}`);
  }
}

/**
 * Starts a service as `npm start` does (`node --import tsx <entry>`, own process group, IPC
 * channel for its ready message: see scripts/lib/service-process.ts), with `nodeArgs` before the
 * entry, and waits for its ready message. Its output is kept (last 40 lines), not printed.
 *
 * @throws {LaunchError} with its last lines when it exits before it is ready or is not ready in time
 */
export async function launchService(spec: LaunchSpec): Promise<LaunchedService> {
  const tail = new LineTail(40);
  let onReady: (message: ReadyMessage) => void = () => undefined;
  const readyMessage = new Promise<ReadyMessage>((resolve) => {
    onReady = resolve;
  });
  const child = spawn(process.execPath, [...(spec.nodeArgs ?? []), '--import', 'tsx', join(REPOSITORY_ROOT, spec.entry), ...(spec.args ?? [])], {
    cwd: REPOSITORY_ROOT,
    env: spec.env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    detached: true,
  });
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('close', (code: number | null, signal: NodeJS.Signals | null) => resolve({ code, signal }));
  });
  child.on('error', (err) => tail.push(`[bench] ${err.message}`));
  child.on('message', (message) => {
    if (isReadyMessage(message)) onReady(message);
  });
  forEachLine(child.stdout!, (line) => tail.push(line));
  forEachLine(child.stderr!, (line) => tail.push(line));
  let exited = false;
  void closed.then(() => {
    exited = true;
  });
  const timeoutMs = spec.readyTimeoutMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    readyMessage,
    closed.then(({ code, signal }) => new LaunchError(`${spec.name} exited before it was ready (code ${code}, signal ${signal})`, tail.get())),
    new Promise<LaunchError>((resolve) => {
      timer = setTimeout(() => resolve(new LaunchError(`${spec.name} was not ready within ${timeoutMs / 1000} s`, tail.get())), timeoutMs);
    }),
  ]);
  clearTimeout(timer);
  const stop = async (graceMs = 10_000) => {
    if (exited) return;
    child.kill('SIGTERM');
    const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await closed;
    clearTimeout(force);
  };
  if (outcome instanceof LaunchError) {
    await stop(2000);
    throw outcome;
  }
  return {
    name: spec.name,
    pid: child.pid!,
    ready: outcome,
    lastLines: () => tail.get(),
    ask<R>(message: IpcRequest, replyType: string) {
      return new Promise<R>((resolve, reject) => {
        const timeout = setTimeout(() => {
          child.off('message', listener);
          reject(new Error(`${spec.name} did not answer ${message.type}`));
        }, 10_000);
        const listener = (reply: unknown) => {
          if ((reply as { type?: string } | null)?.type !== replyType) return;
          clearTimeout(timeout);
          child.off('message', listener);
          resolve(reply as R);
        };
        child.on('message', listener);
        child.send(message);
      });
    },
    stop,
  };
}
