import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NatsConnection } from '@nats-io/nats-core';
import { freePorts } from '../../../bench/lib/free-port';
import { startNatsServer } from '../../../chaos/lib/nats-server';
import type { NatsServer } from '../../../chaos/lib/nats-server';
import { parseChaosOptions } from '../../../chaos/lib/options';
import { achievementCreatedData, eventTypes } from '../../../lib/events';
import type { AchievementCreatedData } from '../../../lib/events';
import { createCloudEvent } from '../../../lib/nats';
import type { CloudEvent } from '../../../lib/nats';

/** A `nats-server -js` of the suite's own (never the machine's shared one), with its store in a temporary folder. */
export interface PrivateNats {
  server: NatsServer;
  /** Stops the server and deletes its folder. */
  stop(): Promise<void>;
}

/**
 * Starts a private NATS server with JetStream on a free port (the chaos suite's helper, the
 * binary of `CHAOS_NATS_SERVER`, `/usr/sbin/nats-server` by default).
 *
 * @throws when it does not accept connections within 20 s
 */
export async function startPrivateNats(): Promise<PrivateNats> {
  const dir = mkdtempSync(join(tmpdir(), 'hub-nats-'));
  const [port] = await freePorts(1);
  const server = await startNatsServer({ binary: parseChaosOptions(process.env, []).natsServerBinary, dir, port: port! });
  return {
    server,
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Resolves at the next status of `type` (e.g. `disconnect`, `reconnect`) of a connection. */
export async function nextStatus(nc: NatsConnection, type: string): Promise<void> {
  for await (const status of nc.status()) {
    if (status.type === type) return;
  }
}

/** An `achievement.created` CloudEvent for a title (a new achievement id, the id of the event from it). */
export function achievementEvent(title: string): CloudEvent<AchievementCreatedData> {
  const achievementId = randomUUID();
  const data = achievementCreatedData.parse({ achievementId, title, description: '', category: 'TESTING', skills: [], impactScore: 10, businessValue: null, portfolioReady: false });
  return createCloudEvent({ id: `achievement-created-${achievementId}`, source: '/test', type: eventTypes.achievementCreated, subject: achievementId, data });
}

/** The `data.title` of an `achievement.created` message (what the tests name events by). */
export function titleOf(msg: { data: Uint8Array }): string {
  return (JSON.parse(Buffer.from(msg.data).toString('utf8')) as CloudEvent<AchievementCreatedData>).data.title;
}
