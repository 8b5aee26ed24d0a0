import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DEFAULT_DATABASE_URL } from '../../lib/config';

/** A throw-away Postgres database of one test suite. */
export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** URL of the server's base database (`DATABASE_URL`, or the local default). */
export function baseDatabaseUrl(): string {
  return process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
}

/**
 * Creates an empty database `t_<random>` on the test server, so that suites never see each
 * other's rows; `drop()` removes it (forcing out leftover connections).
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = new Client({ connectionString: baseDatabaseUrl() });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseDatabaseUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new Client({ connectionString: baseDatabaseUrl() });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Runs one parameterised SQL query (`$1`...) on a suite's database: direct checks, not through a service. */
export async function queryRows<R extends Record<string, unknown>>(databaseUrl: string, text: string, values: unknown[] = []): Promise<R[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<R>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** Number of rows of `schema.table` in a suite's database. */
export async function countRows(databaseUrl: string, table: string): Promise<number> {
  const [row] = await queryRows<{ count: string }>(databaseUrl, `select count(*) from ${table}`);
  return Number(row?.count ?? 0);
}
