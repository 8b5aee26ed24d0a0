import { parseArgs } from 'node:util';
import { DEFAULT_NATS_URL, loadDotEnv } from '../lib/config';
import { connectNats, listDeadLetters, natsNames, replayDeadLetter } from '../lib/nats';

const USAGE = `usage: npm run dlq -- list [--consumer <durable>] [--limit <n>]
       npm run dlq -- replay <dlq sequence>...`;

/**
 * `npm run dlq`: the dead letters of this deployment (`NATS_URL`, `NATS_PREFIX`, from the
 * environment or `.env`). `list` prints one line a letter (DLQ sequence, time, consumer, original
 * subject, deliveries, error), oldest first; `replay <seq>...` sends each back to its original
 * subject (see `replayDeadLetter`: a new message for the consumer, then removed from the DLQ).
 * Exit codes: 0 done, 1 a failure (NATS, a missing letter), 2 bad usage.
 */
async function main(): Promise<number> {
  loadDotEnv();
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { consumer: { type: 'string' }, limit: { type: 'string', default: '100' } },
  });
  const [command, ...rest] = positionals;
  const limit = Number(values.limit);
  const sequences = rest.map(Number);
  if ((command !== 'list' && command !== 'replay') || !Number.isInteger(limit) || limit < 1 || sequences.some((n) => !Number.isInteger(n) || n < 1) || (command === 'replay' && sequences.length === 0)) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const names = natsNames(process.env.NATS_PREFIX || null);
  const nc = await connectNats(process.env.NATS_URL || DEFAULT_NATS_URL, 'dlq-cli');
  try {
    if (command === 'list') {
      const letters = await listDeadLetters(nc, { stream: names.streams.dlq, subject: names.subjects.deadLetter(values.consumer ?? '*'), limit });
      for (const l of letters) process.stdout.write(`${l.seq}\t${l.time.toISOString()}\t${l.consumer}\t${l.subject}\tdeliveries=${l.deliveries}\t${l.error}\n`);
      if (letters.length === 0) process.stdout.write('no dead letters\n');
      return 0;
    }
    for (const seq of sequences) process.stdout.write(`${seq}\treplayed to ${await replayDeadLetter(nc, names.streams.dlq, seq)}\n`);
    return 0;
  } finally {
    await nc.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
