import { Client } from 'pg';
import { connectNats } from '../../lib/nats';

/**
 * Checks that Postgres and NATS (with JetStream) answer before anything starts.
 *
 * @returns one clear line per missing service with how to start it (empty when both answer)
 */
export async function preflight(databaseUrl: string, natsUrl: string): Promise<string[]> {
  const problems: string[] = [];
  const pg = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3000 });
  try {
    await pg.connect();
  } catch (err) {
    problems.push(
      `PostgreSQL does not answer at ${databaseUrl} (${(err as Error).message}). Start it (Debian: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start) or set DATABASE_URL.`,
    );
  } finally {
    await pg.end().catch(() => undefined);
  }
  try {
    const nc = await connectNats(natsUrl, 'preflight');
    try {
      const { jetstreamManager } = await import('@nats-io/jetstream');
      await jetstreamManager(nc);
    } catch (err) {
      problems.push(`NATS at ${natsUrl} has no JetStream (${(err as Error).message}). Start nats-server with -js.`);
    } finally {
      await nc.close();
    }
  } catch (err) {
    problems.push(
      `NATS does not answer at ${natsUrl} (${(err as Error).message}). Start it with JetStream: nats-server -js -a 127.0.0.1 -p 4222, or set NATS_URL.`,
    );
  }
  return problems;
}
