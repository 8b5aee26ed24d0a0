import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { captureCpuProfile, profileOverIpc } from '../lib/cpu-profile-capture';
import type { CapturedProfile } from '../lib/cpu-profile-capture';
import { bearer } from '../lib/graphql-client';
import { runHttpLoad } from '../lib/http-load';
import type { HttpLoadResult, LoadVariant } from '../lib/http-load';
import { SUBGRAPH_NAMES } from '../lib/platform';
import type { Platform } from '../lib/platform';
import { sampleProcess } from '../lib/process-sampler';

/** How a profiled run of our gateway is made (the gateway scenario's own settings). */
export interface ProfileRunOptions {
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
  /** Root of the profiles (git-ignored); each run writes into a folder of its own there. */
  profileDir: string;
}

/** The content subgraph's profile during a distinct-variables run of our gateway. */
export interface SubgraphProfileRun extends CapturedProfile {
  /** RPS of the profiled run. */
  rps: number;
  /** CPU during the run, % of one core: `gateway` and each subgraph process by name. */
  cpuPercent: Record<string, number>;
}

/** Pause between the warm-up and the profiled run (ms): requests still in flight finish. */
const QUIET_MS = 1000;

/**
 * One more run of `variants` (after a warm-up) against a fresh process of our gateway under
 * `node --cpu-prof`; only the samples of that run are summarised (not the start-up or shutdown).
 * The profile is written to `<profileDir>/gateway-<label>/`.
 */
export async function profileOurGateway(platform: Platform, variants: LoadVariant[], label: string, options: ProfileRunOptions): Promise<CapturedProfile> {
  const capture = captureCpuProfile(join(options.profileDir, `gateway-${label}`));
  const service = await platform.startGateway({}, capture.nodeArgs);
  const load = { url: service.ready.url!, connections: options.connections, variants };
  try {
    if (options.warmupSeconds > 0) await runHttpLoad({ ...load, durationSeconds: options.warmupSeconds, headers: bearer(platform.env.userToken) });
    await sleep(QUIET_MS);
    capture.start();
    await runHttpLoad({ ...load, durationSeconds: options.durationSeconds, headers: bearer(platform.env.userToken) });
    capture.end();
  } finally {
    await service.stop(30_000);
  }
  return capture.read();
}

/**
 * One more run of `variants` (the distinct variables, after a warm-up) against a fresh process of
 * our gateway while the running content subgraph profiles itself over IPC (the process that
 * saturates in that run; see {@link profileOverIpc}); CPU of the gateway and of every subgraph
 * process is sampled meanwhile. The profile is written to `<profileDir>/content-subgraph-distinct/`.
 */
export async function profileContentSubgraph(platform: Platform, variants: LoadVariant[], options: ProfileRunOptions): Promise<SubgraphProfileRun> {
  const service = await platform.startGateway();
  const load = { url: service.ready.url!, connections: options.connections, variants };
  try {
    if (options.warmupSeconds > 0) await runHttpLoad({ ...load, durationSeconds: options.warmupSeconds, headers: bearer(platform.env.userToken) });
    await sleep(QUIET_MS);
    const stopProfile = await profileOverIpc(platform.subgraphs.content, join(options.profileDir, 'content-subgraph-distinct'));
    const samplers = [['gateway', sampleProcess(service.pid, 1000)] as const, ...SUBGRAPH_NAMES.map((name) => [name, sampleProcess(platform.subgraphs[name].pid, 1000)] as const)];
    let result: HttpLoadResult;
    try {
      result = await runHttpLoad({ ...load, durationSeconds: options.durationSeconds, headers: bearer(platform.env.userToken) });
    } catch (err) {
      await stopProfile().catch(() => undefined);
      throw err;
    }
    const cpuPercent = Object.fromEntries(samplers.map(([name, sampler]) => [name, sampler.stop().cpuPercent]));
    return { ...(await stopProfile()), rps: result.rps, cpuPercent };
  } finally {
    await service.stop();
  }
}
