/**
 * Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs` with
 * the last error. For asynchronous effects (workers, events), not for timing assertions.
 */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 15000, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`condition not met within ${timeoutMs} ms${lastError ? `: ${String(lastError)}` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
