// Jest setup: quiet logs and no Apollo telemetry in every test process.
process.env.APOLLO_TELEMETRY_DISABLED = '1';
process.env.LOG_LEVEL ??= 'silent';
