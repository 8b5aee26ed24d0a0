import type { PgActivityReport, SampleShare } from '../lib/pg-activity-sampler';
import { num, table } from './markdown';

/** Longest statement text shown in a table cell. */
const STATEMENT_CHARS = 240;

/** A statement for a table cell: in backticks, cut at {@link STATEMENT_CHARS}. */
export function statementCell(statement: string, chars = STATEMENT_CHARS): string {
  const text = statement.length > chars ? `${statement.slice(0, chars)}...` : statement;
  return `\`${text.replace(/`/g, "'")}\``;
}

const shares = (list: SampleShare[], count: number) =>
  list
    .slice(0, count)
    .map((s) => `${s.name} ${num(s.percent)} %`)
    .join(', ');

/**
 * What Postgres's backends did while they were sampled: how busy the database was, its
 * statements by share of the samples (with their process and waits), and every sample by wait
 * and by process.
 */
export function pgActivitySection(heading: string, intro: string, report: PgActivityReport): string {
  return [
    heading,
    '',
    `${intro} ${num(report.polls)} polls of \`pg_stat_activity\` (state \`active\`, this database, the sampler's own connection left out) every ${report.intervalMs} ms over ${num(report.seconds)} s: ${num(report.meanActive, 2)} statements running at once on average, none in ${num(report.idlePercent)} % of the polls. ` +
      'A statement\'s share of the samples is its share of the time backends spent running statements. Texts are normalised (parameters `$n`, whitespace collapsed, lists folded); "CPU" means not waiting on anything Postgres instruments.',
    '',
    table(
      ['statement', 'process', 'share of samples %', 'samples', 'its waits'],
      report.statements.map((s) => [statementCell(s.statement), s.application, num(s.percent, 1), num(s.samples), shares(s.waits, 3)]),
    ),
    '',
    `Every sample by wait: ${shares(report.waits, 8)}.`,
    '',
    `Every sample by process: ${shares(report.applications, 8)}.`,
    '',
  ].join('\n');
}
