// Tracing's HTTP and SQL instrumentation: first, before anything loads `http` or `pg`.
import '../../lib/tracing/preload';
import { runEntryPoint } from '../../lib/server';
import { loadGatewayConfig } from './config';
import { startGateway } from './server';

process.env.APOLLO_TELEMETRY_DISABLED ??= '1';
runEntryPoint('gateway', () => startGateway(loadGatewayConfig(process.env)));
