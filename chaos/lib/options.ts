import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ConfigError } from '../../lib/config';

const positive = (fallback: number) => z.coerce.number().positive().default(fallback);
const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const schema = z.object({
  CHAOS_JOBS: positiveInt(10_000),
  CHAOS_RATE: positive(10),
  CHAOS_DEADLINE: positive(900),
  CHAOS_KILL_INTERVAL_MS: positiveInt(2_000),
  CHAOS_OUTAGE_MS: positiveInt(3_000),
  CHAOS_ACHIEVEMENT_EVERY: positiveInt(5),
  CHAOS_ENGAGEMENT_RATE: z.coerce.number().positive().optional(),
  CHAOS_NATS_SERVER: z.string().min(1).default('/usr/sbin/nats-server'),
  CHAOS_PG_BIN: z.string().min(1).default('/usr/lib/postgresql/15/bin'),
  CHAOS_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CHAOS_KEEP: z.enum(['0', '1', 'true', 'false', '']).default('').transform((v) => v === '1' || v === 'true'),
});

/** Everything a chaos run is told; times in ms unless named otherwise. */
export interface ChaosOptions {
  /** Generation jobs to submit (`CHAOS_JOBS`, `--jobs`; 10,000). */
  jobs: number;
  /** Jobs submitted per second (`CHAOS_RATE`, `--rate`; 10). */
  ratePerSecond: number;
  /** Seconds allowed, after the last submission, for the platform to converge (`CHAOS_DEADLINE`, `--deadline`; 900). */
  deadlineSeconds: number;
  /** The content worker is SIGKILLed this long after each time it is up (`CHAOS_KILL_INTERVAL_MS`; 2000). */
  contentKillIntervalMs: number;
  /** How long NATS and Postgres stay down when restarted (`CHAOS_OUTAGE_MS`; 3000). */
  outageMs: number;
  /** One achievement per this many jobs (`CHAOS_ACHIEVEMENT_EVERY`; 5). */
  achievementEvery: number;
  /** `recordEngagement` calls per second at most (`CHAOS_ENGAGEMENT_RATE`; 3 x the job rate: two writes per post, with room to catch up). */
  engagementPerSecond: number;
  /** `nats-server` binary (`CHAOS_NATS_SERVER`; `/usr/sbin/nats-server`). */
  natsServerBinary: string;
  /** Folder of `initdb` and `pg_ctl` (`CHAOS_PG_BIN`; `/usr/lib/postgresql/15/bin`). */
  postgresBinDir: string;
  /** `LOG_LEVEL` of the platform's services, whose output goes to the run folder (`CHAOS_LOG_LEVEL`; info). */
  serviceLogLevel: string;
  /** Keep the run folder (data, logs) instead of deleting it (`CHAOS_KEEP=1`, `--keep`). */
  keep: boolean;
}

/**
 * Parses the chaos options from the environment and the command line (flags win):
 * `--jobs <n>`, `--rate <jobs/s>`, `--deadline <s>`, `--keep`.
 *
 * @throws {ConfigError} listing every invalid value
 * @example parseChaosOptions({ CHAOS_JOBS: '200' }, ['--rate', '4'])
 */
export function parseChaosOptions(env: NodeJS.ProcessEnv, argv: string[]): ChaosOptions {
  const { values } = parseArgs({
    args: argv,
    options: { jobs: { type: 'string' }, rate: { type: 'string' }, deadline: { type: 'string' }, keep: { type: 'boolean' } },
    strict: true,
  });
  const merged = {
    ...env,
    ...(values.jobs !== undefined ? { CHAOS_JOBS: values.jobs } : {}),
    ...(values.rate !== undefined ? { CHAOS_RATE: values.rate } : {}),
    ...(values.deadline !== undefined ? { CHAOS_DEADLINE: values.deadline } : {}),
    ...(values.keep ? { CHAOS_KEEP: '1' } : {}),
  };
  const parsed = schema.safeParse(merged);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  const c = parsed.data;
  return {
    jobs: c.CHAOS_JOBS,
    ratePerSecond: c.CHAOS_RATE,
    deadlineSeconds: c.CHAOS_DEADLINE,
    contentKillIntervalMs: c.CHAOS_KILL_INTERVAL_MS,
    outageMs: c.CHAOS_OUTAGE_MS,
    achievementEvery: c.CHAOS_ACHIEVEMENT_EVERY,
    engagementPerSecond: c.CHAOS_ENGAGEMENT_RATE ?? c.CHAOS_RATE * 3,
    natsServerBinary: c.CHAOS_NATS_SERVER,
    postgresBinDir: c.CHAOS_PG_BIN,
    serviceLogLevel: c.CHAOS_LOG_LEVEL,
    keep: c.CHAOS_KEEP,
  };
}
