// Side-effect module: import it FIRST in every process entry point (`gateway/src/main.ts`,
// `subgraphs/<name>/src/main.ts`, `scripts/service.ts`), before anything that loads `http` or
// `pg`. When tracing is on (`OTEL_EXPORTER_OTLP_ENDPOINT`, from the environment or `.env`), it
// installs the HTTP, undici and pg instrumentations now, since they can only patch those modules
// as they load; `runEntryPoint` starts the SDK afterwards, with the process's service name. When
// tracing is off it loads nothing else.
import { loadDotEnv } from '../config/env-file';
import { loadTracingConfig } from './config';
import { instrumentProcess } from './start-tracing';

try {
  loadDotEnv();
  if (loadTracingConfig(process.env).OTEL_EXPORTER_OTLP_ENDPOINT) instrumentProcess();
} catch {
  // An unreadable .env or an invalid OTEL_* variable: the entry point reports it as it starts.
}
