import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { REPOSITORY_ROOT } from '../../scripts/lib/paths';

/** What the report says about where it ran. */
export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  /** The commit the work tree is on (`git rev-parse --short HEAD`), `+ changes` when it has local changes. */
  commit: string;
  /** 1-minute load average when the bench started. */
  loadAtStart: number;
}

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: REPOSITORY_ROOT, encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

/** Reads the machine, Node and the commit (read-only git commands). */
export function describeMachine(): MachineInfo {
  const commit = git(['rev-parse', '--short', 'HEAD']) || 'unknown';
  const dirty = git(['status', '--porcelain', '--untracked-files=no']) !== '';
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    commit: dirty ? `${commit} + local changes` : commit,
    loadAtStart: loadavg()[0]!,
  };
}

/** The 1-minute load average now. */
export function currentLoad(): number {
  return loadavg()[0]!;
}
