import { cpus } from 'node:os';
import { cpuSecondsOf } from './process-sampler';

/** One of `npm start`'s processes, from its spawn to its ready message. */
export interface ServiceStartup {
  /** Its name in `npm start`, e.g. `content-worker`. */
  service: string;
  /** Seconds from `npm start`'s spawn to the supervisor spawning it. */
  startedAt: number;
  /** Seconds from `npm start`'s spawn to its ready message. */
  readyAt: number;
  /** CPU seconds the process used until then (`/proc`, read as its `service ready` line arrived); null when it could not be read. */
  cpuSeconds: number | null;
}

/** One phase of `npm start`, in order; the phases add up to the time to the banner. */
export interface StartupPhase {
  name: string;
  seconds: number;
  /** What happened in it, e.g. per schema. */
  detail: string;
}

/** Where `npm start`'s time to ready went. */
export interface StartupTimeline {
  phases: StartupPhase[];
  /** Its processes, by the time they were ready. */
  services: ServiceStartup[];
}

/** Follows one `npm start` as its lines arrive; `timeline()` puts them together. */
export interface StartupRecorder {
  /** Takes one output line as it arrives (npm's, the platform's, or a child's). */
  line(text: string): void;
  /** The phases from the spawn to `readyAt` (epoch ms: when the banner arrived). */
  timeline(readyAt: number): StartupTimeline;
}

/** A line of the platform's own logger (`LOG_FORMAT=json`): what the breakdown reads. */
interface PlatformLine {
  msg?: string;
  time?: string;
  service?: string;
  child?: string;
  pid?: number;
  schema?: string;
  applied?: string[];
  ms?: number;
}

const seconds = (from: number, to: number) => (to - from) / 1000;

/**
 * Records `npm start`'s time to ready from its own output (scripts/start.ts, with
 * `LOG_FORMAT=json`): npm's `> tsx scripts/start.ts` line (its receipt time), and the platform's
 * JSON lines with their `time`: `preflight passed` `{ ms }`, `migrated` / `already up to date` per
 * schema, `dashboard built` `{ ms }`, the supervisor's `service started` / `service ready` per
 * process (the process's CPU time is read from `/proc` as its ready line arrives) and `seeded
 * personas and an active experiment`. Children's lines (prefixed with their name) are not read.
 * A phase whose line is missing is merged into the next one.
 *
 * @param spawnedAt epoch ms at which `npm start` was spawned
 */
export function recordStartup(spawnedAt: number): StartupRecorder {
  let npmRanScript: number | undefined;
  let preflight: { at: number; ms: number } | undefined;
  const migrations: Array<{ schema: string; at: number; applied: number }> = [];
  let dashboardBuilt: { at: number; ms: number } | undefined;
  let seededAt: number | undefined;
  const started = new Map<string, number>();
  const ready = new Map<string, { at: number; cpuSeconds: number | null }>();
  return {
    line(text) {
      if (text.startsWith('> tsx ')) npmRanScript ??= Date.now();
      if (!text.startsWith('{')) return;
      let parsed: PlatformLine;
      try {
        parsed = JSON.parse(text) as PlatformLine;
      } catch {
        return;
      }
      if (parsed.service !== 'platform' || !parsed.time) return;
      const at = Date.parse(parsed.time);
      if (parsed.msg === 'preflight passed') preflight = { at, ms: parsed.ms ?? 0 };
      if (parsed.msg === 'migrated' || parsed.msg === 'already up to date') migrations.push({ schema: parsed.schema ?? '?', at, applied: parsed.applied?.length ?? 0 });
      if (parsed.msg === 'dashboard built') dashboardBuilt = { at, ms: parsed.ms ?? 0 };
      if (parsed.msg === 'seeded personas and an active experiment') seededAt = at;
      if (parsed.msg === 'service started' && parsed.child && !started.has(parsed.child)) started.set(parsed.child, at);
      if (parsed.msg === 'service ready' && parsed.child && !ready.has(parsed.child)) {
        let cpuSeconds: number | null = null;
        try {
          cpuSeconds = parsed.pid ? cpuSecondsOf(parsed.pid) : null;
        } catch {
          // gone already
        }
        ready.set(parsed.child, { at, cpuSeconds });
      }
    },
    timeline(readyAt) {
      const services = [...ready.entries()]
        .map(([service, r]) => ({ service, startedAt: seconds(spawnedAt, started.get(service) ?? spawnedAt), readyAt: seconds(spawnedAt, r.at), cpuSeconds: r.cpuSeconds }))
        .sort((a, b) => a.readyAt - b.readyAt);
      const firstStarted = started.size ? Math.min(...started.values()) : undefined;
      const lastReady = ready.size ? Math.max(...[...ready.values()].map((r) => r.at)) : undefined;
      const lastMigration = migrations.at(-1)?.at;
      let previous = preflight?.at;
      const perSchema = migrations.map((m) => {
        const ms = previous === undefined ? null : m.at - previous;
        previous = m.at;
        return `${m.schema} ${ms === null ? '' : `${Math.round(ms)} ms`}${m.applied ? ` (${m.applied} applied)` : ''}`.trim();
      });
      const slowest = services.at(-1);
      const cpu = services.reduce((sum, s) => sum + (s.cpuSeconds ?? 0), 0);
      const marks: Array<{ name: string; at: number | undefined; detail: string }> = [
        { name: 'npm itself', at: npmRanScript, detail: 'until npm runs `tsx scripts/start.ts`' },
        { name: 'tsx, start.ts and its imports', at: preflight ? preflight.at - preflight.ms : undefined, detail: '' },
        { name: 'preflight', at: preflight?.at, detail: 'Postgres answers, NATS with JetStream answers' },
        { name: 'migrations', at: lastMigration, detail: `${perSchema.join(', ')}; the first also covers local auth and parsing the configuration` },
        { name: dashboardBuilt ? 'dashboard build' : 'dashboard check', at: firstStarted, detail: dashboardBuilt ? `built in ${dashboardBuilt.ms} ms` : 'the build is current (its inputs hashed)' },
        {
          name: 'services, spawned together, until the last is ready',
          at: lastReady,
          detail: `${services.length} processes; last: ${slowest ? `${slowest.service} at ${slowest.readyAt.toFixed(1)} s` : 'none'}; ${cpu.toFixed(1)} CPU s used together until ready, ${(cpu / cpus().length).toFixed(1)} s of all ${cpus().length} cores at the least`,
        },
        seededAt === undefined
          ? { name: 'seed check (already seeded) and the banner', at: readyAt, detail: 'one `personas` query through the gateway' }
          : { name: 'seeding and the banner', at: readyAt, detail: 'two personas and an active experiment through the gateway' },
      ];
      const phases: StartupPhase[] = [];
      let from = spawnedAt;
      let merged: string[] = [];
      for (const mark of marks) {
        if (mark.at === undefined) {
          merged.push(mark.name);
          continue;
        }
        phases.push({ name: [...merged, mark.name].join(' + '), seconds: seconds(from, mark.at), detail: mark.detail });
        from = mark.at;
        merged = [];
      }
      return { phases, services };
    },
  };
}
