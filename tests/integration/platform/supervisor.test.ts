import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { jetstreamManager } from '@nats-io/jetstream';
import { SCOPES, signUserToken } from '../../../lib/auth';
import { connectNats } from '../../../lib/nats';
import { forEachLine } from '../../../scripts/lib/child-output';
import { createTestDatabase } from '../../support/database';
import type { TestDatabase } from '../../support/database';
import { eventually } from '../../support/eventually';
import { postGraphQL } from '../../support/graphql';
import { PORT_VARIABLES } from '../../support/subgraph-context';
import { TEST_NATS, natsUrl, testNatsEnv, uniqueDurable } from '../../support/nats';
import { REPOSITORY_ROOT } from '../../../scripts/lib/paths';

const EVENTS_STREAM = TEST_NATS.streams.events;

const START_TIMEOUT_MS = 180_000;
const TEST_SECRET = 'supervisor-test-secret-that-is-long-enough-0123456789';

/** A line the supervisor logged about itself (pino JSON, `service: platform`). */
interface SupervisorEvent {
  msg: string;
  child?: string;
  pid?: number;
  [key: string]: unknown;
}

/** `npm start` as a real process, on free ports over its own database. */
interface Platform {
  supervisor: ChildProcess;
  gatewayUrl: string;
  /** Every line it printed (its own logs, children's prefixed lines, the banner). */
  lines: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  database: TestDatabase;
  durables: string[];
}

/** Distinct free TCP ports: all are held open until every one is known, then released. */
async function freePorts(count: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    for (let i = 0; i < count; i += 1) {
      const server = createServer();
      servers.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => resolve());
      });
    }
    return servers.map((server) => (server.address() as { port: number }).port);
  } finally {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  }
}

function supervisorEvents(platform: Platform): SupervisorEvent[] {
  return platform.lines
    .filter((line) => line.startsWith('{') && line.includes('"service":"platform"'))
    .map((line) => JSON.parse(line) as SupervisorEvent);
}

/** Pids of every process the supervisor reported starting for `child` (all children when omitted), oldest first. */
function startedPids(platform: Platform, child?: string): number[] {
  return supervisorEvents(platform)
    .filter((event) => event.msg === 'service started' && (child === undefined || event.child === child))
    .map((event) => event.pid!)
    .filter((pid) => typeof pid === 'number');
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const EXITED = Symbol('exited');

/** Polls `probe` like `eventually`, failing at once (with the platform's last lines) if the supervisor exits first. */
async function whileRunning<T>(platform: Platform, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const { supervisor } = platform;
  const result = await eventually<T | typeof EXITED>(
    async () => (supervisor.exitCode !== null || supervisor.signalCode !== null ? EXITED : probe()),
    timeoutMs,
    250,
  ).catch((err: unknown) => {
    throw new Error(`${String(err)}; last lines of npm start:\n${platform.lines.slice(-30).join('\n')}`);
  });
  if (result === EXITED) {
    throw new Error(`npm start exited (code ${supervisor.exitCode}, signal ${supervisor.signalCode}):\n${platform.lines.slice(-30).join('\n')}`);
  }
  return result;
}

async function startPlatform(): Promise<Platform> {
  const database = await createTestDatabase();
  const ports = await freePorts(PORT_VARIABLES.length);
  const durables = [uniqueDurable('emotion-analyzer'), uniqueDurable('experiments-outcomes')];
  const { NODE_ENV: _jestNodeEnv, ...inherited } = process.env;
  const env: NodeJS.ProcessEnv = {
    ...inherited,
    ...Object.fromEntries(PORT_VARIABLES.map((name, i) => [name, String(ports[i])])),
    DATABASE_URL: database.url,
    ...testNatsEnv(),
    LOG_LEVEL: 'info',
    AUTH_JWT_SECRET: TEST_SECRET,
    SUBGRAPH_JWT_SECRET: `${TEST_SECRET}-subgraphs`,
    GATEWAY_HOST: '127.0.0.1',
    EMOTION_CONSUMER_DURABLE: durables[0],
    EXPERIMENTS_CONSUMER_DURABLE: durables[1],
  };
  const supervisor = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: REPOSITORY_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const lines: string[] = [];
  forEachLine(supervisor.stdout!, (line) => lines.push(line));
  forEachLine(supervisor.stderr!, (line) => lines.push(line));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    supervisor.once('close', (code: number | null, signal: NodeJS.Signals | null) => resolve({ code, signal })),
  );
  const gatewayPort = ports[PORT_VARIABLES.indexOf('GATEWAY_PORT')];
  const platform: Platform = { supervisor, gatewayUrl: `http://127.0.0.1:${gatewayPort}/graphql`, lines, exited, database, durables };
  try {
    await whileRunning(platform, async () => (lines.some((line) => line.includes('is up: GraphiQL at')) ? true : undefined), START_TIMEOUT_MS);
  } catch (err) {
    await stopPlatform(platform);
    throw err;
  }
  return platform;
}

