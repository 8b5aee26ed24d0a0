import { createLogger } from '../lib/logger';
import { ensureDashboardBuilt } from './lib/dashboard-build';

/** `npm run build:dashboard`: builds the dashboard into `dashboard/dist` (the gateway serves it at `/`). */
ensureDashboardBuilt(createLogger('dashboard'), true).catch((err: unknown) => {
  createLogger('dashboard').fatal({ err }, 'dashboard build failed');
  process.exit(1);
});
