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
  /** Functions by self time, largest first; a native or Node core function is told apart by the code that called it (`writev (via pg)`). */
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

/** Groups of code that runs on behalf of a caller: its time is told apart by the caller's group. */
const ON_BEHALF = new Set(['(native)', 'node (core)']);

/** `package/file.js:line`, or a project file without its line (tsx's output: the line is not the source's). */
function shortLocation(url: string, line: number): string {
  const modules = url.lastIndexOf('node_modules/');
  const path = modules >= 0 ? url.slice(modules + 'node_modules/'.length) : url.replace(/^file:\/\/.*?\/(gateway|lib|subgraphs|bench)\//, '$1/');
  if (!path) return '';
  return modules < 0 && path.endsWith('.ts') ? path : `${path}:${line + 1}`;
}

/**
 * The part of a profile to count, in milliseconds before the profile's end (the process's exit):
 * from `fromMsBeforeEnd` until `untilMsBeforeEnd` (0: to the end).
 */
export interface ProfileWindow {
  fromMsBeforeEnd: number;
  untilMsBeforeEnd: number;
}

/**
 * Reads a `.cpuprofile` and sums self time (the time a function was on top of the stack) by
 * function and by group ({@link codeGroup}), idle time left out.
 *
 * @param window only the samples of this window (the measured run, not the process's start-up
 *   or shutdown); all of them when omitted
 * @param top how many functions and groups to keep
 */
export function summarizeCpuProfile(path: string, window?: ProfileWindow, top = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map(profile.nodes.flatMap((node) => (node.children ?? []).map((child) => [child, node.id] as const)));
  const groupOf = (id: number) => codeGroup(byId.get(id)!.callFrame.url, byId.get(id)!.callFrame.functionName);
  /** The nearest caller's group that is a package or a project folder (who asked for the write, the hash...). */
  const callerGroup = (id: number): string | null => {
    for (let at = parentOf.get(id); at !== undefined; at = parentOf.get(at)) {
      const group = groupOf(at);
      if (!ON_BEHALF.has(group) && !group.startsWith('(')) return group;
    }
    return null;
  };
  const selfUs = new Map<number, number>();
  const from = window ? profile.endTime - window.fromMsBeforeEnd * 1000 : -Infinity;
  const until = window ? profile.endTime - window.untilMsBeforeEnd * 1000 : Infinity;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    // The first delta runs from the profiler's start, not from a sample (a second and more when started over the inspector).
    if (i > 0 && at >= from && at <= until) selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
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
    const group = codeGroup(url, functionName);
    const caller = ON_BEHALF.has(group) ? callerGroup(id) : null;
    const name = `${functionName || '(anonymous)'}${url ? ` (${shortLocation(url, lineNumber)})` : ''}${caller ? ` (via ${caller})` : ''}`;
    functions.set(name, (functions.get(name) ?? 0) + us);
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