/** Ends whatever is left of the platform (SIGKILL, also to every reported child) and drops its database and consumers. */
async function stopPlatform(platform: Platform | undefined): Promise<void> {
  if (!platform) return;
  const { supervisor } = platform;
  if (supervisor.exitCode === null && supervisor.signalCode === null && supervisor.pid) {
    process.kill(-supervisor.pid, 'SIGKILL');
    await platform.exited;
  }
  for (const pid of startedPids(platform)) {
    if (isRunning(pid)) process.kill(pid, 'SIGKILL');
  }
  await eventually(async () => (startedPids(platform).some(isRunning) ? undefined : true), 15_000, 100).catch(() => undefined);
  const nc = await connectNats(natsUrl(), 'supervisor-test');
  try {
    const jsm = await jetstreamManager(nc);
    for (const durable of platform.durables) await jsm.consumers.delete(EVENTS_STREAM, durable).catch(() => undefined);
  } finally {
    await nc.close();
  }
  await platform.database.drop();
}

/** `data` of a query that answered without errors, else undefined (for `eventually`). */
async function answered<T>(url: string, token: string, query: string): Promise<T | undefined> {
  const { data, errors } = await postGraphQL<T>(url, query, {}, { authorization: `Bearer ${token}` });
  return errors?.length || !data ? undefined : data;
}

describe('npm start (supervisor)', () => {
  let token: string;

  beforeAll(async () => {
    token = await signUserToken(TEST_SECRET, { sub: 'supervisor-test', scope: SCOPES.join(' '), expiresIn: '1h' });
  });

  describe('a running platform', () => {
    let platform: Platform | undefined;

    beforeAll(async () => {
      platform = await startPlatform();
    }, START_TIMEOUT_MS + 30_000);

    afterAll(async () => {
      await stopPlatform(platform);
    }, 60_000);

    it('answers a query through the gateway with the seeded personas', async () => {
      const { data, errors } = await postGraphQL<{ personas: Array<{ id: string; name: string }> }>(platform!.gatewayUrl, '{ personas { id name } }', {}, { authorization: `Bearer ${token}` });
      expect(errors).toBeUndefined();
      expect(data!.personas.map((p) => p.name).sort()).toEqual(['ai-elon', 'ai-jesus']);
    });

    it('keeps the other subgraphs answering while content is killed, and restarts content by itself', async () => {
      const p = platform!;
      const [contentPid] = startedPids(p, 'content').slice(-1);
      process.kill(contentPid!, 'SIGKILL');
      await whileRunning(
        p,
        async () => (supervisorEvents(p).some((e) => e.msg === 'service exited unexpectedly' && e.pid === contentPid && e.signal === 'SIGKILL') ? true : undefined),
        30_000,
      );

      const stats = await whileRunning(p, () => answered<{ achievementStats: { count: number } }>(p.gatewayUrl, token, '{ achievementStats { count } }'), 30_000);
      expect(stats.achievementStats.count).toBe(0);

      const { personas } = await whileRunning(p, () => answered<{ personas: Array<{ name: string }> }>(p.gatewayUrl, token, '{ personas { name } }'), START_TIMEOUT_MS);
      expect(personas.map((persona) => persona.name).sort()).toEqual(['ai-elon', 'ai-jesus']);
      const restarted = startedPids(p, 'content').slice(-1)[0];
      expect(restarted).not.toBe(contentPid);
      expect(isRunning(contentPid!)).toBe(false);
      expect(isRunning(restarted!)).toBe(true);
    }, START_TIMEOUT_MS + 60_000);
  });

  describe('shutdown', () => {
    let platform: Platform | undefined;

    beforeAll(async () => {
      platform = await startPlatform();
    }, START_TIMEOUT_MS + 30_000);

    afterAll(async () => {
      await stopPlatform(platform);
    }, 60_000);

    it('exits 0 on SIGINT and leaves none of its services running', async () => {
      const p = platform!;
      const pids = startedPids(p);
      expect(pids).toHaveLength(9);
      expect(pids.every(isRunning)).toBe(true);

      process.kill(p.supervisor.pid!, 'SIGINT');
      const { code, signal } = await p.exited;

      expect({ code, signal }).toEqual({ code: 0, signal: null });
      expect(pids.filter(isRunning)).toEqual([]);
    }, 60_000);
  });
});
