import { createServer, connect } from 'node:net';
import type { Server, Socket } from 'node:net';
import { loadAchievementsConfig } from '../../../subgraphs/achievements/src/config';
import { startAchievementsSubgraph } from '../../../subgraphs/achievements/src/server';
import type { RunningService } from '../../../lib/server';
import { asGateway } from '../../support/auth';
import { createTestDatabase } from '../../support/database';
import type { TestDatabase } from '../../support/database';
import { eventually } from '../../support/eventually';
import { postGraphQL } from '../../support/graphql';
import { testServiceEnv } from '../../support/subgraph-context';

/**
 * A TCP relay to the test Postgres that the test can cut and restore on the same port: Postgres
 * "going away" for one service, without touching the machine's shared server.
 */
class PostgresLink {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly target: URL) {}

  async up(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = connect(Number(this.target.port || 5432), this.target.hostname);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
  }

  async down(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
    this.server = null;
  }
}

const COUNT = '{ achievements { totalCount } }';

describe('a subgraph whose Postgres goes away and comes back', () => {
  let database: TestDatabase;
  let link: PostgresLink;
  let service: RunningService;

  beforeAll(async () => {
    database = await createTestDatabase();
    link = new PostgresLink(new URL(database.url));
    await link.up();
    const viaLink = new URL(database.url);
    viaLink.hostname = '127.0.0.1';
    viaLink.port = String(link.port);
    service = await startAchievementsSubgraph(loadAchievementsConfig(testServiceEnv(viaLink.toString())));
  });

  afterAll(async () => {
    await service?.stop();
    await link?.down();
    await database?.drop();
  });

  it('answers SUBGRAPH_UNAVAILABLE naming itself, reports not ready, and serves again by itself when Postgres returns', async () => {
    const headers = await asGateway('achievements');
    const ready = async () => (await fetch(`http://127.0.0.1:${service.adminPort}/readyz`)).status;
    expect((await postGraphQL(service.url, COUNT, {}, headers)).data).toEqual({ achievements: { totalCount: 0 } });

    await link.down();
    const response = await postGraphQL(service.url, COUNT, {}, headers);
    expect(response.errors?.[0]).toMatchObject({ message: 'achievements cannot reach its database; retry later', extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'achievements' } });
    expect(JSON.stringify(response.errors)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|terminated/);
    expect(await ready()).toBe(503);

    await link.up();
    await eventually(async () => ((await ready()) === 200 ? true : undefined));
    expect((await postGraphQL(service.url, COUNT, {}, headers)).data).toEqual({ achievements: { totalCount: 0 } });
  });
});
