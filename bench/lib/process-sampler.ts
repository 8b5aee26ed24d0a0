import { readFileSync, readdirSync } from 'node:fs';

/** What a process used while it was sampled. */
export interface ProcessUsage {
  /** Highest resident set size seen (MiB). */
  peakRssMiB: number;
  /** CPU time (user + system) over wall time, in % of one core (200 % = both cores of this machine). */
  cpuPercent: number;
  /** CPU seconds used while sampled. */
  cpuSeconds: number;
}

/** Clock ticks per second of `/proc/<pid>/stat` (`getconf CLK_TCK`: 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** User + system CPU seconds of a process so far, from `/proc/<pid>/stat` (fields 14 and 15). */
export function cpuSecondsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** Resident set size of a process now (MiB), from `/proc/<pid>/status` `VmRSS`. */
export function rssMiBOf(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : 0;
}

/** A running sample of one process; `stop()` returns what it used meanwhile. */
export interface ProcessSampler {
  stop(): ProcessUsage;
}

/**
 * Samples a process's RSS every `intervalMs` (for its peak) and its CPU time at start and stop
 * (Linux `/proc`). A process that exits meanwhile keeps its last readings.
 */
export function sampleProcess(pid: number, intervalMs = 100): ProcessSampler {
  const startedAt = performance.now();
  const cpuAtStart = cpuSecondsOf(pid);
  let cpuLast = cpuAtStart;
  let peak = rssMiBOf(pid);
  const read = () => {
    try {
      peak = Math.max(peak, rssMiBOf(pid));
      cpuLast = cpuSecondsOf(pid);
    } catch {
      // the process is gone: keep the last readings
    }
  };
  const timer = setInterval(read, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      read();
      const seconds = (performance.now() - startedAt) / 1000;
      const cpuSeconds = cpuLast - cpuAtStart;
      return { peakRssMiB: peak, cpuSeconds, cpuPercent: seconds > 0 ? (100 * cpuSeconds) / seconds : 0 };
    },
  };
}

/** Busy and total jiffies of the whole machine, from the first line of `/proc/stat`. */
function machineTicks(): { busy: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = fields.reduce((sum, v) => sum + v, 0);
  return { busy: total - fields[3]! - fields[4]!, total };
}

/** A running sample of the whole machine's CPU; `stop()` returns its use in % of one core (200 % = two cores busy). */
export function sampleMachine(cores: number): { stop(): number } {
  const start = machineTicks();
  return {
    stop() {
      const end = machineTicks();
      const total = end.total - start.total;
      return total > 0 ? (100 * cores * (end.busy - start.busy)) / total : 0;
    },
  };
}

/** CPU seconds so far of every process whose command name is `name`, by pid. */
function cpuByPid(name: string): Map<number, number> {
  const result = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) === name) result.set(Number(entry), cpuSecondsOf(Number(entry)));
    } catch {
      // gone meanwhile
    }
  }
  return result;
}

/**
 * A running sample of every process named `name` (e.g. `postgres`: the server and its backends);
 * `stop()` returns their CPU together, % of one core. Processes that exit meanwhile are missed.
 */
export function sampleProcessesNamed(name: string): { stop(): number } {
  const startedAt = performance.now();
  const start = cpuByPid(name);
  return {
    stop() {
      let seconds = 0;
      for (const [pid, cpu] of cpuByPid(name)) seconds += cpu - (start.get(pid) ?? 0);
      const wall = (performance.now() - startedAt) / 1000;
      return wall > 0 ? (100 * seconds) / wall : 0;
    },
  };
}
