export { ConfigError, parseConfig } from './parse-config';
export { loadDotEnv } from './env-file';
export {
  DEFAULT_DATABASE_URL,
  DEFAULT_NATS_URL,
  adminHost,
  commonFields,
  delayList,
  flag,
  logFormat,
  logLevel,
  natsPrefix,
  nodeEnv,
  optionalString,
  optionalUrl,
  port,
  positiveInt,
  url,
} from './fields';
export { resourceAttributes, tracingFields } from './tracing-fields';
