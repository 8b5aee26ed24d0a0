import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** Thrown by {@link waitUntil} when the condition is still false at the deadline. */
export class WaitTimeoutError extends Error {
  override readonly name = 'WaitTimeoutError';
}

/**
 * Polls `check` every `intervalMs` (250 ms by default) until it resolves true; a check that
 * throws counts as false.
 *
 * @param what what is awaited, for the error message (e.g. `Postgres on port 5433`)
 * @throws {WaitTimeoutError} when `check` is not true within `timeoutMs`
 */
export async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs: number, intervalMs = 250): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() >= deadline) throw new WaitTimeoutError(`${what}: not within ${Math.round(timeoutMs / 1000)} s`);
    await sleep(intervalMs);
  }
}

/** True when a TCP connection to 127.0.0.1:`port` is accepted within 1 s (it is closed at once). */
export function portAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** True when `GET http://127.0.0.1:<port><path>` answers 200 within 1 s. */
export async function httpOk(port: number, path: string): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(1000) });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}
