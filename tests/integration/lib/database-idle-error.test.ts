import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { sql } from 'kysely';
import { createDatabase } from '../../../lib/db';
import { createTestDatabase } from '../../support/database';
import type { TestDatabase } from '../../support/database';
import { eventually } from '../../support/eventually';

describe('createDatabase', () => {
  let testDb: TestDatabase;

  beforeAll(async () => {
    testDb = await createTestDatabase();
  });

  afterAll(async () => {
    await testDb?.drop();
  });

  it('survives an idle connection terminated by Postgres, reports it, and reconnects', async () => {
    const errors: Error[] = [];
    const applicationName = `idle-error-${randomUUID().slice(0, 8)}`;
    const db = createDatabase({ url: testDb.url, max: 1, applicationName, onIdleError: (err) => errors.push(err) });
    try {
      await sql`select 1`.execute(db);
      const admin = new Client({ connectionString: testDb.url });
      await admin.connect();
      try {
        const terminated = await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1', [applicationName]);
        expect(terminated.rowCount).toBe(1);
      } finally {
        await admin.end();
      }
      await eventually(async () => (errors.length > 0 ? true : undefined), 5000);
      expect(errors[0]?.message).toMatch(/terminat/i);
      const { rows } = await sql<{ ok: number }>`select 1 as ok`.execute(db);
      expect(rows[0]?.ok).toBe(1);
    } finally {
      await db.destroy();
    }
  });
});

describe('createDatabase, a connection lost inside a transaction', () => {
  let testDb: TestDatabase;

  beforeAll(async () => {
    testDb = await createTestDatabase();
  });

  afterAll(async () => {
    await testDb?.drop();
  });

  it('fails that transaction (no crash of the process) and serves the next one on a new connection', async () => {
    const applicationName = `busy-error-${randomUUID().slice(0, 8)}`;
    const db = createDatabase({ url: testDb.url, max: 1, applicationName });
    try {
      const failed = db.transaction().execute(async (trx) => {
        await sql`select 1`.execute(trx);
        // Between two statements, as when a transaction awaits NATS: the server ends the connection.
        const admin = new Client({ connectionString: testDb.url });
        await admin.connect();
        try {
          await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1', [applicationName]);
        } finally {
          await admin.end();
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
        await sql`select 2`.execute(trx);
      });
      await expect(failed).rejects.toThrow();
      const { rows } = await sql<{ ok: number }>`select 3 as ok`.execute(db);
      expect(rows[0]?.ok).toBe(3);
    } finally {
      await db.destroy();
    }
  });
});
