import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Path of the GoEmotions development split in the repository (`data/goemotions/dev.tsv`). */
export const GOEMOTIONS_DEV = join(__dirname, '..', '..', 'data', 'goemotions', 'dev.tsv');

/**
 * Comment texts of the GoEmotions dev split (first column of the TSV), in file order, keeping
 * those between `minLength` and `maxLength` characters.
 */
export function goEmotionsTexts(count: number, minLength = 40, maxLength = 300): string[] {
  return readFileSync(GOEMOTIONS_DEV, 'utf8')
    .split('\n')
    .map((line) => line.split('\t')[0] ?? '')
    .filter((text) => text.length >= minLength && text.length <= maxLength)
    .slice(0, count);
}
