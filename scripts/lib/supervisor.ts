import type { ChildProcess } from 'node:child_process';
import type { Logger } from '../../lib/logger';
import type { ReadyMessage } from '../../lib/server/entry-point';
import { LineTail, linePrefix } from './child-output';
import { DEFAULT_RESTART_BACKOFF, nextRestartDelay } from './restart-backoff';
import type { RestartBackoff } from './restart-backoff';
import { spawnService } from './service-process';
import type { LineOutput, ServiceSpec } from './service-process';

/** Options of {@link Supervisor}. */
export interface SupervisorOptions {
  /** The supervisor's own logger. */
  logger: Logger;
  /** Working directory of the children (the repository root). */
  cwd: string;
  /**
   * Where the children's prefixed lines are written (`process.stdout` by default); give it the
   * logger's own destination so both share one ordered writer.
   */
  output?: LineOutput;
  /** Rewrites each child line before it is written (e.g. `prettyLineFormatter()`). */
  formatLine?: (line: string) => string;
  /** How long `start()` waits for every service's ready message, in ms (120 s by default). */
  readyTimeoutMs?: number;
  /** How long `stop()` waits after SIGTERM before it sends SIGKILL, in ms (15 s by default). */
  stopTimeoutMs?: number;
  /** Delays between restarts of a crashed service. */
  backoff?: RestartBackoff;
  /** Lines of a service's output kept to explain a failure (20 by default). */
  tailLines?: number;
}

/** Thrown by {@link Supervisor.start} when a service exits or stays silent before it is ready. */
export class ServiceStartError extends Error {
  override readonly name = 'ServiceStartError';
  /**
   * @param service the service that did not start
   * @param lastLines its last output lines, oldest first
   */
  constructor(
    message: string,
    readonly service: string,
    readonly lastLines: string[],
  ) {
    super(message);
  }
}

interface Supervised {
  spec: ServiceSpec;
  child: ChildProcess | null;
  /** Resolves when the current child has exited and its output is flushed. */
  closed: Promise<void>;
  startedAt: number;
  runs: number;
  ready: ReadyMessage | null;
  previousDelayMs: number | null;
  restartTimer: NodeJS.Timeout | null;
  tail: LineTail;
}

type Phase = 'idle' | 'starting' | 'running' | 'stopping';

const isAlive = (child: ChildProcess | null): child is ChildProcess => child !== null && child.exitCode === null && child.signalCode === null;

/**
 * Runs services as child processes (`node --import tsx <entry>`, so the child's pid is the
 * service itself): forwards their output line by line with a padded name prefix, waits for
 * their ready messages, restarts a crashed one with exponential backoff, and stops them all
 * with SIGTERM then, after a grace period, SIGKILL.
 *
 * Children are spawned in their own process group (a terminal's Ctrl-C reaches the supervisor
 * only, which stops them in order) with an IPC channel; an entry point shuts itself down when
 * that channel closes, so children never outlive a killed supervisor.
 *
 * Log lines of the supervisor (documented behaviour, e.g. for tests and tooling):
 * `service started` `{ child, pid, run }` at every spawn, `service ready` `{ child, pid, url?,
 * port?, adminPort? }`, `service exited unexpectedly` `{ child, pid, code, signal, restartInMs }`
 * and `service stopped` `{ child, pid, code, signal }`.
 *
 * @example
 * const supervisor = new Supervisor(plan.services, { logger, cwd: REPOSITORY_ROOT });
 * await supervisor.start();
 * process.once('SIGTERM', () => void supervisor.stop().then(() => process.exit(0)));
 */
export class Supervisor {
  private readonly services: Supervised[];
  private readonly output: LineOutput;
  private readonly width: number;
  private phase: Phase = 'idle';
  private stopped: Promise<void> | null = null;
  private startup: { resolve: (ready: ReadyMessage[]) => void; reject: (err: Error) => void; timer: NodeJS.Timeout } | null = null;

  /** @param specs the services, spawned in this order */
  constructor(
    specs: ServiceSpec[],
    private readonly options: SupervisorOptions,
  ) {
    this.output = options.output ?? process.stdout;
    this.width = Math.max(0, ...specs.map((spec) => spec.name.length));
    this.services = specs.map((spec) => ({
      spec,
      child: null,
      closed: Promise.resolve(),
      startedAt: 0,
      runs: 0,
      ready: null,
      previousDelayMs: null,
      restartTimer: null,
      tail: new LineTail(options.tailLines ?? 20),
    }));
  }

