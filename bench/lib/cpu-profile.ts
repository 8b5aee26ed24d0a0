import { readFileSync } from 'node:fs';

/** A V8 CPU profile as `node --cpu-prof` writes it (`.cpuprofile`). */
interface CpuProfile {
  startTime: number;
  endTime: number;
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }>;
  samples: number[];
  timeDeltas: number[];
}

/** Self time of one function, or of one code location group. */
export interface SelfTime {
  /** `function (file:line)`, or a group name. */
  name: string;
  /** Share of the busy time (every sample but `(idle)`), %. */
  percent: number;
  /** Milliseconds of self time. */
  ms: number;
}

/** A profile reduced to what a report shows. */
export interface ProfileSummary {
  /** Milliseconds sampled. */
  totalMs: number;
  /** Share of samples the thread was idle (`(idle)`), %. */
  idlePercent: number;
  /** Functions by self time, largest first. */
  functions: SelfTime[];
  /** Self time by package (`node_modules/<package>`), project directory or V8 category, largest first. */
  groups: SelfTime[];
}

/** Where a function's code lives: its package, a project folder, Node itself or a V8 category. */
export function codeGroup(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.startsWith('node:')) return 'node (core)';
  const project = /\/(gateway|lib|subgraphs|bench|scripts)\/(.*?)\/[^/]+$/.exec(url);
  return project ? `project: ${project[1]}/${project[2]}` : url;
}

function shortLocation(url: string, line: number): string {
  const modules = url.lastIndexOf('node_modules/');
  const path = modules >= 0 ? url.slice(modules + 'node_modules/'.length) : url.replace(/^file:\/\/.*?\/(gateway|lib|subgraphs|bench)\//, '$1/');
  return path ? `${path}:${line + 1}` : '';
}

/**
 * Reads a `.cpuprofile` and sums self time (the time a function was on top of the stack) by
 * function and by group ({@link codeGroup}), idle time left out.
 *
 * @param lastMs only the samples of the profile's last `lastMs` milliseconds (the measured window,
 *   not the process's start-up); all of them when omitted
 * @param top how many functions and groups to keep
 */
export function summarizeCpuProfile(path: string, lastMs?: number, top = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  const from = lastMs === undefined ? -Infinity : profile.endTime - lastMs * 1000;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (at >= from) selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
  });
  const totalUs = [...selfUs.values()].reduce((sum, v) => sum + v, 0);
  const functions = new Map<string, number>();
  const groups = new Map<string, number>();
  let idleUs = 0;
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === '(idle)') {
      idleUs += us;
      continue;
    }
    const name = `${functionName || '(anonymous)'}${url ? ` (${shortLocation(url, lineNumber)})` : ''}`;
    functions.set(name, (functions.get(name) ?? 0) + us);
    const group = codeGroup(url, functionName);
    groups.set(group, (groups.get(group) ?? 0) + us);
  }
  const busyUs = totalUs - idleUs;
  const ranked = (map: Map<string, number>) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: us / 1000, percent: busyUs > 0 ? (100 * us) / busyUs : 0 }));
  return { totalMs: totalUs / 1000, idlePercent: totalUs > 0 ? (100 * idleUs) / totalUs : 0, functions: ranked(functions), groups: ranked(groups) };
}
