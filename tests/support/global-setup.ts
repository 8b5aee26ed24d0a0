import { randomBytes } from 'node:crypto';

/** Jest global setup: one id per test run, the root of every NATS prefix of the run. */
export default function globalSetup(): void {
  process.env.TEST_RUN_ID = randomBytes(3).toString('hex');
}
