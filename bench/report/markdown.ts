/** A Markdown table: a header row, then one row per item (cells escaped for `|`). */
export function table(header: string[], rows: Array<Array<string | number>>): string {
  const cell = (value: string | number) => String(value).replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return [`| ${header.map(cell).join(' | ')} |`, `|${header.map(() => ' --- ').join('|')}|`, ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`)].join('\n');
}

/** A number with `digits` decimals, or `n/a` when it is not finite. */
export function num(value: number | null | undefined, digits = 0): string {
  return value === null || value === undefined || !Number.isFinite(value) ? 'n/a' : value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** `a / b` as `2.41x`, or `n/a`. */
export function ratio(a: number | null | undefined, b: number | null | undefined): string {
  return a === null || a === undefined || b === null || b === undefined || !Number.isFinite(a) || !Number.isFinite(b) || b === 0 ? 'n/a' : `${(a / b).toFixed(2)}x`;
}

/** `met` / `**not met**` for a goal. */
export function verdict(met: boolean | null): string {
  return met === null ? 'not measured' : met ? 'met' : '**not met**';
}
