import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPOSITORY_ROOT } from '../../scripts/lib/paths';
import { summarizeCpuProfile } from './cpu-profile';
import type { ProfileSummary, ProfileWindow } from './cpu-profile';
import type { IpcRequest, LaunchedService } from './service-launcher';

/** A profile as a report shows it: its summary, or why there is none. */
export interface CapturedProfile {
  /** The busiest thread over the measured window; null when no profile was written. */
  profile: ProfileSummary | null;
  /** The `.cpuprofile` (relative to the repository) and its thread, or why there is no profile. */
  note: string;
}

/**
 * A `--cpu-prof` capture of one process: start it with `nodeArgs`, call `start()` and `end()`
 * around the measured run, stop the process (V8 writes a profile per thread as it exits), then
 * `read()`.
 */
export interface CpuProfileCapture {
  /** `--cpu-prof --cpu-prof-dir=<its own folder, emptied>`: the Node flags of the process. */
  nodeArgs: string[];
  /** Marks the start of the measured run (now). */
  start(): void;
  /** Marks its end (now); without it the window runs to the process's exit. */
  end(): void;
  /**
   * Summarises the busiest thread's profile over the window; call it once the process has exited.
   * Never throws: a missing or unreadable profile is explained in the note.
   */
  read(): CapturedProfile;
}

const busyMs = (summary: ProfileSummary) => (summary.totalMs * (100 - summary.idlePercent)) / 100;

/**
 * Prepares a `--cpu-prof` capture into `dir` (created, or emptied: one process's profiles only).
 * The window is placed by the process's exit: `read()`, called right after the process has
 * exited, counts back from the profile's end (a few ms off at most).
 *
 * @example
 * const capture = captureCpuProfile(join(profileRoot, 'content-worker-jobs'));
 * const worker = await platform.startWorker('content', {}, capture.nodeArgs);
 * capture.start(); await run(); capture.end();
 * await worker.stop(30_000);
 * const { profile, note } = capture.read();
 */
export function captureCpuProfile(dir: string): CpuProfileCapture {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let startedAt: number | null = null;
  let endedAt: number | null = null;
  return {
    nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`],
    start() {
      startedAt = performance.now();
    },
    end() {
      endedAt = performance.now();
    },
    read() {
      const exitedAt = performance.now();
      const window: ProfileWindow | undefined =
        startedAt === null ? undefined : { fromMsBeforeEnd: exitedAt - startedAt, untilMsBeforeEnd: endedAt === null ? 0 : exitedAt - endedAt };
      let threads: Array<{ path: string; summary: ProfileSummary }>;
      try {
        // One profile per thread (tsx's loader hooks run on their own): the service's is the busiest.
        threads = readdirSync(dir)
          .filter((name) => name.endsWith('.cpuprofile'))
          .map((name) => ({ path: join(dir, name), summary: summarizeCpuProfile(join(dir, name), window) }))
          .sort((a, b) => busyMs(b.summary) - busyMs(a.summary));
      } catch (err) {
        return { profile: null, note: `the profile in ${relative(REPOSITORY_ROOT, dir)} could not be read: ${err instanceof Error ? err.message : String(err)}` };
      }
      const [busiest, ...others] = threads;
      if (!busiest) return { profile: null, note: `no profile was written in ${relative(REPOSITORY_ROOT, dir)} (the process did not exit by itself?)` };
      const rest = others.length ? `; the other ${others.length} thread(s) busy ${Math.round(others.reduce((sum, t) => sum + busyMs(t.summary), 0))} ms together` : '';
      return { profile: busiest.summary, note: `${relative(REPOSITORY_ROOT, busiest.path)} (the busiest of ${threads.length} threads${rest})` };
    },
  };
}

/**
 * Profiles a running bench process that answers `cpu-profile-start` / `cpu-profile-stop` over IPC
 * (bench/processes/counted-subgraph.ts: V8's profiler through `node:inspector`, main thread, 1 ms
 * sampling, as `--cpu-prof`), so exactly the run is sampled and the process keeps running.
 *
 * @param dir where the `.cpuprofile` is written (created, or emptied)
 * @returns a function that stops the profiler and summarises the profile
 * @throws when the process does not answer within 10 s, or its profiler fails
 */
export async function profileOverIpc(service: LaunchedService, dir: string): Promise<() => Promise<CapturedProfile>> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const ask = async (request: IpcRequest, reply: string) => {
    const { error } = await service.ask<{ error?: string }>(request, reply);
    if (error) throw new Error(`${service.name}: ${request.type} failed: ${error}`);
  };
  await ask({ type: 'cpu-profile-start' }, 'cpu-profile-started');
  return async () => {
    const path = join(dir, `${service.name}.cpuprofile`);
    await ask({ type: 'cpu-profile-stop', path }, 'cpu-profile-stopped');
    return { profile: summarizeCpuProfile(path), note: `${relative(REPOSITORY_ROOT, path)} (its main thread)` };
  };
}
