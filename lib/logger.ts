import pino from 'pino';
import type { Logger } from 'pino';
import pretty, { prettyFactory } from 'pino-pretty';
import { traceLogFields } from './tracing/log-fields';

export type { Logger } from 'pino';

/** `LOG_FORMAT`: `json` (one JSON object a line) or `pretty` (pino-pretty, for people). */
export type LogFormat = 'json' | 'pretty';

const PRETTY_OPTIONS = { translateTime: 'HH:MM:ss.l', ignore: 'name,service,trace_id,span_id,trace_flags', singleLine: true };

/**
 * Whether logs are for people: `LOG_FORMAT` when set; otherwise pretty only when stdout is a
 * terminal and `NODE_ENV` is `development` (JSON for log collectors everywhere else).
 */
export function prettyLogs(config: { LOG_FORMAT?: LogFormat | undefined; NODE_ENV: string }, isTTY = Boolean(process.stdout.isTTY)): boolean {
  if (config.LOG_FORMAT) return config.LOG_FORMAT === 'pretty';
  return isTTY && config.NODE_ENV === 'development';
}

/**
 * Creates the structured logger of one service: JSON lines, or `pino-pretty` single lines when
 * `options.pretty` (see {@link prettyLogs}). A line written inside a span carries its `trace_id`,
 * `span_id` and `trace_flags` (tracing on; see `traceLogFields`).
 *
 * @param service name written in every line as `service`
 * @param level pino level (`info` by default)
 */
export function createLogger(service: string, level = 'info', options: { pretty?: boolean } = {}): Logger {
  const config = { name: service, level, base: { service }, timestamp: pino.stdTimeFunctions.isoTime, mixin: () => traceLogFields() };
  return options.pretty ? pino(config, pretty({ ...PRETTY_OPTIONS, colorize: true, sync: true })) : pino(config);
}

/**
 * Turns one JSON log line into a `pino-pretty` single line (other lines are returned as they
 * are): how `npm start` shows its children's logs in a terminal.
 */
export function prettyLineFormatter(colorize = true): (line: string) => string {
  const format = prettyFactory({ ...PRETTY_OPTIONS, colorize });
  return (line) => {
    if (!line.startsWith('{')) return line;
    try {
      return format(JSON.parse(line) as Record<string, unknown>).trimEnd();
    } catch {
      return line;
    }
  };
}