  /**
   * Spawns every service and resolves once each one has sent its ready message.
   *
   * @returns the ready messages, in the order of the specs
   * @throws {ServiceStartError} naming the first service that exited before it was ready, or
   *   every service still silent after `readyTimeoutMs`, with its last output lines; the caller
   *   then calls `stop()` to end the others
   * @throws {Error} when `stop()` was called before every service was ready
   */
  async start(): Promise<ReadyMessage[]> {
    if (this.phase !== 'idle') throw new Error('the supervisor was already started');
    this.phase = 'starting';
    const timeoutMs = this.options.readyTimeoutMs ?? 120_000;
    const ready = new Promise<ReadyMessage[]>((resolve, reject) => {
      const timer = setTimeout(() => {
        const silent = this.services.filter((s) => !s.ready);
        const lines = silent.flatMap((s) => s.tail.get().map((line) => `${linePrefix(s.spec.name, this.width)}${line}`));
        const names = silent.map((s) => s.spec.name).join(', ');
        this.failStartup(new ServiceStartError(`${names} did not report ready within ${Math.round(timeoutMs / 1000)} s`, silent[0]?.spec.name ?? '', lines));
      }, timeoutMs);
      this.startup = { resolve, reject, timer };
    });
    for (const service of this.services) this.spawn(service);
    return ready;
  }

  /**
   * Stops every service: no more restarts, SIGTERM to each running child, SIGKILL to those still
   * alive after `stopTimeoutMs`. Calling it again returns the same promise.
   *
   * @returns once every child has exited
   */
  stop(): Promise<void> {
    this.stopped ??= this.stopAll();
    return this.stopped;
  }

  /** Sends SIGKILL to every child still alive, at once (a second Ctrl-C, or the process exiting). */
  kill(): void {
    for (const service of this.services) {
      if (isAlive(service.child)) service.child.kill('SIGKILL');
    }
  }

  /** Pids of the children currently alive, by service name. */
  pids(): Record<string, number> {
    return Object.fromEntries(this.services.filter((s) => isAlive(s.child) && s.child?.pid).map((s) => [s.spec.name, s.child!.pid!]));
  }

  private async stopAll(): Promise<void> {
    this.phase = 'stopping';
    this.failStartup(new Error('stopped before every service was ready'));
    for (const service of this.services) {
      if (service.restartTimer) clearTimeout(service.restartTimer);
      service.restartTimer = null;
      if (isAlive(service.child)) service.child.kill('SIGTERM');
    }
    const stopTimeoutMs = this.options.stopTimeoutMs ?? 15_000;
    const force = setTimeout(() => {
      const stuck = this.services.filter((s) => isAlive(s.child));
      this.options.logger.warn({ children: stuck.map((s) => s.spec.name), afterMs: stopTimeoutMs }, 'services still running, sending SIGKILL');
      this.kill();
    }, stopTimeoutMs);
    await Promise.all(this.services.map((s) => s.closed));
    clearTimeout(force);
  }

  private spawn(service: Supervised): void {
    const { name } = service.spec;
    const { child, closed } = spawnService(service.spec, {
      cwd: this.options.cwd,
      prefix: linePrefix(name, this.width),
      output: this.output,
      formatLine: this.options.formatLine,
      tail: service.tail,
      onReady: (message) => {
        if (service.child === child) this.onReady(service, message);
      },
    });
    service.child = child;
    service.ready = null;
    service.startedAt = Date.now();
    service.runs += 1;
    service.closed = closed.then(({ code, signal }) => this.onClose(service, child, code, signal));
    this.options.logger.info({ child: name, pid: child.pid, run: service.runs }, 'service started');
  }

  private onReady(service: Supervised, message: ReadyMessage): void {
    service.ready = message;
    const { url, port, adminPort } = message;
    this.options.logger.info({ child: service.spec.name, pid: service.child?.pid, url, port, adminPort }, 'service ready');
    const all = this.services.map((s) => s.ready).filter((m): m is ReadyMessage => m !== null);
    if (this.phase === 'starting' && all.length === this.services.length) {
      this.phase = 'running';
      const startup = this.startup;
      this.startup = null;
      if (startup) {
        clearTimeout(startup.timer);
        startup.resolve(all);
      }
    }
  }

  private onClose(service: Supervised, child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (service.child !== child) return;
    const name = service.spec.name;
    const wasReady = service.ready !== null;
    service.ready = null;
    if (this.phase === 'stopping') {
      this.options.logger.info({ child: name, pid: child.pid, code, signal }, 'service stopped');
      return;
    }
    if (this.phase === 'starting' && !wasReady) {
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      this.failStartup(new ServiceStartError(`${name} ${how} before it was ready`, name, service.tail.get().map((line) => `${linePrefix(name, this.width)}${line}`)));
      return;
    }
    const delay = nextRestartDelay(service.previousDelayMs, Date.now() - service.startedAt, this.options.backoff ?? DEFAULT_RESTART_BACKOFF);
    service.previousDelayMs = delay;
    this.options.logger.error({ child: name, pid: child.pid, code, signal, restartInMs: delay }, 'service exited unexpectedly');
    service.restartTimer = setTimeout(() => {
      service.restartTimer = null;
      if (this.phase !== 'stopping') this.spawn(service);
    }, delay);
  }

  private failStartup(err: Error): void {
    const startup = this.startup;
    this.startup = null;
    if (!startup) return;
    clearTimeout(startup.timer);
    startup.reject(err);
  }
}
