import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';

/** A share of the active-backend samples. */
export interface SampleShare {
  /** What was sampled: a wait (`Lock/advisory`, `CPU`), or a process (`content-worker`). */
  name: string;
  samples: number;
  /** Share of every active-backend sample, %. */
  percent: number;
}

/** One statement as the backends ran it. */
export interface ActiveStatement {
  /** Normalised text ({@link normalizeStatement}); Postgres keeps the first 1,024 bytes of it. */
  statement: string;
  /** `application_name` of the backends (the service, e.g. `content-worker`), else its backend type. */
  application: string;
  /** Samples in which a backend ran it. */
  samples: number;
  /** Share of every active-backend sample, %. */
  percent: number;
  /** Its own samples by wait, largest first (`percent` of this statement's samples). */
  waits: SampleShare[];
}

/** What Postgres's backends of one database were doing while they were sampled. */
export interface PgActivityReport {
  /** Polls of `pg_stat_activity` made, over `seconds`, one every `intervalMs`. */
  polls: number;
  seconds: number;
  intervalMs: number;
  /** Active backends per poll, on average: how many statements ran at once. */
  meanActive: number;
  /** Polls that found no active backend, %. */
  idlePercent: number;
  /** Statements by share of the samples, largest first (`top` of them). */
  statements: ActiveStatement[];
  /** Every sample by wait (`wait_event_type/wait_event`, `CPU` when not waiting), largest first. */
  waits: SampleShare[];
  /** Every sample by process (`application_name`), largest first. */
  applications: SampleShare[];
}

/** A running sample of `pg_stat_activity`; `stop()` ends it and returns the report. */
export interface PgActivitySampler {
  /** @throws the first error of a poll (Postgres gone, permission) */
  stop(): Promise<PgActivityReport>;
}

/**
 * A statement's text made comparable across calls: whitespace collapsed, every parameter `$n`,
 * and lists of parameters or of parenthesised parameter lists (`in ($1, $2, $3)`, multi-row
 * `values`) folded to their first item and `...`.
 *
 * @example
 * normalizeStatement('select *\n  from t where id in ($1, $2, $3)'); // 'select * from t where id in ($n, ...)'
 */
export function normalizeStatement(sql: string): string {
  return sql
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\$\d+/g, '$n')
    .replace(/\$n(?: ?, ?\$n)+/g, '$n, ...')
    .replace(/\((\$n(?:, \.\.\.)?)\)(?: ?, ?\(\1\))+/g, '($1), ...');
}

/** What a sample of a backend records: which statement, which process, which wait. */
interface Tally {
  statement: string;
  application: string;
  samples: number;
  waits: Map<string, number>;
}

const ACTIVE_BACKENDS = `select query, application_name, backend_type, wait_event_type, wait_event
  from pg_stat_activity
 where datname = current_database() and state = 'active' and pid <> pg_backend_pid()`;

function ranked(counts: Map<string, number>, total: number): SampleShare[] {
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([name, samples]) => ({ name, samples, percent: total > 0 ? (100 * samples) / total : 0 }));
}

const add = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

/**
 * Samples the active backends of the database of `databaseUrl` every `intervalMs` from one
 * connection of its own (`pg_stat_activity`: no extension, nothing to restart): which statement
 * each runs, for which process, and what it waits on. A statement's share of the samples is its
 * share of the time backends spent on statements (what `pg_stat_statements` would give as total
 * time, here with the waits).
 *
 * @param top how many statements the report keeps
 */
export function samplePostgresActivity(databaseUrl: string, intervalMs = 50, top = 15): PgActivitySampler {
  const client = new Client({ connectionString: databaseUrl, application_name: 'bench-pg-activity' });
  const tallies = new Map<string, Tally>();
  const waits = new Map<string, number>();
  const applications = new Map<string, number>();
  let polls = 0;
  let idlePolls = 0;
  let samples = 0;
  let running = true;
  const startedAt = performance.now();
  const poll = async () => {
    await client.connect();
    while (running) {
      const next = performance.now() + intervalMs;
      const { rows } = await client.query<{ query: string; application_name: string; backend_type: string; wait_event_type: string | null; wait_event: string | null }>(ACTIVE_BACKENDS);
      polls += 1;
      if (rows.length === 0) idlePolls += 1;
      for (const row of rows) {
        const statement = normalizeStatement(row.query);
        const application = row.application_name || row.backend_type;
        const wait = row.wait_event_type ? `${row.wait_event_type}/${row.wait_event}` : 'CPU';
        const key = `${application}\0${statement}`;
        const tally = tallies.get(key) ?? { statement, application, samples: 0, waits: new Map<string, number>() };
        tally.samples += 1;
        add(tally.waits, wait);
        tallies.set(key, tally);
        add(waits, wait);
        add(applications, application);
        samples += 1;
      }
      await sleep(Math.max(0, next - performance.now()));
    }
  };
  const polling = poll().finally(() => client.end().catch(() => undefined));
  // A failure is reported by stop(); meanwhile it must not count as unhandled.
  polling.catch(() => undefined);
  return {
    async stop() {
      running = false;
      await polling;
      const seconds = (performance.now() - startedAt) / 1000;
      return {
        polls,
        seconds,
        intervalMs,
        meanActive: polls > 0 ? samples / polls : 0,
        idlePercent: polls > 0 ? (100 * idlePolls) / polls : 0,
        statements: [...tallies.values()]
          .sort((a, b) => b.samples - a.samples)
          .slice(0, top)
          .map((t) => ({ statement: t.statement, application: t.application, samples: t.samples, percent: samples > 0 ? (100 * t.samples) / samples : 0, waits: ranked(t.waits, t.samples) })),
        waits: ranked(waits, samples),
        applications: ranked(applications, samples),
      };
    },
  };
}
