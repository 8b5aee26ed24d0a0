import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { Client } from 'pg';
import { GATEWAY_CREDENTIAL_HEADER, SCOPES, signGatewayCredential, signUserToken } from '../../lib/auth';
import { DEFAULT_DATABASE_URL, DEFAULT_NATS_URL } from '../../lib/config';
import { connectNats } from '../../lib/nats';

/** Caller (`sub`) of every request the bench makes. */
export const BENCH_CALLER = 'bench';

/** One isolated deployment: its own database, NATS names and secrets, all thrown away by `dispose()`. */
export interface BenchEnvironment {
  /** URL of the throw-away database `b_<random>`. */
  databaseUrl: string;
  /** `NATS_PREFIX` of every service (streams, consumers and subjects of this run only). */
  natsPrefix: string;
  natsUrl: string;
  /** `AUTH_JWT_SECRET` (HS256, 43 characters). */
  authSecret: string;
  /** `SUBGRAPH_JWT_SECRET` (HS256, 43 characters). */
  subgraphSecret: string;
  /**
   * The environment every service is started with: the database, NATS names and secrets above,
   * `NODE_ENV=production`, `LOG_LEVEL=warn`, no Redis (rate limits in memory), Apollo telemetry off.
   */
  serviceEnv: NodeJS.ProcessEnv;
  /** A user token for `sub` {@link BENCH_CALLER} with every scope (`SCOPES`), valid 2 hours. */
  userToken: string;
  /**
   * Headers of a request made as the gateway to `subgraph` (a fresh gateway credential for
   * {@link BENCH_CALLER} with every scope; it expires after 60 s).
   */
  gatewayHeaders(subgraph: string): Promise<Record<string, string>>;
  /** Drops the database (forcing out connections) and deletes the run's NATS streams. */
  dispose(): Promise<void>;
}

const secret = () => randomBytes(32).toString('base64url');

/**
 * Creates a throw-away deployment on the local Postgres server of `DATABASE_URL` (default
 * `postgres://postgres@127.0.0.1:5432/test`) and NATS of `NATS_URL`, as the test suites do
 * (`tests/support/database.ts`), but named `b_<random>` / NATS prefix `bench<random>` so it is
 * never confused with a test run's.
 *
 * @throws when Postgres does not answer
 */
export async function createBenchEnvironment(base: NodeJS.ProcessEnv = process.env): Promise<BenchEnvironment> {
  const serverUrl = base.DATABASE_URL || DEFAULT_DATABASE_URL;
  const natsUrl = base.NATS_URL || DEFAULT_NATS_URL;
  const id = randomBytes(6).toString('hex');
  const name = `b_${id}`;
  await withClient(serverUrl, (client) => client.query(`create database ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const natsPrefix = `bench${id}`;
  const authSecret = secret();
  const subgraphSecret = secret();
  const userToken = await signUserToken(authSecret, { sub: BENCH_CALLER, scope: SCOPES.join(' '), expiresIn: '2h' });
  return {
    databaseUrl: url.toString(),
    natsPrefix,
    natsUrl,
    authSecret,
    subgraphSecret,
    userToken,
    serviceEnv: {
      PATH: base.PATH,
      HOME: base.HOME,
      DATABASE_URL: url.toString(),
      NATS_URL: natsUrl,
      NATS_PREFIX: natsPrefix,
      AUTH_JWT_SECRET: authSecret,
      SUBGRAPH_JWT_SECRET: subgraphSecret,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
      APOLLO_TELEMETRY_DISABLED: '1',
    },
    async gatewayHeaders(subgraph) {
      const token = await signGatewayCredential(subgraphSecret, subgraph, { sub: BENCH_CALLER, scopes: new Set(SCOPES) });
      return { [GATEWAY_CREDENTIAL_HEADER]: token };
    },
    async dispose() {
      await withClient(serverUrl, (client) => client.query(`drop database if exists ${name} with (force)`));
      await deleteStreams(natsUrl, natsPrefix);
    },
  };
}

async function withClient<T>(url: string, run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Deletes the JetStream streams (with their consumers) whose names start with `prefix`. */
export async function deleteStreams(natsUrl: string, prefix: string): Promise<void> {
  const nc = await connectNats(natsUrl, 'bench-cleanup');
  try {
    const jsm = await jetstreamManager(nc);
    for await (const stream of jsm.streams.names()) {
      if (stream.startsWith(prefix)) await jsm.streams.delete(stream).catch(() => undefined);
    }
  } finally {
    await nc.close();
  }
}

/** Runs one parameterised SQL query on `databaseUrl` (direct checks of what the services wrote). */
export async function queryRows<R extends Record<string, unknown>>(databaseUrl: string, text: string, values: unknown[] = []): Promise<R[]> {
  return withClient(databaseUrl, async (client) => (await client.query<R>(text, values)).rows);
}
