// The load process of the gateway scenario: runs autocannon as asked over IPC
// (`HttpLoadRequest`), checks every response byte for byte against its verified body, and
// answers `{ type: 'result', result: HttpLoadResult }` (or `{ type: 'error', message }`).
import { loadAutocannon } from '../lib/bench-packages';
import type { HttpLoadRequest, HttpLoadResult } from '../lib/http-load';
import { percentile } from '../lib/stats';

function run(request: HttpLoadRequest): Promise<HttpLoadResult> {
  const autocannon = loadAutocannon();
  const url = new URL(request.url);
  const latencies: number[] = [];
  let next = 0;
  let mismatches = 0;
  let firstMismatch: string | null = null;
  const cpuAtStart = process.cpuUsage();
  const startedAt = performance.now();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: url.origin,
        connections: request.connections,
        duration: request.durationSeconds,
        timeout: 10,
        requests: [
          {
            method: 'POST',
            path: url.pathname,
            headers: { 'content-type': 'application/json', ...request.headers },
            setupRequest(req, context) {
              const index = next++ % request.variants.length;
              context.index = index;
              return { ...req, body: request.variants[index]!.body };
            },
            onResponse(status, body, context) {
              if (status < 200 || status >= 300) return;
              if (body === request.variants[context.index as number]!.expected) return;
              mismatches++;
              firstMismatch ??= body.slice(0, 500);
            },
          },
        ],
      },
      (err, result) => {
        if (err) return reject(err);
        const cpu = process.cpuUsage(cpuAtStart);
        resolve({
          loadCpuPercent: (100 * (cpu.user + cpu.system)) / 1000 / (performance.now() - startedAt),
          responses: latencies.length,
          sent: result.requests.sent,
          rps: latencies.length / result.duration,
          p50: percentile(latencies, 50),
          p95: percentile(latencies, 95),
          p99: percentile(latencies, 99),
          errors: result.errors,
          non2xx: result.non2xx,
          mismatches,
          firstMismatch,
          durationSeconds: result.duration,
        });
      },
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => latencies.push(responseTime));
  });
}

process.once('message', (message: HttpLoadRequest) => {
  run(message).then(
    (result) => process.send?.({ type: 'result', result }),
    (err: unknown) => process.send?.({ type: 'error', message: err instanceof Error ? err.message : String(err) }),
  );
});
