import { GOEMOTIONS_LABELS, goEmotionsToEkman } from './goemotions-labels';
import type { EkmanOrNeutral, GoEmotionsLabel } from './goemotions-labels';

/** One comment of a GoEmotions split. */
export interface GoEmotionsRow {
  text: string;
  /** Its labels (one or more), as in the file. */
  labels: GoEmotionsLabel[];
  /** Reddit comment id (unique within a split). */
  id: string;
}

/**
 * Parses a GoEmotions split (`train.tsv`, `dev.tsv`): one comment a line, `text <TAB>
 * comma-separated label indices <TAB> comment id`, no header. The text is kept as it is
 * (including the CSV-style quotes of some lines, as `QUOTE_NONE` reads them).
 *
 * @throws {SyntaxError} on a line without three fields or with an unknown label index
 */
export function parseGoEmotionsTsv(content: string): GoEmotionsRow[] {
  return content
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line, index) => {
      const fields = line.split('\t');
      if (fields.length !== 3) throw new SyntaxError(`line ${index + 1}: expected 3 tab-separated fields, got ${fields.length}`);
      const [text = '', labelField = '', id = ''] = fields;
      const labels = labelField.split(',').map((field) => {
        const label = GOEMOTIONS_LABELS[Number(field)];
        if (!/^\d+$/.test(field) || !label) throw new SyntaxError(`line ${index + 1}: unknown label index ${JSON.stringify(field)}`);
        return label;
      });
      return { text, labels, id };
    });
}

/**
 * The Ekman group (or neutral) of a row whose labels all fall into one group, else null
 * (e.g. `joy,anger`). "Single-label" in the evaluation means such rows: 39 555 of train's
 * 43 410 lines and 4 946 of dev's 5 426.
 */
export function singleEkmanGroup(row: GoEmotionsRow): EkmanOrNeutral | null {
  const groups = new Set(row.labels.map(goEmotionsToEkman));
  return groups.size === 1 ? ([...groups][0] ?? null) : null;
}
