import { join } from 'node:path';
import { LineTail } from '../../scripts/lib/child-output';
import { REPOSITORY_ROOT } from '../../scripts/lib/paths';
import { spawnService } from '../../scripts/lib/service-process';
import type { ServiceProcess } from '../../scripts/lib/service-process';
import type { ReadyMessage } from '../../lib/server/entry-point';

/** A service running as its own process (`node --import tsx <entry>`), as `npm start` runs it. */
export interface SpawnedService {
  name: string;
  /** What it reported once started: its GraphQL URL and ports. */
  ready: ReadyMessage;
  process: ServiceProcess;
  /** Its last output lines, to explain a failure. */
  tail: LineTail;
}

/** Which service to start: `gateway`, or a subgraph's server or worker. */
export type ServiceRole = { gateway: true } | { subgraph: 'content' | 'achievements' | 'experiments' | 'emotion'; worker?: boolean };

const STOP_GRACE_MS = 20_000;

function entryOf(role: ServiceRole): { name: string; entry: string; args: string[] } {
  if ('gateway' in role) return { name: 'gateway', entry: join(REPOSITORY_ROOT, 'gateway', 'src', 'main.ts'), args: [] };
  const entry = join(REPOSITORY_ROOT, 'subgraphs', role.subgraph, 'src', 'main.ts');
  return role.worker ? { name: `${role.subgraph}-worker`, entry, args: ['worker'] } : { name: role.subgraph, entry, args: [] };
}

/**
 * Starts one service as a real process with the complete environment `env` and waits for its
 * ready message (IPC, see `runEntryPoint`).
 *
 * @throws when it exits first (with its last output lines) or is not ready within `timeoutMs`
 */
export async function spawnReadyService(role: ServiceRole, env: NodeJS.ProcessEnv, timeoutMs = 120_000): Promise<SpawnedService> {
  const { name, entry, args } = entryOf(role);
  const tail = new LineTail(40);
  let onReady!: (message: ReadyMessage) => void;
  const ready = new Promise<ReadyMessage>((resolve) => (onReady = resolve));
  const child = spawnService({ name, entry, args, env }, { cwd: REPOSITORY_ROOT, prefix: '', output: { write: () => undefined }, tail, onReady });
  let timer: NodeJS.Timeout | undefined;
  const failed = Promise.race([
    child.closed.then(({ code, signal }) => `exited (code ${code}, signal ${signal})`),
    new Promise<string>((resolve) => (timer = setTimeout(() => resolve(`not ready within ${timeoutMs} ms`), timeoutMs))),
  ]);
  try {
    const first = await Promise.race([ready, failed]);
    if (typeof first === 'string') {
      child.child.kill('SIGKILL');
      throw new Error(`${name} ${first}:\n${tail.get().join('\n')}`);
    }
    return { name, ready: first, process: child, tail };
  } finally {
    clearTimeout(timer);
  }
}

/** Stops a spawned service gracefully (SIGTERM: it drains and exports its last spans), killing it after 20 s. */
export async function stopService(service: SpawnedService | undefined): Promise<void> {
  if (!service) return;
  const { child, closed } = service.process;
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  await closed;
  clearTimeout(timer);
}
