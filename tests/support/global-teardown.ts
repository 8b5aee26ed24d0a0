import { connectNats } from '../../lib/nats';
import { deleteStreams, natsUrl, runNatsPrefix } from './nats';

/** Jest global teardown: deletes the NATS streams this test run created (its prefix only). */
export default async function globalTeardown(): Promise<void> {
  const nc = await connectNats(natsUrl(), 'test-teardown');
  try {
    await deleteStreams(nc, runNatsPrefix());
  } finally {
    await nc.close();
  }
}
