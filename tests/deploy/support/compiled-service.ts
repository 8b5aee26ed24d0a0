import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { isReadyMessage } from '../../../lib/server/entry-point';

/** A compiled service started as the image starts it: `node <entry> <args...>`. */
export interface CompiledService {
  child: ChildProcess;
  /** Admin port from the service's ready message (`/healthz`, `/readyz`, `/metrics`). */
  adminPort: number;
  /** Stops it with SIGTERM and waits for its exit code. */
  stop(): Promise<number | null>;
}

/** How a compiled process ended: exit code and its output. */
export interface CompiledRun {
  code: number | null;
  output: string;
}

function collect(child: ChildProcess): () => string {
  const chunks: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  return () => chunks.join('');
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

/**
 * Starts `node <entry> ...args` with an IPC channel and waits for its ready message (sent by
 * `runEntryPoint` once the service serves).
 *
 * @throws {Error} with the process's output when it exits first or is not ready within `timeoutMs`
 */
export async function startCompiledService(entry: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs = 30_000): Promise<CompiledService> {
  const child = spawn(process.execPath, [entry, ...args], { env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  const output = collect(child);
  const exit = exited(child);
  const adminPort = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${args.join(' ')} not ready within ${timeoutMs} ms:\n${output()}`));
    }, timeoutMs);
    child.on('message', (message) => {
      if (isReadyMessage(message) && message.adminPort !== undefined) {
        clearTimeout(timer);
        resolve(message.adminPort);
      }
    });
    void exit.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${args.join(' ')} exited with ${code} before it was ready:\n${output()}`));
    });
  });
  return {
    child,
    adminPort,
    async stop() {
      child.kill('SIGTERM');
      return exit;
    },
  };
}

/** Runs `node <entry> ...args` to its end (e.g. `migrate`), killing it after `timeoutMs`. */
export async function runCompiled(entry: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<CompiledRun> {
  const child = spawn(process.execPath, [entry, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = collect(child);
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await exited(child);
  clearTimeout(timer);
  return { code, output: output() };
}
